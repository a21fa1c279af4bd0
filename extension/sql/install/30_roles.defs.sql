GRANT USAGE ON SCHEMA motcua TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;
-- (the public views and functions run internal ones as their caller)
GRANT USAGE ON SCHEMA motcua_internal TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;

-- Reference data: everyone reads it, the admin maintains it.
GRANT SELECT ON motcua.national_database, motcua.jurisdiction, motcua.tier, motcua.unit,
	motcua.field, motcua.document_type, motcua.procedure, motcua.procedure_component
	TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;
GRANT INSERT, UPDATE, DELETE ON motcua.national_database, motcua.jurisdiction, motcua.tier,
	motcua.unit, motcua.field, motcua.document_type, motcua.procedure, motcua.procedure_component
	TO motcua_admin;

-- Subjects are personal data (Decree 13/2023): officers and auditors only,
-- never the BI role.
GRANT SELECT ON motcua.subject TO motcua_admin, motcua_officer, motcua_auditor;
GRANT INSERT, UPDATE ON motcua.subject TO motcua_admin, motcua_officer;
GRANT USAGE ON SEQUENCE motcua.subject_id_seq TO motcua_admin, motcua_officer;
GRANT EXECUTE ON FUNCTION motcua_internal.subject_of(text) TO motcua_admin, motcua_officer;
REVOKE EXECUTE ON FUNCTION motcua_internal.subject_of(text) FROM PUBLIC;

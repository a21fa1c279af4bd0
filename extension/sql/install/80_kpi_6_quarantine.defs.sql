-- What the KPI refresh set aside, for the DBA.
CREATE OR REPLACE VIEW motcua.kpi_quarantine AS
SELECT q.dossier, q.reason, q.sqlstate, q.set_aside_at FROM motcua_internal.kpi_quarantine q;
COMMENT ON VIEW motcua.kpi_quarantine IS
	'dossiers refresh_kpis() could not fold into the KPIs, with the reason; the rest of the refresh went on, and their earlier figures stay';
COMMENT ON COLUMN motcua.kpi_quarantine.dossier IS 'the dossier set aside';
COMMENT ON COLUMN motcua.kpi_quarantine.reason IS 'the error its facts raised';
COMMENT ON COLUMN motcua.kpi_quarantine.sqlstate IS 'the error''s SQLSTATE';
COMMENT ON COLUMN motcua.kpi_quarantine.set_aside_at IS 'when the refresh set it aside (last time)';
GRANT SELECT ON motcua.kpi_quarantine TO motcua_admin, motcua_auditor;

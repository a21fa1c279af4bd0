-- Row-level security (Decree 13/2023: least privilege on personal data).
-- An officer reads the rows of the units they work at (motcua_internal.
-- session_units(): their assignments today, a leader's whole subtree): the
-- dossiers received at or passed to those units, and what hangs on those
-- dossiers (components, history, ratings, the subjects and their
-- warehouse).  The auditor and the administrator read every row.  The
-- functions that write run as their owner and check the unit themselves
-- (motcua_internal.require_unit_access).  Policies are dropped and made
-- again, so an upgrade re-sources this part.
DO $rls$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['dossier', 'dossier_component', 'dossier_event', 'subject', 'document',
							 'national_record', 'lookup_request', 'queue_ticket', 'rating', 'feedback',
							 'subject_correction'] LOOP
		EXECUTE format('ALTER TABLE motcua.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('DROP POLICY IF EXISTS read_all ON motcua.%I', t);
		EXECUTE format('CREATE POLICY read_all ON motcua.%I FOR SELECT TO motcua_auditor, motcua_admin USING (true)', t);
		EXECUTE format('DROP POLICY IF EXISTS own_units ON motcua.%I', t);
	END LOOP;
END
$rls$;
CREATE POLICY own_units ON motcua.dossier FOR SELECT TO motcua_officer
	USING (unit OPERATOR(motcua.=) ANY ((SELECT motcua_internal.session_units())::motcua.unit_id[])
		   OR current_unit OPERATOR(motcua.=) ANY ((SELECT motcua_internal.session_units())::motcua.unit_id[])
		   OR transferred_to OPERATOR(pg_catalog.&&) (SELECT motcua_internal.session_units())::motcua.unit_id[]);
-- What hangs on a dossier or a subject is visible when its dossier or
-- subject is.  The rules probe the row's own dossier (by its code and the
-- month in it: one partition, one index entry) or subject, row by row: a
-- rule written "dossier IN (SELECT code FROM dossier)" would hash every
-- dossier the officer may read, on every query, however few rows it asks for.
CREATE OR REPLACE FUNCTION motcua_internal.dossier_rule(tbl text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT format('EXISTS (SELECT 1 FROM motcua.dossier d WHERE d.code OPERATOR(motcua.=) %1$I.dossier '
				  'AND d.received_on = motcua.received_on(%1$I.dossier))', tbl)
$$;
DO $rules$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['dossier_component', 'dossier_event', 'rating'] LOOP
		EXECUTE format('CREATE POLICY own_units ON motcua.%I FOR SELECT TO motcua_officer USING (%s)',
					   t, motcua_internal.dossier_rule(t));
	END LOOP;
	FOREACH t IN ARRAY ARRAY['document', 'national_record', 'lookup_request', 'subject_correction'] LOOP
		EXECUTE format('CREATE POLICY own_units ON motcua.%1$I FOR SELECT TO motcua_officer '
					   'USING (EXISTS (SELECT 1 FROM motcua.subject s WHERE s.id = %1$I.subject))', t);
	END LOOP;
END
$rules$;
CREATE POLICY own_units ON motcua.subject FOR SELECT TO motcua_officer
	USING (EXISTS (SELECT 1 FROM motcua.dossier d WHERE d.subject = subject.id));
CREATE POLICY own_units ON motcua.queue_ticket FOR SELECT TO motcua_officer
	USING (unit OPERATOR(motcua.=) ANY ((SELECT motcua_internal.session_units())::motcua.unit_id[]));
CREATE POLICY own_units ON motcua.feedback FOR SELECT TO motcua_officer
	USING (unit OPERATOR(motcua.=) ANY ((SELECT motcua_internal.session_units())::motcua.unit_id[]));

-- protect_rows puts a table of motcua under these rules: everyone of
-- all_readers reads every row, an officer the rows officer_rule lets
-- through (the tables the later parts add: payments, rosters, postal
-- shipments, certifications, officer ratings).
CREATE OR REPLACE FUNCTION motcua_internal.protect_rows(tbl text, officer_rule text,
														all_readers text DEFAULT 'motcua_auditor, motcua_admin')
	RETURNS void
-- (the rules are parsed with motcua's operators in reach, as the install
-- script's own statements are)
LANGUAGE plpgsql SET search_path = pg_catalog, motcua, pg_temp AS $$
BEGIN
	EXECUTE format('ALTER TABLE motcua.%I ENABLE ROW LEVEL SECURITY', tbl);
	EXECUTE format('DROP POLICY IF EXISTS read_all ON motcua.%I', tbl);
	EXECUTE format('CREATE POLICY read_all ON motcua.%I FOR SELECT TO %s USING (true)', tbl, all_readers);
	EXECUTE format('DROP POLICY IF EXISTS own_units ON motcua.%I', tbl);
	EXECUTE format('CREATE POLICY own_units ON motcua.%I FOR SELECT TO motcua_officer USING (%s)', tbl, officer_rule);
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.protect_rows(text, text, text) FROM PUBLIC;

-- Subjects are created by reception and lookups (as the functions' owner);
-- an officer no longer edits them directly.
REVOKE INSERT, UPDATE ON motcua.subject FROM motcua_officer;
REVOKE USAGE ON SEQUENCE motcua.subject_id_seq FROM motcua_officer;

-- The front-office views without personal data, filtered the same way: an
-- officer sees their own units' tickets and feedback deadlines; BI, the
-- auditor and the administrator every unit's.  (The views run as their
-- owner, so the filter is theirs to apply.)
CREATE OR REPLACE VIEW motcua.queue_wait AS
SELECT w.* FROM motcua_internal.ticket_wait w
WHERE (SELECT motcua_internal.reads_every_unit())
   OR w.unit OPERATOR(motcua.=) ANY ((SELECT motcua_internal.session_units())::motcua.unit_id[]);
COMMENT ON VIEW motcua.queue_wait IS
	'waiting time per ticket in minutes (issue, or booked slot if later, to call) and whether it was under 10 minutes; NULL until called; no personal data; an officer sees their own units''';
CREATE OR REPLACE VIEW motcua.feedback_status AS
SELECT f.* FROM motcua_internal.feedback_deadline f
WHERE (SELECT motcua_internal.reads_every_unit())
   OR f.unit OPERATOR(motcua.=) ANY ((SELECT motcua_internal.session_units())::motcua.unit_id[]);
COMMENT ON VIEW motcua.feedback_status IS
	'feedback deadlines: on_time (NULL while open and not yet due), overdue as of now(), satisfaction with the handling; no personal content; an officer sees their own units''';
GRANT SELECT ON motcua.queue_wait, motcua.feedback_status
	TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;

-- Progress of long work (extension/progress.c): refresh_kpis, rebuild_kpis
-- and bulk loads name their current step in pg_stat_activity; the view
-- motcua.progress lists the backends doing such work.
CREATE OR REPLACE FUNCTION motcua_internal.report_progress(message text) RETURNS void
	AS 'MODULE_PATHNAME', 'motcua_report_progress'
	LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua_internal.report_progress(text) IS
	'show message ("motcua <operation>: <step>") as this backend''s activity in pg_stat_activity; NULL restores the statement''s text';

CREATE OR REPLACE VIEW motcua.progress AS
SELECT a.pid,
	   a.usename AS role,
	   a.datname AS database,
	   split_part(substr(a.query, 8), ':', 1) AS operation,
	   btrim(substr(a.query, strpos(a.query, ':') + 1)) AS step,
	   a.query_start AS started_at,
	   now() - a.query_start AS running_for
FROM pg_catalog.pg_stat_activity a
WHERE a.state = 'active' AND a.query LIKE 'motcua %:%';
COMMENT ON VIEW motcua.progress IS
	'long motcua work running now (refresh_kpis, rebuild_kpis, bulk loads) and the step it is at; other roles'' backends are visible to superusers and members of pg_read_all_stats';
COMMENT ON COLUMN motcua.progress.pid IS 'the backend doing the work';
COMMENT ON COLUMN motcua.progress.role IS 'the role running it';
COMMENT ON COLUMN motcua.progress.database IS 'the database it runs in';
COMMENT ON COLUMN motcua.progress.operation IS 'the function: refresh_kpis, rebuild_kpis, ...';
COMMENT ON COLUMN motcua.progress.step IS 'where it is, e.g. "batch 3: 150000 dossiers folded"';
COMMENT ON COLUMN motcua.progress.started_at IS 'when the statement that runs it started';
COMMENT ON COLUMN motcua.progress.running_for IS 'how long it has been running';
GRANT SELECT ON motcua.progress TO motcua_admin, motcua_auditor;
REVOKE ALL ON FUNCTION motcua_internal.report_progress(text) FROM PUBLIC;

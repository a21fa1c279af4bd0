-- Dossiers refresh_kpis() could not fold, set aside with the reason, so
-- that one bad row never stops the refresh for the whole installation.
CREATE TABLE motcua_internal.kpi_quarantine (
	dossier		motcua.dossier_code PRIMARY KEY,
	reason		text NOT NULL,
	sqlstate	text NOT NULL,
	set_aside_at timestamptz NOT NULL
);
COMMENT ON TABLE motcua_internal.kpi_quarantine IS
	'dossiers refresh_kpis() set aside: their facts could not be computed; fixed and changed again, they are folded and leave it';

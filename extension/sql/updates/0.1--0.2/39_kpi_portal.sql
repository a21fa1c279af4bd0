-- 0.2: whether a dossier's reception reached the national portal is a
-- KPI fact (portal_synced); the fact function takes it.
ALTER TABLE motcua_internal.kpi_dossier ADD COLUMN portal_synced boolean NOT NULL DEFAULT false;
DROP FUNCTION motcua_internal.kpi_fact(motcua.dossier, interval, motcua_internal.kpi_component_counts, boolean, boolean);

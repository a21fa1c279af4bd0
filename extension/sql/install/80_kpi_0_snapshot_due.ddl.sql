-- The Decision 766 and plan compliance snapshots a fold made stale, per
-- period and unit, until they are recomputed.  refresh_kpis() recomputes
-- them before it returns; the kpi_refresh job, whose passes follow one
-- another under a steady load, lets them gather for a few seconds first
-- (recomputing them took most of a small pass).
CREATE TABLE motcua_internal.kpi_snapshot_due (
	kind		"char" NOT NULL,
	start		date NOT NULL,
	unit		motcua.unit_id NOT NULL,
	since		timestamptz NOT NULL DEFAULT clock_timestamp(),
	PRIMARY KEY (kind, start, unit)
);
COMMENT ON TABLE motcua_internal.kpi_snapshot_due IS
	'Decision 766 and plan compliance snapshots made stale by a KPI fold, per period and unit, since when; emptied when they are recomputed';

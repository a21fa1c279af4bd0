-- The KPI measures, defined once: each sum kept per unit and period in
-- motcua_internal.kpi_unit_period, with the aggregate over a day's facts
-- (motcua_internal.kpi_dossier rows f) that it adds on the day a dossier
-- was received, the day its processing ended, and the day it became
-- overdue.  80_kpi_0_measures.defs.sql lists them; the sums table's
-- columns and the refresh (kpi_apply) are generated from the list.
-- Adding a measure is adding a row there.
CREATE TABLE motcua_internal.kpi_measure (
	ordinal		smallint NOT NULL UNIQUE,
	name		name PRIMARY KEY,
	type		text NOT NULL CHECK (type IN ('bigint', 'numeric')),
	keeps_row	boolean NOT NULL,
	on_received text,
	on_finished text,
	on_overdue	text,
	description text NOT NULL,
	CHECK (coalesce(on_received, on_finished, on_overdue) IS NOT NULL)
);
COMMENT ON TABLE motcua_internal.kpi_measure IS
	'KPI measures: the aggregate over a day''s facts each adds on the day of receipt, of the end of processing and of becoming overdue; keeps_row: a period''s row exists while one of these is not 0';

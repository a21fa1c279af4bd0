CREATE TABLE motcua_internal.kpi_dirty (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier		motcua.dossier_code NOT NULL
);
COMMENT ON TABLE motcua_internal.kpi_dirty IS 'dossiers changed since the last refresh_kpis(); appended by triggers, emptied by the refresh';

-- Tickets, ratings and feedback change the waiting-time and satisfaction
-- figures the compliance snapshots hold; they queue their unit and day
-- here, and refresh_kpis() redoes the snapshots of those periods for the
-- units above them.
CREATE TABLE motcua_internal.kpi_front_dirty (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	unit		motcua.unit_id NOT NULL,
	day			date NOT NULL
);
COMMENT ON TABLE motcua_internal.kpi_front_dirty IS 'units and days whose tickets, ratings or feedback changed since the last refresh_kpis()';

-- The contribution last added to the aggregates, per dossier.  Keyed by
-- the day of receipt first, so that a rebuild reads a range of days and a
-- refresh finds a dossier by its code (whose date names the day).
CREATE TABLE motcua_internal.kpi_dossier (
	received_day date NOT NULL,
	code		motcua.dossier_code NOT NULL,
	unit		motcua.unit_id NOT NULL,
	procedure	motcua.procedure_code NOT NULL,
	channel		text NOT NULL,
	finished_day date,
	outcome		text,
	processing_days numeric,
	overdue_from date,
	extended	boolean NOT NULL,
	components	integer NOT NULL,
	components_digitized integer NOT NULL,
	components_reusable integer NOT NULL,
	components_reused integer NOT NULL,
	components_eligible integer NOT NULL,
	eligible_reprovided integer NOT NULL,
	resolved	boolean NOT NULL,
	result_digitized boolean NOT NULL,
	result_esigned boolean NOT NULL,
	transfers_electronic integer NOT NULL,
	transfers_paper integer NOT NULL,
	fee_bearing boolean NOT NULL,
	paid_online boolean NOT NULL,
	population_db_procedure boolean NOT NULL,
	population_db_used boolean NOT NULL,
	portal_synced boolean NOT NULL DEFAULT false,
	PRIMARY KEY (received_day, code)
);
COMMENT ON TABLE motcua_internal.kpi_dossier IS 'each dossier''s contribution as last folded into kpi_unit_period';
COMMENT ON COLUMN motcua_internal.kpi_dossier.overdue_from IS
	'the local day from whose end the dossier counts as open and overdue (overdue_since), until it finished; NULL if it never was';
COMMENT ON COLUMN motcua_internal.kpi_dossier.extended IS 'the dossier was extended with an apology letter';

-- The rebuild filters components by the day in their dossier's code;
-- without statistics on that expression the planner guesses a handful of
-- rows and hashes millions in memory it does not have.
CREATE STATISTICS motcua.dossier_component_received_on ON (motcua.received_on(dossier)) FROM motcua.dossier_component;

-- Sums per unit and period (d day, w ISO week, m month, q quarter, y year).
-- overdue_delta: dossiers that became overdue in the period minus those
-- that stopped being overdue (finished) in it; its running total up to a
-- day is the number open and overdue at the end of that day.
CREATE TABLE motcua_internal.kpi_unit_period (
	unit		motcua.unit_id NOT NULL,
	kind		"char" NOT NULL CHECK (kind IN ('d', 'w', 'm', 'q', 'y')),
	period_start date NOT NULL,
	-- (a column per measure follows, added from motcua_internal.kpi_measure
	-- by 80_kpi_0_measures.defs.sql)
	PRIMARY KEY (unit, kind, period_start)
);
CREATE INDEX kpi_unit_period_period_idx ON motcua_internal.kpi_unit_period (kind, period_start);
COMMENT ON TABLE motcua_internal.kpi_unit_period IS 'KPI sums per unit and day, ISO week, month, quarter and year, kept up to date by refresh_kpis()';

-- Fee-bearing dossiers per unit, month/quarter/year and procedure: which
-- procedures had online payments is not a sum over units, so it is kept
-- per procedure (Decision 766, "procedures with online payments").
CREATE TABLE motcua_internal.kpi_unit_procedure_period (
	unit		motcua.unit_id NOT NULL,
	kind		"char" NOT NULL CHECK (kind IN ('m', 'q', 'y')),
	period_start date NOT NULL,
	procedure	motcua.procedure_code NOT NULL,
	fee_bearing bigint NOT NULL,
	paid_online bigint NOT NULL,
	PRIMARY KEY (unit, kind, period_start, procedure)
);
CREATE INDEX kpi_unit_procedure_period_period_idx ON motcua_internal.kpi_unit_procedure_period (kind, period_start);
COMMENT ON TABLE motcua_internal.kpi_unit_procedure_period IS 'fee-bearing dossiers received and those paid online, per unit, month/quarter/year and procedure';

-- The unit tree's closure (every unit with each of its ancestors and
-- itself), rebuilt whenever the tree changes, so a subtree's figures are a
-- join, not a recursive walk per query.
CREATE TABLE motcua_internal.unit_closure (
	ancestor	motcua.unit_id NOT NULL,
	descendant	motcua.unit_id NOT NULL,
	depth		integer NOT NULL,
	PRIMARY KEY (ancestor, descendant)
);

SELECT pg_catalog.pg_extension_config_dump('motcua_internal.kpi_dossier', '');
SELECT pg_catalog.pg_extension_config_dump('motcua_internal.kpi_unit_period', '');
SELECT pg_catalog.pg_extension_config_dump('motcua_internal.kpi_unit_procedure_period', '');

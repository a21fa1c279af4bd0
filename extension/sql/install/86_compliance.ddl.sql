-- Which jurisdictions a plan is measured in, besides the one it names: a
-- province that adopts a plan, or a shipped plan whose jurisdiction is not
-- in this database under that code.  Local data (dumped).
CREATE TABLE motcua.plan_scope (
	plan		text NOT NULL REFERENCES motcua.plan ON UPDATE CASCADE ON DELETE CASCADE,
	jurisdiction text NOT NULL REFERENCES motcua.jurisdiction ON UPDATE CASCADE ON DELETE CASCADE,
	PRIMARY KEY (plan, jurisdiction)
);
COMMENT ON TABLE motcua.plan_scope IS 'jurisdictions a plan is measured in, in addition to plan.jurisdiction';
SELECT pg_catalog.pg_extension_config_dump('motcua.plan_scope', '');

CREATE TABLE motcua_internal.plan_compliance_snapshot (
	plan		text NOT NULL,
	indicator	text NOT NULL,
	tier		text NOT NULL,
	area_class	text NOT NULL,
	unit		motcua.unit_id NOT NULL,
	year		integer NOT NULL,
	actual		numeric,
	target		numeric,
	met			boolean,
	gap			numeric,
	reason		text,
	as_of		timestamptz NOT NULL,
	PRIMARY KEY (plan, indicator, tier, area_class, unit, year)
);
COMMENT ON TABLE motcua_internal.plan_compliance_snapshot IS 'each plan target measured at each unit it applies to, per year, as of the last refresh_kpis()';

-- report_weekly and report_quarterly: the rows a unit sends upward, one per
-- unit directly under it (with their own subtrees aggregated: communes
-- into districts) and a total row for the unit itself.  The overdue
-- figure is read for every unit, with or without activity in the period.
CREATE TYPE motcua.report_row AS (
	unit motcua.unit_id, unit_name text, is_total boolean, received numeric, received_online numeric,
	online_rate numeric, finished numeric, early numeric, on_time numeric, late numeric, on_time_rate numeric,
	in_progress_overdue bigint, digitized_dossier_rate numeric, digitized_result_rate numeric,
	not_reprovided_rate numeric, online_payment_rate numeric, avg_wait_minutes numeric, satisfaction_rate numeric);

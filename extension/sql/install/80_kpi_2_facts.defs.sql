-- KPI facts: what one dossier contributes (outcome, overdue, counts).

-- KPI engine, part one: incremental facts (docs/domain.md §5).
--
-- Every change to a dossier or its components appends its code to
-- motcua_internal.kpi_dirty inside the same transaction (an insert, no unique key, so
-- it never waits for anything).  motcua.refresh_kpis() takes the codes
-- queued so far, subtracts each dossier's previous contribution
-- (motcua_internal.kpi_dossier) from the period aggregates (motcua_internal.kpi_unit_period),
-- adds its current one, and remembers it: the cost follows the number of
-- changed dossiers, not the history.  motcua.rebuild_kpis() recomputes from
-- the dossiers themselves, for repair, and must agree exactly.

-- outcome of a finished dossier by the Decision 766 rule, against its
-- legal deadline (dossier.due_at: clock stops move it, extensions do not);
-- timeliness() and the facts share it
CREATE OR REPLACE FUNCTION motcua_internal.finished_outcome(finished_at timestamptz, due_at timestamptz,
										supplement_count integer, utc_offset interval) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN supplement_count > 1 OR finished_at > due_at THEN 'late'
				WHEN motcua_internal.wall_clock(finished_at, utc_offset)::date
					 < motcua_internal.wall_clock(due_at, utc_offset)::date THEN 'early'
				ELSE 'on_time' END
$$;
COMMENT ON FUNCTION motcua_internal.finished_outcome(timestamptz, timestamptz, integer, interval) IS
	'early (a calendar day or more before the legal deadline), on_time or late; more than one supplement request is late';

-- overdue_since: the instant after which a dossier counts as overdue while
-- it is open, as timeliness() judges it, or NULL if it is not (yet).  An
-- open dossier is overdue after its legal deadline unless a clock stop
-- that began before the deadline is running (the deadline is not running
-- either); a finished one was overdue after its deadline if it ended
-- later; a second supplement request makes it overdue from that moment.
CREATE OR REPLACE FUNCTION motcua_internal.overdue_since(finished_at timestamptz, due_at timestamptz, second_supplement_at timestamptz,
									 clock_stopped_at timestamptz, calendar text) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
	SELECT least(CASE WHEN CASE WHEN finished_at IS NOT NULL THEN finished_at > due_at
								ELSE clock_stopped_at IS NULL
									 OR motcua.working_days_between(clock_stopped_at, due_at, calendar) <= 0 END
					  THEN due_at END,
				 second_supplement_at)
$$;

-- kpi_component_counts: a dossier's components, counted the way the facts
-- need them (a query restricted to one dossier reads only its rows).
CREATE OR REPLACE VIEW motcua_internal.kpi_component_counts AS
SELECT x.dossier,
	   count(*) AS components,
	   count(*) FILTER (WHERE x.digitized) AS digitized,
	   count(*) FILTER (WHERE x.reusable) AS reusable,
	   count(*) FILTER (WHERE x.supplied_by IN ('reused_warehouse', 'national_db')) AS reused,
	   count(*) FILTER (WHERE x.eligible) AS eligible,
	   count(*) FILTER (WHERE x.eligible AND x.supplied_by IS DISTINCT FROM 'reused_warehouse'
						AND x.supplied_by IS DISTINCT FROM 'national_db') AS eligible_reprovided,
	   count(*) FILTER (WHERE x.supplied_by = 'national_db' AND t.national_database = 'population')
		   AS from_population_db
FROM motcua.dossier_component x
LEFT JOIN motcua.document_type t ON t.code = x.document_type
GROUP BY x.dossier;

-- population_db_procedure: the procedures connected to the national
-- population database (a component it can supply), the denominator of
-- Decision 766's "dossiers using the population database".
CREATE OR REPLACE VIEW motcua_internal.population_db_procedure AS
SELECT DISTINCT pc.procedure
FROM motcua.procedure_component pc
JOIN motcua.document_type t ON t.code = pc.document_type
WHERE coalesce(pc.national_database, t.national_database) = 'population';

-- kpi_fact: what a dossier contributes, from its row, its calendar's UTC
-- offset, its component counts, whether its result is in the warehouse and
-- whether its procedure is connected to the population database.
-- Received-side measures count on the day of receipt, resolution-side ones
-- on the day processing ended, the overdue count from the day it became
-- overdue (overdue_since) to the day it ended.  A one-row SQL function, so the
-- planner inlines it into the refresh (a few dossiers, by index) and the
-- rebuild (all of them, by hash joins) alike.
CREATE OR REPLACE FUNCTION motcua_internal.kpi_fact(d motcua.dossier, utc_offset interval, k motcua_internal.kpi_component_counts,
								result_digitized boolean, population_db_procedure boolean, portal_synced boolean)
	RETURNS SETOF motcua_internal.kpi_dossier
LANGUAGE sql STABLE ROWS 1 AS $$
	SELECT d.received_on, d.code, d.unit, d.procedure, d.channel,
		   motcua_internal.wall_clock(d.finished_at, utc_offset)::date,
		   CASE WHEN d.finished_at IS NOT NULL
				THEN motcua_internal.finished_outcome(d.finished_at, d.due_at, d.supplement_count, utc_offset) END,
		   CASE WHEN d.finished_at IS NOT NULL
				THEN motcua.working_days_between(d.received_at, d.finished_at, d.calendar, d.clock_stops) END,
		   motcua_internal.wall_clock(motcua_internal.overdue_since(d.finished_at, d.due_at, d.second_supplement_at,
												  d.clock_stopped_at, d.calendar), utc_offset)::date,
		   d.extension_count > 0,
		   coalesce(k.components, 0)::integer, coalesce(k.digitized, 0)::integer,
		   coalesce(k.reusable, 0)::integer, coalesce(k.reused, 0)::integer,
		   coalesce(k.eligible, 0)::integer, coalesce(k.eligible_reprovided, 0)::integer,
		   d.state IN ('done', 'returned'), result_digitized, coalesce(d.result_esigned, false),
		   d.transfers_electronic::integer, d.transfers_paper::integer, d.fee > 0, d.paid_online,
		   population_db_procedure, coalesce(k.from_population_db, 0) > 0, portal_synced,
		   coalesce((d.details->>'four_on_spot')::boolean, false),
		   CASE WHEN d.channel = 'online' THEN coalesce(d.details->>'filing', 'self') END
$$;

-- kpi_facts_of: the current facts of the given dossiers (the refresh's
-- path: one index probe per dossier and table).
CREATE OR REPLACE FUNCTION motcua_internal.kpi_facts_of(codes motcua.dossier_code[]) RETURNS SETOF motcua_internal.kpi_dossier
LANGUAGE sql STABLE AS $$
	SELECT f.*
	FROM unnest(codes) c(code)
	-- (OFFSET 0 keeps each subquery a per-dossier index probe: the planner
	-- would otherwise hash whole tables, not counting that each probe of
	-- the dossiers reaches only the partition its code's date names)
	CROSS JOIN LATERAL (SELECT x.* FROM motcua.dossier x
						WHERE x.code OPERATOR(motcua.=) c.code AND x.received_on = motcua.received_on(c.code)
						OFFSET 0) d
	JOIN motcua.calendar cal ON cal.code = d.calendar
	LEFT JOIN LATERAL (SELECT * FROM motcua_internal.kpi_component_counts x
					   WHERE x.dossier OPERATOR(motcua.=) c.code OFFSET 0) k ON true
	LEFT JOIN LATERAL (SELECT true AS found FROM motcua.document r
					   WHERE r.dossier OPERATOR(motcua.=) c.code AND r.provenance = 'dossier_result'
					   LIMIT 1) r ON true
	LEFT JOIN motcua_internal.population_db_procedure pp ON pp.procedure OPERATOR(motcua.=) d.procedure
	LEFT JOIN LATERAL (SELECT true AS synced FROM motcua.portal_outbox o
					   WHERE o.dossier OPERATOR(motcua.=) c.code AND o.seq = 1 AND o.status = 'delivered') ps ON true
	CROSS JOIN LATERAL motcua_internal.kpi_fact(d::motcua.dossier, cal.utc_offset, k, r.found IS NOT NULL,
									   pp.procedure IS NOT NULL, ps.synced IS NOT NULL) f
$$;

-- kpi_facts_received: the current facts of every dossier received in a
-- range of days (the rebuild's path: hash joins over whole tables).
CREATE OR REPLACE FUNCTION motcua_internal.kpi_facts_received(from_day date, to_day date) RETURNS SETOF motcua_internal.kpi_dossier
LANGUAGE sql STABLE AS $$
	SELECT f.*
	FROM motcua.dossier d
	JOIN motcua.calendar cal ON cal.code = d.calendar
	LEFT JOIN motcua_internal.kpi_component_counts k ON k.dossier OPERATOR(motcua.=) d.code
		 AND motcua.received_on(k.dossier) BETWEEN from_day AND to_day
	LEFT JOIN (SELECT DISTINCT r.dossier FROM motcua.document r
			   WHERE r.provenance = 'dossier_result' AND r.dossier IS NOT NULL) r
		 ON r.dossier OPERATOR(motcua.=) d.code
	LEFT JOIN motcua_internal.population_db_procedure pp ON pp.procedure OPERATOR(motcua.=) d.procedure
	LEFT JOIN motcua.portal_outbox ps ON ps.dossier OPERATOR(motcua.=) d.code AND ps.seq = 1 AND ps.status = 'delivered'
	CROSS JOIN LATERAL motcua_internal.kpi_fact(d, cal.utc_offset, k, r.dossier IS NOT NULL, pp.procedure IS NOT NULL,
									   ps.id IS NOT NULL) f
	WHERE d.received_on BETWEEN from_day AND to_day
$$;

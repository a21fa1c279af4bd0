-- KPI engine, part one: incremental facts (ONE-STOP.md §5).
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
-- (not dumped: a restore re-inserts the dossiers, which queues them again)

CREATE OR REPLACE FUNCTION motcua_internal.mark_kpi_dirty() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_TABLE_NAME = 'dossier_component' THEN
		INSERT INTO motcua_internal.kpi_dirty (dossier) VALUES (NEW.dossier);
	ELSE
		INSERT INTO motcua_internal.kpi_dirty (dossier) VALUES (NEW.code);
	END IF;
	RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER kpi_dirty AFTER INSERT OR UPDATE ON motcua.dossier
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.mark_kpi_dirty();
CREATE OR REPLACE TRIGGER kpi_dirty AFTER UPDATE ON motcua.dossier_component
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.mark_kpi_dirty();

CREATE OR REPLACE FUNCTION motcua_internal.mark_kpi_front_dirty() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	old_unit motcua.unit_id;
	old_day date;
	new_unit motcua.unit_id;
	new_day date;
BEGIN
	IF TG_TABLE_NAME = 'queue_ticket' THEN
		IF TG_OP <> 'INSERT' THEN old_unit := OLD.unit; old_day := OLD.day; END IF;
		IF TG_OP <> 'DELETE' THEN new_unit := NEW.unit; new_day := NEW.day; END IF;
	ELSIF TG_TABLE_NAME = 'rating' THEN
		IF TG_OP <> 'INSERT' THEN
			old_unit := motcua.unit_of(OLD.dossier); old_day := motcua.local_time(OLD.rated_at)::date;
		END IF;
		IF TG_OP <> 'DELETE' THEN
			new_unit := motcua.unit_of(NEW.dossier); new_day := motcua.local_time(NEW.rated_at)::date;
		END IF;
	ELSE
		IF TG_OP <> 'INSERT' THEN old_unit := OLD.unit; old_day := motcua.local_time(OLD.submitted_at)::date; END IF;
		IF TG_OP <> 'DELETE' THEN new_unit := NEW.unit; new_day := motcua.local_time(NEW.submitted_at)::date; END IF;
	END IF;
	INSERT INTO motcua_internal.kpi_front_dirty (unit, day)
	SELECT DISTINCT x.unit, x.day FROM (VALUES (old_unit, old_day), (new_unit, new_day)) x(unit, day)
	WHERE x.unit IS NOT NULL;
	RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER kpi_front_dirty AFTER INSERT OR UPDATE OR DELETE ON motcua.queue_ticket
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.mark_kpi_front_dirty();
CREATE OR REPLACE TRIGGER kpi_front_dirty AFTER INSERT OR UPDATE OR DELETE ON motcua.rating
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.mark_kpi_front_dirty();
CREATE OR REPLACE TRIGGER kpi_front_dirty AFTER INSERT OR UPDATE OR DELETE ON motcua.feedback
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.mark_kpi_front_dirty();

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
								result_digitized boolean, population_db_procedure boolean)
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
		   population_db_procedure, coalesce(k.from_population_db, 0) > 0
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
	CROSS JOIN LATERAL motcua_internal.kpi_fact(d::motcua.dossier, cal.utc_offset, k, r.found IS NOT NULL,
									   pp.procedure IS NOT NULL) f
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
	CROSS JOIN LATERAL motcua_internal.kpi_fact(d, cal.utc_offset, k, r.dossier IS NOT NULL, pp.procedure IS NOT NULL) f
	WHERE d.received_on BETWEEN from_day AND to_day
$$;

-- kpi_period_end: the last day of a period.
CREATE OR REPLACE FUNCTION motcua_internal.kpi_period_end(kind "char", period_start date) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT CASE kind WHEN 'd' THEN period_start WHEN 'w' THEN period_start + 6
					 WHEN 'm' THEN (period_start + interval '1 month - 1 day')::date
					 WHEN 'q' THEN (period_start + interval '3 months - 1 day')::date
					 ELSE (period_start + interval '1 year - 1 day')::date END
$$;

-- kpi_apply folds facts into the sums: the facts of `source`, a FROM item
-- of kpi_dossier rows with a column sign (-1 to take a contribution away,
-- 1 to add it), are summed per unit and day (each fact counts on up to
-- three days: received, finished, became overdue), then each day's sums
-- into its day, week, month, quarter and year (and the fee-bearing ones
-- per procedure, month, quarter and year), and only sums that change are
-- written.  The refresh passes its arrays ($1 old facts, $2 new ones),
-- the rebuild a query on the fact table itself, so that one statement sums
-- millions of facts without building arrays of them.  With a window ($3,
-- $4), only the periods overlapping it are touched.  A row exists for a
-- period while some fact counts in it: received, finished or overdue
-- events (every other sum is part of one of those).  Returns the months,
-- quarters and years whose sums changed and the units whose subtree they
-- belong to (whose snapshots are stale).
CREATE OR REPLACE FUNCTION motcua_internal.kpi_apply(source text, old_facts motcua_internal.kpi_dossier[], new_facts motcua_internal.kpi_dossier[],
								 window_from date, window_to date,
								 OUT kinds "char"[], OUT starts date[], OUT units motcua.unit_id[])
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	empty_units motcua.unit_id[];
	empty_kinds "char"[];
	empty_starts date[];
	p_units motcua.unit_id[];
	p_kinds "char"[];
	p_starts date[];
	p_procedures motcua.procedure_code[];
BEGIN
	-- (the facts are read four times: a copy of millions would spill)
	EXECUTE format($q$
	WITH f AS NOT MATERIALIZED (SELECT * FROM %s),
	changed AS (
	INSERT INTO motcua_internal.kpi_unit_period AS k
	SELECT d.* FROM (
		SELECT s.unit, p.kind, p.start,
			   sum(s.sign * s.received) AS received, sum(s.sign * s.received_direct) AS received_direct,
			   sum(s.sign * s.received_online) AS received_online,
			   sum(s.sign * s.received_postal) AS received_postal,
			   sum(s.sign * s.dossiers_digitized) AS dossiers_digitized,
			   sum(s.sign * s.components) AS components,
			   sum(s.sign * s.components_digitized) AS components_digitized,
			   sum(s.sign * s.components_reusable) AS components_reusable,
			   sum(s.sign * s.components_reused) AS components_reused,
			   sum(s.sign * s.dossiers_with_eligible) AS dossiers_with_eligible,
			   sum(s.sign * s.dossiers_nothing_reprovided) AS dossiers_nothing_reprovided,
			   sum(s.sign * s.fee_bearing) AS fee_bearing, sum(s.sign * s.paid_online) AS paid_online,
			   sum(s.sign * s.population_db_dossiers) AS population_db_dossiers,
			   sum(s.sign * s.population_db_used) AS population_db_used,
			   sum(s.sign * s.finished) AS finished, sum(s.sign * s.resolved) AS resolved,
			   sum(s.sign * s.early) AS early, sum(s.sign * s.on_time) AS on_time,
			   sum(s.sign * s.late) AS late, sum(s.sign * s.processing_days) AS processing_days,
			   sum(s.sign * s.results_digitized) AS results_digitized,
			   sum(s.sign * s.results_esigned) AS results_esigned,
			   sum(s.sign * s.transfers_electronic) AS transfers_electronic,
			   sum(s.sign * s.transfers_total) AS transfers_total,
			   sum(s.sign * s.overdue_delta) AS overdue_delta,
			   sum(s.sign * s.extended) AS extended, sum(s.sign * s.finished_extended) AS finished_extended
		FROM (SELECT f.unit, f.received_day AS day, f.sign, count(*) AS received,
					 count(*) FILTER (WHERE f.channel = 'direct') AS received_direct,
					 count(*) FILTER (WHERE f.channel = 'online') AS received_online,
					 count(*) FILTER (WHERE f.channel = 'postal') AS received_postal,
					 count(*) FILTER (WHERE f.components_digitized > 0) AS dossiers_digitized,
					 sum(f.components) AS components, sum(f.components_digitized) AS components_digitized,
					 sum(f.components_reusable) AS components_reusable, sum(f.components_reused) AS components_reused,
					 count(*) FILTER (WHERE f.components_eligible > 0) AS dossiers_with_eligible,
					 count(*) FILTER (WHERE f.components_eligible > 0 AND f.eligible_reprovided = 0)
						 AS dossiers_nothing_reprovided,
					 count(*) FILTER (WHERE f.fee_bearing) AS fee_bearing,
					 count(*) FILTER (WHERE f.fee_bearing AND f.paid_online) AS paid_online,
					 count(*) FILTER (WHERE f.population_db_procedure) AS population_db_dossiers,
					 count(*) FILTER (WHERE f.population_db_procedure AND f.population_db_used) AS population_db_used,
					 0 AS finished, 0 AS resolved, 0 AS early, 0 AS on_time, 0 AS late, 0 AS processing_days,
					 0 AS results_digitized, 0 AS results_esigned, 0 AS transfers_electronic, 0 AS transfers_total,
					 0 AS overdue_delta, count(*) FILTER (WHERE f.extended) AS extended, 0 AS finished_extended
			  FROM f GROUP BY f.unit, f.received_day, f.sign
			  UNION ALL
			  SELECT f.unit, f.finished_day, f.sign, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					 count(*), count(*) FILTER (WHERE f.resolved), count(*) FILTER (WHERE f.outcome = 'early'),
					 count(*) FILTER (WHERE f.outcome = 'on_time'), count(*) FILTER (WHERE f.outcome = 'late'),
					 sum(f.processing_days), count(*) FILTER (WHERE f.resolved AND f.result_digitized),
					 count(*) FILTER (WHERE f.resolved AND f.result_esigned), sum(f.transfers_electronic),
					 sum(f.transfers_electronic + f.transfers_paper),
					 -count(*) FILTER (WHERE f.overdue_from IS NOT NULL), 0, count(*) FILTER (WHERE f.extended)
			  FROM f WHERE f.finished_day IS NOT NULL GROUP BY f.unit, f.finished_day, f.sign
			  UNION ALL
			  SELECT f.unit, f.overdue_from, f.sign, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					 0, 0, 0, 0, 0, 0, count(*), 0, 0
			  FROM f WHERE f.overdue_from IS NOT NULL GROUP BY f.unit, f.overdue_from, f.sign) s
		CROSS JOIN LATERAL (VALUES ('d'::"char", s.day), ('w', date_trunc('week', s.day)::date),
								   ('m', date_trunc('month', s.day)::date), ('q', date_trunc('quarter', s.day)::date),
								   ('y', date_trunc('year', s.day)::date)) p(kind, start)
		WHERE $3 IS NULL OR (p.start <= $4 AND motcua_internal.kpi_period_end(p.kind, p.start) >= $3)
		GROUP BY s.unit, p.kind, p.start) d
	-- (a dossier changed in one respect leaves its other sums as they were)
	WHERE (d.received <> 0 OR d.received_direct <> 0 OR d.received_online <> 0 OR
		   d.received_postal <> 0 OR d.dossiers_digitized <> 0 OR d.components <> 0 OR
		   d.components_digitized <> 0 OR d.components_reusable <> 0 OR d.components_reused <> 0 OR
		   d.dossiers_with_eligible <> 0 OR d.dossiers_nothing_reprovided <> 0 OR d.fee_bearing <> 0 OR
		   d.paid_online <> 0 OR d.population_db_dossiers <> 0 OR d.population_db_used <> 0 OR
		   d.finished <> 0 OR d.resolved <> 0 OR d.early <> 0 OR d.on_time <> 0 OR d.late <> 0 OR
		   d.processing_days <> 0 OR d.results_digitized <> 0 OR d.results_esigned <> 0 OR
		   d.transfers_electronic <> 0 OR d.transfers_total <> 0 OR d.overdue_delta <> 0 OR
		   d.extended <> 0 OR d.finished_extended <> 0)
	ON CONFLICT (unit, kind, period_start) DO UPDATE SET
		received = k.received + EXCLUDED.received,
		received_direct = k.received_direct + EXCLUDED.received_direct,
		received_online = k.received_online + EXCLUDED.received_online,
		received_postal = k.received_postal + EXCLUDED.received_postal,
		dossiers_digitized = k.dossiers_digitized + EXCLUDED.dossiers_digitized,
		components = k.components + EXCLUDED.components,
		components_digitized = k.components_digitized + EXCLUDED.components_digitized,
		components_reusable = k.components_reusable + EXCLUDED.components_reusable,
		components_reused = k.components_reused + EXCLUDED.components_reused,
		dossiers_with_eligible = k.dossiers_with_eligible + EXCLUDED.dossiers_with_eligible,
		dossiers_nothing_reprovided = k.dossiers_nothing_reprovided + EXCLUDED.dossiers_nothing_reprovided,
		fee_bearing = k.fee_bearing + EXCLUDED.fee_bearing,
		paid_online = k.paid_online + EXCLUDED.paid_online,
		population_db_dossiers = k.population_db_dossiers + EXCLUDED.population_db_dossiers,
		population_db_used = k.population_db_used + EXCLUDED.population_db_used,
		finished = k.finished + EXCLUDED.finished,
		resolved = k.resolved + EXCLUDED.resolved,
		early = k.early + EXCLUDED.early,
		on_time = k.on_time + EXCLUDED.on_time,
		late = k.late + EXCLUDED.late,
		processing_days = k.processing_days + EXCLUDED.processing_days,
		results_digitized = k.results_digitized + EXCLUDED.results_digitized,
		results_esigned = k.results_esigned + EXCLUDED.results_esigned,
		transfers_electronic = k.transfers_electronic + EXCLUDED.transfers_electronic,
		transfers_total = k.transfers_total + EXCLUDED.transfers_total,
		overdue_delta = k.overdue_delta + EXCLUDED.overdue_delta,
		extended = k.extended + EXCLUDED.extended,
		finished_extended = k.finished_extended + EXCLUDED.finished_extended
	RETURNING k.unit, k.kind, k.period_start, k.received = 0 AND k.finished = 0 AND k.overdue_delta = 0 AS emptied),
	by_procedure AS (
	INSERT INTO motcua_internal.kpi_unit_procedure_period AS k
	SELECT d.* FROM (
		SELECT f.unit, p.kind, p.start, f.procedure, sum(f.sign) AS fee_bearing,
			   sum(CASE WHEN f.paid_online THEN f.sign ELSE 0 END) AS paid_online
		FROM f
		CROSS JOIN LATERAL (VALUES ('m'::"char", date_trunc('month', f.received_day)::date),
								   ('q', date_trunc('quarter', f.received_day)::date),
								   ('y', date_trunc('year', f.received_day)::date)) p(kind, start)
		WHERE f.fee_bearing
		  AND ($3 IS NULL OR (p.start <= $4 AND motcua_internal.kpi_period_end(p.kind, p.start) >= $3))
		GROUP BY f.unit, p.kind, p.start, f.procedure) d
	WHERE d.fee_bearing <> 0 OR d.paid_online <> 0
	ON CONFLICT (unit, kind, period_start, procedure) DO UPDATE SET
		fee_bearing = k.fee_bearing + EXCLUDED.fee_bearing,
		paid_online = k.paid_online + EXCLUDED.paid_online
	RETURNING k.unit, k.kind, k.period_start, k.procedure, k.fee_bearing = 0 AS emptied),
	stale AS (
		SELECT c.kind, c.period_start FROM changed c WHERE c.kind IN ('m', 'q', 'y')
		UNION SELECT b.kind, b.period_start FROM by_procedure b)
	SELECT (SELECT array_agg(c.unit) FROM changed c WHERE c.emptied),
		   (SELECT array_agg(c.kind) FROM changed c WHERE c.emptied),
		   (SELECT array_agg(c.period_start) FROM changed c WHERE c.emptied),
		   (SELECT array_agg(b.unit) FROM by_procedure b WHERE b.emptied),
		   (SELECT array_agg(b.kind) FROM by_procedure b WHERE b.emptied),
		   (SELECT array_agg(b.period_start) FROM by_procedure b WHERE b.emptied),
		   (SELECT array_agg(b.procedure) FROM by_procedure b WHERE b.emptied),
		   (SELECT array_agg(x.kind) FROM stale x),
		   (SELECT array_agg(x.period_start) FROM stale x),
		   (SELECT array_agg(DISTINCT uc.ancestor)
			FROM (SELECT c.unit FROM changed c UNION SELECT b.unit FROM by_procedure b) x
			JOIN motcua_internal.unit_closure uc ON uc.descendant OPERATOR(motcua.=) x.unit)
	$q$, source) INTO empty_units, empty_kinds, empty_starts, p_units, p_kinds, p_starts, p_procedures, kinds, starts,
					  units
		USING old_facts, new_facts, window_from, window_to;
	-- a period no fact counts in any more has no row (as after a rebuild)
	IF empty_units IS NOT NULL THEN
		DELETE FROM motcua_internal.kpi_unit_period k USING unnest(empty_units, empty_kinds, empty_starts) e(unit, kind, start)
		WHERE k.unit OPERATOR(motcua.=) e.unit AND k.kind = e.kind AND k.period_start = e.start;
	END IF;
	IF p_units IS NOT NULL THEN
		DELETE FROM motcua_internal.kpi_unit_procedure_period k
		USING unnest(p_units, p_kinds, p_starts, p_procedures) e(unit, kind, start, procedure)
		WHERE k.unit OPERATOR(motcua.=) e.unit AND k.kind = e.kind AND k.period_start = e.start
		  AND k.procedure OPERATOR(motcua.=) e.procedure;
	END IF;
END
$fn$;
REVOKE ALL ON FUNCTION motcua_internal.kpi_apply(text, motcua_internal.kpi_dossier[], motcua_internal.kpi_dossier[], date, date) FROM PUBLIC;

-- refresh_kpis folds the dossiers changed since the last refresh into the
-- aggregates and returns how many it folded.  One refresh runs at a time
-- (an advisory lock); receptions and transitions never wait for it: they
-- only append to kpi_dirty, and the refresh takes only the rows its
-- snapshot sees.  The dossiers' current facts are read once, into a
-- variable, so what is added and what is remembered are the same version
-- even if a dossier changes meanwhile (that change is queued again).
-- A batch is small work done by index probes: compiling it (JIT) would
-- cost more than it saves.
CREATE OR REPLACE FUNCTION motcua.refresh_kpis() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off AS $$
DECLARE
	codes motcua.dossier_code[];
	old_facts motcua_internal.kpi_dossier[];
	new_facts motcua_internal.kpi_dossier[];
	stale record;
	front record;
	total bigint := 0;
	batch integer := 0;
BEGIN
	PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('motcua.refresh_kpis'));
	-- in batches, so that a large queue (after a restore, say) never needs
	-- more than a batch's facts in memory
	LOOP
		WITH claimed AS (
			-- a range of the key, whatever the (often stale) statistics
			-- of this short-lived queue say
			DELETE FROM motcua_internal.kpi_dirty q
			WHERE q.id <= (SELECT max(x.id) FROM (SELECT y.id FROM motcua_internal.kpi_dirty y ORDER BY y.id LIMIT 50000) x)
			RETURNING q.dossier)
		SELECT array_agg(DISTINCT dossier) INTO codes FROM claimed;
		EXIT WHEN codes IS NULL;
		WITH gone AS (
			DELETE FROM motcua_internal.kpi_dossier k USING unnest(codes) c(code)
			WHERE k.received_day = motcua.received_on(c.code) AND k.code OPERATOR(motcua.=) c.code
			RETURNING k.*)
		SELECT array_agg(gone::motcua_internal.kpi_dossier) INTO old_facts FROM gone;
		SELECT array_agg(f) INTO new_facts FROM motcua_internal.kpi_facts_of(codes) f;
		INSERT INTO motcua_internal.kpi_dossier SELECT * FROM unnest(new_facts);
		stale := motcua_internal.kpi_apply('(SELECT o.*, -1 AS sign FROM unnest($1) o
									UNION ALL SELECT n.*, 1 FROM unnest($2) n) x', old_facts, new_facts, NULL, NULL);
		PERFORM motcua.refresh_snapshots(stale.kinds, stale.starts, stale.units);
		total := total + cardinality(codes);
		batch := batch + 1;
		PERFORM motcua_internal.report_progress(format('motcua refresh_kpis: batch %s done, %s dossiers folded', batch, total));
	END LOOP;
	-- the snapshots whose front-desk figures changed
	PERFORM motcua_internal.report_progress(format('motcua refresh_kpis: %s dossiers folded, front-desk snapshots', total));
	WITH claimed AS (
		DELETE FROM motcua_internal.kpi_front_dirty q
		WHERE q.id <= (SELECT max(x.id) FROM motcua_internal.kpi_front_dirty x)
		RETURNING q.unit, q.day),
	periods AS (
		SELECT DISTINCT p.kind, p.start
		FROM (SELECT DISTINCT c.day FROM claimed c) d
		CROSS JOIN LATERAL (VALUES ('m'::"char", date_trunc('month', d.day)::date),
								   ('q', date_trunc('quarter', d.day)::date),
								   ('y', date_trunc('year', d.day)::date)) p(kind, start))
	SELECT (SELECT array_agg(p.kind) FROM periods p) AS kinds, (SELECT array_agg(p.start) FROM periods p) AS starts,
		   (SELECT array_agg(DISTINCT uc.ancestor) FROM claimed c
			JOIN motcua_internal.unit_closure uc ON uc.descendant OPERATOR(motcua.=) c.unit) AS units
	INTO front;
	IF front.kinds IS NOT NULL THEN
		PERFORM motcua.refresh_snapshots(front.kinds, front.starts, front.units);
	END IF;
	PERFORM motcua_internal.report_progress(NULL);
	RETURN total;
END
$$;
COMMENT ON FUNCTION motcua.refresh_kpis() IS
	'fold the dossiers changed since the last refresh into the KPI aggregates; cost follows the number of changed dossiers';

-- rebuild_kpis recomputes from the dossiers themselves the facts of those
-- received in [from_day, to_day], then every aggregate of a period that
-- overlaps the days those facts (old and new) fall on, from all facts that
-- count in it, and the compliance snapshots of those periods.  For repair;
-- the result equals the incremental one.  Returns the dossiers recomputed.
-- When the range holds every fact, the fact table is emptied with TRUNCATE
-- (only refresh and rebuild use it, under the same advisory lock) and
-- every aggregate is summed again.
CREATE OR REPLACE FUNCTION motcua.rebuild_kpis(from_day date, to_day date) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET work_mem = '256MB' AS $$
DECLARE
	everything boolean;
	key_name name;
	key_def text;
	last_day date := to_day;
	lo date;
	hi date;
	n bigint;
BEGIN
	-- (a NULL bound would make the range look like everything: refuse it)
	IF from_day IS NULL OR to_day IS NULL THEN
		RAISE EXCEPTION 'rebuild range needs both days' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF from_day > to_day THEN
		RAISE EXCEPTION 'rebuild range % to % is empty', from_day, to_day USING ERRCODE = 'invalid_parameter_value';
	END IF;
	PERFORM motcua.refresh_kpis();
	PERFORM motcua_internal.report_progress(format('motcua rebuild_kpis: facts of the dossiers received %s to %s', from_day, to_day));
	everything := NOT EXISTS (SELECT 1 FROM motcua_internal.kpi_dossier k WHERE k.received_day < from_day)
				  AND NOT EXISTS (SELECT 1 FROM motcua_internal.kpi_dossier k WHERE k.received_day > to_day);
	IF everything THEN
		-- every fact is redone, so every aggregate is summed again; the
		-- facts are loaded without their key, which is then built in one
		-- sorted pass (several times faster than inserting into it)
		SELECT c.conname, pg_catalog.pg_get_constraintdef(c.oid) INTO key_name, key_def
		FROM pg_catalog.pg_constraint c
		WHERE c.conrelid = 'motcua_internal.kpi_dossier'::regclass AND c.contype = 'p';
		TRUNCATE motcua_internal.kpi_dossier;
		EXECUTE format('ALTER TABLE motcua_internal.kpi_dossier DROP CONSTRAINT %I', key_name);
		INSERT INTO motcua_internal.kpi_dossier SELECT * FROM motcua_internal.kpi_facts_received(from_day, to_day);
		GET DIAGNOSTICS n = ROW_COUNT;
		PERFORM motcua_internal.report_progress(format('motcua rebuild_kpis: %s facts computed, building their key', n));
		EXECUTE format('ALTER TABLE motcua_internal.kpi_dossier ADD CONSTRAINT %I %s', key_name, key_def);
		PERFORM motcua_internal.report_progress(format('motcua rebuild_kpis: summing %s facts per unit and period', n));
		DELETE FROM motcua_internal.kpi_unit_period;
		DELETE FROM motcua_internal.kpi_unit_procedure_period;
		PERFORM motcua_internal.kpi_apply('(SELECT k.*, 1 AS sign FROM motcua_internal.kpi_dossier k) x', NULL, NULL, NULL, NULL);
		SELECT greatest(to_day, max(k.period_start)) INTO last_day FROM motcua_internal.kpi_unit_period k WHERE k.kind = 'd';
	ELSE
		-- the facts of the range are redone; the periods they counted in,
		-- before and now, are summed again from all the facts that count
		-- in them (received in them, or earlier and ended or turned
		-- overdue in them)
		WITH gone AS (
			DELETE FROM motcua_internal.kpi_dossier k WHERE k.received_day BETWEEN from_day AND to_day
			RETURNING greatest(k.finished_day, k.overdue_from) AS last)
		SELECT greatest(last_day, max(gone.last)) INTO last_day FROM gone;
		WITH made AS (
			INSERT INTO motcua_internal.kpi_dossier SELECT * FROM motcua_internal.kpi_facts_received(from_day, to_day)
			RETURNING greatest(finished_day, overdue_from) AS last)
		SELECT count(*), greatest(last_day, max(made.last)) INTO n, last_day FROM made;
		PERFORM motcua_internal.report_progress(format('motcua rebuild_kpis: summing the periods from %s to %s', from_day, last_day));
		-- every period overlapping [from_day, last_day] lies within [lo, hi]
		lo := date_trunc('year', from_day)::date - 6;
		hi := (date_trunc('year', last_day) + interval '1 year')::date + 6;
		DELETE FROM motcua_internal.kpi_unit_period k
		WHERE k.period_start <= last_day AND motcua_internal.kpi_period_end(k.kind, k.period_start) >= from_day;
		DELETE FROM motcua_internal.kpi_unit_procedure_period k
		WHERE k.period_start <= last_day AND motcua_internal.kpi_period_end(k.kind, k.period_start) >= from_day;
		PERFORM motcua_internal.kpi_apply(format('(SELECT k.*, 1 AS sign FROM motcua_internal.kpi_dossier k
										  WHERE k.received_day BETWEEN %L AND %L OR k.finished_day BETWEEN %1$L AND %2$L
											 OR k.overdue_from BETWEEN %1$L AND %2$L) x', lo, hi),
								 NULL, NULL, from_day, last_day);
	END IF;
	-- the snapshots of every month, quarter and year overlapping the range
	PERFORM motcua_internal.report_progress(format('motcua rebuild_kpis: Decision 766 and plan snapshots from %s to %s', from_day, last_day));
	PERFORM motcua.refresh_snapshots(array_agg(p.kind), array_agg(p.start))
	FROM (SELECT k.kind, generate_series(date_trunc(k.unit, from_day::timestamp), last_day::timestamp, k.step)::date AS start
		  FROM (VALUES ('m'::"char", 'month', interval '1 month'), ('q', 'quarter', interval '3 months'),
					   ('y', 'year', interval '1 year')) k(kind, unit, step)) p;
	PERFORM motcua_internal.report_progress(NULL);
	RETURN n;
END
$$;
COMMENT ON FUNCTION motcua.rebuild_kpis(date, date) IS
	'recompute the KPI facts of dossiers received in the range and the aggregates of every period overlapping it, from scratch';
CREATE OR REPLACE FUNCTION motcua_internal.rebuild_unit_closure() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	DELETE FROM motcua_internal.unit_closure;
	INSERT INTO motcua_internal.unit_closure
	WITH RECURSIVE up(ancestor, descendant, depth) AS (
		SELECT u.id, u.id, 0 FROM motcua.unit u
		UNION ALL
		SELECT p.parent, up.descendant, up.depth + 1
		FROM up JOIN motcua.unit p ON p.id OPERATOR(motcua.=) up.ancestor
		WHERE p.parent IS NOT NULL AND up.depth < 50)
	SELECT ancestor, descendant, depth FROM up;
	RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER unit_closure AFTER INSERT OR UPDATE OF parent OR DELETE OR TRUNCATE ON motcua.unit
	FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.rebuild_unit_closure();
COMMENT ON TABLE motcua_internal.unit_closure IS 'each unit with every ancestor (and itself, depth 0); maintained by a trigger on motcua.unit';

-- ratio: a percentage with two decimals, NULL when there is no denominator.
CREATE OR REPLACE FUNCTION motcua_internal.ratio(num numeric, den numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN den > 0 THEN round(100 * num / den, 2) END
$$;

-- kpi_period_name: the word for a period kind.
CREATE OR REPLACE FUNCTION motcua_internal.kpi_period_name(kind "char") RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT CASE kind WHEN 'd' THEN 'day' WHEN 'w' THEN 'week' WHEN 'm' THEN 'month'
					 WHEN 'q' THEN 'quarter' ELSE 'year' END
$$;

-- motcua_internal.kpi_core: per unit, counting its whole subtree, and per period
-- with activity, the dossier figures of ONE-STOP.md §5 from the
-- incremental aggregates (what motcua.kpi and the compliance snapshots
-- read).  Filters on unit, period_kind and period_start reach the indexes
-- below the aggregation.
CREATE OR REPLACE VIEW motcua_internal.kpi_core AS
SELECT c.ancestor AS unit,
	   motcua_internal.kpi_period_name(k.kind) AS period,
	   k.kind AS period_kind,
	   k.period_start,
	   motcua_internal.kpi_period_end(k.kind, k.period_start) AS period_end,
	   sum(k.received) AS received,
	   sum(k.received_direct) AS received_direct,
	   sum(k.received_online) AS received_online,
	   sum(k.received_postal) AS received_postal,
	   motcua_internal.ratio(sum(k.received_online), sum(k.received)) AS online_rate,
	   sum(k.finished) AS finished,
	   sum(k.resolved) AS resolved,
	   sum(k.early) AS early,
	   sum(k.on_time) AS on_time,
	   sum(k.late) AS late,
	   motcua_internal.ratio(sum(k.early) + sum(k.on_time), sum(k.finished)) AS on_time_rate,
	   round(sum(k.processing_days) / nullif(sum(k.finished), 0), 2) AS avg_processing_days,
	   motcua_internal.ratio(sum(k.dossiers_digitized), sum(k.received)) AS digitized_dossier_rate,
	   motcua_internal.ratio(sum(k.results_digitized), sum(k.resolved)) AS digitized_result_rate,
	   motcua_internal.ratio(sum(k.results_esigned), sum(k.resolved)) AS esigned_result_rate,
	   motcua_internal.ratio(sum(k.transfers_electronic), sum(k.transfers_total)) AS electronic_transfer_rate,
	   motcua_internal.ratio(sum(k.components_digitized), sum(k.components)) AS component_digitization_rate,
	   motcua_internal.ratio(sum(k.components_reused), sum(k.components_reusable)) AS component_reuse_rate,
	   motcua_internal.ratio(sum(k.dossiers_nothing_reprovided), sum(k.dossiers_with_eligible)) AS not_reprovided_rate,
	   sum(k.fee_bearing) AS fee_bearing,
	   sum(k.paid_online) AS paid_online,
	   motcua_internal.ratio(sum(k.paid_online), sum(k.fee_bearing)) AS online_payment_rate,
	   sum(k.population_db_dossiers) AS population_db_dossiers,
	   motcua_internal.ratio(sum(k.population_db_used), sum(k.population_db_dossiers)) AS population_db_rate,
	   sum(k.extended) AS extended,
	   sum(k.finished_extended) AS finished_extended
FROM motcua_internal.unit_closure c
JOIN motcua_internal.kpi_unit_period k ON k.unit OPERATOR(motcua.=) c.descendant
GROUP BY c.ancestor, k.kind, k.period_start;
COMMENT ON VIEW motcua_internal.kpi_core IS 'the dossier figures of motcua.kpi per unit subtree and period, without the live waiting, rating and overdue figures';

-- per_staff_year: dossiers received per front-desk staff, annualized.
CREATE OR REPLACE FUNCTION motcua_internal.per_staff_year(received numeric, kind "char", start date, staff bigint) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT round(received * 365.0 / (motcua_internal.kpi_period_end(kind, start) - start + 1) / nullif(staff, 0), 1)
$$;

-- kpi_front: the front-desk figures of a unit subtree over a period, read
-- live from the (small) ticket, rating and unit tables.
CREATE OR REPLACE FUNCTION motcua_internal.kpi_front(unit motcua.unit_id, kind "char", start date)
	RETURNS TABLE (visits bigint, avg_wait_minutes numeric, served_under_10_rate numeric, ratings bigint,
				   satisfaction_rate numeric, dislike_rate numeric, front_desk_staff bigint)
LANGUAGE sql STABLE AS $$
	SELECT q.visits, q.avg_wait_minutes, q.served_under_10_rate, r.ratings, r.satisfaction_rate, r.dislike_rate,
		   st.front_desk_staff
	FROM (SELECT count(*) AS visits,
				 round(avg(w.waiting_minutes), 1) AS avg_wait_minutes,
				 motcua_internal.ratio(count(*) FILTER (WHERE w.served_under_10_min), count(w.waiting_minutes)) AS served_under_10_rate
		  FROM motcua_internal.unit_closure uc
		  JOIN motcua.queue_wait w ON w.unit OPERATOR(motcua.=) uc.descendant
		  WHERE uc.ancestor OPERATOR(motcua.=) kpi_front.unit
			AND w.day BETWEEN kpi_front.start AND motcua_internal.kpi_period_end(kpi_front.kind, kpi_front.start)) q,
		 (SELECT count(*) AS ratings,
				 motcua_internal.ratio(count(*) FILTER (WHERE rt.satisfied), count(*)) AS satisfaction_rate,
				 motcua_internal.ratio(count(*) FILTER (WHERE rt.dislike), count(*)) AS dislike_rate
		  FROM motcua_internal.unit_closure uc
		  JOIN motcua.rating rt ON motcua.unit_of(rt.dossier) OPERATOR(motcua.=) uc.descendant
		  WHERE uc.ancestor OPERATOR(motcua.=) kpi_front.unit
			AND rt.rated_at >= (kpi_front.start::timestamp - interval '7 hours') AT TIME ZONE 'UTC'
			AND rt.rated_at < ((motcua_internal.kpi_period_end(kpi_front.kind, kpi_front.start) + 1)::timestamp
							   - interval '7 hours') AT TIME ZONE 'UTC') r,
		 (SELECT sum(u.front_desk_staff)::bigint AS front_desk_staff
		  FROM motcua_internal.unit_closure uc JOIN motcua.unit u ON u.id OPERATOR(motcua.=) uc.descendant
		  WHERE uc.ancestor OPERATOR(motcua.=) kpi_front.unit) st
$$;

-- kpi_overdue: dossiers of a unit subtree open and overdue at the end of
-- a period (at this moment, for the current period), as timeliness()
-- judges them: the running total of overdue_delta, read as whole years
-- before the period's end, months of its year, and days of its month.  A
-- period in which nothing happened has no sums of its own and still gets
-- the dossiers that were overdue through it.  Today's row also holds
-- dossiers whose deadline passes later today, which are not overdue yet.
CREATE OR REPLACE FUNCTION motcua_internal.kpi_overdue(unit motcua.unit_id, kind "char", start date) RETURNS bigint
LANGUAGE sql STABLE AS $$
	WITH e AS (
		SELECT least(motcua_internal.kpi_period_end(kind, start), t.today) AS day, t.today
		FROM (SELECT motcua.local_time(now())::date AS today) t)
	SELECT (SELECT coalesce(sum(k.overdue_delta), 0)::bigint
			FROM motcua_internal.unit_closure uc
			JOIN motcua_internal.kpi_unit_period k ON k.unit OPERATOR(motcua.=) uc.descendant
			WHERE uc.ancestor OPERATOR(motcua.=) kpi_overdue.unit
			  AND ((k.kind = 'y' AND k.period_start < date_trunc('year', e.day))
				   OR (k.kind = 'm' AND k.period_start >= date_trunc('year', e.day)
					   AND k.period_start < date_trunc('month', e.day))
				   OR (k.kind = 'd' AND k.period_start >= date_trunc('month', e.day) AND k.period_start <= e.day)))
		 - (SELECT count(*)
			FROM motcua_internal.unit_closure uc
			JOIN motcua.dossier d ON d.unit OPERATOR(motcua.=) uc.descendant
			JOIN motcua.calendar c ON c.code = d.calendar
			CROSS JOIN LATERAL (SELECT motcua_internal.overdue_since(d.finished_at, d.due_at, d.second_supplement_at,
															d.clock_stopped_at, d.calendar) AS at) o
			WHERE uc.ancestor OPERATOR(motcua.=) kpi_overdue.unit AND e.day = e.today
			  AND d.finished_at IS NULL AND d.due_at >= now() AND d.due_at < now() + interval '1 day'
			  AND o.at >= now() AND motcua_internal.wall_clock(o.at, c.utc_offset)::date = e.day)
	FROM e
$$;

-- kpi_periods: every day, ISO week, month, quarter and year from the first
-- day with KPI sums to today (or the last day with sums, if later), so
-- that a period in which nothing happened is reported too.
CREATE OR REPLACE FUNCTION motcua_internal.kpi_periods() RETURNS TABLE (kind "char", period_start date)
LANGUAGE sql STABLE AS $$
	SELECT p.kind, g::date
	FROM (SELECT min(k.period_start) AS first,
				 greatest(max(k.period_start), motcua.local_time(now())::date) AS last
		  FROM motcua_internal.kpi_unit_period k WHERE k.kind = 'd') r
	CROSS JOIN (VALUES ('d'::"char", 'day', interval '1 day'), ('w', 'week', interval '1 week'),
					   ('m', 'month', interval '1 month'), ('q', 'quarter', interval '3 months'),
					   ('y', 'year', interval '1 year')) p(kind, unit, step)
	CROSS JOIN LATERAL generate_series(date_trunc(p.unit, r.first), r.last, p.step) g
$$;

-- motcua.kpi: one row per unit (with its whole subtree) and per period,
-- active or quiet, with the figures of ONE-STOP.md §5.  Filter on unit,
-- period_kind and period_start.  Counts are 0 and rates NULL where nothing
-- happened; the overdue figure holds whatever was open and overdue then.
-- Waiting times and ratings are read live from their small tables for the
-- rows asked for.
CREATE OR REPLACE VIEW motcua.kpi AS
SELECT u.id AS unit,
	   motcua_internal.kpi_period_name(p.kind) AS period,
	   p.kind AS period_kind,
	   p.period_start,
	   motcua_internal.kpi_period_end(p.kind, p.period_start) AS period_end,
	   coalesce(g.received, 0) AS received,
	   coalesce(g.received_direct, 0) AS received_direct,
	   coalesce(g.received_online, 0) AS received_online,
	   coalesce(g.received_postal, 0) AS received_postal,
	   g.online_rate,
	   coalesce(g.finished, 0) AS finished,
	   coalesce(g.resolved, 0) AS resolved,
	   coalesce(g.early, 0) AS early,
	   coalesce(g.on_time, 0) AS on_time,
	   coalesce(g.late, 0) AS late,
	   g.on_time_rate,
	   g.avg_processing_days,
	   g.digitized_dossier_rate,
	   g.digitized_result_rate,
	   g.esigned_result_rate,
	   g.electronic_transfer_rate,
	   g.component_digitization_rate,
	   g.component_reuse_rate,
	   g.not_reprovided_rate,
	   coalesce(g.fee_bearing, 0) AS fee_bearing,
	   coalesce(g.paid_online, 0) AS paid_online,
	   g.online_payment_rate,
	   coalesce(g.population_db_dossiers, 0) AS population_db_dossiers,
	   g.population_db_rate,
	   coalesce(g.extended, 0) AS extended,
	   coalesce(g.finished_extended, 0) AS finished_extended,
	   motcua_internal.kpi_overdue(u.id, p.kind, p.period_start) AS in_progress_overdue,
	   f.visits,
	   f.avg_wait_minutes,
	   f.served_under_10_rate,
	   f.ratings,
	   f.satisfaction_rate,
	   f.dislike_rate,
	   f.front_desk_staff,
	   motcua_internal.per_staff_year(coalesce(g.received, 0), p.kind, p.period_start, f.front_desk_staff)
		   AS received_per_front_desk_staff_year
FROM motcua.unit u
CROSS JOIN motcua_internal.kpi_periods() p
-- (the filters on unit, period_kind and period_start reach kpi_core's
-- grouping through these equalities)
LEFT JOIN motcua_internal.kpi_core g ON g.unit OPERATOR(motcua.=) u.id AND g.period_kind = p.kind
	 AND g.period_start = p.period_start
CROSS JOIN LATERAL motcua_internal.kpi_front(u.id, p.kind, p.period_start) f;
COMMENT ON VIEW motcua.kpi IS
	'KPIs per unit (with its whole subtree) and period, quiet periods included: received by channel, online rate, early/on time/late against the legal deadline, on-time rate, in-progress overdue, extended dossiers (received in the period / finished in it), average processing working days, digitization, e-signature, electronic transfers, reuse, online payment, waiting time, satisfaction, dossiers per front-desk staff (annualized)';

REVOKE ALL ON FUNCTION motcua.refresh_kpis(), motcua.rebuild_kpis(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.refresh_kpis(), motcua.rebuild_kpis(date, date) TO motcua_admin;
GRANT SELECT ON motcua.kpi, motcua_internal.kpi_unit_period, motcua_internal.kpi_unit_procedure_period, motcua_internal.unit_closure TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;

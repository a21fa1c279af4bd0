-- KPI engine, part one: incremental facts (ONE-STOP.md §5).
--
-- Every change to a dossier or its components appends its code to
-- motcua.kpi_dirty inside the same transaction (an insert, no unique key, so
-- it never waits for anything).  motcua.refresh_kpis() takes the codes
-- queued so far, subtracts each dossier's previous contribution
-- (motcua.kpi_dossier) from the period aggregates (motcua.kpi_unit_period),
-- adds its current one, and remembers it: the cost follows the number of
-- changed dossiers, not the history.  motcua.rebuild_kpis() recomputes from
-- the dossiers themselves, for repair, and must agree exactly.

-- outcome of a finished dossier by the Decision 766 rule; timeliness() and
-- the facts share it
CREATE FUNCTION motcua.finished_outcome(finished_at timestamptz, promised_at timestamptz,
										supplement_count integer, utc_offset interval) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN supplement_count > 1 OR finished_at > promised_at THEN 'late'
				WHEN ((finished_at AT TIME ZONE 'UTC') + utc_offset)::date
					 < ((promised_at AT TIME ZONE 'UTC') + utc_offset)::date THEN 'early'
				ELSE 'on_time' END
$$;
COMMENT ON FUNCTION motcua.finished_outcome(timestamptz, timestamptz, integer, interval) IS
	'early (a calendar day or more before the promised date), on_time or late; more than one supplement request is late';

CREATE TABLE motcua.kpi_dirty (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier		motcua.dossier_code NOT NULL
);
COMMENT ON TABLE motcua.kpi_dirty IS 'dossiers changed since the last refresh_kpis(); appended by triggers, emptied by the refresh';
-- (not dumped: a restore re-inserts the dossiers, which queues them again)

CREATE FUNCTION motcua.mark_kpi_dirty() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_TABLE_NAME = 'dossier_component' THEN
		INSERT INTO motcua.kpi_dirty (dossier) VALUES (NEW.dossier);
	ELSE
		INSERT INTO motcua.kpi_dirty (dossier) VALUES (NEW.code);
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER kpi_dirty AFTER INSERT OR UPDATE ON motcua.dossier
	FOR EACH ROW EXECUTE FUNCTION motcua.mark_kpi_dirty();
CREATE TRIGGER kpi_dirty AFTER UPDATE ON motcua.dossier_component
	FOR EACH ROW EXECUTE FUNCTION motcua.mark_kpi_dirty();

-- What each dossier contributes, computed from the dossier as it is now.
-- Received-side measures count on the day of receipt, resolution-side
-- measures on the day processing ended.
CREATE VIEW motcua.kpi_dossier_now AS
SELECT d.code, d.unit, d.received_on AS received_day, d.channel,
	   ((d.finished_at AT TIME ZONE 'UTC') + c.utc_offset)::date AS finished_day,
	   CASE WHEN d.finished_at IS NOT NULL
			THEN motcua.finished_outcome(d.finished_at, d.promised_at, d.supplement_count, c.utc_offset) END AS outcome,
	   CASE WHEN d.finished_at IS NOT NULL
			THEN motcua.working_days_between(d.received_at, d.finished_at, d.calendar, d.clock_stops) END AS processing_days,
	   coalesce(k.components, 0) AS components,
	   coalesce(k.digitized, 0) AS components_digitized,
	   coalesce(k.reusable, 0) AS components_reusable,
	   coalesce(k.reused, 0) AS components_reused,
	   coalesce(k.eligible, 0) AS components_eligible,
	   coalesce(k.eligible_reprovided, 0) AS eligible_reprovided,
	   d.state IN ('done', 'returned') AS resolved,
	   EXISTS (SELECT 1 FROM motcua.document r
			   WHERE r.dossier OPERATOR(motcua.=) d.code AND r.provenance = 'dossier_result') AS result_digitized,
	   coalesce(d.result_esigned, false) AS result_esigned,
	   d.transfers_electronic, d.transfers_paper,
	   d.fee > 0 AS fee_bearing, d.paid_online
FROM motcua.dossier d
JOIN motcua.calendar c ON c.code = d.calendar
LEFT JOIN LATERAL (
	SELECT count(*) AS components,
		   count(*) FILTER (WHERE x.digitized) AS digitized,
		   count(*) FILTER (WHERE x.reusable) AS reusable,
		   count(*) FILTER (WHERE x.supplied_by IN ('reused_warehouse', 'national_db')) AS reused,
		   count(*) FILTER (WHERE x.eligible) AS eligible,
		   count(*) FILTER (WHERE x.eligible AND x.supplied_by IS DISTINCT FROM 'reused_warehouse'
							AND x.supplied_by IS DISTINCT FROM 'national_db') AS eligible_reprovided
	FROM motcua.dossier_component x WHERE x.dossier OPERATOR(motcua.=) d.code) k ON true;

-- The contribution last added to the aggregates, per dossier.
CREATE TABLE motcua.kpi_dossier (
	code		motcua.dossier_code PRIMARY KEY,
	unit		motcua.unit_id NOT NULL,
	received_day date NOT NULL,
	channel		text NOT NULL,
	finished_day date,
	outcome		text,
	processing_days numeric,
	components	bigint NOT NULL,
	components_digitized bigint NOT NULL,
	components_reusable bigint NOT NULL,
	components_reused bigint NOT NULL,
	components_eligible bigint NOT NULL,
	eligible_reprovided bigint NOT NULL,
	resolved	boolean NOT NULL,
	result_digitized boolean NOT NULL,
	result_esigned boolean NOT NULL,
	transfers_electronic integer NOT NULL,
	transfers_paper integer NOT NULL,
	fee_bearing boolean NOT NULL,
	paid_online boolean NOT NULL
);
COMMENT ON TABLE motcua.kpi_dossier IS 'each dossier''s contribution as last folded into kpi_unit_period';

-- Sums per unit and period (d day, w ISO week, m month, q quarter, y year).
CREATE TABLE motcua.kpi_unit_period (
	kind		"char" NOT NULL CHECK (kind IN ('d', 'w', 'm', 'q', 'y')),
	period_start date NOT NULL,
	unit		motcua.unit_id NOT NULL,
	received	bigint NOT NULL DEFAULT 0,
	received_direct bigint NOT NULL DEFAULT 0,
	received_online bigint NOT NULL DEFAULT 0,
	received_postal bigint NOT NULL DEFAULT 0,
	dossiers_digitized bigint NOT NULL DEFAULT 0,
	components	bigint NOT NULL DEFAULT 0,
	components_digitized bigint NOT NULL DEFAULT 0,
	components_reusable bigint NOT NULL DEFAULT 0,
	components_reused bigint NOT NULL DEFAULT 0,
	dossiers_with_eligible bigint NOT NULL DEFAULT 0,
	dossiers_nothing_reprovided bigint NOT NULL DEFAULT 0,
	fee_bearing bigint NOT NULL DEFAULT 0,
	paid_online bigint NOT NULL DEFAULT 0,
	finished	bigint NOT NULL DEFAULT 0,
	resolved	bigint NOT NULL DEFAULT 0,
	early		bigint NOT NULL DEFAULT 0,
	on_time		bigint NOT NULL DEFAULT 0,
	late		bigint NOT NULL DEFAULT 0,
	processing_days numeric NOT NULL DEFAULT 0,
	results_digitized bigint NOT NULL DEFAULT 0,
	results_esigned bigint NOT NULL DEFAULT 0,
	transfers_electronic bigint NOT NULL DEFAULT 0,
	transfers_total bigint NOT NULL DEFAULT 0,
	PRIMARY KEY (kind, period_start, unit)
);
COMMENT ON TABLE motcua.kpi_unit_period IS 'KPI sums per unit and day, ISO week, month, quarter and year, kept up to date by refresh_kpis()';

-- kpi_fact_periods: what one dossier's facts add to each period they fall
-- in (5 periods for the day of receipt, 5 for the day processing ended).
-- The incremental refresh and the rebuild both sum these rows.
CREATE FUNCTION motcua.kpi_fact_periods(f motcua.kpi_dossier)
	RETURNS TABLE (kind "char", period_start date, unit motcua.unit_id,
				   received int, received_direct int, received_online int, received_postal int,
				   dossiers_digitized int, components bigint, components_digitized bigint,
				   components_reusable bigint, components_reused bigint, dossiers_with_eligible int,
				   dossiers_nothing_reprovided int, fee_bearing int, paid_online int,
				   finished int, resolved int, early int, on_time int, late int, processing_days numeric,
				   results_digitized int, results_esigned int, transfers_electronic int, transfers_total int)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT p.kind, p.start, f.unit, c.*
	FROM (SELECT f.received_day AS day, 1, (f.channel = 'direct')::int, (f.channel = 'online')::int,
				 (f.channel = 'postal')::int, (f.components_digitized > 0)::int,
				 f.components, f.components_digitized, f.components_reusable, f.components_reused,
				 (f.components_eligible > 0)::int, (f.components_eligible > 0 AND f.eligible_reprovided = 0)::int,
				 f.fee_bearing::int, (f.fee_bearing AND f.paid_online)::int,
				 0, 0, 0, 0, 0, 0::numeric, 0, 0, 0, 0
		  UNION ALL
		  SELECT f.finished_day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				 1, f.resolved::int, (f.outcome = 'early')::int, (f.outcome = 'on_time')::int,
				 (f.outcome = 'late')::int, f.processing_days, (f.resolved AND f.result_digitized)::int,
				 (f.resolved AND f.result_esigned)::int, f.transfers_electronic,
				 f.transfers_electronic + f.transfers_paper
		  WHERE f.finished_day IS NOT NULL) c0(day, received, received_direct, received_online, received_postal,
											  dossiers_digitized, components, components_digitized,
											  components_reusable, components_reused, dossiers_with_eligible,
											  dossiers_nothing_reprovided, fee_bearing, paid_online, finished,
											  resolved, early, on_time, late, processing_days, results_digitized,
											  results_esigned, transfers_electronic, transfers_total)
	CROSS JOIN LATERAL (VALUES ('d'::"char", c0.day), ('w', date_trunc('week', c0.day)::date),
							   ('m', date_trunc('month', c0.day)::date), ('q', date_trunc('quarter', c0.day)::date),
							   ('y', date_trunc('year', c0.day)::date)) p(kind, start)
	CROSS JOIN LATERAL (SELECT c0.received, c0.received_direct, c0.received_online, c0.received_postal,
							   c0.dossiers_digitized, c0.components, c0.components_digitized,
							   c0.components_reusable, c0.components_reused, c0.dossiers_with_eligible,
							   c0.dossiers_nothing_reprovided, c0.fee_bearing, c0.paid_online, c0.finished,
							   c0.resolved, c0.early, c0.on_time, c0.late, c0.processing_days,
							   c0.results_digitized, c0.results_esigned, c0.transfers_electronic,
							   c0.transfers_total) c
$$;

-- kpi_period_end: the last day of a period.
CREATE FUNCTION motcua.kpi_period_end(kind "char", period_start date) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT CASE kind WHEN 'd' THEN period_start WHEN 'w' THEN period_start + 6
					 WHEN 'm' THEN (period_start + interval '1 month - 1 day')::date
					 WHEN 'q' THEN (period_start + interval '3 months - 1 day')::date
					 ELSE (period_start + interval '1 year - 1 day')::date END
$$;

-- kpi_apply adds (sign 1) or takes away (sign -1) the contributions of a
-- set of dossiers.
CREATE FUNCTION motcua.kpi_apply(facts motcua.kpi_dossier[], sign integer) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO motcua.kpi_unit_period AS k
	SELECT p.kind, p.period_start, p.unit,
		   sign * sum(p.received), sign * sum(p.received_direct), sign * sum(p.received_online),
		   sign * sum(p.received_postal), sign * sum(p.dossiers_digitized), sign * sum(p.components),
		   sign * sum(p.components_digitized), sign * sum(p.components_reusable), sign * sum(p.components_reused),
		   sign * sum(p.dossiers_with_eligible), sign * sum(p.dossiers_nothing_reprovided),
		   sign * sum(p.fee_bearing), sign * sum(p.paid_online), sign * sum(p.finished), sign * sum(p.resolved),
		   sign * sum(p.early), sign * sum(p.on_time), sign * sum(p.late), sign * sum(p.processing_days),
		   sign * sum(p.results_digitized), sign * sum(p.results_esigned), sign * sum(p.transfers_electronic),
		   sign * sum(p.transfers_total)
	FROM unnest(facts) f CROSS JOIN LATERAL motcua.kpi_fact_periods(f) p
	GROUP BY p.kind, p.period_start, p.unit
	ON CONFLICT (kind, period_start, unit) DO UPDATE SET
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
		finished = k.finished + EXCLUDED.finished,
		resolved = k.resolved + EXCLUDED.resolved,
		early = k.early + EXCLUDED.early,
		on_time = k.on_time + EXCLUDED.on_time,
		late = k.late + EXCLUDED.late,
		processing_days = k.processing_days + EXCLUDED.processing_days,
		results_digitized = k.results_digitized + EXCLUDED.results_digitized,
		results_esigned = k.results_esigned + EXCLUDED.results_esigned,
		transfers_electronic = k.transfers_electronic + EXCLUDED.transfers_electronic,
		transfers_total = k.transfers_total + EXCLUDED.transfers_total
$$;
REVOKE ALL ON FUNCTION motcua.kpi_apply(motcua.kpi_dossier[], integer) FROM PUBLIC;

-- refresh_kpis folds the dossiers changed since the last refresh into the
-- aggregates and returns how many it folded.  One refresh runs at a time
-- (an advisory lock); receptions and transitions never wait for it: they
-- only append to kpi_dirty, and the refresh takes only the rows its
-- snapshot sees.  The dossiers' current facts are read once, into a
-- variable, so what is added and what is remembered are the same version
-- even if a dossier changes meanwhile (that change is queued again).
CREATE FUNCTION motcua.refresh_kpis() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	codes motcua.dossier_code[];
	old_facts motcua.kpi_dossier[];
	new_facts motcua.kpi_dossier[];
	kinds "char"[];
	starts date[];
	total bigint := 0;
BEGIN
	PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('motcua.refresh_kpis'));
	-- in batches, so that a large queue (after a restore, say) never needs
	-- more than a batch's facts in memory
	LOOP
		WITH claimed AS (
			DELETE FROM motcua.kpi_dirty q
			WHERE q.id IN (SELECT x.id FROM motcua.kpi_dirty x ORDER BY x.id LIMIT 50000)
			RETURNING q.dossier)
		SELECT array_agg(DISTINCT dossier) INTO codes FROM claimed;
		EXIT WHEN codes IS NULL;
		SELECT array_agg(k) INTO old_facts FROM motcua.kpi_dossier k
		WHERE k.code OPERATOR(motcua.=) ANY (codes);
		SELECT array_agg(ROW(n.*)::motcua.kpi_dossier) INTO new_facts
		FROM unnest(codes) c(code)
		JOIN motcua.kpi_dossier_now n ON n.code OPERATOR(motcua.=) c.code AND n.received_day = motcua.received_on(c.code);
		IF old_facts IS NOT NULL THEN
			PERFORM motcua.kpi_apply(old_facts, -1);
			DELETE FROM motcua.kpi_dossier k WHERE k.code OPERATOR(motcua.=) ANY (codes);
		END IF;
		IF new_facts IS NOT NULL THEN
			PERFORM motcua.kpi_apply(new_facts, 1);
			INSERT INTO motcua.kpi_dossier SELECT * FROM unnest(new_facts);
		END IF;
		-- the months, quarters and years these dossiers fall in
		SELECT array_agg(x.kind), array_agg(x.period_start) INTO kinds, starts
		FROM (SELECT DISTINCT p.kind, p.period_start
			  FROM unnest(array_cat(old_facts, new_facts)) f CROSS JOIN LATERAL motcua.kpi_fact_periods(f) p
			  WHERE p.kind IN ('m', 'q', 'y')) x;
		PERFORM motcua.refresh_snapshots(kinds, starts);
		total := total + cardinality(codes);
	END LOOP;
	RETURN total;
END
$$;
COMMENT ON FUNCTION motcua.refresh_kpis() IS
	'fold the dossiers changed since the last refresh into the KPI aggregates; cost follows the number of changed dossiers';

-- rebuild_kpis recomputes from the dossiers themselves the facts of those
-- received in [from_day, to_day], then every aggregate of a period that
-- overlaps the range, from all facts that fall in it.  For repair; the
-- result equals the incremental one.  Returns the dossiers recomputed.
CREATE FUNCTION motcua.rebuild_kpis(from_day date, to_day date) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	-- every period overlapping the range starts and ends within these days
	lo date := date_trunc('year', from_day)::date - 6;
	hi date := (date_trunc('year', to_day) + interval '1 year')::date + 6;
	n bigint;
BEGIN
	IF from_day > to_day THEN
		RAISE EXCEPTION 'rebuild range % to % is empty', from_day, to_day USING ERRCODE = 'invalid_parameter_value';
	END IF;
	PERFORM motcua.refresh_kpis();
	DELETE FROM motcua.kpi_dossier k WHERE k.received_day BETWEEN from_day AND to_day;
	INSERT INTO motcua.kpi_dossier
	SELECT n.* FROM motcua.kpi_dossier_now n WHERE n.received_day BETWEEN from_day AND to_day;
	GET DIAGNOSTICS n = ROW_COUNT;
	-- every month, quarter and year overlapping the range
	PERFORM motcua.refresh_snapshots(array_agg(p.kind), array_agg(p.start))
	FROM (SELECT k.kind, generate_series(date_trunc(k.unit, from_day::timestamp), to_day::timestamp, k.step)::date AS start
		  FROM (VALUES ('m'::"char", 'month', interval '1 month'), ('q', 'quarter', interval '3 months'),
					   ('y', 'year', interval '1 year')) k(kind, unit, step)) p;
	DELETE FROM motcua.kpi_unit_period k
	WHERE k.period_start <= to_day AND motcua.kpi_period_end(k.kind, k.period_start) >= from_day;
	INSERT INTO motcua.kpi_unit_period
	SELECT p.kind, p.period_start, p.unit,
		   sum(p.received), sum(p.received_direct), sum(p.received_online), sum(p.received_postal),
		   sum(p.dossiers_digitized), sum(p.components), sum(p.components_digitized), sum(p.components_reusable),
		   sum(p.components_reused), sum(p.dossiers_with_eligible), sum(p.dossiers_nothing_reprovided),
		   sum(p.fee_bearing), sum(p.paid_online), sum(p.finished), sum(p.resolved), sum(p.early),
		   sum(p.on_time), sum(p.late), sum(p.processing_days), sum(p.results_digitized),
		   sum(p.results_esigned), sum(p.transfers_electronic), sum(p.transfers_total)
	FROM motcua.kpi_dossier f CROSS JOIN LATERAL motcua.kpi_fact_periods(f) p
	WHERE (f.received_day BETWEEN lo AND hi OR f.finished_day BETWEEN lo AND hi)
	  AND p.period_start <= to_day AND motcua.kpi_period_end(p.kind, p.period_start) >= from_day
	GROUP BY p.kind, p.period_start, p.unit;
	RETURN n;
END
$$;
COMMENT ON FUNCTION motcua.rebuild_kpis(date, date) IS
	'recompute the KPI facts of dossiers received in the range and the aggregates of every period overlapping it, from scratch';
CREATE INDEX kpi_dossier_received_idx ON motcua.kpi_dossier (received_day);
CREATE INDEX kpi_dossier_finished_idx ON motcua.kpi_dossier (finished_day) WHERE finished_day IS NOT NULL;

-- The unit tree's closure (every unit with each of its ancestors and
-- itself), rebuilt whenever the tree changes, so a subtree's figures are a
-- join, not a recursive walk per query.
CREATE TABLE motcua.unit_closure (
	ancestor	motcua.unit_id NOT NULL,
	descendant	motcua.unit_id NOT NULL,
	depth		integer NOT NULL,
	PRIMARY KEY (ancestor, descendant)
);
CREATE FUNCTION motcua.rebuild_unit_closure() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	DELETE FROM motcua.unit_closure;
	INSERT INTO motcua.unit_closure
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
CREATE TRIGGER unit_closure AFTER INSERT OR UPDATE OF parent OR DELETE OR TRUNCATE ON motcua.unit
	FOR EACH STATEMENT EXECUTE FUNCTION motcua.rebuild_unit_closure();
COMMENT ON TABLE motcua.unit_closure IS 'each unit with every ancestor (and itself, depth 0); maintained by a trigger on motcua.unit';

-- ratio: a percentage with two decimals, NULL when there is no denominator.
CREATE FUNCTION motcua.ratio(num numeric, den numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN den > 0 THEN round(100 * num / den, 2) END
$$;

-- motcua.kpi: per unit, counting its whole subtree, and per period, the
-- figures of ONE-STOP.md §5.  Filter on unit, period_kind (or period) and
-- period_start: the filters reach the indexes below the aggregation.  The
-- dossier figures come from the incremental aggregates; waiting times,
-- ratings and overdue open dossiers are read live for the rows asked for.
-- motcua.kpi_core: the dossier figures of motcua.kpi alone, from the
-- incremental aggregates (what the compliance snapshots read).
CREATE VIEW motcua.kpi_core AS
SELECT c.ancestor AS unit,
	   CASE k.kind WHEN 'd' THEN 'day' WHEN 'w' THEN 'week' WHEN 'm' THEN 'month'
				   WHEN 'q' THEN 'quarter' ELSE 'year' END AS period,
	   k.kind AS period_kind,
	   k.period_start,
	   motcua.kpi_period_end(k.kind, k.period_start) AS period_end,
	   sum(k.received) AS received,
	   sum(k.received_direct) AS received_direct,
	   sum(k.received_online) AS received_online,
	   sum(k.received_postal) AS received_postal,
	   motcua.ratio(sum(k.received_online), sum(k.received)) AS online_rate,
	   sum(k.finished) AS finished,
	   sum(k.resolved) AS resolved,
	   sum(k.early) AS early,
	   sum(k.on_time) AS on_time,
	   sum(k.late) AS late,
	   motcua.ratio(sum(k.early) + sum(k.on_time), sum(k.finished)) AS on_time_rate,
	   round(sum(k.processing_days) / nullif(sum(k.finished), 0), 2) AS avg_processing_days,
	   motcua.ratio(sum(k.dossiers_digitized), sum(k.received)) AS digitized_dossier_rate,
	   motcua.ratio(sum(k.results_digitized), sum(k.resolved)) AS digitized_result_rate,
	   motcua.ratio(sum(k.results_esigned), sum(k.resolved)) AS esigned_result_rate,
	   motcua.ratio(sum(k.transfers_electronic), sum(k.transfers_total)) AS electronic_transfer_rate,
	   motcua.ratio(sum(k.components_digitized), sum(k.components)) AS component_digitization_rate,
	   motcua.ratio(sum(k.components_reused), sum(k.components_reusable)) AS component_reuse_rate,
	   motcua.ratio(sum(k.dossiers_nothing_reprovided), sum(k.dossiers_with_eligible)) AS not_reprovided_rate,
	   sum(k.fee_bearing) AS fee_bearing,
	   sum(k.paid_online) AS paid_online,
	   motcua.ratio(sum(k.paid_online), sum(k.fee_bearing)) AS online_payment_rate
FROM motcua.unit_closure c
JOIN motcua.kpi_unit_period k ON k.unit OPERATOR(motcua.=) c.descendant
GROUP BY c.ancestor, k.kind, k.period_start;
COMMENT ON VIEW motcua.kpi_core IS 'the dossier figures of motcua.kpi per unit subtree and period, without the live waiting, rating and overdue figures';

-- per_staff_year: dossiers received per front-desk staff, annualized.
CREATE FUNCTION motcua.per_staff_year(received numeric, kind "char", start date, staff bigint) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT round(received * 365.0 / (motcua.kpi_period_end(kind, start) - start + 1) / nullif(staff, 0), 1)
$$;

-- kpi_front: the front-desk figures of a unit subtree over a period, read
-- live from the (small) ticket, rating and unit tables.
CREATE FUNCTION motcua.kpi_front(unit motcua.unit_id, kind "char", start date)
	RETURNS TABLE (visits bigint, avg_wait_minutes numeric, served_under_10_rate numeric, ratings bigint,
				   satisfaction_rate numeric, dislike_rate numeric, front_desk_staff bigint)
LANGUAGE sql STABLE AS $$
	SELECT q.visits, q.avg_wait_minutes, q.served_under_10_rate, r.ratings, r.satisfaction_rate, r.dislike_rate,
		   st.front_desk_staff
	FROM (SELECT count(*) AS visits,
				 round(avg(w.waiting_minutes), 1) AS avg_wait_minutes,
				 motcua.ratio(count(*) FILTER (WHERE w.served_under_10_min), count(w.waiting_minutes)) AS served_under_10_rate
		  FROM motcua.unit_closure uc
		  JOIN motcua.queue_wait w ON w.unit OPERATOR(motcua.=) uc.descendant
		  WHERE uc.ancestor OPERATOR(motcua.=) kpi_front.unit
			AND w.day BETWEEN kpi_front.start AND motcua.kpi_period_end(kpi_front.kind, kpi_front.start)) q,
		 (SELECT count(*) AS ratings,
				 motcua.ratio(count(*) FILTER (WHERE rt.satisfied), count(*)) AS satisfaction_rate,
				 motcua.ratio(count(*) FILTER (WHERE rt.dislike), count(*)) AS dislike_rate
		  FROM motcua.unit_closure uc
		  JOIN motcua.rating rt ON motcua.unit_of(rt.dossier) OPERATOR(motcua.=) uc.descendant
		  WHERE uc.ancestor OPERATOR(motcua.=) kpi_front.unit
			AND rt.rated_at >= (kpi_front.start::timestamp - interval '7 hours') AT TIME ZONE 'UTC'
			AND rt.rated_at < ((motcua.kpi_period_end(kpi_front.kind, kpi_front.start) + 1)::timestamp
							   - interval '7 hours') AT TIME ZONE 'UTC') r,
		 (SELECT sum(u.front_desk_staff)::bigint AS front_desk_staff
		  FROM motcua.unit_closure uc JOIN motcua.unit u ON u.id OPERATOR(motcua.=) uc.descendant
		  WHERE uc.ancestor OPERATOR(motcua.=) kpi_front.unit) st
$$;

CREATE VIEW motcua.kpi AS
SELECT g.*,
	   o.in_progress_overdue,
	   f.visits,
	   f.avg_wait_minutes,
	   f.served_under_10_rate,
	   f.ratings,
	   f.satisfaction_rate,
	   f.dislike_rate,
	   f.front_desk_staff,
	   motcua.per_staff_year(g.received, g.period_kind, g.period_start, f.front_desk_staff)
		   AS received_per_front_desk_staff_year
FROM motcua.kpi_core g
-- open at the end of the period (or now, for the current one) and past the
-- promised date; dossiers received more than a year before the period
-- ends are not looked at
CROSS JOIN LATERAL (
	SELECT count(*) AS in_progress_overdue
	FROM motcua.unit_closure uc
	JOIN motcua.dossier d ON d.unit OPERATOR(motcua.=) uc.descendant
	JOIN motcua.calendar cal ON cal.code = d.calendar
	WHERE uc.ancestor OPERATOR(motcua.=) g.unit
	  AND d.received_on BETWEEN g.period_end - 365 AND g.period_end
	  AND d.promised_at < least(now(), ((g.period_end + 1)::timestamp - cal.utc_offset) AT TIME ZONE 'UTC')
	  AND (d.finished_at IS NULL OR d.finished_at >= least(now(), ((g.period_end + 1)::timestamp - cal.utc_offset) AT TIME ZONE 'UTC'))) o
CROSS JOIN LATERAL motcua.kpi_front(g.unit, g.period_kind, g.period_start) f;
COMMENT ON VIEW motcua.kpi IS
	'KPIs per unit (with its whole subtree) and period: received by channel, online rate, early/on time/late, on-time rate, in-progress overdue, average processing working days, digitization, e-signature, electronic transfers, reuse, online payment, waiting time, satisfaction, dossiers per front-desk staff (annualized)';

SELECT pg_catalog.pg_extension_config_dump('motcua.kpi_dossier', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.kpi_unit_period', '');

REVOKE ALL ON FUNCTION motcua.refresh_kpis(), motcua.rebuild_kpis(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.refresh_kpis(), motcua.rebuild_kpis(date, date) TO motcua_admin;
GRANT SELECT ON motcua.kpi, motcua.kpi_unit_period, motcua.unit_closure TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;

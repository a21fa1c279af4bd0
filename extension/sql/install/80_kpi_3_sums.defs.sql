-- KPI sums per unit and period: folding facts in (refresh) and redoing them (rebuild).

-- kpi_period_end: the last day of a period (d, w, m, q or y; any other
-- kind is an error, not a year).
CREATE OR REPLACE FUNCTION motcua_internal.kpi_period_end(kind "char", period_start date) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT CASE kind WHEN 'd' THEN period_start WHEN 'w' THEN period_start + 6
					 WHEN 'm' THEN (period_start + interval '1 month - 1 day')::date
					 WHEN 'q' THEN (period_start + interval '3 months - 1 day')::date
					 WHEN 'y' THEN (period_start + interval '1 year - 1 day')::date
					 ELSE motcua_internal.invalid_selector('period kind', kind::text, NULL::date) END
$$;

-- require_period refuses a period that is not one of the allowed kinds
-- starting on its first day (a month from the 1st, a quarter from January,
-- April, July or October, a year from 1 January, a week from Monday).
CREATE OR REPLACE FUNCTION motcua_internal.require_period(kind "char", start date, allowed "char"[]) RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	unit text := CASE kind WHEN 'd' THEN 'day' WHEN 'w' THEN 'week' WHEN 'm' THEN 'month'
						   WHEN 'q' THEN 'quarter' WHEN 'y' THEN 'year' END;
BEGIN
	IF unit IS NULL OR start IS NULL OR NOT kind = ANY (allowed) OR NOT isfinite(start)
	   OR start <> date_trunc(unit, start)::date THEN
		RAISE EXCEPTION 'no period "%" starting %', kind, start
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = format('Periods here are %s (d day, w week, m month, q quarter, y year), from their first day.',
								array_to_string(allowed, ', '));
	END IF;
END
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
-- generate_kpi_apply (re)defines kpi_apply from the list of measures,
-- motcua_internal.kpi_measure: its columns, the sums of each branch, the
-- change filter and the update list are made from the list.
CREATE OR REPLACE FUNCTION motcua_internal.generate_kpi_apply() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $generate$
DECLARE
	body text := $tmpl$CREATE OR REPLACE FUNCTION motcua_internal.kpi_apply(source text, old_facts motcua_internal.kpi_dossier[], new_facts motcua_internal.kpi_dossier[],
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
	INSERT INTO motcua_internal.kpi_unit_period AS k (unit, kind, period_start, @COLUMNS@)
	SELECT d.* FROM (
		SELECT s.unit, p.kind, p.start,
			   @SUMS@
		FROM (SELECT f.unit, f.received_day AS day, f.sign, @RECEIVED@
			  FROM f GROUP BY f.unit, f.received_day, f.sign
			  UNION ALL
			  SELECT f.unit, f.finished_day, f.sign, @FINISHED@
			  FROM f WHERE f.finished_day IS NOT NULL GROUP BY f.unit, f.finished_day, f.sign
			  UNION ALL
			  SELECT f.unit, f.overdue_from, f.sign, @OVERDUE@
			  FROM f WHERE f.overdue_from IS NOT NULL GROUP BY f.unit, f.overdue_from, f.sign) s
		CROSS JOIN LATERAL (VALUES ('d'::"char", s.day), ('w', date_trunc('week', s.day)::date),
								   ('m', date_trunc('month', s.day)::date), ('q', date_trunc('quarter', s.day)::date),
								   ('y', date_trunc('year', s.day)::date)) p(kind, start)
		WHERE $3 IS NULL OR (p.start <= $4 AND motcua_internal.kpi_period_end(p.kind, p.start) >= $3)
		GROUP BY s.unit, p.kind, p.start) d
	-- (a dossier changed in one respect leaves its other sums as they were)
	WHERE (@NONZERO@)
	ON CONFLICT (unit, kind, period_start) DO UPDATE SET
		@SET@
	RETURNING k.unit, k.kind, k.period_start, @EMPTY@ AS emptied),
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
$fn$;$tmpl$;
	lst record;
BEGIN
	SELECT string_agg(format('%I', m.name), ', ' ORDER BY m.ordinal) AS columns,
		   string_agg(format('sum(s.sign * s.%1$I) AS %1$I', m.name), E',\n\t\t\t   ' ORDER BY m.ordinal) AS sums,
		   string_agg(format('%s AS %I', coalesce(m.on_received, '0'), m.name), E',\n\t\t\t\t\t ' ORDER BY m.ordinal) AS received,
		   string_agg(coalesce(m.on_finished, '0'), E',\n\t\t\t\t\t ' ORDER BY m.ordinal) AS finished,
		   string_agg(coalesce(m.on_overdue, '0'), ', ' ORDER BY m.ordinal) AS overdue,
		   string_agg(format('d.%I <> 0', m.name), ' OR ' ORDER BY m.ordinal) AS nonzero,
		   string_agg(format('%1$I = k.%1$I + EXCLUDED.%1$I', m.name), E',\n\t\t' ORDER BY m.ordinal) AS sets,
		   string_agg(format('k.%I = 0', m.name), ' AND ' ORDER BY m.ordinal) FILTER (WHERE m.keeps_row) AS empty
	INTO lst FROM motcua_internal.kpi_measure m;
	EXECUTE replace(replace(replace(replace(replace(replace(replace(replace(body,
		'@COLUMNS@', lst.columns), '@SUMS@', lst.sums), '@RECEIVED@', lst.received), '@FINISHED@', lst.finished),
		'@OVERDUE@', lst.overdue), '@NONZERO@', lst.nonzero), '@SET@', lst.sets), '@EMPTY@', lst.empty);
END
$generate$;
SELECT motcua_internal.generate_kpi_apply();

REVOKE ALL ON FUNCTION motcua_internal.kpi_apply(text, motcua_internal.kpi_dossier[], motcua_internal.kpi_dossier[], date, date) FROM PUBLIC;

-- snapshots_due marks the snapshots of the given periods (kinds[i],
-- starts[i]) stale for each of the given units.  A period no snapshot can
-- have fails here, in the fold of the dossier that made it (which
-- refresh_kpis then sets aside), not later in the recomputation.
CREATE OR REPLACE FUNCTION motcua_internal.snapshots_due(kinds "char"[], starts date[], units motcua.unit_id[])
	RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	period record;
BEGIN
	FOR period IN SELECT DISTINCT x.kind, x.start FROM unnest(kinds, starts) x(kind, start) WHERE x.kind IS NOT NULL LOOP
		PERFORM motcua_internal.require_period(period.kind, period.start, '{m,q,y}');
	END LOOP;
	INSERT INTO motcua_internal.kpi_snapshot_due (kind, start, unit)
	SELECT DISTINCT p.kind, p.start, u.unit
	FROM unnest(kinds, starts) p(kind, start) CROSS JOIN unnest(units) u(unit)
	WHERE p.kind IS NOT NULL AND u.unit IS NOT NULL
	ON CONFLICT (kind, start, unit) DO NOTHING;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.snapshots_due("char"[], date[], motcua.unit_id[]) FROM PUBLIC;

-- refresh_due_snapshots recomputes the snapshots marked stale, each period
-- for the units it was marked for, and returns how many periods.
CREATE OR REPLACE FUNCTION motcua_internal.refresh_due_snapshots() RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p record;
	n integer := 0;
BEGIN
	FOR p IN WITH claimed AS (DELETE FROM motcua_internal.kpi_snapshot_due d RETURNING d.kind, d.start, d.unit)
			 SELECT c.kind, c.start, array_agg(c.unit) AS units FROM claimed c GROUP BY c.kind, c.start LOOP
		PERFORM motcua.refresh_snapshots(ARRAY[p.kind], ARRAY[p.start], p.units);
		n := n + 1;
	END LOOP;
	RETURN n;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.refresh_due_snapshots() FROM PUBLIC;

-- kpi_fold folds the current facts of the given dossiers into the sums:
-- their previous contribution out, the current one in and remembered,
-- the snapshots of the periods that changed marked due (refresh_kpis
-- recomputes them).  A dossier folded again after being set aside leaves
-- the quarantine.
CREATE OR REPLACE FUNCTION motcua_internal.kpi_fold(codes motcua.dossier_code[]) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	old_facts motcua_internal.kpi_dossier[];
	new_facts motcua_internal.kpi_dossier[];
	stale record;
BEGIN
	WITH gone AS (
		DELETE FROM motcua_internal.kpi_dossier k USING unnest(codes) c(code)
		WHERE k.received_day = motcua.received_on(c.code) AND k.code OPERATOR(motcua.=) c.code
		RETURNING k.*)
	SELECT array_agg(gone::motcua_internal.kpi_dossier) INTO old_facts FROM gone;
	SELECT array_agg(f) INTO new_facts FROM motcua_internal.kpi_facts_of(codes) f;
	INSERT INTO motcua_internal.kpi_dossier SELECT * FROM unnest(new_facts);
	stale := motcua_internal.kpi_apply('(SELECT o.*, -1 AS sign FROM unnest($1) o
								UNION ALL SELECT n.*, 1 FROM unnest($2) n) x', old_facts, new_facts, NULL, NULL);
	PERFORM motcua_internal.snapshots_due(stale.kinds, stale.starts, stale.units);
	DELETE FROM motcua_internal.kpi_quarantine q WHERE q.dossier OPERATOR(motcua.=) ANY (codes);
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.kpi_fold(motcua.dossier_code[]) FROM PUBLIC;

-- fold_kpi_queue (refresh_kpis, and each pass of the kpi_refresh job)
-- folds the dossiers changed since the last refresh into the aggregates
-- and returns how many it folded.  One refresh runs at a time
-- (an advisory lock); receptions and transitions never wait for it: they
-- only append to kpi_dirty, and the refresh takes only the rows its
-- snapshot sees.  The dossiers' current facts are read once, into a
-- variable, so what is added and what is remembered are the same version
-- even if a dossier changes meanwhile (that change is queued again).
-- A batch is small work done by index probes: compiling it (JIT) would
-- cost more than it saves.  The snapshots the folds made stale are
-- recomputed at the end; with snapshot_delay (the kpi_refresh job's
-- passes) only once the oldest has waited that long or nothing was left
-- to fold.
CREATE OR REPLACE FUNCTION motcua_internal.fold_kpi_queue(snapshot_delay interval) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp SET jit = off AS $$
DECLARE
	codes motcua.dossier_code[];
	c motcua.dossier_code;
	front record;
	total bigint := 0;
	batch integer := 0;
	ceiling bigint;
BEGIN
	PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('motcua.refresh_kpis'));
	PERFORM motcua_internal.kpi_queue_forget();
	-- what was queued when it began: under a steady load a refresh ends,
	-- and its figures become visible, instead of chasing the queue (the
	-- kpi_refresh job calls it again at once)
	ceiling := (SELECT max(x.id) FROM motcua_internal.kpi_dirty x);
	-- in batches, so that a large queue (after a restore, say) never needs
	-- more than a batch's facts in memory
	LOOP
		WITH claimed AS (
			-- a range of the key, whatever the (often stale) statistics
			-- of this short-lived queue say
			DELETE FROM motcua_internal.kpi_dirty q
			WHERE q.id <= least(ceiling, (SELECT max(x.id) FROM (SELECT y.id FROM motcua_internal.kpi_dirty y ORDER BY y.id LIMIT 50000) x))
			RETURNING q.dossier)
		SELECT array_agg(DISTINCT dossier) INTO codes FROM claimed;
		EXIT WHEN codes IS NULL;
		BEGIN
			PERFORM motcua_internal.kpi_fold(codes);
			total := total + cardinality(codes);
		EXCEPTION WHEN OTHERS THEN
			-- one dossier the facts cannot be computed for (a value no
			-- check stopped at entry) must not stop the refresh for
			-- everyone: fold the batch one by one and set aside, with its
			-- reason, what still fails; its earlier contribution stays
			FOREACH c IN ARRAY codes LOOP
				BEGIN
					PERFORM motcua_internal.kpi_fold(ARRAY[c]);
					total := total + 1;
				EXCEPTION WHEN OTHERS THEN
					INSERT INTO motcua_internal.kpi_quarantine AS q (dossier, reason, sqlstate, set_aside_at)
					VALUES (c, SQLERRM, SQLSTATE, clock_timestamp())
					ON CONFLICT (dossier) DO UPDATE SET reason = EXCLUDED.reason, sqlstate = EXCLUDED.sqlstate,
						set_aside_at = EXCLUDED.set_aside_at;
				END;
			END LOOP;
		END;
		batch := batch + 1;
		PERFORM motcua_internal.report_progress(format('motcua refresh_kpis: batch %s done, %s dossiers folded', batch, total));
	END LOOP;
	-- the snapshots whose front-desk figures changed
	PERFORM motcua_internal.report_progress(format('motcua refresh_kpis: %s dossiers folded, front-desk figures', total));
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
	PERFORM motcua_internal.snapshots_due(front.kinds, front.starts, front.units);
	IF snapshot_delay IS NULL OR total = 0
	   OR (SELECT min(d.since) FROM motcua_internal.kpi_snapshot_due d) <= clock_timestamp() - snapshot_delay THEN
		PERFORM motcua_internal.report_progress(format('motcua refresh_kpis: %s dossiers folded, snapshots', total));
		PERFORM motcua_internal.refresh_due_snapshots();
	END IF;
	PERFORM motcua_internal.report_progress(NULL);
	RETURN total;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.fold_kpi_queue(interval) FROM PUBLIC;

CREATE OR REPLACE FUNCTION motcua.refresh_kpis() RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT motcua_internal.fold_kpi_queue(NULL)
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
	lo_year integer;
	hi_year integer;
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
	-- deadlines exist only within the years every calendar covers
	SELECT max(c.first_year), min(c.last_year) INTO lo_year, hi_year FROM motcua.calendar c;
	IF NOT isfinite(from_day) OR NOT isfinite(to_day)
	   OR extract(year FROM from_day) < lo_year OR extract(year FROM to_day) > hi_year THEN
		RAISE EXCEPTION 'rebuild range % to % is outside the supported years % to %', from_day, to_day, lo_year, hi_year
			USING ERRCODE = 'invalid_parameter_value', HINT = 'The supported years are those every calendar covers (calendar.first_year, last_year).';
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

REVOKE ALL ON FUNCTION motcua.refresh_kpis(), motcua.rebuild_kpis(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.refresh_kpis(), motcua.rebuild_kpis(date, date) TO motcua_admin;

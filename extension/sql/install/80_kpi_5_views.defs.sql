-- The KPI views: kpi_core (sums per subtree) and motcua.kpi (every period, with live figures).

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
-- with activity, the dossier figures of docs/domain.md §5 from the
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
	   sum(k.finished_extended) AS finished_extended,
	   motcua_internal.ratio(sum(k.portal_synced), sum(k.received)) AS portal_sync_rate,
	   sum(k.received_four_on_spot) AS received_four_on_spot,
	   motcua_internal.ratio(sum(k.four_on_spot_in_time), sum(k.finished_four_on_spot)) AS four_on_spot_same_day_rate,
	   sum(k.received_online_kiosk) AS received_online_kiosk,
	   sum(k.received_online_assisted) AS received_online_assisted
FROM motcua_internal.unit_closure c
JOIN motcua_internal.kpi_unit_period k ON k.unit OPERATOR(motcua.=) c.descendant
GROUP BY c.ancestor, k.kind, k.period_start;
COMMENT ON VIEW motcua_internal.kpi_core IS 'the dossier figures of motcua.kpi per unit subtree and period, without the live waiting, rating and overdue figures';

-- per_staff_year: dossiers received per front-desk staff, annualized.
CREATE OR REPLACE FUNCTION motcua_internal.per_staff_year(received numeric, kind "char", start date, staff numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT round(received * 365.0 / (motcua_internal.kpi_period_end(kind, start) - start + 1) / nullif(staff, 0), 1)
$$;

-- kpi_front: the front-desk figures of a unit subtree over a period, read
-- live from the (small) ticket, rating, roster and unit tables.  The
-- front-desk staff are those on duty (the roster's staff-days over the
-- period's working days); a subtree without a roster for the period
-- counts the head count on its unit rows.
CREATE OR REPLACE FUNCTION motcua_internal.kpi_front(unit motcua.unit_id, kind "char", start date)
	RETURNS TABLE (visits bigint, avg_wait_minutes numeric, served_under_10_rate numeric, ratings bigint,
				   satisfaction_rate numeric, dislike_rate numeric, front_desk_staff numeric)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT q.visits, q.avg_wait_minutes, q.served_under_10_rate, r.ratings, r.satisfaction_rate, r.dislike_rate,
		   st.front_desk_staff
	FROM (SELECT count(*) AS visits,
				 round(avg(w.waiting_minutes), 1) AS avg_wait_minutes,
				 motcua_internal.ratio(count(*) FILTER (WHERE w.served_under_10_min), count(w.waiting_minutes)) AS served_under_10_rate
		  FROM motcua_internal.unit_closure uc
		  JOIN motcua_internal.ticket_wait w ON w.unit OPERATOR(motcua.=) uc.descendant
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
		 (SELECT CASE WHEN rd.staff_days > 0
					  THEN (SELECT round(rd.staff_days / nullif(count(*) FILTER (WHERE c.working), 0), 2)
							FROM motcua.calendar_days(motcua_internal.calendar_of_unit(kpi_front.unit), kpi_front.start,
													  motcua_internal.kpi_period_end(kpi_front.kind, kpi_front.start)) c)
					  ELSE hc.head_count END AS front_desk_staff
		  FROM (SELECT count(*)::numeric AS staff_days
				FROM motcua_internal.unit_closure uc
				JOIN motcua.duty_roster dr ON dr.unit OPERATOR(motcua.=) uc.descendant
				WHERE uc.ancestor OPERATOR(motcua.=) kpi_front.unit
				  AND dr.day BETWEEN kpi_front.start AND motcua_internal.kpi_period_end(kpi_front.kind, kpi_front.start)) rd,
			   (SELECT sum(u.front_desk_staff)::numeric AS head_count
				FROM motcua_internal.unit_closure uc JOIN motcua.unit u ON u.id OPERATOR(motcua.=) uc.descendant
				WHERE uc.ancestor OPERATOR(motcua.=) kpi_front.unit) hc) st
$$;

-- kpi_overdue: dossiers of a unit subtree open and overdue at the end of
-- a period (at this moment, for the current period), as timeliness()
-- judges them: the running total of overdue_delta, read as whole years
-- before the period's end, months of its year, and days of its month.  A
-- period in which nothing happened has no sums of its own and still gets
-- the dossiers that were overdue through it.  Today's row also holds
-- dossiers whose deadline passes later today, which are not overdue yet.
CREATE OR REPLACE FUNCTION motcua_internal.kpi_overdue(unit motcua.unit_id, kind "char", start date) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
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
-- active or quiet, with the figures of docs/domain.md §5.  Filter on unit,
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
		   AS received_per_front_desk_staff_year,
	   coalesce(g.received_four_on_spot, 0) AS received_four_on_spot,
	   g.four_on_spot_same_day_rate,
	   coalesce(g.received_online_kiosk, 0) AS received_online_kiosk,
	   coalesce(g.received_online_assisted, 0) AS received_online_assisted
FROM motcua.unit u
CROSS JOIN motcua_internal.kpi_periods() p
-- (the filters on unit, period_kind and period_start reach kpi_core's
-- grouping through these equalities)
LEFT JOIN motcua_internal.kpi_core g ON g.unit OPERATOR(motcua.=) u.id AND g.period_kind = p.kind
	 AND g.period_start = p.period_start
CROSS JOIN LATERAL motcua_internal.kpi_front(u.id, p.kind, p.period_start) f;
COMMENT ON VIEW motcua.kpi IS
	'KPIs per unit (with its whole subtree) and period, quiet periods included: received by channel, online rate, early/on time/late against the legal deadline, on-time rate, in-progress overdue, extended dossiers (received in the period / finished in it), average processing working days, digitization, e-signature, electronic transfers, reuse, online payment, waiting time, satisfaction, dossiers per front-desk staff (annualized)';
-- (kpi_front and kpi_overdue read tickets, ratings and dossiers for the
-- aggregate figures of motcua.kpi: they run as their owner, so a BI role
-- reads the figures without reading those tables; only motcua's roles may
-- call them)
REVOKE ALL ON FUNCTION motcua_internal.kpi_front(motcua.unit_id, "char", date),
	motcua_internal.kpi_overdue(motcua.unit_id, "char", date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua_internal.kpi_front(motcua.unit_id, "char", date),
	motcua_internal.kpi_overdue(motcua.unit_id, "char", date) TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;
GRANT SELECT ON motcua.kpi, motcua_internal.kpi_unit_period, motcua_internal.kpi_unit_procedure_period, motcua_internal.unit_closure TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;

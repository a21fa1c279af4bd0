-- KPI engine, incremental facts: hand-computed fixtures, rollups along the
-- unit tree, incremental refresh equal to a rebuild on a random workload.
\set SHOW_CONTEXT never
SET search_path = motcua, motcua_internal, public;
SET timezone = 'Asia/Ho_Chi_Minh';
SET datestyle = 'ISO, YMD';
-- the cases enter last year's paper records: a superuser widens the window
SET motcua.backdating_window = '3650d';
SELECT count(*) > 0 AS loaded FROM load_sample_data();
SELECT refresh_kpis() >= 0 AS drained;   -- earlier suites' dossiers
-- dossiers using the population database: the warehouse suite's first
-- dossier took its CCCD from it at reception
SELECT k.received, k.population_db_dossiers, k.population_db_rate,
       (SELECT count(DISTINCT d.code) FROM dossier d JOIN dossier_component c ON c.dossier = d.code
        JOIN document_type t ON t.code = c.document_type
        WHERE d.unit = k.unit AND d.received_on BETWEEN k.period_start AND k.period_end
          AND c.supplied_by = 'national_db' AND t.national_database = 'population') AS counted_directly
FROM kpi k WHERE k.unit = '000.00.01.H22' AND k.period_kind = 'm' AND k.period_start = '2025-11-01';
INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level, fee)
VALUES ('9.999400', 'Thủ tục thử KPI 2 ngày', 'ho_tich', 'commune', 2, 'working_day', 'full', 20000);
INSERT INTO procedure_component (procedure, ordinal, document_type, reusable) VALUES
	('9.999400', 1, 'TO_KHAI_KHAI_SINH', false), ('9.999400', 2, 'CCCD', true);

-- Ward Hồng Gai (000.11.10.H22) under Hạ Long (000.00.10.H22) under the
-- province (000.00.00.H22).  Monday 1 December 2025: four dossiers.
SELECT receive('9.999400', '001099000001', '000.11.10.H22', 'direct', '2025-12-01 08:30') AS a \gset
SELECT receive('9.999400', '001099000002', '000.11.10.H22', 'online', '2025-12-01 09:00') AS b \gset
SELECT receive('9.999400', '001099000003', '000.11.10.H22', 'online', '2025-12-01 10:00') AS c \gset
SELECT receive('9.999400', '001099000004', '000.12.10.H22', 'postal', '2025-12-01 11:00') AS d \gset
-- promised: Wednesday 3 December 17:00
SELECT count(*) AS promised_wed FROM dossier WHERE code IN (:'a', :'b', :'c', :'d') AND promised_at = '2025-12-03 17:00';
SELECT count(*) AS queued FROM kpi_dirty WHERE dossier IN (:'a', :'b', :'c', :'d');
SELECT refresh_kpis() AS folded;
SELECT unit, period, received, received_direct, received_online, received_postal, online_rate
FROM kpi WHERE unit IN ('000.11.10.H22', '000.00.10.H22', '000.00.00.H22') AND period = 'day' AND period_start = '2025-12-01'
ORDER BY unit;

-- a: done early (Tuesday), digitized component, online payment, e-signed
-- b: done on time (Wednesday 16:00) after one electronic and one paper transfer
-- c: two supplement requests, done Wednesday: late
-- d: still open
SELECT supply_component(:'a', 1, 'digitized_at_counter', convert_to('tờ khai', 'UTF8'), at => '2025-12-01 08:35');
SELECT transition(:'a', 'accept', 'cb', '{"at": "2025-12-01 08:40"}'),
       transition(:'a', 'request_payment', 'cv', '{"at": "2025-12-01 09:00", "amount": 20000}'),
       transition(:'a', 'payment_received', 'cv', '{"at": "2025-12-01 09:30", "method": "online", "amount": 20000}'),
       transition(:'a', 'complete', 'cv', '{"at": "2025-12-02 10:00", "esigned": true, "results": [{"document_type": "GIAY_KHAI_SINH", "content_base64": "a2V0IHF1YQ=="}]}');
SELECT transition(:'b', 'accept', 'cb', '{"at": "2025-12-01 09:05"}'),
       transition(:'b', 'transfer', 'cb', '{"at": "2025-12-01 10:00", "to_unit": "000.00.10.H22", "channel": "electronic"}'),
       transition(:'b', 'transfer', 'cb', '{"at": "2025-12-02 10:00", "to_unit": "000.11.10.H22", "channel": "paper"}'),
       transition(:'b', 'complete', 'cv', '{"at": "2025-12-03 16:00"}');
SELECT transition(:'c', 'accept', 'cb', '{"at": "2025-12-01 10:05"}'),
       transition(:'c', 'request_supplement', 'cv', '{"at": "2025-12-01 11:00", "reason": "1"}'),
       transition(:'c', 'supplement_received', 'cb', '{"at": "2025-12-01 14:00"}'),
       transition(:'c', 'request_supplement', 'cv', '{"at": "2025-12-01 15:00", "reason": "2"}'),
       transition(:'c', 'supplement_received', 'cb', '{"at": "2025-12-01 16:00"}'),
       transition(:'c', 'complete', 'cv', '{"at": "2025-12-03 09:00"}');
SELECT refresh_kpis() AS folded;
SELECT unit, period, period_start, received, finished, resolved, early, on_time, late, on_time_rate,
       avg_processing_days, digitized_dossier_rate, digitized_result_rate, esigned_result_rate,
       electronic_transfer_rate, component_digitization_rate, fee_bearing, paid_online, online_payment_rate
FROM kpi WHERE unit IN ('000.11.10.H22', '000.00.10.H22') AND period IN ('week', 'month') AND period_start IN ('2025-12-01')
ORDER BY unit, period;
SELECT period_start, finished, early, on_time, late FROM kpi
WHERE unit = '000.00.00.H22' AND period = 'day' AND period_start BETWEEN '2025-12-01' AND '2025-12-05' ORDER BY 1;
SELECT code, outcome, round(processing_days, 3) AS processing_days FROM kpi_dossier WHERE code IN (:'a', :'b', :'c', :'d') ORDER BY code;

-- live figures: waiting times, ratings, overdue open dossiers, staff load
SELECT issue_ticket('000.11.10.H22', at => '2025-12-01 08:00') AS t1 \gset
SELECT issue_ticket('000.11.10.H22', at => '2025-12-01 08:05') AS t2 \gset
SELECT call_ticket(:t1, 'quầy 1', '2025-12-01 08:04'), call_ticket(:t2, 'quầy 2', '2025-12-01 08:25');
SELECT rate(:'a', 1, at => '2025-12-02 11:00'), rate(:'b', 4, at => '2025-12-03 16:30');
SELECT unit, period, visits, avg_wait_minutes, served_under_10_rate, ratings, satisfaction_rate, dislike_rate,
       in_progress_overdue, front_desk_staff
FROM kpi WHERE unit IN ('000.11.10.H22', '000.00.10.H22') AND period_kind = 'w' AND period_start = '2025-12-01' ORDER BY unit;
SELECT period_start, in_progress_overdue FROM kpi
WHERE unit = '000.00.10.H22' AND period_kind = 'd' AND period_start IN ('2025-12-01', '2025-12-03') ORDER BY 1;

-- a refresh with nothing queued does nothing
SELECT refresh_kpis() AS folded;

-- Incremental = rebuild on a random workload
SELECT setseed(0.4711);
DO $$
DECLARE
	units text[] := ARRAY['000.11.10.H22', '000.12.10.H22', '000.13.10.H22', '000.11.11.H22', '000.01.10.H22', '000.00.01.H22'];
	codes text[] := '{}';
	c text;
	t timestamptz;
	i int;
	r float8;
BEGIN
	FOR i IN 1..240 LOOP
		t := timestamptz '2025-12-08 08:00+07' + (i / 12) * interval '1 day' + (i % 12) * interval '30 minutes';
		c := motcua.receive('9.999400', lpad((100000 + i)::text, 12, '0010990'), units[1 + (i % 6)]::motcua.unit_id,
							(ARRAY['direct', 'online', 'postal'])[1 + (i % 3)], t)::text;
		codes := codes || c;
		r := random();
		IF r < 0.85 THEN
			PERFORM motcua.transition(c::motcua.dossier_code, 'accept', 'cb', jsonb_build_object('at', t + interval '5 minutes'));
		END IF;
		IF r < 0.25 THEN
			PERFORM motcua.transition(c::motcua.dossier_code, 'request_supplement', 'cv', jsonb_build_object('at', t + interval '1 hour', 'reason', 'x'));
			PERFORM motcua.transition(c::motcua.dossier_code, 'supplement_received', 'cb', jsonb_build_object('at', t + interval '26 hours'));
		END IF;
		IF r < 0.7 THEN
			PERFORM motcua.transition(c::motcua.dossier_code, 'complete', 'cv',
									  jsonb_build_object('at', t + interval '27 hours' + (i % 5) * interval '1 day', 'esigned', i % 2 = 0));
		ELSIF r < 0.8 THEN
			PERFORM motcua.transition(c::motcua.dossier_code, 'stop', 'cv', jsonb_build_object('at', t + interval '2 days', 'reason', 'x'));
		END IF;
		IF i % 50 = 0 THEN
			PERFORM motcua.refresh_kpis();      -- refreshes interleaved with changes
		END IF;
	END LOOP;
END
$$;
SELECT refresh_kpis() > 0 AS folded;
-- the snapshots the refreshes redid (only the periods and units whose sums
-- or front-desk figures changed) equal a recomputation of every period for
-- every unit (procedures_population_db reads the procedure catalogue as it
-- is when computed, and this file added a procedure since)
CREATE TEMP TABLE snap_766 AS SELECT unit, period_kind, period_start, indicator, value, points, reason FROM index_766_snapshot
WHERE indicator <> 'procedures_population_db';
CREATE TEMP TABLE snap_plan AS SELECT plan, indicator, tier, area_class, unit, year, actual, target, met, gap, reason
FROM plan_compliance_snapshot;
SELECT refresh_snapshots(array_agg(kind), array_agg(period_start))
FROM (SELECT DISTINCT kind, period_start FROM kpi_unit_period WHERE kind IN ('m', 'q', 'y')) p;
SELECT (SELECT count(*) FROM snap_766) > 100 AS many_766_rows,
       (SELECT count(*) FROM (
           (SELECT * FROM snap_766 EXCEPT SELECT unit, period_kind, period_start, indicator, value, points, reason FROM index_766_snapshot)
           UNION ALL (SELECT unit, period_kind, period_start, indicator, value, points, reason FROM index_766_snapshot
                      WHERE indicator <> 'procedures_population_db' EXCEPT SELECT * FROM snap_766)) x)
           AS index_766_differences,
       (SELECT count(*) FROM (
           (SELECT * FROM snap_plan EXCEPT SELECT plan, indicator, tier, area_class, unit, year, actual, target, met, gap, reason FROM plan_compliance_snapshot)
           UNION ALL (SELECT plan, indicator, tier, area_class, unit, year, actual, target, met, gap, reason FROM plan_compliance_snapshot EXCEPT SELECT * FROM snap_plan)) x)
           AS plan_differences;
-- in_progress_overdue, kept as a running total of overdue events, equals
-- a direct count of the dossiers open at the last instant of every day and
-- week, active or quiet, that timeliness() judges overdue then
SELECT count(*) AS overdue_periods_checked,
       count(*) FILTER (WHERE k.in_progress_overdue IS DISTINCT FROM (
           SELECT count(*) FROM unit_closure uc JOIN dossier d ON d.unit = uc.descendant
           CROSS JOIN LATERAL (SELECT ((k.period_end + 1)::timestamp - interval '1 microsecond')
                                      AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at) e
           WHERE uc.ancestor = k.unit AND d.received_at <= e.at
             AND (d.finished_at IS NULL OR d.finished_at > e.at)
             AND timeliness(d.code, e.at) = 'in_progress_overdue'))
           AS mismatches,
       sum(k.in_progress_overdue) > 0 AS some_overdue
FROM kpi k
WHERE k.unit IN ('000.00.00.H22', '000.00.10.H22', '000.11.10.H22') AND k.period_kind IN ('d', 'w')
  AND k.period_start BETWEEN '2025-12-01' AND '2026-01-31';
CREATE TEMP TABLE incremental AS SELECT * FROM kpi_unit_period;
SELECT rebuild_kpis('2025-01-01', '2025-12-31') = (SELECT count(*) FROM dossier WHERE received_on BETWEEN '2025-01-01' AND '2025-12-31') AS rebuilt_all_dossiers_of_2025;
SELECT (SELECT count(*) FROM (SELECT * FROM incremental EXCEPT SELECT * FROM kpi_unit_period) x) AS only_incremental,
       (SELECT count(*) FROM (SELECT * FROM kpi_unit_period EXCEPT SELECT * FROM incremental) x) AS only_rebuild,
       (SELECT count(*) FROM incremental) > 100 AS many_rows;
-- and a partial rebuild of one week leaves everything as it was
SELECT rebuild_kpis('2025-12-10', '2025-12-16') > 0 AS rebuilt;
SELECT count(*) AS differences FROM (
	(SELECT * FROM incremental EXCEPT SELECT * FROM kpi_unit_period)
	UNION ALL (SELECT * FROM kpi_unit_period EXCEPT SELECT * FROM incremental)) x;
-- the province total equals the sum of its receiving units
SELECT (SELECT received FROM kpi WHERE unit = '000.00.00.H22' AND period = 'year' AND period_start = '2025-01-01')
     = (SELECT sum(received) FROM kpi_unit_period WHERE kind = 'y' AND period_start = '2025-01-01'
        AND motcua.unit_root(unit) = 'H22') AS rollup_ok;
-- errors
SELECT rebuild_kpis('2025-12-31', '2025-01-01');
-- a missing bound is refused, and nothing is emptied
SELECT count(*) AS facts_before FROM kpi_dossier \gset
SELECT rebuild_kpis(NULL, '2025-12-31');
SELECT count(*) = :facts_before AS facts_kept FROM kpi_dossier;
SELECT refresh_snapshots('{m}', '{2025-12-05}');
SELECT refresh_snapshots('{d}', '{2025-12-01}');
SELECT refresh_snapshots('{m,q}', '{2025-12-01}');
SELECT refresh_snapshots('{m,y}', '{2025-12-01,2025-01-01}');

-- Decision 766 index, materialized by the refresh (the ward, week of 1 Dec)
SELECT "group", indicator, max_points, full_at, value, points, group_points, reason IS NOT NULL AS has_reason
FROM index_766 WHERE unit = '000.11.10.H22' AND period_kind = 'm' AND period_start = '2025-12-01'
  AND indicator IN ('on_time', 'dossier_digitized', 'electronic_result', 'dossiers_paid_online', 'synced_to_portal',
					'service_satisfaction', 'online_dossiers', 'procedures_paid_online', 'dossiers_population_db')
ORDER BY "group", indicator;
SELECT DISTINCT total_points > 0 AS scored, unmeasured_points, as_of IS NOT NULL AS has_as_of
FROM index_766 WHERE unit = '000.11.10.H22' AND period_kind = 'm' AND period_start = '2025-12-01';
SELECT index_766_points(40, 4, 80) AS half_of_4, index_766_points(85, 4, 80) AS full_4, index_766_points(NULL, 4, 80) AS unknown;

-- Plan compliance: Quảng Ninh's 2025 targets at the ward and the province
SELECT plan, indicator, tier, unit, period, actual, target, met, gap
FROM plan_compliance
WHERE plan = 'QN-KH140-2021' AND period = 2025 AND unit IN ('000.11.10.H22', '000.00.00.H22')
  AND indicator IN ('component_digitization_rate', 'online_rate', 'avg_wait_minutes', 'satisfaction_rate')
ORDER BY indicator, tier, unit;

-- Reports sent upward: Hạ Long's week and the province's quarter
SELECT unit, is_total, received, finished, on_time_rate, in_progress_overdue
FROM report_weekly('000.00.10.H22', '2025-12-01');
SELECT unit, is_total, received = (SELECT received FROM kpi WHERE unit = '000.00.00.H22' AND period_kind = 'q' AND period_start = '2025-10-01') AS matches_kpi
FROM report_quarterly('000.00.00.H22', 2025, 4) WHERE is_total;
SELECT * FROM report_weekly('000.00.10.H22', '2025-12-02');
SELECT * FROM report_quarterly('000.00.10.H22', 2025, 5);
SELECT * FROM report_quarterly('000.00.99.H22', 2025, 4);

-- For the current day the overdue count is taken at this moment: equal to
-- a direct count of the open dossiers already past their promised date
SELECT receive('9.999400', '001099000009', '000.13.10.H22', 'online', now()) IS NOT NULL AS received_now;
SELECT refresh_kpis() > 0 AS folded;
SELECT k.in_progress_overdue = (
           SELECT count(*) FROM unit_closure uc JOIN dossier d ON d.unit = uc.descendant
           WHERE uc.ancestor = k.unit AND d.finished_at IS NULL AND d.promised_at < now()) AS overdue_now_exact,
       k.in_progress_overdue > 0 AS some_overdue
FROM kpi k WHERE k.unit = '000.00.00.H22' AND k.period_kind = 'd' AND k.period_start = local_time(now())::date;

-- The queue takes a dossier once per transaction, whatever it goes
-- through; a savepoint rolled back takes its row away, and what follows
-- queues the dossier again; a refresh inside the transaction takes the
-- row, and the next change queues the dossier anew
SELECT refresh_kpis() >= 0 AS drained;
BEGIN;
SELECT receive('9.999400', '001099000010', '000.11.10.H22', 'direct', '2025-12-08 08:30') AS e \gset
SELECT transition(:'e', 'accept', 'cb', '{"at": "2025-12-08 08:40"}'),
       transition(:'e', 'assign', 'cb', '{"at": "2025-12-08 09:00", "officer": "cv.1"}');
SELECT count(*) AS queued_once FROM kpi_dirty WHERE dossier = :'e';
SAVEPOINT s;
SELECT transition(:'e', 'request_supplement', 'cv', '{"at": "2025-12-08 10:00", "reason": "thiếu"}');
SELECT count(*) AS queued_in_savepoint FROM kpi_dirty WHERE dossier = :'e';
ROLLBACK TO SAVEPOINT s;
RELEASE SAVEPOINT s;
SELECT count(*) AS after_rollback FROM kpi_dirty WHERE dossier = :'e';
SELECT transition(:'e', 'complete', 'cv', '{"at": "2025-12-09 10:00"}');
SELECT count(*) AS queued_again FROM kpi_dirty WHERE dossier = :'e';
SELECT refresh_kpis() AS folded_inside;
SELECT count(*) AS left_queued FROM kpi_dirty WHERE dossier = :'e';
SELECT transition(:'e', 'return_result', 'cb', '{"at": "2025-12-09 15:00", "channel": "direct"}');
SELECT count(*) AS queued_after_refresh FROM kpi_dirty WHERE dossier = :'e';
COMMIT;
SELECT refresh_kpis() AS folded;
SELECT k.resolved, k.finished_day, d.state FROM kpi_dossier k JOIN dossier d ON d.code = k.code WHERE k.code = :'e';

-- The kpi_refresh job's passes let the Decision 766 and plan snapshots a
-- fold made stale wait for the next folds, up to ten seconds; a pass with
-- nothing left to fold recomputes them at once, and so does refresh_kpis()
SELECT max(as_of) AS as_of_before FROM index_766
WHERE unit = '000.11.10.H22' AND period_kind = 'm' AND period_start = '2025-12-01' \gset
SELECT receive('9.999400', '001099000011', '000.11.10.H22', 'direct', '2025-12-10 08:30') IS NOT NULL AS received;
SELECT fold_kpi_queue('10 seconds') AS folded;
SELECT count(*) > 0 AS snapshots_wait,
       (SELECT max(as_of) FROM index_766 WHERE unit = '000.11.10.H22' AND period_kind = 'm' AND period_start = '2025-12-01') = :'as_of_before' AS not_yet
FROM kpi_snapshot_due;
SELECT receive('9.999400', '001099000012', '000.11.10.H22', 'direct', '2025-12-10 09:30') IS NOT NULL AS received;
SELECT fold_kpi_queue('10 seconds') AS folded;
SELECT count(*) > 0 AS still_waiting FROM kpi_snapshot_due;
-- (the oldest has now waited eleven seconds)
UPDATE kpi_snapshot_due SET since = since - interval '11 seconds';
SELECT receive('9.999400', '001099000013', '000.11.10.H22', 'direct', '2025-12-10 10:30') IS NOT NULL AS received;
SELECT fold_kpi_queue('10 seconds') AS folded;
SELECT count(*) AS waiting FROM kpi_snapshot_due;
SELECT max(as_of) > :'as_of_before' AS recomputed FROM index_766
WHERE unit = '000.11.10.H22' AND period_kind = 'm' AND period_start = '2025-12-01';
SELECT receive('9.999400', '001099000014', '000.11.10.H22', 'direct', '2025-12-10 11:30') IS NOT NULL AS received;
SELECT fold_kpi_queue('10 seconds') AS folded;
SELECT count(*) > 0 AS waiting FROM kpi_snapshot_due;
SELECT fold_kpi_queue('10 seconds') AS nothing_left;
SELECT count(*) AS waiting FROM kpi_snapshot_due;
SELECT receive('9.999400', '001099000015', '000.11.10.H22', 'direct', '2025-12-10 13:30') IS NOT NULL AS received;
SELECT refresh_kpis() AS folded;
SELECT count(*) AS waiting FROM kpi_snapshot_due;

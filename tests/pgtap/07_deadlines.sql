-- Deadlines and KPIs an officer can defend (issue 11): the receipt cut-off
-- for procedures timed in hours, the cut-off and closing instants
-- themselves, clock stops in the overdue count, quiet periods, extensions
-- with an apology letter, and tax codes outside the issued ranges.  The
-- last part drives a few thousand dossiers through receive and transition
-- and checks the KPI overdue count at many period ends against a direct
-- count with timeliness().
BEGIN;
SELECT plan(41);
SET LOCAL search_path = motcua, motcua_internal, public;
SET LOCAL motcua.backdating_window = '3650d';   -- the cases enter past records
SET LOCAL timezone = 'Asia/Ho_Chi_Minh';
SELECT count(*) FROM load_sample_data();
SELECT refresh_kpis();
INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level, fee, receipt_cutoff) VALUES
	('9.999700', 'Thủ tục thử 4 giờ, hạn tiếp nhận 15:00', 'chung_thuc', 'commune', 4, 'working_hour', 'none', 0, '15:00'),
	('9.999701', 'Thủ tục thử 3 ngày', 'ho_tich', 'commune', 3, 'working_day', 'full', 0, NULL),
	('9.999702', 'Thủ tục thử 2 ngày, hạn tiếp nhận 15:00', 'ho_tich', 'commune', 2, 'working_day', 'partial', 10000, '15:00');
-- (a volatile function reads the row a receive() in the same statement wrote)
CREATE FUNCTION pg_temp.promised(c motcua.dossier_code) RETURNS timestamptz
LANGUAGE sql VOLATILE AS 'SELECT promised_at FROM motcua.dossier WHERE code = c';

-- 1. Hours and the cut-off.  Monday 17 November 2025 is a working day.
SELECT is(pg_temp.promised(receive('9.999700', '001099100001', '000.11.10.H22', 'direct', '2025-11-17 16:00')),
		  '2025-11-18 12:00+07'::timestamptz,
		  '4 working hours received at 16:00 after a 15:00 cut-off run from 08:00 the next working day');
SELECT is(pg_temp.promised(receive('9.900003', '001099100002', '000.11.10.H22', 'online', '2025-11-21 15:30')),
		  '2025-11-24 12:00+07'::timestamptz,
		  'the sample catalogue''s 4-hour procedure (cut-off 15:00): Friday 15:30 runs from Monday 08:00');
SELECT is(pg_temp.promised(receive('9.999700', '001099100003', '000.11.10.H22', 'direct', '2025-11-17 14:00')),
		  '2025-11-18 09:00+07'::timestamptz,
		  'before the cut-off the hours run from the receipt: 14:00 + 4 h -> 09:00 next day (3 h that day)');

-- 2. The cut-off and closing instants belong to the day
SELECT is(pg_temp.promised(receive('9.999700', '001099100004', '000.11.10.H22', 'direct', '2025-11-17 15:00:00')),
		  '2025-11-18 10:00+07'::timestamptz,
		  'received at 15:00:00 exactly, the cut-off: that day''s, 2 h that day and 2 h the next');
SELECT is(pg_temp.promised(receive('9.999700', '001099100005', '000.11.10.H22', 'direct', '2025-11-17 15:00:00.000001')),
		  '2025-11-18 12:00+07'::timestamptz,
		  'one microsecond after the cut-off: the next working day''s');
SELECT is(pg_temp.promised(receive('9.999702', '001099100006', '000.11.10.H22', 'direct', '2025-11-17 15:00')),
		  '2025-11-19 17:00+07'::timestamptz,
		  '2 working days received at the 15:00 cut-off exactly count from Tuesday');
SELECT is(pg_temp.promised(receive('9.999701', '001099100007', '000.11.10.H22', 'direct', '2025-11-17 17:00:00')),
		  '2025-11-20 17:00+07'::timestamptz,
		  '3 working days received at 17:00:00 exactly (closing) are Monday''s: Thursday 17:00');
SELECT is(pg_temp.promised(receive('9.999701', '001099100008', '000.11.10.H22', 'direct', '2025-11-17 17:00:01')),
		  '2025-11-21 17:00+07'::timestamptz,
		  'received at 17:00:01: Tuesday''s, so Friday 17:00');
SELECT is(effective_receipt_day('2025-11-17 15:00', 'VN', '15:00'), '2025-11-17'::date,
		  'effective_receipt_day takes the cut-off: 15:00 is that day''s');
SELECT is(effective_receipt_day('2025-11-17 15:01', 'VN', '15:00'), '2025-11-18'::date,
		  'effective_receipt_day: 15:01 after a 15:00 cut-off is the next working day''s');
SELECT is((SELECT reason FROM explain_deadline('2025-11-17 15:01', 2, 'VN', '15:00') WHERE day = '2025-11-17'),
		  'received after the 15:00 cut-off: counts as received the next working day',
		  'explain_deadline says why the day of a receipt after the cut-off does not count');
SELECT is((SELECT reason FROM explain_deadline('2025-11-17 17:30', 2, 'VN', '15:00') WHERE day = '2025-11-17'),
		  'received outside office hours', 'and why a receipt after closing does not');
SELECT is((SELECT max(deadline) FROM explain_deadline('2025-11-17 15:01', 2, 'VN', '15:00')),
		  '2025-11-20 17:00+07'::timestamptz,
		  'explain_deadline with the cut-off agrees with receive');

-- 3. A dossier waiting for a supplement is not overdue, in timeliness or
-- in the KPIs; the same for a suspension.  Ward 000.12.10.H22, fresh.
SELECT receive('9.999701', '001099100010', '000.12.10.H22', 'direct', '2025-12-01 09:00') AS s1 \gset
SELECT receive('9.999701', '001099100011', '000.12.10.H22', 'direct', '2025-12-01 09:00') AS s2 \gset
SELECT receive('9.999701', '001099100012', '000.12.10.H22', 'direct', '2025-12-01 09:00') AS s3 \gset
-- all three promised Thursday 4 December 17:00
SELECT transition(:'s1', 'accept', 'cb', '{"at": "2025-12-01 09:10"}'),
	   transition(:'s1', 'request_supplement', 'cv', '{"at": "2025-12-02 10:00", "reason": "thiếu giấy tờ"}');
SELECT transition(:'s2', 'accept', 'cb', '{"at": "2025-12-01 09:10"}'),
	   transition(:'s2', 'suspend', 'cv', '{"at": "2025-12-03 10:00", "reason": "chờ cơ quan phối hợp"}');
-- s3 is overdue first, then asked for a supplement: it stays overdue
SELECT transition(:'s3', 'accept', 'cb', '{"at": "2025-12-01 09:10"}'),
	   transition(:'s3', 'request_supplement', 'cv', '{"at": "2025-12-08 10:00", "reason": "muộn"}');
SELECT refresh_kpis();
SELECT is(timeliness(:'s1', '2025-12-10 10:00'), 'in_progress', 'waiting for a supplement past the first promised date: in progress');
SELECT is(timeliness(:'s2', '2025-12-10 10:00'), 'in_progress', 'suspended past the first promised date: in progress');
SELECT is(timeliness(:'s3', '2025-12-10 10:00'), 'in_progress_overdue', 'asked for a supplement after the deadline: still overdue');
SELECT is((SELECT in_progress_overdue FROM kpi WHERE unit = '000.12.10.H22' AND period_kind = 'w' AND period_start = '2025-12-08'),
		  1::bigint, 'the week''s overdue count holds only the dossier that was late before its stop');
SELECT is((SELECT in_progress_overdue FROM kpi WHERE unit = '000.12.10.H22' AND period_kind = 'd' AND period_start = '2025-12-05'),
		  1::bigint, 'on Friday 5 December only s3 is overdue: s1 and s2 stopped before their deadline');
-- the supplement arrives on Wednesday 10 December 10:00: s1's deadline
-- moves by the office time it waited (6 working days) and is not passed yet
SELECT transition(:'s1', 'supplement_received', 'cb', '{"at": "2025-12-10 10:00"}');
SELECT refresh_kpis();
SELECT is((SELECT due_at FROM dossier WHERE code = :'s1'), '2025-12-12 17:00+07'::timestamptz,
		  'the legal deadline moved by the 6 working days the clock stood still');
SELECT is((SELECT in_progress_overdue FROM kpi WHERE unit = '000.12.10.H22' AND period_kind = 'd' AND period_start = '2025-12-15'),
		  2::bigint, 'once resumed and past its moved deadline, s1 counts too');
SELECT is(timeliness(:'s1', '2025-12-09 23:00'), 'in_progress',
		  'timeliness of the past: on 9 December s1 was still waiting, not overdue');

-- 4. A quiet period: nothing received or finished in Q1 2026 at ward
-- 000.12.10.H22, yet its open overdue dossiers are there at the quarter's end
SELECT is((SELECT in_progress_overdue FROM report_quarterly('000.12.10.H22', 2026, 1) WHERE is_total),
		  2::bigint, 'report_quarterly of a quiet quarter shows the 2 dossiers overdue at its end (s2 is still suspended)');
SELECT is((SELECT in_progress_overdue FROM report_weekly('000.00.10.H22', '2026-02-02') WHERE unit = '000.12.10.H22'),
		  2::bigint, 'report_weekly of a quiet week shows them in the ward''s row');
SELECT is((SELECT (received, finished, in_progress_overdue)::text FROM kpi
		   WHERE unit = '000.12.10.H22' AND period_kind = 'q' AND period_start = '2026-01-01'),
		  '(0,0,2)', 'motcua.kpi has a row for the quiet quarter: 0 received, 0 finished, 2 overdue');
SELECT is((SELECT count(*) FROM kpi WHERE unit = '000.12.10.H22' AND period_kind = 'm'
		   AND period_start BETWEEN '2026-01-01' AND '2026-06-01' AND in_progress_overdue = 2),
		  6::bigint, 'every quiet month of 2026 has its row with the 2 overdue');

-- 5. An extension with an apology letter does not cure lateness
SELECT receive('9.999701', '001099100020', '000.13.10.H22', 'direct', '2025-12-01 09:00') AS x1 \gset
SELECT transition(:'x1', 'accept', 'cb', '{"at": "2025-12-01 09:10"}'),
	   transition(:'x1', 'extend', 'cv', '{"at": "2025-12-04 15:00", "new_promised_at": "2025-12-10 17:00", "apology_letter": "12/XL-UBND"}'),
	   transition(:'x1', 'complete', 'cv', '{"at": "2025-12-08 10:00"}');
SELECT refresh_kpis();
SELECT is(timeliness(:'x1'), 'late', 'finished two days after the first promised date, extended: late');
SELECT is((SELECT (promised_at, due_at)::text FROM dossier WHERE code = :'x1'),
		  '("2025-12-10 17:00:00+07","2025-12-04 17:00:00+07")',
		  'the person keeps the new date; the legal deadline stays the first one');
SELECT is((SELECT portal_record(:'x1')->>'NgayHenTra'), '20251210170000', 'the portal gets the new promised date');
SELECT is((SELECT (late, early, extended, finished_extended)::text FROM kpi
		   WHERE unit = '000.13.10.H22' AND period_kind = 'm' AND period_start = '2025-12-01'),
		  '(1,0,1,1)', 'the KPIs count it late and report the extension');
SELECT is((SELECT in_progress_overdue FROM kpi WHERE unit = '000.13.10.H22' AND period_kind = 'd' AND period_start = '2025-12-05'),
		  1::bigint, 'while extended and open it counted as overdue');

-- 6. Tax codes outside the issued ranges (Circular 105/2020/TT-BTC)
SELECT throws_ok($$SELECT '0012345672'::tax_code$$, '22P02', NULL, 'range 00 is never issued');
SELECT throws_ok($$SELECT '0100000003'::tax_code$$, '22P02', NULL, 'sequence 0000000 is never issued');
SELECT throws_ok($$SELECT receive('9.999701', '0100000003', '000.11.10.H22', 'direct', '2025-12-01 09:00')$$,
				 '22P02', NULL, 'receive refuses such a subject');

-- Randomized: 2,500 dossiers over the first half of 2025 in four units,
-- with supplement requests (before and after the deadline, some twice,
-- some never answered), suspensions, extensions, hour and day procedures,
-- refreshes interleaved; nothing after June, so the rest of the year is quiet.
SELECT setseed(0.1105);
DO $$
DECLARE
	units text[] := ARRAY['000.11.10.H22', '000.12.10.H22', '000.01.10.H22', '000.00.01.H22'];
	procs text[] := ARRAY['9.999700', '9.999701', '9.999702', '9.999701'];
	c motcua.dossier_code;
	t timestamptz;
	st text;
	a text;
	i int;
	k int;
	r float8;
BEGIN
	FOR i IN 1..2500 LOOP
		t := timestamptz '2025-01-02 07:00+07' + floor(random() * 170) * interval '1 day'
			 + floor(random() * 12 * 60) * interval '1 minute';
		c := motcua.receive(procs[1 + i % 4]::motcua.procedure_code, lpad((200000 + i)::text, 12, '0010990'),
							units[1 + (i / 4) % 4]::motcua.unit_id, (ARRAY['direct', 'online', 'postal'])[1 + i % 3], t);
		FOR k IN 1..8 LOOP
			t := t + (random() * random() * 9 * 24) * interval '1 hour';
			SELECT d.state INTO st FROM motcua.dossier d WHERE d.code = c;
			r := random();
			a := CASE st
				WHEN 'received' THEN CASE WHEN r < 0.9 THEN 'accept' WHEN r < 0.95 THEN 'refuse_reception' ELSE 'withdraw' END
				WHEN 'accepted' THEN CASE WHEN r < 0.25 THEN 'request_supplement' WHEN r < 0.35 THEN 'suspend'
										  WHEN r < 0.45 THEN 'extend' WHEN r < 0.5 THEN 'stop' ELSE 'complete' END
				WHEN 'in_progress' THEN CASE WHEN r < 0.15 THEN 'request_supplement' WHEN r < 0.2 THEN 'suspend'
											 WHEN r < 0.3 THEN 'extend' WHEN r < 0.33 THEN 'withdraw' ELSE 'complete' END
				WHEN 'awaiting_supplement' THEN CASE WHEN r < 0.75 THEN 'supplement_received' WHEN r < 0.85 THEN 'withdraw'
													 ELSE NULL END
				WHEN 'suspended' THEN CASE WHEN r < 0.8 THEN 'resume' WHEN r < 0.9 THEN 'stop' ELSE NULL END
				WHEN 'done' THEN 'return_result'
				ELSE NULL END;
			EXIT WHEN a IS NULL;
			PERFORM motcua.transition(c, a, 'cv', jsonb_build_object(
				'at', t, 'reason', 'x', 'channel', 'direct', 'apology_letter', 'XL',
				'new_promised_at', (SELECT d.promised_at + interval '2 days' FROM motcua.dossier d WHERE d.code = c)));
			EXIT WHEN random() < 0.15;
		END LOOP;
		IF i % 500 = 0 THEN
			PERFORM motcua.refresh_kpis();
		END IF;
	END LOOP;
END
$$;
SELECT refresh_kpis();
SELECT ok((SELECT count(*) FROM dossier WHERE received_on < '2025-07-01' AND cardinality(clock_stops) > 0) > 300
		  AND (SELECT count(*) FROM dossier WHERE received_on < '2025-07-01' AND clock_stopped_at IS NOT NULL) > 30
		  AND (SELECT count(*) FROM dossier WHERE received_on < '2025-07-01' AND supplement_count > 1) > 10
		  AND (SELECT count(*) FROM dossier WHERE received_on < '2025-07-01' AND extension_count > 0) > 100,
		  'the workload has closed and running clock stops, second supplements and extensions');

-- period ends: every day of two active months, every week, month and
-- quarter of 2025 (the second half quiet), for a ward, its district, the
-- province and the province center
CREATE TEMP TABLE checkpoint ON COMMIT DROP AS
SELECT u.unit, p.kind, p.start, motcua_internal.kpi_period_end(p.kind, p.start) AS period_end,
	   ((motcua_internal.kpi_period_end(p.kind, p.start) + 1)::timestamp - interval '1 microsecond') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS last_instant
FROM (VALUES ('000.11.10.H22'), ('000.00.10.H22'), ('000.00.00.H22'), ('000.00.01.H22')) u(unit)
CROSS JOIN (SELECT 'd'::"char", g::date FROM generate_series('2025-03-01'::date, '2025-04-30', '1 day') g
			UNION ALL SELECT 'w', g::date FROM generate_series('2024-12-30'::date, '2025-12-29', '1 week') g
			UNION ALL SELECT 'm', g::date FROM generate_series('2025-01-01'::date, '2025-12-01', '1 month') g
			UNION ALL SELECT 'q', g::date FROM generate_series('2025-01-01'::date, '2025-10-01', '3 months') g) p(kind, start);
-- the direct count: each dossier open at each period's last instant,
-- judged by timeliness()
CREATE TEMP TABLE judged ON COMMIT DROP AS
SELECT t.last_instant, d.unit, timeliness(d.code, t.last_instant) AS judged
FROM (SELECT DISTINCT last_instant FROM checkpoint) t
JOIN dossier d ON d.received_at <= t.last_instant AND (d.finished_at IS NULL OR d.finished_at > t.last_instant);
SELECT is((SELECT count(*) FROM checkpoint c
		   WHERE (SELECT in_progress_overdue FROM kpi k WHERE k.unit = c.unit::unit_id AND k.period_kind = c.kind
				  AND k.period_start = c.start)
				 IS DISTINCT FROM (SELECT count(*) FROM judged j JOIN unit_closure uc ON uc.descendant = j.unit
								   WHERE uc.ancestor = c.unit::unit_id AND j.last_instant = c.last_instant
									 AND j.judged = 'in_progress_overdue')),
		  0::bigint, 'motcua.kpi overdue equals the timeliness() count at every period end (days, weeks, months, quarters)');
SELECT ok((SELECT count(*) FROM checkpoint) > 300
		  AND (SELECT count(DISTINCT last_instant) FROM judged WHERE judged = 'in_progress_overdue') > 50
		  AND (SELECT count(*) FROM judged WHERE judged = 'in_progress') > 1000,
		  'many period ends were checked, with overdue and not-overdue open dossiers');
-- the province center received nothing and finished nothing in the fourth
-- quarter; its report still counts what was open and overdue at its end
SELECT is((SELECT (r.received, r.finished, r.in_progress_overdue)::text
		   FROM report_quarterly('000.00.01.H22', 2025, 4) r WHERE r.is_total),
		  (SELECT format('(0,0,%s)', count(*)) FROM judged j
		   WHERE j.unit = '000.00.01.H22' AND j.judged = 'in_progress_overdue'
			 AND j.last_instant = '2025-12-31 23:59:59.999999+07'),
		  'report_quarterly for a quiet quarter equals the direct count');
SELECT ok((SELECT count(*) FROM judged j
		   WHERE j.unit = '000.00.01.H22' AND j.judged = 'in_progress_overdue'
			 AND j.last_instant = '2025-12-31 23:59:59.999999+07') > 20,
		  'and that count is not zero');
SELECT is((SELECT count(*) FROM checkpoint c
		   JOIN LATERAL report_weekly('000.00.10.H22', c.start) r ON r.is_total
		   WHERE c.kind = 'w' AND c.unit = '000.00.10.H22'
			 AND r.in_progress_overdue IS DISTINCT FROM (
				 SELECT count(*) FROM judged j JOIN unit_closure uc ON uc.descendant = j.unit
				 WHERE uc.ancestor = '000.00.10.H22' AND j.last_instant = c.last_instant AND j.judged = 'in_progress_overdue')),
		  0::bigint, 'report_weekly agrees with the direct count every week, active or quiet');
-- finished dossiers: the outcome counted equals timeliness()
SELECT is((SELECT count(*) FROM kpi_dossier k JOIN dossier d ON d.code = k.code
		   WHERE d.finished_at IS NOT NULL AND k.outcome IS DISTINCT FROM timeliness(d.code)),
		  0::bigint, 'every finished dossier is counted with the outcome timeliness() gives it');
-- and a rebuild agrees with the incremental sums
CREATE TEMP TABLE incremental ON COMMIT DROP AS SELECT * FROM kpi_unit_period;
SELECT rebuild_kpis('2025-01-01', '2025-12-31');
SELECT is((SELECT count(*) FROM ((SELECT * FROM incremental EXCEPT SELECT * FROM kpi_unit_period)
								 UNION ALL (SELECT * FROM kpi_unit_period EXCEPT SELECT * FROM incremental)) x),
		  0::bigint, 'rebuild_kpis gives the same sums as the incremental refreshes');

SELECT * FROM finish();
ROLLBACK;

-- Bad input is refused at entry, with its SQLSTATE and nothing written:
-- times that are not points in time, amounts that are not numbers or are
-- below zero.  And one bad row that got in anyway (written by hand) does
-- not stop refresh_kpis() for everyone: it is set aside with its reason.
BEGIN;
SELECT plan(42);
SET LOCAL search_path = motcua, motcua_internal, public;
SET LOCAL motcua.backdating_window = '3650d';   -- the cases enter past records
SET LOCAL timezone = 'Asia/Ho_Chi_Minh';
SELECT count(*) FROM load_sample_data();
SELECT refresh_kpis();
INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level, fee)
VALUES ('9.999950', 'Thủ tục thử đầu vào', 'ho_tich', 'commune', 3, 'working_day', 'full', 20000);

SELECT throws_ok($$SELECT receive('9.999950', '001099900001', '000.11.10.H22', 'direct', 'infinity')$$,
				 '22007', NULL, 'a reception at infinity is refused');
SELECT throws_ok($$SELECT receive('9.999950', '001099900001', '000.11.10.H22', 'direct', '-infinity')$$,
				 '22007', NULL, 'a reception at -infinity is refused');
SELECT is((SELECT count(*) FROM dossier WHERE procedure = '9.999950'), 0::bigint, 'and nothing was written');

SELECT receive('9.999950', '001099900002', '000.11.10.H22', 'direct', '2025-12-01 09:00') AS a \gset
SELECT throws_ok(format($$SELECT transition(%L, 'accept', 'cb', '{"at": "infinity"}')$$, :'a'),
				 '22007', NULL, 'an event at infinity (a dossier frozen for ever) is refused');
SELECT transition(:'a', 'accept', 'cb', '{"at": "2025-12-01 09:10"}');
SELECT throws_ok(format($$SELECT transition(%L, 'extend', 'cv', '{"at": "2025-12-02 09:00", "new_promised_at": "infinity", "apology_letter": "x"}')$$, :'a'),
				 '22007', NULL, 'an extension to infinity is refused');
SELECT throws_ok(format($$SELECT transition(%L, 'request_payment', 'cv', '{"at": "2025-12-02 09:00", "amount": "NaN"}')$$, :'a'),
				 '22023', NULL, 'a NaN fee is refused');
SELECT throws_ok(format($$SELECT transition(%L, 'request_payment', 'cv', '{"at": "2025-12-02 09:00", "amount": -5}')$$, :'a'),
				 '22023', NULL, 'a negative fee is refused');
SELECT transition(:'a', 'request_payment', 'cv', '{"at": "2025-12-02 09:00", "amount": 20000}');
SELECT throws_ok(format($$SELECT transition(%L, 'payment_received', 'cv', '{"at": "2025-12-02 10:00", "amount": "NaN", "method": "online"}')$$, :'a'),
				 '22023', NULL, 'a NaN payment is refused');
SELECT is((SELECT (state, fee, paid_amount, event_count)::text FROM dossier WHERE code = :'a'),
		  '(awaiting_payment,20000,0,3)', 'the refused actions left the dossier as it was');

SELECT throws_ok($$SELECT issue_ticket('000.11.10.H22', at => 'infinity')$$, '22007', NULL, 'a ticket issued at infinity is refused');
SELECT throws_ok($$SELECT issue_ticket('000.11.10.H22', at => '2025-12-01 08:00', booked_for => 'infinity')$$,
				 '22007', NULL, 'a booking for infinity is refused');
SELECT issue_ticket('000.11.10.H22', at => '2025-12-01 08:00') AS t \gset
SELECT throws_ok(format($$SELECT call_ticket(%s, 'quầy 1', 'infinity')$$, :t), '22007', NULL, 'a call at infinity is refused');
SELECT throws_ok($$SELECT submit_feedback('000.11.10.H22', 'feedback', 'chậm', at => 'infinity')$$,
				 '22007', NULL, 'feedback at infinity is refused');
SELECT is((SELECT count(*) FROM queue_ticket WHERE unit = '000.11.10.H22'), 1::bigint, 'only the good ticket exists');

-- Free text over a sane size: 22001 naming the field, nothing written
SELECT throws_ok(format($$SELECT transition(%L, 'stop', 'cv', jsonb_build_object('reason', repeat('x', 2001)))$$, :'a'),
				 '22001', 'reason is too long: 2001 characters, at most 2000 allowed', 'a 2,001-character reason is refused');
SELECT lives_ok(format($$SELECT transition(%L, 'payment_received', 'cv', jsonb_build_object('amount', 20000, 'method', 'online', 'note', repeat('x', 2000)))$$, :'a'),
				'a 2,000-character note in details is accepted');
SELECT throws_ok(format($$SELECT transition(%L, 'assign', repeat('x', 201))$$, :'a'),
				 '22001', 'actor is too long: 201 characters, at most 200 allowed', 'a 201-character actor is refused');
SELECT throws_ok(format($$SELECT transition(%L, 'assign', 'cv', jsonb_build_object('note', repeat('x', 40000)))$$, :'a'),
				 '22001', NULL, 'details over 32,768 characters are refused');
SELECT throws_ok($$SELECT receive('9.999950', '001099900009', '000.11.10.H22', 'direct', details => jsonb_build_object('actor', repeat('x', 201)))$$,
				 '22001', 'actor is too long: 201 characters, at most 200 allowed', 'so is a 201-character actor on a reception');
SELECT throws_ok($$SELECT submit_feedback('000.11.10.H22', 'feedback', repeat('chậm ', 2001))$$,
				 '22001', 'content is too long: 10005 characters, at most 10000 allowed', 'feedback over 10,000 characters is refused');
SELECT throws_ok(format($$SELECT rate(%L, 4, comment => repeat('x', 2001))$$, :'a'),
				 '22001', NULL, 'a rating comment over 2,000 characters is refused');
SELECT is((SELECT (state, event_count)::text FROM dossier WHERE code = :'a'), '(in_progress,4)',
		  'the refused actions wrote nothing');
SELECT ok(NOT EXISTS (SELECT 1 FROM subject WHERE personal_id = '001099900009'), 'nor did the refused reception');

-- Unknown selectors are errors, not plausible values
SELECT throws_ok($$SELECT kpi_period_end('x', '2025-01-01')$$, '22023', 'unknown period kind: x', 'an unknown period kind has no end');
SELECT is(kpi_period_end('y', '2025-01-01'), '2025-12-31'::date, 'a year still ends on 31 December');
SELECT throws_ok($$SELECT compute_index_766('x', '2025-01-01')$$, '22023', NULL, 'no Decision 766 index of an unknown period');
SELECT throws_ok($$SELECT compute_index_766('m', '2025-01-15')$$, '22023', NULL, 'nor of a month from its 15th');
SELECT throws_ok($$SELECT index_766_points('NaN', 2, 0.9)$$, '22023', 'unknown rate: NaN', 'no points for a NaN rate');
SELECT throws_ok($$SELECT index_766_points(-0.1, 2, 0.9)$$, '22023', NULL, 'nor for a negative one');
SELECT throws_ok($$SELECT index_766_points(0.5, 2, 0)$$, '22023', NULL, 'nor against a full-points rate of 0');
SELECT is(index_766_points(0.45, 2, 0.9), 1.00, 'a plain rate still earns its points');
SELECT throws_ok($$SELECT rebuild_kpis('1999-12-31', '2025-12-31')$$, '22023', NULL, 'a rebuild from before the calendars'' years is refused');
SELECT throws_ok($$SELECT rebuild_kpis('2025-01-01', '2101-01-01')$$, '22023', NULL, 'so is one past them');
SELECT throws_ok($$SELECT rebuild_kpis('-infinity', '2025-12-31')$$, '22023', NULL, 'and one from -infinity');

-- One bad row written by hand: the refresh sets it aside and goes on
SELECT receive('9.999950', '001099900003', '000.11.10.H22', 'direct', '2025-12-02 09:00') AS b \gset
SELECT receive('9.999950', '001099900004', '000.11.10.H22', 'online', '2025-12-02 10:00') AS c \gset
SELECT refresh_kpis();
UPDATE dossier SET due_at = 'infinity' WHERE code = :'b';
SELECT receive('9.999950', '001099900005', '000.11.10.H22', 'postal', '2025-12-03 09:00') AS d \gset
SELECT lives_ok($$SELECT refresh_kpis()$$, 'refresh_kpis does not fail because of one bad row');
SELECT is((SELECT count(*) FROM kpi_quarantine WHERE dossier = :'b'), 1::bigint, 'the bad dossier is set aside');
SELECT ok((SELECT reason <> '' AND sqlstate <> '' FROM kpi_quarantine WHERE dossier = :'b'), 'with its reason and SQLSTATE');
SELECT is((SELECT count(*) FROM kpi_quarantine), 1::bigint, 'and nothing else');
SELECT is((SELECT received FROM kpi WHERE unit = '000.11.10.H22' AND period_kind = 'd' AND period_start = '2025-12-03'),
		  1::numeric, 'the dossier queued with it was folded');
SELECT is((SELECT received FROM kpi WHERE unit = '000.11.10.H22' AND period_kind = 'd' AND period_start = '2025-12-02'),
		  2::numeric, 'the set-aside dossier keeps its earlier contribution');
UPDATE dossier SET due_at = promised_at WHERE code = :'b';
SELECT refresh_kpis();
SELECT is((SELECT count(*) FROM kpi_quarantine), 0::bigint, 'once fixed and refreshed, it leaves the quarantine');
CREATE TEMP TABLE incremental ON COMMIT DROP AS SELECT * FROM kpi_unit_period;
SELECT rebuild_kpis('2025-01-01', '2025-12-31');
SELECT is((SELECT count(*) FROM ((TABLE incremental EXCEPT TABLE kpi_unit_period)
								 UNION ALL (TABLE kpi_unit_period EXCEPT TABLE incremental)) x),
		  0::bigint, 'and the sums equal a rebuild');

SELECT * FROM finish();
ROLLBACK;

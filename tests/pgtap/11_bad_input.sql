-- Bad input is refused at entry, with its SQLSTATE and nothing written:
-- times that are not points in time, amounts that are not numbers or are
-- below zero.  And one bad row that got in anyway (written by hand) does
-- not stop refresh_kpis() for everyone: it is set aside with its reason.
BEGIN;
SELECT plan(22);
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

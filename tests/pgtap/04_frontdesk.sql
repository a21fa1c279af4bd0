-- Front office: queue tickets (numbering, call order, waiting time, wrong
-- moves), satisfaction ratings of dossiers, feedback and complaints with
-- their working-day handling deadline, and the privileges around them.
BEGIN;
SELECT plan(97);
SET LOCAL search_path = motcua, motcua_internal, public;
SET LOCAL motcua.backdating_window = '3650d';   -- the cases enter past records
SET LOCAL timezone = 'Asia/Ho_Chi_Minh';

SELECT has_table('motcua', t, 'table motcua.' || t) FROM unnest(ARRAY['queue_ticket', 'rating', 'feedback']) t;
SELECT has_table('motcua_internal', 'queue_counter', 'table motcua_internal.queue_counter (numbering, not an API)');
SELECT has_view('motcua', v, 'view motcua.' || v) FROM unnest(ARRAY['queue_wait', 'feedback_status']) v;

-- Reference data: one province, an authority that does not receive
-- dossiers and two one-stop centers, a one-day procedure.
INSERT INTO jurisdiction (code, name, kind, admin_code) VALUES ('H97', 'Tỉnh Thử Một Cửa', 'province', '97');
INSERT INTO tier VALUES ('H97', 1, 'Cấp tỉnh', 'province');
INSERT INTO unit (id, name, jurisdiction, tier, parent, kind, receives_dossiers) VALUES
	('000.00.00.H97', 'UBND tỉnh', 'H97', 1, NULL, 'authority', false),
	('000.00.01.H97', 'Trung tâm Phục vụ hành chính công tỉnh', 'H97', 1, '000.00.00.H97', 'service_center', true),
	('000.00.02.H97', 'Trung tâm Phục vụ hành chính công số 2', 'H97', 1, '000.00.00.H97', 'service_center', true);
INSERT INTO field (code, name) VALUES ('thu_mot_cua', 'Lĩnh vực thử');
INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level)
VALUES ('9.999300', 'Thủ tục thử một ngày', 'thu_mot_cua', 'province', 1, 'working_day', 'full');

------------------------------------------------------------------------
-- Numbering per unit and day
------------------------------------------------------------------------
SELECT issue_ticket('000.00.01.H97', at => '2025-11-24 08:00') AS n1 \gset
SELECT issue_ticket('000.00.01.H97', at => '2025-11-24 08:01') AS n2 \gset
SELECT issue_ticket('000.00.02.H97', at => '2025-11-24 08:02') AS n3 \gset
SELECT issue_ticket('000.00.01.H97', at => '2025-11-25 08:00') AS n4 \gset
-- 17:30 UTC on 24 November is 00:30 on 25 November in Vietnam
SELECT issue_ticket('000.00.01.H97', at => '2025-11-24 17:30+00') AS n5 \gset
SELECT results_eq(
	format('SELECT unit::text, day, number FROM queue_ticket WHERE id IN (%s, %s, %s, %s, %s) ORDER BY id',
		   :n1, :n2, :n3, :n4, :n5),
	$$VALUES ('000.00.01.H97', date '2025-11-24', 1), ('000.00.01.H97', date '2025-11-24', 2),
			 ('000.00.02.H97', date '2025-11-24', 1), ('000.00.01.H97', date '2025-11-25', 1),
			 ('000.00.01.H97', date '2025-11-25', 2)$$,
	'numbers start at 1 per unit and per day (the unit''s local day)');
SELECT is((SELECT status FROM queue_ticket WHERE id = :n1), 'waiting', 'a new ticket is waiting');
SELECT is((SELECT last_number FROM queue_counter WHERE unit = '000.00.01.H97' AND day = '2025-11-24'), 2,
		  'the counter holds the last number of the unit''s day');

SELECT throws_ok($$SELECT issue_ticket('000.00.77.H97', at => '2025-11-24 09:00')$$, '42704',
				 'unit 000.00.77.H97 does not exist', 'issuing at an unknown unit is 42704');
SELECT throws_ok($$SELECT issue_ticket('000.00.00.H97', at => '2025-11-24 09:00')$$, '22023',
				 'unit 000.00.00.H97 does not receive visitors', 'issuing at a unit that receives no dossiers is 22023');
SELECT throws_ok($$SELECT issue_ticket('000.00.01.H97', 'vip', at => '2025-11-24 09:00')$$, '22023',
				 'invalid priority "vip"', 'an unknown priority is 22023');
SELECT throws_ok($$SELECT issue_ticket('000.00.01.H97', at => '2025-11-24 09:00', booked_for => '2025-11-25 09:00')$$,
				 '22023', NULL, 'a booked slot on another day is 22023');
SELECT is((SELECT last_number FROM queue_counter WHERE unit = '000.00.01.H97' AND day = '2025-11-24'), 2,
		  'refused tickets take no number');
SELECT throws_ok($$INSERT INTO queue_ticket (unit, day, number, issued_at, called_at, counter, status)
				   VALUES ('000.00.01.H97', '2025-11-24', 99, '2025-11-24 09:00', '2025-11-24 08:00', 'Q1', 'called')$$,
				 '23514', NULL, 'the table refuses a call before the issue');
SELECT throws_ok($$INSERT INTO queue_ticket (unit, day, number, issued_at, status)
				   VALUES ('000.00.01.H97', '2025-11-24', 1, '2025-11-24 09:00', 'waiting')$$,
				 '23505', NULL, 'the table refuses a number twice for a unit and day');

------------------------------------------------------------------------
-- Call order: priority groups, then due booked slots, then first come
-- first served, then early booked visitors
------------------------------------------------------------------------
SELECT issue_ticket('000.00.01.H97', 'none', NULL, '2025-11-26 08:00') AS qa \gset
SELECT issue_ticket('000.00.01.H97', 'none', 'ho_tich', '2025-11-26 08:01', '2025-11-26 08:30') AS qb \gset
SELECT issue_ticket('000.00.01.H97', 'elderly', NULL, '2025-11-26 08:02') AS qc \gset
SELECT issue_ticket('000.00.01.H97', 'none', NULL, '2025-11-26 08:03', '2025-11-26 10:00') AS qd \gset
SELECT issue_ticket('000.00.01.H97', 'none', NULL, '2025-11-26 08:04') AS qe \gset
SELECT issue_ticket('000.00.01.H97', 'pregnant', NULL, '2025-11-26 09:00') AS qf \gset
SELECT issue_ticket('000.00.02.H97', 'disability', NULL, '2025-11-26 08:00') AS qo \gset

SELECT is(next_ticket('000.00.01.H97', 'Q1', '2025-11-26 08:35'), :qc::bigint, 'the elderly visitor is called first');
SELECT is((SELECT status || ' ' || counter FROM queue_ticket WHERE id = :qc), 'called Q1', 'the ticket is called to the counter');
SELECT is(next_ticket('000.00.01.H97', 'Q2', '2025-11-26 08:36'), :qb::bigint, 'then the visitor whose booked slot has come');
SELECT is(next_ticket('000.00.01.H97', 'Q3', '2025-11-26 08:40'), :qa::bigint, 'then the first come');
SELECT is(next_ticket('000.00.01.H97', 'Q1', '2025-11-26 09:05'), :qf::bigint, 'a pregnant visitor arriving later goes first');
SELECT is(next_ticket('000.00.01.H97', 'Q2', '2025-11-26 09:06'), :qe::bigint, 'a booked visitor who came early waits for the slot');
SELECT is(next_ticket('000.00.01.H97', 'Q3', '2025-11-26 09:10'), :qd::bigint, '... unless nobody else waits');
SELECT is(next_ticket('000.00.01.H97', 'Q1', '2025-11-26 09:11'), NULL::bigint,
		  'NULL when nobody waits (tickets left waiting from earlier days are not called)');
SELECT is((SELECT status FROM queue_ticket WHERE id = :qo), 'waiting', 'another unit''s queue is left alone');
SELECT is(next_ticket('000.00.01.H97', 'Q1', '2025-11-24 07:59'), NULL::bigint,
		  'tickets issued after the time of the call are not called');
SELECT throws_ok($$SELECT next_ticket('000.00.77.H97', 'Q1', '2025-11-26 09:00')$$, '42704', NULL,
				 'next_ticket at an unknown unit is 42704');
SELECT throws_ok($$SELECT next_ticket('000.00.00.H97', 'Q1', '2025-11-26 09:00')$$, '22023', NULL,
				 'next_ticket at a unit that receives no dossiers is 22023');
SELECT throws_ok($$SELECT next_ticket('000.00.01.H97', '', '2025-11-26 09:00')$$, '22023', NULL,
				 'next_ticket without a counter is 22023');

------------------------------------------------------------------------
-- Waiting time
------------------------------------------------------------------------
SELECT issue_ticket('000.00.01.H97', at => '2025-11-27 08:00') AS g \gset
SELECT lives_ok(format($$SELECT call_ticket(%s, 'Q4', '2025-11-27 08:07:30')$$, :g), 'call a ticket');
SELECT lives_ok(format($$SELECT serve_ticket(%s, '2025-11-27 08:08')$$, :g), 'serve it');
SELECT lives_ok(format($$SELECT finish_ticket(%s, NULL, '2025-11-27 08:20')$$, :g), 'finish it');
SELECT results_eq(
	format('SELECT status, waiting_minutes, service_minutes, served_under_10_min FROM queue_wait WHERE ticket = %s', :g),
	$$VALUES ('done', 7.5, 12.0, true)$$,
	'7.5 minutes from issue to call: served in under 10 minutes; 12 minutes at the counter');
SELECT results_eq(
	format('SELECT ticket, waiting_minutes, served_under_10_min FROM queue_wait WHERE ticket IN (%s, %s, %s, %s, %s) ORDER BY ticket',
		   :qa, :qb, :qc, :qd, :qo),
	format('VALUES (%s::bigint, 40.0, false), (%s, 6.0, true), (%s, 33.0, false), (%s, 0.0, true), (%s, NULL, NULL)',
		   :qa, :qb, :qc, :qd, :qo),
	'waits run from issue, or from the booked slot when the visitor came early; NULL until called');
SELECT hasnt_column('motcua', 'queue_wait', c, 'queue_wait has no ' || c) FROM unnest(ARRAY['dossier', 'counter', 'service']) c;

------------------------------------------------------------------------
-- Wrong moves: 55000 with the current status, nothing written
------------------------------------------------------------------------
SELECT issue_ticket('000.00.01.H97', at => '2025-11-27 09:00') AS w \gset
SELECT throws_ok(format('SELECT serve_ticket(%s, %L)', :w, '2025-11-27 09:05'), '55000',
				 format('ticket %s is waiting: it cannot be served', :w), 'serving an uncalled ticket is 55000');
SELECT throws_ok(format('SELECT finish_ticket(%s, NULL, %L)', :w, '2025-11-27 09:05'), '55000',
				 format('ticket %s is waiting: it cannot be finished', :w), 'finishing an unserved ticket is 55000');
SELECT throws_ok(format('SELECT call_ticket(%s, %L, %L)', :w, 'Q1', '2025-11-27 08:59'), '55000', NULL,
				 'a call dated before the issue is 55000');
SELECT throws_ok(format('SELECT call_ticket(%s, %L, %L)', :w, '', '2025-11-27 09:01'), '22023', NULL,
				 'a call without a counter is 22023');
SELECT lives_ok(format('SELECT call_ticket(%s, %L, %L)', :w, 'Q1', '2025-11-27 09:01'), 'call it');
SELECT throws_ok(format('SELECT call_ticket(%s, %L, %L)', :w, 'Q2', '2025-11-27 09:02'), '55000',
				 format('ticket %s is called: it cannot be called', :w), 'calling a called ticket is 55000');
SELECT throws_ok(format('SELECT serve_ticket(%s, %L)', :w, '2025-11-27 09:00:30'), '55000', NULL,
				 'serving before the call is 55000');
SELECT is((SELECT status || ' ' || counter || ' ' || to_char(called_at, 'HH24:MI') FROM queue_ticket WHERE id = :w),
		  'called Q1 09:01', 'the refused moves wrote nothing');
SELECT throws_ok(format('SELECT finish_ticket(%s)', :g), '55000',
				 format('ticket %s is done: it cannot be finished', :g), 'finishing a finished ticket is 55000');
SELECT throws_ok(format('SELECT call_ticket(%s, %L)', :g, 'Q1'), '55000',
				 format('ticket %s is done: it cannot be called', :g), 'calling a finished ticket is 55000');
SELECT throws_ok(format('SELECT no_show(%s)', :g), '55000', NULL, 'a finished ticket cannot be a no-show');
SELECT throws_ok('SELECT call_ticket(-1, ''Q1'')', '42704', 'ticket -1 does not exist', 'an unknown ticket is 42704');
SELECT throws_ok('SELECT no_show(-1)', '42704', NULL, 'no_show of an unknown ticket is 42704');
SELECT lives_ok(format('SELECT no_show(%s, %L)', :w, '2025-11-27 09:04'), 'a called visitor who does not come is a no-show');
SELECT is((SELECT status FROM queue_ticket WHERE id = :w), 'no_show', 'the ticket is closed as no_show');
SELECT lives_ok(format('SELECT no_show(%s, %L)', :qo, '2025-11-26 12:00'), 'a waiting ticket can be closed as no-show');

------------------------------------------------------------------------
-- Dossiers for ratings and feedback
------------------------------------------------------------------------
SELECT receive('9.999300', '001099012345', '000.00.01.H97', 'direct', '2025-11-24 09:00') AS d1 \gset
SELECT receive('9.999300', '001099012345', '000.00.01.H97', 'online', '2025-11-24 09:30') AS d2 \gset
SELECT receive('9.999300', '001099012345', '000.00.02.H97', 'direct', '2025-11-24 09:00') AS d3 \gset

-- a visit ends with the dossier received during it
SELECT issue_ticket('000.00.01.H97', at => '2025-11-24 08:50') AS v \gset
SELECT call_ticket(:v, 'Q1', '2025-11-24 08:52') AS ignored \gset
SELECT serve_ticket(:v, '2025-11-24 08:53') AS ignored \gset
SELECT throws_ok(format('SELECT finish_ticket(%s, %L, %L)', :v, :'d3', '2025-11-24 09:10'), '22023', NULL,
				 'a dossier of another unit is 22023');
SELECT throws_ok(format('SELECT finish_ticket(%s, %L, %L)', :v, '000.00.01.H97-251124-0099', '2025-11-24 09:10'), '42704',
				 NULL, 'an unknown dossier is 42704');
SELECT lives_ok(format('SELECT finish_ticket(%s, %L, %L)', :v, :'d1', '2025-11-24 09:10'), 'finish with the dossier received');
SELECT is((SELECT dossier::text FROM queue_ticket WHERE id = :v), :'d1', 'the ticket records the dossier');

------------------------------------------------------------------------
-- Ratings
------------------------------------------------------------------------
SELECT throws_ok(format('SELECT rate(%L, 1)', :'d1'), '55000',
				 format('dossier %s is received: it can be rated once its processing has ended', :'d1'),
				 'a dossier still in processing cannot be rated');
SELECT transition(:'d1', 'accept', 'cb.mot', '{"at": "2025-11-24 09:05"}') AS ignored \gset
SELECT transition(:'d1', 'complete', 'cv.hai', '{"at": "2025-11-25 10:00"}') AS ignored \gset
SELECT transition(:'d2', 'refuse_reception', 'cb.mot', '{"at": "2025-11-24 09:40", "reason": "không thuộc thẩm quyền"}') AS ignored \gset
SELECT throws_ok(format('SELECT rate(%L, 5, at => %L)', :'d1', '2025-11-26 09:00'), '22023', NULL, 'score 5 is 22023');
SELECT throws_ok(format('SELECT rate(%L, 0, at => %L)', :'d1', '2025-11-26 09:00'), '22023', NULL, 'score 0 is 22023');
SELECT throws_ok(format('SELECT rate(%L, 1, %L, at => %L)', :'d1', 'fax', '2025-11-26 09:00'), '22023', NULL,
				 'an unknown channel is 22023');
SELECT throws_ok(format('SELECT rate(%L, 1, at => %L)', :'d1', '2025-11-25 09:00'), '55000', NULL,
				 'a rating dated before the end of processing is 55000');
SELECT throws_ok($$SELECT rate('000.00.01.H97-251124-0099', 1)$$, '42704',
				 'dossier 000.00.01.H97-251124-0099 does not exist', 'rating an unknown dossier is 42704');
SELECT lives_ok(format('SELECT rate(%L, 2, %L, %L, %L, %L)', :'d1', 'kiosk', 'Nhanh, đúng hẹn', 'cb.mot', '2025-11-26 09:00'),
				'a finished dossier is rated');
SELECT results_eq(
	format('SELECT score::int, satisfied, dislike, received_on, channel FROM rating WHERE dossier = %L', :'d1'),
	$$VALUES (2, true, false, date '2025-11-24', 'kiosk')$$,
	'hài lòng (2) counts as satisfied; received_on follows the code');
SELECT throws_ok(format('SELECT rate(%L, 1, at => %L)', :'d1', '2025-11-26 10:00'), '55000',
				 format('dossier %s is already rated', :'d1'), 'a second rating is refused');
SELECT lives_ok(format('SELECT rate(%L, 4, at => %L)', :'d2', '2025-11-24 10:00'), 'a refused dossier can be rated too');
SELECT results_eq(format('SELECT satisfied, dislike FROM rating WHERE dossier = %L', :'d2'),
				  $$VALUES (false, true)$$, 'không hài lòng (4) is a dislike, not satisfied');
SELECT throws_ok($$INSERT INTO rating (dossier, rated_at, channel, score) VALUES ('000.00.01.H97-251124-0099', now(), 'online', 1)$$,
				 '23503', NULL, 'the table refuses a rating of a dossier that does not exist');

------------------------------------------------------------------------
-- Feedback and complaints
------------------------------------------------------------------------
-- Friday 21 November 2025 10:00, 2 working days: Monday and Tuesday
SELECT submit_feedback('000.00.01.H97', 'complaint', 'Chờ quá lâu ở quầy số 3', NULL, 'direct',
					   '2025-11-21 10:00+07', 2) AS f1 \gset
SELECT is((SELECT due_at FROM feedback WHERE id = :f1), '2025-11-25 17:00+07'::timestamptz,
		  'submitted Friday with 2 handling days: due Tuesday 17:00 (the weekend does not count)');
SELECT submit_feedback('000.00.01.H97', 'feedback', 'Bãi gửi xe chật', at => '2025-11-21 10:00+07') AS f2 \gset
SELECT is((SELECT due_at FROM feedback WHERE id = :f2), '2025-12-05 17:00+07'::timestamptz,
		  'the default is 10 working days');
SELECT submit_feedback('000.00.01.H97', 'petition', 'Đề nghị thêm quầy', NULL, 'phone', '2025-11-21 10:00+07', 2) AS f3 \gset
SELECT submit_feedback('000.00.01.H97', 'dislike', 'Không hài lòng', :'d1', 'online', '2025-11-26 10:00', 2) AS f4 \gset
SELECT submit_feedback('000.00.01.H97', 'feedback', 'Góp ý hôm nay') AS f5 \gset
SELECT is((SELECT received_on FROM feedback WHERE id = :f4), date '2025-11-24', 'feedback on a dossier keeps its received_on');

SELECT throws_ok(format('SELECT handle_feedback(%s, %L, %L, %L)', :f1, 'Đã chấn chỉnh', 'lanh.dao', '2025-11-21 09:00+07'),
				 '55000', NULL, 'handling dated before the submission is 55000');
SELECT throws_ok(format('SELECT rate_feedback_handling(%s, true)', :f1), '55000', NULL,
				 'open feedback has no handling to rate');
SELECT lives_ok(format('SELECT handle_feedback(%s, %L, %L, %L)', :f1, 'Đã chấn chỉnh', 'lanh.dao', '2025-11-25 16:00+07'),
				'handle feedback by its due date');
SELECT throws_ok(format('SELECT handle_feedback(%s, %L, %L, %L)', :f1, 'Lần hai', 'lanh.dao', '2025-11-25 16:30+07'),
				 '55000', format('feedback %s is handled: it cannot be handled again', :f1), 'handling twice is 55000');
SELECT lives_ok(format('SELECT handle_feedback(%s, %L, %L, %L)', :f3, 'Đã bổ sung quầy', 'lanh.dao', '2025-11-26 09:00+07'),
				'handle feedback after its due date');
SELECT lives_ok(format('SELECT rate_feedback_handling(%s, true)', :f1), 'the submitter rates the handling');
SELECT throws_ok(format('SELECT rate_feedback_handling(%s, false)', :f1), '55000', NULL, 'the handling is rated once');
SELECT results_eq(
	format('SELECT id, status, on_time, overdue, satisfied_with_handling FROM feedback_status WHERE id IN (%s, %s, %s, %s, %s) ORDER BY id',
		   :f1, :f2, :f3, :f4, :f5),
	format($$VALUES (%s::bigint, 'handled', true, false, true), (%s, 'open', false, true, NULL),
					(%s, 'handled', false, true, NULL), (%s, 'open', false, true, NULL), (%s, 'open', NULL, false, NULL)$$,
		   :f1, :f2, :f3, :f4, :f5),
	'on time when handled by the due date; late when handled after it or still open past it; NULL while open and not due');
SELECT hasnt_column('motcua', 'feedback_status', c, 'feedback_status has no ' || c)
FROM unnest(ARRAY['content', 'response', 'handler', 'dossier']) c;

SELECT throws_ok($$SELECT submit_feedback('000.00.77.H97', 'feedback', 'x')$$, '42704', NULL, 'feedback on an unknown unit is 42704');
SELECT throws_ok($$SELECT submit_feedback('000.00.01.H97', 'rumour', 'x')$$, '22023', NULL, 'an unknown kind is 22023');
SELECT throws_ok($$SELECT submit_feedback('000.00.01.H97', 'feedback', ' ')$$, '22023', NULL, 'empty content is 22023');
SELECT throws_ok($$SELECT submit_feedback('000.00.01.H97', 'feedback', 'x', handling_days => 0)$$, '22023', NULL,
				 'zero handling days is 22023');
SELECT throws_ok($$SELECT submit_feedback('000.00.01.H97', 'feedback', 'x', '000.00.01.H97-251124-0099')$$, '42704', NULL,
				 'feedback on an unknown dossier is 42704');
SELECT throws_ok('SELECT handle_feedback(-1, ''x'', ''y'')', '42704', 'feedback -1 does not exist', 'an unknown feedback is 42704');

------------------------------------------------------------------------
-- Privileges and registration
------------------------------------------------------------------------
SELECT is((SELECT count(*)::int FROM pg_proc p
		   WHERE p.pronamespace = 'motcua'::regnamespace
			 AND p.proname IN ('issue_ticket', 'call_ticket', 'next_ticket', 'serve_ticket', 'finish_ticket', 'no_show',
							   'rate', 'submit_feedback', 'handle_feedback', 'rate_feedback_handling')
			 AND p.prosecdef AND p.provolatile = 'v'
			 AND p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp']), 10,
		  'the ten front-office functions are SECURITY DEFINER, VOLATILE, with a pinned search_path');
SELECT ok(has_function_privilege('motcua_officer', 'motcua.rate(motcua.dossier_code,integer,text,text,text,timestamptz)', 'EXECUTE')
		  AND has_function_privilege('motcua_officer', 'motcua.next_ticket(motcua.unit_id,text,timestamptz)', 'EXECUTE'),
		  'officers run the front-office functions');
SELECT ok(NOT has_function_privilege('motcua_bi', 'motcua.submit_feedback(motcua.unit_id,text,text,motcua.dossier_code,text,timestamptz,integer)', 'EXECUTE')
		  AND NOT has_function_privilege('motcua_auditor', 'motcua.issue_ticket(motcua.unit_id,text,text,timestamptz,timestamptz)', 'EXECUTE'),
		  'BI and auditors cannot write');
SELECT ok(has_table_privilege('motcua_bi', 'motcua.queue_wait', 'SELECT') AND has_table_privilege('motcua_bi', 'motcua.feedback_status', 'SELECT')
		  AND NOT has_table_privilege('motcua_bi', 'motcua.feedback', 'SELECT')
		  AND NOT has_table_privilege('motcua_bi', 'motcua.rating', 'SELECT'),
		  'BI reads the views, not the tables');
SELECT ok(NOT has_table_privilege('motcua_officer', 'motcua.queue_ticket', 'INSERT')
		  AND has_table_privilege('motcua_auditor', 'motcua.feedback', 'SELECT'),
		  'tables are written only through the functions');
SELECT is((SELECT count(*)::int FROM pg_extension e, unnest(e.extconfig) c
		   WHERE e.extname = 'motcua'
			 AND c IN ('motcua_internal.queue_counter'::regclass, 'motcua.queue_ticket'::regclass, 'motcua.queue_ticket_id_seq'::regclass,
					   'motcua.rating'::regclass, 'motcua.rating_id_seq'::regclass, 'motcua.feedback'::regclass,
					   'motcua.feedback_id_seq'::regclass)), 7,
		  'tables and identity sequences are registered for pg_dump');
SELECT is((SELECT count(*)::int FROM unnest(ARRAY['motcua.queue_ticket', 'motcua_internal.queue_counter', 'motcua.rating', 'motcua.feedback',
												  'motcua.queue_wait', 'motcua.feedback_status']) t
		   WHERE obj_description(t::regclass, 'pg_class') IS NULL), 0, 'every table and view has a comment');

SELECT * FROM finish();
ROLLBACK;

-- What the history records: the session's login role as the actor (a
-- name the caller gives is a claim beside it), the server's clock (a time
-- the caller gives only in the past, after the previous event and within
-- the back-dating window), a replay that catches an edited dossier row,
-- the daily digest that catches a cut tail, and audited corrections of a
-- subject.  (tests/sh/007_access.sh does the same logged in as officers.)
BEGIN;
SELECT plan(45);
SET LOCAL search_path = motcua, motcua_internal, public;
SET LOCAL timezone = 'Asia/Ho_Chi_Minh';
SELECT count(*) FROM load_sample_data();

-- --- who and when ----------------------------------------------------------
SELECT receive('9.900010', '001099700001', '000.11.10.H22', 'direct', details => '{"actor": "giam.doc"}') AS a \gset
SELECT is((SELECT actor FROM dossier_event WHERE dossier = :'a' AND seq = 1), session_user::text,
		  'the reception records the session''s login role as its actor');
SELECT is((SELECT claimed_actor FROM dossier_event WHERE dossier = :'a' AND seq = 1), 'giam.doc',
		  'the name the caller gave is kept beside it as a claim');
SELECT ok(NOT (SELECT details ? 'actor' FROM dossier WHERE code = :'a'), 'and is not stored as the dossier''s own detail');
SELECT ok((SELECT at = now() AND recorded_at >= at FROM dossier_event WHERE dossier = :'a' AND seq = 1),
		  'a reception without a time is at the server''s clock, recorded then');
SELECT transition(:'a', 'accept', 'cb.khac');
SELECT is((SELECT (actor, claimed_actor)::text FROM dossier_event WHERE dossier = :'a' AND seq = 2),
		  format('(%s,cb.khac)', session_user), 'a transition''s actor argument is a claim too');
SELECT ok((SELECT at > now() AND recorded_at >= at FROM dossier_event WHERE dossier = :'a' AND seq = 2),
		  'a transition without a time is at the server''s clock');
SELECT transition(:'a', 'assign', NULL, '{"officer": "cv.hai"}');
SELECT is((SELECT claimed_actor FROM dossier_event WHERE dossier = :'a' AND seq = 3), NULL, 'no claim at all is fine');

-- --- the back-dating window, at its edges (7 days by default) ----------------
SELECT is(current_setting('motcua.backdating_window'), '7d', 'the window is 7 days by default');
SELECT count(*) AS dossiers_before FROM dossier \gset
SELECT count(*) AS events_before FROM dossier_event \gset
SELECT lives_ok($$SELECT receive('9.900010', '001099700002', '000.11.10.H22', 'direct', now() - interval '7 days' + interval '1 minute')$$,
				'a paper reception entered a minute inside the window is accepted');
SELECT throws_ok($$SELECT receive('9.900010', '001099700003', '000.11.10.H22', 'direct', now() - interval '7 days' - interval '1 second')$$,
				 '22023', NULL, 'one entered 1 second outside it is refused');
SELECT throws_ok($$SELECT receive('9.900010', '001099700003', '000.11.10.H22', 'direct', now() + interval '1 minute')$$,
				 '22023', NULL, 'a reception a minute in the future is refused');
SELECT throws_ok($$SELECT receive('9.900010', '001099700003', '000.11.10.H22', 'direct', '2020-01-01 09:00+07')$$,
				 '22023', NULL, 'a reception back-dated to 2020 is refused');
SELECT throws_ok($$SELECT receive('9.900010', '001099700003', '000.11.10.H22', 'direct', 'infinity')$$,
				 '22007', NULL, 'a reception at infinity is refused');
SELECT is((SELECT count(*) FROM dossier) - :dossiers_before, 1::bigint, 'the refused receptions wrote no dossier');
SELECT is((SELECT count(*) FROM dossier_event) - :events_before, 1::bigint, 'and no event');
SELECT ok(NOT EXISTS (SELECT 1 FROM subject WHERE personal_id = '001099700003'), 'and no subject');

SELECT receive('9.900010', '001099700004', '000.11.10.H22', 'direct', now() - interval '3 days') AS b \gset
SELECT transition(:'b', 'accept', 'cb', jsonb_build_object('at', now() - interval '2 days')) AS r \gset
SELECT ok((SELECT recorded_at - at > interval '47 hours' FROM dossier_event WHERE dossier = :'b' AND seq = 2),
		  'a back-dated event keeps both times: when it happened and when it was recorded');
SELECT throws_ok(format($$SELECT transition(%L, 'assign', 'cb', jsonb_build_object('at', now() - interval '2 days 1 hour'))$$, :'b'),
				 '22023', NULL, 'an event before the dossier''s previous one is refused');
SELECT lives_ok(format($$SELECT transition(%L, 'assign', 'cb', jsonb_build_object('at', (SELECT updated_at FROM dossier WHERE code = %L)))$$, :'b', :'b'),
				'an event at the exact instant of the previous one is accepted');
SET LOCAL motcua.backdating_window = 0;
SELECT throws_ok($$SELECT receive('9.900010', '001099700005', '000.11.10.H22', 'direct', now() - interval '1 microsecond')$$,
				 '22023', NULL, 'with no window, a time 1 microsecond before this transaction began is refused');
SELECT lives_ok($$SELECT receive('9.900010', '001099700005', '000.11.10.H22', 'direct')$$,
				'and a reception at the server''s clock (the default) is accepted');
RESET motcua.backdating_window;

-- --- verify_history replays the history into the row ------------------------
SELECT transition(:'a', 'complete', 'cv', '{"results": [{"document_type": "GIAY_XAC_NHAN_CU_TRU"}]}');
SELECT is((SELECT valid FROM verify_history(:'a')), true, 'an untouched dossier verifies');
UPDATE dossier SET state = 'returned' WHERE code = :'a';
SELECT matches((SELECT reason FROM verify_history(:'a')), 'state is returned, the history leads to done',
			   'an edited state is caught');
UPDATE dossier SET state = 'done', promised_at = promised_at + interval '3 days' WHERE code = :'a';
SELECT matches((SELECT reason FROM verify_history(:'a')), '^the dossier row differs from its history: promised_at',
			   'an edited promised date is caught');
UPDATE dossier SET promised_at = promised_at - interval '3 days', results = '[]' WHERE code = :'a';
SELECT matches((SELECT reason FROM verify_history(:'a')), 'results are \[\]', 'edited results are caught');
UPDATE dossier SET results = '[{"document_type": "GIAY_XAC_NHAN_CU_TRU"}]', finished_at = NULL WHERE code = :'a';
SELECT matches((SELECT reason FROM verify_history(:'a')), 'finished_at is NULL', 'a cleared finish time is caught');
UPDATE dossier SET finished_at = (SELECT at FROM dossier_event WHERE dossier = :'a' AND action = 'complete') WHERE code = :'a';
SELECT is((SELECT valid FROM verify_history(:'a')), true, 'put back, it verifies again');
SELECT throws_ok(format($$SELECT transition(%L, 'accept', 'cb', '{"promised_at_after": "2030-01-01"}')$$, :'a'),
				 '55000', NULL, 'the state machine still applies');

-- --- the daily digest catches a cut tail -------------------------------------
-- A dossier whose events were recorded yesterday (a consistent chain, made
-- by moving this transaction's events one day back and hashing them again).
SELECT receive('9.900010', '001099700006', '000.11.10.H22', 'direct') AS c \gset
SELECT transition(:'c', 'accept', 'cb');
SELECT transition(:'c', 'assign', 'cb', '{"officer": "cv.mot"}');
SELECT transition(:'c', 'assign', 'cb', '{"officer": "cv.hai"}');
ALTER TABLE dossier_event DISABLE TRIGGER append_only;
DO $$
DECLARE
	e record;
	prev bytea := NULL;
	h bytea;
	dcode dossier_code := (SELECT d.code FROM dossier d WHERE d.subject = (SELECT id FROM subject WHERE personal_id = '001099700006'));
BEGIN
	FOR e IN SELECT * FROM dossier_event x WHERE x.dossier = dcode ORDER BY seq LOOP
		h := event_hash(prev, e.dossier, e.seq, e.at - interval '1 day', e.recorded_at - interval '1 day', e.actor,
						e.claimed_actor, e.action, e.from_state, e.to_state, e.details);
		UPDATE dossier_event x SET at = e.at - interval '1 day', recorded_at = e.recorded_at - interval '1 day',
								   prev_hash = prev, hash = h
		WHERE x.dossier = dcode AND x.seq = e.seq;
		prev := h;
	END LOOP;
	UPDATE dossier d SET last_hash = prev, received_at = received_at - interval '1 day',
						 updated_at = updated_at - interval '1 day' WHERE d.code = dcode;
END
$$;
SELECT is((SELECT valid FROM verify_history(:'c')), true, 'yesterday''s dossier verifies');
SELECT ok((SELECT dossiers >= 1 AND events >= 4 FROM history_digest(current_date - 1)), 'yesterday''s digest covers it');
SELECT seal_history() AS sealed \gset
SELECT is((SELECT digest FROM seal_history()), (SELECT digest FROM history_digest(current_date - 1)),
		  'sealing yesterday twice returns the first seal');
SELECT is((SELECT digest FROM history_digests WHERE day = current_date - 1), (SELECT digest FROM history_digest(current_date - 1)),
		  'the seal is listed for the archive');
SELECT is((SELECT valid FROM verify_history_day(current_date - 1)), true, 'and verifies');
-- cut the last event and make the row agree with what is left
DELETE FROM dossier_event WHERE dossier = :'c' AND seq = 4;
UPDATE dossier SET event_count = 3, assigned_to = 'cv.mot',
	last_hash = (SELECT hash FROM dossier_event WHERE dossier = :'c' AND seq = 3) WHERE code = :'c';
ALTER TABLE dossier_event ENABLE TRIGGER append_only;
SELECT is((SELECT valid FROM verify_history(:'c')), true, 'a cut tail with a matching row passes the chain and the replay');
SELECT is((SELECT valid FROM verify_history_day(current_date - 1)), false, 'but not the sealed digest of its day');
SELECT is((SELECT sealed_events - events FROM verify_history_day(current_date - 1)), 1::bigint, 'which tells one event is gone');
SELECT throws_ok($$SELECT seal_history(current_date)$$, '22023', NULL, 'a day not over yet cannot be sealed');
SELECT throws_ok($$SELECT verify_history_day(current_date - 30)$$, '55000', NULL, 'a day never sealed cannot be verified');
SELECT is((SELECT digest FROM history_digest('2001-01-01')),
		  encode(sha256(''), 'hex'), 'a day with no events has the digest of nothing');

-- --- subjects are corrected through an audited function -----------------------
SELECT receive('9.900010', '001099700010', '000.11.10.H22', 'direct') AS s1 \gset
SELECT correct_subject('001099700010', 'CCCD nhập sai một chữ số', new_identifier => '001099700011') AS fix \gset
SELECT is((SELECT old_values->>'identifier' || ' ' || (new_values->>'identifier') || ' ' || actor FROM subject_correction WHERE id = :fix),
		  '001099700010 001099700011 ' || session_user, 'the correction keeps the old and new ID and who made it');
SELECT is((SELECT details->>'reason' FROM dossier_event WHERE dossier = :'s1' AND action = 'correct_subject'),
		  'CCCD nhập sai một chữ số', 'the dossier''s history records it with its reason');
SELECT is((SELECT valid FROM verify_history(:'s1')), true, 'and still verifies');
SELECT throws_ok($$SELECT correct_subject('001099700011', '', new_name => 'X')$$, '22004', NULL, 'a correction needs a reason');
SELECT throws_ok($$SELECT correct_subject('001099700011', 'x', new_identifier => '001099700001')$$, '23505', NULL,
				 'an ID another subject holds is refused');
SELECT throws_ok($$UPDATE subject_correction SET reason = 'x'$$, '42501', NULL, 'the corrections are append-only');
SELECT * FROM finish();
ROLLBACK;

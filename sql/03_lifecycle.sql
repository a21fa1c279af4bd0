-- Dossier lifecycle: reception, every action, illegal actions, the legal
-- clock, timeliness, the hash-chained history and the portal record.
\set SHOW_CONTEXT never
SET search_path = motcua, motcua_internal, public;
SET timezone = 'Asia/Ho_Chi_Minh';
SET datestyle = 'ISO, YMD';
-- the cases enter last year's paper records: a superuser widens the window
SET motcua.backdating_window = '3650d';
SELECT count(*) > 0 AS loaded FROM load_sample_data();
INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level, fee, receipt_cutoff)
VALUES ('9.999100', 'Thủ tục thử 3 ngày', 'ho_tich', 'province', 3, 'working_day', 'full', 50000, '15:00'),
       ('9.999101', 'Thủ tục thử 4 giờ', 'chung_thuc', 'province', 4, 'working_hour', 'partial', 0, NULL);
INSERT INTO procedure_component (procedure, ordinal, document_type, mandatory, reusable, national_database)
VALUES ('9.999100', 1, 'CCCD', true, true, 'population'), ('9.999100', 2, 'TO_KHAI_KHAI_SINH', true, false, NULL);

-- Reception: codes per unit and day, promised dates from the calendar
SELECT receive('9.999100', '001099012345', '000.00.01.H22', 'direct', '2025-11-17 09:00') AS a \gset
SELECT receive('9.999100', '0100109106', '000.00.01.H22', 'online', '2025-11-17 15:30') AS b \gset
SELECT receive('9.999101', '079305000001', '000.00.01.H22', 'postal', '2025-11-21 16:00') AS c \gset
SELECT code, state, portal_status(state), channel, promised_at, fee FROM dossier ORDER BY code;
SELECT dossier, ordinal, document_type, reusable FROM dossier_component ORDER BY 1, 2;
SELECT s.kind, s.personal_id, s.tax_code FROM subject s ORDER BY s.id;

-- Bad receptions write nothing
SELECT receive('9.999100', '001099012345', '000.00.01.H22', 'fax');
SELECT receive('9.999999', '001099012345', '000.00.01.H22', 'direct');
SELECT receive('9.999100', '001099012345', '000.00.00.H22', 'direct');
SELECT receive('9.999100', '001099012345', '000.00.99.H22', 'direct');
SELECT receive('9.999100', '999099012345', '000.00.01.H22', 'direct');
SELECT receive('9.999100', '001099012345', '000.00.01.H22', 'direct', '2025-11-17 10:00', '[1]');
SELECT count(*) AS dossiers, (SELECT count(*) FROM dossier_event) AS events FROM dossier;

-- A full path with a supplement request: the clock stops, the promised
-- date moves by the stopped office time
SELECT transition(:'a', 'accept', 'cb.mot', '{"at": "2025-11-17 09:05"}');
SELECT transition(:'a', 'assign', 'cb.mot', '{"at": "2025-11-17 09:10", "officer": "cv.hai"}');
SELECT transition(:'a', 'transfer', 'cv.hai', '{"at": "2025-11-17 10:00", "to_unit": "000.00.02.H22", "channel": "electronic"}');
SELECT transition(:'a', 'request_supplement', 'cv.hai', '{"at": "2025-11-18 10:00", "reason": "thiếu tờ khai"}');
SELECT timeliness(:'a', '2025-11-24 10:00') AS while_stopped;
SELECT transition(:'a', 'supplement_received', 'cb.mot', '{"at": "2025-11-19 14:00"}');
SELECT promised_at, first_promised_at, clock_stops, clock_stopped_at FROM dossier WHERE code = :'a';
SELECT transition(:'a', 'request_payment', 'cv.hai', '{"at": "2025-11-20 08:30", "amount": 50000}');
SELECT transition(:'a', 'payment_received', 'cv.hai', '{"at": "2025-11-20 09:00", "method": "online", "amount": 50000}');
SELECT transition(:'a', 'suspend', 'cv.hai', '{"at": "2025-11-20 10:00", "reason": "chờ ý kiến cơ quan phối hợp"}');
SELECT transition(:'a', 'resume', 'cv.hai', '{"at": "2025-11-20 15:00"}');
SELECT transition(:'a', 'extend', 'cv.hai', '{"at": "2025-11-21 09:00", "new_promised_at": "2025-11-26 17:00", "apology_letter": "15/XL-TTPVHCC"}');
SELECT transition(:'a', 'complete', 'cv.hai', '{"at": "2025-11-24 10:00", "esigned": true, "results": [{"code": "KQ.G15.000031"}]}');
SELECT transition(:'a', 'return_result', 'cb.mot', '{"at": "2025-11-24 14:00", "channel": "postal"}');
SELECT state, promised_at, finished_at, returned_at, supplement_count, extension_count, paid_online,
       transfers_electronic, result_esigned, current_unit, timeliness(code) FROM dossier WHERE code = :'a';

-- Illegal actions: 55000 with the state and what is allowed; nothing written
SELECT transition(:'a', 'complete', 'cv.hai', '{}');
SELECT transition(:'b', 'complete', 'cv.hai', '{}');
SELECT transition(:'b', 'resume', 'cv.hai', '{}');
SELECT transition(:'b', 'fly', 'cv.hai', '{}');
SELECT transition('000.00.01.H22-251117-0099', 'accept', 'cb', '{}');
-- Missing or bad details: 22023
SELECT transition(:'b', 'refuse_reception', 'cb.mot', '{}');
SELECT transition(:'b', NULL, 'cb.mot', '{}');
SELECT transition(:'b', 'accept', 'cb.mot', '{"at": "2025-11-01 08:00"}');
SELECT transition(:'b', 'accept', 'cb.mot', '{"at": "2025-11-18 08:00"}');
SELECT transition(:'b', 'transfer', 'cv', '{"to_unit": "000.00.02.H22", "channel": "fax", "at": "2025-11-18 09:00"}');
SELECT transition(:'b', 'transfer', 'cv', '{"to_unit": "000.00.77.H22", "channel": "paper", "at": "2025-11-18 09:00"}');
SELECT transition(:'b', 'extend', 'cv', '{"new_promised_at": "2025-11-18 17:00", "apology_letter": "x", "at": "2025-11-18 09:00"}');
SELECT transition(:'b', 'payment_received', 'cv', '{"method": "online", "amount": 1, "at": "2025-11-18 09:00"}');
SELECT state, event_count FROM dossier WHERE code = :'b';

-- Timeliness outcomes (b was received after the 15:00 cut-off: counted
-- from 18 November, so 3 days end on 21 November at 17:00)
SELECT promised_at FROM dossier WHERE code = :'b';
SELECT timeliness(:'b', '2025-11-20 10:00') AS before_due, timeliness(:'b', '2025-11-22 10:00') AS after_due;
SELECT transition(:'b', 'request_supplement', 'cv', '{"reason": "1", "at": "2025-11-18 10:00"}');
SELECT transition(:'b', 'supplement_received', 'cv', '{"at": "2025-11-18 11:00"}');
SELECT transition(:'b', 'request_supplement', 'cv', '{"reason": "2", "at": "2025-11-18 14:00"}');
SELECT transition(:'b', 'supplement_received', 'cv', '{"at": "2025-11-18 15:00"}');
SELECT timeliness(:'b', '2025-11-19 08:00') AS two_supplements_unfinished;
SELECT transition(:'b', 'complete', 'cv', '{"at": "2025-11-19 09:00"}');
SELECT timeliness(:'b') AS two_supplements_finished_before_due;
-- c: 4 working hours from Friday 16:00 = Monday 11:00
SELECT promised_at FROM dossier WHERE code = :'c';
SELECT transition(:'c', 'accept', 'cb', '{"at": "2025-11-21 16:05"}');
SELECT transition(:'c', 'complete', 'cv', '{"at": "2025-11-24 10:30"}') AS on_same_day;
SELECT timeliness(:'c');
SELECT receive('9.999101', '079305000001', '000.00.01.H22', 'direct', '2025-11-24 08:00') AS d \gset
SELECT transition(:'d', 'accept', 'cb', '{"at": "2025-11-24 08:05"}');
SELECT transition(:'d', 'stop', 'cv', '{"at": "2025-11-24 13:30", "reason": "không đủ điều kiện"}');
SELECT timeliness(:'d') AS late_stop, state, portal_status(state) FROM dossier WHERE code = :'d';
SELECT receive('9.999101', '079305000001', '000.00.01.H22', 'direct', '2025-11-24 08:00') AS e \gset
SELECT transition(:'e', 'withdraw', 'cd', '{"at": "2025-11-24 09:00"}');
SELECT timeliness(:'e') AS withdrawn_in_time;
SELECT receive('9.999101', '079305000001', '000.00.01.H22', 'direct', '2025-11-24 08:00') AS f \gset
SELECT transition(:'f', 'refuse_reception', 'cb', '{"at": "2025-11-24 08:30", "reason": "hồ sơ không thuộc thẩm quyền"}');
SELECT timeliness(:'f') AS refused_in_time, timeliness(:'f', '2025-11-24 08:10') AS before_refusal;
SELECT timeliness(:'f', '2025-11-24 07:00');

-- History: append-only, hash-chained, and tampering is detected
SELECT seq, action, from_state, to_state, length(hash) FROM dossier_event WHERE dossier = :'a' ORDER BY seq;
SELECT * FROM verify_history(:'a');
UPDATE dossier_event SET actor = 'someone else' WHERE dossier = :'a' AND seq = 3;
DELETE FROM dossier_event WHERE dossier = :'a';
TRUNCATE dossier_event;
-- a superuser with the trigger disabled can change a row; the chain shows it
ALTER TABLE dossier_event DISABLE TRIGGER append_only;
UPDATE dossier_event SET details = details || '{"to_unit": "000.00.03.H22"}' WHERE dossier = :'a' AND seq = 4;
SELECT * FROM verify_history(:'a');
UPDATE dossier_event SET details = details - 'to_unit' || '{"to_unit": "000.00.02.H22"}' WHERE dossier = :'a' AND seq = 4;
SELECT * FROM verify_history(:'a');
DELETE FROM dossier_event WHERE dossier = :'a' AND seq = 13;
SELECT * FROM verify_history(:'a');
ALTER TABLE dossier_event ENABLE TRIGGER append_only;

-- Portal record (DongBoHoSoMC)
SELECT jsonb_pretty(portal_record(:'a') - 'ThanhPhanHoSo');
SELECT portal_record(:'b')->'QuaTrinhBoSung' AS supplements_b, portal_record(:'b')->'TrangThaiHoSo' AS status_b;
SELECT portal_record(:'a')->'ThanhPhanHoSo';

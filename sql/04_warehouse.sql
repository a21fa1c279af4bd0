-- The personal data warehouse and the reuse-eligibility check: every
-- status, deposit on completion, revocation and expiry, supply records.
\set SHOW_CONTEXT never
SET search_path = motcua, motcua_internal, public;
SET timezone = 'Asia/Ho_Chi_Minh';
SET datestyle = 'ISO, YMD';
-- the cases enter last year's paper records: a superuser widens the window
SET motcua.backdating_window = '3650d';
SELECT count(*) > 0 AS loaded FROM load_sample_data();
INSERT INTO document_type (code, name, category, is_result, validity, national_database) VALUES
	('TEST_GIAY_PHEP', 'Giấy phép thử', 'other', true, '1 year', NULL),
	('TEST_TO_KHAI', 'Tờ khai thử', 'form', false, NULL, NULL),
	('TEST_XAC_NHAN', 'Giấy xác nhận thử', 'civil_status', true, '6 months', NULL);
INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level, result_document_type)
VALUES ('9.999200', 'Thủ tục thử cấp giấy phép', 'ho_tich', 'province', 2, 'working_day', 'full', 'TEST_GIAY_PHEP'),
	   ('9.999201', 'Thủ tục thử dùng lại', 'ho_tich', 'province', 2, 'working_day', 'full', NULL);
INSERT INTO procedure_component (procedure, ordinal, document_type, reusable, national_database) VALUES
	('9.999200', 1, 'TEST_TO_KHAI', false, NULL),
	('9.999200', 2, 'CCCD', true, 'population'),
	('9.999200', 3, 'TEST_XAC_NHAN', true, NULL),
	('9.999201', 1, 'TEST_TO_KHAI', false, NULL),
	('9.999201', 2, 'CCCD', true, 'population'),
	('9.999201', 3, 'TEST_GIAY_PHEP', true, NULL),
	('9.999201', 4, 'TEST_XAC_NHAN', true, NULL),
	('9.999201', 5, 'GIAY_CN_DKDN', true, 'business_registration');
INSERT INTO national_source (database, enabled, freshness) VALUES ('population', true, '30 days'),
	('business_registration', true, '7 days');

-- A person the state knows nothing about: missing / needs_refresh
SELECT component, status, source, reason FROM reuse_check('001099012345', '9.999201', '2025-11-10 09:00');
SELECT source, document_type, status FROM lookup_request ORDER BY id;
-- asking again does not queue the same lookups twice
SELECT count(*) FROM reuse_check('001099012345', '9.999201', '2025-11-10 09:05');
SELECT count(*) AS pending FROM lookup_request WHERE status = 'pending';

-- The workers answer: the population record arrives, the business
-- registry says this person's business was dissolved
SELECT store_national_record('population', '001099012345', 'CCCD', '{"HoTen": "Nguyễn Văn An"}', '2025-11-10 10:00') > 0 AS stored;
SELECT store_national_record('business_registration', '001099012345', 'GIAY_CN_DKDN', '{"TinhTrang": "giải thể"}',
							 '2025-11-10 10:00', 'doanh nghiệp đã giải thể') > 0 AS stored;
SELECT component, status, source, national_record_id IS NOT NULL AS has_record, valid_until, reason
FROM reuse_check('001099012345', '9.999201', '2025-11-12 09:00');
-- a cached record past its freshness window needs a refresh
SELECT component, status, reason FROM reuse_check('001099012345', '9.999201', '2025-12-20 09:00') WHERE component = 'CCCD';

-- A first dossier: CCCD comes from the national DB at reception, the
-- confirmation is digitized at the counter, the form stays on paper
SELECT receive('9.999200', '001099012345', '000.00.01.H22', 'direct', '2025-11-12 09:00') AS a \gset
SELECT ordinal, document_type, supplied_by, digitized FROM dossier_component WHERE dossier = :'a' ORDER BY ordinal;
SELECT supply_component(:'a', 1, 'paper', at => '2025-11-12 09:10');
SELECT supply_component(:'a', 3, 'digitized_at_counter', convert_to('giấy xác nhận (bản quét)', 'UTF8'), at => '2025-11-12 09:15');
SELECT supply_component(:'a', 3, 'uploaded_online');
SELECT supply_component(:'a', 3, 'reused_warehouse', at => '2025-11-12 09:16');
SELECT supply_component(:'a', 9, 'paper');
SELECT supply_component(:'a', 1, 'fax');
SELECT ordinal, supplied_by, digitized, document_id IS NOT NULL AS in_warehouse FROM dossier_component WHERE dossier = :'a' ORDER BY ordinal;
-- digitized for an unresolved dossier: held, but not reusable yet
SELECT component, status FROM reuse_check('001099012345', '9.999201', '2025-11-12 10:00') WHERE component = 'TEST_XAC_NHAN';
-- completion deposits the result and makes the digitized component reusable
SELECT transition(:'a', 'accept', 'cb', '{"at": "2025-11-12 09:20"}');
SELECT transition(:'a', 'complete', 'cv', jsonb_build_object('at', '2025-11-13 10:00', 'esigned', true,
	'results', jsonb_build_array(jsonb_build_object('result_code', 'KQ.H22.000031',
		'content_base64', encode(convert_to('giấy phép số 31', 'UTF8'), 'base64')))));
SELECT document_type, provenance, result_code, reusable, valid_until, issuing_unit, sha256 = sha256(content) AS hash_ok
FROM document ORDER BY id;
SELECT component, status, source, document_id IS NOT NULL AS has_document, valid_until
FROM reuse_check('001099012345', '9.999201', '2025-11-14 09:00');

-- A second dossier reuses what the first left: nothing eligible is asked again
SELECT receive('9.999201', '001099012345', '000.00.01.H22', 'online', '2025-11-14 09:00') AS b \gset
SELECT ordinal, document_type, supplied_by, digitized, document_id IS NOT NULL AS reused_document
FROM dossier_component WHERE dossier = :'b' ORDER BY ordinal;
SELECT portal_record(:'b')->'ThanhPhanHoSo';

-- Expiry and revocation change the answer
SELECT component, status, reason FROM reuse_check('001099012345', '9.999201', '2026-06-01 09:00')
WHERE component IN ('TEST_XAC_NHAN', 'TEST_GIAY_PHEP');
SELECT revoke_document((SELECT id FROM document WHERE result_code = 'KQ.H22.000031'), 'thu hồi giấy phép', '2025-11-20 09:00');
SELECT component, status, reason FROM reuse_check('001099012345', '9.999201', '2025-11-21 09:00') WHERE component = 'TEST_GIAY_PHEP';
SELECT revoke_document((SELECT id FROM document WHERE result_code = 'KQ.H22.000031'), 'again');
SELECT revoke_document(999999, 'x');
-- a person who moved: the population record is revoked, so is reuse
SELECT store_national_record('population', '001099012345', 'CCCD', '{"HoTen": "Nguyễn Văn An"}', '2025-11-22 10:00',
							 'đã chuyển nơi thường trú') > 0 AS stored;
SELECT component, status, reason FROM reuse_check('001099012345', '9.999201', '2025-11-23 09:00') WHERE component = 'CCCD';

-- the catalogue is cached per session: an edit shows at once
UPDATE procedure_component SET reusable = false WHERE procedure = '9.999201' AND ordinal = 3;
SELECT component, status FROM reuse_check('001099012345', '9.999201', '2025-11-14 09:00') WHERE component = 'TEST_GIAY_PHEP';
UPDATE procedure_component SET reusable = true WHERE procedure = '9.999201' AND ordinal = 3;
UPDATE national_source SET enabled = false WHERE database = 'business_registration';
SELECT component, status, reason FROM reuse_check('001099012345', '9.999201', '2025-11-14 09:00') WHERE component = 'GIAY_CN_DKDN';

-- Errors
SELECT * FROM reuse_check('999099012345', '9.999201');
SELECT * FROM reuse_check('001099012345', '9.999999');
SELECT * FROM reuse_check('12345', '9.999201');
-- the warehouse refuses a document whose hash does not match its content
\set VERBOSITY terse
INSERT INTO document (subject, document_type, issued_at, sha256, content, provenance, dossier)
SELECT subject, 'TEST_TO_KHAI', now(), sha256('x'), 'y', 'uploaded_online', code FROM dossier WHERE code = :'a';

-- Reference schema: tiers as data, the unit tree, the catalogue, subjects,
-- roles and pg_dump registration.
BEGIN;
SELECT plan(36);
SET LOCAL search_path = motcua, motcua_internal, public;

SELECT has_schema('motcua');
SELECT has_table('motcua', t, 'table motcua.' || t) FROM unnest(ARRAY[
	'national_database', 'jurisdiction', 'tier', 'unit', 'field', 'document_type',
	'procedure', 'procedure_component', 'subject']) t;
SELECT has_role(r) FROM unnest(ARRAY['motcua_admin', 'motcua_officer', 'motcua_auditor', 'motcua_bi']) r;

-- three shapes of jurisdiction: 3-tier province, 2-tier province, ministry
INSERT INTO jurisdiction (code, name, kind, admin_code) VALUES
	('H98', 'Tỉnh Thử Nghiệm', 'province', '98'),
	('H99', 'Tỉnh Sáp Nhập', 'province', '99');
INSERT INTO jurisdiction (code, name, kind) VALUES ('G98', 'Bộ Thử Nghiệm', 'ministry');
INSERT INTO tier VALUES ('H98', 1, 'Cấp tỉnh', 'province'), ('H98', 2, 'Cấp huyện', 'district'),
	('H98', 3, 'Cấp xã', 'commune'), ('H99', 1, 'Cấp tỉnh', 'province'), ('H99', 2, 'Cấp xã', 'commune'),
	('G98', 1, 'Cấp bộ', 'ministry'), ('G98', 2, 'Cấp cục', 'department');
INSERT INTO unit (id, name, jurisdiction, tier, parent, kind, admin_unit_code) VALUES
	('000.00.00.H98', 'UBND tỉnh', 'H98', 1, NULL, 'authority', '98'),
	('000.01.00.H98', 'UBND huyện A', 'H98', 2, '000.00.00.H98', 'authority', '981'),
	('001.01.00.H98', 'UBND xã B', 'H98', 3, '000.01.00.H98', 'authority', '98101'),
	('000.00.00.H99', 'UBND tỉnh sáp nhập', 'H99', 1, NULL, 'authority', '99'),
	('001.00.00.H99', 'UBND phường C', 'H99', 2, '000.00.00.H99', 'authority', '99001'),
	('000.00.00.G98', 'Bộ', 'G98', 1, NULL, 'authority', NULL),
	('000.00.01.G98', 'Cục Một', 'G98', 2, '000.00.00.G98', 'department', NULL);
SELECT is((SELECT count(*)::int FROM unit WHERE jurisdiction = 'H98'), 3, '3-tier province holds its three tiers');
SELECT is((SELECT max(tier)::int FROM unit WHERE jurisdiction = 'H99'), 2, 'merged province has two tiers');

SELECT throws_ok($$INSERT INTO unit (id, name, jurisdiction, tier, kind) VALUES ('000.00.05.H99', 'x', 'H99', 3, 'authority')$$,
	'23503', NULL, 'a tier the jurisdiction does not have is refused');
SELECT throws_ok($$INSERT INTO unit (id, name, jurisdiction, tier, parent, kind) VALUES ('000.00.02.G98', 'x', 'G98', 2, '000.00.00.H98', 'department')$$,
	'23000', 'unit 000.00.02.G98 cannot have parent 000.00.00.H98 from another jurisdiction', 'parent from another jurisdiction refused');
SELECT throws_ok($$UPDATE unit SET parent = '001.01.00.H98' WHERE id = '000.01.00.H98'$$,
	'23000', NULL, 'a parent at a lower tier is refused');
SELECT throws_ok($$UPDATE unit SET tier = 3, parent = '001.01.00.H98' WHERE id = '000.01.00.H98'$$,
	'23000', 'unit 000.01.00.H98 cannot have parent 001.01.00.H98: that would make a cycle', 'a cycle is refused');
SELECT throws_ok($$INSERT INTO unit (id, name, jurisdiction, tier, kind, admin_unit_code) VALUES ('000.00.09.H98', 'x', 'H98', 1, 'department', '1234')$$,
	'23514', NULL, 'an admin unit code of 4 digits is refused');
SELECT throws_ok($$INSERT INTO unit (id, name, jurisdiction, tier, kind) VALUES ('000.00.9.H98', 'x', 'H98', 1, 'department')$$,
	'22P02', NULL, 'a malformed unit id is refused');

-- catalogue
INSERT INTO field VALUES ('ho_tich_test', 'Hộ tịch', true);
INSERT INTO document_type (code, name, category, is_result, national_database) VALUES
	('CCCD_TEST', 'Căn cước công dân', 'identity', false, 'population'),
	('GIAY_KS_TEST', 'Giấy khai sinh', 'civil_status', true, 'civil_status');
INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level, fee, result_document_type)
	VALUES ('9.999001', 'Đăng ký khai sinh (thử)', 'ho_tich_test', 'commune', 3, 'working_day', 'full', 0, 'GIAY_KS_TEST');
INSERT INTO procedure_component (procedure, ordinal, document_type, mandatory, reusable, national_database)
	VALUES ('9.999001', 1, 'CCCD_TEST', true, true, 'population');
SELECT is((SELECT national_database FROM procedure_component WHERE procedure = '9.999001'), 'population', 'component names its national database');
SELECT throws_ok($$INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level) VALUES ('9.999002', 'x', 'ho_tich_test', 'commune', 0, 'working_day', 'full')$$,
	'23514', NULL, 'a zero duration needs same_day');
SELECT lives_ok($$INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level, four_on_spot) VALUES ('9.999003', '4 tại chỗ', 'ho_tich_test', 'province', 0, 'same_day', 'partial', true)$$,
	'a same-day "4 tại chỗ" procedure is accepted');
SELECT throws_ok($$INSERT INTO procedure_component (procedure, ordinal, document_type) VALUES ('9.999001', 2, 'CCCD_TEST')$$,
	'23505', NULL, 'the same document type twice in one procedure is refused');
SELECT throws_ok($$INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level, receipt_cutoff) VALUES ('9.999004', 'x', 'ho_tich_test', 'commune', 1, 'working_day', 'none', '19:00')$$,
	'23514', NULL, 'a cut-off outside office hours is refused');

-- subjects
SELECT ok(subject_of('001099012345') = subject_of('001099012345'), 'subject_of finds the same person twice');
SELECT subject_of('0100109106-001') AS branch_subject \gset
SELECT is((SELECT kind FROM subject WHERE id = :branch_subject), 'organization', 'a branch tax code is an organization');
SELECT throws_ok($$SELECT subject_of('12345')$$, '22P02', NULL, 'an unrecognisable subject is refused');
SELECT throws_ok($$SELECT subject_of('0100109107')$$, '22P02', 'invalid tax code "0100109107": check digit should be 6', 'a bad tax code is refused with the type''s message');
SELECT throws_ok($$INSERT INTO subject (kind, personal_id, birth_date) VALUES ('person', '001099000001', '1998-05-05')$$,
	'23514', NULL, 'a birth date that contradicts the personal ID is refused');

-- privileges: BI never reads personal data
SELECT ok(NOT has_table_privilege('motcua_bi', 'motcua.subject', 'SELECT'), 'motcua_bi cannot read subjects');
SELECT ok(has_table_privilege('motcua_bi', 'motcua.procedure', 'SELECT'), 'motcua_bi reads the catalogue');
SELECT ok(NOT has_table_privilege('motcua_officer', 'motcua.unit', 'UPDATE'), 'officers cannot edit the unit tree');

-- pg_dump registration
SELECT ok((SELECT count(*) FROM pg_extension e, unnest(e.extconfig) c WHERE e.extname = 'motcua') >= 9,
	'user-editable tables and the subject sequence are registered for pg_dump');

SELECT * FROM finish();
ROLLBACK;

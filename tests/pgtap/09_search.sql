-- Vietnamese text: names stored in NFC whatever the client sends, and the
-- procedure catalogue searched without accents or case, by index.
BEGIN;
SELECT plan(17);
SET LOCAL search_path = motcua, motcua_internal, public;
SELECT count(*) FROM load_sample_data();

-- "Đăng ký kết hôn" typed in decomposed Unicode (NFD): letter + combining marks
CREATE TEMP TABLE typed ON COMMIT DROP AS
SELECT normalize('Thủ tục thử đăng ký kết hôn lưu động', NFD) AS nfd,
	   'Thủ tục thử đăng ký kết hôn lưu động'::text AS nfc;
SELECT ok((SELECT nfd <> nfc AND length(nfd) > length(nfc) FROM typed), 'the decomposed spelling differs from the precomposed one byte for byte');
INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level)
SELECT '9.999800', nfd, 'ho_tich', 'commune', 5, 'working_day', 'full' FROM typed;
SELECT is((SELECT name FROM procedure WHERE code = '9.999800'), (SELECT nfc FROM typed),
		  'a procedure name sent in NFD is stored in NFC');
SELECT is((SELECT count(*) FROM procedure WHERE name = (SELECT nfc FROM typed)), 1::bigint,
		  'and an NFC lookup finds it');
INSERT INTO jurisdiction (code, name, kind, admin_code) VALUES ('H98', normalize('Tỉnh Thử Nghiệm', NFD), 'province', '98');
INSERT INTO tier VALUES ('H98', 1, 'Cấp tỉnh', 'province');
INSERT INTO unit (id, name, jurisdiction, tier, parent, kind, receives_dossiers)
VALUES ('000.00.00.H98', normalize('Ủy ban nhân dân tỉnh Thử Nghiệm', NFD), 'H98', 1, NULL, 'authority', false);
SELECT ok((SELECT name IS NFC NORMALIZED AND name = 'Ủy ban nhân dân tỉnh Thử Nghiệm' FROM unit WHERE id = '000.00.00.H98'),
		  'a unit name sent in NFD is stored in NFC');
SELECT ok((SELECT name = 'Tỉnh Thử Nghiệm' FROM jurisdiction WHERE code = 'H98'), 'so is a jurisdiction name');
UPDATE unit SET name = normalize('Ủy ban nhân dân tỉnh Thử Nghiệm Mới', NFD) WHERE id = '000.00.00.H98';
SELECT ok((SELECT name = 'Ủy ban nhân dân tỉnh Thử Nghiệm Mới' FROM unit WHERE id = '000.00.00.H98'), 'and an updated one');
SELECT subject_of('001099777001');
UPDATE subject SET full_name = normalize('Nguyễn Thị Ánh Tuyết', NFD) WHERE personal_id = '001099777001';
SELECT ok((SELECT full_name = 'Nguyễn Thị Ánh Tuyết' FROM subject WHERE personal_id = '001099777001'),
		  'a subject''s full name sent in NFD is stored in NFC');

-- Search without accents, in any case, in any normalization
SELECT is((SELECT code::text FROM search_procedures('dang ky ket hon') LIMIT 1), '1.000894',
		  '"dang ky ket hon" finds "Thủ tục đăng ký kết hôn" first');
SELECT is((SELECT code::text FROM search_procedures('ĐĂNG KÝ KẾT HÔN') LIMIT 1), '1.000894', 'upper case with accents finds it');
SELECT is((SELECT code::text FROM search_procedures(normalize('đăng ký kết hôn', NFD)) LIMIT 1), '1.000894',
		  'a decomposed query finds it');
SELECT ok((SELECT bool_and(name ILIKE '%khai sinh%') FROM search_procedures('khai sinh'))
		  AND (SELECT count(*) FROM search_procedures('khai sinh')) >= 2,
		  '"khai sinh" finds the birth registration procedures and nothing else');
SELECT is((SELECT count(*) FROM search_procedures('xyzzy qwerty')), 0::bigint, 'nonsense finds nothing');
SELECT throws_ok($$SELECT * FROM search_procedures('   ')$$, '22023', 'search text is empty', 'a blank query is refused');
SELECT throws_ok($$SELECT * FROM search_procedures('ket hon', 0)$$, '22023', NULL, 'max_results 0 is refused');

-- A 10,000-procedure catalogue: the search is an index scan
INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level)
SELECT format('9.%s', 800000 + i), format('Thủ tục thử %s số %s %s', w1, i, w2), 'ho_tich', 'commune', 5, 'working_day', 'full'
FROM generate_series(1, 10000) i,
	 LATERAL (SELECT (ARRAY['cấp giấy phép', 'đăng ký', 'gia hạn', 'thu hồi', 'điều chỉnh'])[1 + i % 5] AS w1,
					 (ARRAY['xây dựng', 'kinh doanh', 'lái xe', 'cư trú', 'hộ tịch', 'đất đai', 'môi trường'])[1 + i % 7] AS w2) w;
ANALYZE procedure;
SELECT ok((SELECT count(*) FROM procedure) > 10000, 'the catalogue holds over 10,000 procedures');
CREATE TEMP TABLE plan_text ON COMMIT DROP AS SELECT 1 AS x;
DO $$
DECLARE
	line text;
	txt text := '';
BEGIN
	FOR line IN EXPLAIN SELECT * FROM motcua_internal.procedure_search(motcua_internal.fold('dang ky ket hon'), 20) LOOP
		txt := txt || line || E'\n';
	END LOOP;
	DROP TABLE plan_text;
	CREATE TEMP TABLE plan_text ON COMMIT DROP AS SELECT txt AS plan;
END
$$;
SELECT ok((SELECT plan ~ 'Bitmap Index Scan on procedure_name_search_idx' FROM plan_text),
		  'the query search_procedures runs reads the trigram index: ' || (SELECT left(regexp_replace(plan, '\s+', ' ', 'g'), 300) FROM plan_text));
SELECT is((SELECT code::text FROM search_procedures('dang ky ket hon') LIMIT 1), '1.000894',
		  'and still finds "đăng ký kết hôn" first among 10,000');

SELECT * FROM finish();
ROLLBACK;

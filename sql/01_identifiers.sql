-- Identifier types: parsing, canonical output, accessors, errors, casts,
-- binary round trip, operators and index use.
\set VERBOSITY default
SET search_path = motcua, motcua_internal, public;

-- personal_id
SELECT '001099012345'::personal_id AS pid;
SELECT birth_province('001099012345'), birth_year('001099012345'), sex('001099012345');
SELECT birth_year('079305000001'), sex('079305000001');
SELECT '999099012345'::personal_id;
SELECT '00109901234'::personal_id;
SELECT '001099 12345'::personal_id;
SELECT '001999012345'::personal_id;   -- 2399: future
SELECT repeat('1', 100000)::personal_id;

-- tax_code
SELECT '0100109106'::tax_code, '0311978680'::tax_code, '0100109106-001'::tax_code;
SELECT '0100109107'::tax_code;
SELECT '0101010100'::tax_code;
-- never issued (Circular 105/2020/TT-BTC): range 00, sequence 0000000,
-- though their check digits are right; both are 22P02
SELECT '0012345672'::tax_code;
SELECT '0100000003'::tax_code;
DO $$
BEGIN
	PERFORM '0100000003'::motcua.tax_code;
EXCEPTION WHEN invalid_text_representation THEN
	RAISE NOTICE 'sequence 0000000 refused with SQLSTATE %', SQLSTATE;
END
$$;
SELECT '0100000010'::tax_code AS first_of_range_01;
SELECT is_branch('0100109106'), is_branch('0100109106-001'),
       parent_code('0100109106-001'), parent_code('0100109106') IS NULL AS head_office_has_no_parent;

-- unit_id
SELECT '000.00.01.H29'::unit_id, 'G09.20'::unit_id, unit_root('000.01.01.H59'), unit_root('G09.20');
SELECT 'H29.00.01'::unit_id IS NOT NULL AS short_form_ok;
SELECT '000.00.01.h29'::unit_id;
SELECT '000.00.01.H29 '::unit_id;

-- dossier_code
SELECT '000.00.01.H29-240115-0001'::dossier_code AS code,
       unit_of('000.00.01.H29-240115-0001'),
       received_on('000.00.01.H29-240115-0001'),
       sequence_of('000.00.01.H29-240115-0001');
SELECT make_dossier_code('000.00.01.H29', '2025-01-31', 42);
SELECT make_dossier_code('000.00.01.H29', '2125-01-31', 42);
SELECT make_dossier_code('000.00.01.H29', '2025-01-31', 0);
SELECT '000.00.01.H29-240230-0001'::dossier_code;
SELECT '000.00.01.H29-2401150-0001'::dossier_code;

-- procedure_code
SELECT '1.000894'::procedure_code, '1.001612.000.00.00.H48'::procedure_code,
       base_code('1.001612.000.00.00.H48'), local_unit('1.001612.000.00.00.H48'),
       local_unit('1.000894') IS NULL AS national_has_no_suffix;
SELECT '1.00089'::procedure_code;

-- ordering follows the identifier's structure
SELECT v FROM unnest(ARRAY['000.00.00.H59', '000.01.01.H29', '000.00.00.H29', '000.00.01.H29']::unit_id[]) v ORDER BY v;
SELECT v FROM unnest(ARRAY['000.00.01.H29-240115-0010', '000.00.01.H29-240115-0002',
                           '000.00.01.H29-231231-9999', '000.00.00.H29-250101-0001']::dossier_code[]) v ORDER BY v;
SELECT v FROM unnest(ARRAY['2.000635', '1.001612.000.00.00.H48', '1.001612', '1.000894']::procedure_code[]) v ORDER BY v;
SELECT '0100109106'::tax_code < '0100109106-001'::tax_code AS head_before_branch,
       '1.000894'::procedure_code = '1.000894'::procedure_code AS eq,
       '1.000894'::procedure_code <> '2.000635'::procedure_code AS ne;

-- casts to and from text
SELECT '0100109106'::text::tax_code::text, CAST('G09.20'::varchar AS unit_id);
CREATE TEMP TABLE cast_target (t text);
INSERT INTO cast_target VALUES ('001099012345'::personal_id);
SELECT t FROM cast_target;

-- binary send/recv round trip through COPY BINARY
CREATE TEMP TABLE ids (p personal_id, t tax_code, u unit_id, d dossier_code, c procedure_code);
INSERT INTO ids VALUES ('001099012345', '0100109106-001', 'G09.20', '000.00.01.H29-240115-0001', '1.001612.000.00.00.H48');
COPY ids TO '/tmp/motcua_ids.bin' WITH (FORMAT binary);
COPY ids FROM '/tmp/motcua_ids.bin' WITH (FORMAT binary);
SELECT count(*), count(DISTINCT (p, t, u, d, c)) FROM ids;

-- hash and btree indexes are used for equality
CREATE TEMP TABLE many AS
SELECT make_dossier_code('000.00.01.H29', date '2024-01-01' + (i % 300), i) AS d,
       ('001' || '0' || lpad((i % 100)::text, 2, '0') || lpad(i::text, 6, '0'))::personal_id AS p,
       (CASE WHEN i % 2 = 0 THEN '1.000894' ELSE '2.000635' END)::procedure_code AS c
FROM generate_series(1, 20000) i;
CREATE INDEX ON many (d);
CREATE INDEX ON many USING hash (p);
CREATE INDEX ON many (c);
ANALYZE many;
EXPLAIN (COSTS OFF) SELECT * FROM many WHERE d = '000.00.01.H29-240115-0014';
EXPLAIN (COSTS OFF) SELECT * FROM many WHERE p = '001000000001';
CREATE TEMP TABLE orgs AS
SELECT ('0100109106-' || lpad((1 + i % 999)::text, 3, '0'))::tax_code AS t,
       ('000.' || lpad((i % 100)::text, 2, '0') || '.' || lpad((i / 100 % 100)::text, 2, '0') || '.H29')::text AS u_text,
       (CASE WHEN i % 3 = 0 THEN '1.' ELSE '2.' END || lpad((i % 1000)::text, 6, '0'))::procedure_code AS c
FROM generate_series(1, 20000) i;
ALTER TABLE orgs ADD COLUMN u unit_id;
UPDATE orgs SET u = ('0' || right(u_text, 12))::unit_id;
CREATE INDEX ON orgs (t);
CREATE INDEX ON orgs USING hash (u);
CREATE INDEX ON orgs (c);
ANALYZE orgs;
EXPLAIN (COSTS OFF) SELECT * FROM orgs WHERE t = '0100109106-007';
EXPLAIN (COSTS OFF) SELECT * FROM orgs WHERE u = '000.07.01.H29';
EXPLAIN (COSTS OFF) SELECT * FROM orgs WHERE c = '1.000003';
SELECT count(*) FROM many WHERE d = '000.00.01.H29-240115-0014';
SELECT count(*) FROM many WHERE p = '001099000099';
-- hash join and merge join both work
SET enable_mergejoin = off;
SELECT count(*) FROM many a JOIN many b USING (p);
SET enable_mergejoin = on; SET enable_hashjoin = off;
SELECT count(*) FROM many a JOIN many b USING (d);
RESET enable_hashjoin;
SELECT c, count(*) FROM many GROUP BY c ORDER BY c;

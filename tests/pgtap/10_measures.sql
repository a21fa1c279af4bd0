-- The KPI measures are defined once (motcua_internal.kpi_measure): the
-- sums table's columns and the refresh are made from the list, so adding
-- a row adds a measure, counted by refresh_kpis and rebuild_kpis alike.
BEGIN;
SELECT plan(7);
SET LOCAL search_path = motcua, motcua_internal, public;
SET LOCAL motcua.backdating_window = '3650d';   -- the cases enter past records
SET LOCAL timezone = 'Asia/Ho_Chi_Minh';
SELECT count(*) FROM load_sample_data();
SELECT refresh_kpis();

SELECT is((SELECT array_agg(name::text ORDER BY ordinal) FROM kpi_measure),
		  (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
		   WHERE attrelid = 'motcua_internal.kpi_unit_period'::regclass AND attnum > 3 AND NOT attisdropped),
		  'the sums table has one column per measure, in the list''s order');
SELECT ok((SELECT bool_and(pg_get_functiondef('motcua_internal.kpi_apply'::regproc) ~ ('\m' || name || '\M')) FROM kpi_measure),
		  'the refresh names every measure');

-- a new measure: fee-bearing dossiers received online
INSERT INTO kpi_measure (ordinal, name, type, keeps_row, on_received, description)
VALUES (100, 'fee_bearing_online', 'bigint', false, 'count(*) FILTER (WHERE f.fee_bearing AND f.channel = ''online'')',
		'fee-bearing dossiers received online');
SELECT kpi_measure_columns();
SELECT generate_kpi_apply();
SELECT has_column('motcua_internal', 'kpi_unit_period', 'fee_bearing_online', 'a row in the list adds its column');

INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level, fee)
VALUES ('9.999900', 'Thủ tục thử có phí', 'ho_tich', 'commune', 3, 'working_day', 'full', 30000),
	   ('9.999901', 'Thủ tục thử không phí', 'ho_tich', 'commune', 3, 'working_day', 'full', 0);
SELECT receive((CASE WHEN i % 3 = 0 THEN '9.999901' ELSE '9.999900' END)::procedure_code, lpad((500000 + i)::text, 12, '0010990'),
			   '000.11.10.H22'::unit_id, (ARRAY['direct', 'online', 'postal'])[1 + i % 3],
			   timestamptz '2025-03-03 08:00+07' + (i % 20) * interval '1 day' + (i % 7) * interval '1 hour')
FROM generate_series(1, 300) i;
SELECT refresh_kpis();
SELECT is((SELECT sum(fee_bearing_online) FROM kpi_unit_period WHERE unit = '000.11.10.H22' AND kind = 'd'),
		  (SELECT count(*)::numeric FROM dossier WHERE unit = '000.11.10.H22' AND fee > 0 AND channel = 'online'),
		  'refresh_kpis counts the new measure, as a direct count does');
SELECT ok((SELECT sum(fee_bearing_online) FROM kpi_unit_period WHERE unit = '000.11.10.H22' AND kind = 'm') > 50,
		  'and rolls it up into months');
CREATE TEMP TABLE incremental ON COMMIT DROP AS SELECT * FROM kpi_unit_period;
SELECT rebuild_kpis('2025-01-01', '2025-12-31');
SELECT is((SELECT count(*) FROM ((TABLE incremental EXCEPT TABLE kpi_unit_period)
								 UNION ALL (TABLE kpi_unit_period EXCEPT TABLE incremental)) x),
		  0::bigint, 'rebuild_kpis gives the same sums, the new measure included');
SELECT is((SELECT sum(fee_bearing_online) FROM kpi_unit_period WHERE unit = '000.11.10.H22' AND kind = 'y'),
		  (SELECT count(*)::numeric FROM dossier WHERE unit = '000.11.10.H22' AND fee > 0 AND channel = 'online'),
		  'the year''s sum after the rebuild equals the direct count');

SELECT * FROM finish();
ROLLBACK;

-- Reproduce the real figures of Bến Tre's plan (KH 7386/KH-UBND, 2023; docs/domain.md §5):
-- digitized dossiers 15/12/2022-14/9/2023: province level 52,463 of 101,110,
-- district level 13,004 of 95,850; online payment 4,048 of 93,990
-- fee-bearing dossiers.  Every dossier goes through motcua.receive, every
-- digitization through motcua.supply_component, every payment through
-- motcua.transition; the figures come out of refresh_kpis.
BEGIN;
SELECT plan(8);
SET LOCAL search_path = motcua, motcua_internal, public;
SET LOCAL motcua.backdating_window = '3650d';   -- the cases enter past records
SET LOCAL timezone = 'Asia/Ho_Chi_Minh';
SELECT count(*) FROM load_sample_data();

-- Bến Tre (province code 83); the unit IDs are samples
INSERT INTO jurisdiction (code, name, kind, admin_code, valid_to) VALUES ('H83', 'Tỉnh Bến Tre', 'province', '83', '2025-07-01');
INSERT INTO tier VALUES ('H83', 1, 'Cấp tỉnh', 'province'), ('H83', 2, 'Cấp huyện', 'district');
INSERT INTO unit (id, name, jurisdiction, tier, parent, kind, receives_dossiers, front_desk_staff, staff_count) VALUES
	('000.00.00.H83', 'UBND tỉnh Bến Tre', 'H83', 1, NULL, 'authority', false, 0, 0),
	('000.00.01.H83', 'Trung tâm Phục vụ hành chính công tỉnh Bến Tre', 'H83', 1, '000.00.00.H83', 'service_center', true, 40, 60),
	('000.00.10.H83', 'UBND thành phố Bến Tre', 'H83', 2, '000.00.00.H83', 'authority', false, 0, 0),
	('000.01.10.H83', 'Bộ phận Một cửa thành phố Bến Tre', 'H83', 2, '000.00.10.H83', 'one_stop', true, 20, 25);
INSERT INTO procedure (code, name, field, tier, duration, duration_unit, online_level, fee) VALUES
	('9.999500', 'Thủ tục thử không thu phí', 'ho_tich', 'province', 5, 'working_day', 'partial', 0),
	('9.999501', 'Thủ tục thử có thu phí', 'ho_tich', 'province', 5, 'working_day', 'partial', 50000);
INSERT INTO procedure_component (procedure, ordinal, document_type, reusable) VALUES
	('9.999500', 1, 'TO_KHAI_KHAI_SINH', false), ('9.999501', 1, 'TO_KHAI_KHAI_SINH', false);
SELECT refresh_kpis();

-- 196,960 receptions over 15/12/2022-14/9/2023 (274 days); the first
-- 93,990 are fee-bearing; digitized: the first 52,463 at the province and
-- the first 13,004 in the district; paid online: the first 4,048
DO $$
DECLARE
	i int;
	c motcua.dossier_code;
	prov boolean;
	t timestamptz;
	nprov int := 0;
	ndist int := 0;
BEGIN
	FOR i IN 1..196960 LOOP
		prov := i % 2 = 1 AND nprov < 101110 OR ndist >= 95850;
		t := timestamptz '2022-12-15 08:00+07' + ((i - 1) % 274) * interval '1 day' + ((i - 1) / 274 % 480) * interval '1 minute';
		c := motcua.receive(CASE WHEN i <= 93990 THEN '9.999501' ELSE '9.999500' END::motcua.procedure_code,
							'0830' || lpad((i % 100)::text, 2, '0') || lpad(i::text, 6, '0'),
							CASE WHEN prov THEN '000.00.01.H83' ELSE '000.01.10.H83' END::motcua.unit_id,
							CASE WHEN i % 3 = 0 THEN 'online' ELSE 'direct' END, t);
		IF prov THEN nprov := nprov + 1; ELSE ndist := ndist + 1; END IF;
		IF (prov AND nprov <= 52463) OR (NOT prov AND ndist <= 13004) THEN
			PERFORM motcua.supply_component(c, 1, 'digitized_at_counter', convert_to('bản quét ' || i, 'UTF8'),
											at => t + interval '1 minute');
		END IF;
		IF i <= 4048 THEN
			PERFORM motcua.transition(c, 'accept', 'cb', jsonb_build_object('at', t + interval '2 minutes'));
			PERFORM motcua.transition(c, 'request_payment', 'cb', jsonb_build_object('at', t + interval '3 minutes', 'amount', 50000));
			PERFORM motcua.transition(c, 'payment_received', 'cb',
									  jsonb_build_object('at', t + interval '4 minutes', 'method', 'online', 'amount', 50000));
		END IF;
	END LOOP;
END
$$;
SELECT cmp_ok(refresh_kpis(), '>=', 196960::bigint, 'refresh_kpis folds every dossier');

CREATE TEMP TABLE bt AS
SELECT CASE WHEN k.unit = '000.00.01.H83' THEN 'province' ELSE 'district' END AS level,
	   sum(k.received) AS received, sum(k.dossiers_digitized) AS digitized,
	   sum(k.fee_bearing) AS fee_bearing, sum(k.paid_online) AS paid_online
FROM kpi_unit_period k
WHERE k.kind = 'd' AND k.period_start BETWEEN '2022-12-15' AND '2023-09-14'
  AND k.unit IN ('000.00.01.H83', '000.01.10.H83')
GROUP BY 1;

SELECT results_eq($$SELECT level, received, digitized FROM bt ORDER BY level$$,
	$$VALUES ('district', 95850::numeric, 13004::numeric), ('province', 101110::numeric, 52463::numeric)$$,
	'the exact counts of the plan are in the aggregates');
SELECT is((SELECT round(100.0 * digitized / received, 1) FROM bt WHERE level = 'province'), 51.9,
	'province level: 52,463 / 101,110 = 51.9% (the plan prints 51,8%, truncating 51.887)');
SELECT is((SELECT round(100.0 * digitized / received, 1) FROM bt WHERE level = 'district'), 13.6,
	'district level: 13,004 / 95,850 = 13.6%');
SELECT is((SELECT round(100.0 * sum(digitized) / sum(received), 1) FROM bt), 33.2,
	'whole province: 65,467 / 196,960 = 33.2% (the plan adds to 65,465, a slip of its own)');
SELECT is((SELECT round(100.0 * sum(paid_online) / sum(fee_bearing), 2) FROM bt), 4.31,
	'online payment: 4,048 / 93,990 = 4.31%');
SELECT is((SELECT digitized_dossier_rate FROM kpi WHERE unit = '000.00.00.H83' AND period_kind = 'y' AND period_start = '2023-01-01'),
		  (SELECT motcua_internal.ratio(sum(dossiers_digitized), sum(received)) FROM kpi_unit_period
		   WHERE kind = 'y' AND period_start = '2023-01-01' AND unit IN ('000.00.01.H83', '000.01.10.H83')),
	'the province''s subtree rollup in motcua.kpi agrees');
-- the province adopts its plan: the 2023 campaign targets are measured
INSERT INTO plan_scope VALUES ('BT-KH7386-2023', 'H83');
SELECT compute_plan_compliance(2023) > 0;
SELECT results_eq($$SELECT indicator, target, met FROM plan_compliance
					WHERE plan = 'BT-KH7386-2023' AND unit = '000.00.00.H83' AND period = 2023 ORDER BY indicator$$,
	$$VALUES ('dossier_digitization_rate', 100::numeric, false), ('online_payment_rate', 30::numeric, false),
			 ('online_rate', 50::numeric, false)$$,
	'Bến Tre''s 2023 campaign targets are measured, and not met, as its plan says');

SELECT * FROM finish();
ROLLBACK;

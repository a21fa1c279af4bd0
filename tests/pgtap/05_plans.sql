-- KPI indicators and reform plans as data (docs/domain.md §5 "Plan targets").
BEGIN;
SELECT plan(74);
SET LOCAL search_path = motcua, motcua_internal, public;
SET LOCAL motcua.backdating_window = '3650d';   -- the cases enter past records

-- t: the target of a plan for an indicator, tier, area class and year.
CREATE FUNCTION pg_temp.t(p text, i text, y integer, ti text DEFAULT 'all', a text DEFAULT 'all')
RETURNS numeric LANGUAGE sql AS $$
	SELECT target FROM motcua.plan_target
	WHERE plan = p AND indicator = i AND tier = ti AND area_class = a AND y BETWEEN year_from AND year_to
$$;

-- The shipped plans and indicators.
SELECT set_eq($$SELECT code FROM plan WHERE shipped$$,
			  ARRAY['QN-KH140-2021', 'BN-QD717-2021', 'BG-SNGV-2021', 'BKHCN-468-2021', 'BT-KH7386-2023'],
			  'the five reference plans ship');
SELECT set_eq($$SELECT code FROM kpi_indicator WHERE shipped$$,
			  ARRAY['component_digitization_rate', 'dossier_digitization_rate', 'not_reprovided_rate', 'online_rate',
					'electronic_transfer_rate', 'esigned_result_rate', 'online_payment_rate', 'avg_wait_minutes',
					'served_under_10_rate', 'processing_time_cut_minutes', 'dossiers_per_front_desk_staff', 'satisfaction_rate'],
			  'the twelve indicators ship');
SELECT is((SELECT count(*) FROM plan_target WHERE shipped), 56::bigint, '56 shipped targets');
SELECT is((SELECT count(*) FROM kpi_indicator k WHERE NOT EXISTS (SELECT 1 FROM plan_target t WHERE t.indicator = k.code)),
		  0::bigint, 'every indicator has at least one target');
SELECT is((SELECT count(*) FROM plan_target t JOIN plan p ON p.code = t.plan JOIN kpi_indicator k ON k.code = t.indicator
		   WHERE t.shipped AND NOT (p.shipped AND k.shipped)), 0::bigint, 'shipped targets refer to shipped plans and indicators');
SELECT is((SELECT count(*) FROM unnest(ARRAY['motcua.kpi_indicator', 'motcua.plan', 'motcua.plan_target']::regclass[]) r
		   WHERE obj_description(r, 'pg_class') IS NOT NULL), 3::bigint, 'the three tables are commented');
SELECT is((SELECT jurisdiction FROM plan WHERE code = 'QN-KH140-2021'), 'H22', 'Quảng Ninh is H22');
SELECT is((SELECT jurisdiction FROM plan WHERE code = 'BKHCN-468-2021'), 'G17', 'the Ministry of Science and Technology is G17');
SELECT is((SELECT direction FROM kpi_indicator WHERE code = 'avg_wait_minutes'), 'at_most', 'waiting time is a ceiling');
SELECT is((SELECT count(*) FROM kpi_indicator WHERE direction = 'at_least'), 11::bigint, 'the other indicators are floors');
SELECT ok((SELECT description ~* 'baseline' FROM kpi_indicator WHERE code = 'processing_time_cut_minutes'),
		  'the processing-time cut says it needs a baseline');
SELECT is((SELECT unit FROM kpi_indicator WHERE code = 'dossiers_per_front_desk_staff'), 'dossiers_per_staff_year', 'staff load unit');

-- Every shipped target lies within the plans' horizon 2021-2025.
SELECT is((SELECT count(*) FROM plan_target WHERE shipped AND (year_from < 2021 OR year_to > 2025)), 0::bigint,
		  'every shipped target lies within 2021-2025');
SELECT is((SELECT count(*) FROM plan_target WHERE shipped AND quote !~ '[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]'),
		  0::bigint, 'every shipped quote is in Vietnamese');

-- Spot checks against docs/domain.md §5.
SELECT is(pg_temp.t('QN-KH140-2021', 'component_digitization_rate', 2021, 'province'), 60::numeric, 'QN 2021 province digitization 60');
SELECT is(pg_temp.t('QN-KH140-2021', 'component_digitization_rate', 2021, 'district'), 50::numeric, 'QN 2021 district digitization 50');
SELECT is(pg_temp.t('QN-KH140-2021', 'component_digitization_rate', 2021, 'commune'), 40::numeric, 'QN 2021 commune digitization 40');
SELECT is(pg_temp.t('QN-KH140-2021', 'component_digitization_rate', 2022, 'district'), 70::numeric, 'QN 2022 district digitization 70');
SELECT is(pg_temp.t('QN-KH140-2021', 'component_digitization_rate', 2024, 'commune'), 100::numeric, 'QN 2024 commune digitization 100');
SELECT is(pg_temp.t('QN-KH140-2021', 'dossier_digitization_rate', 2025), 100::numeric, 'QN resolved dossiers digitized 100 in 2025');
SELECT is(pg_temp.t('QN-KH140-2021', 'not_reprovided_rate', 2022), 40::numeric, 'QN not re-providing 40 in 2022');
SELECT is(pg_temp.t('QN-KH140-2021', 'not_reprovided_rate', 2023), 90::numeric, 'QN not re-providing 90 in 2023');
SELECT ok((SELECT note ~ '20%' AND note ~ '2%' FROM plan_target
		   WHERE plan = 'QN-KH140-2021' AND indicator = 'not_reprovided_rate' AND year_from = 2023),
		  'QN not re-providing notes the appendix''s +20%/yr vs +2%/yr');
SELECT is(pg_temp.t('QN-KH140-2021', 'online_rate', 2024), 70::numeric, 'QN online 70');
SELECT is(pg_temp.t('QN-KH140-2021', 'electronic_transfer_rate', 2023), 100::numeric, 'QN electronic transfers 100');
SELECT is(pg_temp.t('QN-KH140-2021', 'esigned_result_rate', 2022), 50::numeric, 'QN e-signed results 50 in 2022');
SELECT is(pg_temp.t('QN-KH140-2021', 'avg_wait_minutes', 2022), 25::numeric, 'QN wait 25 in 2022');
SELECT is(pg_temp.t('QN-KH140-2021', 'avg_wait_minutes', 2025), 15::numeric, 'QN wait 15 in 2025');
SELECT is(pg_temp.t('QN-KH140-2021', 'served_under_10_rate', 2022), 50::numeric, 'QN under 10 min 50 in 2022');
SELECT ok((SELECT bool_and(note ~ 'strictly more than') FROM plan_target
		   WHERE plan = 'QN-KH140-2021' AND indicator = 'served_under_10_rate'), 'QN under 10 min says strictly more than');
SELECT is(pg_temp.t('QN-KH140-2021', 'served_under_10_rate', 2023), 70::numeric, 'QN under 10 min 70 in 2023');
SELECT is(pg_temp.t('QN-KH140-2021', 'processing_time_cut_minutes', 2021), 30::numeric, 'QN processing cut 30 from 2021');
SELECT is(pg_temp.t('QN-KH140-2021', 'satisfaction_rate', 2025), 98::numeric, 'QN satisfaction 98 in 2025');
SELECT is(pg_temp.t('QN-KH140-2021', 'satisfaction_rate', 2024), NULL::numeric, 'QN satisfaction has no target before 2025');
SELECT is(pg_temp.t('QN-KH140-2021', 'dossiers_per_front_desk_staff', 2023, 'province', 'center'), 2000::numeric, 'QN staff province center 2000');
SELECT is(pg_temp.t('QN-KH140-2021', 'dossiers_per_front_desk_staff', 2024, 'district', 'city_town'), 2000::numeric, 'QN staff city/town center 2000');
SELECT is(pg_temp.t('QN-KH140-2021', 'dossiers_per_front_desk_staff', 2024, 'district', 'other'), 1600::numeric, 'QN staff other district 1600');
SELECT is(pg_temp.t('QN-KH140-2021', 'dossiers_per_front_desk_staff', 2025, 'commune', 'city_town'), 1200::numeric, 'QN staff city/town commune 1200');
SELECT is(pg_temp.t('QN-KH140-2021', 'dossiers_per_front_desk_staff', 2025, 'commune', 'other'), 1000::numeric, 'QN staff other commune 1000');
SELECT is(pg_temp.t('QN-KH140-2021', 'dossiers_per_front_desk_staff', 2025, 'all', 'remote'), 800::numeric, 'QN staff remote 800');
SELECT ok((SELECT note ~ 'unless the unit''s total' FROM plan_target WHERE plan = 'QN-KH140-2021' AND area_class = 'remote'),
		  'QN staff remote notes the lower-total exception');
SELECT is(pg_temp.t('BN-QD717-2021', 'component_digitization_rate', 2021, 'district'), 30::numeric, 'BN 2021 district digitization 30');
SELECT ok((SELECT target IS NULL AND note IS NOT NULL FROM plan_target
		   WHERE plan = 'BN-QD717-2021' AND indicator = 'component_digitization_rate' AND year_from = 2022),
		  'BN 2022 digitization: no number, with a note');
SELECT is(pg_temp.t('BN-QD717-2021', 'online_rate', 2023), 60::numeric, 'BN online 60');
SELECT is(pg_temp.t('BN-QD717-2021', 'not_reprovided_rate', 2025), 100::numeric, 'BN not re-providing 100');
SELECT is(pg_temp.t('BN-QD717-2021', 'electronic_transfer_rate', 2024), 80::numeric, 'BN internal transfers 80');
SELECT is(pg_temp.t('BN-QD717-2021', 'avg_wait_minutes', 2022), 30::numeric, 'BN wait 30 in 2022');
SELECT is(pg_temp.t('BN-QD717-2021', 'satisfaction_rate', 2025), 95::numeric, 'BN satisfaction 95 in 2025');
SELECT is((SELECT increase_per_year FROM plan_target
		   WHERE plan = 'BG-SNGV-2021' AND indicator = 'component_digitization_rate' AND year_from = 2022 AND year_to = 2022),
		  20::numeric, 'BG digitization +20 in 2022');
SELECT is(pg_temp.t('BG-SNGV-2021', 'avg_wait_minutes', 2022), 20::numeric, 'BG wait 20 in 2022');
SELECT is(pg_temp.t('BG-SNGV-2021', 'avg_wait_minutes', 2023), 15::numeric, 'BG wait 15 in 2023');
SELECT is(pg_temp.t('BG-SNGV-2021', 'processing_time_cut_minutes', 2023), 30::numeric, 'BG processing cut 30 from 2023');
SELECT is(pg_temp.t('BKHCN-468-2021', 'component_digitization_rate', 2021), 40::numeric, 'MoST digitization 40 in 2021');
SELECT is(pg_temp.t('BKHCN-468-2021', 'online_rate', 2024), 50::numeric, 'MoST online 50');
SELECT is((SELECT increase_per_year FROM plan_target WHERE plan = 'BKHCN-468-2021' AND increase_per_year IS NOT NULL AND year_from = 2023),
		  20::numeric, 'MoST +20/yr digitized, signed and archived from 2023');
SELECT is(pg_temp.t('BKHCN-468-2021', 'dossiers_per_front_desk_staff', 2023), 2000::numeric, 'MoST staff 2000 by 2023');
SELECT is(pg_temp.t('BKHCN-468-2021', 'avg_wait_minutes', 2025), 15::numeric, 'MoST wait 15 in 2025');
SELECT is(pg_temp.t('BT-KH7386-2023', 'online_payment_rate', 2023), 30::numeric, 'Bến Tre online payment 30');
SELECT ok((SELECT note ~ '4,048' AND note ~ '93,990' FROM plan_target WHERE plan = 'BT-KH7386-2023' AND indicator = 'online_payment_rate'),
		  'Bến Tre online payment notes its baseline');
SELECT is(pg_temp.t('BT-KH7386-2023', 'online_rate', 2023), 50::numeric, 'Bến Tre online 50');

-- Shipped rows are protected; TRUNCATE is refused.
SELECT throws_ok($$UPDATE plan_target SET target = 10 WHERE plan = 'QN-KH140-2021' AND indicator = 'online_rate'$$,
				 '55000', NULL, 'a shipped target cannot be updated');
SELECT throws_ok($$UPDATE plan SET note = 'x' WHERE code = 'BN-QD717-2021'$$, '55000', NULL, 'a shipped plan cannot be updated');
SELECT throws_ok($$UPDATE kpi_indicator SET name = 'x' WHERE code = 'online_rate'$$, '55000', NULL, 'a shipped indicator cannot be updated');
SELECT throws_ok($$DELETE FROM plan WHERE code = 'BT-KH7386-2023'$$, '55000', NULL, 'a shipped plan cannot be deleted');
SELECT throws_ok($$TRUNCATE plan_target$$, '55000', NULL, 'TRUNCATE plan_target is refused');
SELECT throws_ok($$TRUNCATE plan, plan_target, kpi_indicator, plan_scope$$, '55000', NULL, 'TRUNCATE of the plan tables is refused');

-- A local plan: new rows, not shipped, editable, dumped.
SELECT lives_ok($$INSERT INTO plan (code, name, issuer, jurisdiction, legal_reference, issued_on)
				  VALUES ('H98-KH1-2024', 'Kế hoạch thử', 'UBND tỉnh thử', 'H98', 'Kế hoạch 1/KH-UBND ngày 2/1/2024', '2024-01-02')$$,
				'a user can add a plan');
SELECT lives_ok($$INSERT INTO plan_target (plan, indicator, year_from, year_to, target, quote)
				  VALUES ('H98-KH1-2024', 'online_rate', 2024, 2025, 80, 'tối thiểu 80%')$$,
				'a user can add a target');
SELECT is((SELECT t.shipped::text || '/' || p.shipped::text FROM plan_target t JOIN plan p ON p.code = t.plan WHERE t.plan = 'H98-KH1-2024'),
		  'false/false', 'the user''s plan and target are not shipped');
SELECT lives_ok($$UPDATE plan_target SET target = 85 WHERE plan = 'H98-KH1-2024'$$, 'the user''s target can be changed');
SELECT throws_ok($$INSERT INTO plan_target (plan, indicator, year_from, year_to, quote)
				   VALUES ('H98-KH1-2024', 'satisfaction_rate', 2025, 2025, 'hài lòng')$$,
				 '23514', NULL, 'a target needs a number, an increase or a note');
SELECT throws_ok($$INSERT INTO plan_target (plan, indicator, year_from, year_to, target, quote)
				   VALUES ('H98-KH1-2024', 'satisfaction_rate', 2025, 2024, 90, 'hài lòng')$$,
				 '23514', NULL, 'year_to cannot precede year_from');
SELECT is((SELECT count(*) FROM pg_extension e, unnest(e.extconfig, e.extcondition) c(rel, cond)
		   WHERE e.extname = 'motcua' AND c.rel IN ('motcua.plan'::regclass, 'motcua.plan_target'::regclass, 'motcua.kpi_indicator'::regclass)
			 AND c.cond = 'WHERE NOT shipped'), 3::bigint, 'pg_dump keeps the non-shipped rows of the three tables');
SELECT ok(has_table_privilege('motcua_bi', 'motcua.plan_target', 'SELECT')
		  AND NOT has_table_privilege('motcua_officer', 'motcua.plan_target', 'INSERT')
		  AND has_table_privilege('motcua_admin', 'motcua.plan', 'INSERT'),
		  'everyone reads the plans, the admin maintains them');

SELECT * FROM finish();
ROLLBACK;

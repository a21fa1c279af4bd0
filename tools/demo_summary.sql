-- Summary printed by make demo.
\pset footer off
\echo
\echo Units per jurisdiction and tier
SELECT j.name AS jurisdiction, t.level AS tier, t.name AS tier_name,
       count(u.id) AS units, count(u.id) FILTER (WHERE u.receives_dossiers) AS receiving,
       sum(u.front_desk_staff) AS front_desk_staff
FROM motcua.jurisdiction j
JOIN motcua.tier t ON t.jurisdiction = j.code
LEFT JOIN motcua.unit u ON u.jurisdiction = t.jurisdiction AND u.tier = t.level
GROUP BY j.name, t.level, t.name
ORDER BY j.name, t.level;

\echo Procedures per field
SELECT f.name AS field, count(*) AS procedures,
       count(*) FILTER (WHERE p.online_level = 'full') AS fully_online,
       count(*) FILTER (WHERE p.online_level = 'partial') AS partly_online,
       count(*) FILTER (WHERE p.location_independent) AS location_independent,
       count(*) FILTER (WHERE NOT p.code_is_sample) AS real_codes
FROM motcua.procedure p JOIN motcua.field f ON f.code = p.field
GROUP BY f.name ORDER BY procedures DESC, f.name;

\echo Required components
SELECT count(*) AS components,
       count(*) FILTER (WHERE c.mandatory) AS mandatory,
       count(*) FILTER (WHERE c.reusable) AS reusable,
       count(*) FILTER (WHERE c.national_database IS NOT NULL) AS from_national_db,
       round(avg(n.per_procedure), 1) AS avg_per_procedure
FROM motcua.procedure_component c,
     LATERAL (SELECT count(*) AS per_procedure FROM motcua.procedure_component x
              WHERE x.procedure OPERATOR(motcua.=) c.procedure) n;

\echo Identifiers in action
SELECT '001099012345'::motcua.personal_id AS personal_id,
       motcua.birth_province('001099012345') AS province,
       motcua.birth_year('001099012345') AS born,
       motcua.sex('001099012345') AS sex,
       '0100109106-001'::motcua.tax_code AS branch,
       motcua.parent_code('0100109106-001') AS head_office;

\echo A deadline across Tết 2025: received Friday 24 January 10:00, 3 working days
SELECT day, weekday, counted, working_day_no AS no, reason, deadline
FROM motcua.explain_deadline('2025-01-24 10:00+07', 3);

\echo The life of one dossier: marital status confirmation (3 working days) at the Hồng Gai ward, Quảng Ninh
-- a paper dossier of last year entered now: events carry the server's clock,
-- an earlier time only within motcua.backdating_window (a superuser widens it)
SET motcua.backdating_window = '3650d';
SELECT motcua.receive('9.900002', '022199001234', '000.11.10.H22', 'direct', '2025-11-17 09:00+07') AS code \gset
SELECT step, state, motcua.portal_status(state) AS portal_status FROM (VALUES
	(1, 'accept', motcua.transition(:'code', 'accept', 'cb.nguyen', '{"at": "2025-11-17 09:05+07"}')),
	(2, 'request_supplement', motcua.transition(:'code', 'request_supplement', 'cv.tran', '{"at": "2025-11-17 10:00+07", "reason": "thiếu giấy xác nhận tình trạng hôn nhân"}')),
	(3, 'supplement_received', motcua.transition(:'code', 'supplement_received', 'cb.nguyen', '{"at": "2025-11-18 15:00+07"}')),
	(4, 'complete', motcua.transition(:'code', 'complete', 'cv.tran', '{"at": "2025-11-19 10:00+07", "esigned": true}')),
	(5, 'return_result', motcua.transition(:'code', 'return_result', 'cb.nguyen', '{"at": "2025-11-19 14:00+07", "channel": "direct"}')))
	AS v(step, action, state) ORDER BY step;
SELECT code, first_promised_at, promised_at, clock_stops[1] AS clock_stop, motcua.timeliness(code) AS timeliness,
	   (motcua.verify_history(code)).valid AS history_valid
FROM motcua.dossier WHERE code OPERATOR(motcua.=) :'code'::motcua.dossier_code;
\echo Its national portal record (DongBoHoSoMC)
SELECT jsonb_pretty(motcua.portal_record(:'code') - 'ThanhPhanHoSo') AS portal_record;

\echo The figures the ward and its parents report: refresh_kpis() folds the dossier in, motcua.kpi rolls it up the unit tree
SELECT motcua.refresh_kpis() AS dossiers_folded;
SELECT unit, period, period_start, received, finished, early, on_time, late, on_time_rate, avg_processing_days,
       esigned_result_rate, in_progress_overdue
FROM motcua.kpi
WHERE unit IN ('000.11.10.H22', '000.00.10.H22', '000.00.00.H22') AND period_kind = 'm' AND period_start = '2025-11-01'
ORDER BY unit DESC;
\echo Decision 766 index of the ward, November 2025: what motcua does not hold is NULL, with the reason
SELECT "group", indicator, max_points, value, points, coalesce(reason, '') AS reason
FROM motcua.index_766
WHERE unit = '000.11.10.H22' AND period_kind = 'm' AND period_start = '2025-11-01'
ORDER BY "group", indicator;

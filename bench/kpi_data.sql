-- Data for bench/kpi.sh: :n generated dossiers over 2023-2025 and the
-- sample units, with one component each.
SET maintenance_work_mem = '1GB';
SELECT count(*) FROM motcua.load_sample_data();
SELECT motcua.ensure_dossier_partition(d::date) FROM generate_series('2023-01-01'::date, '2025-12-01', '1 month') d;
CREATE TABLE bench_unit AS SELECT row_number() OVER (ORDER BY id) AS i, id FROM motcua.unit WHERE receives_dossiers;
ALTER TABLE motcua.dossier DISABLE TRIGGER kpi_dirty;
ALTER TABLE motcua.dossier_component DISABLE TRIGGER kpi_dirty;
INSERT INTO motcua.subject (id, kind, personal_id)
SELECT i, 'person', ('0010' || lpad((i / 1000000 % 100)::text, 2, '0') || lpad((i % 1000000)::text, 6, '0'))::motcua.personal_id
FROM generate_series(1, 100000) i;
-- dossiers spread over 2023-2025 and the 18 receiving units; most finished,
-- some late, some with a supplement stop (some still waiting for it), some
-- extended with an apology letter, a share online and fee-bearing
INSERT INTO motcua.dossier (code, received_on, unit, procedure, subject, channel, received_at, calendar, state,
							promised_at, first_promised_at, due_at, current_unit, supplement_count, extension_count,
							clock_stopped_at, finished_at, fee,
							paid_online, transfers_electronic, transfers_paper, result_esigned, event_count, updated_at)
SELECT motcua.make_dossier_code(u.id, day, (g / 1096)::int + 1), day, u.id, '9.900010', 1 + g % 100000,
	   (ARRAY['direct', 'online', 'postal'])[1 + g % 3], recv, 'VN',
	   CASE WHEN g % 10 < 8 THEN 'done' WHEN g % 10 = 9 AND g % 7 = 0 THEN 'awaiting_supplement' ELSE 'in_progress' END,
	   recv + CASE WHEN g % 13 = 0 THEN interval '9 days' ELSE interval '7 days' END,
	   recv + interval '7 days', recv + interval '7 days', u.id, (g % 17 = 0)::int, (g % 13 = 0)::int,
	   CASE WHEN g % 10 = 9 AND g % 7 = 0 THEN recv + interval '1 day' END,
	   CASE WHEN g % 10 < 8 THEN recv + (1 + g % 9) * interval '1 day' END,
	   CASE WHEN g % 4 = 0 THEN 50000 ELSE 0 END, g % 8 = 0, g % 5, g % 2, g % 3 = 0, 1, recv
FROM generate_series(0, :n - 1) g
CROSS JOIN LATERAL (SELECT date '2023-01-01' + (g % 1096) AS day) d
CROSS JOIN LATERAL (SELECT (d.day + time '09:00' + (g % 420) * interval '1 minute') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS recv) r
JOIN bench_unit u ON u.i = 1 + (g / 1096) % 18;
INSERT INTO motcua.dossier_component (dossier, ordinal, document_type, supplied_by, digitized, reusable, eligible)
SELECT d.code, 1, 'CCCD', CASE WHEN motcua.sequence_of(d.code) % 3 = 0 THEN 'national_db' END,
	   motcua.sequence_of(d.code) % 2 = 0, true, motcua.sequence_of(d.code) % 3 = 0
FROM motcua.dossier d;
ALTER TABLE motcua.dossier ENABLE TRIGGER kpi_dirty;
ALTER TABLE motcua.dossier_component ENABLE TRIGGER kpi_dirty;
VACUUM ANALYZE;

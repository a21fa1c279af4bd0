#!/usr/bin/env bash
# KPI refresh at scale: BENCH_DOSSIERS (default 10,000,000) generated
# dossiers; after 10,000 of them change (through motcua.transition),
# refresh_kpis() vs REFRESH MATERIALIZED VIEW of an equivalent plain-SQL
# KPI view, in the same run; the full rebuild_kpis() against the same
# REFRESH; and a province-quarter query on motcua.kpi.
# Targets (issue: KPI engine): refresh >= 100x faster than the REFRESH,
# rebuild within 2x of it, the province-quarter query <= 50 ms.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
N=${BENCH_DOSSIERS:-10000000}
CHANGES=${BENCH_CHANGES:-10000}
bench_start
echo "generating $N dossiers ..."
psql -X -q -v ON_ERROR_STOP=1 -v n="$N" <<'SQL'
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
-- some late, some with a supplement stop, a share online and fee-bearing
INSERT INTO motcua.dossier (code, received_on, unit, procedure, subject, channel, received_at, calendar, state,
							promised_at, first_promised_at, current_unit, supplement_count, finished_at, fee,
							paid_online, transfers_electronic, transfers_paper, result_esigned, event_count, updated_at)
SELECT motcua.make_dossier_code(u.id, day, (g / 1096)::int + 1), day, u.id, '9.900010', 1 + g % 100000,
	   (ARRAY['direct', 'online', 'postal'])[1 + g % 3], recv, 'VN',
	   CASE WHEN g % 10 < 8 THEN 'done' ELSE 'in_progress' END,
	   recv + interval '7 days', recv + interval '7 days', u.id, (g % 17 = 0)::int,
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
-- the plain-SQL KPI view the incremental engine replaces: the same sums per
-- unit and day, straight from the dossiers
CREATE MATERIALIZED VIEW plain_kpi AS
SELECT d.unit, d.received_on AS day, count(*) AS received,
	   count(*) FILTER (WHERE d.channel = 'online') AS received_online,
	   count(*) FILTER (WHERE d.finished_at IS NOT NULL) AS finished,
	   count(*) FILTER (WHERE d.finished_at IS NOT NULL AND (d.supplement_count > 1 OR d.finished_at > d.promised_at)) AS late,
	   sum(motcua.working_days_between(d.received_at, d.finished_at, d.calendar, d.clock_stops))
		   FILTER (WHERE d.finished_at IS NOT NULL) AS processing_days,
	   count(*) FILTER (WHERE c.digitized) AS digitized,
	   count(*) FILTER (WHERE d.fee > 0) AS fee_bearing,
	   count(*) FILTER (WHERE d.fee > 0 AND d.paid_online) AS paid_online,
	   sum(d.transfers_electronic) AS transfers_electronic
FROM motcua.dossier d LEFT JOIN motcua.dossier_component c ON c.dossier = d.code AND c.ordinal = 1
GROUP BY d.unit, d.received_on;
SQL
psql -X -A -t -c "SELECT 'data: ' || (SELECT count(*) FROM motcua.dossier) || ' dossiers, ' || pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid WHERE i.inhparent = 'motcua.dossier'::regclass"

timed() {	# timed SQL -> milliseconds
	psql -X -A -t -v ON_ERROR_STOP=1 -c "SELECT bench_ms(\$q\$$1\$q\$, 1)"
}
echo "full rebuild_kpis (initial load) ..."
rebuild_ms=$(timed "SELECT motcua.rebuild_kpis('2023-01-01', '2025-12-31')")
refresh_mv_ms=$(timed "REFRESH MATERIALIZED VIEW plain_kpi")
echo "completing the $CHANGES most recently received open dossiers through motcua.transition ..."
psql -X -q -v ON_ERROR_STOP=1 -v c="$CHANGES" <<'SQL'
SELECT count(motcua.transition(code, 'complete', 'bench', '{}'))
FROM (SELECT code FROM motcua.dossier WHERE state = 'in_progress' ORDER BY received_on DESC LIMIT :c) x;
SQL
queued=$(psql -X -A -t -c "SELECT count(DISTINCT dossier) FROM motcua.kpi_dirty")
t0=$(date +%s%N)
psql -X -q -A -t -c "SELECT motcua.refresh_kpis()" >/dev/null
refresh_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
province=$(psql -X -A -t -c "SELECT id FROM motcua.unit WHERE parent IS NULL AND jurisdiction = 'H22'")
query_ms=$(timed "SELECT * FROM motcua.kpi WHERE unit = '$province'::motcua.unit_id AND period_kind = 'q' AND period_start = '2025-07-01'")
query_ms=$(psql -X -A -t -c "SELECT bench_ms(\$q\$SELECT * FROM motcua.kpi WHERE unit = '$province'::motcua.unit_id AND period_kind = 'q' AND period_start = '2025-07-01'\$q\$, 5)")
awk -v n="$N" -v q="$queued" -v r="$refresh_ms" -v mv="$refresh_mv_ms" -v rb="$rebuild_ms" -v qm="$query_ms" 'BEGIN {
	printf "KPI engine on %d dossiers\n", n
	printf "  refresh_kpis() after %d dossiers changed  %10.1f ms  (facts, aggregates and the 766/plan snapshots of the periods touched)\n", q, r
	printf "  REFRESH MATERIALIZED VIEW (plain SQL)     %10.1f ms   (baseline)\n", mv
	printf "  -> incremental refresh is %.0fx faster (target >= 100x)\n", mv / r
	printf "  full rebuild_kpis() 2023-2025            %10.1f ms   -> %.2fx the REFRESH (target <= 2x)\n", rb, rb / mv
	printf "  province-quarter query on motcua.kpi     %10.1f ms   (target <= 50 ms)\n", qm
}'

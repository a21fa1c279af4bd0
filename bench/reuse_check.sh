#!/usr/bin/env bash
# reuse_check under pgbench (2 clients, BENCH_REUSE_SECONDS: 20 s; 30 s in
# the large size) on generated data: BENCH_SUBJECTS subjects (200,000; 1M
# in the large size) with BENCH_DOCS_PER_SUBJECT (10) warehouse documents
# each, 50 procedures of 5-20 components, vs a straightforward SQL
# formulation (LEFT JOINs) in the same run.
# Targets (issue: reuse): >= 5,000 checks/s, p99 <= 5 ms, faster than the
# straightforward formulation.  The lookup queue is emptied before each run,
# so both queue the lookups for the stale or missing records they meet.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
DURATION=$BENCH_REUSE_SECONDS
SUBJECTS=$BENCH_SUBJECTS
DOCS_PER_SUBJECT=${BENCH_DOCS_PER_SUBJECT:-10}
bench_start
echo "generating $SUBJECTS subjects and $((SUBJECTS * DOCS_PER_SUBJECT)) documents ..."
psql -X -q -v ON_ERROR_STOP=1 -v subjects="$SUBJECTS" -v docs="$DOCS_PER_SUBJECT" >/dev/null <<'SQL'
SET maintenance_work_mem = '1GB';
SELECT count(*) FROM motcua.load_sample_data();
INSERT INTO motcua.national_source (database, enabled, freshness) VALUES ('population', true, '30 days');
INSERT INTO motcua.document_type (code, name, category, is_result, national_database)
SELECT 'B_T' || lpad(t::text, 2, '0'), 'Loại giấy tờ thử ' || t, 'other', t % 3 = 0,
	   CASE WHEN t % 10 = 0 THEN 'population' END
FROM generate_series(1, 40) t;
INSERT INTO motcua.procedure (code, name, field, tier, duration, duration_unit, online_level, code_is_sample)
SELECT ('8.' || lpad(p::text, 6, '0'))::motcua.procedure_code, 'Thủ tục thử ' || p, 'ho_tich', 'province', 5, 'working_day', 'full', true
FROM generate_series(1, 50) p;
INSERT INTO motcua.procedure_component (procedure, ordinal, document_type, reusable, national_database)
SELECT ('8.' || lpad(p::text, 6, '0'))::motcua.procedure_code, k,
	   'B_T' || lpad((1 + (p * 7 + k * 3) % 40)::text, 2, '0'), k % 4 <> 0,
	   CASE WHEN (1 + (p * 7 + k * 3) % 40) % 10 = 0 THEN 'population' END
FROM generate_series(1, 50) p, generate_series(1, 5 + p % 16) k;
-- subjects: 12-digit IDs 001 0 yy nnnnnn, unique for i <= 99,999,999
INSERT INTO motcua.subject (id, kind, personal_id)
SELECT i, 'person', ('0010' || lpad((i / 1000000 % 100)::text, 2, '0') || lpad((i % 1000000)::text, 6, '0'))::motcua.personal_id
FROM generate_series(1, :subjects) i;
SELECT setval('motcua.subject_id_seq', :subjects);
ALTER TABLE motcua.document SET (autovacuum_enabled = false);
DROP INDEX motcua.document_subject_idx;
INSERT INTO motcua.document (subject, document_type, issued_at, valid_until, revoked_at, revoked_reason,
							 sha256, content_ref, provenance, national_source, fetched_at, reusable)
SELECT 1 + g % :subjects, 'B_T' || lpad((1 + (g * 13) % 40)::text, 2, '0'),
	   timestamptz '2020-01-01' + (g % 1500) * interval '1 day',
	   CASE WHEN g % 5 = 0 THEN timestamptz '2020-01-01' + (g % 1500 + 400) * interval '1 day' END,
	   CASE WHEN g % 97 = 0 THEN timestamptz '2025-01-01' END, CASE WHEN g % 97 = 0 THEN 'thu hồi' END,
	   decode(md5(g::text) || md5(g::text), 'hex'), 'kho://' || g, 'national_db', 'population',
	   timestamptz '2020-01-01' + (g % 1500) * interval '1 day', g % 11 <> 0
FROM generate_series(1, :subjects * :docs) g;
CREATE INDEX document_subject_idx ON motcua.document (subject, document_type);
INSERT INTO motcua.national_record (source, subject, document_type, record, fetched_at)
SELECT 'population', i, 'B_T' || lpad((10 * (1 + i % 4))::text, 2, '0'), '{}',
	   now() - (i % 60) * interval '1 day'
FROM generate_series(1, :subjects, 3) i;
VACUUM ANALYZE;
SQL
psql -X -A -t -c "SELECT 'data: ' || (SELECT count(*) FROM motcua.subject) || ' subjects, ' || (SELECT count(*) FROM motcua.document) || ' documents, ' || pg_size_pretty(pg_total_relation_size('motcua.document')) || ' warehouse'"

cat >"$BENCH_WORK/check.pgb" <<PGB
\set s random(1, $SUBJECTS)
\set p random(1, 50)
SELECT count(*) FROM motcua.reuse_check('0010' || lpad((:s / 1000000 % 100)::text, 2, '0') || lpad((:s % 1000000)::text, 6, '0'),
	('8.' || lpad(:p::text, 6, '0'))::motcua.procedure_code);
PGB
# The straightforward formulation of the same check: the same seven
# statuses, ids and validity, and the same queueing of lookups, written as
# LEFT JOINs per component (it leaves out only the reason text).
cat >"$BENCH_WORK/plain.pgb" <<PGB
\set s random(1, $SUBJECTS)
\set p random(1, 50)
WITH subj AS (
	SELECT id FROM motcua.subject
	WHERE personal_id = ('0010' || lpad((:s / 1000000 % 100)::text, 2, '0') || lpad((:s % 1000000)::text, 6, '0'))::motcua.personal_id),
r AS (
	SELECT pc.ordinal, pc.document_type AS component, coalesce(pc.national_database, dt.national_database) AS ndb,
		   CASE WHEN NOT pc.reusable THEN 'not_reusable'
				WHEN n.revoked_at IS NOT NULL AND n.revoked_at <= now() THEN 'revoked'
				WHEN d.id IS NOT NULL THEN 'reusable'
				WHEN n.id IS NOT NULL AND n.fetched_at + coalesce(ns.freshness, interval '30 days') >= now() THEN 'from_national_db'
				WHEN coalesce(pc.national_database, dt.national_database) IS NOT NULL AND ns.enabled THEN 'needs_refresh'
				WHEN x.revoked_at IS NOT NULL AND x.revoked_at <= now() THEN 'revoked'
				WHEN x.valid_until IS NOT NULL AND x.valid_until <= now() THEN 'expired'
				ELSE 'missing' END AS status,
		   coalesce(d.id, x.id) AS document_id, n.id AS national_record_id, coalesce(d.valid_until, x.valid_until) AS valid_until
	FROM motcua.procedure_component pc
	JOIN motcua.document_type dt ON dt.code = pc.document_type
	CROSS JOIN subj
	LEFT JOIN LATERAL (
		SELECT dd.id, dd.valid_until FROM motcua.document dd
		WHERE dd.subject = subj.id AND dd.document_type = pc.document_type AND dd.reusable
		  AND (dd.revoked_at IS NULL OR dd.revoked_at > now()) AND (dd.valid_until IS NULL OR dd.valid_until > now())
		  AND dd.signature_valid IS DISTINCT FROM false AND dd.issued_at <= now()
		ORDER BY dd.issued_at DESC LIMIT 1) d ON true
	LEFT JOIN LATERAL (
		SELECT dd.id, dd.valid_until, dd.revoked_at FROM motcua.document dd
		WHERE dd.subject = subj.id AND dd.document_type = pc.document_type AND dd.issued_at <= now()
		ORDER BY dd.issued_at DESC LIMIT 1) x ON d.id IS NULL
	LEFT JOIN motcua.national_record n ON n.subject = subj.id AND n.document_type = pc.document_type
		 AND n.source = coalesce(pc.national_database, dt.national_database) AND n.fetched_at <= now()
	LEFT JOIN motcua.national_source ns ON ns.database = coalesce(pc.national_database, dt.national_database)
	WHERE pc.procedure = ('8.' || lpad(:p::text, 6, '0'))::motcua.procedure_code),
q AS (
	INSERT INTO motcua.lookup_request (source, subject, document_type, requested_at, reason)
	SELECT r.ndb, subj.id, r.component, now(), 'reuse check' FROM r, subj WHERE r.status = 'needs_refresh'
	ON CONFLICT (source, subject, document_type) WHERE status IN ('pending', 'running') DO NOTHING)
SELECT count(*) FROM r;
PGB

run() {	# run NAME FILE: pgbench with a per-transaction log, prints "tps p50 p99"
	psql -X -q -c 'TRUNCATE motcua.lookup_request' >/dev/null
	mkdir -p "$BENCH_WORK/log-$1"
	(cd "$BENCH_WORK/log-$1" && PGOPTIONS='-c search_path=motcua,motcua_internal,public' "$PGBIN/pgbench" -n -M prepared -c 2 -j 2 \
		-T "$DURATION" -l -f "$2" >"$BENCH_WORK/$1.out" 2>&1) || { cat "$BENCH_WORK/$1.out" >&2; exit 1; }
	tps=$(sed -n 's/^tps = \([0-9]*\.[0-9]\).*/\1/p' "$BENCH_WORK/$1.out")
	cat "$BENCH_WORK/log-$1"/pgbench_log.* | awk '{print $3}' | sort -n >"$BENCH_WORK/$1.lat"
	n=$(wc -l <"$BENCH_WORK/$1.lat")
	p50=$(sed -n "$(( (n + 1) / 2 ))p" "$BENCH_WORK/$1.lat")
	p99=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$BENCH_WORK/$1.lat")
	echo "$tps $p50 $p99"
}
read -r c_tps c_p50 c_p99 < <(run check "$BENCH_WORK/check.pgb")
read -r s_tps s_p50 s_p99 < <(run plain "$BENCH_WORK/plain.pgb")
awk -v ct="$c_tps" -v c5="$c_p50" -v c9="$c_p99" -v st="$s_tps" -v s5="$s_p50" -v s9="$s_p99" -v d="$DURATION" 'BEGIN {
	printf "reuse check, pgbench 2 clients, %d s each, prepared statements\n", d
	printf "  %-34s %10s %10s %10s\n", "", "checks/s", "p50 ms", "p99 ms"
	printf "  %-34s %10.0f %10.3f %10.3f\n", "motcua.reuse_check", ct, c5 / 1000, c9 / 1000
	printf "  %-34s %10.0f %10.3f %10.3f   (baseline)\n", "straightforward SQL, same semantics", st, s5 / 1000, s9 / 1000
	printf "  reuse_check / straightforward: %.2fx the throughput (targets: >= 5,000 checks/s, p99 <= 5 ms, faster than baseline)\n", ct / st
}'
psql -X -A -t -c "SELECT 'lookups queued by the last run: ' || count(*) FROM motcua.lookup_request"
bench_result "reuse_check checks/s, 2 clients, $SUBJECTS subjects (baseline: straightforward SQL)" "$c_tps" "$s_tps" 'checks/s' '>= 5000/s and > baseline' \
	"$(bench_met 'a >= 5000 && a > b' a="$c_tps" b="$s_tps")"
bench_result "reuse_check latency p99 (baseline: straightforward SQL)" "$(awk -v x="$c_p99" 'BEGIN {printf "%.3f", x / 1000}')" \
	"$(awk -v x="$s_p99" 'BEGIN {printf "%.3f", x / 1000}')" ms '<= 5 ms' "$(bench_met 'a <= 5000' a="$c_p99")"

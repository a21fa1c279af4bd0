#!/usr/bin/env bash
# pgbench, 2 clients, BENCH_LIFECYCLE_SECONDS (20 s; 60 s in the large
# size) each: a whole dossier lifecycle (bench/lifecycle.pgb: receive + 5
# transitions, each its own transaction) vs plain INSERTs of the same rows
# (the dossier with its components, then its 5 further events), same
# instance, same run, BENCH_ROUNDS (3) rounds of the pair: the median
# round's cost ratio and the spread (min-max) over the rounds, since the
# ratio sits near its target and moves by about 5% from run to run.
# Target (issue: lifecycle): lifecycle <= 3x the cost of the raw inserts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
DURATION=$BENCH_LIFECYCLE_SECONDS
bench_start
psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SELECT count(*) FROM motcua.load_sample_data();
CREATE TABLE bench_unit AS
SELECT row_number() OVER (ORDER BY id) AS i, id FROM motcua.unit WHERE receives_dossiers;
-- the raw-insert baseline: the same columns, keys and indexes, no logic
CREATE TABLE raw_dossier (LIKE motcua.dossier INCLUDING DEFAULTS);
ALTER TABLE raw_dossier ADD PRIMARY KEY (code);
CREATE INDEX ON raw_dossier (unit, received_on);
CREATE INDEX ON raw_dossier (subject);
CREATE TABLE raw_event (LIKE motcua.dossier_event INCLUDING ALL);
CREATE TABLE raw_component (LIKE motcua.dossier_component INCLUDING ALL);
CREATE SEQUENCE raw_seq;
-- the lifecycle runs as an officer login, with row-level security and the
-- unit check on every call: a leader of every root unit works everywhere
CREATE ROLE bench_officer LOGIN IN ROLE motcua_officer;
GRANT SELECT ON bench_unit TO bench_officer;
SELECT motcua.assign_staff('bench_officer', id, 'leader', '2000-01-01') FROM motcua.unit WHERE parent IS NULL;
SQL
NUNITS=$(psql -X -A -t -c 'SELECT count(*) FROM bench_unit')

cat >"$BENCH_WORK/raw.pgb" <<PGB
\set u random(1, $NUNITS)
WITH d AS (
	INSERT INTO raw_dossier (code, received_on, unit, procedure, subject, channel, received_at, calendar, state,
							 promised_at, first_promised_at, due_at, current_unit, event_count, last_hash)
	SELECT motcua.make_dossier_code(id, current_date, nextval('raw_seq')::int), current_date, id, '9.900010', 1,
		   'direct', now(), 'VN', 'received', now(), now(), now(), id, 1, decode(repeat('ab', 32), 'hex')
	FROM bench_unit WHERE i = :u RETURNING code),
e AS (INSERT INTO raw_event (dossier, seq, at, actor, action, to_state, details, hash)
	  SELECT code, 1, now(), 'cb', 'receive', 'received', '{}', sha256(code::text::bytea) FROM d),
c AS (INSERT INTO raw_component (dossier, ordinal, document_type, reusable)
	  SELECT d.code, o, 'CCCD', true FROM d, generate_series(1, 4) o)
SELECT code FROM d \gset
INSERT INTO raw_event (dossier, seq, at, actor, action, to_state, details, hash) VALUES (:code, 2, now(), 'cb', 'accept', 'accepted', '{}', decode(repeat('ab', 32), 'hex'));
INSERT INTO raw_event (dossier, seq, at, actor, action, to_state, details, hash) VALUES (:code, 3, now(), 'cb', 'assign', 'in_progress', '{"officer": "cv"}', decode(repeat('ab', 32), 'hex'));
INSERT INTO raw_event (dossier, seq, at, actor, action, to_state, details, hash) VALUES (:code, 4, now(), 'cv', 'request_supplement', 'awaiting_supplement', '{"reason": "x"}', decode(repeat('ab', 32), 'hex'));
INSERT INTO raw_event (dossier, seq, at, actor, action, to_state, details, hash) VALUES (:code, 5, now(), 'cb', 'supplement_received', 'in_progress', '{}', decode(repeat('ab', 32), 'hex'));
INSERT INTO raw_event (dossier, seq, at, actor, action, to_state, details, hash) VALUES (:code, 6, now(), 'cv', 'complete', 'done', '{}', decode(repeat('ab', 32), 'hex'));
PGB

run() {	# run NAME FILE [ROLE] -> prints dossiers/s
	"$PGBIN/pgbench" -n -M extended -c 2 -j 2 -T "$DURATION" -D nunits="$NUNITS" -U "${3:-$PGUSER}" -f "$2" >"$BENCH_WORK/$1.out" 2>&1 ||
		{ cat "$BENCH_WORK/$1.out" >&2; exit 1; }
	sed -n 's/^tps = \([0-9]*\.[0-9]\).*/\1/p' "$BENCH_WORK/$1.out"
}
role=${BENCH_LIFECYCLE_ROLE:-bench_officer}
here=$(dirname "$0")
# the lifecycle functions alone (bench_start turned the schedulers off),
# against the raw inserts, round after round
: >"$BENCH_WORK/rounds"
for r in $(seq 1 "$BENCH_ROUNDS"); do
	lc=$(run lifecycle "$here/lifecycle.pgb" "$role")
	raw=$(run raw "$BENCH_WORK/raw.pgb")
	printf '  round %s: lifecycle %s dossiers/s, plain INSERTs %s dossiers/s, cost ratio %s\n' "$r" "$lc" "$raw" \
		"$(awk -v a="$lc" -v b="$raw" 'BEGIN {printf "%.2f", b / a}')"
	grep -E 'failed|aborted|latency average' "$BENCH_WORK/lifecycle.out" | sed 's/^/    lifecycle: /'
	grep -E 'failed|aborted|latency average' "$BENCH_WORK/raw.out" | sed 's/^/    raw:       /'
	awk -v a="$lc" -v b="$raw" 'BEGIN {printf "%.4f %s %s\n", b / a, a, b}' >>"$BENCH_WORK/rounds"
done
# the median round (by cost ratio) and the spread
read -r ratio lc raw < <(sort -n "$BENCH_WORK/rounds" | sed -n "$(( (BENCH_ROUNDS + 1) / 2 ))p")
rmin=$(sort -n "$BENCH_WORK/rounds" | head -1 | awk '{printf "%.2f", $1}')
rmax=$(sort -n "$BENCH_WORK/rounds" | tail -1 | awk '{printf "%.2f", $1}')
# then once more with the kpi_refresh job keeping motcua.kpi fresh
psql -X -q -c 'SELECT motcua.refresh_kpis()' -c 'ALTER SYSTEM SET motcua.scheduler_enabled = on' -c 'SELECT pg_reload_conf()' >/dev/null
sleep 3
lc_fresh=$(run lifecycle_fresh "$here/lifecycle.pgb" "$role")
grep -E 'failed|aborted|latency average' "$BENCH_WORK/lifecycle_fresh.out" | sed 's/^/  fresh:     /'
IFS='|' read -r ndossiers valid < <(psql -X -A -t -c "SELECT (SELECT count(*) FROM motcua.dossier),
	(SELECT count(*) FILTER (WHERE (motcua.verify_history(code)).valid) FROM (SELECT code FROM motcua.dossier ORDER BY random() LIMIT 200) s)")
sample=$(( ndossiers < 200 ? ndossiers : 200 ))
ms() { awk -v t="$1" 'BEGIN {printf "%.3f", 1000 / t}'; }
printf 'dossier lifecycle, pgbench 2 clients, %s s each, %s rounds (receive + 5 transitions, 6 transactions per dossier)\n' "$DURATION" "$BENCH_ROUNDS"
printf '  motcua lifecycle    %s dossiers/s  (median round; as %s: row-level security and unit checks on)\n' "$lc" "$role"
printf '  plain INSERTs       %s dossiers/s  (baseline: same rows, same statement count)\n' "$raw"
printf '  cost ratio          %.2fx median, %s-%s over the rounds (target <= 3x)\n' "$ratio" "$rmin" "$rmax"
printf '  with the kpi_refresh job keeping motcua.kpi fresh meanwhile: %s dossiers/s, %.2fx\n' "$lc_fresh" \
	"$(awk -v a="$lc_fresh" -v b="$raw" 'BEGIN {print b / a}')"
printf '  dossiers in motcua: %s, history chains verified on a sample of %s: %s valid\n' "$ndossiers" "$sample" "$valid"
bench_result "lifecycle ms/dossier, 2 clients (baseline: plain INSERTs), median of $BENCH_ROUNDS rounds, ratio $rmin-$rmax" \
	"$(ms "$lc")" "$(ms "$raw")" ms '<= 3x' "$(bench_met 'r <= 3' r="$ratio")"
bench_result "lifecycle ms/dossier with the kpi_refresh job on (baseline: plain INSERTs)" "$(ms "$lc_fresh")" "$(ms "$raw")" ms - -
bench_result "lifecycle history chains valid (random sample)" "$valid" "-" chains "$sample" "$(bench_met 'v == s && s > 0' v="$valid" s="$sample")"

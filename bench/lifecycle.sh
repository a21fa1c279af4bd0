#!/usr/bin/env bash
# pgbench, 2 clients, 60 s each: a whole dossier lifecycle (receive + 5
# transitions, each its own transaction) vs plain INSERTs of the same rows
# (the dossier with its components, then its 5 further events), same
# instance, same run.  Target (issue: lifecycle): lifecycle <= 3x the
# cost of the raw inserts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
DURATION=${BENCH_SECONDS:-60}
bench_start
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
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

cat >"$BENCH_WORK/lifecycle.pgb" <<PGB
\set u random(1, $NUNITS)
\set p random(10000000, 99999999)
SELECT motcua.receive('9.900010', '0010990' || lpad((:p % 100000)::text, 5, '0'), (SELECT id FROM bench_unit WHERE i = :u), 'direct') AS code \gset
SELECT motcua.transition(:code, 'accept', 'cb', '{}');
SELECT motcua.transition(:code, 'assign', 'cb', '{"officer": "cv"}');
SELECT motcua.transition(:code, 'request_supplement', 'cv', '{"reason": "thiếu giấy tờ"}');
SELECT motcua.transition(:code, 'supplement_received', 'cb', '{}');
SELECT motcua.transition(:code, 'complete', 'cv', '{"esigned": true}');
PGB
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
	"$PGBIN/pgbench" -n -M extended -c 2 -j 2 -T "$DURATION" -U "${3:-$PGUSER}" -f "$2" >"$BENCH_WORK/$1.out" 2>&1 ||
		{ cat "$BENCH_WORK/$1.out" >&2; exit 1; }
	sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$BENCH_WORK/$1.out"
}
# the lifecycle functions alone (bench_start turned the schedulers off),
# then again with the kpi_refresh job keeping motcua.kpi fresh
lc=$(run lifecycle "$BENCH_WORK/lifecycle.pgb" "${BENCH_LIFECYCLE_ROLE:-bench_officer}")
raw=$(run raw "$BENCH_WORK/raw.pgb")
psql -X -q -c 'SELECT motcua.refresh_kpis()' -c 'ALTER SYSTEM SET motcua.scheduler_enabled = on' -c 'SELECT pg_reload_conf()' >/dev/null
sleep 3
lc_fresh=$(run lifecycle_fresh "$BENCH_WORK/lifecycle.pgb" "${BENCH_LIFECYCLE_ROLE:-bench_officer}")
grep -E 'failed|aborted|latency average' "$BENCH_WORK/lifecycle.out" | sed 's/^/  lifecycle: /'
grep -E 'failed|aborted|latency average' "$BENCH_WORK/raw.out" | sed 's/^/  raw:       /'
grep -E 'failed|aborted|latency average' "$BENCH_WORK/lifecycle_fresh.out" | sed 's/^/  fresh:     /'
psql -X -A -t -c "SELECT format(E'dossier lifecycle, pgbench 2 clients, %s s each (receive + 5 transitions, 6 transactions per dossier)\\n'
	'  motcua lifecycle    %s dossiers/s  (as an officer login: row-level security and unit checks on)\\n  plain INSERTs       %s dossiers/s  (baseline: same rows, same statement count)\\n'
	'  cost ratio          %sx  (target <= 3x)\\n'
	'  with the kpi_refresh job keeping motcua.kpi fresh meanwhile: %s dossiers/s, %sx\\n'
	'  dossiers in motcua: %s, history chains verified on a sample of 200: %s valid',
	$DURATION, round($lc::numeric, 1), round($raw::numeric, 1), round($raw::numeric / $lc::numeric, 2),
	round($lc_fresh::numeric, 1), round($raw::numeric / $lc_fresh::numeric, 2),
	(SELECT count(*) FROM motcua.dossier),
	(SELECT count(*) FILTER (WHERE (motcua.verify_history(code)).valid) FROM (SELECT code FROM motcua.dossier LIMIT 200) s))"

#!/usr/bin/env bash
# make soak (issue 17): SOAK_MINUTES (10) of mixed load on one throwaway
# cluster while every job runs against the mock national services with
# about 10% of each route's requests failing, then a drain (faults off)
# and a verdict in figures, one PASS/FAIL line each; the exit status is
# non-zero if any fails.  The load is pgbench (tools/soak/*.pgb), each
# process logged in as a role made for its task: one officer per unit
# moving dossiers of that unit, the front desk, reuse checks and lookups,
# a BI reader of the KPI views.  Why: to show that under load and faults
# nothing is lost or sent twice, histories verify, incremental KPIs equal
# a full rebuild, memory stays flat and lock waits stay short.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/pgtemp.sh
SOAK=$PWD/tools/soak
MINUTES=${SOAK_MINUTES:-10}
LOAD=$((MINUTES * 60))
# memory is first read once the load is warm (a minute in, or a fifth of
# a short run), and last read 5 s before the load ends
WARM=$((LOAD / 5 < 60 ? LOAD / 5 : 60))
DRAIN_MAX=${SOAK_DRAIN_SECONDS:-150}
UNITS=(000.11.10.H22 000.12.10.H22 000.01.11.H22 000.00.31.H79)
UNITS_ARRAY="{$(IFS=,; echo "${UNITS[*]}")}"

WORK=$(mktemp -d)
chmod 755 "$WORK"
bg=()
verdict_failed=0
cleanup() {
	local p
	for p in "${bg[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	pg_temp_stop
	if [ "$verdict_failed" -eq 0 ] && [ -z "${SOAK_KEEP:-}" ]; then
		rm -rf "$WORK"
	else
		[ -n "${SOAK_KEEP:-}" ] || rm -rf "$WORK/pg/data"
		echo "logs kept in $WORK (server log: $WORK/pg/server.log)" >&2
	fi
}
trap cleanup EXIT
say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
q() { psql -X -A -t -q -v ON_ERROR_STOP=1 -d soak -c "$1"; }
as() { psql -X -A -t -q -v ON_ERROR_STOP=1 -U "$1" -d soak -c "$2"; }
# rss_anon PID: the process's resident private memory (kB): its own heap,
# not the shared buffers it touched
rss_anon() { awk '/^RssAnon:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# --- the cluster: motcua preloaded, lock waits logged from 100 ms ---------
say "soak: ${MINUTES} minute(s) of load; work folder $WORK"
pg_temp_start "$WORK/pg" >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -w -m fast stop >/dev/null
cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
max_connections = 80
log_lock_waits = on
deadlock_timeout = '100ms'
CONF
# (the server log is judged from this start on)
log_from=$(( $(stat -c %s "$WORK/pg/server.log") + 1 ))
as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$WORK/pg/server.log" -w start >/dev/null
psql -X -q -d postgres -c 'CREATE DATABASE soak' >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d soak -f tools/demo_setup.sql >/dev/null

# --- the people: login roles made for their tasks --------------------------
login() { psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE ROLE $1 LOGIN IN ROLE $2" >/dev/null; }
login soak_admin motcua_admin
login soak_bi motcua_bi
login soak_desk motcua_officer
login soak_reuse motcua_officer
for i in "${!UNITS[@]}"; do
	login "soak_officer_$((i + 1))" motcua_officer
	as soak_admin "SELECT motcua.assign_staff('soak_officer_$((i + 1))', '${UNITS[$i]}', 'specialist')" >/dev/null
	as soak_admin "SELECT motcua.assign_staff('soak_desk', '${UNITS[$i]}', 'front_desk')" >/dev/null
done
as soak_admin "SELECT motcua.assign_staff('soak_reuse', '${UNITS[0]}', 'specialist')" >/dev/null

# --- the mock national services and the sources ----------------------------
python3 tools/mock_national.py --port-file "$WORK/mock.port" --ttl $((LOAD + 900)) --quiet 2>"$WORK/mock.log" &
bg+=($!)
for _ in $(seq 100); do [ -s "$WORK/mock.port" ] && break; sleep 0.05; done
MOCK_PORT=$(cat "$WORK/mock.port")
mock_get() { curl -s "http://127.0.0.1:$MOCK_PORT/_admin/$1"; }
# every source the connector knows, each with its own route on the mock;
# a 2 s total timeout (the injected 2.5 s delays time out and are retried)
set -- population:population business_registration:enterprise social_insurance:social_insurance land:land \
	civil_status:civil_status tax:tax portal:portal procedure_catalogue:procedure_catalogue
for pair; do
	src=${pair%%:*} kind=${pair#*:}
	as soak_admin "SELECT motcua.configure_source('$src', '{\"kind\": \"$kind\",
		\"endpoint\": \"http://127.0.0.1:$MOCK_PORT/$kind\", \"connect_timeout\": \"1 second\",
		\"total_timeout\": \"2 seconds\", \"max_attempts\": 5, \"enabled\": true}')" >/dev/null
done
# the jobs that run hourly or nightly run every few minutes here, so that
# each runs under the load; the others keep their shipped schedules
as soak_admin "SELECT motcua.alter_job('catalogue_sync', schedule => '1 minute'),
	motcua.alter_job('snapshot_refresh', schedule => '2 minutes'),
	motcua.alter_job('retention', schedule => '3 minutes')" >/dev/null
q "ALTER SYSTEM SET motcua.scheduler_enabled = on" >/dev/null
q "SELECT pg_reload_conf()" >/dev/null
for _ in $(seq 200); do
	[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'motcua scheduler' AND datname = 'soak'")" = 1 ] && break
	sleep 0.1
done
[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'motcua scheduler' AND datname = 'soak'")" = 1 ] ||
	{ echo "soak: the scheduler of database soak did not start" >&2; exit 1; }

# --- faults on every route, the feeds fed ----------------------------------
q "SELECT '0010990' || lpad((i * 199)::text, 5, '0') FROM generate_series(0, 499) i" >"$WORK/feed_keys"
python3 "$SOAK/faults.py" --port "$MOCK_PORT" --rate 0.10 --feed-keys "$WORK/feed_keys" \
	--summary "$WORK/faults.json" 2>"$WORK/faults.log" &
faults_pid=$!
bg+=($faults_pid)

# --- longest lock wait, sampled every second: "sessions|all" in ms, the
# load's sessions (client backends) apart from the workers
(
	while :; do
		psql -X -A -t -q -d soak -c "SELECT coalesce(max(w) FILTER (WHERE client), 0) || '|' || coalesce(max(w), 0)
			FROM (SELECT (extract(epoch FROM now() - l.waitstart) * 1000)::int AS w, a.backend_type = 'client backend' AS client
			      FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			      WHERE NOT l.granted AND l.waitstart IS NOT NULL) x" 2>/dev/null || true
		sleep 1
	done
) >"$WORK/lockwait.samples" &
bg+=($!)

# --- the load ---------------------------------------------------------------
# NAME LOGIN RATE CLIENTS SCRIPT [-D ...]: one pgbench process, prepared
# statements, RATE transactions a second in all, progress every 10 s
names=()
pgb_pids=()
run() {
	local name=$1 login=$2 rate=$3 clients=$4 script=$5
	shift 5
	pgbench -n -M prepared -T "$LOAD" -R "$rate" -c "$clients" -j 1 -P 10 -U "$login" \
		-f "$SOAK/$script" "$@" soak >"$WORK/pgb_$name.out" 2>"$WORK/pgb_$name.err" &
	names+=("$name")
	pgb_pids+=($!)
	bg+=($!)
}
for i in "${!UNITS[@]}"; do
	run "officer_$((i + 1))" "soak_officer_$((i + 1))" 3 2 officer.pgb -D unit="${UNITS[$i]}" -D actor="can.bo.$((i + 1))"
done
run frontdesk soak_desk 2 1 frontdesk.pgb -D units="$UNITS_ARRAY"
run reuse soak_reuse 10 2 reuse.pgb
run bi soak_bi 2 1 bi.pgb -D units="$UNITS_ARRAY"
start=$(date +%s)
say "load started: ${#names[@]} pgbench processes (${names[*]}), mock on port $MOCK_PORT, faults on"

# mem_pids: "label pid" of each long-lived process: the scheduler, the
# launcher, two backends of the load (BI, an officer); the run workers
# (the connector's lookups and portal deliveries, the KPI refresh) are
# sampled apart (worker_sample)
mem_pids() {
	q "SELECT replace(label, ' ', '_') || ' ' || pid FROM (
		SELECT 1 AS o, 'scheduler' AS label, pid FROM pg_stat_activity WHERE backend_type = 'motcua scheduler' AND datname = 'soak'
		UNION ALL SELECT 2, 'launcher', pid FROM pg_stat_activity WHERE backend_type = 'motcua launcher'
		UNION ALL SELECT * FROM (SELECT DISTINCT ON (usename) 4, 'backend ' || usename, pid FROM pg_stat_activity
			WHERE usename IN ('soak_bi', 'soak_officer_1') ORDER BY usename, backend_start, pid) b) x
		ORDER BY o, label, pid"
}
# mem_read: "label pid kB" of the processes read warm, again (0 kB: gone)
mem_read() {
	local label pid
	while read -r label pid; do
		if [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE pid = $pid")" = 1 ]; then
			echo "$label $pid $(rss_anon "$pid")"
		else
			echo "$label $pid 0"
		fi
	done <"$WORK/mem_pids"
}
# worker_sample: "seconds pid kB job" of each run worker now, appended to
# mem_workers every 5 s of the load.  A run worker leaves after a second
# without a run of its owner (workers/jobrun.c) and a new one takes the
# next run, so a run worker is judged over its own life, not between two
# fixed instants it may not live to see
worker_sample() {
	local pid job
	while read -r pid job; do
		[ -n "$pid" ] && echo "$1 $pid $(rss_anon "$pid") $job"
	done < <(q "SELECT a.pid || ' ' || r.job FROM pg_stat_activity a
		CROSS JOIN LATERAL (SELECT job FROM motcua.job_runs WHERE pid = a.pid ORDER BY run_id DESC LIMIT 1) r
		WHERE a.backend_type = 'motcua job' AND a.datname = 'soak'") >>"$WORK/mem_workers"
}
# progress: transactions so far per script, from pgbench's -P 10 lines
# (tps of each 10 s), and the tps since the start
tx_of() {
	{ grep -h '^progress:' "$WORK/pgb_$1.err" 2>/dev/null || true; } |
		awk '{t = $2 + 0; s += ($4 + 0) * (t - last); last = t} END {printf "%d", s}'
}
progress() {
	local n total=0 parts="" t el
	el=$(( $(date +%s) - start ))
	for n in "${names[@]}"; do
		t=$(tx_of "$n")
		total=$((total + t))
		parts+="$n $t, "
	done
	say "minute $1/$MINUTES: $total transactions, $(awk -v a="$total" -v b="$el" 'BEGIN {printf "%.1f", a / b}') tps so far (${parts%, }); $(q "SELECT format('dossiers %s, events %s, portal records delivered %s of %s, lookups ended %s of %s',
		(SELECT count(*) FROM motcua.dossier), (SELECT count(*) FROM motcua.dossier_event),
		(SELECT count(*) FILTER (WHERE status = 'delivered') FROM motcua.portal_outbox), (SELECT count(*) FROM motcua.portal_outbox),
		(SELECT count(*) FILTER (WHERE status IN ('succeeded', 'failed')) FROM motcua.lookup_request), (SELECT count(*) FROM motcua.lookup_request))")"
}
warm=""
ended=""
last_sample=-5
minute=1
while :; do
	now=$(( $(date +%s) - start ))
	if [ -z "$warm" ] && [ "$now" -ge "$WARM" ]; then
		mem_pids >"$WORK/mem_pids"
		mem_read >"$WORK/mem_warm"
		warm=1
		say "warm: resident private memory read: $(awk '{printf "%s%s %s kB", (NR > 1 ? ", " : ""), $1, $3}' "$WORK/mem_warm")"
	fi
	if [ "$now" -ge $((last_sample + 5)) ] && [ "$now" -lt "$LOAD" ]; then
		worker_sample "$now"
		last_sample=$now
	fi
	if [ "$now" -ge $((minute * 60 + 2)) ] && [ "$minute" -le "$MINUTES" ]; then
		progress "$minute"
		minute=$((minute + 1))
	fi
	if [ -z "$ended" ] && [ "$now" -ge $((LOAD - 5)) ]; then
		mem_read >"$WORK/mem_end"
		ended=1
	fi
	[ "$now" -ge $((LOAD + 3)) ] && break
	sleep 1
done
declare -A pgb_status
for i in "${!names[@]}"; do
	if wait "${pgb_pids[$i]}"; then pgb_status[${names[$i]}]=0; else pgb_status[${names[$i]}]=$?; fi
done
[ "$minute" -le "$MINUTES" ] && progress "$minute"

# --- drain: faults off, until the outbox and the lookup queue are empty ----
kill -TERM "$faults_pid"
wait "$faults_pid" 2>/dev/null || true
say "load done; faults off, draining (at most ${DRAIN_MAX} s)"
drain_start=$(date +%s)
requeued=0
while :; do
	left=$(q "SELECT (SELECT count(*) FROM motcua.portal_outbox WHERE status <> 'delivered')
		+ (SELECT count(*) FROM motcua.lookup_request WHERE status IN ('pending', 'running'))")
	[ "$left" = 0 ] && break
	[ $(( $(date +%s) - drain_start )) -ge "$DRAIN_MAX" ] && break
	# a refused delivery (a malformed answer, or retries used up) holds its
	# dossier's later events: the administrator sends them again, as
	# docs/operations.md says
	n=$(as soak_admin "SELECT coalesce(sum(motcua.requeue_portal(d)), 0) FROM (SELECT DISTINCT dossier AS d FROM motcua.portal_outbox WHERE status = 'failed') f")
	requeued=$((requeued + n))
	sleep 2
done
drain_secs=$(( $(date +%s) - drain_start ))
say "drained in ${drain_secs} s ($left left); $requeued refused deliveries sent again"

# --- verdict -----------------------------------------------------------------
echo
echo "== make soak: verdict (${MINUTES} min of load, 10% faults on every route of the mock)"
line() {	# line PASS|FAIL TEXT
	printf '%-4s  %s\n' "$1" "$2"
	[ "$1" = PASS ] || verdict_failed=1
}
pass_if() { if [ "$1" = t ]; then echo PASS; else echo FAIL; fi; }

# transactions done, per script; pgbench's failed transactions and
# aborted clients
tx_all=0
fail_all=0
abort_all=0
tx_text=""
for n in "${names[@]}"; do
	tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/pgb_$n.out")
	failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$WORK/pgb_$n.out")
	aborted=$(grep -c 'aborted' "$WORK/pgb_$n.err" || true)
	tx=${tx:-0}; failed=${failed:-0}
	[ "${pgb_status[$n]}" = 0 ] || aborted=$((aborted + 1))
	tx_all=$((tx_all + tx)); fail_all=$((fail_all + failed)); abort_all=$((abort_all + aborted))
	tx_text+="$n $tx, "
	[ "$tx" -gt 0 ] || tx_zero=1
done
line "$(pass_if "$([ -z "${tx_zero:-}" ] && echo t)")" "transactions done: $tx_all (${tx_text%, }) in $LOAD s"

# unexpected errors: the load's, the server log's, the job runs'.  No
# error is expected: the faults end as lookup outcomes and retried or
# refused deliveries, never as an error of a session or a job
tail -c +"$log_from" "$WORK/pg/server.log" >"$WORK/server_run.log"
grep -E '^[0-9-]+ [0-9:.]+ UTC \[[0-9]+\] [^ ]* ?(ERROR|FATAL|PANIC):' "$WORK/server_run.log" >"$WORK/errors.log" || true
grep -E 'terminated by signal|was terminated|exited with exit code [^0]' "$WORK/server_run.log" >>"$WORK/errors.log" || true
log_errors=$(wc -l <"$WORK/errors.log")
bad_runs=$(q "SELECT count(*) FROM motcua.job_runs WHERE status NOT IN ('succeeded', 'running', 'started')")
runs=$(q "SELECT count(*) || ' runs of ' || count(DISTINCT job) || ' jobs' FROM motcua.job_runs")
line "$(pass_if "$([ $((fail_all + abort_all + log_errors + bad_runs)) = 0 ] && echo t)")" \
	"unexpected errors: $((fail_all + abort_all + log_errors + bad_runs)) (pgbench failed $fail_all, aborted $abort_all; server log ERROR/FATAL/PANIC/crash lines $log_errors; job runs not succeeded $bad_runs of $runs; expected errors: none)"
if [ "$log_errors" -gt 0 ]; then sed 's/^/        /' "$WORK/errors.log" | sort | uniq -c | sort -rn | head -10; fi

# the faults the mock gave: about 10% of all requests, and of each route
# that had 200 requests or more (6-14%: a route's share moves with its load)
faults=$(python3 - "$WORK/faults.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
req = d["requests"]
parts, ok = [], True
for route, n in sorted(d["injected"].items()):
    total = req.get(route.rstrip("/"), 0)
    if total:
        parts.append("%s %d/%d" % (route.strip("/"), n, total))
    if total >= 200 and not 6 <= 100.0 * n / total <= 14:
        ok = False
all_req = sum(req.get(r.rstrip("/"), 0) for r in d["injected"])
all_inj = sum(d["injected"].values())
rate = 100.0 * all_inj / max(all_req, 1)
ok = ok and 8 <= rate <= 12
print("%s faults injected: %d of %d requests (%.1f%%): %s; by kind %s; %d feed changes" % (
    "t" if ok else "f", all_inj, all_req, rate, ", ".join(parts),
    ", ".join("%s %d" % kv for kv in sorted(d["by_kind"].items())), d["feed_events"]))
PY
)
line "$(pass_if "${faults%% *}")" "${faults#* }"

# portal: every dossier event queued, delivered, and held by the mock
# exactly once, in order
q "SELECT dossier || ' ' || string_agg(seq::text, ',' ORDER BY seq) FROM motcua.dossier_event GROUP BY dossier" >"$WORK/events.txt"
mock_get stats >"$WORK/mock_stats.json"
portal=$(python3 - "$WORK/events.txt" "$WORK/mock_stats.json" <<'PY'
import json, sys
events = {}
for l in open(sys.argv[1]):
    code, seqs = l.split()
    events[code] = [int(s) for s in seqs.split(",")]
got = json.load(open(sys.argv[2]))["portal"]
lost = sum(len(set(s) - set(got.get(c, []))) for c, s in events.items())
dup = sum(len(s) - len(set(s)) for s in got.values())
extra = sum(len(set(s) - set(events.get(c, []))) for c, s in got.items())
order = sum(1 for s in got.values() if s != sorted(s))
print(sum(len(s) for s in events.values()), sum(len(s) for s in got.values()), lost, dup, extra, order)
PY
)
read -r ev_n mock_n lost dup extra disorder <<<"$portal"
# (an outbox row covers the events one transaction added, seq .. last_seq)
outbox=$(q "SELECT format('%s %s %s %s', (SELECT count(*) FROM motcua.portal_outbox),
		(SELECT count(*) FROM motcua.portal_outbox WHERE status <> 'delivered'),
		count(*) FILTER (WHERE rows = 0), count(*) FILTER (WHERE rows > 1))
	FROM (SELECT (SELECT count(*) FROM motcua.portal_outbox o
				  WHERE o.dossier = e.dossier AND e.seq BETWEEN o.seq AND o.last_seq) AS rows
		  FROM motcua.dossier_event e) c")
read -r ob_n ob_left ob_missing ob_twice <<<"$outbox"
line "$(pass_if "$([ $((lost + dup + extra + disorder + ob_left + ob_missing + ob_twice)) = 0 ] && echo t)")" \
	"portal events lost $((lost + ob_missing + ob_left)), duplicated $((dup + extra + ob_twice)): $ev_n dossier events in $ob_n outbox rows ($ob_missing never queued, $ob_twice queued twice, $ob_left rows undelivered), the mock holds $mock_n ($lost missing, $dup twice, $extra unknown, $disorder dossiers out of order); $requeued refusals sent again"

# lookups: every one ended exactly once, its answer logged once
lk=$(q "SELECT format('%s %s %s %s %s %s', count(*),
	count(*) FILTER (WHERE status IN ('pending', 'running')),
	count(*) FILTER (WHERE status IN ('succeeded', 'failed') AND (SELECT count(*) FROM motcua.data_access a WHERE a.lookup = l.id) <> 1),
	count(*) FILTER (WHERE status = 'succeeded' AND record IS NULL),
	count(*) FILTER (WHERE status = 'succeeded'),
	coalesce((SELECT string_agg(failure || ' ' || n, ', ' ORDER BY n DESC) FROM
		(SELECT failure, count(*) n FROM motcua.lookup_request WHERE status = 'failed' GROUP BY failure) f), 'none'))
	FROM motcua.lookup_request l")
read -r lk_n lk_open lk_logs lk_norec lk_ok lk_fail <<<"$lk"
line "$(pass_if "$([ $((lk_open + lk_logs + lk_norec)) = 0 ] && [ "$lk_n" -gt 0 ] && echo t)")" \
	"lookups lost $((lk_open + lk_norec)), duplicated $lk_logs: $lk_n queued, $lk_ok succeeded, failed by reason: $lk_fail ($lk_open never ended, $lk_logs without exactly one access-log line, $lk_norec succeeded without a record)"

# the circuit breakers' record: a source whose lookups failed
# circuit_open had its breaker opened, and source_health must count it
br=$(q "SELECT count(*) FILTER (WHERE coalesce(h.opens, 0) = 0) || ' ' || coalesce(string_agg(format('%s %s lookups failed circuit_open, %s openings recorded',
		l.source, l.n, coalesce(h.opens, 0)), '; '), 'no lookup failed circuit_open')
	FROM (SELECT source, count(*) AS n FROM motcua.lookup_request WHERE failure = 'circuit_open' GROUP BY 1) l
	LEFT JOIN motcua.source_health h ON h.source = l.source")
opens=$(q "SELECT string_agg(source || ' ' || opens, ', ' ORDER BY source) FROM motcua.source_health WHERE opens > 0")
line "$(pass_if "$([ "${br%% *}" = 0 ] && echo t)")" "circuit breaker openings kept in source_health: ${br#* } (openings per source: ${opens:-none})"

# every dossier's history verifies
vh=$(q "SELECT count(*) || ' ' || count(*) FILTER (WHERE NOT (motcua.verify_history(code)).valid) FROM motcua.dossier")
read -r vh_n vh_bad <<<"$vh"
line "$(pass_if "$([ "$vh_bad" = 0 ] && [ "$vh_n" -gt 0 ] && echo t)")" "verify_history: $vh_bad of $vh_n dossiers invalid"

# KPIs: the incremental figures after a last refresh, equal row by row to
# a full rebuild; and the day's receptions against a direct count
q "SELECT motcua.refresh_kpis()" >/dev/null
while [ "$(q "SELECT motcua.refresh_kpis()")" != 0 ]; do sleep 0.2; done
q "CREATE TABLE public.kpi_incremental AS SELECT * FROM motcua.kpi" >/dev/null
q "CREATE TABLE public.index_incremental AS SELECT unit, period_kind, period_start, indicator, value, points, total_points FROM motcua.index_766" >/dev/null
range=$(q "SELECT min(motcua.local_time(received_at)::date) || ' ' || max(motcua.local_time(received_at)::date) FROM motcua.dossier")
read -r day0 day1 <<<"$range"
rebuilt=$(psql -X -A -t -q -v ON_ERROR_STOP=1 -d soak -c "SET work_mem = '64MB'" -c "SELECT motcua.rebuild_kpis('$day0', '$day1')")
diff_kpi=$(q "SELECT count(*) FROM ((SELECT * FROM public.kpi_incremental EXCEPT ALL SELECT * FROM motcua.kpi)
	UNION ALL (SELECT * FROM motcua.kpi EXCEPT ALL SELECT * FROM public.kpi_incremental)) x")
diff_idx=$(q "SELECT count(*) FROM ((SELECT * FROM public.index_incremental EXCEPT ALL SELECT unit, period_kind, period_start, indicator, value, points, total_points FROM motcua.index_766)
	UNION ALL (SELECT unit, period_kind, period_start, indicator, value, points, total_points FROM motcua.index_766 EXCEPT ALL SELECT * FROM public.index_incremental)) x")
kpi_rows=$(q "SELECT count(*) FROM public.kpi_incremental")
idx_rows=$(q "SELECT count(*) FROM public.index_incremental")
line "$(pass_if "$([ "$diff_kpi" = 0 ] && [ "$diff_idx" = 0 ] && [ "$kpi_rows" -gt 0 ] && echo t)")" \
	"KPIs equal to a full rebuild: $diff_kpi of $kpi_rows kpi rows and $diff_idx of $idx_rows index_766 rows differ (rebuild_kpis recomputed $rebuilt dossiers)"
direct=$(q "WITH RECURSIVE sub(root, id) AS (SELECT id, id FROM motcua.unit WHERE parent IS NULL
		UNION ALL SELECT s.root, u.id FROM motcua.unit u JOIN sub s ON u.parent = s.id)
	SELECT count(*) FILTER (WHERE k.received IS DISTINCT FROM c.received OR k.finished IS DISTINCT FROM c.finished)
	       || ' ' || count(*) || ' ' || sum(c.received) || ' ' || sum(c.finished)
	FROM (SELECT s.root, motcua.local_time(d.received_at)::date AS day, count(*)::numeric AS received,
	             count(*) FILTER (WHERE d.finished_at IS NOT NULL)::numeric AS finished
	      FROM motcua.dossier d JOIN sub s ON s.id = d.unit GROUP BY 1, 2) c
	LEFT JOIN motcua.kpi k ON k.unit = c.root AND k.period_kind = 'd' AND k.period_start = c.day")
read -r dd_bad dd_n dd_recv dd_fin <<<"$direct"
line "$(pass_if "$([ "$dd_bad" = 0 ] && [ "$dd_n" -gt 0 ] && echo t)")" \
	"kpi against a direct count of the dossiers: $dd_bad of $dd_n province-days differ (received $dd_recv, finished $dd_fin)"

# memory: warm and at the end of the load, the same processes; each run
# worker over its own life, while it served one job long enough (150 s in
# a 10-minute soak): the median of its readings in the WARM seconds after
# its first WARM/2 against the median in its last WARM seconds (a run's
# memory comes and goes within the run, so one reading says little)
mem=$(paste -d' ' "$WORK/mem_warm" "$WORK/mem_end" | awk '
	{ a = $3; b = $6; label = $1; gsub("_", " ", label)
	  if (NF < 6 || a == 0 || b == 0 || $2 != $5) { bad = 1; text = text sprintf("%s%s left before the end", sep, label) }
	  else { p = (b - a) * 100 / a; if (p > 10) bad = 1
	      text = text sprintf("%s%s %d -> %d kB (%+.1f%%)", sep, label, a, b, p) }
	  sep = ", " }
	END { print (NR > 0 && !bad ? "t" : "f") " " text }')
workers=$(sort -k2,2n -k1,1n "$WORK/mem_workers" 2>/dev/null | awk -v settle=$((WARM / 2)) -v window="$WARM" '
	# median of the readings from..to seconds of the life (0: none)
	function median(from, to,    i, j, m, v, x) {
		m = 0
		for (i = 1; i <= n; i++) if (t[i] >= from && t[i] <= to) {
			x = kb[i]
			for (j = m; j > 0 && v[j] > x; j--) v[j + 1] = v[j]
			v[j + 1] = x; m++
		}
		return m == 0 ? 0 : (m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2)
	}
	function judge() {
		if (n == 0 || t[n] - t[1] < settle + 2 * window) return
		early = median(t[1] + settle, t[1] + settle + window - 1); late = median(t[n] - window + 1, t[n])
		if (early == 0) return
		p = (late - early) * 100 / early; if (p > 10) bad = 1
		judged++
		text = text sprintf("%s%s (run worker %s) %d -> %d kB (%+.1f%%) over %.1f min", sep, job, pid, early, late, p, (t[n] - t[1]) / 60)
		sep = ", "
	}
	$3 == 0 { next }
	$2 != pid || $4 != job { judge(); n = 0; pid = $2; job = $4 }
	{ n++; t[n] = $1; kb[n] = $3 }
	END { judge(); print (judged > 0 && !bad ? "t" : "f") " " (judged > 0 ? text : "no run worker served one job for " settle + 2 * window " s") }')
line "$(pass_if "$([ "${mem%% *}" = t ] && [ "${workers%% *}" = t ] && echo t)")" \
	"resident private memory, warm (${WARM} s) -> end of load: ${mem#* }; run workers over their own lives: ${workers#* } (flat within 10%; at least one run worker judged)"

# the longest lock wait: the log's "acquired ... after N ms" and "still
# waiting ... after N ms" (log_lock_waits, from 100 ms), and the sampled
# pg_locks wait starts.  The load's sessions (pgbench) must not wait past
# a second; the workers' waits are shown (refresh_kpis runs queue behind
# one another by design: one runs at a time)
waits() {	# waits PATTERN: the longest logged wait of the lines matching it
	{ grep -E "$1" "$WORK/server_run.log" || true; } |
		sed -n 's/.*process [0-9]* \(acquired\|still waiting for\) .* after \([0-9.]*\) ms.*/\2/p' | sort -n | tail -1
}
log_user=$(waits ' pgbench LOG:  process ')
log_all=$(waits 'LOG:  process ')
log_waits=$(grep -c 'still waiting for' "$WORK/server_run.log" || true)
longest_holder=$(grep -A3 "after ${log_all:-x} ms" "$WORK/server_run.log" | sed -n 's/.*\(acquired [A-Za-z]* on [a-z ]*\).*/\1/p;s/.*CONTEXT:  \(.*\)/\1/p' | head -2 | tr '\n' ' ')
samp_user=$(cut -d'|' -f1 "$WORK/lockwait.samples" | sort -n | tail -1)
samp_all=$(cut -d'|' -f2 "$WORK/lockwait.samples" | sort -n | tail -1)
user_longest=$(awk -v a="${log_user:-0}" -v b="${samp_user:-0}" 'BEGIN {printf "%.0f", (a > b ? a : b)}')
all_longest=$(awk -v a="${log_all:-0}" -v b="${samp_all:-0}" 'BEGIN {printf "%.0f", (a > b ? a : b)}')
line "$(pass_if "$([ "$user_longest" -le 1000 ] && echo t)")" \
	"longest lock wait: $user_longest ms for the load's sessions (at most 1000 ms), $all_longest ms for any process ($log_waits waits past 100 ms logged${longest_holder:+; the longest: $longest_holder}; sampled pg_locks: ${samp_user:-0} / ${samp_all:-0} ms)"

echo
if [ "$verdict_failed" -eq 0 ]; then echo "soak: PASS"; else echo "soak: FAIL"; exit 1; fi

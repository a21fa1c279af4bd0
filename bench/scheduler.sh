#!/usr/bin/env bash
# The scheduler beside pg_cron 1.4.2 (Debian's postgresql-15-cron), one
# cluster, one run, one after the other: 1,000 jobs due in the same minute,
# for BENCH_SCHED_MINUTES minutes each (1; 2 in the large size): start
# delay p50/p99 from the due instant (the first row a run writes), missed
# runs; the resident memory of each scheduler before and after its runs
# (ours over BENCH_SCHED_RUNS runs more once warm: 5,000; 10,000 in the
# large size); the statements our scheduler ran while idle for
# BENCH_IDLE_SECONDS (30; 60) (pg_stat_statements: it must not poll).
# Then KPI freshness under the lifecycle benchmark's load
# (bench/lifecycle.pgb): seconds from a reception's commit to its count in
# motcua.kpi.
# Targets (issue: workers part 1): delay no worse than pg_cron's, 0 missed
# runs, memory flat within 10%, 0 statements while idle, freshness p95 <= 5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
MINUTES=$BENCH_SCHED_MINUTES
RUNS=$BENCH_SCHED_RUNS
IDLE=$BENCH_IDLE_SECONDS
if [ ! -f /usr/share/postgresql/15/extension/pg_cron.control ]; then
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get install -y -q --no-install-recommends postgresql-15-cron >/dev/null
fi
WORK=$(mktemp -d)
chmod 755 "$WORK"
trap 'pg_temp_stop; rm -rf "$WORK"' EXIT
pg_temp_start "$WORK/pg" >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -w -m fast stop >/dev/null
cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
shared_preload_libraries = 'motcua,pg_cron,pg_stat_statements'
cron.database_name = 'bench'
cron.host = '$PGHOST'
max_worker_processes = 64
max_connections = 200
motcua.max_running_jobs = 32
pg_stat_statements.track = all
CONF
as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$WORK/pg/server.log" -w start >/dev/null
export PGDATABASE=bench
psql -X -q -d postgres -c 'CREATE DATABASE bench' -c "ALTER DATABASE bench SET timezone = 'Asia/Ho_Chi_Minh'" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -f tools/demo_setup.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pg_cron' -c 'CREATE EXTENSION pg_stat_statements' \
	-c 'CREATE TABLE ran (who text, job int, at timestamptz DEFAULT clock_timestamp())' >/dev/null
q() { psql -X -A -t -q -v ON_ERROR_STOP=1 -c "$1"; }
# private_kb PID: the process's own heap (anonymous memory; the shared
# buffers it touched are not its growth and do not count)
private_kb() { awk '/^Anonymous:/ {print $2}' "/proc/$1/smaps_rollup"; }
# wait_minute: sleep until 1 s past the next minute boundary
wait_minute() { sleep $(( 61 - $(date +%-S) )); }

# --- the same 1,000 jobs, due every minute, in each scheduler ---------------
measure() {	# measure WHO: MINUTES whole minutes of runs
	local who=$1 m1
	wait_minute
	m1=$(q "SELECT date_trunc('minute', now())")
	sleep $(( 60 * MINUTES ))
	q "SELECT format('%s|%s|%s|%s', count(*), $(( 1000 * MINUTES )) - count(*) FILTER (WHERE at < '$m1'::timestamptz + interval '$MINUTES minutes'),
		round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM at - date_trunc('minute', at))))::numeric, 3),
		round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM at - date_trunc('minute', at))))::numeric, 3))
	   FROM ran WHERE who = '$who' AND at >= '$m1' AND at < '$m1'::timestamptz + interval '$MINUTES minutes'"
}
# pid_of BACKEND_TYPE: wait for that process in database bench
pid_of() {
	local pid=""
	until [ -n "$pid" ]; do
		pid=$(q "SELECT pid FROM pg_stat_activity WHERE backend_type = '$1' AND (datname = 'bench' OR datname IS NULL) LIMIT 1")
		[ -n "$pid" ] || sleep 0.5
	done
	echo "$pid"
}
cron_pid=$(pid_of 'pg_cron launcher')
cron_rss0=$(private_kb "$cron_pid")
q "SELECT count(cron.schedule('c' || i, '* * * * *', format('INSERT INTO ran (who, job) VALUES (''pg_cron'', %s)', i))) FROM generate_series(1, 1000) i" >/dev/null
cron=$(measure pg_cron)
q "SELECT count(cron.unschedule('c' || i)) FROM generate_series(1, 1000) i" >/dev/null
cron_rss1=$(private_kb "$cron_pid")

our_pid=$(pid_of 'motcua scheduler')
our_rss0=$(private_kb "$our_pid")
q "SELECT motcua.alter_job('kpi_refresh', enabled => false), motcua.alter_job('national_lookup', enabled => false), motcua.alter_job('national_feed', enabled => false), motcua.alter_job('portal_sync', enabled => false)" >/dev/null
q "SELECT count(motcua.schedule_job('m' || i, 'sql', '* * * * *', format('{\"command\": \"INSERT INTO ran (who, job) VALUES (''motcua'', %s)\"}', i)::jsonb)) FROM generate_series(1, 1000) i" >/dev/null
ours=$(measure motcua)
q "SELECT count(motcua.unschedule_job('m' || i)) FROM generate_series(1, 1000) i" >/dev/null
# then RUNS runs more, 100 jobs every second, memory read once the
# scheduler is warm (1,000 runs into this phase) and after the RUNS
# (runs counted by their ids: unscheduling a job deletes its runs)
q "SELECT count(motcua.schedule_job('s' || i, 'sql', '1 second', '{\"command\": \"SELECT 1\"}')) FROM generate_series(1, 100) i" >/dev/null
first=$(q "SELECT last_value FROM motcua_internal.job_run_id_seq")
until [ "$(q "SELECT last_value >= $first + 1000 FROM motcua_internal.job_run_id_seq")" = t ]; do sleep 1; done
our_rss_warm=$(private_kb "$our_pid")
warm_runs=$(q "SELECT last_value FROM motcua_internal.job_run_id_seq")
until [ "$(q "SELECT last_value >= $warm_runs + $RUNS FROM motcua_internal.job_run_id_seq")" = t ]; do sleep 2; done
our_rss1=$(private_kb "$our_pid")
runs=$(( $(q "SELECT last_value FROM motcua_internal.job_run_id_seq") - warm_runs ))
q "SELECT count(motcua.unschedule_job('s' || i)) FROM generate_series(1, 100) i" >/dev/null
sleep 3
# idle for IDLE seconds: what did the scheduler run?
q "SELECT pg_stat_statements_reset()" >/dev/null
sleep "$IDLE"
idle=$(q "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
		  WHERE s.query LIKE '%motcua_internal.jobs_%'")

IFS='|' read -r cron_n cron_missed cron_p50 cron_p99 <<<"$cron"
IFS='|' read -r our_n our_missed our_p50 our_p99 <<<"$ours"
printf '1,000 jobs due every minute, %s minute(s) each, same cluster\n' "$MINUTES"
printf '  %-12s %8s %8s %12s %12s\n' scheduler runs missed 'delay p50 s' 'delay p99 s'
printf '  %-12s %8s %8s %12s %12s\n' 'pg_cron 1.4' "$cron_n" "$cron_missed" "$cron_p50" "$cron_p99"
printf '  %-12s %8s %8s %12s %12s\n' motcua "$our_n" "$our_missed" "$our_p50" "$our_p99"
printf 'Scheduler memory (anonymous kB of the process)\n'
printf '  pg_cron 1.4: %s before its runs, %s after its %s runs\n' "$cron_rss0" "$cron_rss1" "$(( 1000 * MINUTES ))"
printf '  motcua: %s before any run, %s warm (%s runs), %s after %s runs more: %+.1f%% (target: flat within 10%%)\n' \
	"$our_rss0" "$our_rss_warm" "$(( 1000 * MINUTES + 1000 ))" "$our_rss1" "$runs" "$(awk -v a="$our_rss_warm" -v b="$our_rss1" 'BEGIN {print (b - a) * 100 / a}')"
printf '  motcua scheduler statements while idle for %s s: %s (it sleeps until the next due time)\n' "$IDLE" "$idle"
bench_result "scheduler start delay p50, 1,000 jobs due at once (baseline: pg_cron 1.4)" "$our_p50" "$cron_p50" s '<= pg_cron' \
	"$(bench_met 'a <= b' a="$our_p50" b="$cron_p50")"
bench_result "scheduler start delay p99, 1,000 jobs due at once (baseline: pg_cron 1.4)" "$our_p99" "$cron_p99" s '<= pg_cron' \
	"$(bench_met 'a <= b' a="$our_p99" b="$cron_p99")"
bench_result "scheduler missed runs of $(( 1000 * MINUTES )) (baseline: pg_cron 1.4)" "$our_missed" "$cron_missed" runs 0 \
	"$(bench_met 'a == 0' a="$our_missed")"
bench_result "scheduler memory after $runs runs more (baseline: itself warm)" "$our_rss1" "$our_rss_warm" kB 'growth <= 10%' \
	"$(bench_met 'b > 0 && a <= b * 1.1' a="$our_rss1" b="$our_rss_warm")"
bench_result "pg_cron 1.4 launcher memory after its $(( 1000 * MINUTES )) runs (baseline: before)" "$cron_rss1" "$cron_rss0" kB - -
bench_result "scheduler statements while idle for $IDLE s" "$idle" - statements 0 "$(bench_met 'a == 0' a="$idle")"

# --- KPI freshness under the lifecycle load ---------------------------------
q "SELECT motcua.alter_job('kpi_refresh', enabled => true)" >/dev/null
q "CREATE TABLE bench_unit AS SELECT row_number() OVER (ORDER BY id) AS i, id FROM motcua.unit WHERE receives_dossiers AND id <> '000.00.01.H22'" >/dev/null
NUNITS=$(q 'SELECT count(*) FROM bench_unit')
"$PGBIN/pgbench" -n -M extended -c 2 -j 2 -T 75 -D nunits="$NUNITS" -f bench/lifecycle.pgb >"$WORK/pgbench.out" 2>&1 &
load=$!
sleep 5
: >"$WORK/fresh"
today=$(q "SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date")
for k in $(seq 1 40); do
	q "SELECT motcua.receive('9.900010', '001099550' || lpad('$k', 3, '0'), '000.00.01.H22', 'direct')" >/dev/null
	t0=$(date +%s%N)
	until [ "$(q "SELECT coalesce(sum(received), 0) >= $k FROM motcua.kpi WHERE unit = '000.00.01.H22' AND period_kind = 'd' AND period_start = '$today'")" = t ]; do
		sleep 0.05
	done
	echo $(( ($(date +%s%N) - t0) / 1000000 )) >>"$WORK/fresh"
	sleep 1
done
wait $load
fresh=$(sort -n "$WORK/fresh" | awk '{a[NR]=$1} END {printf "%.2f|%.2f|%.2f", a[int(NR*0.5+0.5)]/1000, a[int(NR*0.95+0.5)]/1000, a[NR]/1000}')
IFS='|' read -r f50 f95 fmax <<<"$fresh"
printf 'KPI freshness under load (pgbench 2 clients: bench/lifecycle.pgb, %s dossiers/s)\n' \
	"$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$WORK/pgbench.out" | cut -d. -f1)"
printf '  commit to motcua.kpi: p50 %s s, p95 %s s, max %s s over 40 receptions (target p95 <= 5 s)\n' "$f50" "$f95" "$fmax"
bench_result "KPI freshness p95, commit to motcua.kpi under the lifecycle load (p50 $f50 s, max $fmax s)" "$f95" - s '<= 5 s' \
	"$(bench_met 'a <= 5' a="$f95")"

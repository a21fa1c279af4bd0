#!/usr/bin/env bash
# The background workers (TAP output): a launcher, a scheduler per
# database with motcua, a worker per job run.  Each check guards a failure
# the anchors' users reported (../shared/STYLE.md (c)): runs on time, DROP
# DATABASE and DROP EXTENSION not blocked, a terminated scheduler or a
# killed run recovered and recorded, errors, timeouts and dropped owners
# recorded without stopping the other jobs, no worker slot recorded and
# retried, run history kept within its retention, a user's foreign key or
# objects not crash-looping the scheduler, KPIs fresh without anyone
# calling refresh_kpis, and the SQL API without preloading.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
here=$(dirname "$0")
mkdir -p "$WORK_DIR"
. "$here/../lib/tap.sh"
db=jobs_test
q() { psql -X -A -t -q -v ON_ERROR_STOP=1 -d "${2:-$db}" -c "$1" 2>&1; }
# wait_for SQL [SECONDS]: poll (every 0.2 s) until SQL returns t; prints
# the seconds waited, or "timeout"
wait_for() {
	local i limit=$(( ${2:-20} * 5 ))
	for ((i = 0; i < limit; i++)); do
		[ "$(q "$1")" = "t" ] && { echo "$((i / 5))"; return 0; }
		sleep 0.2
	done
	echo timeout
}
# within SQL SECONDS: t when SQL returns t within the time, else f
within() { [ "$(wait_for "$1" "$2")" != timeout ] && echo t || echo f; }
scheduler_of() { q "SELECT pid FROM pg_stat_activity WHERE backend_type = 'motcua scheduler' AND datname = '$1'" postgres; }

# (tools/test.sh turns the schedulers off for the other suites)
q "ALTER SYSTEM SET motcua.scheduler_enabled = on" postgres >/dev/null
q "ALTER SYSTEM SET motcua.launcher_naptime = 2" postgres >/dev/null
q "SELECT pg_reload_conf()" postgres >/dev/null
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>&1 | grep -v NOTICE
psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$here/../../tools/demo_setup.sql" >/dev/null

# --- 0. the defaults and the scheduler come with CREATE EXTENSION ----------
check "CREATE EXTENSION starts the database's scheduler within seconds" "t" \
	"$([ "$(wait_for "SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'motcua scheduler' AND datname = '$db'" 10)" != timeout ] && echo t)"
check "and schedules the defaults" "catalogue_sync,kpi_refresh,national_feed,national_lookup,portal_sync,retention,snapshot_refresh" \
	"$(q "SELECT string_agg(name, ',' ORDER BY name) FROM motcua.jobs")"
check "motcua.jobs says the scheduler runs" "t" "$(q "SELECT bool_and(scheduler LIKE 'running (pid %') FROM motcua.jobs")"

# --- 1. on time: an interval, a cron expression, run_job ----------------------
q "CREATE TABLE public.ticks (job text, at timestamptz DEFAULT clock_timestamp())" >/dev/null
q "SELECT motcua.schedule_job('tick', 'sql', '2 seconds', '{\"command\": \"INSERT INTO public.ticks (job) VALUES (''tick'')\"}')" >/dev/null
check "an interval job runs every 2 seconds" "t" "$(within "SELECT count(*) >= 3 FROM public.ticks WHERE job = 'tick'" 15)"
check "each interval run starts within 1 s of its due time" "t" \
	"$(q "SELECT bool_and(started_at - due_at < interval '1 second') FROM motcua.job_runs WHERE job = 'tick'")"
q "SELECT motcua.schedule_job('minutely', 'sql', '* * * * *', '{\"command\": \"INSERT INTO public.ticks (job) VALUES (''minutely'')\"}')" >/dev/null
check "a cron job is due at the next minute" "t" \
	"$(q "SELECT next_run_at = date_trunc('minute', now()) + interval '1 minute' FROM motcua.jobs WHERE name = 'minutely'")"
check "and runs then" "t" "$([ "$(wait_for "SELECT count(*) >= 1 FROM public.ticks WHERE job = 'minutely'" 65)" != timeout ] && echo t)"
check "within a second of the minute" "t" \
	"$(q "SELECT bool_and(started_at - due_at < interval '1 second' AND due_at = date_trunc('minute', due_at)) FROM motcua.job_runs WHERE job = 'minutely' AND status = 'succeeded'")"
q "SELECT motcua.schedule_job('manual', 'sql', '1 day', '{\"command\": \"INSERT INTO public.ticks (job) VALUES (''manual'')\"}')" >/dev/null
rid=$(q "SELECT motcua.run_job('manual')")
check "run_job runs at once" "t" "$([ "$(wait_for "SELECT status = 'succeeded' FROM motcua.job_runs WHERE run_id = $rid" 5)" != timeout ] && echo t)"
check "job_runs shows the run with its times and rows" "manual|succeeded|1|true" \
	"$(q "SELECT job || '|' || status || '|' || rows || '|' || (ended_at >= started_at) FROM motcua.job_runs WHERE run_id = $rid")"

# --- a run worker serves its owner's next run, and nothing of one run ---------
# --- reaches the next: settings, prepared statements, advisory locks --------
# (each run first records what it finds, then leaves all three behind)
q "CREATE TABLE public.leaks (run int, pid int, x text, prepared bigint, locks bigint)" >/dev/null
q "SELECT motcua.schedule_job('leaky', 'sql', '1 day', '{\"command\": \"INSERT INTO public.leaks SELECT (SELECT count(*) FROM public.leaks), pg_backend_pid(), current_setting(''motcua_test.x'', true), (SELECT count(*) FROM pg_prepared_statements), (SELECT count(*) FROM pg_locks WHERE locktype = ''advisory'' AND pid = pg_backend_pid()); SELECT set_config(''motcua_test.x'', ''leaked'', false), pg_advisory_lock(4242); PREPARE leak_p AS SELECT 1\"}')" >/dev/null
# run_now JOB: ask for a run and wait (polling every 50 ms) for its end
run_now() {
	local rid i
	rid=$(q "SELECT motcua.run_job('$1')")
	for ((i = 0; i < 100; i++)); do
		[ "$(q "SELECT status NOT IN ('started', 'running') FROM motcua.job_runs WHERE run_id = $rid")" = t ] && break
		sleep 0.05
	done
	echo "$rid"
}
r1=$(run_now leaky); r2=$(run_now leaky); r3=$(run_now leaky)
check "runs of one owner in a row share one worker, not a process each" "1" \
	"$(q "SELECT count(DISTINCT pid) FROM motcua.job_runs WHERE run_id IN ($r1, $r2, $r3)")"
check "and each finds the session clean: no setting, prepared statement or advisory lock of the run before" \
	"succeeded,succeeded,succeeded|0||0|0,1||0|0,2||0|0" \
	"$(q "SELECT (SELECT string_agg(status, ',' ORDER BY run_id) FROM motcua.job_runs WHERE run_id IN ($r1, $r2, $r3)) || '|' ||
			 string_agg(concat_ws('|', run, coalesce(x, ''), prepared, locks), ',' ORDER BY run) FROM public.leaks")"
check "and the lock is free for others once the run is over" "t" "$(q "SELECT pg_try_advisory_lock(4242)")"
q "SELECT motcua.schedule_job('scratch', 'sql', '1 day', '{\"command\": \"CREATE TEMP TABLE scratch (i int); INSERT INTO public.leaks (run, pid) VALUES (-1, pg_backend_pid())\"}')" >/dev/null
r1=$(run_now scratch); r2=$(run_now scratch)
check "a run that made a temporary table ends its worker: the next run starts afresh" "succeeded,succeeded|2" \
	"$(q "SELECT string_agg(status, ',' ORDER BY run_id) || '|' || count(DISTINCT pid) FROM motcua.job_runs WHERE run_id IN ($r1, $r2)")"
q "SELECT motcua.unschedule_job('leaky'), motcua.unschedule_job('scratch')" >/dev/null

# --- 4. an error, a timeout, a dropped owner: recorded, others go on ---------
q "SELECT motcua.schedule_job('boom', 'sql', '1 day', '{\"command\": \"SELECT 1/0\"}')" >/dev/null
rid=$(q "SELECT motcua.run_job('boom')")
wait_for "SELECT status <> 'started' AND status <> 'running' FROM motcua.job_runs WHERE run_id = $rid" 5 >/dev/null
check "a job that errors is recorded failed with the error" "failed|division by zero" \
	"$(q "SELECT status || '|' || message FROM motcua.job_runs WHERE run_id = $rid")"
check "and retried soon (the retry delay)" "t" \
	"$(q "SELECT retries = 1 AND next_run_at < now() + interval '11 seconds' FROM motcua.jobs WHERE name = 'boom'")"
q "SELECT motcua.schedule_job('slow', 'sql', '1 day', '{\"command\": \"SELECT pg_sleep(60)\"}')" >/dev/null
q "SELECT motcua.alter_job('slow', max_runtime => '2 seconds')" >/dev/null
rid=$(q "SELECT motcua.run_job('slow')")
wait_for "SELECT status NOT IN ('started', 'running') FROM motcua.job_runs WHERE run_id = $rid" 8 >/dev/null
check "a job past its max_runtime is stopped and recorded timed_out" "timed_out|true" \
	"$(q "SELECT status || '|' || (ended_at - started_at BETWEEN interval '2 seconds' AND interval '4 seconds') FROM motcua.job_runs WHERE run_id = $rid")"
# a run going on past its job's next due time: that run waits for this
# one's end, and the scheduler waits with it instead of looking again and
# again (its CPU ticks, /proc/PID/stat, over 4 s)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
q "SELECT motcua.schedule_job('overrun', 'sql', '1 second', '{\"command\": \"SELECT pg_sleep(7)\"}')" >/dev/null
wait_for "SELECT count(*) = 1 FROM motcua.job_runs WHERE job = 'overrun' AND status = 'running'" 10 >/dev/null
sleep 1.5
sched=$(scheduler_of $db)
t0=$(cpu_ticks "$sched"); sleep 4; t1=$(cpu_ticks "$sched")
check "a run going past its next due time keeps the scheduler idle, not looking again and again (under 0.4 s of CPU in 4 s)" "t" \
	"$([ $((t1 - t0)) -lt 40 ] && echo t || echo "f: $((t1 - t0)) ticks")"
check "and the next run starts only after it ends" "t" \
	"$(wait_for "SELECT count(started_at) >= 2 FROM motcua.job_runs WHERE job = 'overrun'" 10 >/dev/null
	   q "SELECT bool_and(b.started_at >= a.ended_at) FROM motcua.job_runs a JOIN motcua.job_runs b ON b.job = a.job AND b.run_id > a.run_id WHERE a.job = 'overrun' AND a.ended_at IS NOT NULL")"
q "SELECT motcua.alter_job('overrun', enabled => false)" >/dev/null
wait_for "SELECT count(*) = 0 FROM motcua.job_runs WHERE job = 'overrun' AND status IN ('started', 'running')" 10 >/dev/null
q "SELECT motcua.unschedule_job('overrun')" >/dev/null
q "CREATE ROLE jobs_temp_owner LOGIN SUPERUSER" postgres >/dev/null
PGUSER=jobs_temp_owner q "SELECT motcua.schedule_job('orphan', 'sql', '1 day', '{\"command\": \"SELECT 1\"}')" >/dev/null
q "DROP ROLE jobs_temp_owner" postgres >/dev/null
q "SELECT motcua.run_job('orphan')" >/dev/null
check "a job whose owner was dropped is disabled with the reason" "false|its owner role jobs_temp_owner no longer exists or cannot log in" \
	"$(wait_for "SELECT NOT enabled FROM motcua.jobs WHERE name = 'orphan'" 5 >/dev/null; q "SELECT enabled || '|' || disabled_reason FROM motcua.jobs WHERE name = 'orphan'")"
q "CREATE ROLE jobs_other_admin LOGIN IN ROLE motcua_admin" postgres >/dev/null
check "another administrator cannot change what a job runs (42501): it would run with the owner's rights" "t" \
	"$(out=$(PGUSER=jobs_other_admin q "SELECT motcua.alter_job('manual', config => '{\"command\": \"SELECT 2\"}')"); [[ $out == *"only its owner changes what it runs"* ]] && echo t)"
check "but may pause it" "f" \
	"$(PGUSER=jobs_other_admin q "SELECT motcua.alter_job('manual', enabled => false)" >/dev/null; q "SELECT enabled FROM motcua.jobs WHERE name = 'manual'")"
q "DROP OWNED BY jobs_other_admin; DROP ROLE jobs_other_admin" postgres >/dev/null
before=$(q "SELECT count(*) FROM public.ticks WHERE job = 'tick'")
check "the other jobs keep their schedule" "t" "$(within "SELECT count(*) >= $before + 2 FROM public.ticks WHERE job = 'tick'" 8)"

# --- 7. a user's foreign key and objects in schema motcua -----------------
q "CREATE TABLE public.my_runs (run bigint REFERENCES motcua_internal.job_run (id))" >/dev/null
q "INSERT INTO public.my_runs SELECT min(run_id) FROM motcua.job_runs" >/dev/null
q "CREATE TABLE motcua.job (x int); CREATE FUNCTION motcua.jobs_claim_due(integer, boolean) RETURNS int LANGUAGE sql AS 'SELECT 1'" >/dev/null
q "UPDATE motcua_internal.job_run SET started_at = started_at - interval '60 days'" >/dev/null
rid=$(q "SELECT motcua.run_job('retention')")
wait_for "SELECT status NOT IN ('started', 'running') FROM motcua.job_runs WHERE run_id = $rid" 5 >/dev/null
check "a user's foreign key makes the retention run fail, recorded" "failed" "$(q "SELECT status FROM motcua.job_runs WHERE run_id = $rid")"
before=$(q "SELECT count(*) FROM public.ticks WHERE job = 'tick'")
check "and the scheduler goes on (no crash loop), user objects in schema motcua notwithstanding" "t" \
	"$(within "SELECT count(*) >= $before + 2 FROM public.ticks WHERE job = 'tick'" 8)"

# --- 6. retention -------------------------------------------------------------
q "DROP TABLE public.my_runs; DROP TABLE motcua.job; DROP FUNCTION motcua.jobs_claim_due(integer, boolean)" >/dev/null
old=$(q "SELECT count(*) FROM motcua.job_runs WHERE started_at < now() - interval '30 days'")
rid=$(q "SELECT motcua.run_job('retention')")
wait_for "SELECT status = 'succeeded' FROM motcua.job_runs WHERE run_id = $rid" 5 >/dev/null
check "the retention job deletes the runs older than motcua.job_history_days" "0|true" \
	"$(q "SELECT count(*) FILTER (WHERE started_at < now() - interval '30 days') || '|' || ($old > 0) FROM motcua.job_runs")"
check "and says how many" "t" "$(q "SELECT message LIKE '$old job runs and % finished lookups deleted' FROM motcua.job_runs WHERE run_id = $rid")"

# --- 8. KPI freshness without anyone calling refresh_kpis ------------------
q "SELECT motcua.alter_job('kpi_refresh', schedule => '1 hour')" >/dev/null
code=$(q "SELECT motcua.receive('9.900010', '001099660001', '000.00.01.H22', 'direct')")
check "a reception shows in motcua.kpi within 5 s, by the queue's wake-up" "t" \
	"$([ "$(wait_for "SELECT coalesce(sum(received), 0) = 1 FROM motcua.kpi WHERE unit = '000.00.01.H22' AND period_kind = 'd' AND period_start = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date" 5)" != timeout ] && echo t)"
q "SELECT motcua.transition('$code', 'withdraw', NULL)" >/dev/null
check "and so does its end" "t" \
	"$([ "$(wait_for "SELECT coalesce(sum(finished), 0) = 1 FROM motcua.kpi WHERE unit = '000.00.01.H22' AND period_kind = 'd' AND period_start = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date" 5)" != timeout ] && echo t)"

# --- 5. no free worker slot: recorded and retried --------------------------
# (more runs at once than the test cluster's 48 worker slots can hold)
q "ALTER SYSTEM SET motcua.max_running_jobs = 64" postgres >/dev/null
q "SELECT pg_reload_conf()" postgres >/dev/null
sleep 0.5
# (all asked for in one commit: they are due at once however slow the machine)
q "SELECT count(motcua.schedule_job('crowd' || i, 'sql', '1 day', '{\"command\": \"SELECT pg_sleep(3)\"}')) FROM generate_series(1, 60) i" >/dev/null
q "SELECT count(motcua.run_job('crowd' || i)) FROM generate_series(1, 60) i" >/dev/null
wait_for "SELECT count(*) > 0 FROM motcua.job_runs WHERE job LIKE 'crowd%' AND status = 'no_worker_slot'" 10 >/dev/null
check "runs with no free background worker are recorded no_worker_slot" "t" \
	"$(q "SELECT count(*) > 0 FROM motcua.job_runs WHERE job LIKE 'crowd%' AND status = 'no_worker_slot'")"
check "and retried until every crowd job succeeded" "t" \
	"$([ "$(wait_for "SELECT count(DISTINCT job) = 60 FROM motcua.job_runs WHERE job LIKE 'crowd%' AND status = 'succeeded'" 90)" != timeout ] && echo t)"
q "ALTER SYSTEM RESET motcua.max_running_jobs" postgres >/dev/null
q "SELECT pg_reload_conf()" postgres >/dev/null

# --- 3. a terminated scheduler, a killed run ---------------------------------
old_pid=$(scheduler_of $db)
q "SELECT pg_terminate_backend($old_pid)" postgres >/dev/null
check "a terminated scheduler is back within the launcher's naptime (2 s)" "t" \
	"$(w=$(wait_for "SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'motcua scheduler' AND datname = '$db' AND pid <> $old_pid" 4); [ "$w" != timeout ] && [ "$w" -le 3 ] && echo t)"
q "SELECT motcua.schedule_job('victim', 'sql', '1 day', '{\"command\": \"SELECT pg_sleep(60)\"}')" >/dev/null
rid=$(q "SELECT motcua.run_job('victim')")
wait_for "SELECT pid IS NOT NULL FROM motcua.job_runs WHERE run_id = $rid AND status = 'running'" 20 >/dev/null
victim=$(q "SELECT pid FROM motcua.job_runs WHERE run_id = $rid")
# (the test cluster commits asynchronously: make the run's rows durable
# before the crash, as synchronous_commit would in production)
q "CHECKPOINT" postgres >/dev/null
kill -9 "$victim"
sleep 2
check "after kill -9 of a run (the server restarts its backends), the scheduler comes back" "t" \
	"$([ "$(wait_for "SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'motcua scheduler' AND datname = '$db'" 20)" != timeout ] && echo t)"
check "and the killed run is recorded crashed, with its start and end" "crashed|true" \
	"$(wait_for "SELECT status = 'crashed' FROM motcua.job_runs WHERE run_id = $rid" 5 >/dev/null; q "SELECT status || '|' || (started_at IS NOT NULL AND ended_at > started_at) FROM motcua.job_runs WHERE run_id = $rid")"

# --- 2. DROP EXTENSION and DROP DATABASE with a running job ----------------
rid=$(q "SELECT motcua.run_job('slow')")
wait_for "SELECT status = 'running' FROM motcua.job_runs WHERE run_id = $rid" 5 >/dev/null
sched=$(scheduler_of $db)
start=$(date +%s%N)
q "DROP EXTENSION motcua_sample; DROP EXTENSION motcua CASCADE" >/dev/null
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
check "DROP EXTENSION with a running job completes in under 5 s" "t" "$([ $elapsed -lt 5000 ] && echo t)"
check "and the scheduler is gone afterwards" "t" \
	"$([ "$(wait_for "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = $sched" 5)" != timeout ] && echo t)"
psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$here/../../tools/demo_setup.sql" >/dev/null 2>&1
wait_for "SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'motcua scheduler' AND datname = '$db'" 10 >/dev/null
q "SELECT motcua.schedule_job('slow', 'sql', '1 day', '{\"command\": \"SELECT pg_sleep(60)\"}'); SELECT motcua.run_job('slow')" >/dev/null
wait_for "SELECT count(*) = 1 FROM motcua.job_runs WHERE job = 'slow' AND status = 'running'" 5 >/dev/null
start=$(date +%s%N)
psql -X -q -d postgres -c "DROP DATABASE $db" 2>&1
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
check "DROP DATABASE with the scheduler and a running job completes in under 5 s" "t" "$([ $elapsed -lt 5000 ] && echo t)"
check "and no motcua process is left in it" "0" \
	"$(q "SELECT count(*) FROM pg_stat_activity WHERE backend_type LIKE 'motcua%' AND datname = '$db'" postgres)"

q "ALTER SYSTEM RESET motcua.launcher_naptime" postgres >/dev/null
q "ALTER SYSTEM SET motcua.scheduler_enabled = off" postgres >/dev/null
q "SELECT pg_reload_conf()" postgres >/dev/null

# --- without preloading: the SQL API works and says no scheduler runs -------
. "$here/../../tools/pgtemp.sh"
(
	rm -rf "$WORK_DIR/nopreload"
	pg_temp_start "$WORK_DIR/nopreload" >/dev/null
	as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -w -m fast stop >/dev/null 2>&1
	sed -i "s/^shared_preload_libraries = 'motcua'/#&/" "$PGDATA_DIR/postgresql.conf"
	as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$WORK_DIR/nopreload/server.log" -w start >/dev/null 2>&1
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -f "$here/../../tools/demo_setup.sql" >/dev/null
	check "without preloading, schedule_job still works" "t" \
		"$(q "SELECT motcua.schedule_job('later', 'sql', '1 hour', '{\"command\": \"SELECT 1\"}') > 0" postgres)"
	check "and motcua.jobs says plainly that no scheduler runs, and why" "no scheduler runs: motcua is not in shared_preload_libraries (jobs can be scheduled; nothing runs them)" \
		"$(q "SELECT DISTINCT scheduler FROM motcua.jobs" postgres)"
	pg_temp_stop
	echo "$n $fail" >"$WORK_DIR/nopreload.counts"
)
read n fail <"$WORK_DIR/nopreload.counts"
tap_done

#!/usr/bin/env bash
# make demo: a living province.  Builds and installs motcua, starts a
# PostgreSQL cluster under the project folder (.demo/) with the background
# workers, the sample reference data and the five plans, the mock national
# services on loopback, then simulates Quảng Ninh's year 2025 (about
# 200,000 dossiers, DEMO_DOSSIERS to change it) through the public
# functions, each unit's dossiers by that unit's officer login, while the
# workers answer the national lookups and sync the national portal.  Prints
# the plan's compliance per tier, the Decision 766 ranking, reuse examples
# and the jobs' state, and starts the leaders' dashboard.  The officers
# work two at a time (DEMO_LANES), never two of one unit at once.
#
#   tools/demo.sh          start (a demo already running is reused)
#   tools/demo.sh stop     stop the dashboard, the mock and the cluster, remove .demo/
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/pgtemp.sh

DEMO=$PWD/.demo
# The postgres OS user must reach the data directory; when the clone sits
# in a folder it cannot traverse, keep the cluster under /tmp instead.
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$PWD"; then
	DEMO=/tmp/motcua-demo
fi
DOSSIERS=${DEMO_DOSSIERS:-200000}
LANES=${DEMO_LANES:-2}
DB=motcua

dashboard() {	# dashboard start|stop: the leaders' dashboard (web/), as the BI login
	[ -x web/dashboard.sh ] || return 0
	DASHBOARD_DB=$DB DASHBOARD_USER=lanhdao_tinh web/dashboard.sh "$1" "$DEMO/dashboard" ||
		echo "(the dashboard did not start: see $DEMO/dashboard)"
}

if [ "${1:-}" = "stop" ]; then
	if [ -f "$DEMO/env" ]; then
		. "$DEMO/env"
		dashboard stop >/dev/null 2>&1 || true
		PGDATA_DIR=$DEMO/data pg_temp_stop    # (the mock follows the postmaster)
	fi
	rm -rf "$DEMO"
	echo "demo stopped and removed"
	exit 0
fi

started=$(date +%s)
make -s PG_CONFIG="$PGBIN/pg_config"
make -s PG_CONFIG="$PGBIN/pg_config" install >/dev/null

# --- a demo already running (or stopped by a reboot) is reused -------------
reuse=no
if [ -f "$DEMO/simulated" ] && [ -f "$DEMO/env" ]; then
	. "$DEMO/env"
	if ! as_postgres "$PGBIN/pg_ctl" -D "$DEMO/data" status >/dev/null 2>&1; then
		as_postgres "$PGBIN/pg_ctl" -D "$DEMO/data" -l "$DEMO/server.log" -w -t 60 start >/dev/null
	fi
	if psql -X -q -d $DB -c 'SELECT 1' >/dev/null 2>&1; then reuse=yes; fi
fi

# start_mock: the mock national services, living as long as the cluster
start_mock() {
	local pid
	pid=$(head -1 "$DEMO/data/postmaster.pid")
	if [ -f "$DEMO/mock.port" ] && curl -s -o /dev/null "http://127.0.0.1:$(cat "$DEMO/mock.port")/_admin/health"; then
		return 0
	fi
	rm -f "$DEMO/mock.port"
	setsid python3 tools/mock_national.py --port-file "$DEMO/mock.port" --ttl 0 --watch-pid "$pid" --quiet --no-portal-bodies \
		</dev/null >>"$DEMO/mock.log" 2>&1 &
	for _ in $(seq 100); do [ -s "$DEMO/mock.port" ] && break; sleep 0.05; done
	[ -s "$DEMO/mock.port" ] || { cat "$DEMO/mock.log"; exit 1; }
}

if [ $reuse = yes ]; then
	echo "== a demo is already running in $DEMO: reusing it (tools/demo.sh stop, then make demo, starts afresh)"
	start_mock
	# the mock may have a new port: point the sources at it
	psql -X -q -d $DB -v mock_port="$(cat "$DEMO/mock.port")" -f tools/demo/setup.sql >/dev/null
else
	if [ -f "$DEMO/data/postmaster.pid" ]; then
		PGDATA_DIR=$DEMO/data pg_temp_stop
	fi
	rm -rf "$DEMO"
	echo "== starting PostgreSQL 15 with motcua's background workers in $DEMO"
	pg_temp_start "$DEMO"
	echo "export PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER" >"$DEMO/env"
	psql -X -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
	echo "== motcua, the sample reference data and the five plans"
	psql -X -q -v ON_ERROR_STOP=1 -d $DB -f tools/demo_setup.sql | sed -n '/^ *table/,$p'
	start_mock
	echo "== the mock national services on 127.0.0.1:$(cat "$DEMO/mock.port"); logins, sources, jobs"
	psql -X -q -d $DB -v mock_port="$(cat "$DEMO/mock.port")" -f tools/demo/setup.sql >/dev/null
	psql -X -q -d $DB -f tools/demo/simulate.sql 2>&1 | grep -v NOTICE || true
	# the catalogue first: the procedures' terms the year's dossiers get
	rid=$(psql -X -A -t -q -d $DB -c "SELECT motcua.run_job('catalogue_sync')")
	for _ in $(seq 60); do
		st=$(psql -X -A -t -q -d $DB -c "SELECT status || ': ' || coalesce(message, '') FROM motcua.job_runs WHERE run_id = $rid")
		case $st in starting*|running*|"") sleep 0.5 ;; *) break ;; esac
	done
	echo "   catalogue_sync $st"

	# --- the year, week by week: one batch per unit and week -----------------
	# (each officer's share of the province's dossiers, tools/demo/setup.sql;
	# a week's share follows its working days)
	psql -X -A -t -F ' ' -d $DB -v total="$DOSSIERS" >"$DEMO/batches" <<'SQL'
WITH weeks AS (
	SELECT w::date AS week, (SELECT count(*) FROM generate_series(w, least(w + interval '6 days', '2025-12-31'), '1 day') d
							 WHERE motcua.is_working_day(d::date, 'VN')) AS days
	FROM generate_series('2025-01-01'::timestamp, '2025-12-31', '7 days') w)
SELECT o.login, o.unit, k.week,
	   round(:total * o.share / 100.0 * k.days / sum(k.days) OVER (PARTITION BY o.login))::int,
	   round((row_number() OVER () % 997) / 1000.0, 3)
FROM weeks k CROSS JOIN demo_sim.counter_officer o
ORDER BY k.week, o.login;
SQL
	# the year's partitions, made before the officers start (as a DBA does
	# before entering a backlog: two receptions in long transactions must
	# not both create a month); only the year's: every statement on the
	# dossiers starts with the partitions it may touch (a reception made
	# after the demo makes its month's partition itself)
	psql -X -q -d $DB -U qtv_tinh -c "SELECT count(motcua.ensure_dossier_partition(m::date)) FROM generate_series('2025-01-01'::date, '2025-12-01', '1 month') m" >/dev/null
	nb=$(wc -l <"$DEMO/batches")
	echo "== Quảng Ninh, 2025: $DOSSIERS dossiers at 11 one-stop units, by $(awk '{print $1}' "$DEMO/batches" | sort -u | wc -l) front-desk officers logged in as themselves, week by week"
	: >"$DEMO/simulate.err"
	# tally: the fewest weeks any officer has ended (each session prints a
	# line per week) and the dossiers received so far, in one pass over the
	# sessions' output (polled every second: one awk, no pipeline)
	tally() {
		awk 'BEGIN {for (i = 1; i < ARGC; i++) weeks[ARGV[i]] = 0}
			 {weeks[FILENAME]++; made += $1}
			 END {least = -1; for (f in weeks) if (least < 0 || weeks[f] < least) least = weeks[f]; print least, made + 0}' "$DEMO"/*.done
	}
	progress_bar() {	# progress_bar DOSSIERS_DONE
		local pct=$(($1 * 100 / DOSSIERS)) bar el=$((EPOCHSECONDS - t0))
		printf -v bar '%*s' $((pct / 2)) ''
		bar=${bar// /#}
		if [ -t 1 ]; then
			printf '\r  [%-50s] %3d%%  %7d dossiers  %4ds ' "$bar" "$pct" "$1" "$el"
		elif [ $((pct / 10)) -gt $shown ]; then
			shown=$((pct / 10))
			printf '  [%-50s] %3d%%  %7d dossiers  %4ds\n' "$bar" "$pct" "$1" "$el"
		fi
	}
	# simulation_failed [WHY]: the sessions' errors, and the demo stops
	simulation_failed() {
		echo; echo "the simulation failed${1:+ ($1)}:"; head -20 "$DEMO/simulate.err"; exit 1
	}
	# weeks_ended: tally's two figures; fails when a session stopped on an
	# error
	weeks_ended() {
		local p
		for p in "${sessions[@]}"; do
			kill -0 "$p" 2>/dev/null || { [ -s "$DEMO/simulate.err" ] && return 1; }
		done
		tally
	}
	# one session per officer, logged in as that officer, fed the year week
	# by week through a pipe; an officer starts a week when every officer
	# has ended the week before last, so the province's year unfolds in step
	mapfile -t officers < <(awk '{print $1}' "$DEMO/batches" | sort -u)
	declare -A pipe_of
	sessions=()
	t0=$EPOCHSECONDS
	shown=-1
	for o in "${officers[@]}"; do
		mkfifo "$DEMO/$o.in"
		: >"$DEMO/$o.done"
		psql -X -q -A -t -v ON_ERROR_STOP=1 -U "$o" -d $DB <"$DEMO/$o.in" >>"$DEMO/$o.done" 2>>"$DEMO/simulate.err" &
		sessions+=($!)
		exec {f}>"$DEMO/$o.in"
		pipe_of[$o]=$f
		# (the procedure's own queries, under the officer's row-level
		# security, are planned once: see 94y_generic_plans.defs.sql)
		echo "SET plan_cache_mode = force_generic_plan;" >&"$f"
	done
	trap '' PIPE	# (a session that ended is reported, not a silent SIGPIPE)
	w=0
	for week in $(awk '{print $3}' "$DEMO/batches" | uniq); do
		w=$((w + 1))
		while :; do
			read -r ended done_n < <(weeks_ended || echo failed)
			[ "$ended" = failed ] && simulation_failed
			[ "$ended" -ge $((w - 2)) ] && break
			progress_bar "$done_n"
			sleep 1
		done
		while read -r login u wk n seed; do
			echo "SELECT demo_sim.take_lane($LANES, '$u') AS lane \\gset
CALL demo_sim.simulate_week('$u', '$wk', $n, $seed);
SELECT demo_sim.free_lane(:lane, '$u') \\g /dev/null" >&"${pipe_of[$login]}" 2>/dev/null ||
				simulation_failed "the session of $login ended"
		done < <(awk -v wk="$week" '$3 == wk' "$DEMO/batches")
	done
	for o in "${officers[@]}"; do f=${pipe_of[$o]}; exec {f}>&-; done
	trap - PIPE
	for p in "${sessions[@]}"; do
		while kill -0 "$p" 2>/dev/null; do read -r _ done_n < <(tally); progress_bar "$done_n"; sleep 0.5; done
		wait "$p" || simulation_failed
	done
	read -r _ done_n < <(tally)
	progress_bar "$done_n"
	[ -t 1 ] && printf '\n'
	rm -f "$DEMO"/*.in
	[ -s "$DEMO/simulate.err" ] && simulation_failed
	echo "== folding the last events into the KPIs (refresh_kpis; the kpi_refresh job did the rest)"
	psql -X -q -d $DB -U qtv_tinh -c 'SELECT motcua.refresh_kpis()' >/dev/null
	touch "$DEMO/simulated"
fi

psql -X -d $DB -f tools/demo/summary.sql
dashboard start >"$DEMO/dashboard.out" 2>&1 || true
url=$(cat "$DEMO/dashboard/dashboard.url" 2>/dev/null || true)

cat <<MSG

== the demo is running ($(($(date +%s) - started)) s)
  psql:       psql -h $PGHOST -p $PGPORT -U postgres $DB          (superuser)
              psql -h $PGHOST -p $PGPORT -U mc_000_00_01_H22_1 $DB  (an officer of the province center)
  BI tools:   host 127.0.0.1, port $PGPORT, database $DB, user lanhdao_tinh (motcua_bi; docs/bi.md)
  dashboard:  ${url:-not started (see $DEMO/dashboard.out)}
  try:        SELECT * FROM motcua.jobs;
              SELECT * FROM motcua.index_766 WHERE unit = '000.00.00.H22' AND period_kind = 'y';
  stop:       tools/demo.sh stop
MSG

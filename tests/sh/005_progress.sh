#!/usr/bin/env bash
# Progress of long work is visible from another session while it runs
# (TAP output): motcua.progress lists the backend and its step, during a
# rebuild_kpis of 300,000 generated dossiers and a refresh_kpis of 120,000
# queued ones; once the work is done, the row is gone.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
here=$(dirname "$0")
mkdir -p "$WORK_DIR"
. "$here/../lib/tap.sh"
q() { psql -X -A -t -q -v ON_ERROR_STOP=1 -d progress_test -c "$1"; }

psql -X -q -d postgres -c 'DROP DATABASE IF EXISTS progress_test' -c 'CREATE DATABASE progress_test' 2>&1 | grep -v NOTICE
psql -X -q -v ON_ERROR_STOP=1 -d progress_test -f "$here/../../tools/demo_setup.sql" >/dev/null
# dossiers inserted in bulk, as bench/kpi_data.sql does
psql -X -q -v ON_ERROR_STOP=1 -v n=300000 -d progress_test -f "$here/../../bench/kpi_data.sql" >/dev/null 2>"$WORK_DIR/data.err"
check "300,000 dossiers generated" "300000" "$(q 'SELECT count(*) FROM motcua.dossier')"

# watch ARGS...: run SQL in the background and poll motcua.progress from
# this session every 20 ms until it ends; prints the distinct steps seen.
watch() {
	psql -X -q -v ON_ERROR_STOP=1 -d progress_test -c "$1" >"$WORK_DIR/work.out" 2>&1 &
	local pid=$!
	while kill -0 $pid 2>/dev/null; do
		q "SELECT operation || ': ' || step FROM motcua.progress WHERE database = 'progress_test'" >>"$WORK_DIR/seen"
		sleep 0.02
	done
	wait $pid
	echo "exit $?" >>"$WORK_DIR/work.out"
}
: >"$WORK_DIR/seen"
watch "SELECT motcua.rebuild_kpis('2023-01-01', '2025-12-31')"
check "rebuild_kpis finished" "exit 0" "$(tail -1 "$WORK_DIR/work.out")"
check "its steps were seen from another session while it ran" "t" \
	"$(grep -q '^rebuild_kpis: ' "$WORK_DIR/seen" && echo t)"
check "more than one step was seen" "t" "$([ "$(sort -u "$WORK_DIR/seen" | grep -c '^rebuild_kpis: ')" -ge 2 ] && echo t)"
sed 's/^/# seen: /' "$WORK_DIR/seen" | sort -u | head -8

: >"$WORK_DIR/seen"
q "INSERT INTO motcua_internal.kpi_dirty (dossier) SELECT code FROM motcua.dossier ORDER BY code::text LIMIT 120000" >/dev/null
watch "SELECT motcua.refresh_kpis()"
check "refresh_kpis finished" "exit 0" "$(tail -1 "$WORK_DIR/work.out")"
check "its batches were seen from another session" "t" "$(grep -q '^refresh_kpis: batch [0-9]* done' "$WORK_DIR/seen" && echo t)"
sed 's/^/# seen: /' "$WORK_DIR/seen" | sort -u | head -8
check "nothing is listed once the work is done" "0" "$(q "SELECT count(*) FROM motcua.progress WHERE database = 'progress_test'")"

psql -X -q -d postgres -c 'DROP DATABASE IF EXISTS progress_test'
tap_done

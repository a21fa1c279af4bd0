# Helpers of the suites that run against the mock national services
# (tools/mock_national.py): SQL as the test's superuser, SQLSTATEs, waits,
# and mocks started as children of the suite.  The caller sets $db and
# $WORK_DIR and has sourced tap.sh.
NATIONAL_MOCK=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../tools" && pwd)/mock_national.py
q() { psql -X -A -t -q -v ON_ERROR_STOP=1 -d "${2:-$db}" -c "$1" 2>&1; }
# sqlstate SQL: the SQLSTATE the statement fails with (empty if none)
sqlstate() { psql -X -A -t -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d $db -c "$1" 2>&1 | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' | head -1; }
# wait_for SQL [SECONDS]: until SQL says t (20 s at most)
wait_for() {
	local i limit=$(( ${2:-20} * 10 ))
	for ((i = 0; i < limit; i++)); do
		[ "$(q "$1")" = "t" ] && return 0
		sleep 0.1
	done
	return 1
}
# as ROLE SQL: the result, or "ERROR <sqlstate>"
as() {
	local out
	out=$(psql -X -A -t -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -U "$1" -d $db -c "$2" 2>&1)
	if [[ $out == *"ERROR:  "* ]]; then echo "ERROR $(printf '%s' "$out" | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' | head -1)"; else echo "$out"; fi
}
within() { wait_for "$1" "$2" && echo t || echo f; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
# mock NAME ARGS...: a mock national service on a free port of 127.0.0.1,
# a child of this script (it stops by itself after 10 minutes, or when
# this script ends); its port in $mock_port
mock() {
	local name=$1
	shift
	rm -f "$WORK_DIR/$name.port"
	python3 "$NATIONAL_MOCK" --port-file "$WORK_DIR/$name.port" --ttl 600 --quiet "$@" 2>"$WORK_DIR/$name.log" &
	pids+=($!)
	for _ in $(seq 100); do [ -s "$WORK_DIR/$name.port" ] && break; sleep 0.05; done
	mock_port=$(cat "$WORK_DIR/$name.port")
}
# admin METHOD PATH [BODY]: the mock's administration endpoint at $PORT
admin() { curl -s -X "$1" -H 'Content-Type: application/json' --data-binary "${3:-}" "http://127.0.0.1:$PORT/_admin/$2"; }
# make_database: $db made again with motcua and the sample data, as
# `make demo` makes its own
make_database() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>&1 | grep -v NOTICE
	psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$(dirname "$NATIONAL_MOCK")/demo_setup.sql" >/dev/null
}
# new_database: the same, with the cluster's schedulers running
new_database() {
	q "ALTER SYSTEM SET motcua.scheduler_enabled = on" postgres >/dev/null
	q "SELECT pg_reload_conf()" postgres >/dev/null
	make_database
}
# logins LOGIN=GROUP...: login roles made afresh as members of motcua's
# roles, to do the tests' tasks as the people who do them
logins() {
	local pair
	for pair in "$@"; do
		psql -X -q -d postgres -c "DROP ROLE IF EXISTS ${pair%%=*}" 2>/dev/null
		psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE ROLE ${pair%%=*} LOGIN IN ROLE ${pair#*=}" >/dev/null
	done
}

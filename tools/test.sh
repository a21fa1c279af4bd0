#!/usr/bin/env bash
# make test: build with -Werror, install, run every suite against a
# temporary instance with motcua preloaded, and print "N passed, N failed".
#
# Suites, in order: C unit tests (tests/unit), pg_regress (sql/, expected/),
# isolation specs (tests/isolation), pgTAP (tests/pgtap, by pg_prove),
# integration scripts (tests/sh), and a short fuzz run of every parser.
set -uo pipefail
cd "$(dirname "$0")/.."
. tools/pgtemp.sh

PASSED=0
FAILED=0
PGXS_DIR=$(dirname "$("$PGBIN/pg_config" --pgxs)")
REGRESS_BIN=$PGXS_DIR/../test/regress/pg_regress
ISOLATION_BIN=$PGXS_DIR/../test/isolation/pg_isolation_regress

WORK=$(mktemp -d /tmp/motcua-test.XXXXXX)
chmod 755 "$WORK"
cleanup() { pg_temp_stop; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# count_tap FILE STATUS SUITE: add a TAP stream's results to the totals.
# A stream that exited non-zero without a failing line counts as a failure
# (a crash or a wrong plan must not pass silently).
count_tap() {
	local file=$1 status=$2 suite=$3 ok notok
	ok=$(grep -cE '^[[:space:]]*ok [0-9]+' "$file")
	notok=$(grep -cE '^[[:space:]]*not ok [0-9]+' "$file")
	if [ "$status" -ne 0 ] && [ "$notok" -eq 0 ]; then notok=1; fi
	if [ "$ok" -eq 0 ] && [ "$notok" -eq 0 ]; then notok=1; fi
	PASSED=$((PASSED + ok))
	FAILED=$((FAILED + notok))
	printf '%-28s %5d passed, %d failed\n' "$suite" "$ok" "$notok"
	if [ "$notok" -ne 0 ]; then
		grep -E '^[[:space:]]*not ok|^#' "$file" | head -40
		[ "$status" -ne 0 ] && tail -20 "$file"
	fi
}

echo "== build"
if ! { make -s PG_CONFIG="$PGBIN/pg_config" >"$WORK/build.log" 2>&1 &&
	   make -s PG_CONFIG="$PGBIN/pg_config" install >>"$WORK/build.log" 2>&1; }; then
	cat "$WORK/build.log"
	echo "0 passed, 1 failed"
	exit 1
fi

echo "== C unit tests"
for t in tests/unit/test_*.c; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .c)
	link=$(sed -n '1s|/\* unit-link: \(.*\) \*/|\1|p' "$t")
	srcs=""
	libs=""
	# (a -lname in the unit-link line is a library, e.g. -lssl -lcrypto)
	for f in $link; do case $f in -l*) libs="$libs $f" ;; *) srcs="$srcs extension/$f" ;; esac; done
	if cc -std=gnu99 -Wall -Wextra -Werror -O2 -g -fsanitize=address,undefined \
		-fno-sanitize-recover=all -Iextension -o "$WORK/$name" "$t" $srcs $libs -lm \
		>"$WORK/$name.out" 2>&1; then
		"$WORK/$name" >"$WORK/$name.out" 2>&1
		count_tap "$WORK/$name.out" $? "unit/$name"
	else
		cat "$WORK/$name.out"
		FAILED=$((FAILED + 1))
	fi
done

echo "== temporary instance"
if ! pg_temp_start "$WORK/pg"; then
	echo "$PASSED passed, $((FAILED + 1)) failed"
	exit 1
fi
echo "PostgreSQL on port $PGPORT, socket $PGHOST"
# The suites check KPI sums and queues at exact moments: no scheduler may
# refresh behind their backs.  tests/sh/008_jobs.sh turns the schedulers
# on for itself.
psql -X -q -d postgres -c "ALTER SYSTEM SET motcua.scheduler_enabled = off" -c "SELECT pg_reload_conf()" >/dev/null

# run_suite NAME BIN INPUTDIR DB TESTS...: run pg_regress or
# pg_isolation_regress against the instance, in a database of its own
# (--use-existing neither creates the database nor loads the extension).
run_suite() {
	local name=$1 bin=$2 inputdir=$3 db=$4 ok bad status
	shift 4
	[ $# -gt 0 ] || return 0
	psql -q -X -d postgres -c "CREATE DATABASE $db" \
		-c "\\c $db" -c 'CREATE EXTENSION IF NOT EXISTS unaccent' -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' -c 'CREATE EXTENSION motcua' -c 'CREATE EXTENSION motcua_sample' >/dev/null
	"$bin" --use-existing --host="$PGHOST" --port="$PGPORT" --user=postgres \
		--inputdir="$inputdir" --outputdir="$WORK/$name" --dbname="$db" \
		--load-extension=unaccent --load-extension=pg_trgm --load-extension=motcua --load-extension=motcua_sample "$@" >"$WORK/$name.out" 2>&1
	status=$?
	ok=$(grep -cE '\.\.\. ok' "$WORK/$name.out")
	bad=$(grep -cE '\.\.\. (FAILED|failed)' "$WORK/$name.out")
	[ "$status" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
	PASSED=$((PASSED + ok)); FAILED=$((FAILED + bad))
	printf '%-28s %5d passed, %d failed\n' "$name" "$ok" "$bad"
	if [ "$bad" -ne 0 ]; then
		cat "$WORK/$name.out"
		head -c 20000 "$WORK/$name/regression.diffs" 2>/dev/null
	fi
}

echo "== pg_regress"
run_suite pg_regress "$REGRESS_BIN" . motcua_regress \
	$(ls sql/*.sql 2>/dev/null | sed 's|sql/\(.*\)\.sql|\1|' | sort)

echo "== isolation"
run_suite isolation "$ISOLATION_BIN" tests/isolation motcua_isolation \
	$(ls tests/isolation/specs/*.spec 2>/dev/null | sed 's|.*/\(.*\)\.spec|\1|' | sort)

echo "== pgTAP"
if ls tests/pgtap/*.sql >/dev/null 2>&1; then
	psql -q -X -v ON_ERROR_STOP=1 -d postgres -c 'CREATE DATABASE motcua_tap' \
		-c '\c motcua_tap' -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION IF NOT EXISTS unaccent' -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' -c 'CREATE EXTENSION motcua' -c 'CREATE EXTENSION motcua_sample' \
		>"$WORK/tap-setup.out" 2>&1 || cat "$WORK/tap-setup.out"
	pg_prove --verbose --host "$PGHOST" --port "$PGPORT" --username postgres \
		--dbname motcua_tap tests/pgtap/*.sql >"$WORK/pgtap.out" 2>&1
	count_tap "$WORK/pgtap.out" $? "pgtap"
fi

echo "== integration scripts"
for t in tests/sh/*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	WORK_DIR="$WORK/sh-$name" bash "$t" >"$WORK/sh-$name.out" 2>&1
	count_tap "$WORK/sh-$name.out" $? "sh/$name"
done

echo "== fuzz (short run; make fuzz for the long one)"
if FUZZ_RUNS=${FUZZ_RUNS:-200000} FUZZ_OUT="$WORK/fuzz" tools/fuzz.sh >"$WORK/fuzz.out" 2>&1; then :; fi
count_tap "$WORK/fuzz.out" 0 "fuzz"

echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]

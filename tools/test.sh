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
	for f in $link; do srcs="$srcs extension/$f"; done
	if cc -std=gnu99 -Wall -Wextra -Werror -O2 -g -fsanitize=address,undefined \
		-fno-sanitize-recover=all -Iextension -o "$WORK/$name" "$t" $srcs -lm \
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

echo "== pg_regress"
tests=$(ls sql/*.sql 2>/dev/null | sed 's|sql/\(.*\)\.sql|\1|' | sort)
if [ -n "$tests" ]; then
	# --use-existing neither creates the database nor loads the extension.
	psql -q -X -d postgres -c 'CREATE DATABASE motcua_regress' \
		-c '\c motcua_regress' -c 'CREATE EXTENSION motcua' >/dev/null
	"$REGRESS_BIN" --use-existing --host="$PGHOST" --port="$PGPORT" --user=postgres \
		--inputdir=. --outputdir="$WORK/regress" --dbname=motcua_regress \
		--load-extension=motcua $tests >"$WORK/regress.out" 2>&1
	status=$?
	ok=$(grep -cE '\.\.\. ok' "$WORK/regress.out")
	bad=$(grep -cE '\.\.\. (FAILED|failed)' "$WORK/regress.out")
	[ "$status" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
	PASSED=$((PASSED + ok)); FAILED=$((FAILED + bad))
	printf '%-28s %5d passed, %d failed\n' "pg_regress" "$ok" "$bad"
	if [ "$bad" -ne 0 ]; then
		cat "$WORK/regress.out"
		head -c 20000 "$WORK/regress/regression.diffs" 2>/dev/null
	fi
fi

echo "== isolation"
specs=$(ls tests/isolation/specs/*.spec 2>/dev/null | sed 's|.*/\(.*\)\.spec|\1|' | sort)
if [ -n "$specs" ]; then
	psql -q -X -d postgres -c 'CREATE DATABASE motcua_isolation' \
		-c '\c motcua_isolation' -c 'CREATE EXTENSION motcua' >/dev/null
	"$ISOLATION_BIN" --use-existing --host="$PGHOST" --port="$PGPORT" --user=postgres \
		--inputdir=tests/isolation --outputdir="$WORK/isolation" \
		--dbname=motcua_isolation --load-extension=motcua $specs >"$WORK/isolation.out" 2>&1
	status=$?
	ok=$(grep -cE '\.\.\. ok' "$WORK/isolation.out")
	bad=$(grep -cE '\.\.\. (FAILED|failed)' "$WORK/isolation.out")
	[ "$status" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
	PASSED=$((PASSED + ok)); FAILED=$((FAILED + bad))
	printf '%-28s %5d passed, %d failed\n' "isolation" "$ok" "$bad"
	if [ "$bad" -ne 0 ]; then
		cat "$WORK/isolation.out"
		head -c 20000 "$WORK/isolation/regression.diffs" 2>/dev/null
	fi
fi

echo "== pgTAP"
if ls tests/pgtap/*.sql >/dev/null 2>&1; then
	psql -q -X -v ON_ERROR_STOP=1 -d postgres -c 'CREATE DATABASE motcua_tap' \
		-c '\c motcua_tap' -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION motcua' \
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

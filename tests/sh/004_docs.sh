#!/usr/bin/env bash
# Docs that run (TAP output): every ```sql block of README.md and
# docs/*.md, in order, against a fresh database set up as `make demo` sets
# up its own (tools/demo_setup.sql).  The blocks of one file run in one
# psql session, so later blocks may use what earlier ones made (\gset
# variables, a dossier received above).  A block whose first line is
#   -- fails with SQLSTATE 22P02
# (any five-character SQLSTATE) must fail with exactly that SQLSTATE; any other block must run without error.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$WORK_DIR"
n=0
fail=0
blocks=0

for doc in "$root/README.md" "$root"/docs/*.md; do
	name=${doc#"$root"/}
	grep -q '^```sql' "$doc" || continue
	db=docs_test
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>&1 | grep -v NOTICE
	if ! psql -X -q -v ON_ERROR_STOP=1 -v db=$db -d $db -f "$root/tools/demo_setup.sql" >"$WORK_DIR/setup.out" 2>&1; then
		n=$((n + 1)); fail=1
		echo "not ok $n - $name: the demo database could not be set up"; sed 's/^/#   /' "$WORK_DIR/setup.out"
		continue
	fi
	# one psql script per file: each block, then a line saying how it went
	python3 - "$doc" "$name" >"$WORK_DIR/docs.sql" <<'PY'
import re, sys
path, name = sys.argv[1], sys.argv[2]
lines = open(path, encoding='utf-8').read().split('\n')
i = 0
k = 0
while i < len(lines):
    if lines[i].strip() == '```sql':
        start = i + 1
        j = start
        while j < len(lines) and lines[j].strip() != '```':
            j += 1
        body = '\n'.join(lines[start:j])
        k += 1
        where = f'{name} block {k} (line {start})'
        m = re.match(r'\s*--\s*fails with SQLSTATE\s+([0-9A-Z]{5})', lines[start] if start < j else '')
        if m:
            print('\\set ON_ERROR_STOP 0')
            print('\\set LAST_ERROR_SQLSTATE 00000')
            print(body)
            print(f"SELECT :'LAST_ERROR_SQLSTATE' = '{m.group(1)}' AS docs_block_ok \\gset")
            print('\\if :docs_block_ok')
            print(f"\\echo 'ok - {where} fails with SQLSTATE {m.group(1)}'")
            print('\\else')
            print(f"\\echo 'not ok - {where} should fail with SQLSTATE {m.group(1)}, got' :LAST_ERROR_SQLSTATE")
            print('\\endif')
        else:
            print('\\set ON_ERROR_STOP 1')
            print(f"\\echo 'running - {where}'")
            print(body)
            print(f"\\echo 'ok - {where}'")
        i = j + 1
    else:
        i += 1
PY
	psql -X -q -d $db -f "$WORK_DIR/docs.sql" >"$WORK_DIR/docs.out" 2>&1
	status=$?
	while IFS= read -r line; do
		case $line in
			'ok - '*) n=$((n + 1)); blocks=$((blocks + 1)); echo "ok $n ${line#ok }" ;;
			'not ok - '*) n=$((n + 1)); blocks=$((blocks + 1)); fail=1; echo "not ok $n ${line#not ok }" ;;
		esac
	done <"$WORK_DIR/docs.out"
	if [ $status -ne 0 ]; then
		# the block that was running when psql stopped
		n=$((n + 1)); blocks=$((blocks + 1)); fail=1
		echo "not ok $n - $(grep '^running - ' "$WORK_DIR/docs.out" | tail -1 | sed 's/^running - //') raised an error"
		grep -A30 '^running - ' "$WORK_DIR/docs.out" | tail -20 | sed 's/^/#   /'
	fi
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"
done
# the architecture picture is the one its graphviz source draws
n=$((n + 1))
if dot -Tsvg "$root/docs/architecture.dot" 2>/dev/null | cmp -s - "$root/docs/architecture.svg"; then
	echo "ok $n - docs/architecture.svg is drawn from docs/architecture.dot (make docs)"
else
	echo "not ok $n - docs/architecture.svg differs from what docs/architecture.dot draws: run make docs"; fail=1
fi
n=$((n + 1))
if [ $blocks -ge 10 ]; then echo "ok $n - $blocks blocks ran"; else echo "not ok $n - only $blocks blocks ran"; fail=1; fi
echo "1..$n"
exit $fail

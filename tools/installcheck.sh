#!/usr/bin/env bash
# The suites PGXS does not run, for `make installcheck` against a running
# server (PGHOST, PGPORT, PGUSER as for psql; the user must be a
# superuser): pgTAP (tests/pgtap, by pg_prove, in a database of its own)
# and the integration scripts (tests/sh).  `make test` runs the same
# suites on a temporary instance.
set -uo pipefail
cd "$(dirname "$0")/.."
db=motcua_installcheck_tap
status=0
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" &&
	psql -X -q -d "$db" -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION IF NOT EXISTS unaccent' -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' -c 'CREATE EXTENSION motcua' -c 'CREATE EXTENSION motcua_sample' || exit 1
pg_prove -d "$db" tests/pgtap/*.sql || status=1
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"
work=$(mktemp -d)
chmod 755 "$work"	# the server reads the test trust stores from it
for t in tests/sh/*.sh; do
	echo "# $t"
	WORK_DIR="$work/$(basename "$t" .sh)" bash "$t" || status=1
done
rm -rf "$work"
exit $status

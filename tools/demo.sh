#!/usr/bin/env bash
# make demo: build and install motcua, start a throwaway PostgreSQL under
# the project folder (.demo/), create the extension with the sample
# reference data and print a summary.  "tools/demo.sh stop" stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/pgtemp.sh

DEMO=$PWD/.demo
# The postgres OS user must reach the data directory; when the clone sits
# in a folder it cannot traverse, keep the cluster under /tmp instead.
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$PWD"; then
	DEMO=/tmp/motcua-demo
fi

if [ "${1:-}" = "stop" ]; then
	PGDATA_DIR=$DEMO/data pg_temp_stop
	rm -rf "$DEMO"
	echo "demo cluster stopped and removed"
	exit 0
fi

make -s PG_CONFIG="$PGBIN/pg_config"
make -s PG_CONFIG="$PGBIN/pg_config" install >/dev/null

if [ -f "$DEMO/data/postmaster.pid" ]; then
	PGDATA_DIR=$DEMO/data pg_temp_stop
fi
rm -rf "$DEMO"
pg_temp_start "$DEMO"

PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d postgres)
"${PSQL[@]}" -c 'CREATE DATABASE motcua' >/dev/null
PSQL=(psql -X -v ON_ERROR_STOP=1 -d motcua)

echo
echo "== motcua demo: sample reference data loaded"
"${PSQL[@]}" -q -f tools/demo_setup.sql
"${PSQL[@]}" -f tools/demo_summary.sql

cat <<MSG

== the demo cluster is running
  connect:  psql -h $PGHOST -p $PGPORT -U postgres motcua
  try:      SELECT * FROM motcua.procedure LIMIT 5;
            SELECT '0100109106'::tax_code, birth_year('001099012345');
            SELECT * FROM explain_deadline(now(), 5);
            SELECT name, schedule, next_run_at, last_status, scheduler FROM motcua.jobs;
  stop:     tools/demo.sh stop
MSG

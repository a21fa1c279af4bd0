#!/usr/bin/env bash
# Replication lag at the national hub (issue 18), not a test: two
# province clusters (H22, H79, wal_level = logical) and a hub, on
# loopback.  Both provinces run the dossier lifecycle of bench/lifecycle.sh
# with pgbench while their kpi_refresh job folds the KPIs (woken as the
# queue grows) and their hub_heartbeat job writes a heartbeat every second;
# the hub samples each heartbeat's transit (sent with the province's
# clock, stamped on arrival with the hub's: one machine, one clock).
# Baseline: the same lag with no load, measured first.  Target: p95 < 10 s.
# BENCH_SECONDS (default 60) is the load's length; BENCH_IDLE_SECONDS
# (default 15) the baseline's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
DURATION=${BENCH_SECONDS:-60}
IDLE=${BENCH_IDLE_SECONDS:-15}
CLIENTS=${BENCH_CLIENTS:-2}
unset PGHOST PGPORT PGDATA_DIR PGDATABASE PGOPTIONS

base=$(mktemp -d)
chmod 755 "$base"
datadirs=()
loads=()
stop_all() {
	local d p
	for p in "${loads[@]}"; do kill "$p" 2>/dev/null || true; done
	for d in "${datadirs[@]}"; do
		[ -f "$d/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1
	done
	rm -rf "$base"
	return 0
}
trap stop_all EXIT

# cluster NAME LOGICAL: a cluster under $base/NAME; NAME_HOST, NAME_PORT
cluster() {
	pg_temp_start "$base/$1"
	if [ "$2" = yes ]; then
		printf 'wal_level = logical\nmax_replication_slots = 10\nmax_wal_senders = 10\n' >>"$PGDATA_DIR/postgresql.conf"
	else
		printf 'max_logical_replication_workers = 8\n' >>"$PGDATA_DIR/postgresql.conf"
	fi
	printf 'motcua.launcher_naptime = 1\n' >>"$PGDATA_DIR/postgresql.conf"
	as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$base/$1/server.log" -w -t 60 restart >/dev/null
	printf -v "${1}_HOST" %s "$PGHOST"
	printf -v "${1}_PORT" %s "$PGPORT"
	datadirs+=("$PGDATA_DIR")
	unset PGHOST PGPORT PGDATA_DIR
}
# on NAME DB SQL...: psql as the superuser on cluster NAME
on() {
	local h=${1}_HOST p=${1}_PORT db=$2
	shift 2
	PGHOST=${!h} PGPORT=${!p} PGUSER=postgres psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}
# until_true NAME DB SQL SECONDS
until_true() {
	local i
	for ((i = 0; i < $4 * 5; i++)); do
		[ "$(on "$1" "$2" -c "$3" 2>/dev/null)" = t ] && return 0
		sleep 0.2
	done
	echo "timed out waiting for: $3" >&2
	return 1
}

cluster A yes
cluster B yes
cluster H no

# province NAME JURISDICTION: its database with the sample's units of its
# jurisdiction only, an officer leading its top unit, the heartbeat every
# second, the kpi_refresh job and nothing else running, published
province() {
	on "$1" postgres -c "CREATE DATABASE province" >/dev/null
	on "$1" province -f "$here/../tools/demo_setup.sql" >/dev/null
	on "$1" province -v jurisdiction="$2" -f "$here/../tools/keep_jurisdiction.sql" >/dev/null
	on "$1" province >/dev/null <<SQL
CREATE TABLE bench_unit AS SELECT row_number() OVER (ORDER BY id) AS i, id FROM motcua.unit WHERE receives_dossiers;
CREATE ROLE bench_officer LOGIN IN ROLE motcua_officer;
GRANT SELECT ON bench_unit TO bench_officer;
SELECT motcua.assign_staff('bench_officer', id, 'leader', '2000-01-01') FROM motcua.unit WHERE parent IS NULL;
SELECT motcua.publish_to_hub();
SELECT motcua.alter_job('hub_heartbeat', schedule => '1 second');
SELECT count(motcua.alter_job(name, enabled => false)) FROM motcua.jobs WHERE kind NOT IN ('hub_heartbeat', 'kpi_refresh');
SQL
	on H hub -c "SELECT motcua.subscribe_province(lower('$2'), 'host=127.0.0.1 port=$(v=${1}_PORT; echo ${!v}) dbname=province user=postgres')" >/dev/null
}
on H postgres -c "CREATE DATABASE hub" >/dev/null
on H hub -c "CREATE EXTENSION unaccent" -c "CREATE EXTENSION pg_trgm" -c "CREATE EXTENSION motcua" >/dev/null
province A H22
province B H79
until_true H hub "SELECT count(*) = 18 AND bool_and(srsubstate = 'r') FROM pg_subscription_rel" 60
until_true H hub "SELECT count(*) = 2 AND bool_and(slot_retained_bytes IS NOT NULL) FROM motcua.hub_status" 60
# the samples: each heartbeat's transit, read at the hub every 0.2 s
on H hub -c "CREATE TABLE lag_sample (phase text, jurisdiction text, sent_at timestamptz, received_at timestamptz,
	PRIMARY KEY (jurisdiction, sent_at))" >/dev/null
sample() {	# sample PHASE SECONDS
	on H hub -c "DO \$\$ BEGIN
		FOR i IN 1..$2 * 5 LOOP
			INSERT INTO lag_sample SELECT '$1', jurisdiction, sent_at, received_at FROM motcua_internal.hub_heartbeat
			ON CONFLICT DO NOTHING;
			COMMIT;
			PERFORM pg_sleep(0.2);
		END LOOP;
	END \$\$" >/dev/null
}
sample idle "$IDLE"

cat >"$base/lifecycle.pgb" <<'PGB'
\set u random(1, :nunits)
\set p random(10000000, 99999999)
SELECT motcua.receive('9.900010', '0010990' || lpad((:p % 100000)::text, 5, '0'), (SELECT id FROM bench_unit WHERE i = :u), 'direct') AS code \gset
SELECT motcua.transition(:code, 'accept', 'cb', '{}');
SELECT motcua.transition(:code, 'assign', 'cb', '{"officer": "cv"}');
SELECT motcua.transition(:code, 'request_supplement', 'cv', '{"reason": "thiếu giấy tờ"}');
SELECT motcua.transition(:code, 'supplement_received', 'cb', '{}');
SELECT motcua.transition(:code, 'complete', 'cv', '{"esigned": true}');
PGB
for c in A B; do
	h=${c}_HOST p=${c}_PORT
	n=$(on $c province -c "SELECT count(*) FROM bench_unit")
	PGHOST=${!h} PGPORT=${!p} "$PGBIN/pgbench" -n -M extended -c "$CLIENTS" -j 1 -T "$DURATION" -D nunits="$n" \
		-U bench_officer -f "$base/lifecycle.pgb" province >"$base/$c.pgbench" 2>&1 &
	loads+=($!)
done
sample load "$DURATION"
for p in "${loads[@]}"; do wait "$p" || { cat "$base"/*.pgbench >&2; exit 1; }; done
loads=()
# the last folds reach the hub: every province's sums equal at the hub
for c in A B; do on $c province -c "SELECT motcua.refresh_kpis()" >/dev/null; done
sums="SELECT coalesce(sum(received), 0) || '/' || coalesce(sum(finished), 0) FROM motcua_internal.kpi_unit_period WHERE kind = 'y'"
want=$(python3 -c 'import sys; a, b = (x.split("/") for x in sys.argv[1:]); print("%d/%d" % (int(a[0]) + int(b[0]), int(a[1]) + int(b[1])))' \
	"$(on A province -c "$sums")" "$(on B province -c "$sums")")
t0=$(date +%s.%N)
until_true H hub "SELECT ($sums) = '$want'" 120
drain=$(python3 -c "import sys; print(round($(date +%s.%N) - $t0, 1))")

tps() { printf "%.1f" "$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$base/$1.pgbench")"; }
read -r idle50 idle95 idlen load50 load95 loadmax loadn < <(on H hub -F ' ' -c "
	SELECT round(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY received_at - sent_at) FILTER (WHERE phase = 'idle'))::numeric, 3),
		   round(extract(epoch FROM percentile_cont(0.95) WITHIN GROUP (ORDER BY received_at - sent_at) FILTER (WHERE phase = 'idle'))::numeric, 3),
		   count(*) FILTER (WHERE phase = 'idle'),
		   round(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY received_at - sent_at) FILTER (WHERE phase = 'load'))::numeric, 3),
		   round(extract(epoch FROM percentile_cont(0.95) WITHIN GROUP (ORDER BY received_at - sent_at) FILTER (WHERE phase = 'load'))::numeric, 3),
		   round(extract(epoch FROM max(received_at - sent_at) FILTER (WHERE phase = 'load'))::numeric, 3),
		   count(*) FILTER (WHERE phase = 'load')
	FROM lag_sample")
met=$(python3 -c "print('yes' if $load95 < 10 else 'no')")
echo "replication lag at the national hub: 2 provinces, pgbench lifecycle ($CLIENTS clients each, $DURATION s), kpi_refresh job folding"
echo "  load: H22 $(tps A) dossiers/s, H79 $(tps B) dossiers/s ($(on A province -c 'SELECT count(*) FROM motcua.dossier') + $(on B province -c 'SELECT count(*) FROM motcua.dossier') dossiers)"
echo "  lag under load   p50 ${load50} s, p95 ${load95} s, max ${loadmax} s ($loadn heartbeats)  (target p95 < 10 s: $met)"
echo "  lag without load p50 ${idle50} s, p95 ${idle95} s ($idlen heartbeats)  (baseline)"
echo "  after the load, the hub's year sums equal both provinces' ($want received/finished) ${drain} s after the last refresh"
bench_result "hub replication lag p50 under lifecycle load (s)" "$load50" "$idle50" s "-" "-"
bench_result "hub replication lag p95 under lifecycle load (s)" "$load95" "$idle95" s "< 10 s" "$met"

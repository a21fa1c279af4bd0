#!/usr/bin/env bash
# National-database lookups against the mock national services on
# loopback: LOOKUPS (50,000; 200,000 in the large size) queued and
# released at once (the
# backlog case), answered by the national_lookup job.  Prints lookups per
# second with the errors, the connector's peak memory in each half of the run,
# the most requests and connections the mock saw at once (bounded by the
# source's max_concurrency), and the mock's own capacity measured in the
# same run (the ceiling: a keep-alive client doing nothing else).
# Where pg_net is installed in this PostgreSQL (or PG_NET_SRC names a
# pg_net source tree, which is then built and installed), it is preloaded
# into the same cluster and asked for the same lookups in the same run
# (net.http_get per key; its background worker answers them), and both
# rates are printed; BENCH_PG_NET=0 leaves it out.  pg_net answers a few
# hundred a second, so it gets the first BENCH_PG_NET_LOOKUPS of the keys
# (a fifth of LOOKUPS) to keep the run short.  None of pg_net's code
# is in motcua.
# Targets (issue: workers part 2): >= 2,000 lookups/s with zero errors,
# memory flat within 10%.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
CONCURRENCY=${CONCURRENCY:-64}
NET_LOOKUPS=${BENCH_PG_NET_LOOKUPS:-$((LOOKUPS / 5))}
bench_start >/dev/null
PG_NET=no
if [ "${BENCH_PG_NET:-1}" != 0 ]; then
	if [ -n "${PG_NET_SRC:-}" ]; then
		# pg_net, built from the given tree
		make -s -C "$PG_NET_SRC" PG_CONFIG="$PGBIN/pg_config" >"$BENCH_WORK/pg_net.build.log" 2>&1
		SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
		$SUDO make -s -C "$PG_NET_SRC" PG_CONFIG="$PGBIN/pg_config" install >>"$BENCH_WORK/pg_net.build.log" 2>&1
	fi
	if [ -f "$("$PGBIN/pg_config" --pkglibdir)/pg_net.so" ] && [ -f "$("$PGBIN/pg_config" --sharedir)/extension/pg_net.control" ]; then
		PG_NET=yes
	fi
fi
if [ $PG_NET = yes ]; then
	# pg_net preloaded beside motcua
	as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -w -m fast stop >/dev/null
	cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
shared_preload_libraries = 'motcua,pg_net'
pg_net.database_name = 'bench'
CONF
	as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$BENCH_WORK/pg/server.log" -w start >/dev/null
	psql -X -q -c 'CREATE EXTENSION pg_net' >/dev/null
fi
q() { psql -X -A -t -q -v ON_ERROR_STOP=1 -c "$1"; }
( python3 tools/mock_national.py --port-file "$BENCH_WORK/mock.port" --ttl 3600 --quiet 2>"$BENCH_WORK/mock.log" ) &
mock=$!
trap 'kill $mock 2>/dev/null; pg_temp_stop; rm -rf "$BENCH_WORK"' EXIT
for _ in $(seq 100); do [ -s "$BENCH_WORK/mock.port" ] && break; sleep 0.05; done
PORT=$(cat "$BENCH_WORK/mock.port")
admin() { curl -s -X "$1" "http://127.0.0.1:$PORT/_admin/$2"; }
q "SELECT count(*) FROM motcua.load_sample_data()" >/dev/null
capacity=$(python3 tools/mock_national.py --self-bench 3 2>/dev/null | sed -n 's/.*capacity: \([0-9]*\).*/\1/p')

# queue them with the source disabled, then release them at once
q "SELECT motcua.configure_source('population', '{\"kind\": \"population\", \"endpoint\": \"http://127.0.0.1:$PORT/population\",
	\"max_concurrency\": $CONCURRENCY, \"enabled\": false}')" >/dev/null
q "SELECT count(motcua.request_lookup('population', '001' || lpad(i::text, 9, '0')))
   FROM (SELECT i FROM generate_series(1, $LOOKUPS + $LOOKUPS / 999 + 1) i WHERE i % 1000 <> 404 LIMIT $LOOKUPS) s" >/dev/null
queued=$(q "SELECT count(*) FROM motcua.lookup_request WHERE status = 'pending'")
q "SELECT motcua.configure_source('population', '{\"enabled\": true}')" >/dev/null
psql -X -q -d postgres -c 'ALTER SYSTEM SET motcua.scheduler_enabled = on' -c 'SELECT pg_reload_conf()' >/dev/null
admin POST reset_stats >/dev/null
t0=$(date +%s%N)
q "SELECT motcua.run_job('national_lookup')" >/dev/null

# the connector's process: its memory sampled all along (the peak of the
# first half, from a tenth of the way, against the peak of the second: a
# leak grows from one to the other; what a batch frees is given back, so
# a single reading would only catch where the heap stands in its cycle),
# and its open files at the busiest
pid=""
until [ -n "$pid" ]; do
	pid=$(q "SELECT pid FROM pg_stat_activity WHERE backend_type = 'motcua job' AND query LIKE 'motcua%lookup%' LIMIT 1")
	[ -n "$pid" ] || sleep 0.1
done
rss() { awk '/^Anonymous:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0; }
fds_max=0
peak_first=0
peak_second=0
while :; do
	done_n=$(q "SELECT count(*) FROM motcua.lookup_request WHERE status IN ('succeeded', 'failed')")
	[ "$done_n" -ge "$queued" ] && break
	kb=$(rss)
	if [ "$done_n" -ge $((queued / 10)) ] && [ "$done_n" -lt $((queued * 55 / 100)) ]; then
		[ "$kb" -gt "$peak_first" ] && peak_first=$kb
	elif [ "$done_n" -ge $((queued * 55 / 100)) ]; then
		[ "$kb" -gt "$peak_second" ] && peak_second=$kb
	fi
	fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
	[ "$fds" -gt "$fds_max" ] && fds_max=$fds
	sleep 0.5
done
t1=$(date +%s%N)
failed=$(q "SELECT count(*) FROM motcua.lookup_request WHERE status = 'failed'")
stats=$(admin GET stats)
max_in_flight=$(printf '%s' "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["max_in_flight"])')
max_conn=$(printf '%s' "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["max_connections"])')
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) / 1e9}')
rate=$(awk -v n="$queued" -v s="$secs" 'BEGIN {printf "%d", n / s}')
printf 'National lookups against the mock (loopback, HTTP/1.1 keep-alive), %s queued and released at once\n' "$queued"
printf '  %-34s %12s %12s %8s %10s\n' figure ours baseline ratio target
printf '  %-34s %12s %12s %8s %10s\n' 'lookups/s (baseline: mock capacity)' "$rate" "$capacity" \
	"$(awk -v a="$rate" -v b="$capacity" 'BEGIN {printf "%.2f", a / b}')" '>= 2000'
printf '  %-34s %12s\n' 'errors (failed lookups)' "$failed"
printf '  %-34s %12s\n' 'seconds' "$secs"
printf '  connector memory (anonymous kB, peak): %s from 10%% to 55%% of the lookups, %s from 55%% to the end: %+.1f%% (target: flat within 10%%)\n' \
	"$peak_first" "$peak_second" "$(awk -v a="$peak_first" -v b="$peak_second" 'BEGIN {print (b - a) * 100 / a}')"
printf '  at once: %s requests in flight and %s connections at the mock (one is this script'"'"'s), %s open files in the connector (max_concurrency %s)\n' \
	"$max_in_flight" "$max_conn" "$fds_max" "$CONCURRENCY"

bench_result "national lookups/s, $queued queued at once (baseline: the mock's own capacity)" "$rate" "$capacity" 'lookups/s' '>= 2000/s' \
	"$(bench_met 'a >= 2000' a="$rate")"
bench_result "national lookups failed, of $queued" "$failed" - lookups 0 "$(bench_met 'a == 0' a="$failed")"
bench_result "connector memory peak, 55%-100% of the lookups (baseline: peak 10%-55%)" "$peak_second" "$peak_first" kB 'growth <= 10%' \
	"$(bench_met 'b > 0 && a <= b * 1.1' a="$peak_second" b="$peak_first")"

# --- the same lookups through pg_net, where it is installed -----------------
if [ $PG_NET = yes ]; then
	admin POST reset_stats >/dev/null
	t0=$(date +%s%N)
	q "SELECT count(net.http_get('http://127.0.0.1:$PORT/population/records/001' || lpad(i::text, 9, '0')))
	   FROM (SELECT i FROM generate_series(1, $NET_LOOKUPS + $NET_LOOKUPS / 999 + 1) i WHERE i % 1000 <> 404 LIMIT $NET_LOOKUPS) s" >/dev/null
	until [ "$(q "SELECT count(*) >= $NET_LOOKUPS FROM net._http_response")" = t ]; do sleep 0.5; done
	t1=$(date +%s%N)
	net_errors=$(q "SELECT count(*) FROM net._http_response WHERE status_code IS DISTINCT FROM 200 OR error_msg IS NOT NULL")
	net_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) / 1e9}')
	net_rate=$(awk -v n="$NET_LOOKUPS" -v s="$net_secs" 'BEGIN {printf "%d", n / s}')
	printf 'The first %s of the same lookups through pg_net %s (net.http_get, responses in net._http_response), same cluster, same mock\n' \
		"$NET_LOOKUPS" "$(q "SELECT extversion FROM pg_extension WHERE extname = 'pg_net'")"
	printf '  %-34s %12s %12s %8s\n' figure motcua pg_net ratio
	printf '  %-34s %12s %12s %8s\n' 'lookups/s' "$rate" "$net_rate" "$(awk -v a="$rate" -v b="$net_rate" 'BEGIN {printf "%.2f", a / b}')"
	printf '  %-34s %12s %12s\n' 'errors' "$failed" "$net_errors"
	printf '  (pg_net with its defaults: batch_size 200; it answers requests, motcua also stores each record and its access-log line)\n'
	bench_result "national lookups/s, $queued queued at once (baseline: $NET_LOOKUPS through pg_net $(q "SELECT extversion FROM pg_extension WHERE extname = 'pg_net'"), net.http_get)" \
		"$rate" "$net_rate" 'lookups/s' - -
	bench_result "lookups failed through pg_net, of $NET_LOOKUPS (for comparison)" "$net_errors" - lookups - -
fi

# Shared by the benchmarks: a temporary instance and a timing helper.
# Each benchmark prints its figure next to a baseline measured in the same
# run on the same instance; nothing here asserts on time.
. "$(dirname "${BASH_SOURCE[0]}")/../tools/pgtemp.sh"

bench_start() {
	BENCH_WORK=$(mktemp -d)
	chmod 755 "$BENCH_WORK"
	trap 'pg_temp_stop; rm -rf "$BENCH_WORK"' EXIT
	pg_temp_start "$BENCH_WORK/pg"
	# no scheduler folds KPIs behind a measurement (a benchmark turns them
	# on where it measures them)
	psql -X -q -d postgres -c 'ALTER SYSTEM SET motcua.scheduler_enabled = off' -c 'SELECT pg_reload_conf()' >/dev/null
	psql -X -q -d postgres -c 'CREATE DATABASE bench' \
		-c "ALTER DATABASE bench SET motcua.backdating_window = '3650d'" >/dev/null   # the loads enter past records
	export PGDATABASE=bench
	# motcua's operators live in its schema
	export PGOPTIONS='-c search_path=public,motcua,motcua_internal'
	psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS unaccent' -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' -c 'CREATE EXTENSION motcua' -c 'CREATE EXTENSION motcua_sample' -f "$(dirname "${BASH_SOURCE[0]}")/timing.sql" >/dev/null
}

# bench_result FIGURE OURS BASELINE UNIT TARGET MET: one row of make bench's
# table (bench/run.sh collects the lines that start with "@result|").
# OURS and BASELINE are numbers (BASELINE "-" when the figure has none),
# TARGET a readable rule ("<= 3x", ">= 2000/s", "0"), MET yes or no, as the
# benchmark judged it from its own measurement.
bench_result() {
	printf '@result|%s|%s|%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" "$5" "$6"
}

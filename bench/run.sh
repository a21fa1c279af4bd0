#!/usr/bin/env bash
# make bench: run every benchmark in bench/ (each starts its own instance
# and prints its figures next to a baseline measured in the same run), then
# print one table of all their figures -- figure | ours | baseline | ratio
# (ours/baseline) | target | met -- and write it to bench/results.md with
# the machine and the date.  A benchmark that fails shows as a row with met
# "failed" (its figures so far are kept), the others still run, and this
# script exits non-zero.  Nothing here asserts on time: targets are judged
# by each benchmark from its own measurement.
#
# Data size: BENCH_SIZE=default (the whole run in under 20 minutes on a
# 2-core machine) or BENCH_SIZE=large (the issue's figures: 10,000,000
# dossiers for the KPI engine, 1,000,000 subjects with 10,000,000 warehouse
# documents, 60 s pgbench runs, 2 minutes of 1,000 due jobs per scheduler,
# 10,000 scheduler runs, 200,000 lookups; well over an hour and about 20 GB
# of disk).  Each figure can be set alone (bench/lib.sh has the list):
#   BENCH_IDS                values parsed (parse_ids.sh)           1,000,000 / 1,000,000
#   BENCH_RECEIPTS           rows of add_working_days               1,000,000 / 1,000,000
#   BENCH_LIFECYCLE_SECONDS  seconds per lifecycle pgbench run     20 / 60
#   BENCH_ROUNDS             lifecycle rounds (median, min-max)     3 / 3
#   BENCH_SUBJECTS           reuse_check subjects (x10 documents)   200,000 / 1,000,000
#   BENCH_REUSE_SECONDS      seconds per reuse_check pgbench run    20 / 30
#   BENCH_DOSSIERS           KPI engine dossiers                    1,000,000 / 10,000,000
#   BENCH_CHANGES            dossiers changed before the refresh    BENCH_DOSSIERS / 1000
#   BENCH_SCHED_MINUTES      minutes of 1,000 due jobs, each side   1 / 2
#   BENCH_SCHED_RUNS         scheduler runs between memory readings 5,000 / 10,000
#   BENCH_IDLE_SECONDS       idle scheduler watched for statements  30 / 60
#   LOOKUPS                  national lookups queued at once        50,000 / 200,000
#   BENCH_PG_NET_LOOKUPS     of them asked of pg_net, if installed  LOOKUPS / 5
# BENCH_ONLY="kpi lookups" runs only those benchmarks.
# Through make (make bench) the extension is built and installed first;
# BENCH_NO_INSTALL=1 uses the installed extension as it is.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
	make -s && make -s install >/dev/null || { echo "bench: build or install failed" >&2; exit 1; }
fi
. bench/lib.sh   # the sizes (and a check of BENCH_SIZE)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
t_start=$(date +%s)
echo "bench: size $BENCH_SIZE (dossiers $BENCH_DOSSIERS, subjects $BENCH_SUBJECTS, lookups $LOOKUPS," \
	"lifecycle ${BENCH_ROUNDS}x${BENCH_LIFECYCLE_SECONDS} s, scheduler $BENCH_SCHED_MINUTES min), started $started, load $load_start"
status=0
: >"$work/rows"
: >"$work/times"
for b in bench/*.sh; do
	name=$(basename "$b" .sh)
	case $name in run|lib) continue ;; esac
	if [ -n "${BENCH_ONLY:-}" ] && ! [[ " $BENCH_ONLY " == *" $name "* ]]; then continue; fi
	echo "== $b"
	t0=$(date +%s)
	bash "$b" 2>&1 | tee "$work/$name.out"
	rc=${PIPESTATUS[0]}
	t1=$(date +%s)
	grep '^@result|' "$work/$name.out" | cut -d'|' -f2- >>"$work/rows"
	if [ "$rc" -ne 0 ]; then
		status=1
		printf '%s (exit %s after %s s)|-|-|-|-|failed\n' "bench/$name.sh" "$rc" "$((t1 - t0))" >>"$work/rows"
	elif ! grep -q '^@result|' "$work/$name.out"; then
		status=1
		printf '%s (no figure printed)|-|-|-|-|failed\n' "bench/$name.sh" >>"$work/rows"
	fi
	printf '%s|%s|%s\n' "$name" "$((t1 - t0))" "$rc" >>"$work/times"
done
t_end=$(date +%s)
total=$((t_end - t_start))
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# rows: figure|ours|baseline|unit|target|met -> the table's six columns
awk -F'|' -v OFS='|' '
function num(x) { return x ~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/ }
function withunit(x, u) { return (x == "-" || x == "" || u == "-" || u == "") ? x : x " " u }
{
	ratio = "-"
	if (num($2) && num($3) && $3 + 0 != 0) {
		r = $2 / $3
		ratio = (r < 0.1) ? sprintf("%.4f", r) : sprintf("%.2f", r)
	}
	print $1, withunit($2, $4), withunit($3, $4), ratio, $5, $6
}' "$work/rows" >"$work/table"

# the table on the terminal
header='figure|ours|baseline|ratio|target|met'
echo
echo "bench: every figure (size $BENCH_SIZE; $((total / 60)) min $((total % 60)) s)"
{ echo "$header"; cat "$work/table"; } | awk -F'|' '
{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR; nf = NF }
END {
	for (r = 1; r <= n; r++) {
		line = ""
		for (i = 1; i <= nf; i++) line = line sprintf(i == 1 ? "%-" w[i] "s" : " | %" (i == nf ? "-" : "") w[i] "s", cell[r, i])
		print line
		if (r == 1) { sep = ""; for (i = 1; i <= nf; i++) sep = sep (i == 1 ? "" : "-+-") sprintf("%" w[i] "s", "") ; gsub(/ /, "-", sep); print sep }
	}
}'

# the same table in bench/results.md, with the machine and the date
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
pgv=$("$PGBIN/postgres" --version 2>/dev/null || echo unknown)
{
	echo "# make bench results"
	echo
	echo "Written by bench/run.sh; every figure is measured next to its baseline in the same run on the same machine."
	echo
	echo "- date: $started, $((total / 60)) min $((total % 60)) s in all"
	echo "- size: BENCH_SIZE=$BENCH_SIZE (BENCH_DOSSIERS=$BENCH_DOSSIERS, BENCH_CHANGES=$BENCH_CHANGES, BENCH_SUBJECTS=$BENCH_SUBJECTS," \
		"BENCH_IDS=$BENCH_IDS, BENCH_RECEIPTS=$BENCH_RECEIPTS, BENCH_LIFECYCLE_SECONDS=$BENCH_LIFECYCLE_SECONDS, BENCH_ROUNDS=$BENCH_ROUNDS," \
		"BENCH_REUSE_SECONDS=$BENCH_REUSE_SECONDS, BENCH_SCHED_MINUTES=$BENCH_SCHED_MINUTES, BENCH_SCHED_RUNS=$BENCH_SCHED_RUNS," \
		"BENCH_IDLE_SECONDS=$BENCH_IDLE_SECONDS, LOOKUPS=$LOOKUPS)"
	echo "- machine: $(nproc) CPUs ($cpu), $mem memory, kernel $(uname -r), $pgv"
	echo "- load average (1, 5, 15 min): $load_start at the start, $load_end at the end"
	echo "- seconds per benchmark: $(awk -F'|' '{printf "%s%s %s s%s", (NR > 1 ? ", " : ""), $1, $2, ($3 != 0 ? " (failed)" : "")}' "$work/times")"
	echo
	echo "| figure | ours | baseline | ratio | target | met |"
	echo "| --- | ---: | ---: | ---: | --- | --- |"
	sed -e 's/|/ | /g' -e 's/^/| /' -e 's/$/ |/' "$work/table"
} >bench/results.md
echo
echo "bench: table written to bench/results.md; $(grep -c '|no$' "$work/table") figure(s) missing their target," \
	"$(grep -c '|failed$' "$work/table") benchmark(s) failed; load average $load_end"
exit $status

#!/usr/bin/env bash
# make fuzz: build a libFuzzer target per parser of outside text (the
# identifiers, cron expressions, the Retry-After header; clang with
# address and undefined-behaviour sanitizers) and run each for FUZZ_RUNS
# executions (default 1,000,000).  Prints one TAP line per target.
set -uo pipefail
set -f	# (the seeds hold cron stars: no file name expansion)
cd "$(dirname "$0")/.."

RUNS=${FUZZ_RUNS:-1000000}
OUT=${FUZZ_OUT:-.build/fuzz}
mkdir -p "$OUT"
targets=(personal_id tax_code unit_id dossier_code procedure_code cron retry_after)
# each target's source and number in it, and what it links
files=(idparse:1 idparse:2 idparse:3 idparse:4 idparse:5 text:1 text:2)
links=("idparse.c daynum.c" "idparse.c daynum.c" "idparse.c daynum.c" "idparse.c daynum.c" "idparse.c daynum.c"
	"cronexpr.c daynum.c" "connpolicy.c daynum.c")
seeds=(
	"001099012345 079203000123 001199012345"
	"0100109106 0311978680 0100109106-001"
	"000.00.01.H29 000.01.01.H59 G09.20 G09 H22.01.02.003"
	"000.00.01.H29-240115-0001 G09.20-251231-12345"
	"1.000894 2.000635 1.001612.000.00.00.H48"
	"*/5_*_*_*_* 0_3_*_*_1-5 @daily 30_1_1,15_*_* 0_0_29_2_*"
	"120 0 Wed,_21_Oct_2015_07:28:00_GMT Sunday,_06-Nov-94_08:49:37_GMT Sun_Nov__6_08:49:37_1994"
)

echo "1..${#targets[@]}"
n=0
status=0
for i in "${!targets[@]}"; do
	n=$((n + 1))
	t=${targets[$i]}
	bin=$OUT/fuzz_$t
	corpus=$OUT/corpus_$t
	mkdir -p "$corpus"
	k=0
	# (seeds: "_" stands for a space)
	for s in ${seeds[$i]}; do printf '%s' "${s//_/ }" >"$corpus/seed$k"; k=$((k + 1)); done
	src=tests/fuzz/fuzz_${files[$i]%%:*}.c
	objs=""
	for f in ${links[$i]}; do objs="$objs extension/$f"; done
	if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-DFUZZ_TARGET=${files[$i]##*:} -Iextension -o "$bin" "$src" $objs >"$OUT/$t.build.log" 2>&1; then
		cat "$OUT/$t.build.log"
		echo "not ok $n - fuzz_$t builds"
		status=1
		continue
	fi
	if "$bin" -runs="$RUNS" -max_len=64 -seed=$((n * 7919)) "$corpus" >"$OUT/$t.log" 2>&1; then
		execs=$(grep -oE 'Done [0-9]+ runs' "$OUT/$t.log" | grep -oE '[0-9]+')
		echo "ok $n - fuzz_$t: ${execs:-?} executions, no crash"
	else
		tail -30 "$OUT/$t.log"
		echo "not ok $n - fuzz_$t crashed (reproducer in $OUT)"
		status=1
	fi
done
exit $status

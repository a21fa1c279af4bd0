#!/usr/bin/env bash
# make fuzz: build a libFuzzer target per identifier parser (clang with
# address and undefined-behaviour sanitizers) and run each for FUZZ_RUNS
# executions (default 1,000,000).  Prints one TAP line per target.
set -uo pipefail
cd "$(dirname "$0")/.."

RUNS=${FUZZ_RUNS:-1000000}
OUT=${FUZZ_OUT:-.build/fuzz}
mkdir -p "$OUT"
targets=(personal_id tax_code unit_id dossier_code procedure_code)
seeds=(
	"001099012345 079203000123 001199012345"
	"0100109106 0311978680 0100109106-001"
	"000.00.01.H29 000.01.01.H59 G09.20 G09 H22.01.02.003"
	"000.00.01.H29-240115-0001 G09.20-251231-12345"
	"1.000894 2.000635 1.001612.000.00.00.H48"
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
	for s in ${seeds[$i]}; do printf '%s' "$s" >"$corpus/seed$k"; k=$((k + 1)); done
	if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-DFUZZ_TARGET=$((i + 1)) -Iextension -o "$bin" tests/fuzz/fuzz_idparse.c \
		extension/idparse.c extension/daynum.c >"$OUT/$t.build.log" 2>&1; then
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

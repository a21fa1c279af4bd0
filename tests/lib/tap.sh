# TAP helpers for the integration scripts in tests/sh (sourced, not run).
# check DESCRIPTION EXPECTED ACTUAL prints one "ok"/"not ok" line;
# tap_done prints the plan and exits non-zero if any check failed.
n=0
fail=0
check() {
	n=$((n + 1))
	if [ "$2" = "$3" ]; then echo "ok $n - $1"; else
		echo "not ok $n - $1"; echo "#   expected: $2"; echo "#   got:      $3"; fail=1; fi
}
tap_done() {
	echo "1..$n"
	exit $fail
}

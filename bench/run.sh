#!/usr/bin/env bash
# make bench: run every benchmark in bench/ (each starts its own instance).
set -uo pipefail
cd "$(dirname "$0")/.."
make -s && make -s install >/dev/null
status=0
for b in bench/*.sh; do
	case $b in */run.sh|*/lib.sh) continue ;; esac
	echo "== $b"
	bash "$b" || status=1
done
exit $status

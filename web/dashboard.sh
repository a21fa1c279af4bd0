#!/usr/bin/env bash
# Start, stop or export the leaders' dashboard (web/server.js), the
# interface tools/demo.sh and tests/sh/017_dashboard.sh call:
#   web/dashboard.sh start STATE_DIR   serve on 127.0.0.1, write STATE_DIR/dashboard.url
#                                      and .pid, wait until it answers, print the URL
#   web/dashboard.sh stop STATE_DIR
#   web/dashboard.sh export OUT.html   one self-contained HTML file (figures inlined)
# Environment: PGHOST, PGPORT (the cluster), DASHBOARD_DB, DASHBOARD_USER (a
# login in motcua_bi), optional DASHBOARD_PORT (default: a free port),
# DASHBOARD_YEAR and DASHBOARD_JURISDICTION for the export.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

usage() { echo "usage: $0 start STATE_DIR | stop STATE_DIR | export OUT.html" >&2; exit 2; }
[ $# -eq 2 ] || usage

# deps: node_modules from the committed lock file, when missing
deps() {
	command -v node >/dev/null || { echo "dashboard: node is not installed (Node.js 20)" >&2; exit 1; }
	if [ ! -d "$here/node_modules/pg" ]; then
		echo "dashboard: installing web/node_modules (npm ci)" >&2
		if ! (cd "$here" && npm ci --no-audit --no-fund >&2); then
			echo "dashboard: npm ci failed: the npm registry is needed once (make bootstrap on a machine online); the dashboard itself then runs offline" >&2
			exit 1
		fi
	fi
}
need_env() {
	: "${DASHBOARD_DB:?dashboard: set DASHBOARD_DB}" "${DASHBOARD_USER:?dashboard: set DASHBOARD_USER}"
}
# answers URL: the server says ok
answers() { curl -sf --max-time 5 -o /dev/null "${1}healthz"; }
alive() { [ -s "$1/dashboard.pid" ] && kill -0 "$(cat "$1/dashboard.pid")" 2>/dev/null; }

case $1 in
start)
	state=$2
	mkdir -p "$state"
	state=$(cd "$state" && pwd)
	if alive "$state" && [ -s "$state/dashboard.url" ] && answers "$(cat "$state/dashboard.url")"; then
		cat "$state/dashboard.url"
		exit 0
	fi
	if alive "$state"; then kill "$(cat "$state/dashboard.pid")" 2>/dev/null || true; fi
	need_env
	deps
	rm -f "$state/dashboard.url" "$state/dashboard.pid"
	args=(--url-file "$state/dashboard.url")
	[ -n "${DASHBOARD_PORT:-}" ] && args+=(--port "$DASHBOARD_PORT")
	nohup node "$here/server.js" "${args[@]}" >>"$state/dashboard.log" 2>&1 </dev/null &
	echo $! >"$state/dashboard.pid"
	for _ in $(seq 150); do
		if [ -s "$state/dashboard.url" ] && answers "$(cat "$state/dashboard.url")"; then
			cat "$state/dashboard.url"
			exit 0
		fi
		if ! alive "$state"; then break; fi
		sleep 0.1
	done
	echo "dashboard: did not start; its log ($state/dashboard.log) ends:" >&2
	tail -5 "$state/dashboard.log" >&2
	if alive "$state"; then kill "$(cat "$state/dashboard.pid")" 2>/dev/null || true; fi
	rm -f "$state/dashboard.pid"
	exit 1
	;;
stop)
	state=$2
	if alive "$state"; then
		pid=$(cat "$state/dashboard.pid")
		kill "$pid"
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
		echo "dashboard: stopped"
	fi
	rm -f "$state/dashboard.pid" "$state/dashboard.url"
	;;
export)
	need_env
	deps
	out=$2
	args=(--export "$out")
	[ -n "${DASHBOARD_YEAR:-}" ] && args+=(--year "$DASHBOARD_YEAR")
	[ -n "${DASHBOARD_JURISDICTION:-}" ] && args+=(--j "$DASHBOARD_JURISDICTION")
	node "$here/server.js" "${args[@]}"
	;;
*)
	usage
	;;
esac

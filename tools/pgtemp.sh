# Temporary PostgreSQL instance helpers, sourced by test.sh and demo.sh.
#
# initdb and postgres refuse to run as root, so the server runs as the
# "postgres" OS user in a data directory that user owns; clients run as the
# caller against the socket in that directory.  The server reads no file
# from the clone: the extension is installed into PostgreSQL's own folders.

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

# as_postgres runs a command as the postgres OS user (or directly when the
# caller is not root, e.g. a developer running as themselves).
as_postgres() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# free_port prints a TCP port on 127.0.0.1 nobody listens on.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# pg_temp_start BASE_DIR: create and start an instance under BASE_DIR
# with motcua preloaded; sets PGHOST, PGPORT, PGUSER, PGDATA_DIR.
pg_temp_start() {
	local base=$1
	mkdir -p "$base"
	if [ "$(id -u)" -eq 0 ]; then chown postgres: "$base"; fi
	PGDATA_DIR=$base/data
	PGPORT=$(free_port)
	as_postgres "$PGBIN/initdb" -D "$PGDATA_DIR" -A trust -U postgres -E UTF8 \
		--locale=C.UTF-8 --no-sync >"$base/initdb.log" 2>&1 || {
		cat "$base/initdb.log"; return 1; }
	cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$base'
shared_preload_libraries = 'motcua'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 60
max_worker_processes = 48
log_min_messages = warning
log_line_prefix = '%m [%p] %q%a '
timezone = 'Asia/Ho_Chi_Minh'
CONF
	as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$base/server.log" -w -t 60 start >/dev/null || {
		cat "$base/server.log"; return 1; }
	export PGHOST=$base PGPORT PGUSER=postgres PGDATA_DIR
}

# pg_temp_stop: stop the instance started by pg_temp_start, if any.
pg_temp_stop() {
	if [ -n "${PGDATA_DIR:-}" ] && [ -f "$PGDATA_DIR/postmaster.pid" ]; then
		as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
	fi
}

#!/usr/bin/env bash
# Scale-out (issue 18), TAP output: three clusters of its own on loopback,
# two provinces (wal_level = logical) and a national hub.  Quảng Ninh
# (H22) publishes; Hồ Chí Minh City (H79) starts at motcua 0.1, is
# upgraded while the hub serves H22, then publishes and is added to the
# running hub.  Dossiers received and finished by officers in both reach
# the national views, which must equal what each province computes from
# its own data; the hub stopped and started again loses nothing; no table
# with personal data is published; hub_status shows lag, slot size and
# the slot warning; the BI role reads the national views, logged in.
# Runs inside tools/test.sh (PGBIN, WORK_DIR) or alone; starts and stops
# its clusters itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
WORK_DIR=${WORK_DIR:-$(mktemp -d)}
mkdir -p "$WORK_DIR"
. "$root/tools/pgtemp.sh"
. "$here/../lib/tap.sh"
unset PGHOST PGPORT PGDATA_DIR

base=$(mktemp -d)
chmod 755 "$base"
datadirs=()
cleanup() {
	local d
	# (HUB_KEEP=1 leaves the clusters running, for a developer to look)
	[ -n "${HUB_KEEP:-}" ] && { echo "# kept: $base"; return 0; }
	for d in "${datadirs[@]}"; do
		[ -f "$d/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1
	done
	# the servers' logs stay with the suite's output
	cp "$base"/*/server.log "$WORK_DIR/" 2>/dev/null || true
	for d in "$base"/*; do [ -f "$d/server.log" ] && cp "$d/server.log" "$WORK_DIR/$(basename "$d").log"; done
	rm -rf "$base"
	return 0
}
trap cleanup EXIT

# cluster NAME LOGICAL: start a cluster under $base/NAME (wal_level
# logical when LOGICAL is yes); NAME_HOST, NAME_PORT, NAME_DATA
cluster() {
	local name=$1
	pg_temp_start "$base/$name"
	if [ "$2" = yes ]; then
		cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
wal_level = logical
max_replication_slots = 10
max_wal_senders = 10
CONF
	else
		cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
max_logical_replication_workers = 8
max_sync_workers_per_subscription = 2
CONF
	fi
	as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$base/$name/server.log" -w -t 60 restart >/dev/null
	printf -v "${name}_HOST" %s "$PGHOST"
	printf -v "${name}_PORT" %s "$PGPORT"
	printf -v "${name}_DATA" %s "$PGDATA_DIR"
	datadirs+=("$PGDATA_DIR")
	unset PGHOST PGPORT PGDATA_DIR
}
# on NAME DB SQL: run SQL as the superuser in DB of cluster NAME
on() {
	local h=${1}_HOST p=${1}_PORT
	PGHOST=${!h} PGPORT=${!p} PGUSER=postgres psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$2" -c "$3" 2>&1 || true
}
qa() { on A province "$1"; }
qb() { on B province "$1"; }
qh() { on H hub "$1"; }
# as NAME ROLE SQL: logged in as ROLE; the result or "ERROR <sqlstate>"
as() {
	local h=${1}_HOST p=${1}_PORT db=province out
	[ "$1" = H ] && db=hub
	out=$(PGHOST=${!h} PGPORT=${!p} psql -X -A -t -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -U "$2" -d $db -c "$3" 2>&1 || true)
	if [[ $out == *"ERROR:  "* ]]; then echo "ERROR $(printf '%s' "$out" | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' | head -1)"; else echo "$out"; fi
}
# until NAME DB SQL SECONDS: wait until SQL says t; prints t or f
until_true() {
	local i
	for ((i = 0; i < $4 * 5; i++)); do
		[ "$(on "$1" "$2" "$3")" = t ] && { echo t; return 0; }
		sleep 0.2
	done
	echo f
}
# keep_only CLUSTER JURISDICTION: drop the sample's other jurisdictions
# from the cluster's province database (a province's database holds its own)
keep_only() {
	local h=${1}_HOST p=${1}_PORT
	PGHOST=${!h} PGPORT=${!p} PGUSER=postgres psql -X -q -d province -v jurisdiction="$2" \
		-f "$here/../../tools/keep_jurisdiction.sql" 2>&1
}
# only the heartbeat runs in a province (KPIs are refreshed by this test)
quiet_jobs() {
	on "$1" province "SELECT count(motcua.alter_job(name, enabled => false)) FROM motcua.jobs WHERE kind <> 'hub_heartbeat'" >/dev/null
}
# work NAME UNIT PROCEDURE FIRST COUNT FINISHED: COUNT dossiers received
# by the officer of NAME (personal ids from FIRST), FINISHED of them
# accepted and completed
work() {
	local c i codes=()
	for ((i = 0; i < $5; i++)); do
		c=$(as "$1" "off_${1,,}" "SELECT motcua.receive('$3', '$(printf '0010993%05d' $(($4 + i)))', '$2', '$( ((i % 3 == 0)) && echo online || echo direct)')")
		codes+=("$c")
	done
	for ((i = 0; i < $6; i++)); do
		as "$1" "off_${1,,}" "SELECT motcua.transition('${codes[$i]}', 'accept', NULL, '{}')" >/dev/null
		as "$1" "off_${1,,}" "SELECT motcua.transition('${codes[$i]}', 'complete', NULL, '{}')" >/dev/null
	done
}
# logins NAME LOGIN=GROUP...: login roles in cluster NAME
logins() {
	local name=$1 pair
	shift
	for pair in "$@"; do on "$name" postgres "CREATE ROLE ${pair%%=*} LOGIN IN ROLE ${pair#*=}" >/dev/null; done
}
# plan_with_targets NAME JURISDICTION: the province's own plan for this
# year (online rate at least 30% at every tier), loaded by its administrator
plan_with_targets() {
	as "$1" "adm_${1,,}" "INSERT INTO motcua.plan (code, name, issuer, jurisdiction, legal_reference) VALUES ('$2-$year', 'Kế hoạch năm $year', 'UBND', '$2', 'Kế hoạch thử của tỉnh');
		INSERT INTO motcua.plan_target (plan, indicator, tier, year_from, year_to, target, quote)
		SELECT '$2-$year', 'online_rate', t, $year, $year, 30, 'tỷ lệ hồ sơ trực tuyến đạt tối thiểu 30%'
		FROM unnest(ARRAY['all', 'province', 'commune']) t;
		SELECT motcua.refresh_snapshots('{y}', '{$year-01-01}')"
}
month=$(date -u -d '+7 hours' +%Y-%m-01)
year=${month%%-*}
root_sums="SELECT received || '|' || received_online || '|' || finished || '|' || early + on_time || '|' || late FROM motcua.kpi
	WHERE unit = '%s' AND period_kind = 'm' AND period_start = '$month'"

cluster A yes
cluster B yes
cluster H no
for c in A B H; do
	on $c postgres "ALTER SYSTEM SET motcua.launcher_naptime = 1" >/dev/null
	on $c postgres "SELECT pg_reload_conf()" >/dev/null
done

# --- province A (H22) at 0.2 -------------------------------------------------
on A postgres "CREATE DATABASE province" >/dev/null
PGHOST=$A_HOST PGPORT=$A_PORT PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 -d province -f "$root/tools/demo_setup.sql" >/dev/null
keep_only A H22 >/dev/null
quiet_jobs A
logins A adm_a=motcua_admin off_a=motcua_officer
as A adm_a "SELECT motcua.assign_staff('off_a', '000.00.01.H22', 'front_desk')" >/dev/null
work A 000.00.01.H22 9.900010 1 7 5
qa "SELECT motcua.refresh_kpis()" >/dev/null
plan_with_targets A H22 >/dev/null
check "a database holding three jurisdictions refuses to publish (55000)" "ERROR 55000" \
	"$(on A postgres "CREATE DATABASE three" >/dev/null; PGHOST=$A_HOST PGPORT=$A_PORT psql -X -q -d three -f "$root/tools/demo_setup.sql" >/dev/null 2>&1;
	   out=$(PGHOST=$A_HOST PGPORT=$A_PORT psql -X -A -t -q -v VERBOSITY=verbose -d three -c "SELECT motcua.publish_to_hub()" 2>&1 || true)
	   echo "ERROR $(printf '%s' "$out" | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p')")"
check "the province's administrator, logged in, publishes to the hub" "publication motcua_hub of H22 made (9 tables)" \
	"$(as A adm_a "SELECT motcua.publish_to_hub()")"
check "publishing again changes nothing" "publication motcua_hub of H22 already there (9 tables)" \
	"$(as A adm_a "SELECT motcua.publish_to_hub()")"
check "an officer may not publish (42501)" "ERROR 42501" "$(as A off_a "SELECT motcua.publish_to_hub()")"

# --- no personal data is published --------------------------------------------
# personal data: every table under row-level security and the tables that
# hold people, their dossiers and what they did
personal="('motcua.subject'), ('motcua.dossier'), ('motcua.dossier_component'), ('motcua.dossier_event'),
	('motcua.document'), ('motcua.payment'), ('motcua.queue_ticket'), ('motcua.rating'), ('motcua.feedback'),
	('motcua.officer_rating'), ('motcua.postal_shipment'), ('motcua.copy_certification'), ('motcua.national_record'),
	('motcua_internal.kpi_dossier'), ('motcua_internal.lookup_request'), ('motcua_internal.portal_outbox')"
for c in A; do
	check "of the 9 tables $c publishes none is under row-level security or holds personal data" "9|" \
		"$(on $c province "SELECT count(*) || '|' || coalesce(string_agg(t.schemaname || '.' || t.tablename, ', ') FILTER (
				WHERE k.relrowsecurity OR k.oid IN (SELECT to_regclass(x) FROM (VALUES $personal) v(x))), '')
			FROM pg_publication_tables t JOIN pg_class k ON k.oid = format('%I.%I', t.schemaname, t.tablename)::regclass
			WHERE t.pubname = 'motcua_hub'")"
done
check "no partition (of the dossier table or any other) is published" "0" \
	"$(qa "SELECT count(*) FROM pg_publication_tables t JOIN pg_inherits i ON i.inhrelid = format('%I.%I', t.schemaname, t.tablename)::regclass
	       WHERE t.pubname = 'motcua_hub'")"
check "no row filter or column list hides part of a published table" "0" \
	"$(qa "SELECT count(*) FROM pg_publication_tables WHERE pubname = 'motcua_hub' AND (rowfilter IS NOT NULL OR
	       cardinality(attnames) <> (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = format('%I.%I', schemaname, tablename)::regclass AND a.attnum > 0 AND NOT a.attisdropped))")"
check "no table the extension seeds is published (the hub has them): TRUNCATE is not published either" "false|0" \
	"$(qa "SELECT bool_or(pubtruncate) || '|' || (SELECT count(*) FROM pg_publication_tables WHERE pubname = 'motcua_hub'
	       AND tablename IN ('index_766_indicator', 'kpi_indicator', 'plan', 'plan_target', 'job_kind', 'national_database', 'field', 'document_type'))
	       FROM pg_publication WHERE pubname = 'motcua_hub'")"
check "every published table is keyed by the national unit id or by the jurisdiction" "9|" \
	"$(qa "SELECT (SELECT count(*) FROM pg_publication_tables WHERE pubname = 'motcua_hub') || '|' || coalesce(string_agg(t.tablename, ', '), '') FROM pg_publication_tables t
	       WHERE t.pubname = 'motcua_hub' AND NOT EXISTS (
			SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
			WHERE i.indrelid = format('%I.%I', t.schemaname, t.tablename)::regclass AND i.indisprimary
			  AND (a.attname IN ('jurisdiction', 'unit') OR (t.tablename = 'unit' AND a.attname = 'id')
				   OR (t.tablename = 'jurisdiction' AND a.attname = 'code')))")"

# --- the hub ---------------------------------------------------------------------
on H postgres "CREATE DATABASE hub" >/dev/null
qh "CREATE EXTENSION unaccent; CREATE EXTENSION pg_trgm; CREATE EXTENSION motcua" >/dev/null
qh "ALTER DATABASE hub SET timezone = 'Asia/Ho_Chi_Minh'" >/dev/null
logins H adm_h=motcua_admin bi_h=motcua_bi
# H22 lets the hub in with a role of its own, as docs/operations.md sets
# it up (REPLICATION, reading the published tables); H79 as its superuser
qa "CREATE ROLE hub_reader LOGIN REPLICATION;
	GRANT USAGE ON SCHEMA motcua, motcua_internal TO hub_reader;
	GRANT SELECT ON motcua.jurisdiction, motcua.tier, motcua.unit, motcua_internal.kpi_unit_period,
		motcua_internal.kpi_unit_procedure_period, motcua_internal.index_766_snapshot,
		motcua_internal.plan_compliance_snapshot, motcua_internal.hub_procedure_version,
		motcua_internal.hub_heartbeat TO hub_reader" >/dev/null
connA="host=127.0.0.1 port=$A_PORT dbname=province user=hub_reader"
connB="host=127.0.0.1 port=$B_PORT dbname=province user=postgres"
check "subscribe_province refuses a name that is not an identifier (22023)" "ERROR 22023" \
	"$(as H postgres "SELECT motcua.subscribe_province('Quang Ninh', '$connA')")"
check "subscribe_province is the superuser's: the administrator is refused (42501)" "ERROR 42501" \
	"$(as H adm_h "SELECT motcua.subscribe_province('h22', '$connA')")"
check "a database without the publication is refused with a hint, and no slot is left there" "ERROR 42704|0" \
	"$(as H postgres "SELECT motcua.subscribe_province('h22', 'host=127.0.0.1 port=$A_PORT dbname=three user=postgres')" 2>&1; true)|$(on A postgres "SELECT count(*) FROM pg_replication_slots")" 
check "a province whose wal_level is not logical is refused (55000)" "ERROR 55000" \
	"$(as H postgres "SELECT motcua.subscribe_province('self', 'host=127.0.0.1 port=$H_PORT dbname=hub user=postgres')")"
check "the hub subscribes to H22" "province h22 (H22) subscribed: subscription and slot motcua_hub_h22" \
	"$(qh "SELECT motcua.subscribe_province('h22', '$connA')")"
check "subscribing again keeps the subscription" "province h22: subscription motcua_hub_h22 already there" \
	"$(qh "SELECT motcua.subscribe_province('h22', '$connA')")"
check "a new conninfo for a province already there replaces the old one" \
	"province h22: subscription motcua_hub_h22 now connects with the new conninfo|$connA application_name=hub" \
	"$(qh "SELECT motcua.subscribe_province('h22', '$connA application_name=hub')")|$(qh "SELECT subconninfo FROM pg_subscription")"
check "the slot is on the province" "motcua_hub_h22|logical" "$(qa "SELECT slot_name || '|' || slot_type FROM pg_replication_slots WHERE slot_name NOT LIKE 'pg\_%'")"
synced="SELECT count(*) = 9 AND bool_and(srsubstate = 'r') FROM pg_subscription_rel"
check "H22's tables are copied and streaming" "t" "$(until_true H hub "$synced" 30)"
check "the hub's own KPI jobs are off: its rows come from the provinces" "false|false" \
	"$(qh "SELECT string_agg(enabled::text, '|' ORDER BY name) FROM motcua.jobs WHERE kind IN ('kpi_refresh', 'snapshot_refresh')")"

# --- province B (H79): at 0.1 while the hub serves H22, then upgraded ------
on B postgres "CREATE DATABASE province" >/dev/null
qb "ALTER DATABASE province SET search_path = \"\$user\", public, motcua" >/dev/null
qb "ALTER DATABASE province SET timezone = 'Asia/Ho_Chi_Minh'" >/dev/null
qb "CREATE EXTENSION motcua VERSION '0.1'" >/dev/null
qb "SELECT count(*) FROM motcua.load_sample_data()" >/dev/null
keep_only B H79 >/dev/null
for i in 1 2 3; do
	qb "SELECT motcua.transition(motcua.receive('9.900010', '$(printf '0010994%05d' $i)', '000.00.31.H79', 'direct'), 'accept', 'cb', '{}')" >/dev/null
done
check "H79 runs 0.1 with dossiers" "0.1|3" "$(qb "SELECT extversion || '|' || (SELECT count(*) FROM motcua.dossier) FROM pg_extension WHERE extname = 'motcua'")"
upgrade_out=$(qb "CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm; ALTER EXTENSION motcua UPDATE")
check "H79 is upgraded to 0.2 with ALTER EXTENSION motcua UPDATE" "0.2" "$(qb "SELECT extversion FROM pg_extension WHERE extname = 'motcua'")$upgrade_out"
check "the hub kept serving H22 meanwhile" "H22" "$(as H bi_h "SELECT string_agg(jurisdiction, ',') FROM motcua.national_kpi WHERE scope <> 'nation' AND period_kind = 'm'")"
quiet_jobs B
logins B adm_b=motcua_admin off_b=motcua_officer
as B adm_b "SELECT motcua.assign_staff('off_b', '000.00.31.H79', 'front_desk')" >/dev/null
work B 000.00.31.H79 9.900010 101 12 6
# one dossier of H79 finished late: received before this month (entered
# late on paper, by the superuser), completed today
late=$(PGOPTIONS='-c motcua.backdating_window=120d' qb "SELECT motcua.receive('9.900010', '001099400099', '000.00.31.H79', 'direct',
	date_trunc('month', now()) - interval '20 days')")
as B off_b "SELECT motcua.transition('$late', 'accept', NULL, '{}')" >/dev/null
as B off_b "SELECT motcua.transition('$late', 'complete', NULL, '{}')" >/dev/null
qb "SELECT motcua.refresh_kpis()" >/dev/null
plan_with_targets B H79 >/dev/null
check "H79's administrator publishes after the upgrade" "publication motcua_hub of H79 made (9 tables)" \
	"$(as B adm_b "SELECT motcua.publish_to_hub()")"
check "of the 9 tables B publishes none is under row-level security or holds personal data" "9|" \
	"$(qb "SELECT count(*) || '|' || coalesce(string_agg(t.schemaname || '.' || t.tablename, ', ') FILTER (
			WHERE k.relrowsecurity OR k.oid IN (SELECT to_regclass(x) FROM (VALUES $personal) v(x))), '')
		FROM pg_publication_tables t JOIN pg_class k ON k.oid = format('%I.%I', t.schemaname, t.tablename)::regclass
		WHERE t.pubname = 'motcua_hub'")"
check "a second name for a jurisdiction the hub already has is refused (23505)" "ERROR 23505" \
	"$(as H postgres "SELECT motcua.subscribe_province('qn', '$connA')")"
check "H79 is added to the running hub" "province h79 (H79) subscribed: subscription and slot motcua_hub_h79" \
	"$(qh "SELECT motcua.subscribe_province('h79', '$connB')")"
check "both provinces' tables are copied and streaming" "t" \
	"$(until_true H hub "SELECT count(*) = 18 AND bool_and(srsubstate = 'r') FROM pg_subscription_rel" 30)"

# --- the national figures equal the provinces' own ----------------------------
# direct: each province's figures for its top unit, read there
direct_sum() {
	local a b
	a=$(qa "$(printf "$root_sums" 000.00.00.H22)")
	b=$(qb "$(printf "$root_sums" 000.00.00.H79)")
	python3 -c 'import sys; a, b = (list(map(int, x.split("|"))) for x in sys.argv[1:3]); print("|".join(str(x + y) for x, y in zip(a, b)))' "$a" "$b" 2>/dev/null || echo "unreadable: $a $b"
}
hub_nation="SELECT received || '|' || received_online || '|' || finished || '|' || early + on_time || '|' || late
	FROM motcua.national_kpi WHERE jurisdiction IS NULL AND period_kind = 'm' AND period_start = '$month'"
want=$(direct_sum)
check "the figures arrive: the nation's month is the sum of both provinces'" "t" \
	"$(until_true H hub "SELECT ($hub_nation) = '$want'" 20)"
check "the nation's month, counted: 22 received, 7 online, 12 finished, 11 in time, 1 late" "22|7|12|11|1" "$want"
check "each province's row equals its own top unit's figures" \
	"$(qa "$(printf "$root_sums" 000.00.00.H22)") $(qb "$(printf "$root_sums" 000.00.00.H79)")" \
	"$(qh "SELECT string_agg(received || '|' || received_online || '|' || finished || '|' || early + on_time || '|' || late, ' ' ORDER BY jurisdiction)
	       FROM motcua.national_kpi WHERE jurisdiction IS NOT NULL AND period_kind = 'm' AND period_start = '$month'")"
check "the nation's on-time rate is computed from the summed counts" \
	"$(qh "SELECT round(100.0 * sum(early + on_time) / sum(finished), 2) FROM motcua.national_kpi WHERE jurisdiction IS NOT NULL AND period_kind = 'y' AND period_start = '$year-01-01'")" \
	"$(qh "SELECT on_time_rate FROM motcua.national_kpi WHERE jurisdiction IS NULL AND period_kind = 'y' AND period_start = '$year-01-01'")"
# the Decision 766 ranking, computed here from each province's own index
points="SELECT jurisdiction || ':' || sum(coalesce(points, 0)) FROM motcua.index_766 x JOIN motcua.unit u ON u.id = x.unit
	WHERE u.parent IS NULL AND period_kind = 'm' AND period_start = '$month' GROUP BY u.jurisdiction"
ranking=$( { qa "$points"; qb "$points"; } | sort -t: -k2,2gr -k1,1 | awk -F: '{r = ($2 == prev) ? r : NR; prev = $2; printf "%s%s:%s:%s", (NR > 1 ? " " : ""), r, $1, $2}')
check "the 766 ranking of provinces equals the one computed from both provinces' own index" "$ranking" \
	"$(as H bi_h "SELECT string_agg(rank || ':' || jurisdiction || ':' || total_points, ' ' ORDER BY rank, jurisdiction)
	              FROM motcua.national_index_766 WHERE kind = 'province' AND period_kind = 'm' AND period_start = '$month'")"
check "the two provinces are ranked apart, with points" "2" \
	"$(qh "SELECT count(DISTINCT total_points) FILTER (WHERE total_points > 0) FROM motcua.national_index_766 WHERE period_kind = 'm' AND period_start = '$month'")"
compliance="SELECT count(*) || '|' || count(met) || '|' || count(*) FILTER (WHERE met) FROM motcua.plan_compliance WHERE period = $year"
check "plan compliance per province equals each province's own (units, measured, met)" \
	"H22|$(qa "$compliance") H79|$(qb "$compliance")" \
	"$(qh "SELECT string_agg(jurisdiction || '|' || units || '|' || units_measured || '|' || units_met, ' ' ORDER BY jurisdiction) FROM (
	       SELECT jurisdiction, sum(units) AS units, sum(units_measured) AS units_measured, sum(units_met) AS units_met
	       FROM motcua.national_plan_compliance WHERE jurisdiction IS NOT NULL AND period = $year GROUP BY jurisdiction) x")"
check "the BI role, logged in at the hub, reads the national views" "true|true|true" \
	"$(as H bi_h "SELECT (SELECT count(*) > 0 FROM motcua.national_kpi) || '|' || (SELECT count(*) > 0 FROM motcua.national_index_766) || '|' || (SELECT count(*) > 0 FROM motcua.national_plan_compliance)")"
check "no personal data reached the hub: no dossier, subject or event" "0|0|0" \
	"$(qh "SELECT (SELECT count(*) FROM motcua.dossier) || '|' || (SELECT count(*) FROM motcua.subject) || '|' || (SELECT count(*) FROM motcua.dossier_event)")"

# --- hub_status -----------------------------------------------------------------
check "the heartbeats of the provinces' hub_heartbeat jobs arrive, with their slots measured" "t" \
	"$(until_true H hub "SELECT count(*) = 2 AND bool_and(heartbeat_received_at > now() - interval '10 seconds' AND slot_retained_bytes IS NOT NULL) FROM motcua.hub_status" 40)"
check "hub_status shows each province receiving, with lag, slot size and no warning" "h22|H22|true|true|true|false|0.2| h79|H79|true|true|true|false|0.2|" \
	"$(as H bi_h "SELECT string_agg(province || '|' || jurisdiction || '|' || receiving || '|' || (lag < interval '10 seconds') || '|'
	              || (slot_retained_bytes >= 0) || '|' || slot_over_limit || '|' || province_version || '|' || coalesce(warning, ''), ' ' ORDER BY province)
	              FROM motcua.hub_status")"
as A adm_a "SELECT motcua.alter_job('hub_heartbeat', config => '{\"slot_warning\": \"1\"}')" >/dev/null
# (a write, so that the slot has WAL to retain when the heartbeat measures it)
qa "SELECT motcua.refresh_kpis()" >/dev/null
check "with the limit set tiny, hub_status flags H22's slot and says so" "h22|true|true|the province's slot is over its limit" \
	"$(until_true H hub "SELECT slot_over_limit FROM motcua.hub_status WHERE province = 'h22'" 20 >/dev/null;
	   qh "SELECT province || '|' || slot_over_limit || '|' || (slot_warning_bytes = 1) || '|' || warning FROM motcua.hub_status WHERE slot_over_limit")"
check "and the province's log has the WARNING a DBA sees" "t" \
	"$(grep -q 'WARNING:  replication slot motcua_hub_h22 of the national hub retains .* more than the limit of 1 bytes' "$base/A/server.log" && echo t || echo f)"
as A adm_a "SELECT motcua.alter_job('hub_heartbeat', config => '{\"slot_warning\": \"1GB\"}')" >/dev/null
check "a limit that is not a size is refused when the job runs (22023)" "ERROR 22023" \
	"$(as A adm_a "SELECT motcua_internal.hub_slot_limit('lots')")"

# --- the hub down: nothing lost ---------------------------------------------------
as_postgres "$PGBIN/pg_ctl" -D "$H_DATA" -m fast -w stop >/dev/null
work A 000.00.01.H22 9.900010 21 4 4
work B 000.00.31.H79 9.900010 121 5 2
qa "SELECT motcua.refresh_kpis()" >/dev/null
qb "SELECT motcua.refresh_kpis()" >/dev/null
check "while the hub is down, the provinces keep its WAL in their slots" "t|t" \
	"$(qa "SELECT bool_and(NOT active AND pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) > 0) FROM pg_replication_slots")|$(qb "SELECT bool_and(NOT active AND pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) > 0) FROM pg_replication_slots")"
as_postgres "$PGBIN/pg_ctl" -D "$H_DATA" -l "$base/H/server.log" -w -t 60 start >/dev/null
want=$(direct_sum)
check "started again, the hub catches up from the slots: the nation's month is the sum again" "t" \
	"$(until_true H hub "SELECT ($hub_nation) = '$want'" 30)"
check "nothing was lost: 31 received, 18 finished" "31|18" "$(echo "$want" | cut -d'|' -f1,3)"
check "the ranking still equals the provinces' own" \
	"$( { qa "$points"; qb "$points"; } | sort -t: -k2,2gr -k1,1 | awk -F: '{r = ($2 == prev) ? r : NR; prev = $2; printf "%s%s:%s:%s", (NR > 1 ? " " : ""), r, $1, $2}')" \
	"$(qh "SELECT string_agg(rank || ':' || jurisdiction || ':' || total_points, ' ' ORDER BY rank, jurisdiction)
	       FROM motcua.national_index_766 WHERE kind = 'province' AND period_kind = 'm' AND period_start = '$month'")"
check "every KPI row of both provinces is on the hub, equal" \
	"$( { qa "SELECT unit || kind || period_start || ':' || received || '/' || finished FROM motcua_internal.kpi_unit_period";
	      qb "SELECT unit || kind || period_start || ':' || received || '/' || finished FROM motcua_internal.kpi_unit_period"; } | sort | md5sum)" \
	"$(qh "SELECT unit || kind || period_start || ':' || received || '/' || finished FROM motcua_internal.kpi_unit_period" | sort | md5sum)"
tap_done

#!/usr/bin/env bash
# The leaders' dashboard (web/), as a leader and a BI user meet it (TAP
# output): a cluster of its own with about 300 dossiers received and moved
# over ten months by officers of five Quảng Ninh units through the public
# functions (some late, some left overdue, some online); a login in
# motcua_bi; the dashboard started with web/dashboard.sh, opened in
# headless Chromium, every panel drawn and its figures equal to the KPI
# views read here and to counts made here from the dossiers; no request
# leaves 127.0.0.1; the mailed export opened from file:// with no network
# shows the same; logins outside motcua_bi are refused; every SQL block of
# docs/bi.md runs as the BI login and returns rows.
# Runs inside tools/test.sh (WORK_DIR set) or alone; SAVE_SCREENSHOT=1
# also copies the screenshot to docs/dashboard.png.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
WORK_DIR=${WORK_DIR:-$(mktemp -d)}
mkdir -p "$WORK_DIR"
chmod 755 "$WORK_DIR"
. "$here/../lib/tap.sh"
db=dashboard_test
. "$here/../lib/national.sh"
. "$root/tools/pgtemp.sh"
STATE=$WORK_DIR/dash
finish() {
	"$root/web/dashboard.sh" stop "$STATE" >/dev/null 2>&1 || true
	cleanup
	pg_temp_stop
}
trap finish EXIT

rm -rf "$WORK_DIR/pg" "$STATE"
pg_temp_start "$WORK_DIR/pg" || { echo "Bail out! the cluster did not start"; exit 1; }
# (the shared helpers are not written for set -e: their status is their
# last command's)
make_database || { echo "Bail out! the database could not be made"; exit 1; }
q "ALTER DATABASE $db SET motcua.backdating_window = '400d'" >/dev/null

# --- the fixture: five units, an officer each, ten months of dossiers ---------
logins dash_admin=motcua_admin dash_bi=motcua_bi dash_officer=motcua_officer \
	dash_o1=motcua_officer dash_o2=motcua_officer dash_o3=motcua_officer dash_o4=motcua_officer dash_o5=motcua_officer
# unit procedure dossiers late-in-ten online-every
FIXTURE="dash_o1 000.00.01.H22 9.900016 80 1 2
dash_o2 000.01.10.H22 9.900021 60 2 3
dash_o3 000.11.10.H22 9.900002 60 3 4
dash_o4 000.01.11.H22 9.900037 50 1 3
dash_o5 000.12.12.H22 9.900011 40 4 5"
seed=0
while read -r login unit proc n late online; do
	seed=$((seed + 1))
	as dash_admin "SELECT motcua.assign_staff('$login', '$unit', 'front_desk')" >/dev/null
	# received at 09:00 on days spread from 300 to 3 days ago; then all
	# accepted, `late` in ten finished three days after the legal deadline,
	# one in ten left open (overdue once its deadline passed), the rest
	# finished the next day
	psql -X -q -v ON_ERROR_STOP=1 -U "$login" -d $db -v unit="$unit" -v proc="$proc" -v n="$n" -v seed="$seed" \
		-v late="$late" -v online="$online" >>"$WORK_DIR/fixture.log" 2>&1 <<'SQL'
WITH r AS (
	SELECT i, (date_trunc('day', motcua.local_time(now())) - make_interval(days => 3 + (i * 297) / :n)
			   + interval '9 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at
	FROM generate_series(1, :n) i)
SELECT count(motcua.receive(:'proc', '001099' || lpad((:seed * 1000 + i)::text, 6, '0'), :'unit',
							CASE WHEN i % :online = 0 THEN 'online' ELSE 'direct' END, r.at))
FROM r;
CREATE TEMP TABLE f AS
SELECT code, received_at, due_at, (row_number() OVER (ORDER BY code) * 7 + :seed) % 10 AS k
FROM motcua.dossier WHERE unit = :'unit';
SELECT count(motcua.transition(code, 'accept', NULL, jsonb_build_object('at', received_at + interval '10 minutes'))) FROM f;
SELECT count(motcua.transition(code, 'complete', NULL, jsonb_build_object('at', t.at, 'esigned', k % 2 = 0)))
FROM f CROSS JOIN LATERAL (SELECT CASE WHEN k < :late THEN due_at + interval '3 days'
									   ELSE received_at + interval '1 day 1 hour' END AS at) t
WHERE k <> 9 AND t.at < now();
SQL
done <<<"$FIXTURE"
q "SELECT motcua.refresh_kpis()" >/dev/null
check "the fixture: 290 dossiers received by the officers of five units, some finished late, some open past their deadline" \
	"290|5|true|true|true" \
	"$(q "SELECT count(*) || '|' || count(DISTINCT unit) || '|' || bool_or(motcua.timeliness(code) = 'late') || '|' || bool_or(motcua.timeliness(code) = 'in_progress_overdue') || '|' || bool_or(channel = 'online') FROM motcua.dossier")"

# --- the dashboard, as the BI login ---------------------------------------------
export DASHBOARD_DB=$db DASHBOARD_USER=dash_bi
url=$("$root/web/dashboard.sh" start "$STATE" 2>"$WORK_DIR/start.err") || true
check "web/dashboard.sh start prints the address, on 127.0.0.1" "t" \
	"$([[ $url =~ ^http://127\.0\.0\.1:[0-9]+/$ ]] && echo t || { cat "$WORK_DIR/start.err" >&2; echo f; })"
pid=$(cat "$STATE/dashboard.pid" 2>/dev/null || echo none)
port=${url##*:}
port=${port%/}
check "the server listens on 127.0.0.1 only" "127.0.0.1:$port" \
	"$(ss -Hltnp 2>/dev/null | awk -v p="pid=$pid," '$0 ~ p {print $4}' | sort -u | tr '\n' ' ' | sed 's/ $//')"
check "a second start finds it running and prints the same address (same process)" "$url|$pid" \
	"$("$root/web/dashboard.sh" start "$STATE" 2>&1)|$(cat "$STATE/dashboard.pid")"
read_as=$(curl -s "${url}api/data" | python3 -c 'import json,sys; print(json.load(sys.stdin)["read_as"])' 2>/dev/null || echo "?")
check "its sessions log in as the BI login and read as motcua_bi" "dash_bi|motcua_bi" \
	"$(q "SELECT string_agg(DISTINCT usename, ',') FROM pg_stat_activity WHERE application_name = 'motcua_dashboard'")|$read_as"

code() { curl -s -o /dev/null -w '%{http_code}' "$1"; }
check "a year that is not one answers 400, an unknown jurisdiction 404, another jurisdiction's page 200" "400|404|200" \
	"$(code "${url}?year=20x6")|$(code "${url}?j=ZZZ")|$(code "${url}?j=H79")"
check "the page's own export link gives the self-contained file (figures and code inlined, no address)" "1|0|0" \
	"$(curl -s "${url}export.html" | grep -c 'id="motcua-data"' || true)|$(curl -s "${url}export.html" | grep -ciE 'https?://' || true)|$(curl -s "${url}export.html" | grep -c '<script src' || true)"

# the figures the views hold, read here as the superuser (year: the
# dashboard's default, the year of the month before this one)
Y=$(q "SELECT extract(year FROM motcua.local_time(now()) - interval '1 month')::int")
R=000.00.00.H22
views() {
	q "WITH k AS (SELECT * FROM motcua.kpi WHERE period_kind = 'y' AND period_start = make_date($Y, 1, 1)),
	units AS (SELECT k.* FROM k JOIN motcua.unit u ON u.id = k.unit
			  WHERE u.jurisdiction = 'H22' AND u.receives_dossiers AND u.active
				AND (k.received > 0 OR k.finished > 0 OR k.in_progress_overdue > 0)),
	pt AS (SELECT i.code, i.col FROM (VALUES ('online_rate', 'online_rate'), ('dossier_digitization_rate', 'digitized_dossier_rate'),
				('component_digitization_rate', 'component_digitization_rate'), ('not_reprovided_rate', 'not_reprovided_rate'),
				('component_reuse_rate', 'component_reuse_rate'), ('online_payment_rate', 'online_payment_rate'),
				('esigned_result_rate', 'esigned_result_rate')) i(code, col))
	SELECT concat_ws(E'\t', panel, key, attr, coalesce(value, '')) FROM (
		SELECT 'summary' AS panel, x.key, 'value' AS attr, x.value
		FROM k CROSS JOIN LATERAL (VALUES ('received', k.received::text), ('online_rate', k.online_rate::text),
			('finished', k.finished::text), ('on_time_rate', k.on_time_rate::text),
			('in_progress_overdue', k.in_progress_overdue::text)) x(key, value) WHERE k.unit::text = '$R'
		UNION ALL
		SELECT 'on_time_by_unit', units.unit::text, x.attr, x.value FROM units CROSS JOIN LATERAL (VALUES
			('value', on_time_rate::text), ('received', received::text), ('finished', finished::text), ('late', late::text)) x(attr, value)
		UNION ALL
		SELECT 'overdue_by_unit', unit::text, 'value', in_progress_overdue::text FROM units WHERE in_progress_overdue > 0
		UNION ALL
		SELECT 'plan_targets', pt.code, x.attr, x.value FROM pt CROSS JOIN k
		LEFT JOIN LATERAL (SELECT t.target FROM motcua.plan_target t WHERE t.plan = 'QN-KH140-2021' AND t.indicator = pt.code
			AND t.tier = 'all' AND t.area_class = 'all' AND t.target IS NOT NULL AND t.year_from <= $Y
			ORDER BY $Y <= t.year_to DESC, t.year_to DESC LIMIT 1) t ON true
		CROSS JOIN LATERAL (VALUES ('value', to_jsonb(k) ->> pt.col), ('target', t.target::text)) x(attr, value)
		WHERE k.unit::text = '$R'
		UNION ALL
		SELECT 'index_766', i.unit, x.attr, x.value FROM (
			SELECT unit::text AS unit, total_points, rank() OVER (ORDER BY total_points DESC) AS rank
			FROM (SELECT DISTINCT unit, total_points FROM motcua.index_766
				  WHERE period_kind = 'y' AND period_start = make_date($Y, 1, 1)
					AND unit::text LIKE '%.H22' AND unit::text <> '$R') d) i
		CROSS JOIN LATERAL (VALUES ('value', i.total_points::text), ('rank', i.rank::text)) x(attr, value)
		UNION ALL
		SELECT 'weekly', period_start::text, x.attr, x.value FROM motcua.kpi
		CROSS JOIN LATERAL (VALUES ('value', received::text), ('on-time-rate', on_time_rate::text), ('online-rate', online_rate::text)) x(attr, value)
		WHERE unit = '$R' AND period_kind = 'w'
		  AND period_start > date_trunc('week', motcua.local_time(now()))::date - 52 * 7
		UNION ALL
		SELECT 'service_points', s.unit::text, x.attr, x.value FROM motcua.service_points s
		CROSS JOIN LATERAL (VALUES ('value', on_time_rate_month::text), ('lat', latitude::text), ('lon', longitude::text),
			('queue', queue_length::text)) x(attr, value)
		WHERE s.jurisdiction = 'H22') f" | sort
}
views >"$WORK_DIR/views.tsv"

# --- in the browser ------------------------------------------------------------
PANELS="summary on_time_by_unit plan_targets index_766 weekly overdue_by_unit service_points"
browse() { (cd "$root/web" && node test/browser.js "$@") 2>>"$WORK_DIR/browser.log"; }
if browse "$url" "$WORK_DIR/page"; then :; else echo "# browser failed: $(tail -3 "$WORK_DIR/browser.log")"; fi
# panel FILE NAME FIELD: a panel's field from the browser's JSON
pj() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["panels"].get(sys.argv[2]); print("" if p is None else p[sys.argv[3]])' "$@" 2>/dev/null || echo "?"; }
for p in $PANELS; do
	check "panel $p ($(pj "$WORK_DIR/page.json" $p title)) is drawn: an SVG with marks, not the empty notice" "t|0" \
		"$([ "$(pj "$WORK_DIR/page.json" $p drawn)" -gt 0 ] 2>/dev/null && [ "$(pj "$WORK_DIR/page.json" $p width)" -gt 100 ] 2>/dev/null && echo t || echo f)|$(pj "$WORK_DIR/page.json" $p empty)"
done
sort "$WORK_DIR/page.tsv" >"$WORK_DIR/page.sorted.tsv" 2>/dev/null || : >"$WORK_DIR/page.sorted.tsv"
# same FILE_A FILE_B PATTERN: "t|" when the lines matching PATTERN are the
# same and there are some, else what differs (< the views, > the page)
same() {
	local a b
	a=$(grep -P "$3" "$1" || true)
	b=$(grep -P "$3" "$2" || true)
	echo "$([ -n "$a" ] && echo t || echo f)|$(diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | grep '^[<>]' || true)"
}
for p in $PANELS; do
	check "panel $p shows the figures the views hold ($(grep -cP "^$p\t" "$WORK_DIR/views.tsv" || true) figures)" "t|" \
		"$(same "$WORK_DIR/views.tsv" "$WORK_DIR/page.sorted.tsv" "^$p\t")"
done
# fig PANEL KEY ATTR: one figure read from the page
fig() { awk -F'\t' -v p="$1" -v k="$2" -v a="$3" '$1 == p && $2 == k && $3 == a {print $4}' "$WORK_DIR/page.tsv"; }
# counted here from the dossiers themselves, not from the KPI sums
local_year="motcua.local_time(%s) >= make_date($Y, 1, 1) AND motcua.local_time(%s) < make_date($Y + 1, 1, 1)"
yr() { printf "$local_year" "$1" "$1"; }
check "received per unit on the page = dossiers counted in the year" \
	"$(q "SELECT string_agg(unit::text || '=' || n, ' ' ORDER BY unit::text) FROM (SELECT unit, count(*) AS n FROM motcua.dossier WHERE $(yr received_at) GROUP BY unit) x")" \
	"$(awk -F'\t' '$1 == "on_time_by_unit" && $3 == "received" && $4 > 0 {print $2 "=" $4}' "$WORK_DIR/page.tsv" | sort | tr '\n' ' ' | sed 's/ $//')"
check "finished late per unit on the page = dossiers finished in the year after their legal deadline" \
	"$(q "SELECT string_agg(unit::text || '=' || n, ' ' ORDER BY unit::text) FROM (SELECT unit, count(*) AS n FROM motcua.dossier WHERE $(yr finished_at) AND finished_at > due_at GROUP BY unit) x")" \
	"$(awk -F'\t' '$1 == "on_time_by_unit" && $3 == "late" && $4 > 0 {print $2 "=" $4}' "$WORK_DIR/page.tsv" | sort | tr '\n' ' ' | sed 's/ $//')"
check "on-time rate of the province on the page = finished by the deadline / finished, counted from the dossiers" \
	"$(q "SELECT round(100.0 * count(*) FILTER (WHERE finished_at <= due_at) / count(*), 2) FROM motcua.dossier WHERE $(yr finished_at)")" \
	"$(fig summary on_time_rate value)"
if [ "$Y" = "$(q "SELECT extract(year FROM motcua.local_time(now()))::int")" ]; then
	check "overdue per unit on the page = open dossiers past their deadline now" \
		"$(q "SELECT string_agg(unit::text || '=' || n, ' ' ORDER BY unit::text) FROM (SELECT unit, count(*) AS n FROM motcua.dossier WHERE finished_at IS NULL AND motcua.timeliness(code) = 'in_progress_overdue' GROUP BY unit) x")" \
		"$(awk -F'\t' '$1 == "overdue_by_unit" {print $2 "=" $4}' "$WORK_DIR/page.tsv" | sort | tr '\n' ' ' | sed 's/ $//')"
else
	check "overdue per unit on the page = dossiers open on 31 December past their deadline" \
		"$(q "SELECT string_agg(unit::text || '=' || n, ' ' ORDER BY unit::text) FROM (SELECT unit, count(*) AS n FROM motcua.dossier WHERE (finished_at IS NULL OR motcua.local_time(finished_at) >= make_date($Y + 1, 1, 1)) AND motcua.local_time(due_at) < make_date($Y + 1, 1, 1) GROUP BY unit) x")" \
		"$(awk -F'\t' '$1 == "overdue_by_unit" {print $2 "=" $4}' "$WORK_DIR/page.tsv" | sort | tr '\n' ' ' | sed 's/ $//')"
fi
check "weekly received on the page = dossiers counted per ISO week of the last 52" \
	"$(q "SELECT string_agg(w || '=' || n, ' ' ORDER BY w) FROM (SELECT date_trunc('week', motcua.local_time(received_at))::date::text AS w, count(*) AS n FROM motcua.dossier GROUP BY 1) x WHERE w::date > date_trunc('week', motcua.local_time(now()))::date - 52 * 7")" \
	"$(awk -F'\t' '$1 == "weekly" && $3 == "value" && $4 > 0 {print $2 "=" $4}' "$WORK_DIR/page.tsv" | sort | tr '\n' ' ' | sed 's/ $//')"
check "the map draws one point per service point with coordinates" \
	"$(q "SELECT count(*) FROM motcua.unit WHERE jurisdiction = 'H22' AND receives_dossiers AND active AND latitude IS NOT NULL")" \
	"$(awk -F'\t' '$1 == "service_points" && $3 == "lat" && $4 != "" {n++} END {print n + 0}' "$WORK_DIR/page.tsv")"
check "the page is in Vietnamese with its diacritics (UTF-8 end to end)" \
	"Tỷ lệ đúng hạn theo đơn vị|Xếp hạng Bộ chỉ số 766 các đơn vị" \
	"$(pj "$WORK_DIR/page.json" on_time_by_unit title)|$(pj "$WORK_DIR/page.json" index_766 title)"
check "every request of the page went to 127.0.0.1 (and there were some), no page error" "t|0|0" \
	"$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("t" if d["requests"] else "f", len(d["outside"]), len(d["errors"]), sep="|")' "$WORK_DIR/page.json" 2>/dev/null || echo "?")"
cp "$WORK_DIR/page.png" "$WORK_DIR/dashboard.png" 2>/dev/null || true
check "a screenshot is saved (a PNG of the whole page)" "t" \
	"$(file "$WORK_DIR/dashboard.png" 2>/dev/null | grep -q 'PNG image data' && echo t || echo f)"
if [ "${SAVE_SCREENSHOT:-}" = 1 ]; then cp "$WORK_DIR/dashboard.png" "$root/docs/dashboard.png"; fi

# --- the static export, mailed and opened with no network ------------------------
"$root/web/dashboard.sh" export "$WORK_DIR/export.html" >/dev/null 2>"$WORK_DIR/export.err" || cat "$WORK_DIR/export.err" >&2
check "the export is one HTML file with no http:// or https:// in it and nothing to load (no src=, no href= but data:)" "t|0|0" \
	"$([ -s "$WORK_DIR/export.html" ] && echo t || echo f)|$(grep -ciE 'https?://' "$WORK_DIR/export.html" || true)|$(grep -oiE '(src|href)="[^"]*"' "$WORK_DIR/export.html" | grep -vc '"data:' || true)"
if browse "file://$WORK_DIR/export.html" "$WORK_DIR/export" --offline; then :; else echo "# browser failed: $(tail -3 "$WORK_DIR/browser.log")"; fi
check "opened from file:// with the network cut, it made no request but the file itself and drew every panel" "file://$WORK_DIR/export.html|0|0|7" \
	"$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(d["requests"]), len(d["outside"]), len(d["errors"]), sum(1 for p in d["panels"].values() if p["drawn"] > 0 and p["empty"] == 0), sep="|")' "$WORK_DIR/export.json" 2>/dev/null || echo "?")"
sort "$WORK_DIR/export.tsv" >"$WORK_DIR/export.sorted.tsv" 2>/dev/null || : >"$WORK_DIR/export.sorted.tsv"
check "and it shows the figures the views hold, as the server's page does ($(wc -l <"$WORK_DIR/views.tsv") figures)" "t|" \
	"$(same "$WORK_DIR/views.tsv" "$WORK_DIR/export.sorted.tsv" .)"

# --- who may run it ----------------------------------------------------------------
check "the BI login cannot read the dossiers' personal data: not the dossier table, not the subjects (42501)" "ERROR 42501|ERROR 42501" \
	"$(as dash_bi "SELECT subject FROM motcua.dossier LIMIT 1")|$(as dash_bi "SELECT count(*) FROM motcua.subject")"
check "the server refuses an officer's login (not in motcua_bi): nothing left running" "1|t|f" \
	"$(DASHBOARD_USER=dash_officer "$root/web/dashboard.sh" start "$WORK_DIR/officer" >/dev/null 2>"$WORK_DIR/officer.err"; echo $?)|$(grep -q 'not a member of motcua_bi' "$WORK_DIR/officer.err" && echo t || echo f)|$([ -s "$WORK_DIR/officer/dashboard.pid" ] && echo t || echo f)"
check "and the superuser (it shows what a BI login may read, no more)" "1|t" \
	"$(DASHBOARD_USER=postgres "$root/web/dashboard.sh" export "$WORK_DIR/super.html" >/dev/null 2>"$WORK_DIR/super.err"; echo $?)|$(grep -q 'superuser' "$WORK_DIR/super.err" && echo t || echo f)"

# --- docs/bi.md: every SQL block, as the BI login --------------------------------
python3 - "$root/docs/bi.md" "$WORK_DIR/bi" <<'PY'
import re, sys
blocks = re.findall(r"^```sql\n(.*?)^```", open(sys.argv[1], encoding="utf-8").read(), re.S | re.M)
for i, b in enumerate(blocks, 1):
    open(f"{sys.argv[2]}-{i:02d}.sql", "w", encoding="utf-8").write(b)
PY
nblocks=$(ls "$WORK_DIR"/bi-*.sql 2>/dev/null | wc -l)
check "docs/bi.md has a SQL block per panel at least (7)" "t" "$([ "$nblocks" -ge 7 ] && echo t || echo f)"
for f in "$WORK_DIR"/bi-*.sql; do
	[ -e "$f" ] || continue
	out=$(psql -X -A -t -q -v ON_ERROR_STOP=1 -U dash_bi -d $db -f "$f" 2>&1) && status=0 || status=$?
	check "docs/bi.md block $(basename "$f" .sql | sed 's/bi-//') ($(grep -m1 -o -- '-- .*' "$f" | cut -c4-60)) runs as the BI login and returns rows" "0|t" \
		"$status|$([ -n "$out" ] && [[ $out != *ERROR* ]] && echo t || echo f)"
done

# --- stop --------------------------------------------------------------------------
"$root/web/dashboard.sh" stop "$STATE" >/dev/null
check "web/dashboard.sh stop ends the server: the process is gone, the port answers no more" "f|f" \
	"$(kill -0 "$pid" 2>/dev/null && echo t || echo f)|$(curl -sf --max-time 2 -o /dev/null "${url}healthz" && echo t || echo f)"

tap_done

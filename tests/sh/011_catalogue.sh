#!/usr/bin/env bash
# catalogue_sync against the mock national procedure database, TAP
# output: versions applied with the day they start (a dossier received at
# the instant before keeps the old terms, one at the instant itself takes
# the new), earlier dossiers keeping theirs, a version to come taking
# over when its day comes, entries that make no sense rejected alone, the
# cursor, a catalogue that does not answer; and Decision 766's
# transparency indicators (published on time, made public on time,
# complete content) against counts made here, logged in as the roles.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK_DIR"
chmod 755 "$WORK_DIR"
. "$here/../lib/tap.sh"
db=catalogue_test
. "$here/../lib/national.sh"
# sync: run catalogue_sync now and print its status and message
sync() {
	local rid
	rid=$(q "SELECT motcua.run_job('catalogue_sync')")
	wait_for "SELECT status NOT IN ('started', 'running') FROM motcua.job_runs WHERE run_id = $rid" 20
	q "SELECT status || ': ' || message FROM motcua.job_runs WHERE run_id = $rid"
}
# newversion JSON: a new version of a procedure at the mock
newversion() { admin POST catalogue "$1" >/dev/null; }
# receive_at PROCEDURE TIME: a dossier received then (a paper reception
# entered late), as the superuser
receive_at() {
	PGOPTIONS='-c motcua.backdating_window=120d' q "SELECT motcua.receive('$1', '001099000777', '$U1', 'direct', '$2')"
}
terms() { q "SELECT fee || '|' || to_char(promised_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') FROM motcua.dossier WHERE code = '$1'"; }

mock catalogue
PORT=$mock_port
new_database
wait_for "SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'motcua scheduler' AND datname = '$db'" 20
wait_for "SELECT count(*) = 0 FROM pg_stat_activity WHERE backend_type = 'motcua job'" 60
# the catalogue is read when asked for in this test, not by the clock
q "SELECT motcua.alter_job('catalogue_sync', schedule => '0 0 1 1 *')" >/dev/null

P1=9.900016 # province tier, 3 working days, 50,000 đ in the sample
P2=9.900010 # commune tier
P3=9.900011 # commune tier: the mock sends it with terms that make no sense
U1=000.00.01.H22
q "SELECT motcua.refresh_kpis()" >/dev/null

logins cat_admin=motcua_admin cat_officer=motcua_officer cat_other=motcua_officer cat_bi=motcua_bi
as cat_admin "SELECT motcua.assign_staff('cat_officer', '$U1', 'front_desk')" >/dev/null
as cat_admin "SELECT motcua.assign_staff('cat_other', '000.11.10.H22', 'front_desk')" >/dev/null

# --- before any synchronization ----------------------------------------------
d_before=$(receive_at $P1 '2026-10-14 10:00+07')
q "SELECT motcua.refresh_kpis()" >/dev/null
check "unsynchronized, the transparency indicators say why" \
	"the procedure catalogue was never synchronized (job catalogue_sync)|3" \
	"$(q "SELECT min(reason) || '|' || count(*) FROM motcua.index_766 WHERE unit = '$U1' AND period_kind = 'm' AND period_start = '2026-10-01'
	      AND indicator IN ('published_on_time', 'made_public_on_time', 'complete_content') AND value IS NULL")"
check "without a catalogue source the job says there is none to read" \
	"succeeded: 0 procedures read from 0 catalogues (0 did not answer): 0 versions applied, 0 not run here, 0 rejected; 0 procedures changed version" \
	"$(sync)"

# --- configuration, logged in ------------------------------------------------
check "the administrator, logged in, configures the catalogue source" "" \
	"$(as cat_admin "SELECT motcua.configure_source('procedure_catalogue', '{\"kind\": \"procedure_catalogue\", \"endpoint\": \"http://127.0.0.1:$PORT/procedure_catalogue\", \"enabled\": true}')")"

# --- the first synchronization -----------------------------------------------
# P1 v1: 7 working days and a fee from 15/10/2026 (a Thursday), published
# 01/10 (on time: the province's deadline is 07/10); P2 v1: published
# 08/10, a day late, its content incomplete; P3: a unit of time that does
# not exist; and a procedure this province does not run
newversion "{\"code\": \"$P1\", \"name\": \"Đăng ký thành lập công ty TNHH một thành viên\", \"duration\": 7, \"duration_unit\": \"working_day\", \"fee\": 60000, \"decision_date\": \"2026-09-01\", \"effective_date\": \"2026-10-15\", \"published_at\": \"2026-10-01\", \"content_complete\": true}"
newversion "{\"code\": \"$P2\", \"name\": \"Đăng ký thường trú\", \"duration_days\": 5, \"decision_date\": \"2026-09-01\", \"effective_date\": \"2026-10-15\", \"published_at\": \"2026-10-08\", \"content_complete\": false}"
newversion "{\"code\": \"$P3\", \"name\": \"Đăng ký tạm trú\", \"duration\": 3, \"duration_unit\": \"fortnight\", \"effective_date\": \"2026-10-15\", \"published_at\": \"2026-10-01\"}"
newversion "{\"code\": \"1.099999\", \"name\": \"Thủ tục của tỉnh khác\", \"duration_days\": 3}"
ncat=$(curl -s "http://127.0.0.1:$PORT/procedure_catalogue/procedures" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["procedures"]))')
check "the first run reads the whole catalogue: two versions applied, the rest not run here, one rejected" \
	"succeeded: $ncat procedures read from 1 catalogues (0 did not answer): 2 versions applied, $((ncat - 3)) not run here, 1 rejected; 0 procedures changed version" \
	"$(sync)"
check "the rejected entry changed nothing of its procedure" "0|3.00|working_day" \
	"$(q "SELECT (SELECT count(*) FROM motcua.procedure_version WHERE procedure = '$P3') || '|' || duration || '|' || duration_unit FROM motcua.procedure WHERE code = '$P3'")"
check "P1's terms before the first synchronization are kept as version 0" "0|3.00|50000|local|-infinity" \
	"$(q "SELECT version || '|' || duration || '|' || fee || '|' || source || '|' || valid_from FROM motcua.procedure_version WHERE procedure = '$P1' AND version = 0")"
check "P1's version 1 starts at 00:00 of 15/10/2026 in Vietnam, and is on the procedure row" \
	"1|2026-10-14 17:00:00+00|7.00|60000|Đăng ký thành lập công ty TNHH một thành viên|" \
	"$(q "SELECT version || '|' || to_char(version_from AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS+00') || '|' || duration || '|' || fee || '|' || name || '|' || coalesce(next_version_from::text, '') FROM motcua.procedure WHERE code = '$P1'")"
check "the cursor is where the catalogue's answer ended" "t" \
	"$(q "SELECT cursor ~ '^20[0-9]{6}T[0-9]{6}[.][0-9]{6}Z$' FROM motcua.source_feed WHERE source = 'procedure_catalogue'")"
check "a second run asks only for what changed since: the last entry read again, nothing applied" \
	"succeeded: 1 procedures read from 1 catalogues (0 did not answer): 0 versions applied, 1 not run here, 0 rejected; 0 procedures changed version" \
	"$(sync)"

# --- which terms a dossier takes ----------------------------------------------
d_last=$(receive_at $P1 '2026-10-14 23:59:59.999999+07')
d_first=$(receive_at $P1 '2026-10-15 00:00:00+07')
check "a dossier received before the synchronization keeps its terms (50,000 đ, 3 working days)" "50000|2026-10-19 17:00" "$(terms $d_before)"
check "received at the last instant before the change: the old terms (50,000 đ, 3 working days)" "50000|2026-10-20 17:00" "$(terms $d_last)"
check "received at the change's very instant: the new terms (60,000 đ, 7 working days)" "60000|2026-10-26 17:00" "$(terms $d_first)"
check "the reception records the version it took" "0|1" \
	"$(q "SELECT string_agg(details->>'procedure_version', '|' ORDER BY dossier) FROM motcua.dossier_event WHERE dossier IN ('$d_last', '$d_first') AND seq = 1")"

# a version from today (Vietnam's day) on, and one to come
today=$(q "SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date")
d_v1=$(as cat_officer "SELECT motcua.receive('$P1', '001099000778', '$U1', 'direct')")
newversion "{\"code\": \"$P1\", \"fee\": 80000, \"effective_date\": \"$today\", \"published_at\": \"$today\", \"content_complete\": true}"
check "a version in force from today changes the procedure" \
	"succeeded: 2 procedures read from 1 catalogues (0 did not answer): 1 versions applied, 1 not run here, 0 rejected; 0 procedures changed version" \
	"$(sync)"
d_v2=$(as cat_officer "SELECT motcua.receive('$P1', '001099000779', '$U1', 'direct')")
check "the dossier received before the change keeps 60,000 đ, the one after pays 80,000 đ" "60000|80000" \
	"$(q "SELECT (SELECT fee FROM motcua.dossier WHERE code = '$d_v1') || '|' || (SELECT fee FROM motcua.dossier WHERE code = '$d_v2')")"
later=$(q "SELECT date '$today' + 90")
newversion "{\"code\": \"$P1\", \"fee\": 120000, \"effective_date\": \"$later\", \"published_at\": \"$today\"}"
sync >/dev/null
check "a version to come leaves the row as it is and says when it starts (00:00 in Vietnam)" "2|80000|$(q "SELECT to_char(date '$later' - 1, 'YYYY-MM-DD')") 17:00:00+00" \
	"$(q "SELECT version || '|' || fee || '|' || to_char(next_version_from AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS+00') FROM motcua.procedure WHERE code = '$P1'")"
d_now=$(as cat_officer "SELECT motcua.receive('$P1', '001099000780', '$U1', 'direct')")
check "until then receptions take the version in force" "80000" "$(q "SELECT fee FROM motcua.dossier WHERE code = '$d_now'")"
# its day comes (the test moves the day instead of waiting for it; the
# source is switched off so that no answer of the catalogue moves it back)
as cat_admin "SELECT motcua.configure_source('procedure_catalogue', '{\"enabled\": false}')" >/dev/null
q "UPDATE motcua.procedure_version SET valid_from = clock_timestamp() + interval '1 second' WHERE procedure = '$P1' AND version = 3" >/dev/null
q "SELECT motcua_internal.catalogue_roll('{$P1}')" >/dev/null
sleep 1.2
d_later=$(as cat_officer "SELECT motcua.receive('$P1', '001099000781', '$U1', 'direct')")
check "from its start, a reception takes it before the row is moved" "120000" "$(q "SELECT fee FROM motcua.dossier WHERE code = '$d_later'")"
check "the next run puts it on the procedure row" "1 procedures changed version|3|" \
	"$(sync | sed 's/.*; //')|$(q "SELECT version || '|' || coalesce(next_version_from::text, '') FROM motcua.procedure WHERE code = '$P1'")"
as cat_admin "SELECT motcua.configure_source('procedure_catalogue', '{\"enabled\": true}')" >/dev/null

# --- a catalogue that does not answer -----------------------------------------
cursor_before=$(q "SELECT cursor FROM motcua.source_feed WHERE source = 'procedure_catalogue'")
admin POST faults '{"match": "/procedure_catalogue/", "fault": "500", "times": 1}' >/dev/null
check "a catalogue that fails is counted, its cursor stays and nothing is written" \
	"succeeded: 0 procedures read from 1 catalogues (1 did not answer): 0 versions applied, 0 not run here, 0 rejected; 0 procedures changed version|$cursor_before|http_5xx" \
	"$(sync)|$(q "SELECT cursor FROM motcua.source_feed WHERE source = 'procedure_catalogue'")|$(q "SELECT last_failure FROM motcua.source_health WHERE source = 'procedure_catalogue'")"

# --- publication deadlines, per jurisdiction ----------------------------------
# 5 working days must lie between a province's decision and the effect
# (15/10: the deadline is 07/10), 20 for a ministry (16/09); no holiday
# falls between 03/09 and 15/10/2026
check "P1 v1: on time for the province (due 07/10), late for the ministry (due 16/09)" \
	"G17|2026-09-16|false H22|2026-10-07|true H79|2026-10-07|true" \
	"$(q "SELECT string_agg(jurisdiction || '|' || publication_due_on || '|' || published_on_time, ' ' ORDER BY jurisdiction) FROM motcua.procedure_transparency WHERE procedure = '$P1' AND version = 1")"
check "P2 v1, published on 08/10, a day after the deadline: late" "2026-10-07|false" \
	"$(q "SELECT publication_due_on || '|' || published_on_time FROM motcua.procedure_transparency WHERE procedure = '$P2' AND version = 1 AND jurisdiction = 'H22'")"

# --- postings, logged in ------------------------------------------------------
check "an officer records that their unit made P1 v1 public on its last day (08/10)" "" \
	"$(as cat_officer "SELECT motcua.record_made_public('$P1', 1, '$U1', '2026-10-08')")"
check "an officer of another unit may not record it for this one (42501)" "ERROR 42501" \
	"$(as cat_other "SELECT motcua.record_made_public('$P1', 1, '$U1', '2026-10-08')")"
check "a day before the publication is refused (22023)" "ERROR 22023" \
	"$(as cat_officer "SELECT motcua.record_made_public('$P1', 1, '$U1', '2026-09-30')")"
check "a day to come is refused (22023)" "ERROR 22023" \
	"$(as cat_officer "SELECT motcua.record_made_public('$P1', 1, '$U1', current_date + 30)")"
check "a version the catalogue never sent is refused (42704)" "ERROR 42704" \
	"$(as cat_officer "SELECT motcua.record_made_public('$P1', 9, '$U1', '2026-10-08')")"
check "the posting is kept with who recorded it" "2026-10-08|2026-10-08|true|cat_officer" \
	"$(q "SELECT s.due_on || '|' || s.made_public_on || '|' || s.on_time || '|' || p.recorded_by FROM motcua.procedure_posting_status s JOIN motcua.procedure_posting p USING (procedure, version, unit) WHERE s.procedure = '$P1' AND s.version = 1 AND s.unit = '$U1'")"
check "the refused attempts wrote nothing" "1" "$(q "SELECT count(*) FROM motcua.procedure_posting")"

# --- Decision 766, October 2026, against counts made here ----------------------
q "SELECT motcua.refresh_kpis()" >/dev/null
q "SELECT motcua.refresh_snapshots('{m}', '{2026-10-01}')" >/dev/null
# published on time in H22: of the two publications due in October, one on time
check "published on time (H22, October) = 1 of 2 = 50%" "50.00|3.00" \
	"$(q "SELECT value || '|' || points FROM motcua.index_766 WHERE unit = '$U1' AND period_kind = 'm' AND period_start = '2026-10-01' AND indicator = 'published_on_time'")"
# made public on time: P1 (province tier) at H22's receiving tier-1 units,
# P2 (commune tier) at its receiving tier-3 units; only U1 posted
direct=$(q "SELECT round(100.0 / ((SELECT count(*) FROM motcua.unit WHERE jurisdiction = 'H22' AND receives_dossiers AND active AND tier = 1)
                                 + (SELECT count(*) FROM motcua.unit WHERE jurisdiction = 'H22' AND receives_dossiers AND active AND tier = 3)), 2)")
check "made public on time at the province (its whole tree) equals the count made here ($direct%)" "$direct" \
	"$(q "SELECT value FROM motcua.index_766 WHERE unit = '000.00.00.H22' AND period_kind = 'm' AND period_start = '2026-10-01' AND indicator = 'made_public_on_time'")"
check "made public on time at U1 alone: 100%" "100.00|4" \
	"$(q "SELECT value || '|' || points FROM motcua.index_766 WHERE unit = '$U1' AND period_kind = 'm' AND period_start = '2026-10-01' AND indicator = 'made_public_on_time'")"
check "complete content at the end of October: P1 v1 complete, P2 v1 not = 50%" "50.00|1.00" \
	"$(q "SELECT value || '|' || points FROM motcua.index_766 WHERE unit = '$U1' AND period_kind = 'm' AND period_start = '2026-10-01' AND indicator = 'complete_content'")"
# a month where nothing fell due: December (today's publications are due
# next week, not yet)
q "SELECT motcua.refresh_snapshots('{m}', ARRAY[date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date])" >/dev/null
check "a month where no publication or posting fell due says so" "no publication or posting fell due in this period" \
	"$(q "SELECT reason FROM motcua.index_766 WHERE unit = '$U1' AND period_kind = 'm' AND period_start = date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AND indicator = 'made_public_on_time'")"
check "BI, logged in, reads the transparency views and the index" "true|true|true" \
	"$(as cat_bi "SELECT (SELECT count(*) > 0 FROM motcua.procedure_transparency) || '|' || (SELECT count(*) > 0 FROM motcua.procedure_posting_status) || '|' || (SELECT count(*) > 0 FROM motcua.index_766 WHERE indicator = 'published_on_time' AND value IS NOT NULL)")"
check "an officer may not apply a catalogue answer (42501)" "ERROR 42501" \
	"$(as cat_officer "SELECT * FROM motcua_internal.catalogue_apply('procedure_catalogue', '{\"procedures\": []}')")"

tap_done

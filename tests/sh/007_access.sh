#!/usr/bin/env bash
# Who may see and do what (TAP output), tried by logging in: two officers
# of different wards, a leader of their district, an officer with no
# assignment, one whose assignment ended, an auditor, an administrator, a
# BI role and a role with no motcua role.  Every read is a count through
# the tables and views they would use; every write is the public function
# a frontend calls.  A refused write leaves nothing behind.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
here=$(dirname "$0")
mkdir -p "$WORK_DIR"
. "$here/../lib/tap.sh"
db=access_test
A=000.11.10.H22   # ward Hồng Gai
B=000.12.10.H22   # another ward of Hạ Long
D=000.00.10.H22   # the city (district level): their leader
P=000.00.01.H22   # the province center
roles="acc_officer_a acc_officer_b acc_leader acc_unassigned acc_expired acc_clerk acc_auditor acc_admin acc_bi acc_nobody"

# as ROLE SQL: the result, or "ERROR <sqlstate>" when it fails
as() {
	local out
	out=$(psql -X -A -t -q -U "$1" -d $db -v ON_ERROR_STOP=1 -c '\set VERBOSITY sqlstate' -c "SET search_path = motcua, public" \
		-c "SET timezone = 'Asia/Ho_Chi_Minh'" -c "$2" 2>&1)
	if [[ $out == *"ERROR:"* ]]; then echo "ERROR $(grep -o 'ERROR:  [0-9A-Z]\{5\}' <<<"$out" | head -1 | cut -c9-)"; else echo "$out"; fi
}
su() { psql -X -A -t -q -d $db -v ON_ERROR_STOP=1 -c "SET search_path = motcua, public" -c "SET timezone = 'Asia/Ho_Chi_Minh'" -c "$1"; }

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" \
	-c "ALTER DATABASE $db SET motcua.backdating_window = '3650d'" 2>&1 | grep -v NOTICE
for r in $roles; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS $r"; done
psql -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<'SQL'
CREATE ROLE acc_officer_a LOGIN IN ROLE motcua_officer;
CREATE ROLE acc_officer_b LOGIN IN ROLE motcua_officer;
CREATE ROLE acc_leader LOGIN IN ROLE motcua_officer;
CREATE ROLE acc_unassigned LOGIN IN ROLE motcua_officer;
CREATE ROLE acc_expired LOGIN IN ROLE motcua_officer;
CREATE ROLE acc_clerk LOGIN IN ROLE motcua_officer;
CREATE ROLE acc_auditor LOGIN IN ROLE motcua_auditor;
CREATE ROLE acc_admin LOGIN IN ROLE motcua_admin;
CREATE ROLE acc_bi LOGIN IN ROLE motcua_bi;
CREATE ROLE acc_nobody LOGIN;
SQL
psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$here/../../tools/demo_setup.sql" >/dev/null
psql -X -q -d $db -c "DELETE FROM motcua_internal.pseudonym_key"   # made by the administrator below
# the clerk works under the default back-dating window (the database's
# is widened for the 2025 records of this test)
psql -X -q -d $db -c "ALTER ROLE acc_clerk IN DATABASE $db SET motcua.backdating_window = '7d'"

# --- assignments, made by the administrator ------------------------------
check "the administrator assigns officer A to ward A" "" "$(as acc_admin "SELECT assign_staff('acc_officer_a', '$A', 'front_desk', '2025-01-01')")"
as acc_admin "SELECT assign_staff('acc_officer_b', '$B', 'specialist', '2025-01-01')" >/dev/null
as acc_admin "SELECT assign_staff('acc_leader', '$D', 'leader', '2025-01-01')" >/dev/null
as acc_admin "SELECT assign_staff('acc_expired', '$A', 'front_desk', '2025-01-01', '2025-06-30')" >/dev/null
as acc_admin "SELECT assign_staff('acc_clerk', '$A', 'front_desk')" >/dev/null
check "an overlapping assignment is refused (23505)" "ERROR 23505" "$(as acc_admin "SELECT assign_staff('acc_officer_a', '$A', 'leader', '2025-06-01')")"
check "an unknown login is refused (42704)" "ERROR 42704" "$(as acc_admin "SELECT assign_staff('no_such_login', '$A', 'front_desk')")"
check "an unknown position is refused (22023)" "ERROR 22023" "$(as acc_admin "SELECT assign_staff('acc_unassigned', '$A', 'janitor')")"
check "an officer cannot assign staff (42501)" "ERROR 42501" "$(as acc_officer_a "SELECT assign_staff('acc_officer_a', '$B', 'leader')")"
check "nor read the assignments (42501)" "ERROR 42501" "$(as acc_officer_a "SELECT count(*) FROM staff_assignment")"
check "the auditor reads them" "5" "$(as acc_auditor "SELECT count(*) FROM staff_assignment")"

# --- data: receptions by the officers themselves ------------------------
a1=$(as acc_officer_a "SELECT receive('9.900010', '001099810001', '$A', 'direct', '2025-11-17 09:00+07')")
a2=$(as acc_officer_a "SELECT receive('9.900010', '001099810002', '$A', 'online', '2025-11-17 10:00+07')")
b1=$(as acc_officer_b "SELECT receive('9.900010', '001099810003', '$B', 'direct', '2025-11-17 09:00+07')")
b2=$(as acc_officer_b "SELECT receive('9.900010', '001099810004', '$B', 'postal', '2025-11-17 11:00+07')")
p1=$(su "SELECT receive('9.900010', '001099810005', '$P', 'direct', '2025-11-17 09:30+07')")
check "officers receive at their own units" "t" "$([[ $a1 == $A-* && $a2 == $A-* && $b1 == $B-* && $b2 == $B-* ]] && echo t)"
check "officer A accepts and passes a2 to ward B" "in_progress" \
	"$(as acc_officer_a "SELECT transition('$a2', 'accept', 'x', '{\"at\": \"2025-11-17 10:10+07\"}'); SELECT transition('$a2', 'transfer', 'x', '{\"at\": \"2025-11-17 11:00+07\", \"to_unit\": \"$B\", \"channel\": \"electronic\"}')" | tail -1)"
check "officer B, now holding it, processes a2" "done" \
	"$(as acc_officer_b "SELECT transition('$a2', 'complete', 'x', '{\"at\": \"2025-11-18 10:00+07\", \"results\": [{\"document_type\": \"GIAY_KHAI_SINH\", \"content_base64\": \"a2V0IHF1YQ==\"}]}')")"
check "officer A, at the receiving unit, returns its result" "returned" \
	"$(as acc_officer_a "SELECT transition('$a2', 'return_result', 'x', '{\"at\": \"2025-11-18 15:00+07\", \"channel\": \"direct\"}')")"
as acc_officer_b "SELECT transition('$b1', 'accept', 'x', '{\"at\": \"2025-11-17 09:05+07\"}'), transition('$b1', 'complete', 'x', '{\"at\": \"2025-11-18 09:00+07\"}')" >/dev/null
check "officer A records a rating of A's dossier" "t" "$(as acc_officer_a "SELECT rate('$a2', 1, at => '2025-11-19 09:00+07') > 0")"
as acc_officer_b "SELECT rate('$b1', 3, at => '2025-11-19 09:00+07')" >/dev/null
ta=$(as acc_officer_a "SELECT issue_ticket('$A', at => '2025-11-17 08:00+07')")
tb=$(as acc_officer_b "SELECT issue_ticket('$B', at => '2025-11-17 08:00+07')")
check "officers issue tickets at their own units" "t" "$([[ $ta =~ ^[0-9]+$ && $tb =~ ^[0-9]+$ ]] && echo t)"
fa=$(as acc_officer_a "SELECT submit_feedback('$A', 'feedback', 'chậm', at => '2025-11-19 10:00+07')")
fb=$(as acc_officer_b "SELECT submit_feedback('$B', 'complaint', 'thái độ', at => '2025-11-19 10:00+07')")
check "officers record feedback at their own units" "t" "$([[ $fa =~ ^[0-9]+$ && $fb =~ ^[0-9]+$ ]] && echo t)"

# --- reads: what each login role counts ----------------------------------
# one line per table: officer A, officer B, leader, unassigned, expired, auditor, admin
# (a2 was passed from A to B: both see it)
reads() {
	local what=$1 sql=$2 want=($3) r i=0
	for r in acc_officer_a acc_officer_b acc_leader acc_unassigned acc_expired acc_auditor acc_admin; do
		check "$what: counted by $r" "${want[$i]}" "$(as $r "$sql")"
		i=$((i + 1))
	done
}
reads "dossiers" "SELECT count(*) FROM dossier" "2 3 4 0 0 5 5"
reads "dossiers by code (A sees a2, not b1)" "SELECT count(*) FROM dossier WHERE code IN ('$a2', '$b1')" "1 2 2 0 0 2 2"
reads "the province center's dossier" "SELECT count(*) FROM dossier WHERE unit = '$P'" "0 0 0 0 0 1 1"
reads "history events of the dossiers seen" "SELECT count(DISTINCT dossier) FROM dossier_event" "2 3 4 0 0 5 5"
reads "components of the dossiers seen" "SELECT count(DISTINCT dossier) FROM dossier_component" "2 3 4 0 0 5 5"
reads "subjects (personal IDs) of the dossiers seen" "SELECT count(*) FROM subject" "2 3 4 0 0 5 5"
reads "another ward's citizen looked up by personal ID" "SELECT count(*) FROM subject WHERE personal_id = '001099810003'" "0 1 1 0 0 1 1"
reads "warehouse documents (the result deposited for a2's subject)" "SELECT count(*) FROM document" "1 1 1 0 0 1 1"
reads "ratings" "SELECT count(*) FROM rating" "1 2 2 0 0 2 2"
reads "queue tickets" "SELECT count(*) FROM queue_ticket" "1 1 2 0 0 2 2"
reads "feedback" "SELECT count(*) FROM feedback" "1 1 2 0 0 2 2"
reads "waiting times (view queue_wait)" "SELECT count(*) FROM queue_wait" "1 1 2 0 0 2 2"
reads "feedback deadlines (view feedback_status)" "SELECT count(*) FROM feedback_status" "1 1 2 0 0 2 2"
reads "the KPI view before any refresh (aggregates only)" "SELECT coalesce((SELECT received FROM kpi WHERE unit = '000.00.00.H22' AND period_kind = 'm' AND period_start = '2025-11-01'), 0)" "0 0 0 0 0 0 0"
su "SELECT refresh_kpis()" >/dev/null
reads "the KPI view after a refresh" "SELECT received FROM kpi WHERE unit = '000.00.00.H22' AND period_kind = 'm' AND period_start = '2025-11-01'" "5 5 5 5 5 5 5"

# --- writes outside one's units: refused with 42501, nothing written -----
before=$(su "SELECT (SELECT count(*) FROM dossier) || '/' || (SELECT count(*) FROM dossier_event) || '/' || (SELECT count(*) FROM queue_ticket) || '/' || (SELECT count(*) FROM feedback) || '/' || (SELECT count(*) FROM rating) || '/' || (SELECT count(*) FROM subject)")
refused() { check "$1 (42501)" "ERROR 42501" "$(as "$2" "$3")"; }
refused "officer A cannot receive at ward B" acc_officer_a "SELECT receive('9.900010', '001099810009', '$B', 'direct', '2025-11-20 09:00+07')"
refused "officer A cannot receive at the province center" acc_officer_a "SELECT receive('9.900010', '001099810009', '$P', 'direct', '2025-11-20 09:00+07')"
refused "an officer without an assignment cannot receive anywhere" acc_unassigned "SELECT receive('9.900010', '001099810009', '$A', 'direct', '2025-11-20 09:00+07')"
refused "an officer whose assignment ended cannot receive" acc_expired "SELECT receive('9.900010', '001099810009', '$A', 'direct', '2025-11-20 09:00+07')"
refused "officer A cannot move ward B's dossier" acc_officer_a "SELECT transition('$b2', 'accept', 'x', '{\"at\": \"2025-11-20 09:00+07\"}')"
refused "officer B cannot move ward A's own dossier" acc_officer_b "SELECT transition('$a1', 'accept', 'x', '{\"at\": \"2025-11-20 09:00+07\"}')"
refused "the leader cannot move the province center's dossier" acc_leader "SELECT transition('$p1', 'accept', 'x', '{\"at\": \"2025-11-20 09:00+07\"}')"
refused "officer A cannot supply a component of ward B's dossier" acc_officer_a "SELECT supply_component('$b2', 1, 'paper', at => '2025-11-20 09:00+07')"
refused "officer A cannot issue a ticket at ward B" acc_officer_a "SELECT issue_ticket('$B', at => '2025-11-20 08:00+07')"
refused "officer A cannot call ward B's next ticket" acc_officer_a "SELECT next_ticket('$B', 'quầy 1', '2025-11-20 08:05+07')"
refused "officer A cannot call ward B's ticket" acc_officer_a "SELECT call_ticket($tb, 'quầy 1', '2025-11-17 08:05+07')"
refused "officer A cannot record a rating of ward B's dossier" acc_officer_a "SELECT rate('$b1', 4, at => '2025-11-20 09:00+07')"
refused "officer A cannot record feedback at ward B" acc_officer_a "SELECT submit_feedback('$B', 'feedback', 'x', at => '2025-11-20 09:00+07')"
refused "officer A cannot handle ward B's feedback" acc_officer_a "SELECT handle_feedback($fb, 'đã xử lý', 'x', '2025-11-20 09:00+07')"
refused "an officer cannot edit a citizen's record directly" acc_officer_a "UPDATE subject SET full_name = 'X'"
refused "nor write a dossier row directly" acc_officer_a "UPDATE dossier SET state = 'done'"
refused "nor rewrite history" acc_officer_a "DELETE FROM dossier_event"
refused "the auditor changes nothing: no reception" acc_auditor "SELECT receive('9.900010', '001099810009', '$A', 'direct', '2025-11-20 09:00+07')"
refused "the auditor changes nothing: no transition" acc_auditor "SELECT transition('$a1', 'accept', 'x', '{}')"
refused "the auditor changes nothing: no table write" acc_auditor "UPDATE dossier SET state = 'done'"
refused "BI reads no dossier" acc_bi "SELECT count(*) FROM dossier"
refused "BI reads no citizen" acc_bi "SELECT count(*) FROM subject"
refused "BI calls no lifecycle function" acc_bi "SELECT receive('9.900010', '001099810009', '$A', 'direct')"
refused "a role without a motcua role reads nothing" acc_nobody "SELECT count(*) FROM motcua.dossier"
refused "and calls nothing" acc_nobody "SELECT motcua.receive('9.900010', '001099810009', '$A', 'direct')"
refused "internal functions are not for PUBLIC: invalidate_caches" acc_nobody "SELECT motcua.invalidate_caches()"
check "the refused writes left nothing behind" "$before" \
	"$(su "SELECT (SELECT count(*) FROM dossier) || '/' || (SELECT count(*) FROM dossier_event) || '/' || (SELECT count(*) FROM queue_ticket) || '/' || (SELECT count(*) FROM feedback) || '/' || (SELECT count(*) FROM rating) || '/' || (SELECT count(*) FROM subject)")"

# --- the history records who really acted and when ----------------------
a3=$(as acc_officer_a "SELECT receive('9.900010', '001099810011', '$A', 'direct', details => '{\"actor\": \"giam.doc\"}')")
check "officer A writes the director's name: the event's actor is still officer A" "acc_officer_a|giam.doc" \
	"$(as acc_auditor "SELECT actor || '|' || claimed_actor FROM dossier_event WHERE dossier = '$a3' AND seq = 1")"
as acc_officer_a "SELECT transition('$a3', 'accept', 'truong.phong')" >/dev/null
check "a transition's actor argument is a claim beside the login" "acc_officer_a|truong.phong" \
	"$(as acc_officer_a "SELECT actor || '|' || claimed_actor FROM dossier_event WHERE dossier = '$a3' AND seq = 2")"
check "officer A verifies a dossier of the ward" "t" "$(as acc_officer_a "SELECT valid FROM verify_history('$a3')")"
check "the clerk cannot back-date a reception to 2020 (22023)" "ERROR 22023" \
	"$(as acc_clerk "SELECT receive('9.900010', '001099810012', '$A', 'direct', '2020-01-01 09:00+07')")"
check "nor 8 days back (22023)" "ERROR 22023" \
	"$(as acc_clerk "SELECT receive('9.900010', '001099810012', '$A', 'direct', now() - interval '8 days')")"
check "a paper reception of 6 days ago is accepted" "t" \
	"$(as acc_clerk "SELECT receive('9.900010', '001099810012', '$A', 'direct', now() - interval '6 days') IS NOT NULL")"
check "an event at infinity is refused (22007)" "ERROR 22007" \
	"$(as acc_clerk "SELECT transition('$a3', 'assign', 'x', '{\"at\": \"infinity\"}')")"
check "the clerk cannot widen the window (42501)" "ERROR 42501" "$(as acc_clerk "SET motcua.backdating_window = '3650d'")"
check "nor can officer A (42501)" "ERROR 42501" "$(as acc_officer_a "SET motcua.backdating_window = '3650d'")"
check "the auditor reads today's history digest" "t" "$(as acc_auditor "SELECT events >= 3 FROM history_digest(current_date)")"
check "an officer does not (42501)" "ERROR 42501" "$(as acc_officer_a "SELECT digest FROM history_digest(current_date)")"
check "the administrator seals yesterday" "1" "$(as acc_admin "SELECT count(*) FROM seal_history()")"
check "the auditor verifies the seal" "t" "$(as acc_auditor "SELECT valid FROM verify_history_day(current_date - 1)")"
check "and reads the seals" "1" "$(as acc_auditor "SELECT count(*) FROM history_digests")"
check "an officer cannot seal (42501)" "ERROR 42501" "$(as acc_officer_a "SELECT seal_history(current_date - 2)")"
check "nor can the auditor (42501)" "ERROR 42501" "$(as acc_auditor "SELECT seal_history(current_date - 2)")"

# --- subjects are corrected through the audited function -----------------
check "officer A corrects the name of a ward A citizen" "t" \
	"$(as acc_officer_a "SELECT correct_subject('001099810001', 'tên ghi thiếu dấu', new_name => 'Nguyễn Thị Lan') > 0")"
check "the correction names officer A and keeps what was there before" "acc_officer_a|001099810001|" \
	"$(as acc_auditor "SELECT actor || '|' || (old_values->>'identifier') || '|' || coalesce(old_values->>'full_name', '') FROM subject_correction WHERE new_values->>'full_name' = 'Nguyễn Thị Lan'")"
check "officer B cannot correct a ward A citizen (42501)" "ERROR 42501" \
	"$(as acc_officer_b "SELECT correct_subject('001099810001', 'x', new_name => 'X')")"
check "officer A cannot correct a ward B citizen (42501)" "ERROR 42501" \
	"$(as acc_officer_a "SELECT correct_subject('001099810004', 'x', new_identifier => '001099810099')")"
check "the administrator corrects any citizen" "t" \
	"$(as acc_admin "SELECT correct_subject('001099810004', 'CCCD nhập sai', new_identifier => '001099810099') > 0")"
check "BI cannot correct anyone (42501)" "ERROR 42501" "$(as acc_bi "SELECT correct_subject('001099810099', 'x', new_name => 'X')")"
reads "corrections" "SELECT count(*) FROM subject_correction" "1 1 2 0 0 2 2"

# --- BI: pseudonyms instead of identifiers --------------------------------
check "before the administrator makes the key, the pseudonyms say so (55000)" "ERROR 55000" \
	"$(as acc_bi "SELECT count(subject_pseudonym) FROM dossier_pseudonymized")"
as acc_admin "SELECT rotate_pseudonym_key()" >/dev/null
check "BI counts every dossier through the pseudonymized view" "$(su "SELECT count(*) FROM dossier")" \
	"$(as acc_bi "SELECT count(*) FROM dossier_pseudonymized")"
check "one subject, one pseudonym; distinct subjects, distinct pseudonyms" "$(su "SELECT count(DISTINCT subject) FROM dossier")" \
	"$(as acc_bi "SELECT count(DISTINCT subject_pseudonym) FROM dossier_pseudonymized")"
check "no pseudonym is an identifier" "0" \
	"$(as acc_bi "SELECT count(*) FROM dossier_pseudonymized WHERE subject_pseudonym ~ '^[0-9]{10,12}$'")"
check "BI cannot read the pseudonyms' key (42501)" "ERROR 42501" "$(as acc_bi "SELECT count(*) FROM motcua_internal.pseudonym_key")"
check "nor the corrections (42501)" "ERROR 42501" "$(as acc_bi "SELECT count(*) FROM subject_correction")"
check "an officer cannot read the pseudonymized view (42501)" "ERROR 42501" "$(as acc_officer_a "SELECT count(*) FROM dossier_pseudonymized")"
check "the administrator reads the key" "1" "$(as acc_admin "SELECT count(*) FROM motcua_internal.pseudonym_key")"
before_p=$(as acc_bi "SELECT min(subject_pseudonym) FROM dossier_pseudonymized")
as acc_admin "SELECT rotate_pseudonym_key()" >/dev/null
check "after the key is rotated, no pseudonym is the same" "0" \
	"$(as acc_bi "SELECT count(*) FROM dossier_pseudonymized WHERE subject_pseudonym = '$before_p'")"

# --- calendars: the administrator loads a notice -------------------------
check "the administrator loads the Tết 2026 notice" "tet:5:5" \
	"$(as acc_admin "SELECT item || ':' || statutory || ':' || in_notice FROM load_notice('VN', 2026, (SELECT jsonb_agg(jsonb_build_object('day', d::date, 'kind', 'day_off', 'holiday', 'tet')) FROM generate_series(date '2026-02-14', date '2026-02-22', interval '1 day') d), 'Thông báo (thử)')")"
check "the calendar log names the administrator" "acc_admin" \
	"$(as acc_admin "SELECT DISTINCT changed_by FROM calendar_change WHERE new_row->>'legal_reference' = 'Thông báo (thử)'")"
check "a one-row Tết notice is refused (22023)" "ERROR 22023" \
	"$(as acc_admin "SELECT * FROM load_notice('VN', 2026, '[{\"day\": \"2026-02-16\", \"kind\": \"day_off\", \"holiday\": \"tet\"}]', 'x')")"
check "an officer cannot load a notice (42501)" "ERROR 42501" \
	"$(as acc_officer_a "SELECT * FROM load_notice('VN', 2026, '[{\"day\": \"2026-02-16\", \"kind\": \"day_off\", \"holiday\": \"tet\"}]', 'x')")"
check "nor edit a calendar (42501)" "ERROR 42501" "$(as acc_officer_a "DELETE FROM calendar_override WHERE calendar = 'VN' AND day = '2026-02-16'")"
check "the administrator may drop the caches" "" "$(as acc_admin "SELECT invalidate_caches()")"
check "an officer may not (42501)" "ERROR 42501" "$(as acc_officer_a "SELECT invalidate_caches()")"

# --- jobs: the administrator's, read by the auditor ----------------------
check "the administrator schedules a job" "t" \
	"$(as acc_admin "SELECT schedule_job('acc_nightly', 'sql', '0 2 * * *', '{\"command\": \"SELECT 1\"}') > 0")"
check "which runs as the administrator's login" "acc_admin" "$(as acc_admin "SELECT owner FROM jobs WHERE name = 'acc_nightly'")"
check "and asks for a run" "t" "$(as acc_admin "SELECT run_job('acc_nightly') > 0")"
check "the auditor reads the jobs and their runs" "1|1" \
	"$(as acc_auditor "SELECT (SELECT count(*) FROM jobs WHERE name = 'acc_nightly') || '|' || (SELECT count(*) FROM job_runs WHERE job = 'acc_nightly')")"
check "an officer cannot schedule a job (42501)" "ERROR 42501" \
	"$(as acc_officer_a "SELECT schedule_job('x', 'sql', '1 hour', '{\"command\": \"SELECT 1\"}')")"
check "nor read the jobs (42501)" "ERROR 42501" "$(as acc_officer_a "SELECT count(*) FROM jobs")"
check "nor can BI (42501)" "ERROR 42501" "$(as acc_bi "SELECT count(*) FROM job_runs")"
check "nor can the auditor change one (42501)" "ERROR 42501" "$(as acc_auditor "SELECT alter_job('acc_nightly', enabled => false)")"

# --- a dossier passed on twice stays visible to each unit that held it ----
a4=$(as acc_officer_a "SELECT receive('9.900010', '001099810013', '$A', 'direct')")
as acc_officer_a "SELECT transition('$a4', 'accept', NULL); SELECT transition('$a4', 'transfer', NULL, '{\"to_unit\": \"$B\", \"channel\": \"electronic\"}')" >/dev/null
check "officer B passes it on to the province center" "in_progress" \
	"$(as acc_officer_b "SELECT transition('$a4', 'transfer', NULL, '{\"to_unit\": \"$P\", \"channel\": \"paper\"}')")"
check "officer A (received it) still sees it" "1" "$(as acc_officer_a "SELECT count(*) FROM dossier WHERE code = '$a4'")"
check "officer B (held it) still sees it" "1" "$(as acc_officer_b "SELECT count(*) FROM dossier WHERE code = '$a4'")"
check "and its history" "4" "$(as acc_officer_b "SELECT count(*) FROM dossier_event WHERE dossier = '$a4'")"
check "but can no longer act on it (42501)" "ERROR 42501" "$(as acc_officer_b "SELECT transition('$a4', 'assign', NULL)")"
check "the dossier records where it went" "{$B,$P}" "$(as acc_auditor "SELECT transferred_to FROM dossier WHERE code = '$a4'")"
check "and its history replays to the same" "t" "$(as acc_auditor "SELECT valid FROM verify_history('$a4')")"

# --- what a leader and an ended assignment change -----------------------
check "the leader receives at a ward of the district" "t" \
	"$(as acc_leader "SELECT receive('9.900010', '001099810010', '$A', 'direct', '2025-11-21 09:00+07') IS NOT NULL")"
as acc_admin "SELECT end_assignment('acc_officer_b', '$B', current_date - 1)" >/dev/null
check "once officer B's assignment ends, B sees no dossier" "0" "$(as acc_officer_b "SELECT count(*) FROM dossier")"
check "and can no longer act at ward B (42501)" "ERROR 42501" \
	"$(as acc_officer_b "SELECT transition('$b2', 'accept', 'x', '{\"at\": \"2025-11-22 09:00+07\"}')")"

# --- the rules cost one probe per row, not a scan of every dossier ---------
# (an officer's question about one dossier reads that dossier's rows: the
# plan probes its own dossier per row, it never hashes all the officer's
# dossiers nor scans a month of them)
for t in dossier_component dossier_event rating payment; do
	plan=$(as acc_officer_a "EXPLAIN (COSTS OFF) SELECT * FROM motcua.$t x WHERE x.dossier = '$a2'")
	check "an officer's rows of $t for one dossier: no hashed subplan, no scan of the dossiers" "ok" \
		"$(if [[ $plan == *"hashed SubPlan"* || $plan == *"Seq Scan on dossier_2"* || $plan == ERROR* ]]; then echo "$plan"; else echo ok; fi)"
done
plan=$(as acc_officer_a "EXPLAIN (COSTS OFF) SELECT * FROM motcua.document x WHERE x.subject = 1")
check "an officer's documents of one person: no hashed subplan" "ok" \
	"$(if [[ $plan == *"hashed SubPlan"* || $plan == ERROR* ]]; then echo "$plan"; else echo ok; fi)"

for r in $roles; do psql -X -q -d postgres -c "DROP OWNED BY $r" -d $db 2>/dev/null; done
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"
for r in $roles; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS $r"; done
tap_done

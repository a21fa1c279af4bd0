#!/usr/bin/env bash
# The shipped roles as their users meet them (TAP output): login roles
# granted motcua_bi, motcua_auditor, or no motcua role log in and try the
# reads a BI tool or an auditor makes.  BI reads every KPI view, the
# Decision 766 index, plan compliance and both reports, and no table with
# personal or dossier data; a role without a motcua role reads nothing.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
here=$(dirname "$0")
mkdir -p "$WORK_DIR"
. "$here/../lib/tap.sh"
db=roles_test
as() { local role=$1; shift; psql -X -A -t -q -v ON_ERROR_STOP=1 -U "$role" -d $db -c "$1" 2>&1; }
# denied ROLE SQL: t when the role is refused with "permission denied"
denied() { local out; out=$(as "$1" "$2"); [[ $out == *"permission denied"* ]] && echo t; }

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" \
	-c "ALTER DATABASE $db SET motcua.backdating_window = '3650d'" 2>&1 | grep -v NOTICE
psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$here/../../tools/demo_setup.sql" >/dev/null
psql -X -q -d postgres -c 'DROP ROLE IF EXISTS test_bi' -c 'DROP ROLE IF EXISTS test_auditor' -c 'DROP ROLE IF EXISTS test_nobody' \
	-c 'DROP ROLE IF EXISTS test_officer' \
	-c 'CREATE ROLE test_bi LOGIN IN ROLE motcua_bi' -c 'CREATE ROLE test_auditor LOGIN IN ROLE motcua_auditor' \
	-c 'CREATE ROLE test_officer LOGIN IN ROLE motcua_officer' -c 'CREATE ROLE test_nobody LOGIN' 2>&1 | grep -v NOTICE
# a month of activity: dossiers, a finished one, a ticket, a rating
psql -X -q -v ON_ERROR_STOP=1 -d $db >/dev/null <<'SQL'
SET search_path = motcua, public;
SELECT receive('9.900010', lpad((700000 + i)::text, 12, '0010990'), '000.00.01.H22', 'direct',
			   timestamptz '2025-11-03 09:00+07' + i * interval '1 day') AS c FROM generate_series(1, 5) i;
SELECT transition(code, 'accept', 'cb', '{"at": "2025-11-10 09:00+07"}'),
	   transition(code, 'complete', 'cv', '{"at": "2025-11-11 09:00+07"}'),
	   transition(code, 'return_result', 'cb', '{"at": "2025-11-11 10:00+07", "channel": "direct"}'),
	   rate(code, 2, at => '2025-11-12 10:00+07')
FROM dossier WHERE received_on = '2025-11-04';
SELECT call_ticket(issue_ticket('000.00.01.H22', at => '2025-11-04 08:00+07'), 'quầy 1', '2025-11-04 08:06+07');
SELECT refresh_kpis();
SQL

kpi="SELECT received || '/' || finished || '/' || in_progress_overdue || '/' || ratings || '/' || visits FROM motcua.kpi
	WHERE unit = '000.00.00.H22' AND period_kind = 'm' AND period_start = '2025-11-01'"
check "BI reads motcua.kpi, live figures included (received/finished/overdue/ratings/visits)" "5/1/4/1/1" "$(as test_bi "$kpi")"
check "BI reads a quiet period of motcua.kpi" "0" \
	"$(as test_bi "SELECT received FROM motcua.kpi WHERE unit = '000.00.00.H22' AND period_kind = 'm' AND period_start = '2026-02-01'")"
check "BI reads the Decision 766 index" "t" "$(as test_bi "SELECT count(*) > 10 FROM motcua.index_766 WHERE period_start = '2025-11-01'")"
check "BI reads plan compliance" "t" "$(as test_bi "SELECT count(*) > 0 FROM motcua.plan_compliance")"
check "BI runs report_weekly" "t" "$(as test_bi "SELECT count(*) > 0 FROM motcua.report_weekly('000.00.00.H22', '2025-11-03')")"
check "BI runs report_quarterly, and it agrees with motcua.kpi" "5" \
	"$(as test_bi "SELECT received FROM motcua.report_quarterly('000.00.00.H22', 2025, 4) WHERE is_total")"
check "BI reads the vocabulary" "t" "$(as test_bi "SELECT count(*) > 40 FROM motcua.vocabulary")"
for t in motcua.dossier motcua.subject motcua.dossier_event motcua.dossier_component motcua.document \
	motcua.national_record motcua.lookup_request motcua.rating motcua.feedback motcua.queue_ticket \
	motcua_internal.kpi_dossier; do
	check "BI cannot read $t (42501)" "t" "$(denied test_bi "SELECT count(*) FROM $t")"
done
check "a role without a motcua role cannot call the KPI internals" "t" \
	"$(denied test_nobody "SELECT motcua_internal.kpi_overdue('000.00.00.H22', 'm', '2025-11-01')")"
check "a role without a motcua role cannot read motcua.kpi" "t" "$(denied test_nobody "$kpi")"
check "nor a report" "t" \
	"$(denied test_nobody "SELECT count(*) FROM motcua.report_quarterly('000.00.00.H22', 2025, 4)")"
check "the auditor reads motcua.kpi" "5/1/4/1/1" "$(as test_auditor "$kpi")"
check "the auditor reads the dossiers and their history (5 dossiers, 8 events)" "5|8" \
	"$(as test_auditor "SELECT (SELECT count(*) FROM motcua.dossier) || '|' || (SELECT count(*) FROM motcua.dossier_event)")"

# the search, the vocabulary and what the KPI refresh set aside or is doing
check "an officer searches the catalogue" "1.000894" \
	"$(as test_officer "SELECT code FROM motcua.search_procedures('dang ky ket hon') LIMIT 1")"
check "an officer reads the vocabulary" "t" "$(as test_officer "SELECT count(*) > 40 FROM motcua.vocabulary")"
check "the auditor reads what the KPI refresh set aside" "0" "$(as test_auditor "SELECT count(*) FROM motcua.kpi_quarantine")"
check "the auditor reads the progress of long work" "0" \
	"$(as test_auditor "SELECT count(*) FROM motcua.progress WHERE database = current_database()")"
check "BI does not read the quarantine (42501)" "t" "$(denied test_bi "SELECT count(*) FROM motcua.kpi_quarantine")"
check "nor the progress view (42501)" "t" "$(denied test_bi "SELECT count(*) FROM motcua.progress")"
check "nor does an officer read the staff assignments (42501)" "t" "$(denied test_officer "SELECT count(*) FROM motcua.staff_assignment")"

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c 'DROP ROLE test_bi' -c 'DROP ROLE test_auditor' -c 'DROP ROLE test_nobody' \
	-c 'DROP ROLE test_officer'
tap_done

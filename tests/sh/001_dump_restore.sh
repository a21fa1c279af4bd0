#!/usr/bin/env bash
# pg_dump then pg_restore into a new database keeps the extension, the
# sample reference data and rows users added (TAP output).
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
mkdir -p "$WORK_DIR"
. "$(dirname "$0")/../lib/tap.sh"
q() { PGOPTIONS="-c search_path=public,motcua,motcua_internal" psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

psql -X -q -d postgres -c 'DROP DATABASE IF EXISTS dump_src' -c 'DROP DATABASE IF EXISTS dump_dst' \
	-c 'CREATE DATABASE dump_src' -c 'CREATE DATABASE dump_dst' \
	-c "ALTER DATABASE dump_src SET motcua.backdating_window = '3650d'" -c "ALTER DATABASE dump_dst SET motcua.backdating_window = '3650d'" 2>&1 | grep -v NOTICE
q dump_src 'CREATE EXTENSION unaccent; CREATE EXTENSION pg_trgm; CREATE EXTENSION motcua; CREATE EXTENSION motcua_sample'
q dump_src 'SELECT count(*) FROM motcua.load_sample_data()' >/dev/null
q dump_src "INSERT INTO motcua.national_database (code, name, name_en) VALUES ('province_lgsp', 'Nền tảng tích hợp, chia sẻ dữ liệu tỉnh', 'Provincial integration platform')"
q dump_src "SELECT motcua_internal.subject_of('001099012345'), motcua_internal.subject_of('0100109106')" >/dev/null
q dump_src "INSERT INTO motcua.calendar (code, name, parent) VALUES ('VN-H22', 'Lịch tỉnh Quảng Ninh', 'VN')"
q dump_src "INSERT INTO motcua.calendar_override (calendar, day, kind, holiday, name, legal_reference) VALUES
	('VN', '2026-02-16', 'day_off', 'tet', 'Tết Bính Ngọ 2026', 'thông báo năm 2026 (thử)'),
	('VN-H22', '2026-03-02', 'day_off', NULL, 'Ngày nghỉ địa phương', 'quyết định của tỉnh (thử)')"

code=$(q dump_src "SELECT motcua.receive('9.900010', '001099012345', '000.00.01.H22', 'direct', '2025-11-17 09:00+07')")
q dump_src "SELECT motcua.transition('$code', 'accept', 'cb', '{\"at\": \"2025-11-17 09:05+07\"}')" >/dev/null
# KPI facts and sums, the fact table rebuilt in bulk (its key dropped and built again)
q dump_src "SELECT motcua.rebuild_kpis('2025-01-01', '2025-12-31')" >/dev/null
kpi_sums="SELECT string_agg(unit || kind || period_start || ':' || received || '/' || finished || '/' || overdue_delta, ' '
	ORDER BY unit, kind, period_start) FROM motcua_internal.kpi_unit_period"
kpi_before=$(q dump_src "$kpi_sums")

counts="SELECT string_agg(t || '=' || n, ' ' ORDER BY t) FROM (
	SELECT 'national_database' t, count(*) n FROM motcua.national_database UNION ALL
	SELECT 'jurisdiction', count(*) FROM motcua.jurisdiction UNION ALL
	SELECT 'tier', count(*) FROM motcua.tier UNION ALL
	SELECT 'unit', count(*) FROM motcua.unit UNION ALL
	SELECT 'field', count(*) FROM motcua.field UNION ALL
	SELECT 'document_type', count(*) FROM motcua.document_type UNION ALL
	SELECT 'procedure', count(*) FROM motcua.procedure UNION ALL
	SELECT 'procedure_component', count(*) FROM motcua.procedure_component UNION ALL
	SELECT 'subject', count(*) FROM motcua.subject UNION ALL
	SELECT 'calendar', count(*) FROM motcua.calendar UNION ALL
	SELECT 'calendar_holiday', count(*) FROM motcua.calendar_holiday UNION ALL
	SELECT 'calendar_override', count(*) FROM motcua.calendar_override UNION ALL
	SELECT 'dossier', count(*) FROM motcua.dossier UNION ALL
	SELECT 'dossier_event', count(*) FROM motcua.dossier_event UNION ALL
	SELECT 'dossier_component', count(*) FROM motcua.dossier_component UNION ALL
	SELECT 'dossier_counter', count(*) FROM motcua_internal.dossier_counter) s"
before=$(q dump_src "$counts")
log_before=$(q dump_src "SELECT string_agg(table_name || ':' || operation || '@' || changed_at, ',' ORDER BY changed_at, id) FROM motcua.calendar_change")

"$PGBIN/pg_dump" -Fc -f "$WORK_DIR/dump.pgc" dump_src 2>"$WORK_DIR/dump.err"
check "pg_dump succeeds" "0" "$?"
"$PGBIN/pg_restore" --exit-on-error -d dump_dst "$WORK_DIR/dump.pgc" 2>"$WORK_DIR/restore.err"
check "pg_restore succeeds with no error" "0:" "$?:$(head -c 300 "$WORK_DIR/restore.err")"
check "extension is restored" "$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$(dirname "$0")/../../motcua.control")" \
	"$(q dump_dst "SELECT extversion FROM pg_extension WHERE extname = 'motcua'")"
after=$(q dump_dst "$counts")
check "every reference table keeps its rows" "$before" "$after"
check "the calendar change log survives (the restore logs its own inserts after it)" "$log_before" \
	"$(q dump_dst "SELECT string_agg(table_name || ':' || operation || '@' || changed_at, ',' ORDER BY changed_at, id) FROM (SELECT * FROM motcua.calendar_change ORDER BY changed_at, id LIMIT 3) c")"
check "sample data was really there" "t" "$(q dump_dst "SELECT count(*) >= 40 FROM motcua.procedure")"
check "the source had KPI sums to dump" "t" "$([ -n "$kpi_before" ] && echo t)"
check "KPI sums survive, and the refresh of the re-queued dossiers leaves them as they were" "$kpi_before|t" \
	"$(q dump_dst "SELECT motcua.refresh_kpis()" >/dev/null; q dump_dst "$kpi_sums")|$(q dump_dst "SELECT count(*) = 1 FROM pg_constraint WHERE conrelid = 'motcua_internal.kpi_dossier'::regclass AND contype = 'p'")"
check "a user-added national database survives, built-ins are not doubled" "9" "$(q dump_dst 'SELECT count(*) FROM motcua.national_database')"
check "restored identifiers compare and index as before" "1" \
	"$(q dump_dst "SELECT count(*) FROM motcua.subject WHERE personal_id = '001099012345'")"
check "restored calendar rows are in force (local day off, notice replacing Tết rule days)" "f|f|t" \
	"$(q dump_dst "SELECT motcua.is_working_day('2026-03-02', 'VN-H22'), motcua.is_working_day('2026-02-16', 'VN-H22'), motcua.is_working_day('2026-02-17', 'VN')")"
check "a restored dossier keeps its verified history and can move on" "t|in_progress|0002" \
	"$(q dump_dst "SELECT (motcua.verify_history('$code')).valid, motcua.transition('$code', 'assign', 'cb', '{\"at\": \"2025-11-17 10:00+07\"}'), lpad(motcua.sequence_of(motcua.receive('9.900010', '001099012345', '000.00.01.H22', 'direct', '2025-11-17 11:00+07'))::text, 4, '0')")"
maxid=$(q dump_dst 'SELECT max(id) FROM motcua.subject')
check "the subject sequence continues after restore" "t" \
	"$(q dump_dst "SELECT motcua_internal.subject_of('079305000001') > $maxid")"
psql -X -q -d postgres -c 'DROP DATABASE dump_src' -c 'DROP DATABASE dump_dst'
tap_done

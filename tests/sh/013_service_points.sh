#!/usr/bin/env bash
# Service points, duty rosters and electronic declaration forms, logged in
# as the roles who use them (TAP output): the map's view and GeoJSON
# against the unit rows and the queue, the roster set by the unit's leader
# and refused to others, the per-staff KPI moving from the head count to
# the staff on duty (checked against a count made here), and a declaration
# refused with every failing field at once and nothing written.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK_DIR"
. "$here/../lib/tap.sh"
db=service_points_test
. "$here/../lib/national.sh"
make_database

U1=000.00.01.H22
logins sp_admin=motcua_admin sp_leader=motcua_officer sp_desk=motcua_officer sp_desk2=motcua_officer sp_stranger=motcua_officer sp_bi=motcua_bi
month=$(q "SELECT date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date")
month_end=$(q "SELECT (date '$month' + interval '1 month' - interval '1 day')::date")
as sp_admin "SELECT motcua.assign_staff('sp_leader', '$U1', 'leader', '$month')" >/dev/null
as sp_admin "SELECT motcua.assign_staff('sp_desk', '$U1', 'front_desk', '$month')" >/dev/null
as sp_admin "SELECT motcua.assign_staff('sp_desk2', '$U1', 'front_desk', '$month')" >/dev/null

# --- service points -----------------------------------------------------------
as sp_admin "UPDATE motcua.unit SET opening_hours = 'Thứ Hai - Thứ Sáu 07:30-11:30, 13:30-17:00', counters = 24 WHERE id = '$U1'" >/dev/null
for i in 1 2 3; do as sp_desk "SELECT motcua.issue_ticket('$U1')" >/dev/null; done
as sp_desk "SELECT motcua.call_ticket((SELECT min(id) FROM motcua.queue_ticket), 'Quầy 1')" >/dev/null
for i in 1 2 3; do d=$(as sp_desk "SELECT motcua.receive('9.900016', '00109900070$i', '$U1', 'direct')"); done
q "SELECT motcua.transition('$d', 'accept', NULL, '{}')" >/dev/null
q "SELECT motcua.transition('$d', 'complete', NULL, '{}')" >/dev/null
q "SELECT motcua.refresh_kpis()" >/dev/null
check "BI, logged in, sees the service center on the map view: hours, counters, 2 tickets waiting, this month's on-time rate" \
	"Thứ Hai - Thứ Sáu 07:30-11:30, 13:30-17:00|24|2|$(q "SELECT on_time_rate FROM motcua.kpi WHERE unit = '$U1' AND period_kind = 'm' AND period_start = '$month'")" \
	"$(as sp_bi "SELECT concat_ws('|', opening_hours, counters, queue_length, on_time_rate_month) FROM motcua.service_points WHERE unit = '$U1'")"
check "the view holds every active unit that receives dossiers" \
	"$(q "SELECT count(*) FROM motcua.unit WHERE receives_dossiers AND active")" "$(as sp_bi "SELECT count(*) FROM motcua.service_points")"
check "the GeoJSON has one Point per service point with coordinates, longitude first" \
	"FeatureCollection|$(q "SELECT count(*) FROM motcua.unit WHERE receives_dossiers AND active AND latitude IS NOT NULL")|$(q "SELECT '[' || longitude || ', ' || latitude || ']' FROM motcua.unit WHERE id = '$U1'")" \
	"$(as sp_bi "SELECT g->>'type' || '|' || jsonb_array_length(g->'features') || '|' || (SELECT f->'geometry'->>'coordinates' FROM jsonb_array_elements(g->'features') f WHERE f->'properties'->>'unit' = '$U1') FROM motcua.service_points_geojson() g")"

# --- duty rosters -------------------------------------------------------------
working=$(q "SELECT count(*) FROM motcua.calendar_days('VN', '$month', '$month_end') WHERE working")
check "before any roster, the per-staff figure divides by the head count on the unit row (60)" "60" \
	"$(q "SELECT front_desk_staff::int FROM motcua.kpi WHERE unit = '$U1' AND period_kind = 'm' AND period_start = '$month'")"
check "the unit's leader puts a staff member at counter 1 for every working day of the month" "$working" \
	"$(as sp_leader "SELECT motcua.set_duty('sp_desk', '$U1', 'Quầy 1', '$month', '$month_end')")"
check "a front-desk officer may not set the roster (42501)" "ERROR 42501" \
	"$(as sp_desk "SELECT motcua.set_duty('sp_desk2', '$U1', 'Quầy 2', '$month', '$month_end')")"
check "a login not assigned to the unit cannot be put on duty there (22023)" "ERROR 22023" \
	"$(as sp_leader "SELECT motcua.set_duty('sp_stranger', '$U1', 'Quầy 3', '$month', '$month_end')")"
check "a counter already taken is refused (23505) and nothing is written" "ERROR 23505|$working" \
	"$(as sp_leader "SELECT motcua.set_duty('sp_desk2', '$U1', 'Quầy 1', '$month', '$month_end')")|$(q "SELECT count(*) FROM motcua.duty_roster")"
ten=$(q "SELECT max(day) FROM (SELECT day FROM motcua.calendar_days('VN', '$month', '$month_end') WHERE working ORDER BY day LIMIT 10) x")
check "a second staff member for the first ten working days" "10" \
	"$(as sp_leader "SELECT motcua.set_duty('sp_desk2', '$U1', 'Quầy 2', '$month', '$ten')")"
fte=$(q "SELECT round(($working + 10)::numeric / $working, 2)")
received=$(q "SELECT count(*) FROM motcua.dossier WHERE unit = '$U1' AND received_on BETWEEN '$month' AND '$month_end'")
per_staff=$(q "SELECT round($received * 365.0 / (date '$month_end' - date '$month' + 1) / $fte, 1)")
check "the KPIs now count the staff on duty: ($working + 10) staff-days / $working working days = $fte, $per_staff dossiers per staff a year" \
	"$fte|$per_staff" \
	"$(as sp_bi "SELECT front_desk_staff || '|' || received_per_front_desk_staff_year FROM motcua.kpi WHERE unit = '$U1' AND period_kind = 'm' AND period_start = '$month'")"
check "a leader takes a staff member off the roster" "10|1.00" \
	"$(as sp_leader "SELECT motcua.remove_duty('sp_desk2', '$U1', '$month', '$month_end')")|$(q "SELECT front_desk_staff FROM motcua.kpi WHERE unit = '$U1' AND period_kind = 'm' AND period_start = '$month'")"
check "an officer reads their own unit's roster only; another unit's officer none" "$working|0" \
	"$(as sp_desk "SELECT count(*) FROM motcua.duty_roster")|$(as sp_stranger "SELECT count(*) FROM motcua.duty_roster")"

# --- electronic declaration forms ---------------------------------------------
FORM='{"type": "object", "required": ["ho_ten", "so_dinh_danh", "loai_hinh"],
  "properties": {"ho_ten": {"type": "string", "title": "Họ và tên", "maxLength": 100},
                 "so_dinh_danh": {"type": "string", "format": "personal_id"},
                 "ngay_sinh": {"type": "string", "format": "date"},
                 "von_dieu_le": {"type": "integer", "minimum": 1000000},
                 "loai_hinh": {"type": "string", "enum": ["TNHH", "CP"]},
                 "dien_thoai": {"type": "string", "format": "phone"}}}'
check "a form outside the subset is refused (22023) naming each fault" "ERROR 22023" \
	"$(as sp_admin "SELECT motcua.set_declaration_form('9.900017', '{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"array\"}, \"b\": {\"type\": \"string\", \"minItems\": 1}}}')")"
detail=$(psql -X -A -t -q -v VERBOSITY=verbose -U sp_admin -d $db -c "SELECT motcua.set_declaration_form('9.900017', '{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"array\"}, \"b\": {\"type\": \"string\", \"minItems\": 1}}}')" 2>&1 | sed -n '/^DETAIL/,/^HINT\|^LOCATION/p')
check "its DETAIL lists both faults" "t|t" \
	"$([[ $detail == *"a: type must be"* ]] && echo t || echo f)|$([[ $detail == *'b: unknown keyword "minItems"'* ]] && echo t || echo f)"
check "the administrator gives the procedure its form" "" "$(as sp_admin "SELECT motcua.set_declaration_form('9.900016', '$FORM')")"
before=$(q "SELECT count(*) FROM motcua.dossier")
BAD='{"declaration": {"so_dinh_danh": "001099000123X", "ngay_sinh": "2026-02-30", "von_dieu_le": 500, "loai_hinh": "XYZ", "dien_thoai": "12345", "ghi_chu": "x"}}'
out=$(psql -X -A -t -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -U sp_desk -d $db -c "SELECT motcua.receive('9.900016', '001099000711', '$U1', 'direct', now(), '$BAD')" 2>&1)
check "a declaration that breaks the form is refused (22023) with every failing field at once" "22023|7" \
	"$(printf '%s' "$out" | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p')|$(printf '%s' "$out" | sed -n '/^DETAIL/,/^HINT/p' | grep -v '^HINT' | grep -c ': ')"
for field in "ho_ten: is required" "so_dinh_danh: is not a valid personal_id" "ngay_sinh: is not a valid date" \
		"von_dieu_le: must be at least 1000000" "loai_hinh: must be one of" "dien_thoai: is not a valid phone" \
		"ghi_chu: is not a field of the form"; do
	check "the DETAIL names $field" "t" "$([[ $out == *"$field"* ]] && echo t || echo f)"
done
check "and nothing was written" "$before" "$(q "SELECT count(*) FROM motcua.dossier")"
GOOD='{"declaration": {"ho_ten": "Nguyễn Văn An", "so_dinh_danh": "001099000711", "ngay_sinh": "1999-03-01", "von_dieu_le": 50000000, "loai_hinh": "TNHH", "dien_thoai": "0912345678"}}'
check "a declaration that fills the form is received" "t" \
	"$(as sp_desk "SELECT motcua.receive('9.900016', '001099000711', '$U1', 'direct', now(), '$GOOD') IS NOT NULL")"
check "a procedure without a form takes no declaration check" "t" \
	"$(as sp_desk "SELECT motcua.receive('9.900017', '001099000712', '$U1', 'direct') IS NOT NULL")"

tap_done

#!/usr/bin/env bash
# "4 tại chỗ" and the assisted online filings, logged in as the roles
# (TAP output): a same-day deadline at its edges (a reception at 16:00
# that 4 working hours would carry to the next day, one after closing),
# the KPIs reporting them apart, checked against counts made here; kiosk
# and officer-assisted online filings counted online; a walk-in turned
# into an assisted online filing as an audited action, and refused where
# it makes no sense.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK_DIR"
. "$here/../lib/tap.sh"
db=channels_test
. "$here/../lib/national.sh"
make_database

U1=000.00.01.H22
logins ch_admin=motcua_admin ch_desk=motcua_officer ch_bi=motcua_bi
as ch_admin "SELECT motcua.assign_staff('ch_desk', '$U1', 'front_desk', current_date - 30)" >/dev/null
# the last working day before today, in Vietnam's calendar (the officer
# may enter the day's paper receptions late: a month's window, for the
# long Tết holiday)
q "ALTER ROLE ch_desk SET motcua.backdating_window = '30d'" >/dev/null
day=$(q "SELECT max(day) FROM motcua.calendar_days('VN', (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 25, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1) WHERE working")
next=$(q "SELECT min(day) FROM motcua.calendar_days('VN', date '$day' + 1, date '$day' + 15) WHERE working")
promised() { q "SELECT to_char(promised_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') FROM motcua.dossier WHERE code = '$1'"; }

# --- "4 tại chỗ": the same day ----------------------------------------------------
# 9.900029 (a driving licence exchange) made a 4-working-hour "4 tại chỗ" procedure
as ch_admin "UPDATE motcua.procedure SET duration = 4, duration_unit = 'working_hour', four_on_spot = true WHERE code = '9.900029'" >/dev/null
as ch_admin "UPDATE motcua.procedure SET duration = 4, duration_unit = 'working_hour' WHERE code = '9.900030'" >/dev/null
d1=$(as ch_desk "SELECT motcua.receive('9.900029', '001099000801', '$U1', 'direct', '$day 16:00+07')")
d0=$(as ch_desk "SELECT motcua.receive('9.900030', '001099000802', '$U1', 'direct', '$day 16:00+07')")
check "received at 16:00, a 4-hour procedure is due the next working day at 11:00" "$next 11:00" "$(promised $d0)"
check "the same 4 hours as \"4 tại chỗ\": due the same day at 17:00" "$day 17:00" "$(promised $d1)"
d2=$(as ch_desk "SELECT motcua.receive('9.900029', '001099000803', '$U1', 'direct', '$day 17:30+07')")
check "received after closing, \"4 tại chỗ\" is due at 17:00 of the next working day (its day of receipt)" "$next 17:00" "$(promised $d2)"
check "the reception records it" "true" "$(q "SELECT details->>'four_on_spot' FROM motcua.dossier_event WHERE dossier = '$d1' AND seq = 1")"
as ch_desk "SELECT motcua.transition('$d1', 'accept', NULL, jsonb_build_object('at', '$day 16:10+07'))" >/dev/null
as ch_desk "SELECT motcua.transition('$d1', 'complete', NULL, jsonb_build_object('at', '$day 16:50+07'))" >/dev/null
as ch_desk "SELECT motcua.transition('$d2', 'accept', NULL, '{}')" >/dev/null
as ch_desk "SELECT motcua.transition('$d2', 'complete', NULL, '{}')" >/dev/null

# --- kiosk and assisted online filings ---------------------------------------
k1=$(as ch_desk "SELECT motcua.receive('9.900016', '001099000804', '$U1', 'online', now(), '{\"filing\": \"kiosk\"}')")
check "a kiosk filing on another channel is refused (22023)" "ERROR 22023" \
	"$(as ch_desk "SELECT motcua.receive('9.900016', '001099000805', '$U1', 'direct', now(), '{\"filing\": \"kiosk\"}')")"
check "an unknown filing is refused (22023)" "ERROR 22023" \
	"$(as ch_desk "SELECT motcua.receive('9.900016', '001099000805', '$U1', 'online', now(), '{\"filing\": \"robot\"}')")"
w=$(as ch_desk "SELECT motcua.receive('9.900016', '001099000806', '$U1', 'direct')")
check "the officer turns a walk-in into an assisted online filing, with a reason" "received" \
	"$(as ch_desk "SELECT motcua.transition('$w', 'assist_online', NULL, '{\"reason\": \"người dân nhờ cán bộ nộp trực tuyến\"}')")"
check "the dossier is online now, filed assisted, and the history says who did it and why" \
	"online|assisted|assist_online|ch_desk|người dân nhờ cán bộ nộp trực tuyến|true" \
	"$(q "SELECT d.channel || '|' || (d.details->>'filing') || '|' || e.action || '|' || e.actor || '|' || (e.details->>'reason') || '|' || (motcua.verify_history(d.code)).valid FROM motcua.dossier d JOIN motcua.dossier_event e ON e.dossier = d.code AND e.seq = 2 WHERE d.code = '$w'")"
check "an online dossier cannot be turned online again (22023)" "ERROR 22023" \
	"$(as ch_desk "SELECT motcua.transition('$k1', 'assist_online', NULL, '{\"reason\": \"x\"}')")"
check "nor one already accepted (55000)" "ERROR 55000" \
	"$(as ch_desk "SELECT motcua.transition('$d1', 'assist_online', NULL, '{\"reason\": \"x\"}')")"
check "without a reason it is refused (22023)" "ERROR 22023" \
	"$(as ch_desk "SELECT motcua.transition('$d0', 'assist_online', NULL, '{}')")"

# --- the KPIs report them apart, against counts made here ----------------------
q "SELECT motcua.refresh_kpis()" >/dev/null
direct=$(q "SELECT count(*) FILTER (WHERE details->>'four_on_spot' = 'true') || '|' ||
               count(*) FILTER (WHERE channel = 'online' AND details->>'filing' = 'kiosk') || '|' ||
               count(*) FILTER (WHERE channel = 'online' AND details->>'filing' = 'assisted') || '|' ||
               round(100.0 * count(*) FILTER (WHERE channel = 'online') / count(*), 2)
            FROM motcua.dossier WHERE unit = '$U1'")
check "BI reads, for the unit and all time: \"4 tại chỗ\" received, kiosk and assisted filings, the online rate counting them" \
	"$direct" \
	"$(as ch_bi "SELECT sum(received_four_on_spot) || '|' || sum(received_online_kiosk) || '|' || sum(received_online_assisted) || '|' || round(100.0 * sum(received_online) / sum(received), 2) FROM motcua.kpi WHERE unit = '$U1' AND period_kind = 'y'")"
check "the \"4 tại chỗ\" dossier finished that day, by 17:00: 100%" "100.00" \
	"$(as ch_bi "SELECT four_on_spot_same_day_rate FROM motcua.kpi WHERE unit = '$U1' AND period_kind = 'd' AND period_start = '$day'")"

tap_done

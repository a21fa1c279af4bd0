#!/usr/bin/env bash
# The front office, logged in as the roles who use it (TAP output): the
# citizen's status look-up by code and PIN (what it shows, the wrong tries
# counted and the lock at the fifth, the lock's end), payments with
# electronic receipt numbers (per unit and year, the year's edge, refused
# amounts writing nothing, refunds never more than was paid), Decision
# 766's payment-gateway indicator against a count made here, and the
# ratings of the individual officer, readable by that officer and their
# leaders only.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK_DIR"
. "$here/../lib/tap.sh"
db=frontoffice_test
. "$here/../lib/national.sh"
make_database

U1=000.00.01.H22	# the province's service center
U2=000.11.10.H22	# a ward
logins fo_admin=motcua_admin fo_desk=motcua_officer fo_specialist=motcua_officer fo_leader=motcua_officer fo_other=motcua_officer fo_auditor=motcua_auditor fo_bi=motcua_bi fo_public=motcua_public
as fo_admin "SELECT motcua.assign_staff('fo_desk', '$U1', 'front_desk')" >/dev/null
as fo_admin "SELECT motcua.assign_staff('fo_specialist', '$U1', 'specialist')" >/dev/null
as fo_admin "SELECT motcua.assign_staff('fo_leader', '000.00.00.H22', 'leader')" >/dev/null
as fo_admin "SELECT motcua.assign_staff('fo_other', '$U2', 'front_desk')" >/dev/null
# status PUBLIC-ROLE CODE PIN: the look-up's answer as one line
status() { as fo_public "SELECT concat_ws('|', outcome, coalesce(state, ''), CASE WHEN promised_at IS NOT NULL THEN 't' ELSE '' END, coalesce(awaiting, ''), coalesce(amount_due::text, ''), CASE WHEN retry_after IS NOT NULL THEN 't' ELSE 'f' END) FROM motcua.dossier_status('$1', '$2')"; }

# --- the status look-up -------------------------------------------------------
D=$(as fo_desk "SELECT motcua.receive('9.900016', '001099000611', '$U1', 'direct')")
PIN=$(as fo_desk "SELECT motcua.issue_status_pin('$D')")
check "the front desk prints a six-digit PIN on the receipt" "t" "$([[ $PIN =~ ^[0-9]{6}$ ]] && echo t || echo f)"
check "only its salted hash is kept" "t" \
	"$(q "SELECT pin_hash <> sha256(convert_to('$PIN', 'UTF8')) AND length(salt) = 16 AND length(pin_hash) = 32 FROM motcua_internal.dossier_pin WHERE dossier::text = '$D'")"
check "an officer of another unit may not issue one (42501)" "ERROR 42501" "$(as fo_other "SELECT motcua.issue_status_pin('$D')")"
check "the citizen's site, logged in, reads the state and the promised date with the PIN" "ok|received|t|||f" "$(status "$D" "$PIN")"
check "and nothing else: not the dossier table (42501)" "ERROR 42501" "$(as fo_public "SELECT count(*) FROM motcua.dossier")"
check "nor a PIN of its own (42501)" "ERROR 42501" "$(as fo_public "SELECT motcua.issue_status_pin('$D')")"
check "a code unknown here answers as a wrong PIN does" "wrong_pin|||||f" "$(status "000.00.01.H22-200101-0001" "123456")"
check "a malformed code is refused (22P02)" "ERROR 22P02" "$(as fo_public "SELECT * FROM motcua.dossier_status('not a code', '123456')")"
wrong=$(printf '%06d' $(( (10#$PIN + 1) % 1000000 )))
for i in 1 2 3 4; do last=$(status "$D" "$wrong"); done
check "four wrong PINs in a row: each a wrong_pin, counted" "wrong_pin|||||f|4" \
	"$last|$(q "SELECT failures FROM motcua_internal.dossier_pin WHERE dossier::text = '$D'")"
check "the fifth locks the dossier's look-up" "locked|||||t" "$(status "$D" "$wrong")"
check "while locked, even the right PIN gets locked" "locked|||||t" "$(status "$D" "$PIN")"
q "UPDATE motcua_internal.dossier_pin SET locked_until = now() - interval '1 second' WHERE dossier::text = '$D'" >/dev/null
check "once the lock has run out (moved here instead of waited for), the right PIN reads again" "ok|received|t|||f" "$(status "$D" "$PIN")"
q "SELECT motcua.transition('$D', 'accept', NULL, '{}')" >/dev/null
q "SELECT motcua.transition('$D', 'request_payment', NULL, '{\"amount\": 50000}')" >/dev/null
check "awaiting payment: what is due" "ok|awaiting_payment|t|payment|50000|f" "$(status "$D" "$PIN")"
R0=$(as fo_desk "SELECT motcua.record_payment('$D', 50000, 'online')")
q "SELECT motcua.transition('$D', 'request_supplement', NULL, '{\"reason\": \"bản sao Điều lệ công ty\"}')" >/dev/null
check "awaiting a supplement: what is asked for" "ok|awaiting_supplement|t|supplement: bản sao Điều lệ công ty||f" "$(status "$D" "$PIN")"
NEWPIN=$(as fo_desk "SELECT motcua.issue_status_pin('$D')")
if [ "$NEWPIN" = "$PIN" ]; then NEWPIN=$(as fo_desk "SELECT motcua.issue_status_pin('$D')"); fi
check "a new PIN replaces the old one" "wrong_pin|ok" \
	"$(status "$D" "$PIN" | cut -d'|' -f1)|$(status "$D" "$NEWPIN" | cut -d'|' -f1)"

# --- payments and receipts ----------------------------------------------------
year=$(q "SELECT extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')")
check "the online payment got the unit's first receipt of the year" "$U1/$year/0000001" "$R0"
D2=$(as fo_desk "SELECT motcua.receive('9.900017', '001099000612', '$U1', 'direct')")
check "a zero amount is refused (22023)" "ERROR 22023" "$(as fo_desk "SELECT motcua.record_payment('$D2', 0, 'offline')")"
check "a part of a đồng is refused (22023)" "ERROR 22023" "$(as fo_desk "SELECT motcua.record_payment('$D2', 100.5, 'offline')")"
check "an unknown method is refused (22023)" "ERROR 22023" "$(as fo_desk "SELECT motcua.record_payment('$D2', 50000, 'cheque')")"
check "an officer of another unit may not take it (42501)" "ERROR 42501" "$(as fo_other "SELECT motcua.record_payment('$D2', 50000, 'offline')")"
R1=$(as fo_desk "SELECT motcua.record_payment('$D2', 50000, 'offline')")
check "paid at the counter on reception: the next number, none lost to the refusals" "$U1/$year/0000002|50000|false|received" \
	"$R1|$(q "SELECT paid_amount || '|' || paid_online || '|' || state FROM motcua.dossier WHERE code = '$D2'")"
check "the payment is a dossier event carrying its receipt, and the chain holds" "$R1|true" \
	"$(q "SELECT (SELECT details->>'receipt_no' FROM motcua.dossier_event WHERE dossier = '$D2' AND action = 'payment_received') || '|' || (motcua.verify_history('$D2')).valid")"
P1=$(q "SELECT id FROM motcua.payment WHERE receipt_no = '$R1'")
RF1=$(as fo_desk "SELECT motcua.refund_payment($P1, 20000, 'thu thừa lệ phí')")
check "a refund has its own receipt and lowers what the dossier paid" "$U1/$year/0000003|30000" \
	"$RF1|$(q "SELECT paid_amount FROM motcua.dossier WHERE code = '$D2'")"
check "a refund of more than is left is refused (22023)" "ERROR 22023" "$(as fo_desk "SELECT motcua.refund_payment($P1, 30001, 'hoàn trả')")"
check "a refund without a reason is refused (22004)" "ERROR 22004" "$(as fo_desk "SELECT motcua.refund_payment($P1, 100, NULL)")"
check "an officer of another unit may not refund (42501)" "ERROR 42501" "$(as fo_other "SELECT motcua.refund_payment($P1, 100, 'hoàn trả')")"
as fo_desk "SELECT motcua.refund_payment($P1, 30000, 'hoàn trả phần còn lại')" >/dev/null
check "the rest refunded, nothing is left to refund (22023)" "0|ERROR 22023" \
	"$(q "SELECT paid_amount FROM motcua.dossier WHERE code = '$D2'")|$(as fo_desk "SELECT motcua.refund_payment($P1, 1, 'hoàn trả')")"
# the year's edge, in Vietnam's time: the last instant of one year, the first of the next
old=$(PGOPTIONS='-c motcua.backdating_window=800d' q "SELECT motcua.receive('9.900016', '001099000613', '$U1', 'direct', '2025-12-31 09:00+07')")
ra=$(PGOPTIONS='-c motcua.backdating_window=800d' q "SELECT motcua.record_payment('$old', 10000, 'offline', '2025-12-31 23:59:59.999999+07')")
rb=$(PGOPTIONS='-c motcua.backdating_window=800d' q "SELECT motcua.record_payment('$old', 10000, 'offline', '2026-01-01 00:00:00+07')")
check "a payment at 23:59:59.999999 on 31/12 takes that year's number, one at 00:00 the next year's" \
	"$U1/2025/0000001 $U1/2026/" "$ra ${rb%???????}"
check "receipt numbers are unique per unit and year" "t" \
	"$(q "SELECT count(DISTINCT receipt_no) = count(*) AND count(DISTINCT (unit, receipt_year, receipt_seq)) = count(*) FROM motcua.payment")"
check "BI reads the payments; an officer of another unit sees none of this unit's" "t|0" \
	"$(as fo_bi "SELECT count(*) > 0 FROM motcua.payment")|$(as fo_other "SELECT count(*) FROM motcua.payment")"

# --- Decision 766: fee-bearing procedures integrated with the gateway ---------
as fo_admin "UPDATE motcua.procedure SET payment_integrated = true WHERE code = '9.900016'" >/dev/null
q "SELECT motcua.refresh_kpis()" >/dev/null
month=$(q "SELECT date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date")
q "SELECT motcua.refresh_snapshots('{m}', '{$month}')" >/dev/null
direct=$(q "SELECT round(100.0 * count(DISTINCT d.procedure::text) FILTER (WHERE p.payment_integrated) / count(DISTINCT d.procedure::text), 2)
            FROM motcua.dossier d JOIN motcua.procedure p ON p.code = d.procedure
            WHERE d.unit = '$U1' AND d.fee > 0 AND d.received_at >= '$month'::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'")
check "payment_integrated this month at U1 equals the count made here (1 of 2 fee-bearing procedures)" "50.00|$direct|1.00" \
	"$(q "SELECT value || '|' || $direct || '|' || points FROM motcua.index_766 WHERE unit = '$U1' AND period_kind = 'm' AND period_start = '$month' AND indicator = 'payment_integrated'")"

# --- ratings of the individual officer ----------------------------------------
D3=$(as fo_desk "SELECT motcua.receive('9.900016', '001099000614', '$U1', 'direct')")
as fo_specialist "SELECT motcua.transition('$D3', 'accept', NULL, '{}')" >/dev/null
as fo_specialist "SELECT motcua.transition('$D3', 'complete', NULL, '{}')" >/dev/null
check "a dossier still in progress: its officers cannot be rated yet (55000)" "ERROR 55000" \
	"$(as fo_desk "SELECT motcua.rate_officer('$D2', 'fo_desk', 1)")"
check "the person rates the specialist who handled the dossier" "t" \
	"$(as fo_desk "SELECT motcua.rate_officer('$D3', 'fo_specialist', 2, 'kiosk', 'tận tình') > 0")"
check "an officer the history does not name cannot be rated on it (22023)" "ERROR 22023" \
	"$(as fo_desk "SELECT motcua.rate_officer('$D3', 'fo_other', 1)")"
check "once per dossier and officer (55000)" "ERROR 55000" "$(as fo_desk "SELECT motcua.rate_officer('$D3', 'fo_specialist', 4)")"
check "a score out of range is refused (22023)" "ERROR 22023" "$(as fo_desk "SELECT motcua.rate_officer('$D3', 'fo_desk', 7)")"
as fo_desk "SELECT motcua.rate_officer('$D3', 'fo_desk', 1)" >/dev/null
check "each officer reads only their own ratings" "fo_specialist:2|fo_desk:1" \
	"$(as fo_specialist "SELECT string_agg(officer || ':' || score, ',') FROM motcua.officer_rating")|$(as fo_desk "SELECT string_agg(officer || ':' || score, ',') FROM motcua.officer_rating")"
check "the leader of the unit above reads both; an officer elsewhere none" "fo_desk:1,fo_specialist:2|0" \
	"$(as fo_leader "SELECT string_agg(officer || ':' || score, ',' ORDER BY officer) FROM motcua.officer_rating")|$(as fo_other "SELECT count(*) FROM motcua.officer_rating")"
check "the auditor reads them; BI may not (42501)" "2|ERROR 42501" \
	"$(as fo_auditor "SELECT count(*) FROM motcua.officer_rating")|$(as fo_bi "SELECT count(*) FROM motcua.officer_rating")"

tap_done

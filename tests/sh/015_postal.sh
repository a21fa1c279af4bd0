#!/usr/bin/env bash
# The postal channel end to end, logged in as the postal company's staff
# and the unit's officers (TAP output): a dossier accepted by the post,
# digitized, handed over and received by the unit with its tracking
# number; the result carried back and delivered; each report in order,
# only from the carrier of the shipment, and an event of the dossier's
# history once it has one.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK_DIR"
. "$here/../lib/tap.sh"
db=postal_test
. "$here/../lib/national.sh"
make_database

U1=000.00.01.H22
U2=000.11.10.H22
logins pt_admin=motcua_admin pt_desk=motcua_officer pt_other=motcua_officer pt_vnpost=motcua_postal pt_viettel=motcua_postal pt_stray=motcua_postal
as pt_admin "SELECT motcua.assign_staff('pt_desk', '$U1', 'front_desk')" >/dev/null
as pt_admin "SELECT motcua.assign_staff('pt_other', '$U2', 'front_desk')" >/dev/null
check "the administrator lists the postal staff and their carriers" "" \
	"$(as pt_admin "INSERT INTO motcua.postal_agent (login, carrier, name) VALUES ('pt_vnpost', 'VNPost', 'Bưu điện Hạ Long'), ('pt_viettel', 'ViettelPost', NULL)")"

# --- inbound: accepted, digitized, handed over, received ------------------------
T=EB123456789VN
check "the post accepts a dossier for the unit, with its own receipt and tracking numbers" "t" \
	"$(as pt_vnpost "SELECT motcua.postal_accept('$U1', '$T', 'BL-22-000123') > 0")"
check "a postal login that reports for no carrier is refused (42501)" "ERROR 42501" \
	"$(as pt_stray "SELECT motcua.postal_accept('$U1', 'EB000000001VN', 'BL-1')")"
check "another carrier may not report on it (42501)" "ERROR 42501" \
	"$(as pt_viettel "SELECT motcua.postal_report('$T', 'digitized')")"
check "nor may an officer (42501)" "ERROR 42501" "$(as pt_desk "SELECT motcua.postal_report('$T', 'digitized')")"
check "the carrier reports it digitized" "" "$(as pt_vnpost "SELECT motcua.postal_report('$T', 'digitized', now(), 'số hóa 3 thành phần')")"
check "a report back to an earlier status is out of order (55000)" "ERROR 55000" \
	"$(as pt_vnpost "SELECT motcua.postal_report('$T', 'accepted')")"
check "a status of the other direction is refused (22023)" "ERROR 22023" \
	"$(as pt_vnpost "SELECT motcua.postal_report('$T', 'delivered')")"
check "the unit cannot receive it before it is handed over (55000)" "ERROR 55000" \
	"$(as pt_desk "SELECT motcua.receive('9.900010', '001099000901', '$U1', 'postal', now(), '{\"tracking_no\": \"$T\"}')")"
check "the carrier hands it over" "" "$(as pt_vnpost "SELECT motcua.postal_report('$T', 'handed_over')")"
check "a unit it was not sent to cannot receive it (42704)" "ERROR 42704" \
	"$(as pt_other "SELECT motcua.receive('9.900010', '001099000901', '$U2', 'postal', now(), '{\"tracking_no\": \"$T\"}')")"
D=$(as pt_desk "SELECT motcua.receive('9.900010', '001099000901', '$U1', 'postal', now(), '{\"tracking_no\": \"$T\"}')")
check "the unit receives it: channel postal, the shipment linked, the tracking number in the reception event" "postal|$D|$T" \
	"$(q "SELECT d.channel || '|' || s.dossier || '|' || (e.details->>'tracking_no') FROM motcua.dossier d JOIN motcua.postal_shipment s ON s.dossier = d.code JOIN motcua.dossier_event e ON e.dossier = d.code AND e.seq = 1 WHERE d.code = '$D'")"
check "it is received once (55000)" "ERROR 55000" \
	"$(as pt_desk "SELECT motcua.receive('9.900010', '001099000902', '$U1', 'postal', now(), '{\"tracking_no\": \"$T\"}')")"
check "the shipment keeps each report: who, when, what" "accepted:pt_vnpost,digitized:pt_vnpost,handed_over:pt_vnpost" \
	"$(q "SELECT string_agg((r->>'status') || ':' || (r->>'by'), ',') FROM motcua.postal_shipment s, jsonb_array_elements(s.reports) r WHERE s.tracking_no = '$T'")"

# --- outbound: the result back by post ---------------------------------------
as pt_desk "SELECT motcua.transition('$D', 'accept', NULL, '{}')" >/dev/null
as pt_desk "SELECT motcua.transition('$D', 'complete', NULL, '{}')" >/dev/null
R=RR987654321VN
check "a result returned by post needs its carrier (22023)" "ERROR 22023" \
	"$(as pt_desk "SELECT motcua.transition('$D', 'return_result', NULL, '{\"channel\": \"postal\", \"tracking_no\": \"$R\"}')")"
check "the officer hands the result to the post" "returned" \
	"$(as pt_desk "SELECT motcua.transition('$D', 'return_result', NULL, '{\"channel\": \"postal\", \"tracking_no\": \"$R\", \"carrier\": \"VNPost\"}')")"
check "picked up at the counter: the return shipment starts" "outbound|picked_up|$D" \
	"$(q "SELECT direction || '|' || status || '|' || dossier FROM motcua.postal_shipment WHERE tracking_no = '$R'")"
check "a report dated before the last one is out of order (55000)" "ERROR 55000" \
	"$(as pt_vnpost "SELECT motcua.postal_report('$R', 'delivered', now() - interval '1 day')")"
check "the carrier reports the delivery" "" "$(as pt_vnpost "SELECT motcua.postal_report('$R', 'delivered')")"
check "it is an event of the dossier's history: who, the status, the tracking number; the chain holds" \
	"postal_report|pt_vnpost|delivered|$R|returned|true" \
	"$(q "SELECT e.action || '|' || e.actor || '|' || (e.details->>'status') || '|' || (e.details->>'tracking_no') || '|' || e.to_state || '|' || (motcua.verify_history('$D')).valid FROM motcua.dossier_event e WHERE e.dossier = '$D' ORDER BY e.seq DESC LIMIT 1")"
check "after the delivery, a return to sender is out of order (55000)" "ERROR 55000" \
	"$(as pt_vnpost "SELECT motcua.postal_report('$R', 'returned_to_sender')")"

# --- who reads the shipments ---------------------------------------------------
check "the carrier reads its own shipments, another carrier none" "2|0" \
	"$(as pt_vnpost "SELECT count(*) FROM motcua.postal_shipment")|$(as pt_viettel "SELECT count(*) FROM motcua.postal_shipment")"
check "the unit's officer reads them, another unit's none" "2|0" \
	"$(as pt_desk "SELECT count(*) FROM motcua.postal_shipment")|$(as pt_other "SELECT count(*) FROM motcua.postal_shipment")"
check "the postal staff read no dossier (42501)" "ERROR 42501" "$(as pt_vnpost "SELECT count(*) FROM motcua.dossier")"

tap_done

#!/usr/bin/env bash
# Certification of copies from originals at the counter, logged in as the
# officers (TAP output): an electronic copy signed with a certificate the
# trust store knows goes into the person's warehouse and is reusable; one
# whose signature does not verify is refused and writes nothing, not even
# a number; paper certifications are numbered too; Decision 766's
# e-certified copy indicator equals a count made here.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
mkdir -p "$WORK_DIR"
chmod 755 "$WORK_DIR"	# the server (OS user postgres) reads the trust store
W=$(cd "$WORK_DIR" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/tap.sh"
db=certified_copy_test
. "$here/../lib/national.sh"
. "$here/../lib/pki.sh"
hex() { od -An -v -tx1 "$1" | tr -d ' \n'; }

cd "$W" || exit 1
pki_config
mkca ca "/C=VN/O=motcua test/CN=motcua Test Root CA"
mksigner clerk ca "/C=VN/O=Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh/CN=Công chức chứng thực" -days 365
chmod 644 ca.pem
printf 'Bản quét Giấy khai sinh số 123/2001, bản chính\n' >content.txt
sign clerk DER scan.sig
cp content.txt scan.bin
printf 'Bản quét đã bị sửa\n' >altered.bin

make_database
q "ALTER DATABASE $db SET motcua.trust_store = '$W/ca.pem'" >/dev/null

U1=000.00.01.H22
U2=000.11.10.H22
logins cc_admin=motcua_admin cc_desk=motcua_officer cc_other=motcua_officer
as cc_admin "SELECT motcua.assign_staff('cc_desk', '$U1', 'front_desk')" >/dev/null
as cc_admin "SELECT motcua.assign_staff('cc_other', '$U2', 'front_desk')" >/dev/null
year=$(q "SELECT extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')")
# a document type a procedure asks for and the warehouse may hold
TYPE=$(q "SELECT pc.document_type FROM motcua.procedure_component pc JOIN motcua.document_type t ON t.code = pc.document_type
          WHERE pc.reusable AND t.national_database IS NULL ORDER BY pc.procedure, pc.ordinal LIMIT 1")
PROC=$(q "SELECT pc.procedure FROM motcua.procedure_component pc WHERE pc.document_type = '$TYPE' ORDER BY pc.procedure LIMIT 1")
SCAN="decode('$(hex scan.bin)', 'hex')"
SIG="decode('$(hex scan.sig)', 'hex')"

check "the person has nothing to reuse for $TYPE yet" "f" \
	"$(q "SELECT bool_or(status = 'reusable') FROM motcua.reuse_check('001099000911', '$PROC') WHERE component = '$TYPE'")"
N1=$(as cc_desk "SELECT motcua.certify_copy('001099000911', '$TYPE', '$U1', $SCAN, $SIG)")
check "the officer certifies an electronic copy: the first number of the unit's book this year" "$U1/CT/$year/0000001" "$N1"
check "it is in the person's warehouse: provenance, signature verified, reusable, issued by the unit" \
	"certified_copy|true|true|$U1" \
	"$(q "SELECT d.provenance || '|' || d.signature_valid || '|' || d.reusable || '|' || d.issuing_unit FROM motcua.copy_certification c JOIN motcua.document d ON d.id = c.document WHERE c.certification_no = '$N1'")"
check "and the reuse check now offers it" "reusable" \
	"$(q "SELECT status FROM motcua.reuse_check('001099000911', '$PROC') WHERE component = '$TYPE'")"
check "a scan altered after signing is refused (22023)" "ERROR 22023" \
	"$(as cc_desk "SELECT motcua.certify_copy('001099000912', '$TYPE', '$U1', decode('$(hex altered.bin)', 'hex'), $SIG)")"
check "a copy without its signature is refused (22023)" "ERROR 22023" \
	"$(as cc_desk "SELECT motcua.certify_copy('001099000912', '$TYPE', '$U1', $SCAN)")"
check "an officer of another unit may not certify there (42501)" "ERROR 42501" \
	"$(as cc_other "SELECT motcua.certify_copy('001099000912', '$TYPE', '$U1')")"
check "the refusals wrote nothing: one certification, one document" "1|1" \
	"$(q "SELECT (SELECT count(*) FROM motcua.copy_certification) || '|' || (SELECT count(*) FROM motcua.document WHERE provenance = 'certified_copy')")"
N2=$(as cc_desk "SELECT motcua.certify_copy('001099000913', '$TYPE', '$U1')")
N3=$(as cc_desk "SELECT motcua.certify_copy('001099000914', '$TYPE', '$U1')")
check "paper certifications take the next numbers, none lost to the refusals" "$U1/CT/$year/0000002 $U1/CT/$year/0000003" "$N2 $N3"
N4=$(as cc_other "SELECT motcua.certify_copy('001099000915', '$TYPE', '$U2', $SCAN, $SIG)")
check "another unit keeps its own book" "$U2/CT/$year/0000001" "$N4"
check "an officer reads their own unit's certifications only" "3|1" \
	"$(as cc_desk "SELECT count(*) FROM motcua.copy_certification")|$(as cc_other "SELECT count(*) FROM motcua.copy_certification")"

# --- Decision 766: e-certified copies, against counts made here ---------------
as cc_desk "SELECT motcua.receive('9.900016', '001099000916', '$U1', 'direct')" >/dev/null
as cc_other "SELECT motcua.receive('9.900010', '001099000917', '$U2', 'direct')" >/dev/null
q "SELECT motcua.refresh_kpis()" >/dev/null
month=$(q "SELECT date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date")
q "SELECT motcua.refresh_snapshots('{m}', '{$month}')" >/dev/null
for u in $U1 000.00.00.H22; do
	direct=$(q "SELECT round(100.0 * count(*) FILTER (WHERE c.electronic) / count(*), 2) FROM motcua.copy_certification c
	            JOIN motcua_internal.unit_closure uc ON uc.descendant = c.unit WHERE uc.ancestor = '$u'")
	check "e-certified copies at $u this month: the count made here ($direct%)" "$direct" \
		"$(q "SELECT value FROM motcua.index_766 WHERE unit = '$u' AND period_kind = 'm' AND period_start = '$month' AND indicator = 'ecertified_copy'")"
done

tap_done

#!/usr/bin/env bash
# motcua.verify_signature checks detached CMS signatures against the CA
# bundle named by motcua.trust_store (TAP output).  Keys and certificates
# are made here with the openssl command: a root CA, a signer it issued,
# an expired signer, a self-signed signer and a second CA with its own
# signer that the trust store does not know.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
mkdir -p "$WORK_DIR"
chmod 755 "$WORK_DIR"	# the server (OS user postgres) reads the trust store
W=$(cd "$WORK_DIR" && pwd)
libdir=$(cd "$(dirname "$0")/../lib" && pwd)
. "$libdir/tap.sh"
hex() { od -An -v -tx1 "$1" | tr -d ' \n'; }
# sq [TRUST_FILE] SQL: one session with motcua.trust_store set, then SQL.
sq() {
	local trust=$1; shift
	psql -X -A -t -q -v ON_ERROR_STOP=1 -d sig_test \
		-c "SET motcua.trust_store = '$trust'" -c "$1" 2>&1
}
# verify CONTENT_FILE SIGNATURE_FILE COLUMNS: columns of verify_signature.
verify() {
	sq "$W/root.pem" "SELECT $3 FROM motcua.verify_signature(decode('$(hex "$1")', 'hex'), decode('$(hex "$2")', 'hex'))"
}
die() { echo "Bail out! $*"; exit 1; }

# --- keys and certificates ---------------------------------------------
cd "$W" || die "no work directory"
. "$libdir/pki.sh"
pki_config
mkca ca "/C=VN/O=motcua test/CN=motcua Test Root CA" || die "root CA"
mkca other "/C=VN/O=somewhere else/CN=Other CA" || die "other CA"
mksigner good ca "/C=VN/O=UBND tỉnh Quảng Ninh/CN=Nguyễn Văn An" -days 365 || die "signer"
mksigner expired ca "/C=VN/CN=Trần Thị Bình" -startdate 20200101000000Z -enddate 20200102000000Z ||
	die "expired signer"
mksigner stranger other "/C=VN/CN=Lê Văn Cường" -days 365 || die "untrusted signer"
openssl req -x509 -new -config ca.cnf -extensions signer_ext -newkey rsa:2048 -nodes \
	-keyout self.key -out self.pem -days 365 -utf8 -subj "/CN=Tự Ký" 2>/dev/null || die "self-signed"
cp ca.pem root.pem
chmod 644 root.pem other.pem

printf 'Đơn đề nghị cấp giấy phép xây dựng, hồ sơ 000.00.01.H22-251117-0001\n' >content.txt
printf 'Đơn đề nghị cấp giấy phép xây dựng, hồ sơ 000.00.01.H22-251117-0002\n' >tampered.txt
sign good DER sig-good.der || die "sign"
sign good PEM sig-good.pem || die "sign PEM"
sed -e 's/BEGIN CMS/BEGIN PKCS7/' -e 's/END CMS/END PKCS7/' sig-good.pem >sig-good.p7.pem
sign good DER sig-noattr.der -noattr || die "sign without attributes"
sign expired DER sig-expired.der || die "sign expired"
sign stranger DER sig-stranger.der || die "sign untrusted"
sign self DER sig-self.der || die "sign self-signed"
sign good DER sig-attached.der -nodetach || die "sign attached"
sign good DER sig-cosigned.der -signer stranger.pem -inkey stranger.key || die "co-sign"
size=$(stat -c %s sig-good.der)
head -c $((size / 2)) sig-good.der >sig-truncated.der
# Flip a bit of the last byte, which lies in the signature value.
last=$(tail -c 1 sig-good.der | od -An -tu1 | tr -d ' \n')
{ head -c $((size - 1)) sig-good.der; printf "\\$(printf '%03o' $((last ^ 1)))"; } >sig-badvalue.der
: >sig-empty.der
printf '\x00\x11\x22\x33' >sig-garbage.der

psql -X -q -d postgres -c 'DROP DATABASE IF EXISTS sig_test' -c 'CREATE DATABASE sig_test' 2>&1 | grep -v NOTICE
psql -X -q -v ON_ERROR_STOP=1 -d sig_test -c 'CREATE EXTENSION IF NOT EXISTS unaccent' -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' -c 'CREATE EXTENSION motcua' -c 'CREATE EXTENSION motcua_sample' || die "CREATE EXTENSION"

# --- verification results ----------------------------------------------
check "a good signature is valid, names its signer and signing time" \
	"t|CN=Nguyễn Văn An,O=UBND tỉnh Quảng Ninh,C=VN|t|" \
	"$(verify content.txt sig-good.der "valid, signer, abs(extract(epoch FROM now() - signed_at)) < 600, reason")"
check "tampered content is not valid: digest mismatch" \
	"f|t|content does not match the signature (digest mismatch)" \
	"$(verify tampered.txt sig-good.der "valid, signer LIKE 'CN=Nguyễn Văn An,%', reason")"
check "a signer from an unknown CA is not trusted, and is still named" \
	"f|CN=Lê Văn Cường,C=VN|signer certificate is not trusted: unable to get local issuer certificate" \
	"$(verify content.txt sig-stranger.der "valid, signer, reason")"
check "a self-signed signer is not trusted" \
	"f|t" \
	"$(verify content.txt sig-self.der "valid, reason LIKE 'signer certificate is not trusted: self%signed certificate'")"
check "an expired signer certificate is reported, with signer and time" \
	"f|CN=Trần Thị Bình,C=VN|t|signer certificate has expired" \
	"$(verify content.txt sig-expired.der "valid, signer, signed_at IS NOT NULL, reason")"
check "garbage bytes are not a CMS structure (no error)" \
	"f|t|t" \
	"$(verify content.txt sig-garbage.der "valid, signer IS NULL, reason LIKE 'signature is not a CMS structure: %'")"
check "an empty signature is not valid (no error)" \
	"f|t" \
	"$(verify content.txt sig-empty.der "valid, reason LIKE 'signature is not a CMS structure%'")"
check "a truncated signature is not a CMS structure (no error)" \
	"f|t" \
	"$(verify content.txt sig-truncated.der "valid, reason LIKE 'signature is not a CMS structure: %'")"
check "a damaged signature value does not verify" \
	"f|t|t" \
	"$(verify content.txt sig-badvalue.der "valid, signer IS NOT NULL, reason LIKE 'signature does not verify: %'")"
check "a PEM signature (BEGIN CMS) is valid" \
	"t|t" "$(verify content.txt sig-good.pem "valid, signer LIKE 'CN=Nguyễn Văn An,%'")"
check "a PEM signature (BEGIN PKCS7) is valid" \
	"t" "$(verify content.txt sig-good.p7.pem "valid")"
check "without signed attributes: valid, no signing time" \
	"t|t" "$(verify content.txt sig-noattr.der "valid, signed_at IS NULL")"
check "without signed attributes: tampered content is a mismatch" \
	"f|content does not match the signature (digest mismatch)" \
	"$(verify tampered.txt sig-noattr.der "valid, reason")"
check "a signature carrying its content verifies against the given content" \
	"t|f" \
	"$(verify content.txt sig-attached.der "valid")|$(verify tampered.txt sig-attached.der "valid")"
check "every signer's chain must be trusted" \
	"f|t" \
	"$(verify content.txt sig-cosigned.der "valid, reason LIKE '%not trusted: unable to get local issuer certificate'")"
check "an input over 64 MB is not valid (no error)" \
	"f|signature is larger than 64 MB" \
	"$(sq "$W/root.pem" "SELECT valid, reason FROM motcua.verify_signature('\\x00', convert_to(repeat('x', 64 * 1024 * 1024 + 1), 'UTF8'))")"

# --- trust store configuration -----------------------------------------
out=$(psql -X -A -t -q -v VERBOSITY=verbose -d sig_test \
	-c "SELECT valid FROM motcua.verify_signature('\\x00', '\\x00')" 2>&1)
check "an unset trust store is an error F0000 with a hint" "F0000|1" \
	"$(echo "$out" | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p')|$(echo "$out" | grep -c 'HINT:  Set motcua.trust_store to a PEM file of trusted CA certificates.')"
out=$(sq "$W/missing.pem" "SELECT valid FROM motcua.verify_signature('\\x00', '\\x00')")
check "a missing trust store file is an error" "1" \
	"$(echo "$out" | grep -c 'ERROR:  could not access trust store ".*missing.pem": No such file or directory')"
printf 'no certificates here\n' >nocerts.pem
chmod 644 nocerts.pem
out=$(sq "$W/nocerts.pem" "SELECT valid FROM motcua.verify_signature('\\x00', '\\x00')")
check "a trust store without certificates is an error" "1" \
	"$(echo "$out" | grep -c 'ERROR:  trust store ".*nocerts.pem" contains no certificates')"

# The store is cached per backend and reloaded when the file changes.
cp root.pem trust2.pem
chmod 644 trust2.pem
sleep 0.05
out=$(psql -X -A -t -q -v ON_ERROR_STOP=1 -d sig_test <<EOF
SET motcua.trust_store = '$W/trust2.pem';
SELECT (motcua.verify_signature(decode('$(hex content.txt)', 'hex'), decode('$(hex sig-good.der)', 'hex'))).valid;
\! cat other.pem >$W/trust2.pem
SELECT (motcua.verify_signature(decode('$(hex content.txt)', 'hex'), decode('$(hex sig-good.der)', 'hex'))).valid;
SELECT (motcua.verify_signature(decode('$(hex content.txt)', 'hex'), decode('$(hex sig-stranger.der)', 'hex'))).valid;
SET motcua.trust_store = '$W/root.pem';
SELECT (motcua.verify_signature(decode('$(hex content.txt)', 'hex'), decode('$(hex sig-good.der)', 'hex'))).valid;
EOF
)
check "a changed trust store file or setting is reloaded in the same session" "t f t t" "$(echo $out)"

# --- privileges ----------------------------------------------------------
out=$(psql -X -A -t -q -d sig_test 2>&1 <<EOF
SET motcua.trust_store = '$W/root.pem';
SET ROLE motcua_officer;
SELECT (motcua.verify_signature(decode('$(hex content.txt)', 'hex'), decode('$(hex sig-good.der)', 'hex'))).valid;
SET motcua.trust_store = '/tmp';
EOF
)
check "an officer may verify but not choose the trust store" "t|1" \
	"$(echo "$out" | head -1)|$(echo "$out" | grep -c 'permission denied to set parameter "motcua.trust_store"')"
check "PUBLIC may not verify" "f" \
	"$(sq "$W/root.pem" "SELECT has_function_privilege('public', 'motcua.verify_signature(bytea, bytea)', 'execute')")"

# --- leaks -----------------------------------------------------------------
# 1000 verifications in one session, then the backend's anonymous resident
# memory across 5000 more: OpenSSL allocates outside PostgreSQL's memory
# contexts, so a per-call leak shows only there.  JIT is off: loading LLVM
# would grow the process by itself.
out=$(psql -X -A -t -q -v ON_ERROR_STOP=1 -d sig_test 2>&1 <<EOF
SET motcua.trust_store = '$W/root.pem';
SET jit = off;
CREATE TEMP TABLE s AS SELECT decode('$(hex content.txt)', 'hex') AS c,
	decode('$(hex sig-good.der)', 'hex') AS g, decode('$(hex sig-expired.der)', 'hex') AS e,
	decode('$(hex sig-garbage.der)', 'hex') AS x;
SELECT count(*) FROM s, generate_series(1, 1000) i,
	LATERAL motcua.verify_signature(s.c, CASE WHEN i > 0 THEN s.g END) v WHERE v.valid;
SELECT substring(pg_read_file('/proc/self/status') FROM 'RssAnon:\s*(\d+)') AS before \gset
SELECT count(*) FILTER (WHERE v.valid) || '/' || count(*) FROM s, generate_series(1, 5000) i,
	LATERAL motcua.verify_signature(s.c, CASE i % 3 WHEN 0 THEN s.g WHEN 1 THEN s.e ELSE s.x END) v;
SELECT substring(pg_read_file('/proc/self/status') FROM 'RssAnon:\s*(\d+)')::int - :before < 8192;
EOF
)
check "1000 verifications in one session are all valid" "1000" "$(echo "$out" | sed -n 1p)"
check "5000 more (good, expired, garbage) give the right answers" "1666/5000" "$(echo "$out" | sed -n 2p)"
check "backend memory stays flat over 5000 verifications (< 8 MB growth)" "t" "$(echo "$out" | sed -n 3p)"

psql -X -q -d postgres -c 'DROP DATABASE sig_test'
tap_done

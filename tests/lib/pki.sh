# Test PKI for the suites that sign (sourced): an openssl CA configuration
# in the current directory, and helpers that make CAs, signers and
# detached CMS signatures with the openssl command.
# pki_config: ca.cnf and the CA directories ca/ and other/.
pki_config() {
	rm -rf ca other && mkdir -p ca/newcerts other/newcerts && touch ca/index.txt other/index.txt
	echo 1000 >ca/serial
	echo 2000 >other/serial
	cat >ca.cnf <<'EOF'
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
x509_extensions = signer_ext
[ policy_any ]
commonName = supplied
organizationName = optional
countryName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ root_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ signer_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
}
# mkca DIR SUBJECT: a self-signed CA certificate DIR.pem with key DIR.key.
mkca() {
	openssl req -x509 -new -config ca.cnf -extensions root_ext -newkey rsa:2048 -nodes \
		-keyout "$1.key" -out "$1.pem" -days 3650 -utf8 -subj "$2" 2>/dev/null
}
# mksigner NAME CA_DIR SUBJECT DATES...: NAME.pem issued by CA_DIR.
mksigner() {
	local name=$1 ca=$2 subj=$3; shift 3
	openssl req -new -config ca.cnf -newkey rsa:2048 -nodes -keyout "$name.key" \
		-out "$name.csr" -utf8 -subj "$subj" 2>/dev/null &&
	(cd "$ca" && openssl ca -batch -config ../ca.cnf -cert "../$ca.pem" -keyfile "../$ca.key" \
		-utf8 -preserveDN -notext -in "../$name.csr" -out "../$name.pem" "$@" 2>/dev/null)
}
# sign NAME FORMAT OUT [OPTIONS]: detached CMS signature of content.txt.
sign() {
	local name=$1 fmt=$2 out=$3; shift 3
	openssl cms -sign -binary -in content.txt -signer "$name.pem" -inkey "$name.key" \
		-md sha256 -outform "$fmt" -out "$out" "$@"
}

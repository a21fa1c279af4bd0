-- Signatures on digitized documents [số hoá hồ sơ]: a detached CMS
-- (PKCS#7) signature, DER or PEM, checked against the CA certificates in
-- the file named by motcua.trust_store.  A bad signature is a row with
-- valid = false and a reason, never an error; the signer and signing time
-- are filled in whenever they can be read.
CREATE OR REPLACE FUNCTION motcua.verify_signature(content bytea, signature bytea,
	OUT valid boolean, OUT signer text, OUT signed_at timestamptz, OUT reason text)
	RETURNS record
	AS 'MODULE_PATHNAME', 'motcua_verify_signature'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.verify_signature(bytea, bytea) IS
	'checks a detached CMS signature (DER or PEM) over content against motcua.trust_store: valid, signer subject (RFC 2253), signingTime, reason when not valid';
REVOKE EXECUTE ON FUNCTION motcua.verify_signature(bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.verify_signature(bytea, bytea)
	TO motcua_officer, motcua_auditor, motcua_admin;

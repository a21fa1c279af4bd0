/*-------------------------------------------------------------------------
 *
 * signature.c
 *	  Verification of detached CMS (PKCS#7) signatures on digitized
 *	  documents (OpenSSL).
 *
 * motcua.verify_signature(content, signature) never raises an error for a
 * bad signature: whatever is wrong with the signature bytes comes back as
 * valid = false with a reason, and the signer and signing time are filled
 * in whenever they can be read, so an officer sees who signed even when
 * the signature is not accepted.  A missing, unreadable or empty trust
 * store is a configuration problem and does raise an error.
 *
 * Verification runs in two steps so that the reason is exact: CMS_verify
 * with CMS_NO_SIGNER_CERT_VERIFY checks the signature value and the
 * content digest of every signer, then X509_verify_cert checks each
 * signer's chain against the trust store at the current time, with the
 * "smime_sign" defaults that CMS_verify itself uses.  The first signer is
 * the one reported.
 *
 * The trust store (motcua.trust_store, a PEM bundle of CA certificates) is
 * parsed once per backend into an X509_STORE and kept until the setting,
 * or the file's identity, size or modification time, changes.  Nothing
 * that OpenSSL owns lives in shared memory.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <sys/stat.h>

#include <openssl/bio.h>
/* pem.h goes first: cms.h declares PEM_read_bio_CMS only if it is seen. */
#include <openssl/pem.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "access/detoast.h"
#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "storage/fd.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/timestamp.h"

#include "signature.h"

/* Largest content or signature accepted, in bytes. */
#define MAX_SIGNATURE_INPUT (64 * 1024 * 1024)

/* Largest trust store file read, in bytes. */
#define MAX_TRUST_STORE_SIZE (64 * 1024 * 1024)

#define TRUST_STORE_HINT "Set motcua.trust_store to a PEM file of trusted CA certificates."

/* Path of the PEM bundle of trusted CA certificates (motcua.trust_store). */
static char *motcua_trust_store = NULL;

/*
 * The backend's parsed trust store and the identity of the file it came
 * from; store is NULL until the first verification.
 */
static X509_STORE *cached_store = NULL;
static char cached_path[MAXPGPATH];
static dev_t cached_dev;
static ino_t cached_ino;
static off_t cached_size;
static struct timespec cached_mtime;

/*
 * One verification: its results, and every OpenSSL object it allocates,
 * which FreeSignatureCheck releases whether or not the check completed.
 */
typedef struct SignatureCheck
{
	bool		valid;
	char	   *signer;			/* RFC 2253 subject, or NULL */
	bool		has_signed_at;
	TimestampTz signed_at;
	char	   *reason;			/* why not valid, or NULL */

	BIO		   *sig_bio;
	BIO		   *content_bio;
	BIO		   *name_bio;
	CMS_ContentInfo *cms;
	STACK_OF(X509) *certs;
	X509_STORE_CTX *store_ctx;
} SignatureCheck;

/*
 * motcua_signature_init registers motcua.trust_store.
 */
void
motcua_signature_init(void)
{
	DefineCustomStringVariable("motcua.trust_store",
							   "PEM file of the CA certificates trusted for document signatures.",
							   "motcua.verify_signature accepts a signer whose certificate chains to one of them.",
							   &motcua_trust_store,
							   "",
							   PGC_SUSET,
							   GUC_SUPERUSER_ONLY,
							   NULL, NULL, NULL);
}

/*
 * NoPassphrase is the PEM password callback: encrypted PEM blocks are
 * refused rather than prompting on a terminal the server does not have.
 */
static int
NoPassphrase(char *buf, int size, int rwflag, void *userdata)
{
	return -1;
}

/*
 * OpenSSLFailure reports an OpenSSL call that should not fail (allocation,
 * context set-up) as an ERROR carrying OpenSSL's own message.
 */
static void
pg_attribute_noreturn()
OpenSSLFailure(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INTERNAL_ERROR),
			 errmsg("OpenSSL could not %s: %s", what,
					ERR_error_string(ERR_get_error(), NULL))));
}

/*
 * OpenSSLErrorText pops OpenSSL's error queue and returns its earliest
 * entry, the root cause, as a palloc'd string.  *content_mismatch, if
 * given, tells whether CMS reported a content digest mismatch.
 */
static char *
OpenSSLErrorText(bool *content_mismatch)
{
	unsigned long first = ERR_peek_error();
	unsigned long e;
	char		buf[256];

	if (content_mismatch)
		*content_mismatch = false;
	while ((e = ERR_get_error()) != 0)
	{
		if (content_mismatch && ERR_GET_LIB(e) == ERR_LIB_CMS &&
			ERR_GET_REASON(e) == CMS_R_CONTENT_VERIFY_ERROR)
			*content_mismatch = true;
	}
	if (first == 0)
		return pstrdup("no detail from OpenSSL");
	ERR_error_string_n(first, buf, sizeof(buf));
	return pstrdup(buf);
}

/*
 * LoadTrustStore reads the PEM bundle at path into a new X509_STORE.  A
 * file that cannot be read, is malformed or holds no certificate is a
 * configuration error.
 */
static X509_STORE *
LoadTrustStore(const char *path)
{
	FILE	   *fp;
	StringInfoData buf;
	BIO		   *volatile bio = NULL;
	X509_STORE *volatile store = NULL;
	volatile int ncerts = 0;

	fp = AllocateFile(path, PG_BINARY_R);
	if (fp == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_CONFIG_FILE_ERROR),
				 errmsg("could not open trust store \"%s\": %m", path),
				 errhint(TRUST_STORE_HINT)));
	initStringInfo(&buf);
	for (;;)
	{
		size_t		n;

		enlargeStringInfo(&buf, 65536);
		n = fread(buf.data + buf.len, 1, buf.maxlen - buf.len - 1, fp);
		buf.len += n;
		if (buf.len > MAX_TRUST_STORE_SIZE)
			ereport(ERROR,
					(errcode(ERRCODE_CONFIG_FILE_ERROR),
					 errmsg("trust store \"%s\" is larger than %d MB", path,
							MAX_TRUST_STORE_SIZE / (1024 * 1024)),
					 errhint(TRUST_STORE_HINT)));
		if (n == 0)
			break;
	}
	if (ferror(fp))
		ereport(ERROR,
				(errcode(ERRCODE_CONFIG_FILE_ERROR),
				 errmsg("could not read trust store \"%s\": %m", path),
				 errhint(TRUST_STORE_HINT)));
	FreeFile(fp);

	ERR_clear_error();
	PG_TRY();
	{
		unsigned long e;

		bio = BIO_new_mem_buf(buf.data, buf.len);
		store = X509_STORE_new();
		if (bio == NULL || store == NULL)
			OpenSSLFailure("allocate a certificate store");

		/*
		 * PEM_read_bio_X509_AUX also takes "TRUSTED CERTIFICATE" blocks and
		 * skips blocks of other kinds (keys, CRLs); at the end of the file
		 * it fails with PEM_R_NO_START_LINE, anything else is damage.
		 */
		for (;;)
		{
			X509	   *cert = PEM_read_bio_X509_AUX(bio, NULL, NoPassphrase, NULL);
			int			ok;

			if (cert == NULL)
				break;
			ok = X509_STORE_add_cert(store, cert);
			X509_free(cert);
			if (ok != 1)
				OpenSSLFailure("add a certificate to the trust store");
			ncerts++;
		}
		e = ERR_peek_last_error();
		if (e != 0 &&
			!(ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE))
			ereport(ERROR,
					(errcode(ERRCODE_CONFIG_FILE_ERROR),
					 errmsg("could not load trust store \"%s\": %s", path,
							ERR_error_string(e, NULL)),
					 errhint(TRUST_STORE_HINT)));
		if (ncerts == 0)
			ereport(ERROR,
					(errcode(ERRCODE_CONFIG_FILE_ERROR),
					 errmsg("trust store \"%s\" contains no certificates", path),
					 errhint(TRUST_STORE_HINT)));
	}
	PG_CATCH();
	{
		X509_STORE_free(store);
		BIO_free(bio);
		ERR_clear_error();
		PG_RE_THROW();
	}
	PG_END_TRY();

	BIO_free(bio);
	ERR_clear_error();
	pfree(buf.data);
	return store;
}

/*
 * GetTrustStore returns the backend's X509_STORE for motcua.trust_store,
 * reloading it when the setting or the file has changed.
 */
static X509_STORE *
GetTrustStore(void)
{
	const char *path = motcua_trust_store;
	struct stat st;
	X509_STORE *store;

	if (path == NULL || path[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_CONFIG_FILE_ERROR),
				 errmsg("motcua.trust_store is not set"),
				 errdetail("Signatures are verified against the CA certificates in that file."),
				 errhint(TRUST_STORE_HINT)));
	if (strlen(path) >= MAXPGPATH)
		ereport(ERROR,
				(errcode(ERRCODE_CONFIG_FILE_ERROR),
				 errmsg("motcua.trust_store is too long"),
				 errdetail("A path may have at most %d bytes.", MAXPGPATH - 1)));
	if (stat(path, &st) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_CONFIG_FILE_ERROR),
				 errmsg("could not access trust store \"%s\": %m", path),
				 errhint(TRUST_STORE_HINT)));
	if (!S_ISREG(st.st_mode))
		ereport(ERROR,
				(errcode(ERRCODE_CONFIG_FILE_ERROR),
				 errmsg("trust store \"%s\" is not a regular file", path),
				 errhint(TRUST_STORE_HINT)));

	if (cached_store != NULL &&
		strcmp(cached_path, path) == 0 &&
		cached_dev == st.st_dev &&
		cached_ino == st.st_ino &&
		cached_size == st.st_size &&
		cached_mtime.tv_sec == st.st_mtim.tv_sec &&
		cached_mtime.tv_nsec == st.st_mtim.tv_nsec)
		return cached_store;

	/* Load first: on failure the previous store stays cached. */
	store = LoadTrustStore(path);
	X509_STORE_free(cached_store);
	cached_store = store;
	strlcpy(cached_path, path, sizeof(cached_path));
	cached_dev = st.st_dev;
	cached_ino = st.st_ino;
	cached_size = st.st_size;
	cached_mtime = st.st_mtim;
	return cached_store;
}

/*
 * LooksLikePem tells whether the bytes, after leading white space, start a
 * PEM block ("-----BEGIN CMS-----" or "-----BEGIN PKCS7-----").
 */
static bool
LooksLikePem(const char *data, int len)
{
	static const char begin[] = "-----BEGIN ";
	int			i = 0;

	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
					   data[i] == '\r' || data[i] == '\n'))
		i++;
	return len - i >= (int) strlen(begin) &&
		memcmp(data + i, begin, strlen(begin)) == 0;
}

/*
 * PrintName returns the RFC 2253 form of name printed with the given
 * flags, or NULL if OpenSSL cannot print it or (when utf8) the result is
 * not valid in the database encoding.
 */
static char *
PrintName(SignatureCheck *sc, const X509_NAME *name, unsigned long flags, bool utf8)
{
	char	   *data;
	long		len;

	BIO_free(sc->name_bio);
	sc->name_bio = BIO_new(BIO_s_mem());
	if (sc->name_bio == NULL)
		OpenSSLFailure("allocate a buffer");
	if (X509_NAME_print_ex(sc->name_bio, name, 0, flags) < 0)
		return NULL;
	len = BIO_get_mem_data(sc->name_bio, &data);
	if (len < 0 || (Size) len >= MaxAllocSize)
		return NULL;
	if (utf8 && !pg_verifymbstr(data, (int) len, true))
		return NULL;
	return pnstrdup(data, len);
}

/*
 * SubjectText returns the certificate's subject in RFC 2253 form.  In a
 * UTF8 database, non-ASCII characters (Vietnamese names) are kept as they
 * are rather than escaped as \XX bytes; elsewhere the escaped form is used.
 */
static char *
SubjectText(SignatureCheck *sc, X509 *cert)
{
	const X509_NAME *name = X509_get_subject_name(cert);
	char	   *result = NULL;

	if (name == NULL)
		return NULL;
	if (GetDatabaseEncoding() == PG_UTF8)
		result = PrintName(sc, name, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB, true);
	if (result == NULL)
		result = PrintName(sc, name, XN_FLAG_RFC2253, false);
	return result;
}

/*
 * ReadSigningTime fills sc->signed_at from the signer's signingTime signed
 * attribute, if it has a well-formed one.
 */
static void
ReadSigningTime(SignatureCheck *sc, CMS_SignerInfo *si)
{
	int			idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
	X509_ATTRIBUTE *attr;
	ASN1_TYPE  *value;
	struct tm	tm;
	struct pg_tm ptm;
	Timestamp	ts;

	if (idx < 0)
		return;
	attr = CMS_signed_get_attr(si, idx);
	value = attr ? X509_ATTRIBUTE_get0_type(attr, 0) : NULL;
	if (value == NULL ||
		(value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME))
		return;
	memset(&tm, 0, sizeof(tm));
	if (ASN1_TIME_to_tm((const ASN1_TIME *) value->value.asn1_string, &tm) != 1)
		return;

	memset(&ptm, 0, sizeof(ptm));
	ptm.tm_year = tm.tm_year + 1900;
	ptm.tm_mon = tm.tm_mon + 1;
	ptm.tm_mday = tm.tm_mday;
	ptm.tm_hour = tm.tm_hour;
	ptm.tm_min = tm.tm_min;
	ptm.tm_sec = tm.tm_sec;
	/* No time zone given: the fields are taken as UTC. */
	if (tm2timestamp(&ptm, 0, NULL, &ts) != 0 || !IS_VALID_TIMESTAMP(ts))
		return;
	sc->signed_at = (TimestampTz) ts;
	sc->has_signed_at = true;
}

/*
 * ChainReason words an X509_verify_cert failure of the signer's chain.
 */
static char *
ChainReason(int err, int depth)
{
	const char *text = X509_verify_cert_error_string(err);

	switch (err)
	{
		case X509_V_ERR_CERT_HAS_EXPIRED:
			if (depth == 0)
				return pstrdup("signer certificate has expired");
			return psprintf("signer certificate chain is not valid: %s (issuer at depth %d)",
							text, depth);
		case X509_V_ERR_CERT_NOT_YET_VALID:
			if (depth == 0)
				return pstrdup("signer certificate is not yet valid");
			return psprintf("signer certificate chain is not valid: %s (issuer at depth %d)",
							text, depth);
		case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
		case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
		case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
		case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
		case X509_V_ERR_CERT_UNTRUSTED:
		case X509_V_ERR_CERT_REJECTED:
			return psprintf("signer certificate is not trusted: %s", text);
		default:
			return psprintf("signer certificate is not valid: %s", text);
	}
}

/*
 * CheckSignature verifies signature over content against store and fills
 * sc.  Problems with the signature end the check with sc->reason set;
 * only failures of OpenSSL itself (allocation) raise an ERROR.  The caller
 * frees sc's OpenSSL objects in either case.
 */
static void
CheckSignature(SignatureCheck *sc, const char *content, int content_len,
			   const char *sig, int sig_len, X509_STORE *store)
{
	STACK_OF(CMS_SignerInfo) *sinfos;
	CMS_SignerInfo *si;
	X509	   *signer = NULL;
	bool		content_mismatch;
	int			i;

	if (sig_len == 0)
	{
		sc->reason = pstrdup("signature is not a CMS structure: the signature is empty");
		return;
	}
	sc->sig_bio = BIO_new_mem_buf(sig, sig_len);
	if (sc->sig_bio == NULL)
		OpenSSLFailure("allocate a buffer");
	if (LooksLikePem(sig, sig_len))
		sc->cms = PEM_read_bio_CMS(sc->sig_bio, NULL, NoPassphrase, NULL);
	else
		sc->cms = d2i_CMS_bio(sc->sig_bio, NULL);
	if (sc->cms == NULL)
	{
		sc->reason = psprintf("signature is not a CMS structure: %s",
							  OpenSSLErrorText(NULL));
		return;
	}
	if (OBJ_obj2nid(CMS_get0_type(sc->cms)) != NID_pkcs7_signed)
	{
		sc->reason = pstrdup("signature is not a CMS structure: it holds no signed data");
		return;
	}

	sinfos = CMS_get0_SignerInfos(sc->cms);
	if (sinfos == NULL || sk_CMS_SignerInfo_num(sinfos) == 0)
	{
		sc->reason = pstrdup("signature has no signer");
		return;
	}
	si = sk_CMS_SignerInfo_value(sinfos, 0);
	ReadSigningTime(sc, si);

	/* The signer's certificate must travel in the signature. */
	sc->certs = CMS_get1_certs(sc->cms);
	for (i = 0; sc->certs != NULL && i < sk_X509_num(sc->certs); i++)
	{
		X509	   *cert = sk_X509_value(sc->certs, i);

		if (CMS_SignerInfo_cert_cmp(si, cert) == 0)
		{
			signer = cert;
			break;
		}
	}
	if (signer == NULL)
	{
		sc->reason = pstrdup("signer certificate is not included in the signature");
		return;
	}
	sc->signer = SubjectText(sc, signer);

	/* Signature value and content digest of every signer. */
	sc->content_bio = BIO_new_mem_buf(content, content_len);
	if (sc->content_bio == NULL)
		OpenSSLFailure("allocate a buffer");
	ERR_clear_error();
	if (CMS_verify(sc->cms, NULL, store, sc->content_bio, NULL,
				   CMS_DETACHED | CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1)
	{
		char	   *detail = OpenSSLErrorText(&content_mismatch);

		if (content_mismatch)
			sc->reason = pstrdup("content does not match the signature (digest mismatch)");
		else
			sc->reason = psprintf("signature does not verify: %s", detail);
		return;
	}

	/*
	 * Every signer's chain, at the current time, as CMS_verify would check
	 * it; CMS_verify has attached each signer's certificate to its
	 * SignerInfo.  The first signer is the one reported.
	 */
	sc->store_ctx = X509_STORE_CTX_new();
	if (sc->store_ctx == NULL)
		OpenSSLFailure("allocate a certificate verification context");
	for (i = 0; i < sk_CMS_SignerInfo_num(sinfos); i++)
	{
		X509	   *cert = NULL;
		char	   *problem;

		CMS_SignerInfo_get0_algs(sk_CMS_SignerInfo_value(sinfos, i),
								 NULL, &cert, NULL, NULL);
		if (i == 0)
			cert = signer;
		if (cert == NULL)
		{
			sc->reason = psprintf("signer %d of the signature has no certificate", i + 1);
			return;
		}
		X509_STORE_CTX_cleanup(sc->store_ctx);
		if (X509_STORE_CTX_init(sc->store_ctx, store, cert, sc->certs) != 1 ||
			X509_STORE_CTX_set_default(sc->store_ctx, "smime_sign") != 1)
			OpenSSLFailure("set up certificate verification");
		if (X509_verify_cert(sc->store_ctx) == 1)
			continue;
		problem = ChainReason(X509_STORE_CTX_get_error(sc->store_ctx),
							  X509_STORE_CTX_get_error_depth(sc->store_ctx));
		if (i == 0)
			sc->reason = problem;
		else
			sc->reason = psprintf("co-signer %d: %s", i + 1, problem);
		return;
	}
	sc->valid = true;
}

/*
 * FreeSignatureCheck releases every OpenSSL object of a check.
 */
static void
FreeSignatureCheck(SignatureCheck *sc)
{
	X509_STORE_CTX_free(sc->store_ctx);
	sk_X509_pop_free(sc->certs, X509_free);
	CMS_ContentInfo_free(sc->cms);
	BIO_free(sc->name_bio);
	BIO_free(sc->content_bio);
	BIO_free(sc->sig_bio);
	sc->store_ctx = NULL;
	sc->certs = NULL;
	sc->cms = NULL;
	sc->name_bio = NULL;
	sc->content_bio = NULL;
	sc->sig_bio = NULL;
}

/*
 * RunSignatureCheck runs CheckSignature and frees its OpenSSL objects and
 * error queue whatever happens.
 */
static void
RunSignatureCheck(SignatureCheck *sc, bytea *content, bytea *signature,
				  X509_STORE *store)
{
	ERR_clear_error();
	PG_TRY();
	{
		CheckSignature(sc,
					   VARDATA_ANY(content), VARSIZE_ANY_EXHDR(content),
					   VARDATA_ANY(signature), VARSIZE_ANY_EXHDR(signature),
					   store);
	}
	PG_FINALLY();
	{
		FreeSignatureCheck(sc);
		ERR_clear_error();
	}
	PG_END_TRY();
}

/*
 * motcua_verify_signature(content, signature) checks a detached CMS
 * signature (DER or PEM) over content against motcua.trust_store and
 * returns (valid, signer, signed_at, reason).
 */
PG_FUNCTION_INFO_V1(motcua_verify_signature);
Datum
motcua_verify_signature(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	X509_STORE *store;
	SignatureCheck sc;
	Datum		values[4];
	bool		nulls[4];

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	/* A configuration problem is an error whatever the signature. */
	store = GetTrustStore();

	memset(&sc, 0, sizeof(sc));

	/* Sizes are checked before detoasting, so huge values are not read. */
	if (toast_raw_datum_size(PG_GETARG_DATUM(1)) - VARHDRSZ > MAX_SIGNATURE_INPUT)
		sc.reason = psprintf("signature is larger than %d MB",
							 MAX_SIGNATURE_INPUT / (1024 * 1024));
	else if (toast_raw_datum_size(PG_GETARG_DATUM(0)) - VARHDRSZ > MAX_SIGNATURE_INPUT)
		sc.reason = psprintf("content is larger than %d MB",
							 MAX_SIGNATURE_INPUT / (1024 * 1024));
	else
		RunSignatureCheck(&sc, PG_GETARG_BYTEA_PP(0), PG_GETARG_BYTEA_PP(1), store);

	memset(nulls, 0, sizeof(nulls));
	values[0] = BoolGetDatum(sc.valid);
	if (sc.signer != NULL)
		values[1] = CStringGetTextDatum(sc.signer);
	else
		nulls[1] = true;
	if (sc.has_signed_at)
		values[2] = TimestampTzGetDatum(sc.signed_at);
	else
		nulls[2] = true;
	if (sc.reason != NULL)
		values[3] = CStringGetTextDatum(sc.reason);
	else
		nulls[3] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

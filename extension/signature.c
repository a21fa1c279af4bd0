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
 * The check itself, on the bytes an outside party supplies, is plain C
 * (cmscheck.c, which the fuzzer also calls); this file reads the trust
 * store and turns the check into a row, and its failures into errors.
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
#include <openssl/err.h>
#include <openssl/pem.h>
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

#include "cmscheck.h"
#include "signature.h"

/* Largest content or signature accepted, in bytes. */
#define MAX_SIGNATURE_INPUT (64 * 1024 * 1024)

/* Largest trust store file read, in bytes. */
#define MAX_TRUST_STORE_SIZE (64 * 1024 * 1024)

/* Room for the signer's subject; a longer one is cut and ends in "...". */
#define MAX_SIGNER_TEXT (64 * 1024)

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
 * SignedAt converts the signing time's UTC fields to a timestamp; false
 * when it is out of PostgreSQL's range.
 */
static bool
SignedAt(const struct tm *tm, TimestampTz *result)
{
	struct pg_tm ptm;
	Timestamp	ts;

	memset(&ptm, 0, sizeof(ptm));
	ptm.tm_year = tm->tm_year + 1900;
	ptm.tm_mon = tm->tm_mon + 1;
	ptm.tm_mday = tm->tm_mday;
	ptm.tm_hour = tm->tm_hour;
	ptm.tm_min = tm->tm_min;
	ptm.tm_sec = tm->tm_sec;
	/* No time zone given: the fields are taken as UTC. */
	if (tm2timestamp(&ptm, 0, NULL, &ts) != 0 || !IS_VALID_TIMESTAMP(ts))
		return false;
	*result = (TimestampTz) ts;
	return true;
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
	McCmsCheck	check;
	char	   *reason = NULL;
	char	   *signer = NULL;
	bool		has_signed_at = false;
	TimestampTz signed_at = 0;
	Datum		values[4];
	bool		nulls[4];

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	/* A configuration problem is an error whatever the signature. */
	store = GetTrustStore();

	memset(&check, 0, sizeof(check));

	/* Sizes are checked before detoasting, so huge values are not read. */
	if (toast_raw_datum_size(PG_GETARG_DATUM(1)) - VARHDRSZ > MAX_SIGNATURE_INPUT)
		reason = psprintf("signature is larger than %d MB",
						  MAX_SIGNATURE_INPUT / (1024 * 1024));
	else if (toast_raw_datum_size(PG_GETARG_DATUM(0)) - VARHDRSZ > MAX_SIGNATURE_INPUT)
		reason = psprintf("content is larger than %d MB",
						  MAX_SIGNATURE_INPUT / (1024 * 1024));
	else
	{
		bytea	   *content = PG_GETARG_BYTEA_PP(0);
		bytea	   *signature = PG_GETARG_BYTEA_PP(1);
		char	   *signer_buf = palloc(MAX_SIGNER_TEXT);

		if (!mc_cms_check(VARDATA_ANY(content), VARSIZE_ANY_EXHDR(content),
						  VARDATA_ANY(signature), VARSIZE_ANY_EXHDR(signature),
						  store, GetDatabaseEncoding() == PG_UTF8,
						  signer_buf, MAX_SIGNER_TEXT, &check))
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("OpenSSL could not %s: %s", check.failed_to, check.failure)));
		signer = check.signer;
		if (check.has_signed_at)
			has_signed_at = SignedAt(&check.signed_at, &signed_at);
		if (!check.valid)
			reason = check.reason;
	}

	memset(nulls, 0, sizeof(nulls));
	values[0] = BoolGetDatum(check.valid);
	if (signer != NULL)
		values[1] = CStringGetTextDatum(signer);
	else
		nulls[1] = true;
	if (has_signed_at)
		values[2] = TimestampTzGetDatum(signed_at);
	else
		nulls[2] = true;
	if (reason != NULL)
		values[3] = CStringGetTextDatum(reason);
	else
		nulls[3] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

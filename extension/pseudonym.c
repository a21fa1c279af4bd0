/*-------------------------------------------------------------------------
 *
 * pseudonym.c
 *	  Keyed HMAC-SHA256 (OpenSSL), from which analytics get a stable
 *	  pseudonym for a person without the person's identifier.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "fmgr.h"
#include "utils/builtins.h"

/*
 * motcua_hmac_sha256(key bytea, message bytea) returns the 32-byte
 * HMAC-SHA256 of message under key.  An empty key is refused: it would
 * make every pseudonym a plain, reversible-by-dictionary hash.
 */
PG_FUNCTION_INFO_V1(motcua_hmac_sha256);
Datum
motcua_hmac_sha256(PG_FUNCTION_ARGS)
{
	bytea	   *key = PG_GETARG_BYTEA_PP(0);
	bytea	   *msg = PG_GETARG_BYTEA_PP(1);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	bytea	   *result;

	if (VARSIZE_ANY_EXHDR(key) < 16)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an HMAC key needs at least 16 bytes, not %d",
						(int) VARSIZE_ANY_EXHDR(key))));
	if (HMAC(EVP_sha256(), VARDATA_ANY(key), (int) VARSIZE_ANY_EXHDR(key),
			 (const unsigned char *) VARDATA_ANY(msg), VARSIZE_ANY_EXHDR(msg),
			 md, &mdlen) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("HMAC-SHA256 failed: %s", ERR_error_string(ERR_get_error(), NULL))));
	result = palloc(VARHDRSZ + mdlen);
	SET_VARSIZE(result, VARHDRSZ + mdlen);
	memcpy(VARDATA(result), md, mdlen);
	PG_RETURN_BYTEA_P(result);
}

/*-------------------------------------------------------------------------
 *
 * hashchain.c
 *	  SHA-256 links of the dossier history chain (OpenSSL).
 *
 * An event's hash covers the previous event's hash and every field of the
 * event, each written as a 4-byte big-endian length followed by its bytes
 * (length 0xFFFFFFFF for NULL), so no two different events encode alike.
 * Timestamps are their 8-byte microsecond value and details the canonical
 * text of the jsonb value (jsonb sorts and de-duplicates keys).
 *
 * Two layouts exist.  Events written by version 0.1 hash (prev, dossier,
 * seq, at, actor, action, from_state, to_state, details).  From 0.2 an
 * event also records the server time it was written and the name the
 * caller claimed, and hashes (prev, dossier, seq, at, recorded_at, actor,
 * claimed_actor, action, from_state, to_state, details).  One C function
 * serves both, told apart by its number of arguments.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "ids.h"

#define NULL_FIELD 0xFFFFFFFFu

/*
 * digest_field feeds one length-prefixed field to the digest.
 */
static void
digest_field(EVP_MD_CTX *ctx, const void *data, uint32 len, bool isnull)
{
	unsigned char prefix[4];
	uint32		n = isnull ? NULL_FIELD : len;

	prefix[0] = (unsigned char) (n >> 24);
	prefix[1] = (unsigned char) (n >> 16);
	prefix[2] = (unsigned char) (n >> 8);
	prefix[3] = (unsigned char) n;
	if (EVP_DigestUpdate(ctx, prefix, 4) != 1 ||
		(!isnull && len > 0 && EVP_DigestUpdate(ctx, data, len) != 1))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("SHA-256 update failed: %s",
						ERR_error_string(ERR_get_error(), NULL))));
}

/*
 * digest_time feeds a timestamp as its 8-byte big-endian microsecond value
 * (or NULL).
 */
static void
digest_time(EVP_MD_CTX *ctx, FunctionCallInfo fcinfo, int argno)
{
	unsigned char buf[8];
	uint64		v;
	int			i;

	if (PG_ARGISNULL(argno))
	{
		digest_field(ctx, NULL, 0, true);
		return;
	}
	v = (uint64) PG_GETARG_TIMESTAMPTZ(argno);
	for (i = 0; i < 8; i++)
		buf[i] = (unsigned char) (v >> (56 - 8 * i));
	digest_field(ctx, buf, 8, false);
}

/*
 * digest_text_arg feeds a text argument (or NULL) to the digest.
 */
static void
digest_text_arg(EVP_MD_CTX *ctx, FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		digest_field(ctx, NULL, 0, true);
	else
	{
		text	   *t = PG_GETARG_TEXT_PP(argno);

		digest_field(ctx, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), false);
	}
}

/*
 * motcua_event_hash(prev, dossier, seq, at, [recorded_at,] actor,
 * [claimed_actor,] action, from_state, to_state, details) returns the
 * 32-byte SHA-256 link of an event (9 arguments: the 0.1 layout; 11: the
 * 0.2 layout).
 */
PG_FUNCTION_INFO_V1(motcua_event_hash);
Datum
motcua_event_hash(PG_FUNCTION_ARGS)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	bytea	   *result;
	int			nargs = PG_NARGS();
	int			details_arg = nargs - 1;
	int			i;

	if (nargs != 9 && nargs != 11)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("event hash takes 9 or 11 arguments, not %d", nargs)));
	if (ctx == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("could not allocate a SHA-256 context")));
	for (i = 1; i <= 3; i++)
	{
		if (PG_ARGISNULL(i))
		{
			EVP_MD_CTX_free(ctx);
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("event hash needs the dossier, sequence and time")));
		}
	}
	PG_TRY();
	{
		char		code[MC_ID_TEXTLEN];
		McDossierCode dc;
		int32		seq = PG_GETARG_INT32(2);
		unsigned char buf[4];

		if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("SHA-256 init failed: %s", ERR_error_string(ERR_get_error(), NULL))));
		if (PG_ARGISNULL(0))
			digest_field(ctx, NULL, 0, true);
		else
		{
			bytea	   *prev = PG_GETARG_BYTEA_PP(0);

			digest_field(ctx, VARDATA_ANY(prev), VARSIZE_ANY_EXHDR(prev), false);
		}
		motcua_dossier_unpack((Fixed16 *) PG_GETARG_POINTER(1), &dc);
		mc_format_dossier_code(&dc, code);
		digest_field(ctx, code, strlen(code), false);
		for (i = 0; i < 4; i++)
			buf[i] = (unsigned char) ((uint32) seq >> (24 - 8 * i));
		digest_field(ctx, buf, 4, false);
		digest_time(ctx, fcinfo, 3);
		i = 4;
		if (nargs == 11)
			digest_time(ctx, fcinfo, i++);
		for (; i < details_arg; i++)
			digest_text_arg(ctx, fcinfo, i);
		if (PG_ARGISNULL(details_arg))
			digest_field(ctx, NULL, 0, true);
		else
		{
			Jsonb	   *j = PG_GETARG_JSONB_P(details_arg);
			char	   *s = JsonbToCString(NULL, &j->root, VARSIZE(j));

			digest_field(ctx, s, strlen(s), false);
		}
		if (EVP_DigestFinal_ex(ctx, md, &mdlen) != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("SHA-256 final failed: %s", ERR_error_string(ERR_get_error(), NULL))));
	}
	PG_FINALLY();
	{
		EVP_MD_CTX_free(ctx);
	}
	PG_END_TRY();

	result = palloc(VARHDRSZ + mdlen);
	SET_VARSIZE(result, VARHDRSZ + mdlen);
	memcpy(VARDATA(result), md, mdlen);
	PG_RETURN_BYTEA_P(result);
}

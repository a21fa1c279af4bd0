/*-------------------------------------------------------------------------
 *
 * fuzz_json.c
 *	  libFuzzer target: our JSON check (extension/jsoncheck.c) against
 *	  PostgreSQL's own, on arbitrary bytes (tools/fuzz.sh).
 *
 * PostgreSQL's side is the frontend build of the jsonapi.c and wchar.c
 * that the server runs (libpgcommon.a of the PostgreSQL we build
 * against): the encoding check of a UTF8 database, then the lexer and
 * parser with the escapes decoded, as the connector used to call them.
 * The two must agree byte for byte on the encoding, and on the rest,
 * except where jsonb refuses more than the parser: a number numeric
 * cannot hold, nesting deeper than MC_JSON_MAX_DEPTH.  Those we may
 * refuse where the parser accepts, never the other way round.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres_fe.h"

#include <stdint.h>
#include <stdlib.h>

#include "common/jsonapi.h"
#include "mb/pg_wchar.h"

#include "jsoncheck.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * PostgresTakes runs PostgreSQL's checks on the bytes; *encoding_ok says
 * whether the encoding check alone passed.
 */
static bool
PostgresTakes(const char *data, size_t size, bool *encoding_ok)
{
	char	   *copy;
	JsonLexContext *lex;
	bool		ok;

	*encoding_ok = pg_encoding_verifymbstr(PG_UTF8, data, (int) size) == (int) size;
	if (!*encoding_ok || size == 0)
		return false;
	copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	lex = makeJsonLexContextCstringLen(copy, (int) size, PG_UTF8, true);
	ok = pg_parse_json(lex, &nullSemAction) == JSON_SUCCESS;
	if (lex->strval != NULL)
	{
		pfree(lex->strval->data);
		pfree(lex->strval);
	}
	pfree(lex);
	free(copy);
	return ok;
}

/*
 * LLVMFuzzerTestOneInput compares the two verdicts on the input.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool		encoding_ok;
	bool		pg = PostgresTakes((const char *) data, size, &encoding_ok);
	McJsonVerdict ours = mc_json_check((const char *) data, size);

	if ((ours == MC_JSON_ENCODING) == encoding_ok)
		abort();				/* the encoding checks disagree */
	if (mc_utf8_valid((const char *) data, size) != encoding_ok)
		abort();
	if (ours == MC_JSON_OK && !pg)
		abort();				/* we take what jsonb refuses */
	if (ours != MC_JSON_OK && pg &&
		ours != MC_JSON_NUMBER_RANGE && ours != MC_JSON_TOO_DEEP)
		abort();				/* we refuse what jsonb takes */
	return 0;
}

/*-------------------------------------------------------------------------
 *
 * fuzz_idparse.c
 *	  libFuzzer target for motcua's identifier parsers.  Built once per
 *	  parser with -DFUZZ_TARGET=N (see tools/fuzz.sh).
 *
 * Any input must either parse, in which case formatting the value and
 * parsing the text again gives the same value, or be rejected with a
 * non-empty reason.  A crash, a sanitizer report or a failed round trip
 * aborts the run.
 *
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "idparse.h"

#ifndef FUZZ_TARGET
#error "define FUZZ_TARGET: 1 personal_id, 2 tax_code, 3 unit_id, 4 dossier_code, 5 procedure_code"
#endif

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * check_err insists that a rejection explains itself.
 */
static void
check_err(const char *err)
{
	if (memchr(err, '\0', MC_ID_ERRLEN) == NULL || err[0] == '\0')
		abort();
}

/*
 * LLVMFuzzerTestOneInput parses the input with the selected parser and
 * checks the round trip through the canonical text.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	char		err[MC_ID_ERRLEN];
	char		text[MC_ID_TEXTLEN];

	memset(err, 'x', sizeof(err));
#if FUZZ_TARGET == 1 || FUZZ_TARGET == 2 || FUZZ_TARGET == 3
	{
		uint64_t	v,
					again;
		bool		ok;

#if FUZZ_TARGET == 1
		ok = mc_parse_personal_id(s, size, 2026, &v, err);
#elif FUZZ_TARGET == 2
		ok = mc_parse_tax_code(s, size, &v, err);
#else
		ok = mc_parse_unit_id(s, size, &v, err);
#endif
		if (!ok)
		{
			check_err(err);
			return 0;
		}
#if FUZZ_TARGET == 1
		mc_format_personal_id(v, text);
		ok = mc_parse_personal_id(text, strlen(text), 2026, &again, err);
#elif FUZZ_TARGET == 2
		mc_format_tax_code(v, text);
		ok = mc_parse_tax_code(text, strlen(text), &again, err);
#else
		mc_format_unit_id(v, text);
		ok = mc_parse_unit_id(text, strlen(text), &again, err);
#endif
		if (!ok || again != v || strlen(text) != size || memcmp(text, s, size) != 0)
			abort();
	}
#elif FUZZ_TARGET == 4
	{
		McDossierCode v,
					again;

		if (!mc_parse_dossier_code(s, size, &v, err))
		{
			check_err(err);
			return 0;
		}
		mc_format_dossier_code(&v, text);
		if (!mc_parse_dossier_code(text, strlen(text), &again, err) ||
			again.unit != v.unit || again.day != v.day || again.seq != v.seq ||
			strlen(text) != size || memcmp(text, s, size) != 0)
			abort();
	}
#elif FUZZ_TARGET == 5
	{
		McProcedureCode v,
					again;

		if (!mc_parse_procedure_code(s, size, &v, err))
		{
			check_err(err);
			return 0;
		}
		mc_format_procedure_code(&v, text);
		if (!mc_parse_procedure_code(text, strlen(text), &again, err) ||
			again.number != v.number || again.has_local != v.has_local ||
			again.local_unit != v.local_unit ||
			strlen(text) != size || memcmp(text, s, size) != 0)
			abort();
	}
#endif
	return 0;
}

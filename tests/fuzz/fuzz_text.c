/*-------------------------------------------------------------------------
 *
 * fuzz_text.c
 *	  libFuzzer targets for the parsers of text that comes from outside:
 *	  cron expressions (schedule_job) and the Retry-After header of a
 *	  national source's answer.  Built once per target (tools/fuzz.sh).
 *
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "connpolicy.h"
#include "cronexpr.h"

#ifndef FUZZ_TARGET
#error "define FUZZ_TARGET: 1 cron expression, 2 Retry-After"
#endif

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * LLVMFuzzerTestOneInput parses the input (as a C string) with the
 * selected parser and checks what every answer must satisfy.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = malloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
#if FUZZ_TARGET == 1
	{
		McCron		cron;
		char		err[256];

		memset(err, 'x', sizeof(err));
		if (mc_cron_parse(s, &cron, err, sizeof(err)))
		{
			int64_t		next = mc_cron_next(&cron, 0);

			/* a found minute is later and matches */
			if (next != MC_CRON_NONE && (next <= 0 || !mc_cron_matches(&cron, next)))
				abort();
		}
		else if (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0')
			abort();			/* a refusal explains itself */
	}
#else
	{
		int64_t		now = INT64_C(1764547200000);	/* 2025-12-01 */
		int64_t		ms = conn_retry_after_ms(s, now);

		if (ms < -1 || ms > CONN_RETRY_AFTER_MAX_MS)
			abort();
	}
#endif
	free(s);
	return 0;
}

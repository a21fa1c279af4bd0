/*-------------------------------------------------------------------------
 *
 * tap.h
 *	  The TAP recorder the C unit tests share: results are buffered so the
 *	  plan can come first, each with its diagnostic lines.  Included once
 *	  by each test program (static functions; no library to link).
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_TEST_TAP_H
#define MOTCUA_TEST_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------
 * TAP recording: results are buffered so the plan can come first.
 * ----------------------------------------------------------------
 */
typedef struct Result
{
	bool		ok;
	char	   *desc;
	char	   *diag;
} Result;

static Result *results;
static int	nresults;
static int	results_cap;
static char pending_diag[16384];
static size_t pending_len;

/* Append a diagnostic line to the next recorded result. */
static void
diag(const char *fmt,...)
__attribute__((format(printf, 1, 2)));

static void
diag(const char *fmt,...)
{
	va_list		ap;
	int			n;

	if (pending_len + 4 >= sizeof(pending_diag))
		return;
	memcpy(pending_diag + pending_len, "# ", 2);
	pending_len += 2;
	va_start(ap, fmt);
	n = vsnprintf(pending_diag + pending_len,
				  sizeof(pending_diag) - pending_len - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	pending_len += (size_t) n;
	if (pending_len > sizeof(pending_diag) - 2)
		pending_len = sizeof(pending_diag) - 2;
	pending_diag[pending_len++] = '\n';
	pending_diag[pending_len] = '\0';
}

/* Record one test result with its description. */
static bool
check(bool ok, const char *fmt,...)
__attribute__((format(printf, 2, 3)));

static bool
check(bool ok, const char *fmt,...)
{
	va_list		ap;
	char		buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (nresults == results_cap)
	{
		results_cap = results_cap ? results_cap * 2 : 256;
		results = realloc(results, sizeof(Result) * (size_t) results_cap);
		if (results == NULL)
			abort();
	}
	results[nresults].ok = ok;
	results[nresults].desc = strdup(buf);
	results[nresults].diag = pending_len ? strdup(pending_diag) : NULL;
	nresults++;
	pending_len = 0;
	pending_diag[0] = '\0';
	return ok;
}

/* Print the plan and all results; return the number of failures. */
static int
print_results(void)
{
	int			failed = 0;
	int			i;

	printf("1..%d\n", nresults);
	for (i = 0; i < nresults; i++)
	{
		printf("%s %d - %s\n", results[i].ok ? "ok" : "not ok", i + 1,
			   results[i].desc);
		if (!results[i].ok)
		{
			failed++;
			if (results[i].diag)
				fputs(results[i].diag, stdout);
		}
		free(results[i].desc);
		free(results[i].diag);
	}
	free(results);
	if (failed)
		printf("# %d of %d tests failed\n", failed, nresults);
	return failed;
}

#endif							/* MOTCUA_TEST_TAP_H */

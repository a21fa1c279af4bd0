/*-------------------------------------------------------------------------
 *
 * fuzz_answer.c
 *	  libFuzzer targets for the connector's reading of an HTTP answer
 *	  (extension/connanswer.c): FUZZ_TARGET 1 a lookup's answer
 *	  (conn_judge), 2 the portal's answer to a delivery
 *	  (conn_judge_portal).  Built once per target (tools/fuzz.sh).
 *
 * The input is the answer: byte 0 the transport's result, bytes 1-2 the
 * HTTP status (signed, so absurd ones come too), bytes 3-4 the attempt
 * and the most attempts (signed), byte 5 the jitter, bytes 6-7 the
 * event's sequence number; then the Retry-After header's value up to the
 * first newline (no newline: no header), and the body after it.
 *
 * What every answer must satisfy: a success is a complete 2xx transfer
 * whose body is JSON that jsonb takes, and never counts against the
 * source; a retry is a RETRY verdict that conn_should_retry allows,
 * waits at least half the backoff ceiling and at least what a readable
 * Retry-After asks, and at most a day; no retry, no wait.  The portal's
 * "already had it" reading is also compared with the NUL-terminated
 * strstr/strtol reading the connector did before.
 *
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "connanswer.h"

#ifndef FUZZ_TARGET
#error "define FUZZ_TARGET: 1 lookup answer, 2 portal answer"
#endif

#define BASE_MS 200
#define CAP_MS 30000

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const reasons[] = {
	"ok", "not_found", "connect", "timeout", "connection_reset", "tls",
	"too_large", "http_429", "http_5xx", "http_4xx", "unauthorized",
	"malformed", "other", NULL
};

/*
 * KnownReason insists on one of conn_classify's static reasons.
 */
static void
KnownReason(const char *reason)
{
	int			i;

	if (reason == NULL)
		abort();
	for (i = 0; reasons[i] != NULL; i++)
		if (strcmp(reason, reasons[i]) == 0)
			return;
	abort();
}

/*
 * CheckDelay insists that a retry's wait lies between half the backoff
 * ceiling and the larger of the ceiling and a day.
 */
static void
CheckDelay(int64_t delay, const ConnAttempt *at)
{
	int64_t		ceiling = conn_backoff_ceiling_ms(at->attempt, at->base_ms, at->cap_ms);

	if (delay < ceiling / 2 || delay > (ceiling > CONN_RETRY_AFTER_MAX_MS ? ceiling : CONN_RETRY_AFTER_MAX_MS))
		abort();
}

/*
 * LLVMFuzzerTestOneInput reads the input as an answer and checks the
 * judgement.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ConnAnswer	a;
	ConnAttempt at;
	int			seq;
	const uint8_t *nl;
	char	   *header = NULL;
	char	   *body;
	size_t		body_len;
	bool		two_xx;
	bool		json;

	if (size < 8)
		return 0;
	a.transport = (ConnTransport) (data[0] % (CONN_TRANSPORT_OTHER + 1));
	a.http_status = (int16_t) (data[1] << 8 | data[2]);
	at.attempt = (int8_t) data[3];
	at.max_attempts = (int8_t) data[4];
	at.base_ms = BASE_MS;
	at.cap_ms = CAP_MS;
	at.random01 = data[5] / 256.0;
	seq = (int16_t) (data[6] << 8 | data[7]);
	data += 8;
	size -= 8;
	nl = memchr(data, '\n', size);
	if (nl != NULL)
	{
		size_t		n = (size_t) (nl - data);

		header = malloc(n + 1);
		memcpy(header, data, n);
		header[n] = '\0';
		data += n + 1;
		size -= n + 1;
	}
	/* (an exact copy, not NUL-terminated: ASan sees a read past its end) */
	body_len = size;
	body = malloc(body_len ? body_len : 1);
	memcpy(body, data, body_len);
	a.retry_after = header;
	a.body = body_len ? body : NULL;
	a.body_len = body_len;
	two_xx = a.http_status >= 200 && a.http_status < 300;
	json = body_len > 0 && mc_json_check(body, body_len) == MC_JSON_OK;

#if FUZZ_TARGET == 1
	(void) seq;					/* (the portal's) */
	{
		ConnJudgement j = conn_judge(&a, &at, INT64_C(1764547200000));

		KnownReason(j.outcome.reason);
		if (j.body_checked != (a.transport == CONN_TRANSPORT_OK && two_xx))
			abort();
		if ((j.outcome.verdict == CONN_SUCCEEDED) != (j.body_checked && json))
			abort();
		if (j.outcome.verdict == CONN_SUCCEEDED &&
			(j.outcome.counts_against_source || !mc_utf8_valid(body, body_len)))
			abort();
		if (j.retry)
		{
			int64_t		server = header ? conn_retry_after_ms(header, INT64_C(1764547200000)) : -1;

			if (j.outcome.verdict != CONN_RETRY || !conn_should_retry(at.attempt, at.max_attempts))
				abort();
			CheckDelay(j.delay_ms, &at);
			if (j.delay_ms < server)
				abort();		/* the server asked for longer */
		}
		else if (j.delay_ms != 0 ||
				 (j.outcome.verdict == CONN_RETRY && conn_should_retry(at.attempt, at.max_attempts)))
			abort();
	}
#else
	{
		ConnPortalJudgement j = conn_judge_portal(&a, seq, &at);
		bool		had_it = false;
		bool		out_of_order = false;

		KnownReason(j.outcome.reason);
		if (j.error == NULL)
			abort();
		/* the reading before: on a NUL-terminated copy, strstr and strtol */
		if (a.http_status == 409 && json)
		{
			char	   *text = malloc(body_len + 1);

			memcpy(text, body, body_len);
			text[body_len] = '\0';
			if (strstr(text, "\"out_of_order\"") != NULL)
			{
				const char *expected = strstr(text, "\"expected\"");

				out_of_order = true;
				had_it = expected != NULL && strchr(expected, ':') != NULL &&
					strtol(strchr(expected, ':') + 1, NULL, 10) > seq;
			}
			free(text);
		}
		if (out_of_order)
		{
			if (j.delivery != (had_it ? CONN_DELIVERED : CONN_DELIVERY_FAILED) ||
				(!had_it && strcmp(j.error, "out_of_order") != 0) || j.delay_ms != 0)
				abort();
		}
		else if (j.delivery == CONN_DELIVERED)
		{
			if (j.outcome.verdict != CONN_SUCCEEDED || a.transport != CONN_TRANSPORT_OK ||
				!two_xx || !json)
				abort();
		}
		else if (j.delivery == CONN_DELIVERY_RETRY)
		{
			if (j.outcome.verdict != CONN_RETRY || !conn_should_retry(at.attempt, at.max_attempts))
				abort();
			CheckDelay(j.delay_ms, &at);
		}
		else if (j.delay_ms != 0 || j.outcome.verdict == CONN_SUCCEEDED ||
				 (j.outcome.verdict == CONN_RETRY && conn_should_retry(at.attempt, at.max_attempts)))
			abort();
	}
#endif
	free(header);
	free(body);
	return 0;
}

/* unit-link: connanswer.c connpolicy.c jsoncheck.c daynum.c */
/*-------------------------------------------------------------------------
 *
 * test_connanswer.c
 *	  Unit tests of the connector's reading of an answer
 *	  (extension/connanswer.c): a lookup's (conn_judge) and the portal's
 *	  (conn_judge_portal).
 *
 * Bodies are passed in buffers with bytes after them, so a reading past
 * body_len shows; waits are checked against the backoff's exact bounds
 * (jitter 0 gives half the ceiling, just under 1 the ceiling itself) and
 * the Retry-After the server sent.
 *
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connanswer.h"
#include "tap.h"

#define NOW INT64_C(1764547200000)	/* 2025-12-01 00:00:00 UTC */

/*
 * Answer builds an answer whose body is text (NULL: none), followed in
 * memory by bytes that are not part of it.
 */
static ConnAnswer
Answer(ConnTransport transport, long status, const char *retry_after, const char *text)
{
	static char buf[4096];
	ConnAnswer	a;

	a.transport = transport;
	a.http_status = status;
	a.retry_after = retry_after;
	a.body = NULL;
	a.body_len = 0;
	if (text != NULL)
	{
		size_t		n = strlen(text);

		memcpy(buf, text, n);
		memcpy(buf + n, "]]]}garbage", 12);
		a.body = buf;
		a.body_len = n;
	}
	return a;
}

/*
 * Attempt is attempt number attempt of max, with jitter r.
 */
static ConnAttempt
Attempt(int attempt, int max, double r)
{
	ConnAttempt at = {attempt, max, 200, 30000, r};

	return at;
}

/*
 * check_judge checks a lookup's judgement: verdict, reason, retry, wait.
 */
static void
check_judge(ConnAnswer a, ConnAttempt at, ConnVerdict verdict, const char *reason,
			bool retry, int64_t delay, const char *what)
{
	ConnJudgement j = conn_judge(&a, &at, NOW);

	diag("got verdict %d, %s, retry %d, delay %lld", (int) j.outcome.verdict,
		 j.outcome.reason, (int) j.retry, (long long) j.delay_ms);
	check(j.outcome.verdict == verdict && strcmp(j.outcome.reason, reason) == 0 &&
		  j.retry == retry && j.delay_ms == delay, "%s", what);
}

/*
 * test_lookups: the body's check, the table, retries and their waits.
 */
static void
test_lookups(void)
{
	ConnAnswer	a;
	ConnJudgement j;
	ConnAttempt first = Attempt(1, 3, 0.0);

	a = Answer(CONN_TRANSPORT_OK, 200, NULL, "{\"record\":{\"ho_ten\":\"Nguy\xe1\xbb\x85n V\xc4\x83n An\"}}");
	j = conn_judge(&a, &first, NOW);
	check(j.outcome.verdict == CONN_SUCCEEDED && strcmp(j.outcome.reason, "ok") == 0 &&
		  !j.outcome.counts_against_source && j.body_checked && j.body == MC_JSON_OK &&
		  !j.retry && j.delay_ms == 0, "200 with a JSON body succeeds, counts nothing");
	check_judge(Answer(CONN_TRANSPORT_OK, 299, NULL, "[]"), first, CONN_SUCCEEDED, "ok", false, 0,
				"299 with JSON succeeds");
	check_judge(Answer(CONN_TRANSPORT_OK, 300, NULL, "[]"), first, CONN_FAILED, "other", false, 0,
				"300 is a failure (redirects are not followed)");
	a = Answer(CONN_TRANSPORT_OK, 200, NULL, "{\"ten\":\"a\\u0000b\"}");
	j = conn_judge(&a, &first, NOW);
	check(j.outcome.verdict == CONN_FAILED && strcmp(j.outcome.reason, "malformed") == 0 &&
		  j.outcome.counts_against_source && j.body == MC_JSON_ESCAPE,
		  "200 with \\u0000 in the body is malformed (jsonb refuses it)");
	a = Answer(CONN_TRANSPORT_OK, 200, NULL, "{\"so\":1e131072}");
	j = conn_judge(&a, &first, NOW);
	check(j.outcome.verdict == CONN_FAILED && j.body == MC_JSON_NUMBER_RANGE,
		  "200 with a number numeric cannot hold is malformed");
	check_judge(Answer(CONN_TRANSPORT_OK, 200, NULL, "\"\xed\xa0\x80\""), first, CONN_FAILED, "malformed",
				false, 0, "200 with a UTF-8 surrogate is malformed");
	check_judge(Answer(CONN_TRANSPORT_OK, 200, NULL, NULL), first, CONN_FAILED, "malformed", false, 0,
				"200 without a body is malformed");
	check_judge(Answer(CONN_TRANSPORT_OK, 200, NULL, "{\"a\":1"), first, CONN_FAILED, "malformed", false, 0,
				"200 with a body cut short is malformed (the bytes after it are not read)");
	a = Answer(CONN_TRANSPORT_TIMEOUT, 200, NULL, "{}");
	j = conn_judge(&a, &first, NOW);
	check(j.outcome.verdict == CONN_RETRY && strcmp(j.outcome.reason, "timeout") == 0 &&
		  !j.body_checked && j.retry && j.delay_ms == 100,
		  "a timeout retries whatever the status; the body is not judged");
	check_judge(Answer(CONN_TRANSPORT_TLS, 0, "1", NULL), first, CONN_FAILED, "tls", false, 0,
				"TLS is never retried, Retry-After or not");
	check_judge(Answer(CONN_TRANSPORT_OK, 404, NULL, "{}"), first, CONN_FAILED, "not_found", false, 0,
				"404 fails");
	check_judge(Answer(CONN_TRANSPORT_RESET, 0, NULL, NULL), first, CONN_RETRY, "connection_reset", true, 100,
				"a reset retries after half the first ceiling at jitter 0");
	check_judge(Answer(CONN_TRANSPORT_OK, 503, NULL, NULL), Attempt(2, 3, 0.999999), CONN_RETRY, "http_5xx",
				true, 400, "503 on attempt 2 at jitter just under 1 waits the second ceiling");
	check_judge(Answer(CONN_TRANSPORT_OK, 503, "120", NULL), first, CONN_RETRY, "http_5xx", true, 120000,
				"Retry-After: 120 is longer than the backoff: it wins");
	check_judge(Answer(CONN_TRANSPORT_OK, 429, "Mon, 01 Dec 2025 00:00:03 GMT", NULL), first, CONN_RETRY,
				"http_429", true, 3000, "Retry-After as a date three seconds ahead");
	check_judge(Answer(CONN_TRANSPORT_OK, 429, "Wed, 21 Oct 2015 07:28:00 GMT", NULL), first, CONN_RETRY,
				"http_429", true, 100, "Retry-After in the past: the backoff");
	check_judge(Answer(CONN_TRANSPORT_OK, 429, "soon", NULL), first, CONN_RETRY, "http_429", true, 100,
				"unreadable Retry-After: the backoff");
	check_judge(Answer(CONN_TRANSPORT_OK, 429, "99999999999", NULL), first, CONN_RETRY, "http_429", true,
				CONN_RETRY_AFTER_MAX_MS, "Retry-After is capped at a day");
	check_judge(Answer(CONN_TRANSPORT_OK, 503, "120", NULL), Attempt(3, 3, 0.0), CONN_RETRY, "http_5xx",
				false, 0, "the last attempt does not retry: no wait");
	check_judge(Answer(CONN_TRANSPORT_OK, 408, NULL, NULL), Attempt(0, 2, 0.0), CONN_RETRY, "timeout",
				true, 100, "attempt 0 is taken as 1");
	check_judge(Answer(CONN_TRANSPORT_OK, -1, NULL, "{}"), first, CONN_FAILED, "other", false, 0,
				"a negative status is some other failure");
}

/*
 * check_portal checks the portal's judgement of one answer.
 */
static void
check_portal(ConnAnswer a, int seq, ConnAttempt at, ConnDelivery delivery, const char *error,
			 int64_t delay, const char *what)
{
	ConnPortalJudgement j = conn_judge_portal(&a, seq, &at);

	diag("got delivery %d, error %s, delay %lld", (int) j.delivery, j.error, (long long) j.delay_ms);
	check(j.delivery == delivery && strcmp(j.error, error) == 0 && j.delay_ms == delay, "%s", what);
}

/*
 * test_portal: delivered, a repeat it had, refusals, retries.
 */
static void
test_portal(void)
{
	ConnAttempt first = Attempt(1, 5, 0.0);
	const char *ooo = "{\"error\":\"out_of_order\",\"expected\": 9}";

	check_portal(Answer(CONN_TRANSPORT_OK, 200, NULL, "{\"ok\":true}"), 7, first, CONN_DELIVERED, "ok", 0,
				 "200 with JSON: delivered");
	check_portal(Answer(CONN_TRANSPORT_OK, 200, NULL, "ok"), 7, first, CONN_DELIVERY_FAILED, "malformed", 0,
				 "200 without JSON: refused as malformed");
	check_portal(Answer(CONN_TRANSPORT_OK, 409, NULL, ooo), 7, first, CONN_DELIVERED, "http_4xx", 0,
				 "409 out_of_order expecting 9 for event 7: it had it");
	check_portal(Answer(CONN_TRANSPORT_OK, 409, NULL, ooo), 9, first, CONN_DELIVERY_FAILED, "out_of_order", 0,
				 "409 out_of_order expecting 9 for event 9: refused");
	check_portal(Answer(CONN_TRANSPORT_OK, 409, NULL, ooo), 12, first, CONN_DELIVERY_FAILED, "out_of_order", 0,
				 "409 out_of_order expecting 9 for event 12: refused");
	check_portal(Answer(CONN_TRANSPORT_OK, 409, NULL, "{\"error\":\"out_of_order\"}"), 1, first,
				 CONN_DELIVERY_FAILED, "out_of_order", 0, "409 out_of_order without expected: refused");
	check_portal(Answer(CONN_TRANSPORT_OK, 409, NULL, "{\"expected\":1, \"error\":\"out_of_order\"}"), 0, first,
				 CONN_DELIVERED, "http_4xx", 0, "expected before the error counts too");
	check_portal(Answer(CONN_TRANSPORT_OK, 409, NULL, "{\"error\":\"out_of_order\",\"expected\":99999999999999999999999}"),
				 2147483647, first, CONN_DELIVERED, "http_4xx", 0, "a huge expected saturates, above any event");
	check_portal(Answer(CONN_TRANSPORT_OK, 409, NULL, "{\"error\":\"out_of_order\",\"expected\":-5}"), -6, first,
				 CONN_DELIVERED, "http_4xx", 0, "a negative expected is read with its sign");
	check_portal(Answer(CONN_TRANSPORT_OK, 409, NULL, "{\"error\":\"out_of_order\",\"expected\""), 0, first,
				 CONN_DELIVERY_FAILED, "http_4xx", 0, "409 whose body is not JSON: an ordinary refusal");
	check_portal(Answer(CONN_TRANSPORT_OK, 409, NULL, "{\"error\":\"conflict\"}"), 0, first,
				 CONN_DELIVERY_FAILED, "http_4xx", 0, "409 without out_of_order: an ordinary refusal");
	check_portal(Answer(CONN_TRANSPORT_OK, 503, "120", NULL), 0, Attempt(2, 5, 0.0), CONN_DELIVERY_RETRY,
				 "http_5xx", 200, "503: retry after the backoff (the portal's Retry-After is not read)");
	check_portal(Answer(CONN_TRANSPORT_OK, 503, NULL, NULL), 0, Attempt(5, 5, 0.0), CONN_DELIVERY_FAILED,
				 "http_5xx", 0, "503 on the last attempt: refused");
	check_portal(Answer(CONN_TRANSPORT_CONNECT, 0, NULL, NULL), 0, first, CONN_DELIVERY_RETRY, "connect", 100,
				 "a connect failure retries");
	check_portal(Answer(CONN_TRANSPORT_TLS, 0, NULL, NULL), 0, first, CONN_DELIVERY_FAILED, "tls", 0,
				 "TLS refuses at once");
}

int
main(void)
{
	test_lookups();
	test_portal();
	return print_results() ? 1 : 0;
}

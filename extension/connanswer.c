/*-------------------------------------------------------------------------
 *
 * connanswer.c
 *	  The connector's reading of one HTTP answer (see connanswer.h): the
 *	  body's check, the verdict, the retry and its wait.
 *
 * The body is never assumed to end in a NUL byte: every search in it is
 * bounded by its length.
 *
 *-------------------------------------------------------------------------
 */
#include <limits.h>
#include <string.h>

#include "connanswer.h"

/*
 * BodyVerdict judges a complete 2xx answer's body.
 */
static McJsonVerdict
BodyVerdict(const ConnAnswer *a)
{
	if (a->body == NULL || a->body_len == 0)
		return MC_JSON_SYNTAX;
	return mc_json_check(a->body, a->body_len);
}

/*
 * conn_judge reads a lookup's answer; see connanswer.h.
 */
ConnJudgement
conn_judge(const ConnAnswer *a, const ConnAttempt *at, int64_t now_epoch_ms)
{
	ConnJudgement j;

	memset(&j, 0, sizeof(j));
	j.body = MC_JSON_SYNTAX;
	if (a->transport == CONN_TRANSPORT_OK && a->http_status >= 200 && a->http_status < 300)
	{
		j.body_checked = true;
		j.body = BodyVerdict(a);
	}
	j.outcome = conn_classify(a->transport, a->http_status,
							  j.body_checked && j.body == MC_JSON_OK);
	if (j.outcome.verdict == CONN_RETRY && conn_should_retry(at->attempt, at->max_attempts))
	{
		int64_t		backoff = conn_backoff_ms(at->attempt, at->base_ms, at->cap_ms,
											  at->random01);
		int64_t		server = a->retry_after != NULL ?
			conn_retry_after_ms(a->retry_after, now_epoch_ms) : -1;

		j.retry = true;
		j.delay_ms = server > backoff ? server : backoff;
	}
	return j;
}

/*
 * FindIn returns where needle first occurs in the n bytes at hay, or
 * NULL.
 */
static const char *
FindIn(const char *hay, size_t n, const char *needle)
{
	size_t		m = strlen(needle);
	size_t		i;

	for (i = 0; m <= n && i <= n - m; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

/*
 * LongAt reads a decimal number at p (of n bytes) as strtol would: white
 * space, an optional sign, digits, saturating at LONG_MIN and LONG_MAX;
 * 0 when there is no digit.
 */
static long
LongAt(const char *p, size_t n)
{
	size_t		i = 0;
	bool		negative = false;
	unsigned long limit;
	unsigned long v = 0;

	while (i < n && (p[i] == ' ' || (p[i] >= '\t' && p[i] <= '\r')))
		i++;
	if (i < n && (p[i] == '+' || p[i] == '-'))
		negative = p[i++] == '-';
	limit = negative ? (unsigned long) LONG_MAX + 1 : (unsigned long) LONG_MAX;
	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++)
	{
		unsigned long d = (unsigned long) (p[i] - '0');

		if (v > (limit - d) / 10)
			v = limit;			/* (saturated: the rest cannot change it) */
		else
			v = v * 10 + d;
	}
	if (negative)
		return v == (unsigned long) LONG_MAX + 1 ? LONG_MIN : -(long) v;
	return (long) v;
}

/*
 * conn_judge_portal reads the portal's answer to a delivery; see
 * connanswer.h.
 */
ConnPortalJudgement
conn_judge_portal(const ConnAnswer *a, int seq, const ConnAttempt *at)
{
	ConnPortalJudgement j;
	bool		json;

	memset(&j, 0, sizeof(j));
	json = a->body != NULL && a->body_len > 0 && mc_json_check(a->body, a->body_len) == MC_JSON_OK;
	j.outcome = conn_classify(a->transport, a->http_status,
							  a->transport == CONN_TRANSPORT_OK &&
							  a->http_status >= 200 && a->http_status < 300 && json);
	j.error = j.outcome.reason;
	/* out of order, ahead of what the portal expects: it already has it */
	if (a->http_status == 409 && json &&
		FindIn(a->body, a->body_len, "\"out_of_order\"") != NULL)
	{
		const char *expected = FindIn(a->body, a->body_len, "\"expected\"");
		const char *end = a->body + a->body_len;
		const char *colon = expected ? memchr(expected, ':', (size_t) (end - expected)) : NULL;

		if (colon != NULL && LongAt(colon + 1, (size_t) (end - colon - 1)) > seq)
		{
			j.delivery = CONN_DELIVERED;
			return j;
		}
		j.error = "out_of_order";
		j.delivery = CONN_DELIVERY_FAILED;
		return j;
	}
	if (j.outcome.verdict == CONN_SUCCEEDED)
		j.delivery = CONN_DELIVERED;
	else if (j.outcome.verdict == CONN_RETRY && conn_should_retry(at->attempt, at->max_attempts))
	{
		j.delivery = CONN_DELIVERY_RETRY;
		j.delay_ms = conn_backoff_ms(at->attempt, at->base_ms, at->cap_ms, at->random01);
	}
	else
		j.delivery = CONN_DELIVERY_FAILED;
	return j;
}

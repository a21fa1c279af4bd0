/* unit-link: connpolicy.c daynum.c */
/*-------------------------------------------------------------------------
 *
 * test_connpolicy.c
 *	  Unit tests of the national-database connector's policy
 *	  (extension/connpolicy.c).
 *
 * Prints TAP and exits 0 iff every test passes.  The clock is a plain
 * number the tests move by hand, so every edge is checked to the
 * millisecond: the breaker opening at exactly the threshold and refusing
 * until exactly open_ms has passed, the bucket refilling at exactly the
 * instant its wait promised, backoff bounds up to absurd attempt
 * numbers, Retry-After in every form and every kind of bad value, the
 * whole classification table and every settings rule.
 *
 * Retry-After dates are also cross-checked against the C library: random
 * instants between 1900 and 2100 are formatted with gmtime_r in each of
 * the three HTTP-date forms and must come back as the expected wait.
 *
 *-------------------------------------------------------------------------
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "connpolicy.h"

#define DAY_MS		INT64_C(86400000)

/* 2015-10-21 07:28:00 UTC, the date of RFC 9110's examples, in ms. */
#define NOW_2015	INT64_C(1445412480000)

static uint64_t rng_state = UINT64_C(0x9E3779B97F4A7C15);

/* ----------------------------------------------------------------
 * Small helpers
 * ----------------------------------------------------------------
 */

/* xorshift64*: a reproducible stream of pseudo-random numbers. */
static uint64_t
rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

/* A pseudo-random integer in [lo, hi]. */
static int64_t
rng_range(int64_t lo, int64_t hi)
{
	return lo + (int64_t) (rng_next() % (uint64_t) (hi - lo + 1));
}

/* Do two strings match, NULL included? */
static bool
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/*
 * Copy a value for a test description, with tabs, CRs and LFs spelled
 * as escapes so that each TAP line stays one line.
 */
static const char *
shown(const char *value, char *buf, size_t size)
{
	size_t		n = 0;

	for (; *value != '\0' && n + 3 < size; value++)
	{
		char		esc = *value == '\t' ? 't' : *value == '\r' ? 'r' :
			*value == '\n' ? 'n' : '\0';

		if (esc != '\0')
		{
			buf[n++] = '\\';
			buf[n++] = esc;
		}
		else
			buf[n++] = *value;
	}
	buf[n] = '\0';
	return buf;
}

/* Check a Retry-After value against the expected wait. */
static void
check_retry_after(const char *value, int64_t now, int64_t want)
{
	int64_t		got = conn_retry_after_ms(value, now);
	char		buf[128];

	if (got != want)
		diag("got %lld, want %lld", (long long) got, (long long) want);
	check(got == want, "Retry-After \"%s\" gives %lld",
		  shown(value, buf, sizeof(buf)), (long long) want);
}

/* ----------------------------------------------------------------
 * Circuit breaker
 * ----------------------------------------------------------------
 */

/* Opening at the threshold, the open period, the single probe. */
static void
test_breaker_cycle(void)
{
	ConnBreaker b;
	const int64_t open_ms = 30000;
	int64_t		t;

	conn_breaker_init(&b, 3, open_ms);
	check(b.state == CONN_BREAKER_CLOSED && b.failures == 0 &&
		  b.threshold == 3 && b.open_ms == open_ms && b.opens == 0 &&
		  !b.probe_in_flight, "breaker starts closed with nothing counted");
	check(conn_breaker_allow(&b, 0), "closed breaker allows");
	check(conn_breaker_wait_ms(&b, 0) == 0, "closed breaker: wait 0");

	conn_breaker_failure(&b, 100);
	conn_breaker_failure(&b, 200);
	check(b.state == CONN_BREAKER_CLOSED && b.failures == 2,
		  "threshold - 1 failures leave it closed (failures = 2)");
	check(conn_breaker_allow(&b, 250), "still allows one failure short");
	check(b.opens == 0, "not opened yet");

	conn_breaker_failure(&b, 300);
	check(b.state == CONN_BREAKER_OPEN, "the threshold-th failure opens it");
	check(b.opened_at_ms == 300 && b.opens == 1,
		  "opened_at_ms = 300, opens = 1");
	check(strcmp(conn_breaker_state_name(b.state), "open") == 0,
		  "state name \"open\"");
	check(!conn_breaker_allow(&b, 300), "open: refuses at once");
	check(conn_breaker_wait_ms(&b, 300) == open_ms,
		  "open: wait at opening = open_ms");
	check(conn_breaker_wait_ms(&b, 300 + 1000) == open_ms - 1000,
		  "open: wait after 1 s = open_ms - 1000");
	check(conn_breaker_wait_ms(&b, 300 + open_ms - 1) == 1,
		  "open: wait 1 ms before the end");
	check(!conn_breaker_allow(&b, 300 + open_ms - 1),
		  "open: refuses at opened + open_ms - 1");
	check(b.state == CONN_BREAKER_OPEN, "a refusal leaves it open");
	check(conn_breaker_wait_ms(&b, 300 + open_ms) == 0,
		  "open: wait 0 at opened + open_ms");

	/* late failure of a request started before it opened */
	conn_breaker_failure(&b, 5000);
	check(b.state == CONN_BREAKER_OPEN && b.opened_at_ms == 300 &&
		  b.opens == 1, "a failure while open changes nothing");

	check(conn_breaker_allow(&b, 300 + open_ms),
		  "open: allows the probe at opened + open_ms");
	check(b.state == CONN_BREAKER_HALF_OPEN && b.probe_in_flight,
		  "the probe turns it half-open with the probe in flight");
	check(strcmp(conn_breaker_state_name(b.state), "half_open") == 0,
		  "state name \"half_open\"");
	check(!conn_breaker_allow(&b, 300 + open_ms),
		  "half-open: a second request at the same instant is refused");
	check(!conn_breaker_allow(&b, 300 + 10 * open_ms),
		  "half-open: refused however long the probe takes");
	check(conn_breaker_wait_ms(&b, 300 + open_ms) == open_ms,
		  "half-open with probe out: wait = open_ms (re-check interval)");

	/* the probe fails: open again for a fresh open_ms */
	t = 300 + 2 * open_ms + 17;
	conn_breaker_failure(&b, t);
	check(b.state == CONN_BREAKER_OPEN && b.opened_at_ms == t &&
		  !b.probe_in_flight, "failed probe reopens it from now");
	check(b.opens == 2, "reopening counts: opens = 2");
	check(b.failures == 4, "the failed probe is one more failure in a row (4)");
	check(!conn_breaker_allow(&b, t + open_ms - 1),
		  "reopened: refuses at t + open_ms - 1");
	check(conn_breaker_wait_ms(&b, t) == open_ms,
		  "reopened: wait = a fresh open_ms");
	check(conn_breaker_allow(&b, t + open_ms),
		  "reopened: allows a new probe at t + open_ms");
	check(!conn_breaker_allow(&b, t + open_ms + 1),
		  "reopened: still one probe only");

	/* the probe succeeds */
	conn_breaker_success(&b, t + open_ms + 50);
	check(b.state == CONN_BREAKER_CLOSED && b.failures == 0 &&
		  !b.probe_in_flight, "successful probe closes it");
	check(strcmp(conn_breaker_state_name(b.state), "closed") == 0,
		  "state name \"closed\"");
	check(conn_breaker_allow(&b, t + open_ms + 51) &&
		  conn_breaker_allow(&b, t + open_ms + 51),
		  "closed again: allows every request");
	check(b.opens == 2, "opens is kept for monitoring after closing");

	/* it takes a full threshold again to reopen */
	conn_breaker_failure(&b, t + open_ms + 60);
	conn_breaker_failure(&b, t + open_ms + 61);
	check(b.state == CONN_BREAKER_CLOSED,
		  "after closing, threshold - 1 failures leave it closed");
	conn_breaker_failure(&b, t + open_ms + 62);
	check(b.state == CONN_BREAKER_OPEN && b.opens == 3,
		  "the threshold-th failure opens it again");
}

/* Counting resets, odd parameters, neutral outcomes, odd clocks. */
static void
test_breaker_edges(void)
{
	ConnBreaker b;
	int			i;

	conn_breaker_init(&b, 3, 1000);
	conn_breaker_failure(&b, 1);
	conn_breaker_failure(&b, 2);
	conn_breaker_success(&b, 3);
	check(b.failures == 0 && b.state == CONN_BREAKER_CLOSED,
		  "a success while closed resets the count");
	conn_breaker_failure(&b, 4);
	conn_breaker_failure(&b, 5);
	check(b.state == CONN_BREAKER_CLOSED,
		  "failures are consecutive: two after a success stay closed");
	conn_breaker_failure(&b, 6);
	check(b.state == CONN_BREAKER_OPEN, "third consecutive failure opens");

	conn_breaker_init(&b, 1, 500);
	conn_breaker_failure(&b, 10);
	check(b.state == CONN_BREAKER_OPEN && b.opens == 1,
		  "threshold 1: a single failure opens it");

	conn_breaker_init(&b, 0, -5);
	check(b.threshold == 1 && b.open_ms == 0,
		  "threshold 0 is taken as 1, negative open_ms as 0");
	conn_breaker_failure(&b, 42);
	check(b.state == CONN_BREAKER_OPEN && conn_breaker_wait_ms(&b, 42) == 0,
		  "open_ms 0: open, and wait 0 at once");
	check(conn_breaker_allow(&b, 42) && !conn_breaker_allow(&b, 42),
		  "open_ms 0: one probe at once, then refusal");
	check(conn_breaker_wait_ms(&b, 42) == 1,
		  "open_ms 0 with probe out: wait is at least 1 (no spinning)");

	conn_breaker_init(&b, 5, 1000);
	for (i = 0; i < 4; i++)
		conn_breaker_failure(&b, i);
	conn_breaker_neutral(&b, 10);
	check(b.state == CONN_BREAKER_CLOSED && b.failures == 4,
		  "neutral while closed leaves the count alone");
	conn_breaker_failure(&b, 11);
	check(b.state == CONN_BREAKER_OPEN, "and the next failure opens it");
	check(conn_breaker_allow(&b, 1011), "probe goes out at open + 1000");
	conn_breaker_neutral(&b, 1020);
	check(b.state == CONN_BREAKER_HALF_OPEN && !b.probe_in_flight,
		  "neutral probe result frees the probe slot, stays half-open");
	check(conn_breaker_wait_ms(&b, 1020) == 0,
		  "half-open without a probe out: wait 0");
	check(conn_breaker_allow(&b, 1021) && !conn_breaker_allow(&b, 1021),
		  "half-open: the next request is the only new probe");
	conn_breaker_neutral(&b, 1030);
	conn_breaker_neutral(&b, 1031);
	check(conn_breaker_allow(&b, 1032) && !conn_breaker_allow(&b, 1032),
		  "repeated neutral results still free only one probe");

	/* conn_breaker_record routes outcomes */
	conn_breaker_init(&b, 2, 1000);
	conn_breaker_record(&b, conn_classify(CONN_TRANSPORT_OK, 404, false), 1);
	conn_breaker_record(&b, conn_classify(CONN_TRANSPORT_OK, 404, true), 2);
	check(b.failures == 0, "record: 404s do not count");
	conn_breaker_record(&b, conn_classify(CONN_TRANSPORT_OK, 503, false), 3);
	check(b.failures == 1, "record: a 503 counts");
	conn_breaker_record(&b, conn_classify(CONN_TRANSPORT_OK, 200, true), 4);
	check(b.failures == 0, "record: a success resets");
	conn_breaker_record(&b, conn_classify(CONN_TRANSPORT_TLS, 0, false), 5);
	conn_breaker_record(&b, conn_classify(CONN_TRANSPORT_CONNECT, 0, false), 6);
	check(b.state == CONN_BREAKER_OPEN, "record: two counted failures open it");
	check(conn_breaker_allow(&b, 1006), "record: probe after open_ms");
	conn_breaker_record(&b, conn_classify(CONN_TRANSPORT_OK, 404, false), 1007);
	check(b.state == CONN_BREAKER_HALF_OPEN && !b.probe_in_flight,
		  "record: a 404 probe frees the probe slot");
	check(conn_breaker_allow(&b, 1008), "record: next probe goes");
	conn_breaker_record(&b, conn_classify(CONN_TRANSPORT_OK, 200, true), 1009);
	check(b.state == CONN_BREAKER_CLOSED, "record: successful probe closes");

	/* a clock that goes backwards, and extreme clocks */
	conn_breaker_init(&b, 1, 1000);
	conn_breaker_failure(&b, 50000);
	check(!conn_breaker_allow(&b, 40000),
		  "open: a clock behind opened_at refuses");
	check(conn_breaker_wait_ms(&b, 40000) == 1000,
		  "open: a clock behind opened_at waits open_ms, no more");
	conn_breaker_init(&b, 1, INT64_MAX);
	conn_breaker_failure(&b, INT64_MIN);
	check(conn_breaker_wait_ms(&b, -2) == 1 && !conn_breaker_allow(&b, -2),
		  "extreme clock: opened at INT64_MIN for INT64_MAX ms, -2 is 1 ms short");
	check(conn_breaker_wait_ms(&b, -1) == 0 && conn_breaker_allow(&b, -1),
		  "extreme clock: opened at INT64_MIN for INT64_MAX ms, -1 allows");
	conn_breaker_init(&b, 1, 100);
	conn_breaker_failure(&b, INT64_MIN);
	check(conn_breaker_allow(&b, INT64_MAX),
		  "extreme clock: no overflow between INT64_MIN and INT64_MAX");
	check(strcmp(conn_breaker_state_name((ConnBreakerState) 99), "unknown") == 0,
		  "unknown state name");
}

/* ----------------------------------------------------------------
 * Rate limit
 * ----------------------------------------------------------------
 */

/* Burst, refusal, refill at the exact instant, the bucket's ceiling. */
static void
test_rate_basic(void)
{
	ConnRate	r;
	int			i;
	bool		all;

	conn_rate_init(&r, 2.0, 3.0, 1000);
	check(r.tokens == 3.0 && r.last_ms == 1000, "bucket starts full");
	check(conn_rate_wait_ms(&r, 1000) == 0, "full bucket: wait 0");
	all = true;
	for (i = 0; i < 3; i++)
		all = all && conn_rate_take(&r, 1000);
	check(all, "burst of 3 at one instant");
	check(!conn_rate_take(&r, 1000), "fourth at the same instant refused");
	check(conn_rate_wait_ms(&r, 1000) == 500, "2/s: wait 500 ms");
	check(!conn_rate_take(&r, 1499), "refused at 1499");
	check(conn_rate_wait_ms(&r, 1499) == 1, "wait 1 ms at 1499");
	check(conn_rate_take(&r, 1500), "taken at exactly 1500");
	check(!conn_rate_take(&r, 1500), "only one at 1500");
	check(conn_rate_wait_ms(&r, 1500) == 500, "wait 500 again");

	conn_rate_init(&r, 2.0, 3.0, 0);
	for (i = 0; i < 3; i++)
		conn_rate_take(&r, 0);
	all = true;
	for (i = 0; i < 3; i++)
		all = all && conn_rate_take(&r, 3600000);
	check(all && !conn_rate_take(&r, 3600000),
		  "after an hour idle: exactly burst tokens, no more");

	conn_rate_init(&r, 3.0, 1.0, 0);
	check(conn_rate_take(&r, 0), "3/s burst 1: first taken");
	check(conn_rate_wait_ms(&r, 0) == 334, "3/s: wait ceil(1000/3) = 334");
	check(!conn_rate_take(&r, 333), "3/s: refused at 333");
	check(conn_rate_take(&r, 334), "3/s: taken at 334");

	conn_rate_init(&r, 10.0, 1.0, 0);
	conn_rate_take(&r, 0);
	check(!conn_rate_take(&r, 50) && !conn_rate_take(&r, 99),
		  "10/s: partial refills at 50 and 99 are not a token");
	check(conn_rate_take(&r, 100), "10/s: partial refills add up to one at 100");

	conn_rate_init(&r, 0.5, 0.2, 0);
	check(r.burst == 1.0, "burst 0.2 is taken as 1");
	check(conn_rate_take(&r, 0) && !conn_rate_take(&r, 0),
		  "burst taken as 1: one token, then refusal");
	check(conn_rate_wait_ms(&r, 0) == 2000, "0.5/s: wait 2000 ms");
	check(!conn_rate_take(&r, 1999) && conn_rate_take(&r, 2000),
		  "0.5/s: refused at 1999, taken at 2000");
}

/* Unlimited rates, clocks going backwards, wait exactness over rates. */
static void
test_rate_edges(void)
{
	static const double rates[] = {
		0.001, 0.3, 0.5, 1.0, 3.0, 7.0, 10.0, 33.3, 100.0, 999.0,
		1000.0, 2500.0, 1e6
	};
	ConnRate	r;
	ConnRate	copy;
	int			i;
	int			j;
	bool		all;

	conn_rate_init(&r, 0.0, 1.0, 0);
	all = true;
	for (i = 0; i < 1000; i++)
		all = all && conn_rate_take(&r, 0);
	check(all, "rate 0: unlimited, 1000 takes at one instant");
	check(conn_rate_wait_ms(&r, 0) == 0, "rate 0: wait 0");
	conn_rate_init(&r, -3.0, 1.0, 0);
	check(conn_rate_take(&r, 0) && conn_rate_take(&r, 0) &&
		  conn_rate_wait_ms(&r, 0) == 0, "negative rate: unlimited");
	conn_rate_init(&r, NAN, NAN, 0);
	check(conn_rate_take(&r, 0) && conn_rate_take(&r, 0) && r.burst == 1.0,
		  "NaN rate: unlimited; NaN burst taken as 1");

	/* time going backwards adds nothing */
	conn_rate_init(&r, 1.0, 1.0, 10000);
	conn_rate_take(&r, 10000);
	check(!conn_rate_take(&r, 5000), "clock 5 s behind: refused");
	check(r.last_ms == 10000 && r.tokens == 0.0,
		  "clock behind: bucket unchanged");
	check(conn_rate_wait_ms(&r, 5000) == 6000,
		  "clock 5 s behind: wait covers the gap plus one token (6000)");
	check(!conn_rate_take(&r, 10999), "back on time: refused at 10999");
	check(conn_rate_take(&r, 11000), "back on time: taken at 11000");
	conn_rate_init(&r, 1.0, 1.0, 10000);
	conn_rate_take(&r, 10000);
	conn_rate_take(&r, 0);
	conn_rate_take(&r, -1000000);
	check(!conn_rate_take(&r, 10500),
		  "readings from the past do not refill later");

	/* wait_ms is exact to the millisecond for a range of rates */
	for (i = 0; i < (int) (sizeof(rates) / sizeof(rates[0])); i++)
	{
		int64_t		now = 123456;
		int			bad = 0;

		conn_rate_init(&r, rates[i], 2.0, now);
		for (j = 0; j < 40; j++)
		{
			int64_t		w;

			while (conn_rate_take(&r, now))
				;
			w = conn_rate_wait_ms(&r, now);
			copy = r;
			if (w < 1 || conn_rate_take(&copy, now + w - 1))
			{
				if (bad++ == 0)
					diag("step %d: token already there at now + wait - 1 (wait %lld)",
						 j, (long long) w);
			}
			copy = r;
			if (!conn_rate_take(&copy, now + w))
			{
				if (bad++ == 0)
					diag("step %d: no token at now + wait (wait %lld)",
						 j, (long long) w);
			}
			/* move on by a pseudo-random part of the wait */
			now += rng_range(0, w);
		}
		check(bad == 0, "rate %g/s: take fails at now + wait - 1 and succeeds at now + wait",
			  rates[i]);
	}

	conn_rate_init(&r, 1e-300, 1.0, 0);
	conn_rate_take(&r, 0);
	check(conn_rate_wait_ms(&r, 0) == (INT64_C(1) << 53),
		  "a vanishing rate waits the maximum, without overflow");
	conn_rate_init(&r, 1.0, 1.0, INT64_MAX - 10);
	conn_rate_take(&r, INT64_MAX - 10);
	check(conn_rate_wait_ms(&r, INT64_MAX - 10) == 1000,
		  "near the end of the clock: wait still computed");
}

/* ----------------------------------------------------------------
 * Backoff
 * ----------------------------------------------------------------
 */

/* Expected ceiling min(cap, base * 2^(attempt - 1)), in long double. */
static int64_t
expected_ceiling(int attempt, int64_t base, int64_t cap)
{
	long double c = ldexpl((long double) base, attempt - 1);

	return c >= (long double) cap ? cap : (int64_t) c;
}

/* Bounds for attempts 1..60 and 1000, the cap and monotonicity. */
static void
test_backoff(void)
{
	static const int64_t bases[][2] = {
		{100, 30000}, {1, INT64_MAX}, {250, 60000}, {INT64_MAX / 3, INT64_MAX}
	};
	int			k;
	int			a;

	for (k = 0; k < 4; k++)
	{
		int64_t		base = bases[k][0];
		int64_t		cap = bases[k][1];
		int64_t		prev_hi = 0;
		int64_t		prev_ceiling = 0;
		int			bad = 0;

		for (a = 1; a <= 61; a++)
		{
			int			attempt = a == 61 ? 1000 : a;
			int64_t		want = expected_ceiling(attempt, base, cap);
			int64_t		ceiling = conn_backoff_ceiling_ms(attempt, base, cap);
			int64_t		lo = conn_backoff_ms(attempt, base, cap, 0.0);
			int64_t		hi = conn_backoff_ms(attempt, base, cap, 0.999999);
			int64_t		mid = conn_backoff_ms(attempt, base, cap, 0.5);

			if (ceiling != want || lo != ceiling / 2 || hi < lo ||
				hi > ceiling || mid < lo || mid > hi || hi > cap ||
				ceiling < prev_ceiling || hi < prev_hi)
			{
				if (bad++ == 0)
					diag("attempt %d: ceiling %lld (want %lld), lo %lld, mid %lld, hi %lld",
						 attempt, (long long) ceiling, (long long) want,
						 (long long) lo, (long long) mid, (long long) hi);
			}
			prev_hi = hi;
			prev_ceiling = ceiling;
		}
		check(bad == 0, "backoff base %lld cap %lld: attempts 1..60 and 1000 within [ceiling/2, ceiling], non-decreasing",
			  (long long) base, (long long) cap);
	}

	check(conn_backoff_ms(1, 100, 10000, 0.0) == 50, "attempt 1, random 0: 50");
	check(conn_backoff_ms(1, 100, 10000, 0.999999) == 100,
		  "attempt 1, random 0.999999: 100");
	check(conn_backoff_ms(3, 100, 10000, 0.0) == 200, "attempt 3, random 0: 200");
	check(conn_backoff_ms(3, 100, 10000, 0.5) == 300,
		  "attempt 3, random 0.5: 300");
	check(conn_backoff_ms(3, 100, 10000, 0.999999) == 400,
		  "attempt 3, random 0.999999: 400");
	check(conn_backoff_ceiling_ms(7, 100, 10000) == 6400,
		  "attempt 7: ceiling 6400 under the cap");
	check(conn_backoff_ceiling_ms(8, 100, 10000) == 10000,
		  "attempt 8: 12800 capped at 10000");
	check(conn_backoff_ms(8, 100, 10000, 0.0) == 5000 &&
		  conn_backoff_ms(8, 100, 10000, 0.999999) == 10000,
		  "capped: delay in [cap/2, cap]");
	check(conn_backoff_ms(1000, 100, 10000, 0.999999) == 10000,
		  "attempt 1000 capped at 10000");
	check(conn_backoff_ms(INT_MAX, 100, 10000, 0.0) == 5000,
		  "attempt INT_MAX: no overflow, cap/2");
	check(conn_backoff_ceiling_ms(INT_MAX, INT64_MAX, INT64_MAX) == INT64_MAX &&
		  conn_backoff_ms(INT_MAX, INT64_MAX, INT64_MAX, 0.999999) <= INT64_MAX,
		  "base and cap INT64_MAX: no overflow");
	check(conn_backoff_ms(0, 100, 10000, 0.0) == 50 &&
		  conn_backoff_ms(-7, 100, 10000, 0.0) == 50,
		  "attempt 0 or negative counts as 1");
	check(conn_backoff_ceiling_ms(1, 500, 200) == 200,
		  "cap below base: the cap wins");
	check(conn_backoff_ms(5, 0, 10000, 0.7) == 0,
		  "base 0: no delay");
	check(conn_backoff_ms(5, 100, -1, 0.7) == 0,
		  "negative cap taken as 0");
	check(conn_backoff_ms(3, 100, 10000, 1.0) == 400 &&
		  conn_backoff_ms(3, 100, 10000, 7.0) == 400,
		  "random >= 1 is clamped to the ceiling");
	check(conn_backoff_ms(3, 100, 10000, -0.5) == 200 &&
		  conn_backoff_ms(3, 100, 10000, NAN) == 200,
		  "random < 0 or NaN is clamped to half the ceiling");
	check(conn_backoff_ms(1, 1, 10000, 0.999999) == 1 &&
		  conn_backoff_ms(1, 1, 10000, 0.0) == 0,
		  "base 1: delay 0 or 1");
}

/* ----------------------------------------------------------------
 * Retry-After
 * ----------------------------------------------------------------
 */

/* Delta-seconds and values that are not a delay at all. */
static void
test_retry_after_seconds(void)
{
	char		digits[64];

	check_retry_after("0", NOW_2015, 0);
	check_retry_after("120", NOW_2015, 120000);
	check_retry_after(" 5 ", NOW_2015, 5000);
	check_retry_after("\t7\r\n", NOW_2015, 7000);
	check_retry_after("0005", NOW_2015, 5000);
	check_retry_after("86400", NOW_2015, DAY_MS);
	check_retry_after("86401", NOW_2015, DAY_MS);
	check_retry_after("99999999999", NOW_2015, DAY_MS);
	memset(digits, '9', 60);
	digits[60] = '\0';
	check_retry_after(digits, NOW_2015, DAY_MS);
	check_retry_after("-1", NOW_2015, -1);
	check_retry_after("-0", NOW_2015, -1);
	check_retry_after("+5", NOW_2015, -1);
	check_retry_after("abc", NOW_2015, -1);
	check_retry_after("", NOW_2015, -1);
	check_retry_after("   ", NOW_2015, -1);
	check_retry_after("1.5", NOW_2015, -1);
	check_retry_after("5 s", NOW_2015, -1);
	check_retry_after("1 2", NOW_2015, -1);
	check_retry_after("0x10", NOW_2015, -1);
	check(conn_retry_after_ms(NULL, NOW_2015) == -1, "Retry-After NULL gives -1");
	check(conn_retry_after_ms("30", INT64_MIN) == 30000 &&
		  conn_retry_after_ms("30", INT64_MAX) == 30000,
		  "delta-seconds ignore the clock");
}

/* The three HTTP-date forms, in the future and in the past. */
static void
test_retry_after_dates(void)
{
	/* IMF-fixdate */
	check_retry_after("Wed, 21 Oct 2015 07:30:00 GMT", NOW_2015, 120000);
	check_retry_after("Wed, 21 Oct 2015 07:28:01 GMT", NOW_2015, 1000);
	check_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", NOW_2015, 0);
	check_retry_after("Wed, 21 Oct 2015 07:27:59 GMT", NOW_2015, 0);
	check_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", NOW_2015, 0);
	check_retry_after("Thu, 22 Oct 2015 07:28:00 GMT", NOW_2015, DAY_MS);
	check_retry_after("Thu, 22 Oct 2015 07:28:01 GMT", NOW_2015, DAY_MS);
	check_retry_after("Fri, 01 Jan 2100 00:00:00 GMT", NOW_2015, DAY_MS);
	check_retry_after("  Wed, 21 Oct 2015 07:30:00 GMT\r\n", NOW_2015, 120000);
	check_retry_after("wed, 21 oct 2015 07:30:00 gmt", NOW_2015, 120000);
	check_retry_after("Wed, 21 Oct 2015 07:30:00 GMT", NOW_2015 - 500, 120500);
	check_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", INT64_MIN, DAY_MS);
	check_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", INT64_MAX, 0);
	check_retry_after("Sun, 06 Nov 1994 08:49:37 GMT",
					  INT64_C(784111777000) - 2500, 2500);
	check_retry_after("Tue, 29 Feb 2000 12:00:00 GMT",
					  INT64_C(951825600000) - 1, 1);
	check_retry_after("Mon, 29 Feb 2016 00:00:00 GMT",
					  INT64_C(1456704000000) - 60000, 60000);
	check_retry_after("Wed, 21 Oct 2015 07:28:60 GMT", NOW_2015, 60000);

	/* RFC 850 */
	check_retry_after("Wednesday, 21-Oct-15 07:29:00 GMT", NOW_2015, 60000);
	check_retry_after("Wednesday, 21-Oct-15 07:27:00 GMT", NOW_2015, 0);
	check_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", NOW_2015, 0);
	check_retry_after("Sunday, 06-Nov-94 08:49:37 GMT",
					  INT64_C(784111777000) - 4000, 4000);
	check_retry_after("Wednesday, 21-Oct-65 07:28:00 GMT", NOW_2015, DAY_MS);
	check_retry_after("Thursday, 21-Oct-66 07:28:00 GMT", NOW_2015, 0);
	check_retry_after("Wednesday, 21-Oct-2015 07:29:00 GMT", NOW_2015, 60000);

	/* asctime */
	check_retry_after("Wed Oct 21 07:28:30 2015", NOW_2015, 30000);
	check_retry_after("Wed Oct 21 07:28:00 2015", NOW_2015, 0);
	check_retry_after("Sun Nov  6 08:49:37 1994", NOW_2015, 0);
	check_retry_after("Thu Oct  1 00:00:10 2015",
					  INT64_C(1443657600000), 10000);
	check_retry_after("Thu Oct 01 00:00:10 2015",
					  INT64_C(1443657600000), 10000);
}

/* Impossible dates and malformed ones. */
static void
test_retry_after_bad_dates(void)
{
	static const char *const bad[] = {
		"Wed, 31 Feb 2015 07:28:00 GMT",
		"Sun, 29 Feb 2015 07:28:00 GMT",
		"Thu, 29 Feb 1900 00:00:00 GMT",
		"Wed, 31 Apr 2015 07:28:00 GMT",
		"Wed, 32 Oct 2015 07:28:00 GMT",
		"Wed, 00 Oct 2015 07:28:00 GMT",
		"Wed, 21 Oct 2015 24:00:00 GMT",
		"Wed, 21 Oct 2015 07:60:00 GMT",
		"Wed, 21 Oct 2015 07:28:61 GMT",
		"Wed, 21 Oct 2015 7:28:00 GMT",
		"Wed, 21 Foo 2015 07:28:00 GMT",
		"Xyz, 21 Oct 2015 07:28:00 GMT",
		"Wed, 21 Oct 2015 07:28:00",
		"Wed, 21 Oct 2015 07:28:00 UTC",
		"Wed, 21 Oct 2015 07:28:00 GMT x",
		"Wed, 21 Oct 2015 07:28:00 GMTX",
		"Wed, 21 Oct 15 07:28:00 GMT",
		"Wed, 21 Oct 20150 07:28:00 GMT",
		"Wed, 121 Oct 2015 07:28:00 GMT",
		"Wed 21 Oct 2015 07:28:00 GMT",
		"Wed,21 Oct 2015 07:28:00 GMT",
		"21 Oct 2015 07:28:00 GMT",
		"Wednesday, 31-Feb-15 07:28:00 GMT",
		"Wednesday, 21-Oct-015 07:28:00 GMT",
		"Wednesday, 21-Oct-15 07:28:00",
		"Wednesday, 21/Oct/15 07:28:00 GMT",
		"Wed Feb 31 07:28:00 2015",
		"Wed Oct 21 07:28:00 15",
		"Wed Oct 21 07:28:00 2015 GMT",
		"Wed Oct 21 2015",
		"Wed",
		"Wed,",
		"GMT",
		"Wed, 21 Oct 2015 07:28 GMT",
		"Wed, 21 Oct 2015 07:28:00:00 GMT",
		"Wed, -1 Oct 2015 07:28:00 GMT"
	};
	int			i;

	for (i = 0; i < (int) (sizeof(bad) / sizeof(bad[0])); i++)
		check_retry_after(bad[i], NOW_2015, -1);
}

/*
 * Random instants from 1900 to 2100, formatted by gmtime_r in each
 * form, must give back the wait chosen for them.
 */
static void
test_retry_after_random(int n)
{
	static const char *const days[7][2] = {
		{"Sun", "Sunday"}, {"Mon", "Monday"}, {"Tue", "Tuesday"},
		{"Wed", "Wednesday"}, {"Thu", "Thursday"}, {"Fri", "Friday"},
		{"Sat", "Saturday"}
	};
	static const char *const months[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	int			bad[3] = {0, 0, 0};
	int			i;
	int			form;

	for (i = 0; i < n; i++)
	{
		time_t		secs = (time_t) rng_range(INT64_C(-2208988800),
											  INT64_C(4102444799));
		struct tm	tm;
		char		text[3][80];
		int64_t		target = (int64_t) secs * 1000;
		int64_t		k = rng_range(-DAY_MS, 2 * DAY_MS);
		int64_t		want = k < 0 ? 0 : (k > DAY_MS ? DAY_MS : k);

		if (gmtime_r(&secs, &tm) == NULL)
			continue;
		snprintf(text[0], sizeof(text[0]), "%s, %02d %s %04d %02d:%02d:%02d GMT",
				 days[tm.tm_wday][0], tm.tm_mday, months[tm.tm_mon],
				 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
		snprintf(text[1], sizeof(text[1]), "%s, %02d-%s-%02d %02d:%02d:%02d GMT",
				 days[tm.tm_wday][1], tm.tm_mday, months[tm.tm_mon],
				 (tm.tm_year + 1900) % 100, tm.tm_hour, tm.tm_min, tm.tm_sec);
		snprintf(text[2], sizeof(text[2]), "%s %s %2d %02d:%02d:%02d %04d",
				 days[tm.tm_wday][0], months[tm.tm_mon], tm.tm_mday,
				 tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
		for (form = 0; form < 3; form++)
		{
			int64_t		got = conn_retry_after_ms(text[form], target - k);

			if (got != want && bad[form]++ == 0)
				diag("\"%s\" at now = target - %lld: got %lld, want %lld",
					 text[form], (long long) k, (long long) got,
					 (long long) want);
		}
	}
	check(bad[0] == 0, "%d random IMF-fixdates agree with gmtime_r", n);
	check(bad[1] == 0, "%d random RFC 850 dates agree with gmtime_r", n);
	check(bad[2] == 0, "%d random asctime dates agree with gmtime_r", n);
}

/* ----------------------------------------------------------------
 * Classification
 * ----------------------------------------------------------------
 */

typedef struct ClassifyCase
{
	ConnTransport transport;
	long		status;
	bool		json;
	ConnVerdict verdict;
	const char *reason;
	bool		counts;
} ClassifyCase;

/* Every rule of the table, at its edges. */
static void
test_classify(void)
{
	static const ClassifyCase cases[] = {
		{CONN_TRANSPORT_OK, 200, true, CONN_SUCCEEDED, "ok", false},
		{CONN_TRANSPORT_OK, 201, true, CONN_SUCCEEDED, "ok", false},
		{CONN_TRANSPORT_OK, 204, true, CONN_SUCCEEDED, "ok", false},
		{CONN_TRANSPORT_OK, 299, true, CONN_SUCCEEDED, "ok", false},
		{CONN_TRANSPORT_OK, 200, false, CONN_FAILED, "malformed", true},
		{CONN_TRANSPORT_OK, 299, false, CONN_FAILED, "malformed", true},
		{CONN_TRANSPORT_OK, 404, false, CONN_FAILED, "not_found", false},
		{CONN_TRANSPORT_OK, 404, true, CONN_FAILED, "not_found", false},
		{CONN_TRANSPORT_OK, 401, true, CONN_FAILED, "unauthorized", true},
		{CONN_TRANSPORT_OK, 403, false, CONN_FAILED, "unauthorized", true},
		{CONN_TRANSPORT_OK, 408, false, CONN_RETRY, "timeout", true},
		{CONN_TRANSPORT_OK, 429, true, CONN_RETRY, "http_429", true},
		{CONN_TRANSPORT_OK, 400, true, CONN_FAILED, "http_4xx", true},
		{CONN_TRANSPORT_OK, 402, true, CONN_FAILED, "http_4xx", true},
		{CONN_TRANSPORT_OK, 405, true, CONN_FAILED, "http_4xx", true},
		{CONN_TRANSPORT_OK, 410, false, CONN_FAILED, "http_4xx", true},
		{CONN_TRANSPORT_OK, 499, false, CONN_FAILED, "http_4xx", true},
		{CONN_TRANSPORT_OK, 500, false, CONN_RETRY, "http_5xx", true},
		{CONN_TRANSPORT_OK, 502, true, CONN_RETRY, "http_5xx", true},
		{CONN_TRANSPORT_OK, 503, false, CONN_RETRY, "http_5xx", true},
		{CONN_TRANSPORT_OK, 599, false, CONN_RETRY, "http_5xx", true},
		{CONN_TRANSPORT_OK, 100, true, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_OK, 101, false, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_OK, 199, true, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_OK, 300, true, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_OK, 301, true, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_OK, 302, false, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_OK, 304, true, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_OK, 399, true, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_OK, 0, true, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_OK, -1, true, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_OK, 600, true, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_OK, 99999, true, CONN_FAILED, "other", true},
		{CONN_TRANSPORT_CONNECT, 0, false, CONN_RETRY, "connect", true},
		{CONN_TRANSPORT_CONNECT, 200, true, CONN_RETRY, "connect", true},
		{CONN_TRANSPORT_TIMEOUT, 0, false, CONN_RETRY, "timeout", true},
		{CONN_TRANSPORT_TIMEOUT, 200, true, CONN_RETRY, "timeout", true},
		{CONN_TRANSPORT_RESET, 0, false, CONN_RETRY, "connection_reset", true},
		{CONN_TRANSPORT_RESET, 404, false, CONN_RETRY, "connection_reset", true},
		{CONN_TRANSPORT_TLS, 0, false, CONN_FAILED, "tls", true},
		{CONN_TRANSPORT_TLS, 503, false, CONN_FAILED, "tls", true},
		{CONN_TRANSPORT_TOO_LARGE, 200, true, CONN_FAILED, "too_large", true},
		{CONN_TRANSPORT_TOO_LARGE, 0, false, CONN_FAILED, "too_large", true},
		{CONN_TRANSPORT_OTHER, 0, false, CONN_RETRY, "other", true},
		{CONN_TRANSPORT_OTHER, 200, true, CONN_RETRY, "other", true},
		{(ConnTransport) 99, 200, true, CONN_RETRY, "other", true}
	};
	static const char *const verdicts[] = {"SUCCEEDED", "RETRY", "FAILED"};
	int			i;

	for (i = 0; i < (int) (sizeof(cases) / sizeof(cases[0])); i++)
	{
		const ClassifyCase *c = &cases[i];
		ConnOutcome o = conn_classify(c->transport, c->status, c->json);
		bool		ok = o.verdict == c->verdict &&
			same_str(o.reason, c->reason) &&
			o.counts_against_source == c->counts;

		if (!ok)
			diag("got %d \"%s\" counts=%d", (int) o.verdict,
				 o.reason ? o.reason : "(null)",
				 (int) o.counts_against_source);
		check(ok, "transport %d, status %ld, json %d: %s \"%s\"%s",
			  (int) c->transport, c->status, (int) c->json,
			  verdicts[c->verdict], c->reason,
			  c->counts ? "" : ", not counted");
	}
}

/* ----------------------------------------------------------------
 * Retries and settings
 * ----------------------------------------------------------------
 */

/* conn_should_retry at its edges. */
static void
test_should_retry(void)
{
	check(conn_should_retry(1, 3), "attempt 1 of 3: retry");
	check(conn_should_retry(2, 3), "attempt 2 of 3: retry");
	check(!conn_should_retry(3, 3), "attempt 3 of 3: no retry");
	check(!conn_should_retry(4, 3), "attempt 4 of 3: no retry");
	check(!conn_should_retry(1, 1), "attempt 1 of 1: no retry");
	check(!conn_should_retry(1, 0), "max_attempts 0: no retry");
	check(!conn_should_retry(1, -3), "max_attempts negative: no retry");
	check(conn_should_retry(0, 2), "attempt 0 counts as 1: retry of 2");
	check(!conn_should_retry(-5, 1), "attempt negative of 1: no retry");
	check(conn_should_retry(INT_MAX - 1, INT_MAX), "attempt INT_MAX - 1: retry");
	check(!conn_should_retry(INT_MAX, INT_MAX), "attempt INT_MAX: no retry");
}

/* Check one settings case: NULL wanted, or a message naming "name". */
static void
check_settings(const char *msg, const char *name, const char *desc)
{
	bool		ok = name == NULL ? msg == NULL
		: (msg != NULL && strstr(msg, name) != NULL);

	if (!ok)
		diag("got %s", msg ? msg : "NULL");
	check(ok, "settings: %s", desc);
}

/* Every rule of conn_check_settings, on each side of its bound. */
static void
test_settings(void)
{
	const long	kib = 1024;
	const long	mib = 1024 * 1024;

	check_settings(conn_check_settings(5000, 30000, mib, 10.0, 8, 5, 30000),
				   NULL, "a usual set is valid");
	check_settings(conn_check_settings(1, 1, kib, 0.0, 1, 1, 100),
				   NULL, "all lower bounds are valid");
	check_settings(conn_check_settings(30000, 30000, 64 * mib, 1e9, 1000,
									   INT_MAX, INT64_MAX),
				   NULL, "all upper bounds are valid (connect = total)");
	check_settings(conn_check_settings(0, 30000, mib, 10.0, 8, 5, 30000),
				   "connect_timeout_ms", "connect timeout 0");
	check_settings(conn_check_settings(-1, 30000, mib, 10.0, 8, 5, 30000),
				   "connect_timeout_ms", "connect timeout negative");
	check_settings(conn_check_settings(5000, 0, mib, 10.0, 8, 5, 30000),
				   "total_timeout_ms", "total timeout 0");
	check_settings(conn_check_settings(5000, -30000, mib, 10.0, 8, 5, 30000),
				   "total_timeout_ms", "total timeout negative");
	check_settings(conn_check_settings(30001, 30000, mib, 10.0, 8, 5, 30000),
				   "connect_timeout_ms must not exceed total_timeout_ms",
				   "connect timeout above total");
	check_settings(conn_check_settings(5000, 30000, kib - 1, 10.0, 8, 5, 30000),
				   "max_response_bytes", "max_response_bytes 1023");
	check_settings(conn_check_settings(5000, 30000, 64 * mib + 1, 10.0, 8, 5,
									   30000),
				   "max_response_bytes", "max_response_bytes 64 MiB + 1");
	check_settings(conn_check_settings(5000, 30000, 0, 10.0, 8, 5, 30000),
				   "max_response_bytes", "max_response_bytes 0");
	check_settings(conn_check_settings(5000, 30000, -1, 10.0, 8, 5, 30000),
				   "max_response_bytes", "max_response_bytes negative");
	check_settings(conn_check_settings(5000, 30000, mib, -0.001, 8, 5, 30000),
				   "rate_per_s", "rate negative");
	check_settings(conn_check_settings(5000, 30000, mib, NAN, 8, 5, 30000),
				   "rate_per_s", "rate NaN");
	check_settings(conn_check_settings(5000, 30000, mib, INFINITY, 8, 5, 30000),
				   "rate_per_s", "rate infinite");
	check_settings(conn_check_settings(5000, 30000, mib, 10.0, 0, 5, 30000),
				   "max_concurrency", "concurrency 0");
	check_settings(conn_check_settings(5000, 30000, mib, 10.0, 1001, 5, 30000),
				   "max_concurrency", "concurrency 1001");
	check_settings(conn_check_settings(5000, 30000, mib, 10.0, -1, 5, 30000),
				   "max_concurrency", "concurrency negative");
	check_settings(conn_check_settings(5000, 30000, mib, 10.0, 8, 0, 30000),
				   "breaker_threshold", "threshold 0");
	check_settings(conn_check_settings(5000, 30000, mib, 10.0, 8, -2, 30000),
				   "breaker_threshold", "threshold negative");
	check_settings(conn_check_settings(5000, 30000, mib, 10.0, 8, 5, 99),
				   "breaker_open_ms", "breaker open 99 ms");
	check_settings(conn_check_settings(5000, 30000, mib, 10.0, 8, 5, -1),
				   "breaker_open_ms", "breaker open negative");
	check_settings(conn_check_settings(0, 0, 0, -1.0, 0, 0, 0),
				   "connect_timeout_ms", "all bad: the first is named");
}

int
main(int argc, char **argv)
{
	int			failed;

	if (argc > 1)
		rng_state = strtoull(argv[1], NULL, 0) | 1;

	test_breaker_cycle();
	test_breaker_edges();
	test_rate_basic();
	test_rate_edges();
	test_backoff();
	test_retry_after_seconds();
	test_retry_after_dates();
	test_retry_after_bad_dates();
	test_retry_after_random(20000);
	test_classify();
	test_should_retry();
	test_settings();

	failed = print_results();
	return failed ? 1 : 0;
}

/*-------------------------------------------------------------------------
 *
 * connpolicy.c
 *	  Circuit breaker, rate limit, retry delays, Retry-After parsing,
 *	  outcome classification and settings check of the national-database
 *	  connector.
 *
 * Each piece is a small pure function or a value type updated in place;
 * time comes in as milliseconds and randomness as a double, so every
 * decision is reproducible in tests.  Integer arithmetic on times and
 * delays is kept clear of overflow for any input: differences of two
 * int64 clock readings go through uint64, doublings stop at the cap, and
 * digit runs saturate while read.
 *
 * The token bucket keeps a fractional token count.  Comparisons allow a
 * tiny tolerance (TOKEN_EPSILON) so that a token due at an exact
 * millisecond by the arithmetic is there at that millisecond despite
 * rounding, and conn_rate_wait_ms settles its answer by asking the same
 * refill function conn_rate_take uses, so the two never disagree.
 *
 * HTTP-dates are read by hand with ASCII-only character tests and turned
 * into epoch milliseconds with our own civil-date arithmetic: no locale,
 * no strptime, no gmtime or timegm.
 *
 *-------------------------------------------------------------------------
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "asciichar.h"
#include "connpolicy.h"
#include "daynum.h"

#define MS_PER_SECOND	INT64_C(1000)
#define MS_PER_DAY		INT64_C(86400000)
#define SECONDS_PER_DAY INT64_C(86400)

/* Tolerance of token comparisons, far below one millisecond's refill. */
#define TOKEN_EPSILON	1e-9

/* Longest wait conn_rate_wait_ms reports (about 285,000 years). */
#define RATE_WAIT_MAX	(INT64_C(1) << 53)

/*
 * Most milliseconds conn_rate_wait_ms moves its estimate by.  Rounding
 * puts it off by one or two at most; the bound only guards against a
 * bucket whose fields the caller has mangled (a NaN token count).
 */
#define RATE_WAIT_STEPS 1000

/* ----------------------------------------------------------------
 * Circuit breaker
 * ----------------------------------------------------------------
 */

/*
 * Milliseconds from "from" to "to", or 0 when "to" is not later.  Goes
 * through uint64 so that no pair of clock readings overflows, and
 * saturates at INT64_MAX.
 */
static int64_t
elapsed_ms(int64_t from, int64_t to)
{
	uint64_t	diff;

	if (to <= from)
		return 0;
	diff = (uint64_t) to - (uint64_t) from;
	return diff > (uint64_t) INT64_MAX ? INT64_MAX : (int64_t) diff;
}

/*
 * Start a breaker closed with nothing counted.  Bad parameters are
 * brought into range rather than refused: the settings check is the
 * place for refusals, and the engine must never run without a breaker.
 */
void
conn_breaker_init(ConnBreaker *b, int threshold, int64_t open_ms)
{
	memset(b, 0, sizeof(*b));
	b->state = CONN_BREAKER_CLOSED;
	b->failures = 0;
	b->threshold = threshold < 1 ? 1 : threshold;
	b->open_ms = open_ms < 0 ? 0 : open_ms;
	b->opened_at_ms = 0;
	b->probe_in_flight = false;
	b->opens = 0;
}

/*
 * Open the breaker at now_ms, for a first time or again after a failed
 * probe; every opening is counted for monitoring.
 */
static void
breaker_open(ConnBreaker *b, int64_t now_ms)
{
	b->state = CONN_BREAKER_OPEN;
	b->opened_at_ms = now_ms;
	b->probe_in_flight = false;
	if (b->opens < INT64_MAX)
		b->opens++;
}

/*
 * May a request start now?  An open breaker whose time is up turns
 * half-open here, at the first question asked, and that question gets
 * the single probe.
 */
bool
conn_breaker_allow(ConnBreaker *b, int64_t now_ms)
{
	switch (b->state)
	{
		case CONN_BREAKER_CLOSED:
			return true;
		case CONN_BREAKER_OPEN:
			if (elapsed_ms(b->opened_at_ms, now_ms) < b->open_ms)
				return false;
			b->state = CONN_BREAKER_HALF_OPEN;
			b->probe_in_flight = true;
			return true;
		case CONN_BREAKER_HALF_OPEN:
			if (b->probe_in_flight)
				return false;
			b->probe_in_flight = true;
			return true;
	}
	return false;
}

/*
 * An attempt succeeded: the source works, whatever state the breaker was
 * in, so it closes and forgets earlier failures.
 */
void
conn_breaker_success(ConnBreaker *b, int64_t now_ms)
{
	(void) now_ms;
	b->state = CONN_BREAKER_CLOSED;
	b->failures = 0;
	b->probe_in_flight = false;
}

/*
 * An attempt failed in a way that counts.  While closed, failures add up
 * and the threshold-th opens the breaker; a failed probe reopens it for
 * a full open_ms from now.  A failure reported while open is the late
 * answer to a request started before the breaker opened: it says nothing
 * new and must not stretch the open period.
 */
void
conn_breaker_failure(ConnBreaker *b, int64_t now_ms)
{
	switch (b->state)
	{
		case CONN_BREAKER_CLOSED:
			if (b->failures < INT_MAX)
				b->failures++;
			if (b->failures >= b->threshold)
				breaker_open(b, now_ms);
			break;
		case CONN_BREAKER_HALF_OPEN:
			/* a failed probe is one more failure in a row */
			if (b->failures < INT_MAX)
				b->failures++;
			breaker_open(b, now_ms);
			break;
		case CONN_BREAKER_OPEN:
			break;
	}
}

/*
 * An attempt ended without a verdict on the source (a 404, a cancelled
 * request).  Nothing is counted, but a half-open breaker must not wait
 * forever for a probe that will never report: its slot is freed so the
 * next request becomes the probe.
 */
void
conn_breaker_neutral(ConnBreaker *b, int64_t now_ms)
{
	(void) now_ms;
	if (b->state == CONN_BREAKER_HALF_OPEN)
		b->probe_in_flight = false;
}

/*
 * Feed one classified attempt to the breaker, so the engine need not
 * repeat the mapping: success closes, a counted failure counts, and the
 * rest is neutral.
 */
void
conn_breaker_record(ConnBreaker *b, ConnOutcome outcome, int64_t now_ms)
{
	if (outcome.verdict == CONN_SUCCEEDED)
		conn_breaker_success(b, now_ms);
	else if (outcome.counts_against_source)
		conn_breaker_failure(b, now_ms);
	else
		conn_breaker_neutral(b, now_ms);
}

/*
 * Milliseconds until conn_breaker_allow could say yes, for the engine's
 * sleep.  While the probe is out only its completion can change the
 * answer; open_ms (at least 1, so the engine never spins) serves as the
 * interval to look again.
 */
int64_t
conn_breaker_wait_ms(const ConnBreaker *b, int64_t now_ms)
{
	int64_t		elapsed;

	switch (b->state)
	{
		case CONN_BREAKER_CLOSED:
			return 0;
		case CONN_BREAKER_OPEN:
			elapsed = elapsed_ms(b->opened_at_ms, now_ms);
			return elapsed >= b->open_ms ? 0 : b->open_ms - elapsed;
		case CONN_BREAKER_HALF_OPEN:
			if (!b->probe_in_flight)
				return 0;
			return b->open_ms < 1 ? 1 : b->open_ms;
	}
	return 0;
}

/* The state's name as monitoring views show it. */
const char *
conn_breaker_state_name(ConnBreakerState s)
{
	switch (s)
	{
		case CONN_BREAKER_CLOSED:
			return "closed";
		case CONN_BREAKER_OPEN:
			return "open";
		case CONN_BREAKER_HALF_OPEN:
			return "half_open";
	}
	return "unknown";
}

/* ----------------------------------------------------------------
 * Token-bucket rate limit
 * ----------------------------------------------------------------
 */

/*
 * Start a full bucket.  A rate that is not positive (or not a number)
 * means unlimited and is stored as 0; a burst below 1 (or not a number)
 * would never hold a whole token, so it is taken as 1.
 */
void
conn_rate_init(ConnRate *r, double rate_per_s, double burst, int64_t now_ms)
{
	r->rate_per_s = (rate_per_s > 0.0) ? rate_per_s : 0.0;
	r->burst = (burst >= 1.0) ? burst : 1.0;
	r->tokens = r->burst;
	r->last_ms = now_ms;
}

/*
 * Tokens in the bucket at now_ms, without changing it.  Only time after
 * last_ms refills, so a clock that went backwards adds nothing.
 */
static double
rate_tokens_at(const ConnRate *r, int64_t now_ms)
{
	double		tokens = r->tokens;

	if (now_ms > r->last_ms)
	{
		tokens += (double) elapsed_ms(r->last_ms, now_ms) *
			r->rate_per_s / 1000.0;
		if (tokens > r->burst)
			tokens = r->burst;
	}
	return tokens;
}

/* Is there a whole token, give or take rounding? */
static inline bool
has_token(double tokens)
{
	return tokens >= 1.0 - TOKEN_EPSILON;
}

/*
 * Take one token if there is one.  The refill up to now_ms is kept
 * either way (only forward: a reading from the past leaves the bucket
 * as it is).
 */
bool
conn_rate_take(ConnRate *r, int64_t now_ms)
{
	double		tokens;

	if (r->rate_per_s <= 0.0)
		return true;
	tokens = rate_tokens_at(r, now_ms);
	if (now_ms > r->last_ms)
	{
		r->tokens = tokens;
		r->last_ms = now_ms;
	}
	if (!has_token(tokens))
		return false;
	tokens -= 1.0;
	r->tokens = tokens > 0.0 ? tokens : 0.0;
	return true;
}

/*
 * Milliseconds until conn_rate_take would succeed.  A first estimate
 * comes from the deficit and the rate (counted from last_ms when the
 * clock is behind it); it is then moved to the exact first millisecond
 * at which rate_tokens_at shows a whole token, so that the answer
 * matches conn_rate_take to the millisecond.
 */
int64_t
conn_rate_wait_ms(const ConnRate *r, int64_t now_ms)
{
	double		tokens;
	double		estimate;
	int64_t		behind;
	int64_t		wait;
	int			steps;

	if (r->rate_per_s <= 0.0)
		return 0;
	tokens = rate_tokens_at(r, now_ms);
	if (has_token(tokens))
		return 0;
	behind = elapsed_ms(now_ms, r->last_ms);
	estimate = ceil((1.0 - tokens) * 1000.0 / r->rate_per_s);
	if (!(estimate < (double) (RATE_WAIT_MAX - behind)))
		return RATE_WAIT_MAX;
	wait = behind + (int64_t) estimate;
	if (now_ms > INT64_MAX - wait - 1)
		return wait;			/* too close to the end of time to check */
	for (steps = 0; steps < RATE_WAIT_STEPS &&
		 !has_token(rate_tokens_at(r, now_ms + wait)); steps++)
		wait++;
	for (steps = 0; steps < RATE_WAIT_STEPS && wait > 0 &&
		 has_token(rate_tokens_at(r, now_ms + wait - 1)); steps++)
		wait--;
	return wait;
}

/* ----------------------------------------------------------------
 * Retry delays
 * ----------------------------------------------------------------
 */

/*
 * min(cap_ms, base_ms * 2^(attempt - 1)), doubling only while below the
 * cap so that neither a large attempt number nor a large base can
 * overflow, and at most 63 doublings happen.
 */
int64_t
conn_backoff_ceiling_ms(int attempt, int64_t base_ms, int64_t cap_ms)
{
	int64_t		ceiling;
	int			i;

	if (attempt < 1)
		attempt = 1;
	if (base_ms < 0)
		base_ms = 0;
	if (cap_ms < 0)
		cap_ms = 0;
	ceiling = base_ms;
	for (i = 1; i < attempt && ceiling > 0 && ceiling < cap_ms; i++)
		ceiling = (ceiling > cap_ms / 2) ? cap_ms : ceiling * 2;
	return ceiling < cap_ms ? ceiling : cap_ms;
}

/*
 * The delay before retry number "attempt": a random point between half
 * the ceiling and the ceiling.  Keeping half the ceiling as a floor
 * spreads clients apart while still backing off; random01 outside
 * [0, 1) is clamped, so the result always stays in that range.
 */
int64_t
conn_backoff_ms(int attempt, int64_t base_ms, int64_t cap_ms, double random01)
{
	int64_t		ceiling = conn_backoff_ceiling_ms(attempt, base_ms, cap_ms);
	int64_t		lower = ceiling / 2;
	int64_t		span = ceiling - lower;
	double		offset;
	int64_t		add;

	if (!(random01 > 0.0))
		return lower;			/* also catches NaN */
	offset = random01 * ((double) span + 1.0);
	if (offset >= (double) span)
		add = span;
	else
		add = (int64_t) offset;
	if (add > span)
		add = span;
	return lower + add;
}

/* ----------------------------------------------------------------
 * Retry-After
 * ----------------------------------------------------------------
 */

/* Whitespace around a header value (optional whitespace, CR and LF). */
static inline bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Position in the value being parsed; end is one past the last character. */
typedef struct Cursor
{
	const char *p;
	const char *end;
} Cursor;

/* Consume one given character, or report that it is not there. */
static bool
take_char(Cursor *c, char want)
{
	if (c->p < c->end && *c->p == want)
	{
		c->p++;
		return true;
	}
	return false;
}

/*
 * Consume one or more spaces.  HTTP-dates have single spaces, except
 * asctime's padding of one-digit days; any run is accepted.
 */
static bool
take_spaces(Cursor *c)
{
	const char *start = c->p;

	while (c->p < c->end && *c->p == ' ')
		c->p++;
	return c->p > start;
}

/*
 * Consume a number of mindigits to maxdigits digits, not followed by
 * another digit; *ndigits receives how many were read.
 */
static bool
take_number(Cursor *c, int mindigits, int maxdigits, int *value, int *ndigits)
{
	int			n = 0;
	int			v = 0;

	while (c->p < c->end && ascii_digit(*c->p) && n < maxdigits)
	{
		v = v * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	if (n < mindigits || (c->p < c->end && ascii_digit(*c->p)))
		return false;
	*value = v;
	if (ndigits != NULL)
		*ndigits = n;
	return true;
}

/* Consume a run of letters, returning where it starts and its length. */
static size_t
take_word(Cursor *c, const char **word)
{
	*word = c->p;
	while (c->p < c->end && ascii_alpha(*c->p))
		c->p++;
	return (size_t) (c->p - *word);
}

/*
 * Consume a day name, abbreviated ("Sun", IMF-fixdate and asctime) or in
 * full ("Sunday", RFC 850).  The name is redundant with the date and is
 * not checked against it.
 */
static bool
take_day_name(Cursor *c)
{
	static const char *const names[7][2] = {
		{"sun", "sunday"}, {"mon", "monday"}, {"tue", "tuesday"},
		{"wed", "wednesday"}, {"thu", "thursday"}, {"fri", "friday"},
		{"sat", "saturday"}
	};
	const char *word;
	size_t		len = take_word(c, &word);
	int			i;

	for (i = 0; i < 7; i++)
		if (ascii_word_equals(word, len, names[i][0]) ||
			ascii_word_equals(word, len, names[i][1]))
			return true;
	return false;
}

/* Consume a three-letter month name; *month receives 1 to 12. */
static bool
take_month(Cursor *c, int *month)
{
	static const char *const names[12] = {
		"jan", "feb", "mar", "apr", "may", "jun",
		"jul", "aug", "sep", "oct", "nov", "dec"
	};
	const char *word;
	size_t		len = take_word(c, &word);
	int			i;

	for (i = 0; i < 12; i++)
		if (ascii_word_equals(word, len, names[i]))
		{
			*month = i + 1;
			return true;
		}
	return false;
}

/*
 * Consume "HH:MM:SS" and return the seconds since midnight.  A second
 * of 60 (a leap second) is allowed and simply runs into the next minute.
 */
static bool
take_time(Cursor *c, int *seconds)
{
	int			h;
	int			m;
	int			s;

	if (!take_number(c, 2, 2, &h, NULL) || !take_char(c, ':') ||
		!take_number(c, 2, 2, &m, NULL) || !take_char(c, ':') ||
		!take_number(c, 2, 2, &s, NULL))
		return false;
	if (h > 23 || m > 59 || s > 60)
		return false;
	*seconds = (h * 60 + m) * 60 + s;
	return true;
}

/* Consume the zone, which HTTP-dates always give as "GMT". */
static bool
take_gmt(Cursor *c)
{
	const char *word;
	size_t		len = take_word(c, &word);

	return ascii_word_equals(word, len, "gmt");
}

/* Floor division by a positive divisor, for dates before the epoch. */
static inline int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* Days from 1970-01-01 (the Unix epoch) to 2000-01-01 (daynum.c's day 0). */
#define DAYS_1970_TO_2000 INT64_C(10957)
/* The widest epoch day given to daynum.c (about 2.7 million years). */
#define DAY_LIMIT INT64_C(1000000000)

/*
 * The Gregorian year containing an epoch day (days since 1970-01-01), by
 * daynum.c; a day beyond a few million years is taken at that limit.
 */
static int64_t
year_of_day(int64_t day)
{
	int			year,
				month,
				mday;

	if (day > DAY_LIMIT)
		day = DAY_LIMIT;
	if (day < -DAY_LIMIT)
		day = -DAY_LIMIT;
	mc_ymd_from_day((int32_t) (day - DAYS_1970_TO_2000), &year, &month, &mday);
	return year;
}

/*
 * Read a Retry-After that is delta-seconds: digits only, saturating at
 * one day plus one second while read so any length is safe.
 */
static int64_t
retry_after_seconds(Cursor *c)
{
	int64_t		seconds = 0;

	while (c->p < c->end)
	{
		if (!ascii_digit(*c->p))
			return -1;
		if (seconds <= SECONDS_PER_DAY)
			seconds = seconds * 10 + (*c->p - '0');
		c->p++;
	}
	if (seconds > SECONDS_PER_DAY)
		return CONN_RETRY_AFTER_MAX_MS;
	return seconds * MS_PER_SECOND;
}

/*
 * Read a Retry-After that is an HTTP-date, in any of its three forms,
 * into epoch milliseconds.  The forms part after the day name: a comma
 * leads to IMF-fixdate ("06 Nov 1994 08:49:37 GMT") or RFC 850
 * ("06-Nov-94 08:49:37 GMT"), told apart by the character after the
 * day; a space leads to asctime ("Nov  6 08:49:37 1994").  An RFC 850
 * two-digit year is placed in the century window of RFC 9110: the
 * candidate within 50 years of now's year, never more than 50 ahead.
 */
static bool
http_date_ms(Cursor *c, int64_t now_epoch_ms, int64_t *result)
{
	int			day;
	int			month;
	int			year;
	int			ndigits;
	int			seconds;
	int64_t		full_year;

	if (!take_day_name(c))
		return false;
	if (take_char(c, ','))
	{
		if (!take_spaces(c) || !take_number(c, 1, 2, &day, NULL))
			return false;
		if (take_char(c, '-'))
		{
			if (!take_month(c, &month) || !take_char(c, '-') ||
				!take_number(c, 2, 4, &year, &ndigits) || ndigits == 3)
				return false;
			full_year = year;
			if (ndigits == 2)
			{
				int64_t		now_year = year_of_day(floor_div(now_epoch_ms,
															 MS_PER_DAY));

				full_year = floor_div(now_year, 100) * 100 + year;
				if (full_year > now_year + 50)
					full_year -= 100;
				else if (full_year <= now_year - 50)
					full_year += 100;
			}
		}
		else
		{
			if (!take_spaces(c) || !take_month(c, &month) ||
				!take_spaces(c) || !take_number(c, 4, 4, &year, NULL))
				return false;
			full_year = year;
		}
		if (!take_spaces(c) || !take_time(c, &seconds) ||
			!take_spaces(c) || !take_gmt(c))
			return false;
	}
	else
	{
		if (!take_spaces(c) || !take_month(c, &month) ||
			!take_spaces(c) || !take_number(c, 1, 2, &day, NULL) ||
			!take_spaces(c) || !take_time(c, &seconds) ||
			!take_spaces(c) || !take_number(c, 4, 4, &year, NULL))
			return false;
		full_year = year;
	}
	if (c->p != c->end)
		return false;
	/* (a two-digit year placed around a far-off clock may leave 0..9999) */
	if (full_year < 0 || full_year > 9999 || !mc_ymd_valid((int) full_year, month, day))
		return false;
	*result = ((int64_t) mc_day_from_ymd((int) full_year, month, day) + DAYS_1970_TO_2000) * MS_PER_DAY +
		(int64_t) seconds * MS_PER_SECOND;
	return true;
}

/*
 * Milliseconds to wait according to a Retry-After value, or -1 when it
 * cannot be read.  Surrounding whitespace is trimmed first.  A date is
 * compared with now_epoch_ms without overflow whatever the clock says;
 * waits beyond a day are capped, since a server asking for more is
 * better retried daily than obeyed.
 */
int64_t
conn_retry_after_ms(const char *value, int64_t now_epoch_ms)
{
	Cursor		c;
	int64_t		target;

	if (value == NULL)
		return -1;
	c.p = value;
	c.end = value + strlen(value);
	while (c.p < c.end && is_space(*c.p))
		c.p++;
	while (c.end > c.p && is_space(c.end[-1]))
		c.end--;
	if (c.p == c.end)
		return -1;
	if (ascii_digit(*c.p))
		return retry_after_seconds(&c);
	if (!http_date_ms(&c, now_epoch_ms, &target))
		return -1;
	if (now_epoch_ms >= target)
		return 0;
	if (now_epoch_ms <= target - CONN_RETRY_AFTER_MAX_MS)
		return CONN_RETRY_AFTER_MAX_MS;
	return target - now_epoch_ms;
}

/* ----------------------------------------------------------------
 * Outcome classification
 * ----------------------------------------------------------------
 */

/* Build an outcome; reason must be a static string. */
static ConnOutcome
outcome(ConnVerdict verdict, const char *reason, bool counts)
{
	ConnOutcome o;

	o.verdict = verdict;
	o.reason = reason;
	o.counts_against_source = counts;
	return o;
}

/*
 * Classify one attempt, transport first, then status, then body; the
 * table in connpolicy.h is the specification.  Only a success and a 404
 * (the source answered, the record is not there) leave the breaker's
 * count alone.
 */
ConnOutcome
conn_classify(ConnTransport transport, long http_status, bool body_is_json)
{
	switch (transport)
	{
		case CONN_TRANSPORT_OK:
			break;
		case CONN_TRANSPORT_CONNECT:
			return outcome(CONN_RETRY, "connect", true);
		case CONN_TRANSPORT_TIMEOUT:
			return outcome(CONN_RETRY, "timeout", true);
		case CONN_TRANSPORT_RESET:
			return outcome(CONN_RETRY, "connection_reset", true);
		case CONN_TRANSPORT_TLS:
			return outcome(CONN_FAILED, "tls", true);
		case CONN_TRANSPORT_TOO_LARGE:
			return outcome(CONN_FAILED, "too_large", true);
		case CONN_TRANSPORT_OTHER:
		default:
			return outcome(CONN_RETRY, "other", true);
	}

	if (http_status >= 200 && http_status <= 299)
		return body_is_json ? outcome(CONN_SUCCEEDED, "ok", false)
			: outcome(CONN_FAILED, "malformed", true);
	if (http_status == 404)
		return outcome(CONN_FAILED, "not_found", false);
	if (http_status == 401 || http_status == 403)
		return outcome(CONN_FAILED, "unauthorized", true);
	if (http_status == 408)
		return outcome(CONN_RETRY, "timeout", true);
	if (http_status == 429)
		return outcome(CONN_RETRY, "http_429", true);
	if (http_status >= 400 && http_status <= 499)
		return outcome(CONN_FAILED, "http_4xx", true);
	if (http_status >= 500 && http_status <= 599)
		return outcome(CONN_RETRY, "http_5xx", true);
	return outcome(CONN_FAILED, "other", true);
}

/*
 * After a RETRY verdict on attempt number "attempt", is there another
 * attempt left?  An attempt number below 1 counts as the first, and a
 * max_attempts below 1 allows the one attempt already made.
 */
bool
conn_should_retry(int attempt, int max_attempts)
{
	if (attempt < 1)
		attempt = 1;
	return attempt < max_attempts;
}

/* ----------------------------------------------------------------
 * Settings
 * ----------------------------------------------------------------
 */

/*
 * Check the connector's settings, returning NULL or a static message
 * naming the first bad one.  The SQL layer mirrors these rules, so the
 * worker never starts with settings it would have to second-guess.
 */
const char *
conn_check_settings(int connect_timeout_ms, int total_timeout_ms,
					long max_response_bytes, double rate_per_s,
					int max_concurrency, int breaker_threshold,
					int64_t breaker_open_ms)
{
	if (connect_timeout_ms <= 0)
		return "connect_timeout_ms must be greater than 0";
	if (total_timeout_ms <= 0)
		return "total_timeout_ms must be greater than 0";
	if (connect_timeout_ms > total_timeout_ms)
		return "connect_timeout_ms must not exceed total_timeout_ms";
	if (max_response_bytes < CONN_MIN_RESPONSE_BYTES ||
		max_response_bytes > CONN_MAX_RESPONSE_BYTES)
		return "max_response_bytes must be between 1024 (1 KiB) and 67108864 (64 MiB)";
	if (!(rate_per_s >= 0.0 && rate_per_s <= DBL_MAX))
		return "rate_per_s must be a finite number >= 0 (0 means unlimited)";
	if (max_concurrency < 1 || max_concurrency > CONN_MAX_CONCURRENCY)
		return "max_concurrency must be between 1 and 1000";
	if (breaker_threshold < 1)
		return "breaker_threshold must be at least 1";
	if (breaker_open_ms < CONN_MIN_BREAKER_OPEN_MS)
		return "breaker_open_ms must be at least 100";
	return NULL;
}

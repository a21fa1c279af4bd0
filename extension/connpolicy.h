/*-------------------------------------------------------------------------
 *
 * connpolicy.h
 *	  The policy of the national-database connector: per-source circuit
 *	  breaker and token-bucket rate limit, retry delays, the Retry-After
 *	  header, the classification of one attempt's outcome, and the check
 *	  of the connector's settings.
 *
 * The connector itself is a libcurl multi-interface engine in a
 * background worker; everything it decides lives here, so the decisions
 * can be unit-tested without a server, a network or a clock.  Plain C
 * without PostgreSQL headers; no allocation and no global state: the
 * breaker and the rate limit are small value types the caller owns.
 *
 * Time is always passed in as int64 milliseconds (now_ms), so tests
 * control the clock; any monotonic clock will do, except for
 * conn_retry_after_ms, which compares an HTTP-date with the Unix epoch.
 * Randomness is passed in as a double in [0, 1).
 *
 * The engine's loop, for one request to one source:
 *
 *	- start an attempt only when conn_breaker_allow and conn_rate_take
 *	  both agree (ask the breaker first: a refused request must not use
 *	  up a token); otherwise sleep the larger of the two *_wait_ms;
 *	- classify the attempt with conn_classify and feed the outcome to
 *	  the breaker with conn_breaker_record;
 *	- on CONN_RETRY, retry after conn_backoff_ms (or the server's
 *	  Retry-After, when it asks for longer) while conn_should_retry
 *	  allows it, else record the last reason as terminal.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_CONNPOLICY_H
#define MOTCUA_CONNPOLICY_H

#include <stdbool.h>
#include <stdint.h>

/* The longest wait conn_retry_after_ms returns: one day. */
#define CONN_RETRY_AFTER_MAX_MS INT64_C(86400000)

/* ----------------------------------------------------------------
 * Circuit breaker, one per source
 * ----------------------------------------------------------------
 */
typedef enum ConnBreakerState
{
	CONN_BREAKER_CLOSED,
	CONN_BREAKER_OPEN,
	CONN_BREAKER_HALF_OPEN
} ConnBreakerState;

typedef struct ConnBreaker
{
	ConnBreakerState state;
	int			failures;		/* consecutive failures: while closed, and failed probes */
	int			threshold;		/* consecutive failures that open it (>= 1) */
	int64_t		open_ms;		/* how long it stays open before one probe */
	int64_t		opened_at_ms;
	bool		probe_in_flight;	/* half-open: the single probe is out */
	int64_t		opens;			/* how many times it opened (for monitoring) */
} ConnBreaker;

/*
 * conn_breaker_init starts a breaker closed; a threshold below 1 is taken
 * as 1 and a negative open_ms as 0.
 *
 * conn_breaker_allow: may a request start now?  Closed: yes.  Open: no
 * until open_ms has passed since it opened, then it turns half-open and
 * lets exactly one probe through (returns true once and sets
 * probe_in_flight); further calls return false while the probe is out.
 *
 * conn_breaker_success: an attempt succeeded; the breaker closes with no
 * failures counted (a successful probe closes it).
 *
 * conn_breaker_failure: an attempt failed in a way that counts (the
 * outcome's counts_against_source).  Closed: one more failure, and it
 * opens at the threshold.  Half-open: the probe failed, and it opens
 * again for another open_ms.  Open: nothing (a late answer to a request
 * started before it opened).
 *
 * conn_breaker_neutral: an attempt ended in a way that does not count
 * (a 404, a cancelled request).  The count is left alone; a half-open
 * breaker frees its probe slot so that the next call to
 * conn_breaker_allow sends another probe.
 *
 * conn_breaker_record routes an outcome to one of the three above.
 *
 * conn_breaker_wait_ms: milliseconds until conn_breaker_allow could
 * return true (0 if now).  While a probe is out, the probe's completion
 * decides; the result is then open_ms (at least 1), a re-check interval.
 */
extern void conn_breaker_init(ConnBreaker *b, int threshold, int64_t open_ms);
extern bool conn_breaker_allow(ConnBreaker *b, int64_t now_ms);
extern void conn_breaker_success(ConnBreaker *b, int64_t now_ms);
extern void conn_breaker_failure(ConnBreaker *b, int64_t now_ms);
extern void conn_breaker_neutral(ConnBreaker *b, int64_t now_ms);
extern int64_t conn_breaker_wait_ms(const ConnBreaker *b, int64_t now_ms);
extern const char *conn_breaker_state_name(ConnBreakerState s);

/* ----------------------------------------------------------------
 * Token-bucket rate limit, one per source
 * ----------------------------------------------------------------
 */
typedef struct ConnRate
{
	double		rate_per_s;		/* tokens added per second; <= 0: unlimited */
	double		burst;			/* bucket size (>= 1) */
	double		tokens;			/* tokens in the bucket at last_ms */
	int64_t		last_ms;		/* when tokens was last brought up to date */
} ConnRate;

/*
 * conn_rate_init starts the bucket full; a burst below 1 is taken as 1.
 * conn_rate_take takes one token if there is one.  conn_rate_wait_ms is
 * the time until one token is there (0 if now): conn_rate_take at
 * now_ms + conn_rate_wait_ms succeeds, one millisecond earlier it would
 * not.  A clock that goes backwards adds no tokens.
 */
extern void conn_rate_init(ConnRate *r, double rate_per_s, double burst,
						   int64_t now_ms);
extern bool conn_rate_take(ConnRate *r, int64_t now_ms);
extern int64_t conn_rate_wait_ms(const ConnRate *r, int64_t now_ms);

/* ----------------------------------------------------------------
 * Retry delays
 * ----------------------------------------------------------------
 */

/*
 * conn_backoff_ceiling_ms is min(cap_ms, base_ms * 2^(attempt - 1)),
 * computed without overflow for any attempt (attempt < 1 is taken as 1,
 * negative base or cap as 0).  conn_backoff_ms draws the delay with
 * "full jitter" between half the ceiling and the ceiling (both
 * included): floor(ceiling / 2) + random01 * the difference.
 */
extern int64_t conn_backoff_ceiling_ms(int attempt, int64_t base_ms,
									   int64_t cap_ms);
extern int64_t conn_backoff_ms(int attempt, int64_t base_ms, int64_t cap_ms,
							   double random01);

/*
 * conn_retry_after_ms reads a Retry-After header value: delta-seconds
 * ("120") or an HTTP-date, as an IMF-fixdate ("Wed, 21 Oct 2015 07:28:00
 * GMT"), in the obsolete RFC 850 form ("Wednesday, 21-Oct-15 07:28:00
 * GMT") or in asctime's ("Wed Oct 21 07:28:00 2015").  Leading and
 * trailing whitespace is allowed.  Returns the milliseconds to wait from
 * now_epoch_ms (0 for a date in the past), capped at
 * CONN_RETRY_AFTER_MAX_MS, or -1 when the value is unparseable or
 * negative (including impossible dates such as 31 February).
 */
extern int64_t conn_retry_after_ms(const char *value, int64_t now_epoch_ms);

/* ----------------------------------------------------------------
 * Outcome of one attempt
 * ----------------------------------------------------------------
 */

/* What went wrong at the transport level, as the engine maps libcurl's codes. */
typedef enum ConnTransport
{
	CONN_TRANSPORT_OK,			/* a complete HTTP response arrived */
	CONN_TRANSPORT_CONNECT,		/* could not connect / resolve */
	CONN_TRANSPORT_TIMEOUT,		/* connect or total timeout */
	CONN_TRANSPORT_RESET,		/* connection reset, empty reply, recv/send
								 * error */
	CONN_TRANSPORT_TLS,			/* certificate refused, handshake failed */
	CONN_TRANSPORT_TOO_LARGE,	/* the response passed the size cap */
	CONN_TRANSPORT_OTHER
} ConnTransport;

typedef enum ConnVerdict
{
	CONN_SUCCEEDED,
	CONN_RETRY,
	CONN_FAILED
} ConnVerdict;

typedef struct ConnOutcome
{
	ConnVerdict verdict;

	/*
	 * A static string: "ok", "not_found", "connect", "timeout",
	 * "connection_reset", "tls", "too_large", "http_429", "http_5xx",
	 * "http_4xx", "unauthorized", "malformed" or "other".
	 */
	const char *reason;
	bool		counts_against_source;	/* feeds the circuit breaker */
} ConnOutcome;

/*
 * conn_classify judges one attempt: the transport failure if any, else
 * the HTTP status, else the body (body_is_json: the body parsed as the
 * expected JSON, which the engine checks).
 *
 *	transport OK, 2xx, JSON			SUCCEEDED	ok			not counted
 *	transport OK, 2xx, not JSON		FAILED		malformed
 *	404								FAILED		not_found	not counted
 *	401, 403						FAILED		unauthorized
 *	408								RETRY		timeout
 *	429								RETRY		http_429
 *	other 4xx						FAILED		http_4xx
 *	5xx								RETRY		http_5xx
 *	1xx, 3xx, anything else			FAILED		other
 *	CONNECT, TIMEOUT, RESET			RETRY		connect, timeout,
 *												connection_reset
 *	TLS								FAILED		tls
 *	TOO_LARGE						FAILED		too_large
 *	OTHER							RETRY		other
 *
 * Everything not marked "not counted" counts against the source.  TLS
 * failures are never retried: a certificate problem does not fix itself.
 * Redirects are not followed, so a 3xx is a failure.
 */
extern ConnOutcome conn_classify(ConnTransport transport, long http_status,
								 bool body_is_json);

/* Route an outcome to conn_breaker_success, _failure or _neutral. */
extern void conn_breaker_record(ConnBreaker *b, ConnOutcome outcome,
								int64_t now_ms);

/*
 * After a RETRY verdict on attempt number attempt (1-based): may another
 * attempt follow, with at most max_attempts in all?  When not, the
 * engine records the last reason as terminal.
 */
extern bool conn_should_retry(int attempt, int max_attempts);

/* ----------------------------------------------------------------
 * Settings
 * ----------------------------------------------------------------
 */

/* Bounds conn_check_settings enforces (the SQL layer mirrors them). */
#define CONN_MIN_RESPONSE_BYTES		1024L
#define CONN_MAX_RESPONSE_BYTES		(64L * 1024 * 1024)
#define CONN_MAX_CONCURRENCY		1000
#define CONN_MIN_BREAKER_OPEN_MS	INT64_C(100)

/*
 * NULL when the settings are valid, else a static message naming the
 * first bad setting: timeouts > 0 with connect <= total,
 * max_response_bytes in [1 KiB, 64 MiB], a finite rate >= 0 (0 is
 * unlimited), concurrency in [1, 1000], threshold >= 1 and
 * breaker_open_ms >= 100.
 */
extern const char *conn_check_settings(int connect_timeout_ms,
									   int total_timeout_ms,
									   long max_response_bytes,
									   double rate_per_s,
									   int max_concurrency,
									   int breaker_threshold,
									   int64_t breaker_open_ms);

#endif							/* MOTCUA_CONNPOLICY_H */

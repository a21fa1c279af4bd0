/*-------------------------------------------------------------------------
 *
 * connanswer.h
 *	  What the national-database connector makes of one HTTP answer:
 *	  the transport's result, the status, the Retry-After header and the
 *	  body in; the outcome, whether another attempt follows and after how
 *	  long out.  Plain C without PostgreSQL headers, no allocation, no
 *	  global state; the engine (workers/connector.c) maps libcurl's codes
 *	  to a ConnTransport and hands over what arrived, and the fuzzer
 *	  (tests/fuzz/fuzz_answer.c) hands over arbitrary bytes.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_CONNANSWER_H
#define MOTCUA_CONNANSWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "connpolicy.h"
#include "jsoncheck.h"

/* One answer, as it arrived (nothing here is trusted). */
typedef struct ConnAnswer
{
	ConnTransport transport;
	long		http_status;	/* 0 when none came */
	const char *retry_after;	/* the Retry-After header's value, or NULL */
	const char *body;			/* need not end in NUL; NULL: none */
	size_t		body_len;
} ConnAnswer;

/* The retry policy of the attempt the answer ends. */
typedef struct ConnAttempt
{
	int			attempt;		/* 1-based */
	int			max_attempts;
	int64_t		base_ms;		/* backoff's first ceiling */
	int64_t		cap_ms;			/* backoff's largest ceiling */
	double		random01;		/* the jitter, in [0, 1) */
} ConnAttempt;

/* What the engine does with a lookup's answer. */
typedef struct ConnJudgement
{
	ConnOutcome outcome;		/* for the breaker and the lookup's reason */
	bool		body_checked;	/* a complete 2xx: its body was judged */
	McJsonVerdict body;			/* the body's verdict, when checked */
	bool		retry;			/* another attempt follows ... */
	int64_t		delay_ms;		/* ... after this wait (0 when not) */
} ConnJudgement;

/*
 * conn_judge: a complete transfer with a 2xx status succeeds if its body
 * is JSON that jsonb takes (mc_json_check), else conn_classify's table
 * decides.  A RETRY verdict retries while conn_should_retry allows it,
 * after the backoff or the server's Retry-After (read against
 * now_epoch_ms), whichever is longer.
 */
extern ConnJudgement conn_judge(const ConnAnswer *a, const ConnAttempt *at,
								int64_t now_epoch_ms);

/* What the portal's answer to one delivery means. */
typedef enum ConnDelivery
{
	CONN_DELIVERED,				/* accepted, or a repeat it already had */
	CONN_DELIVERY_RETRY,
	CONN_DELIVERY_FAILED
} ConnDelivery;

typedef struct ConnPortalJudgement
{
	ConnOutcome outcome;		/* for the breaker */
	ConnDelivery delivery;
	const char *error;			/* a static reason (outcome's, or "out_of_order") */
	int64_t		delay_ms;		/* before the retry (0 when not one) */
} ConnPortalJudgement;

/*
 * conn_judge_portal: the portal keys events by dossier code and sequence.
 * A 409 whose JSON body holds "out_of_order" is a repeat it already had
 * (delivered) when the number after the first ':' that follows
 * "expected" is larger than seq, else a refusal (out_of_order).
 * Otherwise the outcome decides, and a RETRY waits the backoff (the
 * portal's Retry-After is not read).
 */
extern ConnPortalJudgement conn_judge_portal(const ConnAnswer *a, int seq,
											 const ConnAttempt *at);

#endif							/* MOTCUA_CONNANSWER_H */

/*-------------------------------------------------------------------------
 *
 * connector.c
 *	  The national-database lookups (job kind national_lookup): a run
 *	  takes queued lookups in batches, asks the sources over HTTP with
 *	  libcurl's multi interface outside any transaction, and records how
 *	  each ended in short transactions (connector_finish), exactly once.
 *
 * Per source: at most max_concurrency requests in flight, at most
 * rate_per_second started, a circuit breaker that opens after
 * breaker_threshold failures in a row and lets one probe through after
 * breaker_open, retries of what may pass (connect errors, timeouts,
 * resets, 429 and 5xx, Retry-After honoured) with exponential backoff and
 * jitter, up to max_attempts.  TLS is verified, redirects are not
 * followed, a response past max_response_bytes is cut off.  The policy,
 * and what an answer means (the body's JSON check included), are plain C
 * (extension/connpolicy.c, connanswer.c, jsoncheck.c); this file is the
 * engine.
 *
 * A lookup this run holds and never finishes (the process is killed) is
 * taken again by the next run: its run no longer runs.  connector_finish
 * closes only lookups the run still holds, so none ends twice.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "storage/latch.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "cacheinval.h"
#include "connanswer.h"
#include "connpolicy.h"
#include "workers.h"

/* change feed: changes asked per page, pages per source per run */
#define FEED_PAGE 500
#define FEED_MAX_PAGES 200
/* lookups taken per claim, and results stored per transaction at most */
#define LOOKUP_BATCH 2000
#define FLUSH_EVERY 500
#define FLUSH_AFTER_MS 200
/* first retry delay and its ceiling */
#define RETRY_BASE_MS 200
#define RETRY_CAP_MS 30000
/*
 * a run that keeps finding work ends after this long, its work left to
 * the next run (which the scheduler starts at once: it is due, or woken)
 * rather than running into the job's max_runtime under sustained load
 */
#define RUN_WORK_MS 60000
/*
 * under a trickle of lookups or portal records, a claim at most this
 * often: what was queued meanwhile goes in one batch (a claim and its
 * results' transaction cost the same for three as for three hundred)
 * instead of a batch per reception; a full batch is followed by the next
 * at once
 */
#define TRICKLE_PACE_MS 300

/* One national source, as this run sees it. */
typedef struct Source
{
	char	   *name;
	char	   *kind;
	char	   *endpoint;
	char	   *path;			/* the endpoint's path, for signatures */
	char	   *auth;
	char	   *ca_bundle;
	long		connect_timeout_ms;
	long		total_timeout_ms;
	long		max_bytes;
	int			max_concurrency;
	int			max_attempts;
	char	   *bearer_token;
	char	   *hmac_secret;
	char	   *client_cert;
	char	   *client_key;
	char	   *feed_cursor;	/* where its change feed was left */
	ConnBreaker breaker;
	ConnRate	rate;
	int			in_flight;
	/* health since it was last saved (connector_health) */
	int64		opens_saved;	/* breaker.opens when loaded or last saved */
	int64		requests;
	const char *last_failure;	/* a static reason, NULL: none since */
	int64		last_success_ms;
	int64		last_failure_ms;
} Source;

/* One lookup of this batch. */
typedef struct Lookup
{
	int64		id;
	int			source;			/* index into the sources; -1: none enabled */
	char	   *key;
	int			attempts;
	int64		not_before_ms;	/* a retry waits until then */
	CURL	   *easy;			/* while in flight */
	struct curl_slist *headers;
	char	   *body;			/* malloc'd: grown in libcurl's callback */
	size_t		body_len;
	bool		too_large;
	char		errbuf[CURL_ERROR_SIZE];	/* libcurl's word on a failure */
	bool		done;
	const char *outcome;		/* "ok" or the failure's reason */
	long		http_status;
} Lookup;

/* What the run did, for its message. */
typedef struct Tally
{
	int64		succeeded;
	int64		failed;
	int64		requests;
} Tally;

static Source *sources;
static int	nsources;

/*
 * sources_stale goes true when motcua.national_source or a source's secret
 * changes after this run read them (cacheinval.c): the run leaves the rest
 * of its work to the next run, which reads them again, so that what is
 * claimed after a change committed goes out as the change says.
 */
static bool sources_stale = true;

#define SOURCES_CHANGED "; the sources changed: the rest is left to a run that reads them again"

/*
 * NowMs is the monotonic-enough clock of the policy, in milliseconds.
 */
static int64
NowMs(void)
{
	return (int64) (GetCurrentTimestamp() / 1000);
}

/*
 * PauseMs waits ms milliseconds, outside any transaction, at the workers'
 * one wait point; a wake-up meant for something else does not cut the
 * wait short, a SIGTERM does.
 */
static void
PauseMs(int64 ms)
{
	int64		until = NowMs() + ms;
	int64		left;

	while ((left = until - NowMs()) > 0)
		motcua_worker_wait((long) left);
}

/*
 * PaceClaims follows a batch of n claimed at batch_start: under a
 * trickle (less than a full batch) the next claim waits until
 * TRICKLE_PACE_MS after this one; after a full batch it comes at once.
 */
static void
PaceClaims(int n, int64 batch_start)
{
	if (n < LOOKUP_BATCH)
		PauseMs(TRICKLE_PACE_MS - (NowMs() - batch_start));
}

/*
 * BeginClaim starts a claim's transaction; when the sources changed since
 * the run read them (the transaction's start took in the changes committed
 * before it) it ends it again and returns false: the run claims no more.
 */
static bool
BeginClaim(const char *what, MemoryContext cxt)
{
	motcua_worker_begin(what);
	if (!sources_stale)
		return true;
	motcua_worker_end(cxt);
	return false;
}

/*
 * Random01 gives the backoff's jitter.
 */
static double
Random01(void)
{
	uint32		r;

	if (RAND_bytes((unsigned char *) &r, sizeof(r)) != 1)
		r = (uint32) random();
	return (double) r / 4294967296.0;
}

/*
 * Text returns a column of the current SPI row as a string in the
 * caller's context (NULL for NULL).
 */
static char *
Text(HeapTuple tup, TupleDesc desc, int col, MemoryContext cxt)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return isnull ? NULL : MemoryContextStrdup(cxt, TextDatumGetCString(d));
}

/*
 * Int returns an integer column (0 for NULL).
 */
static int64
Int(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	if (isnull)
		return 0;
	return SPI_gettypeid(desc, col) == INT8OID ? DatumGetInt64(d) : DatumGetInt32(d);
}

/*
 * LoadSources reads the enabled sources, secrets included, into the run's
 * memory.
 */
static void
LoadSources(MemoryContext cxt)
{
	int			i;
	int64		now = NowMs();

	motcua_worker_begin("motcua national_lookup: reading the sources");
	motcua_cache_watch(&sources_stale);
	motcua_cache_arm();
	/* (a change committed while this reads makes them stale again) */
	sources_stale = false;
	if (SPI_execute("SELECT * FROM motcua_internal.connector_sources()", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "connector_sources failed");
	nsources = (int) SPI_processed;
	sources = MemoryContextAllocZero(cxt, sizeof(Source) * (nsources + 1));
	for (i = 0; i < nsources; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		Source	   *s = &sources[i];
		const char *p;
		bool		isnull;

		s->name = Text(tup, desc, 1, cxt);
		s->kind = Text(tup, desc, 2, cxt);
		s->endpoint = Text(tup, desc, 3, cxt);
		s->auth = Text(tup, desc, 4, cxt);
		s->ca_bundle = Text(tup, desc, 5, cxt);
		s->connect_timeout_ms = Int(tup, desc, 6);
		s->total_timeout_ms = Int(tup, desc, 7);
		s->max_bytes = Int(tup, desc, 8);
		s->max_concurrency = (int) Int(tup, desc, 10);
		s->max_attempts = (int) Int(tup, desc, 11);
		conn_breaker_init(&s->breaker, (int) Int(tup, desc, 12), Int(tup, desc, 13));
		/* the breaker as the last run left it (a probe it had out is
		 * sent again: the breaker counts as open) */
		if (strcmp(TextDatumGetCString(SPI_getbinval(tup, desc, 18, &isnull)), "closed") != 0)
		{
			s->breaker.state = CONN_BREAKER_OPEN;
			s->breaker.opened_at_ms = Int(tup, desc, 20);
		}
		s->breaker.failures = (int) Int(tup, desc, 19);
		s->breaker.opens = Int(tup, desc, 21);
		s->opens_saved = s->breaker.opens;
		s->feed_cursor = Text(tup, desc, 22, cxt);
		conn_rate_init(&s->rate, DatumGetFloat4(SPI_getbinval(tup, desc, 9, &isnull)),
					   Max(1.0, DatumGetFloat4(SPI_getbinval(tup, desc, 9, &isnull))), now);
		s->bearer_token = Text(tup, desc, 14, cxt);
		s->hmac_secret = Text(tup, desc, 15, cxt);
		s->client_cert = Text(tup, desc, 16, cxt);
		s->client_key = Text(tup, desc, 17, cxt);
		/* (the SQL side checks them too: configure_source) */
		p = conn_check_settings((int) s->connect_timeout_ms, (int) s->total_timeout_ms, s->max_bytes,
								DatumGetFloat4(SPI_getbinval(tup, desc, 9, &isnull)), s->max_concurrency,
								s->breaker.threshold, s->breaker.open_ms);
		if (p != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("national source \"%s\" is misconfigured: %s", s->name, p)));
		/* the path part of the endpoint: what a signature covers */
		p = strstr(s->endpoint, "://");
		p = p ? strchr(p + 3, '/') : NULL;
		s->path = MemoryContextStrdup(cxt, p ? p : "");
	}
	motcua_worker_end(cxt);
}

/*
 * Claim takes the next batch of lookups for this run, in the batch's
 * memory context; it returns how many, or -1 without claiming when the
 * sources changed since the run read them.
 */
static int
Claim(int64 run_id, Lookup **out, MemoryContext cxt)
{
	Oid			argtypes[3] = {INT8OID, INT4OID, TEXTARRAYOID};
	Datum		values[3];
	Datum	   *names = palloc(sizeof(Datum) * (nsources + 1));
	Lookup	   *lookups;
	int			n,
				i,
				j;

	for (i = 0; i < nsources; i++)
		names[i] = CStringGetTextDatum(sources[i].name);
	values[0] = Int64GetDatum(run_id);
	values[1] = Int32GetDatum(LOOKUP_BATCH);
	values[2] = PointerGetDatum(construct_array(names, nsources, TEXTOID, -1, false, TYPALIGN_INT));
	if (!BeginClaim("motcua national_lookup: taking queued lookups", cxt))
	{
		*out = NULL;
		return -1;
	}
	if (SPI_execute_with_args("SELECT id, source, key FROM motcua_internal.connector_claim($1, $2, $3) ORDER BY id",
							  3, argtypes, values, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "connector_claim failed");
	n = (int) SPI_processed;
	lookups = MemoryContextAllocZero(cxt, sizeof(Lookup) * (n + 1));
	for (i = 0; i < n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *src = Text(tup, desc, 2, cxt);

		lookups[i].id = Int(tup, desc, 1);
		lookups[i].key = Text(tup, desc, 3, cxt);
		lookups[i].source = -1;
		for (j = 0; j < nsources; j++)
			if (strcmp(sources[j].name, src) == 0)
				lookups[i].source = j;
	}
	motcua_worker_end(cxt);
	*out = lookups;
	return n;
}

/*
 * SaveHealth keeps the breaker and last answers of every source this run
 * asked since its last save (connector_health), inside the caller's
 * transaction.
 */
static void
SaveHealth(void)
{
	Oid			argtypes[9] = {TEXTARRAYOID, TEXTARRAYOID, INT4ARRAYOID, INT8ARRAYOID, INT8ARRAYOID,
	INT8ARRAYOID, TEXTARRAYOID, INT8ARRAYOID, INT8ARRAYOID};
	Datum		values[9];
	char		nulls[9] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
	Datum	   *cols[9];
	bool	   *isnull[9];
	int			dims[1] = {0};
	int			lbs[1] = {1};
	Oid			types[9] = {TEXTOID, TEXTOID, INT4OID, INT8OID, INT8OID, INT8OID, TEXTOID, INT8OID, INT8OID};
	int			i,
				c,
				n = 0;

	for (c = 0; c < 9; c++)
	{
		cols[c] = palloc0(sizeof(Datum) * (nsources + 1));
		isnull[c] = palloc0(sizeof(bool) * (nsources + 1));
	}
	for (i = 0; i < nsources; i++)
	{
		Source	   *s = &sources[i];

		/*
		 * Only the sources this run asked since the last save: other runs
		 * (lookups, feeds, the portal, the catalogue) keep their own
		 * sources' breakers, and openings add up rather than overwrite.
		 */
		if (s->requests == 0)
			continue;
		cols[0][n] = CStringGetTextDatum(s->name);
		cols[1][n] = CStringGetTextDatum(conn_breaker_state_name(s->breaker.state));
		cols[2][n] = Int32GetDatum(s->breaker.failures);
		cols[3][n] = Int64GetDatum(s->breaker.opened_at_ms);
		isnull[3][n] = s->breaker.state == CONN_BREAKER_CLOSED;
		cols[4][n] = Int64GetDatum(s->breaker.opens - s->opens_saved);
		cols[5][n] = Int64GetDatum(s->requests);
		isnull[6][n] = s->last_failure == NULL;
		cols[6][n] = isnull[6][n] ? (Datum) 0 : CStringGetTextDatum(s->last_failure);
		cols[7][n] = Int64GetDatum(s->last_success_ms);
		isnull[7][n] = s->last_success_ms == 0;
		cols[8][n] = Int64GetDatum(s->last_failure_ms);
		isnull[8][n] = s->last_failure_ms == 0;
		n++;
		s->opens_saved = s->breaker.opens;
		s->requests = 0;
		s->last_failure = NULL;
		s->last_success_ms = s->last_failure_ms = 0;
	}
	if (n == 0)
		return;
	dims[0] = n;
	for (c = 0; c < 9; c++)
	{
		int16		typlen;
		bool		typbyval;
		char		typalign;

		get_typlenbyvalalign(types[c], &typlen, &typbyval, &typalign);
		values[c] = PointerGetDatum(construct_md_array(cols[c], isnull[c], 1, dims, lbs, types[c],
													   typlen, typbyval, typalign));
	}
	if (SPI_execute_with_args("SELECT motcua_internal.connector_health($1, $2, $3, $4, $5, $6, $7, $8, $9)",
							  9, argtypes, values, nulls, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "connector_health failed");
}

/*
 * KeepHealth saves the sources' health at the end of a run.
 */
static void
KeepHealth(MemoryContext cxt)
{
	motcua_worker_begin("motcua connector: keeping the sources' health");
	SaveHealth();
	motcua_worker_end(cxt);
}

/*
 * LeaveToNextRun says, at the commit of a short transaction, that work of
 * this kind is waiting: the scheduler starts the next run as soon as this
 * one ends, as it would for work queued by a backend.
 */
static void
LeaveToNextRun(uint32 what, MemoryContext cxt)
{
	motcua_worker_begin("motcua connector: leaving the rest to the next run");
	motcua_note_queued(what);
	motcua_worker_end(cxt);
}

/*
 * StartSources readies libcurl and reads the enabled sources.
 */
static void
StartSources(MemoryContext cxt)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		elog(ERROR, "curl_global_init failed");
	LoadSources(cxt);
}

/*
 * Finish records the ended lookups not yet stored (connector_finish) and
 * frees their bodies; it returns how many it stored.
 */
static int
Finish(int64 run_id, Lookup *lookups, int n, bool *stored, Tally *tally)
{
	Oid			argtypes[6] = {INT8OID, INT8ARRAYOID, TEXTARRAYOID, INT4ARRAYOID, INT4ARRAYOID, TEXTARRAYOID};
	Datum		values[6];
	Datum	   *ids,
			   *outcomes,
			   *https,
			   *attempts,
			   *bodies;
	bool	   *body_nulls;
	int			dims[1];
	int			lbs[1] = {1};
	int			k = 0,
				i;
	MemoryContext caller = CurrentMemoryContext;

	ids = palloc(sizeof(Datum) * n);
	outcomes = palloc(sizeof(Datum) * n);
	https = palloc(sizeof(Datum) * n);
	attempts = palloc(sizeof(Datum) * n);
	bodies = palloc(sizeof(Datum) * n);
	body_nulls = palloc(sizeof(bool) * n);
	for (i = 0; i < n; i++)
	{
		Lookup	   *l = &lookups[i];

		if (!l->done || stored[i])
			continue;
		ids[k] = Int64GetDatum(l->id);
		outcomes[k] = CStringGetTextDatum(l->outcome);
		https[k] = Int32GetDatum((int32) l->http_status);
		attempts[k] = Int32GetDatum(l->attempts);
		body_nulls[k] = strcmp(l->outcome, "ok") != 0 || l->body == NULL;
		bodies[k] = body_nulls[k] ? (Datum) 0 : PointerGetDatum(cstring_to_text_with_len(l->body, (int) l->body_len));
		if (strcmp(l->outcome, "ok") == 0)
			tally->succeeded++;
		else
			tally->failed++;
		stored[i] = true;
		free(l->body);
		l->body = NULL;
		k++;
	}
	if (k == 0)
		return 0;
	dims[0] = k;
	values[0] = Int64GetDatum(run_id);
	values[1] = PointerGetDatum(construct_array(ids, k, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	values[2] = PointerGetDatum(construct_array(outcomes, k, TEXTOID, -1, false, TYPALIGN_INT));
	values[3] = PointerGetDatum(construct_array(https, k, INT4OID, 4, true, TYPALIGN_INT));
	values[4] = PointerGetDatum(construct_array(attempts, k, INT4OID, 4, true, TYPALIGN_INT));
	values[5] = PointerGetDatum(construct_md_array(bodies, body_nulls, 1, dims, lbs, TEXTOID, -1, false, TYPALIGN_INT));
	motcua_worker_begin("motcua national_lookup: recording answers");
	if (SPI_execute_with_args("SELECT motcua_internal.connector_finish($1, $2, $3, $4, $5, $6)",
							  6, argtypes, values, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "connector_finish failed");
	SaveHealth();
	motcua_worker_end(caller);
	return k;
}

/*
 * CollectBody is libcurl's write callback: it keeps the response up to
 * the source's cap and stops the transfer past it.  (No PostgreSQL
 * allocation here: an error must not jump through libcurl.)
 */
static size_t
CollectBody(char *data, size_t size, size_t nmemb, void *arg)
{
	Lookup	   *l = (Lookup *) arg;
	size_t		len = size * nmemb;
	char	   *grown;

	if (l->body_len + len > (size_t) sources[l->source].max_bytes)
	{
		l->too_large = true;
		return 0;
	}
	grown = realloc(l->body, l->body_len + len + 1);
	if (grown == NULL)
		return 0;
	l->body = grown;
	memcpy(l->body + l->body_len, data, len);
	l->body_len += len;
	l->body[l->body_len] = '\0';
	return len;
}

/*
 * HexHmac signs a request for auth hmac: HMAC-SHA256 over the method, the
 * path with its query, the timestamp and the SHA-256 of the body.
 */
static void
HexHmac(const char *secret, const char *method, const char *path, const char *timestamp, const char *body,
		char *out_hex)
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;
	char		body_hex[2 * EVP_MAX_MD_SIZE + 1];
	char	   *message;
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	unsigned int i;

	if (EVP_Digest(body, strlen(body), digest, &digest_len, EVP_sha256(), NULL) != 1)
		elog(ERROR, "SHA-256 failed");
	for (i = 0; i < digest_len; i++)
		sprintf(body_hex + 2 * i, "%02x", digest[i]);
	body_hex[2 * digest_len] = '\0';
	message = psprintf("%s\n%s\n%s\n%s", method, path, timestamp, body_hex);
	HMAC(EVP_sha256(), secret, (int) strlen(secret), (unsigned char *) message, strlen(message), mac, &maclen);
	pfree(message);
	for (i = 0; i < maclen; i++)
		sprintf(out_hex + 2 * i, "%02x", mac[i]);
	out_hex[2 * maclen] = '\0';
}

/*
 * NewEasy prepares a request to the source's endpoint followed by suffix
 * ("/records/<key>", "/changes?after=...", "/DongBoHoSoMC"): a GET, or a
 * POST of post_body (JSON) when it is not NULL; its answer collected into
 * l.  TLS verified, no redirects, the source's timeouts, size cap and
 * credentials.
 */
static CURL *
NewEasy(Lookup *l, const char *suffix, const char *post_body)
{
	Source	   *s = &sources[l->source];
	char		url[2048];
	char		header[4200];
	CURL	   *easy = curl_easy_init();

	if (easy == NULL)
		elog(ERROR, "curl_easy_init failed");
	snprintf(url, sizeof(url), "%s%s", s->endpoint, suffix);
	curl_easy_setopt(easy, CURLOPT_URL, url);
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, s->connect_timeout_ms);
	curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, s->total_timeout_ms);
	curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) s->max_bytes);
	curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
	if (s->ca_bundle)
		curl_easy_setopt(easy, CURLOPT_CAINFO, s->ca_bundle);
	if (strcmp(s->auth, "mtls") == 0)
	{
		if (s->client_cert)
			curl_easy_setopt(easy, CURLOPT_SSLCERT, s->client_cert);
		if (s->client_key)
			curl_easy_setopt(easy, CURLOPT_SSLKEY, s->client_key);
	}
	l->errbuf[0] = '\0';
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, l->errbuf);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, CollectBody);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, l);
	curl_easy_setopt(easy, CURLOPT_PRIVATE, l);
	l->headers = curl_slist_append(NULL, "Accept: application/json");
	if (post_body != NULL)
	{
		/* (libcurl does not copy POSTFIELDS: the caller keeps the body) */
		curl_easy_setopt(easy, CURLOPT_POSTFIELDS, post_body);
		l->headers = curl_slist_append(l->headers, "Content-Type: application/json");
	}
	if (strcmp(s->auth, "bearer") == 0 && s->bearer_token)
	{
		snprintf(header, sizeof(header), "Authorization: Bearer %s", s->bearer_token);
		l->headers = curl_slist_append(l->headers, header);
	}
	else if (strcmp(s->auth, "hmac") == 0 && s->hmac_secret)
	{
		char		timestamp[32];
		char		path[1200];
		char		mac[2 * EVP_MAX_MD_SIZE + 1];

		snprintf(timestamp, sizeof(timestamp), "%ld", (long) time(NULL));
		snprintf(path, sizeof(path), "%s%s", s->path, suffix);
		HexHmac(s->hmac_secret, post_body ? "POST" : "GET", path, timestamp, post_body ? post_body : "", mac);
		snprintf(header, sizeof(header), "X-Motcua-Timestamp: %s", timestamp);
		l->headers = curl_slist_append(l->headers, header);
		snprintf(header, sizeof(header), "X-Motcua-Signature: %s", mac);
		l->headers = curl_slist_append(l->headers, header);
	}
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, l->headers);
	l->too_large = false;
	free(l->body);
	l->body = NULL;
	l->body_len = 0;
	return easy;
}

/*
 * StartRequest starts one attempt of a lookup on the multi handle.
 */
static void
StartRequest(CURLM *multi, Lookup *l)
{
	char		suffix[128];

	snprintf(suffix, sizeof(suffix), "/records/%s", l->key);
	l->easy = NewEasy(l, suffix, NULL);
	l->attempts++;
	sources[l->source].in_flight++;
	if (curl_multi_add_handle(multi, l->easy) != CURLM_OK)
		elog(ERROR, "curl_multi_add_handle failed");
}

/*
 * Transport maps libcurl's result to the policy's transport outcome.  A
 * TLS 1.3 server refuses a client certificate after the handshake: the
 * client then fails to read, and libcurl's message names the TLS alert.
 */
static ConnTransport
Transport(CURLcode code, const Lookup *l)
{
	if (l->too_large || code == CURLE_FILESIZE_EXCEEDED)
		return CONN_TRANSPORT_TOO_LARGE;
	if ((code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR) && strstr(l->errbuf, " alert ") != NULL)
		return CONN_TRANSPORT_TLS;
	switch (code)
	{
		case CURLE_OK:
			return CONN_TRANSPORT_OK;
		case CURLE_COULDNT_CONNECT:
		case CURLE_COULDNT_RESOLVE_HOST:
		case CURLE_COULDNT_RESOLVE_PROXY:
			return CONN_TRANSPORT_CONNECT;
		case CURLE_OPERATION_TIMEDOUT:
			return CONN_TRANSPORT_TIMEOUT;
		case CURLE_GOT_NOTHING:
		case CURLE_RECV_ERROR:
		case CURLE_SEND_ERROR:
		case CURLE_PARTIAL_FILE:
			return CONN_TRANSPORT_RESET;
		case CURLE_PEER_FAILED_VERIFICATION:
		case CURLE_SSL_CONNECT_ERROR:
		case CURLE_SSL_CERTPROBLEM:
		case CURLE_SSL_CIPHER:
		case CURLE_SSL_CACERT_BADFILE:
		case CURLE_SSL_ISSUER_ERROR:
		case CURLE_SSL_CLIENTCERT:
			return CONN_TRANSPORT_TLS;
		default:
			return CONN_TRANSPORT_OTHER;
	}
}

/*
 * Completed handles one finished transfer: its verdict, the breaker, a
 * retry's time or the lookup's end.
 */
static void
Completed(CURLM *multi, CURLMsg *msg, Tally *tally)
{
	CURL	   *easy = msg->easy_handle;
	Lookup	   *l = NULL;
	Source	   *s;
	long		status = 0;
	int64		now = NowMs();
	struct curl_header *retry_after = NULL;
	ConnAnswer	answer;
	ConnAttempt attempt;
	ConnJudgement j;

	curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **) &l);
	s = &sources[l->source];
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
	answer.transport = Transport(msg->data.result, l);
	answer.http_status = status;
	answer.retry_after = NULL;
	if (curl_easy_header(easy, "Retry-After", 0, CURLH_HEADER, -1, &retry_after) == CURLHE_OK)
		answer.retry_after = retry_after->value;
	answer.body = l->body;
	answer.body_len = l->body_len;
	attempt.attempt = l->attempts;
	attempt.max_attempts = s->max_attempts;
	attempt.base_ms = RETRY_BASE_MS;
	attempt.cap_ms = RETRY_CAP_MS;
	attempt.random01 = Random01();
	/* (before the handle goes: the header's value lives in it) */
	j = conn_judge(&answer, &attempt, (int64) time(NULL) * 1000);
	curl_multi_remove_handle(multi, easy);
	curl_easy_cleanup(easy);
	curl_slist_free_all(l->headers);
	l->headers = NULL;
	l->easy = NULL;
	s->in_flight--;
	tally->requests++;

	conn_breaker_record(&s->breaker, j.outcome, now);
	s->requests++;
	if (j.outcome.counts_against_source)
	{
		s->last_failure = j.outcome.reason;
		s->last_failure_ms = now;
	}
	else
		s->last_success_ms = now;
	l->http_status = status;
	if (j.retry)
	{
		l->not_before_ms = now + j.delay_ms;
		return;
	}
	l->done = true;
	l->outcome = j.outcome.reason;
}

/*
 * Dispatch starts what may start now and returns the milliseconds until
 * something waiting could (a retry's time, the rate, the breaker).
 */
static int64
Dispatch(CURLM *multi, Lookup *lookups, int n)
{
	int64		now = NowMs();
	int64		wake = 1000;
	int			i;

	for (i = 0; i < n; i++)
	{
		Lookup	   *l = &lookups[i];
		Source	   *s;

		if (l->done || l->easy != NULL)
			continue;
		if (l->source < 0)
			elog(ERROR, "lookup " INT64_FORMAT " is of a source this run did not load", l->id);
		if (l->not_before_ms > now)
		{
			wake = Min(wake, l->not_before_ms - now);
			continue;
		}
		s = &sources[l->source];
		if (s->in_flight >= s->max_concurrency)
			continue;
		if (!conn_breaker_allow(&s->breaker, now))
		{
			/*
			 * The source is failing: an open breaker fails what is due at
			 * once (it does not pile up); while a half-open probe is out
			 * the rest wait for its answer, which wakes the loop.
			 */
			if (s->breaker.state == CONN_BREAKER_OPEN)
			{
				l->done = true;
				l->outcome = "circuit_open";
			}
			continue;
		}
		if (!conn_rate_take(&s->rate, now))
		{
			wake = Min(wake, Max(conn_rate_wait_ms(&s->rate, now), 1));
			continue;
		}
		StartRequest(multi, l);
	}
	return wake;
}

/*
 * RunBatch answers one batch of lookups and stores every end.
 */
static void
RunBatch(int64 run_id, CURLM *multi, Lookup *lookups, int n, Tally *tally)
{
	bool	   *stored = palloc0(sizeof(bool) * n);
	int			remaining = n;
	int			unstored = 0;
	int64		last_flush = NowMs();

	PG_TRY();
	{
		while (remaining > 0)
		{
			int64		wake;
			int			running = 0;
			int			left;
			CURLMsg    *msg;
			int			i;

			CHECK_FOR_INTERRUPTS();
			wake = Dispatch(multi, lookups, n);
			curl_multi_perform(multi, &running);
			while ((msg = curl_multi_info_read(multi, &left)) != NULL)
				if (msg->msg == CURLMSG_DONE)
					Completed(multi, msg, tally);
			remaining = unstored = 0;
			for (i = 0; i < n; i++)
			{
				if (!lookups[i].done)
					remaining++;
				else if (!stored[i])
					unstored++;
			}
			if (unstored >= FLUSH_EVERY || (unstored > 0 && (remaining == 0 || NowMs() - last_flush >= FLUSH_AFTER_MS)))
			{
				Finish(run_id, lookups, n, stored, tally);
				last_flush = NowMs();
			}
			if (remaining > 0)
				curl_multi_poll(multi, NULL, 0, (int) Min(Max(wake, 1), 100), NULL);
		}
	}
	PG_FINALLY();
	{
		int			i;

		for (i = 0; i < n; i++)
		{
			if (lookups[i].easy != NULL)
			{
				curl_multi_remove_handle(multi, lookups[i].easy);
				curl_easy_cleanup(lookups[i].easy);
				sources[lookups[i].source].in_flight--;
			}
			curl_slist_free_all(lookups[i].headers);
			free(lookups[i].body);
			lookups[i].easy = NULL;
			lookups[i].headers = NULL;
			lookups[i].body = NULL;
		}
	}
	PG_END_TRY();
}

/*
 * motcua_connector_lookups is the entry of the job kind national_lookup:
 * batch after batch until the queue is empty; it returns the run's
 * message.
 */
char *
motcua_connector_lookups(int64 run_id, const char *config)
{
	MemoryContext run_cxt = CurrentMemoryContext;
	MemoryContext batch_cxt = AllocSetContextCreate(run_cxt, "motcua lookup batch", ALLOCSET_DEFAULT_SIZES);
	CURLM	   *multi;
	Tally		tally = {0, 0, 0};
	int			batches = 0;
	int64		started = NowMs();
	bool		more = false;
	bool		changed = false;

	StartSources(run_cxt);
	multi = curl_multi_init();
	if (multi == NULL)
		elog(ERROR, "curl_multi_init failed");
	PG_TRY();
	{
		for (;;)
		{
			Lookup	   *lookups;
			int			n;
			int64		batch_start;

			if (NowMs() - started >= RUN_WORK_MS)
			{
				more = true;
				break;
			}
			MemoryContextSwitchTo(batch_cxt);
			n = Claim(run_id, &lookups, batch_cxt);
			if (n < 0)
			{
				more = changed = true;
				break;
			}
			if (n == 0)
				break;
			batches++;
			batch_start = NowMs();
			RunBatch(run_id, multi, lookups, n, &tally);
			MemoryContextSwitchTo(run_cxt);
			MemoryContextReset(batch_cxt);
			/* (what a batch freed goes back to the system once it adds up:
			 * a long run of lookups keeps a flat footprint, not its
			 * high-water mark) */
			motcua_release_free_memory();
			PaceClaims(n, batch_start);
		}
	}
	PG_FINALLY();
	{
		curl_multi_cleanup(multi);
	}
	PG_END_TRY();
	MemoryContextSwitchTo(run_cxt);
	KeepHealth(run_cxt);
	if (more)
		LeaveToNextRun(MOTCUA_QUEUED_LOOKUP, run_cxt);
	MemoryContextDelete(batch_cxt);
	return psprintf(INT64_FORMAT " lookups: " INT64_FORMAT " succeeded, " INT64_FORMAT " failed; "
					INT64_FORMAT " requests in %d batches%s",
					tally.succeeded + tally.failed, tally.succeeded, tally.failed, tally.requests, batches,
					changed ? SOURCES_CHANGED : more ? "; more queued, left to the next run" : "");
}

/*
 * StopOnInterrupt is libcurl's progress callback for a blocking transfer:
 * a SIGTERM (die sets InterruptPending) cuts it short.
 */
static int
StopOnInterrupt(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	return InterruptPending ? 1 : 0;
}

/*
 * FetchPage asks source i for endpoint + suffix with one blocking GET (a
 * SIGTERM cuts it short) and returns the JSON answer in PostgreSQL's
 * memory, or NULL when the source did not answer well (its health keeps
 * why).
 */
static char *
FetchPage(int i, const char *suffix, const char *activity)
{
	Source	   *s = &sources[i];
	Lookup		sink;
	CURL	   *easy;
	CURLcode	rc;
	long		status = 0;
	ConnOutcome outcome;
	ConnAnswer	answer;
	ConnAttempt once = {1, 1, RETRY_BASE_MS, RETRY_CAP_MS, 0.0};	/* no retry here */
	char	   *body;

	memset(&sink, 0, sizeof(sink));
	sink.source = i;
	easy = NewEasy(&sink, suffix, NULL);
	curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, StopOnInterrupt);
	pgstat_report_activity(STATE_RUNNING, activity);
	rc = curl_easy_perform(easy);
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(easy);
	curl_slist_free_all(sink.headers);
	CHECK_FOR_INTERRUPTS();
	answer.transport = Transport(rc, &sink);
	answer.http_status = status;
	answer.retry_after = NULL;
	answer.body = sink.body;
	answer.body_len = sink.body_len;
	outcome = conn_judge(&answer, &once, 0).outcome;
	s->requests++;
	if (outcome.verdict != CONN_SUCCEEDED)
	{
		s->last_failure = outcome.reason;
		s->last_failure_ms = NowMs();
		free(sink.body);
		return NULL;
	}
	s->last_success_ms = NowMs();
	/* (into PostgreSQL's memory: an error frees it) */
	body = pnstrdup(sink.body, sink.body_len);
	free(sink.body);
	return body;
}

/*
 * ApplyPage hands one answer of a source to its SQL side (apply_sql takes
 * the source and the body, and returns a count first and the source's
 * next cursor last) in one transaction: a page is applied once, even
 * across a crash.  It returns the count; the row's other columns go to
 * extra (of nextra) when given.
 */
static int64
ApplyPage(Source *s, const char *apply_sql, const char *body, int64 *extra, int nextra, MemoryContext cxt)
{
	Oid			argtypes[2] = {TEXTOID, TEXTOID};
	Datum		values[2] = {CStringGetTextDatum(s->name), CStringGetTextDatum(body)};
	int64		n;
	int			c;

	motcua_worker_begin("motcua connector: applying an answer");
	if (SPI_execute_with_args(apply_sql, 2, argtypes, values, NULL, false, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "applying the answer of \"%s\" failed", s->name);
	n = Int(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	for (c = 0; c < nextra; c++)
		extra[c] = Int(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, c + 2);
	s->feed_cursor = Text(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, SPI_tuptable->tupdesc->natts, cxt);
	motcua_worker_end(cxt);
	return n;
}

/*
 * motcua_connector_feeds is the entry of the job kind national_feed: for
 * each source, the pages of its change feed from where it was left (a
 * person moved, a business dissolved, a certificate revoked), each
 * applied to the cached records and the warehouse documents they back.
 */
char *
motcua_connector_feeds(int64 run_id, const char *config)
{
	MemoryContext cxt = CurrentMemoryContext;
	int64		applied = 0;
	int			pages = 0;
	int			failed = 0;
	int			feeds = 0;
	int			i;

	StartSources(cxt);
	for (i = 0; i < nsources; i++)
	{
		Source	   *s = &sources[i];
		int			page;

		if (strcmp(s->kind, "portal") == 0 || strcmp(s->kind, "procedure_catalogue") == 0)
			continue;
		feeds++;
		for (page = 0; page < FEED_MAX_PAGES; page++)
		{
			char		suffix[256];
			char	   *body;
			int64		n;

			CHECK_FOR_INTERRUPTS();
			snprintf(suffix, sizeof(suffix), "/changes?after=%s&limit=%d", s->feed_cursor, FEED_PAGE);
			body = FetchPage(i, suffix, "motcua national_feed: asking for changes");
			if (body == NULL)
			{
				failed++;
				break;
			}
			n = ApplyPage(s, "SELECT changes, next_cursor FROM motcua_internal.connector_apply_changes($1, $2)",
						  body, NULL, 0, cxt);
			pfree(body);
			pages++;
			applied += n;
			if (n == 0)
				break;
		}
	}
	KeepHealth(cxt);
	return psprintf(INT64_FORMAT " changes applied from %d pages of %d sources; %d sources did not answer",
					applied, pages, feeds, failed);
}

/*
 * motcua_connector_catalogue is the entry of the job kind catalogue_sync:
 * it asks each procedure-catalogue source for the procedures changed
 * since its cursor (all of them the first time) and applies them as new
 * versions (catalogue_apply); then it puts on every procedure the
 * version in force now (one that came into force since the last run).
 */
char *
motcua_connector_catalogue(int64 run_id, const char *config)
{
	MemoryContext cxt = CurrentMemoryContext;
	int64		seen = 0,
				applied = 0,
				unknown = 0,
				rejected = 0,
				rolled;
	int			catalogues = 0;
	int			failed = 0;
	int			i;

	StartSources(cxt);
	for (i = 0; i < nsources; i++)
	{
		Source	   *s = &sources[i];
		char		suffix[256];
		char	   *body;
		int64		extra[3];

		if (strcmp(s->kind, "procedure_catalogue") != 0)
			continue;
		catalogues++;
		CHECK_FOR_INTERRUPTS();
		if (strcmp(s->feed_cursor, "0") == 0)
			snprintf(suffix, sizeof(suffix), "/procedures");
		else
			snprintf(suffix, sizeof(suffix), "/procedures?since=%s", s->feed_cursor);
		body = FetchPage(i, suffix, "motcua catalogue_sync: asking for the catalogue");
		if (body == NULL)
		{
			failed++;
			continue;
		}
		seen += ApplyPage(s, "SELECT seen, applied, unknown, rejected, next_cursor "
						  "FROM motcua_internal.catalogue_apply($1, $2)", body, extra, 3, cxt);
		applied += extra[0];
		unknown += extra[1];
		rejected += extra[2];
		pfree(body);
	}
	motcua_worker_begin("motcua catalogue_sync: putting the versions in force");
	if (SPI_execute("SELECT motcua_internal.catalogue_roll()", false, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "catalogue_roll failed");
	rolled = Int(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	SaveHealth();
	motcua_worker_end(cxt);
	return psprintf(INT64_FORMAT " procedures read from %d catalogues (%d did not answer): " INT64_FORMAT
					" versions applied, " INT64_FORMAT " not run here, " INT64_FORMAT " rejected; "
					INT64_FORMAT " procedures changed version",
					seen, catalogues, failed, applied, unknown, rejected, rolled);
}

/*
 * PortalVerdict judges the portal's answer to one delivery: "delivered"
 * (accepted, or a repeat the portal already had: it keys events by
 * dossier code and sequence, and seq is the last event the row covers),
 * "retry" with the delay to wait, or "failed" (a refusal).
 */
static const char *
PortalVerdict(Lookup *l, CURLcode rc, long status, int seq, int attempts, int max_attempts, int64 *delay_ms,
			  const char **error)
{
	ConnAnswer	answer;
	ConnAttempt attempt;
	ConnPortalJudgement j;

	answer.transport = Transport(rc, l);
	answer.http_status = status;
	answer.retry_after = NULL;
	answer.body = l->body;
	answer.body_len = l->body_len;
	attempt.attempt = attempts;
	attempt.max_attempts = max_attempts;
	attempt.base_ms = RETRY_BASE_MS;
	attempt.cap_ms = RETRY_CAP_MS;
	attempt.random01 = Random01();
	j = conn_judge_portal(&answer, seq, &attempt);
	conn_breaker_record(&sources[l->source].breaker, j.outcome, NowMs());
	*error = j.error;
	*delay_ms = j.delay_ms;
	switch (j.delivery)
	{
		case CONN_DELIVERED:
			return "delivered";
		case CONN_DELIVERY_RETRY:
			return "retry";
		case CONN_DELIVERY_FAILED:
			break;
	}
	return "failed";
}

/*
 * motcua_connector_portal is the entry of the job kind portal_sync: it
 * delivers the portal outbox, the next row of each dossier at a time
 * (the events one transaction added to it), with the source's
 * concurrency, and records each delivery's end.
 */
char *
motcua_connector_portal(int64 run_id, const char *config)
{
	MemoryContext cxt = CurrentMemoryContext;
	MemoryContext batch_cxt;
	int			portal = -1;
	int64		started = NowMs();
	bool		more = false;
	bool		changed = false;
	int64		delivered = 0,
				failed = 0,
				retried = 0;
	int			i;
	CURLM	   *multi;

	StartSources(cxt);
	for (i = 0; i < nsources; i++)
		if (strcmp(sources[i].kind, "portal") == 0)
			portal = i;
	if (portal < 0)
		return pstrdup("no portal source is enabled: nothing delivered");
	/*
	 * Each batch lives in its own context, reset before the next one: the
	 * claim's rows must outlive its transaction (SPI's memory goes with
	 * it), and a long drain must not keep every batch it delivered.  (An
	 * error ends the worker too, libcurl's handles with it.)
	 */
	batch_cxt = AllocSetContextCreate(cxt, "motcua portal batch", ALLOCSET_DEFAULT_SIZES);
	multi = curl_multi_init();
	for (;;)
	{
		Oid			argtypes[1] = {INT4OID};
		Datum		values[1] = {Int32GetDatum(LOOKUP_BATCH)};
		Oid			done_types[4] = {INT8ARRAYOID, TEXTARRAYOID, TEXTARRAYOID, INT8ARRAYOID};
		Datum		done_values[4];
		Lookup	   *items;
		char	  **payloads;
		int64	   *ids;
		int		   *tries;
		int		   *seqs;
		Datum	   *d_ids,
				   *d_outcomes,
				   *d_errors,
				   *d_delays;
		int			n,
					next = 0,
					finished = 0;
		int64		soonest_retry = -1;
		int64		batch_start = NowMs();

		if (NowMs() - started >= RUN_WORK_MS)
		{
			more = true;
			break;
		}
		MemoryContextSwitchTo(cxt);
		MemoryContextReset(batch_cxt);
		if (!BeginClaim("motcua portal_sync: taking records to deliver", cxt))
		{
			more = changed = true;
			break;
		}
		if (SPI_execute_with_args("SELECT id, method, payload, attempts, last_seq FROM motcua_internal.connector_portal_claim($1)",
								  1, argtypes, values, NULL, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "connector_portal_claim failed");
		n = (int) SPI_processed;
		items = MemoryContextAllocZero(batch_cxt, sizeof(Lookup) * (n + 1));
		payloads = MemoryContextAlloc(batch_cxt, sizeof(char *) * (n + 1));
		ids = MemoryContextAlloc(batch_cxt, sizeof(int64) * (n + 1));
		tries = MemoryContextAlloc(batch_cxt, sizeof(int) * (n + 1));
		seqs = MemoryContextAlloc(batch_cxt, sizeof(int) * (n + 1));
		for (i = 0; i < n; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;

			ids[i] = Int(tup, desc, 1);
			items[i].key = Text(tup, desc, 2, batch_cxt);		/* the method */
			payloads[i] = Text(tup, desc, 3, batch_cxt);
			tries[i] = (int) Int(tup, desc, 4) + 1;
			seqs[i] = (int) Int(tup, desc, 5);
			items[i].source = portal;
		}
		motcua_worker_end(batch_cxt);
		if (n == 0)
			break;
		d_ids = palloc(sizeof(Datum) * n);
		d_outcomes = palloc(sizeof(Datum) * n);
		d_errors = palloc(sizeof(Datum) * n);
		d_delays = palloc(sizeof(Datum) * n);
		while (finished < n)
		{
			CURLMsg    *msg;
			int			left,
						running;

			CHECK_FOR_INTERRUPTS();
			while (next < n && sources[portal].in_flight < sources[portal].max_concurrency)
			{
				char		suffix[64];

				snprintf(suffix, sizeof(suffix), "/%s", items[next].key);
				items[next].easy = NewEasy(&items[next], suffix, payloads[next]);
				sources[portal].in_flight++;
				curl_multi_add_handle(multi, items[next].easy);
				next++;
			}
			curl_multi_perform(multi, &running);
			while ((msg = curl_multi_info_read(multi, &left)) != NULL)
			{
				Lookup	   *l = NULL;
				long		status = 0;
				int64		delay;
				const char *error;
				const char *verdict;
				int			k;

				if (msg->msg != CURLMSG_DONE)
					continue;
				curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **) &l);
				curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
				k = (int) (l - items);
				verdict = PortalVerdict(l, msg->data.result, status, seqs[k], tries[k], sources[portal].max_attempts,
										&delay, &error);
				curl_multi_remove_handle(multi, l->easy);
				curl_easy_cleanup(l->easy);
				curl_slist_free_all(l->headers);
				free(l->body);
				l->easy = NULL;
				l->headers = NULL;
				l->body = NULL;
				sources[portal].in_flight--;
				sources[portal].requests++;
				d_ids[finished] = Int64GetDatum(ids[k]);
				d_outcomes[finished] = CStringGetTextDatum(verdict);
				d_errors[finished] = CStringGetTextDatum(strcmp(verdict, "delivered") == 0 ? "" : error);
				d_delays[finished] = Int64GetDatum(delay);
				finished++;
				if (strcmp(verdict, "delivered") == 0)
				{
					delivered++;
					sources[portal].last_success_ms = NowMs();
				}
				else
				{
					sources[portal].last_failure = error;
					sources[portal].last_failure_ms = NowMs();
					if (strcmp(verdict, "retry") != 0)
						failed++;
					else
					{
						retried++;
						if (soonest_retry < 0 || delay < soonest_retry)
							soonest_retry = delay;
					}
				}
			}
			if (finished < n)
				curl_multi_poll(multi, NULL, 0, 100, NULL);
		}
		done_values[0] = PointerGetDatum(construct_array(d_ids, n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		done_values[1] = PointerGetDatum(construct_array(d_outcomes, n, TEXTOID, -1, false, TYPALIGN_INT));
		done_values[2] = PointerGetDatum(construct_array(d_errors, n, TEXTOID, -1, false, TYPALIGN_INT));
		done_values[3] = PointerGetDatum(construct_array(d_delays, n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		motcua_worker_begin("motcua portal_sync: recording deliveries");
		if (SPI_execute_with_args("SELECT motcua_internal.connector_portal_done($1, $2, $3, $4)",
								  4, done_types, done_values, NULL, false, 1) != SPI_OK_SELECT)
			elog(ERROR, "connector_portal_done failed");
		SaveHealth();
		motcua_worker_end(cxt);
		/*
		 * a retry is due soon: wait for it here (the claim skips it until
		 * then, and a claim that finds nothing ends the run); a wake-up
		 * meant for something else does not cut the wait short
		 */
		if (soonest_retry >= 0)
			PauseMs(Min(soonest_retry + 1, RETRY_CAP_MS));
		else
			PaceClaims(n, batch_start);
	}
	curl_multi_cleanup(multi);
	MemoryContextSwitchTo(cxt);
	if (more)
		LeaveToNextRun(MOTCUA_QUEUED_PORTAL, cxt);
	MemoryContextDelete(batch_cxt);
	return psprintf(INT64_FORMAT " records delivered, " INT64_FORMAT " refused, " INT64_FORMAT " retries%s",
					delivered, failed, retried,
					changed ? SOURCES_CHANGED : more ? "; more to deliver, left to the next run" : "");
}

/*-------------------------------------------------------------------------
 *
 * reuse.c
 *	  The reuse-eligibility evaluation behind motcua.reuse_check: for each
 *	  required component of a procedure, whether the state already holds it
 *	  for a subject (docs/domain.md §1 "Reuse").
 *
 * A check reads two things that change all the time, the subject's
 * warehouse documents and cached national records (two index scans through
 * saved SPI plans), and two that hardly ever change, the procedure's
 * components and the national sources' settings, which are cached per
 * backend and dropped by motcua's cache signal (cacheinval.c).  The
 * statuses are then decided here, in order of precedence:
 *
 *   not_reusable      the component type must be provided fresh
 *   revoked           the national database revoked the record
 *   reusable          a valid, unrevoked, reusable warehouse document
 *   from_national_db  a cached record within the source's freshness window
 *   needs_refresh     a connected source can supply it; a lookup is queued
 *   revoked, expired  the warehouse copy was revoked or has expired
 *   missing           nothing held: the person provides it
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "cacheinval.h"
#include "ids.h"
#include "workers/workers.h"

/* Statuses, in the order of the table above. */
typedef enum ReuseStatus
{
	RS_NOT_REUSABLE,
	RS_REVOKED,
	RS_REUSABLE,
	RS_FROM_NATIONAL_DB,
	RS_NEEDS_REFRESH,
	RS_EXPIRED,
	RS_MISSING
} ReuseStatus;

static const char *const status_names[] = {
	"not_reusable", "revoked", "reusable", "from_national_db",
	"needs_refresh", "expired", "missing"
};

/* A required component of a procedure, as cached. */
typedef struct Component
{
	int16		ordinal;
	bool		reusable;
	char	   *document_type;
	char	   *source;			/* national database that can supply it */
} Component;

/* A procedure's cached components. */
typedef struct ProcedureEntry
{
	Fixed16		code;			/* hash key */
	bool		exists;
	int			ncomponents;
	Component  *components;
} ProcedureEntry;

/* A national source's cached settings. */
typedef struct SourceSettings
{
	char	   *database;
	bool		enabled;
	Interval	freshness;
} SourceSettings;

/* A warehouse document of the subject, as read for one check. */
typedef struct DocRow
{
	char	   *document_type;
	int64		id;
	TimestampTz issued_at;
	bool		has_valid_until;
	TimestampTz valid_until;
	bool		revoked;
	char	   *revoked_reason;
	bool		expired;
	bool		ok;
	bool		bad_signature;
} DocRow;

/* A cached national record of the subject, as read for one check. */
typedef struct RecRow
{
	char	   *document_type;
	char	   *source;
	int64		id;
	TimestampTz fetched_at;
	bool		revoked;
	char	   *revoked_reason;
} RecRow;

static MemoryContext reuse_context = NULL;
static HTAB *procedure_cache = NULL;
static SourceSettings *sources = NULL;
static int	nsources = 0;
static bool reuse_cache_stale = false;
static SPIPlanPtr docs_plan = NULL;
static SPIPlanPtr recs_plan = NULL;
static SPIPlanPtr enqueue_plan = NULL;

/* Default freshness of a source without settings: 30 days. */
static const Interval default_freshness = {0, 30, 0};

/*
 * prepare_saved plans a query once per backend and keeps the plan.
 */
static SPIPlanPtr
prepare_saved(const char *sql, int nargs, Oid *types)
{
	SPIPlanPtr	plan = SPI_prepare(sql, nargs, types);

	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql, SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	return plan;
}

/*
 * reset_reuse_cache empties the caches when they are stale or new, and
 * reads the national sources' settings.  Runs inside SPI.
 */
static void
reset_reuse_cache(void)
{
	HASHCTL		ctl;
	int			i;
	bool		isnull;

	motcua_cache_watch(&reuse_cache_stale);
	if (procedure_cache != NULL && !reuse_cache_stale)
		return;
	if (reuse_context != NULL)
		MemoryContextDelete(reuse_context);
	procedure_cache = NULL;
	reuse_context = AllocSetContextCreate(CacheMemoryContext, "motcua reuse cache",
										  ALLOCSET_SMALL_SIZES);
	motcua_cache_arm();
	reuse_cache_stale = false;

	if (SPI_execute("SELECT database, enabled, freshness FROM motcua.national_source", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading motcua.national_source failed");
	nsources = (int) SPI_processed;
	sources = MemoryContextAllocZero(reuse_context, sizeof(SourceSettings) * Max(nsources, 1));
	for (i = 0; i < nsources; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;

		sources[i].database = MemoryContextStrdup(reuse_context, SPI_getvalue(tup, desc, 1));
		sources[i].enabled = DatumGetBool(SPI_getbinval(tup, desc, 2, &isnull));
		sources[i].freshness = *DatumGetIntervalP(SPI_getbinval(tup, desc, 3, &isnull));
	}

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(Fixed16);
	ctl.entrysize = sizeof(ProcedureEntry);
	ctl.hcxt = reuse_context;
	procedure_cache = hash_create("motcua procedure components", 64, &ctl,
								  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
}

/*
 * find_source returns the settings of a national source, or NULL.
 */
static SourceSettings *
find_source(const char *database)
{
	int			i;

	if (database == NULL)
		return NULL;
	for (i = 0; i < nsources; i++)
		if (strcmp(sources[i].database, database) == 0)
			return &sources[i];
	return NULL;
}

/*
 * get_procedure returns the cached components of a procedure, reading
 * them on first use; code_type is the OID of motcua.procedure_code.  Runs
 * inside SPI.
 */
static ProcedureEntry *
get_procedure(Datum code, Oid code_type)
{
	ProcedureEntry *pe;
	bool		found;
	Oid			argtypes[1];
	Datum		args[1];
	int			i;

	pe = hash_search(procedure_cache, DatumGetPointer(code), HASH_ENTER, &found);
	if (found)
		return pe;
	pe->exists = false;
	pe->ncomponents = 0;
	pe->components = NULL;

	argtypes[0] = code_type;
	args[0] = code;
	PG_TRY();
	{
		if (SPI_execute_with_args("SELECT pc.ordinal, pc.reusable, pc.document_type,"
								  "       coalesce(pc.national_database, dt.national_database),"
								  "       EXISTS (SELECT 1 FROM motcua.procedure p WHERE p.code OPERATOR(motcua.=) $1)"
								  " FROM (SELECT 1) one"
								  " LEFT JOIN motcua.procedure_component pc ON pc.procedure OPERATOR(motcua.=) $1"
								  " LEFT JOIN motcua.document_type dt ON dt.code = pc.document_type"
								  " ORDER BY pc.ordinal",
								  1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "reading motcua.procedure_component failed");
		pe->components = MemoryContextAllocZero(reuse_context, sizeof(Component) * Max(SPI_processed, 1));
		for (i = 0; i < (int) SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			bool		no_component;
			Datum		ord = SPI_getbinval(tup, desc, 1, &no_component);
			char	   *source;

			/* one row even without components, to tell whether it exists */
			pe->exists = DatumGetBool(SPI_getbinval(tup, desc, 5, &isnull));
			if (no_component)
				continue;
			pe->components[pe->ncomponents].ordinal = DatumGetInt16(ord);
			pe->components[pe->ncomponents].reusable = DatumGetBool(SPI_getbinval(tup, desc, 2, &isnull));
			pe->components[pe->ncomponents].document_type =
				MemoryContextStrdup(reuse_context, SPI_getvalue(tup, desc, 3));
			source = SPI_getvalue(tup, desc, 4);
			pe->components[pe->ncomponents].source =
				source ? MemoryContextStrdup(reuse_context, source) : NULL;
			pe->ncomponents++;
		}
	}
	PG_CATCH();
	{
		hash_search(procedure_cache, DatumGetPointer(code), HASH_REMOVE, NULL);
		PG_RE_THROW();
	}
	PG_END_TRY();
	return pe;
}

/*
 * timestamp_plus adds an interval to a timestamptz (calendar-aware, as SQL
 * does).
 */
static TimestampTz
timestamp_plus(TimestampTz t, const Interval *iv)
{
	return DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval,
												   TimestampTzGetDatum(t),
												   IntervalPGetDatum((Interval *) iv)));
}

/*
 * read_documents fetches the subject's warehouse documents issued by as_of
 * and judges each as of that instant.
 */
static DocRow *
read_documents(int64 sid, TimestampTz as_of, int *n)
{
	Datum		args[2];
	DocRow	   *rows;
	int			i;

	if (docs_plan == NULL)
	{
		Oid			types[2] = {INT8OID, TIMESTAMPTZOID};

		docs_plan = prepare_saved("SELECT document_type, id, issued_at, valid_until, reusable, revoked_at,"
								  "       revoked_reason, signature_valid"
								  " FROM motcua.document WHERE subject = $1 AND issued_at <= $2",
								  2, types);
	}
	args[0] = Int64GetDatum(sid);
	args[1] = TimestampTzGetDatum(as_of);
	if (SPI_execute_plan(docs_plan, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading motcua.document failed");
	*n = (int) SPI_processed;
	rows = palloc0(sizeof(DocRow) * Max(*n, 1));
	for (i = 0; i < *n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		DocRow	   *r = &rows[i];
		bool		isnull;
		bool		reusable;
		Datum		v;
		bool		revoked_isnull;
		TimestampTz revoked_at;

		r->document_type = SPI_getvalue(tup, desc, 1);
		r->id = DatumGetInt64(SPI_getbinval(tup, desc, 2, &isnull));
		r->issued_at = DatumGetTimestampTz(SPI_getbinval(tup, desc, 3, &isnull));
		v = SPI_getbinval(tup, desc, 4, &isnull);
		r->has_valid_until = !isnull;
		r->valid_until = isnull ? 0 : DatumGetTimestampTz(v);
		reusable = DatumGetBool(SPI_getbinval(tup, desc, 5, &isnull));
		revoked_at = DatumGetTimestampTz(SPI_getbinval(tup, desc, 6, &revoked_isnull));
		r->revoked = !revoked_isnull && revoked_at <= as_of;
		r->revoked_reason = SPI_getvalue(tup, desc, 7);
		v = SPI_getbinval(tup, desc, 8, &isnull);
		r->bad_signature = !isnull && !DatumGetBool(v);
		r->expired = r->has_valid_until && r->valid_until <= as_of;
		r->ok = reusable && !r->revoked && !r->expired && !r->bad_signature;
	}
	return rows;
}

/*
 * read_records fetches the subject's cached national records fetched by
 * as_of.
 */
static RecRow *
read_records(int64 sid, TimestampTz as_of, int *n)
{
	Datum		args[2];
	RecRow	   *rows;
	int			i;

	if (recs_plan == NULL)
	{
		Oid			types[2] = {INT8OID, TIMESTAMPTZOID};

		recs_plan = prepare_saved("SELECT document_type, source, id, fetched_at, revoked_at, revoked_reason"
								  " FROM motcua.national_record WHERE subject = $1 AND fetched_at <= $2",
								  2, types);
	}
	args[0] = Int64GetDatum(sid);
	args[1] = TimestampTzGetDatum(as_of);
	if (SPI_execute_plan(recs_plan, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading motcua.national_record failed");
	*n = (int) SPI_processed;
	rows = palloc0(sizeof(RecRow) * Max(*n, 1));
	for (i = 0; i < *n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		RecRow	   *r = &rows[i];
		bool		isnull;
		TimestampTz revoked_at;

		r->document_type = SPI_getvalue(tup, desc, 1);
		r->source = SPI_getvalue(tup, desc, 2);
		r->id = DatumGetInt64(SPI_getbinval(tup, desc, 3, &isnull));
		r->fetched_at = DatumGetTimestampTz(SPI_getbinval(tup, desc, 4, &isnull));
		revoked_at = DatumGetTimestampTz(SPI_getbinval(tup, desc, 5, &isnull));
		r->revoked = !isnull && revoked_at <= as_of;
		r->revoked_reason = SPI_getvalue(tup, desc, 6);
	}
	return rows;
}

/*
 * best_document picks the document of a type that best stands for it: a
 * usable one first, then the latest issued.
 */
static DocRow *
best_document(DocRow *docs, int ndocs, const char *document_type)
{
	DocRow	   *best = NULL;
	int			i;

	for (i = 0; i < ndocs; i++)
	{
		DocRow	   *d = &docs[i];

		if (strcmp(d->document_type, document_type) != 0)
			continue;
		if (best == NULL || (d->ok && !best->ok) ||
			(d->ok == best->ok && (d->issued_at > best->issued_at ||
								   (d->issued_at == best->issued_at && d->id > best->id))))
			best = d;
	}
	return best;
}

/*
 * find_record returns the subject's cached record of a type from a source.
 */
static RecRow *
find_record(RecRow *recs, int nrecs, const char *document_type, const char *source)
{
	int			i;

	if (source == NULL)
		return NULL;
	for (i = 0; i < nrecs; i++)
		if (strcmp(recs[i].document_type, document_type) == 0 && strcmp(recs[i].source, source) == 0)
			return &recs[i];
	return NULL;
}

/*
 * queue_lookup asks the workers to fetch a record (at most one pending
 * request per source, subject and document type), through the one
 * function that queues every lookup (motcua_internal.queue_lookup).
 */
static void
queue_lookup(const char *source, int64 sid, const char *document_type, const char *reason)
{
	Datum		args[4];

	if (enqueue_plan == NULL)
	{
		Oid			types[4] = {TEXTOID, INT8OID, TEXTOID, TEXTOID};

		enqueue_plan = prepare_saved("SELECT motcua_internal.queue_lookup($1, $2, $3, NULL, NULL, $4)",
									 4, types);
	}
	args[0] = CStringGetTextDatum(source);
	args[1] = Int64GetDatum(sid);
	args[2] = CStringGetTextDatum(document_type);
	args[3] = CStringGetTextDatum(reason);
	if (SPI_execute_plan(enqueue_plan, args, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "queueing a lookup failed");
}

/*
 * motcua_reuse_evaluate(sid, procedure, as_of [, enqueue]) returns one row
 * per required component: ordinal, component, status, source, document_id,
 * national_record_id, valid_until, reason.  With enqueue true (the
 * VOLATILE SQL variant) lookups are queued for needs_refresh rows.
 */
PG_FUNCTION_INFO_V1(motcua_reuse_evaluate);
Datum
motcua_reuse_evaluate(PG_FUNCTION_ARGS)
{
	int64		sid = PG_GETARG_INT64(0);
	Datum		procedure = PG_GETARG_DATUM(1);
	TimestampTz as_of = PG_GETARG_TIMESTAMPTZ(2);
	bool		enqueue = PG_NARGS() > 3 && PG_GETARG_BOOL(3);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext callcxt = CurrentMemoryContext;
	ProcedureEntry *pe;
	DocRow	   *docs;
	RecRow	   *recs;
	int			ndocs,
				nrecs,
				i;
	char		procname[MC_ID_TEXTLEN];

	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	reset_reuse_cache();
	pe = get_procedure(procedure, get_fn_expr_argtype(fcinfo->flinfo, 1));
	if (!pe->exists)
	{
		McProcedureCode pc;

		motcua_procedure_unpack((Fixed16 *) DatumGetPointer(procedure), &pc);
		mc_format_procedure_code(&pc, procname);
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("procedure %s does not exist", procname)));
	}
	docs = read_documents(sid, as_of, &ndocs);
	recs = read_records(sid, as_of, &nrecs);

	for (i = 0; i < pe->ncomponents; i++)
	{
		Component  *c = &pe->components[i];
		DocRow	   *d = best_document(docs, ndocs, c->document_type);
		RecRow	   *r = find_record(recs, nrecs, c->document_type, c->source);
		SourceSettings *ns = find_source(c->source);
		const Interval *freshness = ns ? &ns->freshness : &default_freshness;
		bool		fresh = r && timestamp_plus(r->fetched_at, freshness) >= as_of;
		ReuseStatus st;
		Datum		values[8];
		bool		nulls[8] = {false, false, false, true, true, true, true, false};
		char	   *reason;
		MemoryContext old;

		if (!c->reusable)
			st = RS_NOT_REUSABLE;
		else if (r && r->revoked)
			st = RS_REVOKED;
		else if (d && d->ok)
			st = RS_REUSABLE;
		else if (fresh)
			st = RS_FROM_NATIONAL_DB;
		else if (c->source && ns && ns->enabled)
			st = RS_NEEDS_REFRESH;
		else if (d && d->revoked)
			st = RS_REVOKED;
		else if (d && d->expired)
			st = RS_EXPIRED;
		else
			st = RS_MISSING;

		switch (st)
		{
			case RS_NOT_REUSABLE:
				reason = "this component must be provided anew";
				break;
			case RS_REVOKED:
				reason = (r && r->revoked)
					? psprintf("revoked by %s: %s", c->source, r->revoked_reason)
					: psprintf("warehouse copy revoked: %s", d->revoked_reason);
				break;
			case RS_REUSABLE:
				reason = "valid document in the warehouse";
				break;
			case RS_FROM_NATIONAL_DB:
				reason = psprintf("cached %s record within its freshness window", c->source);
				break;
			case RS_NEEDS_REFRESH:
				reason = r
					? psprintf("cached %s record is past its freshness window; lookup queued for the workers", c->source)
					: psprintf("no cached %s record; lookup queued for the workers", c->source);
				if (enqueue)
					queue_lookup(c->source, sid, c->document_type, "reuse check");
				break;
			case RS_EXPIRED:
				reason = "warehouse copy expired (see valid_until)";
				break;
			default:
				reason = (d && d->bad_signature) ? "warehouse copy has an invalid signature"
					: c->source ? psprintf("not held; %s can supply it but its connector is not enabled", c->source)
					: "not held by the state: the person provides it";
				break;
		}

		/* the row lives in the tuplestore, outside SPI's memory */
		old = MemoryContextSwitchTo(callcxt);
		values[0] = Int16GetDatum(c->ordinal);
		values[1] = CStringGetTextDatum(c->document_type);
		values[2] = CStringGetTextDatum(status_names[st]);
		if (st == RS_REUSABLE || st == RS_EXPIRED || (st == RS_REVOKED && !(r && r->revoked)))
		{
			values[3] = CStringGetTextDatum("warehouse");
			values[4] = Int64GetDatum(d->id);
			nulls[3] = nulls[4] = false;
			if (st != RS_REVOKED && d->has_valid_until)
			{
				values[6] = TimestampTzGetDatum(d->valid_until);
				nulls[6] = false;
			}
		}
		else if (st == RS_FROM_NATIONAL_DB || st == RS_NEEDS_REFRESH || st == RS_REVOKED)
		{
			values[3] = CStringGetTextDatum(c->source);
			nulls[3] = false;
			if (r)
			{
				values[5] = Int64GetDatum(r->id);
				nulls[5] = false;
			}
			if (st == RS_FROM_NATIONAL_DB)
			{
				values[6] = TimestampTzGetDatum(timestamp_plus(r->fetched_at, freshness));
				nulls[6] = false;
			}
		}
		values[7] = CStringGetTextDatum(reason);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(old);
	}
	SPI_finish();
	return (Datum) 0;
}

/*-------------------------------------------------------------------------
 *
 * calendar.c
 *	  SQL functions for working-day calendars and legal deadlines, and the
 *	  per-backend calendar cache behind them.
 *
 * A calendar is read from motcua.calendar, motcua.calendar_holiday and
 * motcua.calendar_override (following the parent chain), evaluated by
 * calrules.c and packed by workcal.c into a day bitmap with prefix counts,
 * so a deadline costs O(log n) however long it is.  The cache lives in its
 * own memory context under CacheMemoryContext.  Any change to the calendar
 * tables fires a trigger that raises motcua's cache signal (cacheinval.c):
 * PostgreSQL delivers it to every backend after the commit (and to this
 * one at the next command), and the cache is rebuilt on next use.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "common/hashfn.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"

#include "cacheinval.h"
#include "calrules.h"
#include "lunar.h"
#include "motcua.h"
#include "workcal.h"

/* Longest parent chain followed before we call it a cycle. */
#define MAX_CALENDAR_DEPTH 8

/*
 * The calendar named $1 and its ancestors, nearest first (depth 0): the
 * head of the queries that read a calendar's holidays and overrides.
 */
#define CALENDAR_CHAIN_CTE \
	"WITH RECURSIVE chain(code, parent, depth) AS (" \
	"  SELECT code, parent, 0 FROM motcua.calendar WHERE code = $1" \
	"  UNION ALL" \
	"  SELECT c.code, c.parent, chain.depth + 1 FROM motcua.calendar c" \
	"  JOIN chain ON c.code = chain.parent WHERE chain.depth < " CppAsString2(MAX_CALENDAR_DEPTH) "),"

/* Days are counted with three decimals, hours to the microsecond. */
#define DAYS_SCALE 1000

/* Longest duration accepted, in days (about a century of working days). */
#define MAX_DAYS 30000

/* A cached, evaluated calendar. */
typedef struct CachedCalendar
{
	char		code[NAMEDATALEN];	/* hash key */
	WorkCalendar *wc;
	int32	   *reasons;		/* per day, CAL_REASON(...) */
	char	  **rule_names;		/* per holiday rule */
	char	  **rule_refs;
	char	  **override_names; /* per override */
	char	  **override_refs;
	int64		utc_offset;		/* usec east of UTC */
	int64		cutoff_default; /* MC_WORKCAL_NO_CUTOFF */
	int			first_year;
	int			last_year;
} CachedCalendar;

static MemoryContext calendar_context = NULL;
static HTAB *calendar_cache = NULL;
static bool calendar_cache_stale = false;

/*
 * ensure_cache creates the cache, or empties it when it is stale.
 */
static void
ensure_cache(void)
{
	HASHCTL		ctl;

	motcua_cache_watch(&calendar_cache_stale);
	if (calendar_cache != NULL && !calendar_cache_stale)
		return;
	if (calendar_context != NULL)
		MemoryContextDelete(calendar_context);
	calendar_cache = NULL;
	calendar_context = AllocSetContextCreate(CacheMemoryContext,
											 "motcua calendars",
											 ALLOCSET_DEFAULT_SIZES);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = NAMEDATALEN;
	ctl.entrysize = sizeof(CachedCalendar);
	ctl.hcxt = calendar_context;
	calendar_cache = hash_create("motcua calendar cache", 8, &ctl,
								 HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	motcua_cache_arm();
	calendar_cache_stale = false;
}

/*
 * time_usec converts a SQL time column value to microseconds.
 */
static int64
time_usec(Datum d)
{
	return (int64) DatumGetTimeADT(d);
}

/*
 * cstring_in_context copies a possibly-NULL text column into the cache.
 */
static char *
cstring_in_context(HeapTuple tup, TupleDesc desc, int col)
{
	char	   *s = SPI_getvalue(tup, desc, col);

	return s ? MemoryContextStrdup(calendar_context, s) : NULL;
}

/* Allocator handed to workcal: memory in the cache context. */
static void *
calendar_alloc(size_t size)
{
	return MemoryContextAllocHuge(calendar_context, size);
}

/*
 * load_calendar reads a calendar and its ancestors with SPI and evaluates
 * it into the cache entry.  The calendar's own holiday rules replace its
 * parents' rules of the same code; its overrides replace theirs on the
 * same day.
 */
static void
load_calendar(const char *code, CachedCalendar *cc)
{
	Datum		arg[1];
	Oid			argtypes[1] = {TEXTOID};
	int			ret;
	HeapTuple	tup;
	TupleDesc	desc;
	bool		isnull;
	CalRulesInput in;
	WorkHours	hours;
	CalHolidayRule *rules;
	CalOverride *overrides;
	int			nrules,
				noverrides,
				ndays,
				i;
	unsigned char *working;
	char		err[160];
	ArrayType  *rest;
	Datum	   *rest_elems;
	int			nrest;
	WorkCalStatus st;
	Interval   *offset;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	arg[0] = CStringGetTextDatum(code);
	ret = SPI_execute_with_args(
		"SELECT rest_days, morning_start, morning_end, afternoon_start, afternoon_end, "
		"       utc_offset, compensate, first_year, last_year "
		"FROM motcua.calendar WHERE code = $1", 1, argtypes, arg, NULL, true, 1);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading motcua.calendar failed: %d", ret);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("calendar \"%s\" does not exist", code),
				 errhint("Calendars are rows of motcua.calendar; the national one is \"VN\".")));
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;

	memset(&in, 0, sizeof(in));
	rest = DatumGetArrayTypeP(SPI_getbinval(tup, desc, 1, &isnull));
	deconstruct_array(rest, INT2OID, 2, true, TYPALIGN_SHORT, &rest_elems, NULL, &nrest);
	for (i = 0; i < nrest; i++)
		in.rest_days |= 1u << DatumGetInt16(rest_elems[i]);
	hours.morning_start = time_usec(SPI_getbinval(tup, desc, 2, &isnull));
	hours.morning_end = time_usec(SPI_getbinval(tup, desc, 3, &isnull));
	hours.afternoon_start = time_usec(SPI_getbinval(tup, desc, 4, &isnull));
	hours.afternoon_end = time_usec(SPI_getbinval(tup, desc, 5, &isnull));
	offset = DatumGetIntervalP(SPI_getbinval(tup, desc, 6, &isnull));
	cc->utc_offset = offset->time + (int64) offset->day * USECS_PER_DAY;
	in.compensate = DatumGetBool(SPI_getbinval(tup, desc, 7, &isnull));
	in.first_year = DatumGetInt32(SPI_getbinval(tup, desc, 8, &isnull));
	in.last_year = DatumGetInt32(SPI_getbinval(tup, desc, 9, &isnull));
	in.lunar_tz = MC_LUNAR_TZ_VIETNAM;
	cc->first_year = in.first_year;
	cc->last_year = in.last_year;
	cc->cutoff_default = MC_WORKCAL_NO_CUTOFF;

	/*
	 * Holiday rules of the calendar and its ancestors, nearest first; a
	 * rule code already seen in a nearer calendar hides the farther ones.
	 */
	ret = SPI_execute_with_args(
		CALENDAR_CHAIN_CTE
		" nearest AS ("
		"  SELECT h.code, min(chain.depth) AS depth FROM motcua.calendar_holiday h"
		"  JOIN chain ON h.calendar = chain.code GROUP BY h.code)"
		" SELECT h.basis = 'lunar', h.month, h.day, h.start_offset, h.length,"
		"        h.from_year, coalesce(h.to_year, 0), dense_rank() OVER (ORDER BY h.code) - 1,"
		"        h.name, h.legal_basis, h.code"
		" FROM motcua.calendar_holiday h JOIN chain ON h.calendar = chain.code"
		" JOIN nearest n ON n.code = h.code AND n.depth = chain.depth"
		" ORDER BY h.code, h.from_year", 1, argtypes, arg, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading motcua.calendar_holiday failed: %d", ret);
	nrules = (int) SPI_processed;
	rules = palloc0(sizeof(CalHolidayRule) * Max(nrules, 1));
	cc->rule_names = MemoryContextAllocZero(calendar_context, sizeof(char *) * Max(nrules, 1));
	cc->rule_refs = MemoryContextAllocZero(calendar_context, sizeof(char *) * Max(nrules, 1));
	desc = SPI_tuptable->tupdesc;
	for (i = 0; i < nrules; i++)
	{
		tup = SPI_tuptable->vals[i];
		rules[i].lunar = DatumGetBool(SPI_getbinval(tup, desc, 1, &isnull));
		rules[i].month = DatumGetInt16(SPI_getbinval(tup, desc, 2, &isnull));
		rules[i].day = DatumGetInt16(SPI_getbinval(tup, desc, 3, &isnull));
		rules[i].start_offset = DatumGetInt16(SPI_getbinval(tup, desc, 4, &isnull));
		rules[i].length = DatumGetInt16(SPI_getbinval(tup, desc, 5, &isnull));
		rules[i].from_year = DatumGetInt32(SPI_getbinval(tup, desc, 6, &isnull));
		rules[i].to_year = DatumGetInt32(SPI_getbinval(tup, desc, 7, &isnull));
		rules[i].holiday = (int) DatumGetInt64(SPI_getbinval(tup, desc, 8, &isnull));
		cc->rule_names[i] = cstring_in_context(tup, desc, 9);
		cc->rule_refs[i] = cstring_in_context(tup, desc, 10);
	}

	/*
	 * Overrides of the calendar and its ancestors; on a day several
	 * calendars fix, the nearest wins.  The holiday an override replaces
	 * is mapped to the rule numbering above (-1 when no rule has it).
	 */
	ret = SPI_execute_with_args(
		CALENDAR_CHAIN_CTE
		" holidays AS ("
		"  SELECT DISTINCT h.code FROM motcua.calendar_holiday h JOIN chain ON h.calendar = chain.code),"
		" ranked AS (SELECT code, dense_rank() OVER (ORDER BY code) - 1 AS idx FROM holidays)"
		" SELECT DISTINCT ON (o.day) o.day, o.kind = 'day_off', coalesce(r.idx, -1), o.name, o.legal_reference"
		" FROM motcua.calendar_override o JOIN chain ON o.calendar = chain.code"
		" LEFT JOIN ranked r ON r.code = o.holiday"
		" ORDER BY o.day, chain.depth", 1, argtypes, arg, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading motcua.calendar_override failed: %d", ret);
	noverrides = (int) SPI_processed;
	overrides = palloc0(sizeof(CalOverride) * Max(noverrides, 1));
	cc->override_names = MemoryContextAllocZero(calendar_context, sizeof(char *) * Max(noverrides, 1));
	cc->override_refs = MemoryContextAllocZero(calendar_context, sizeof(char *) * Max(noverrides, 1));
	desc = SPI_tuptable->tupdesc;
	for (i = 0; i < noverrides; i++)
	{
		tup = SPI_tuptable->vals[i];
		overrides[i].day = DatumGetDateADT(SPI_getbinval(tup, desc, 1, &isnull));
		overrides[i].day_off = DatumGetBool(SPI_getbinval(tup, desc, 2, &isnull));
		overrides[i].holiday = (int) DatumGetInt64(SPI_getbinval(tup, desc, 3, &isnull));
		cc->override_names[i] = cstring_in_context(tup, desc, 4);
		cc->override_refs[i] = cstring_in_context(tup, desc, 5);
	}

	in.rules = rules;
	in.nrules = nrules;
	in.overrides = overrides;
	in.noverrides = noverrides;
	ndays = mc_calrules_ndays(in.first_year, in.last_year);
	working = palloc(ndays);
	cc->reasons = MemoryContextAlloc(calendar_context, sizeof(int32) * ndays);
	if (!mc_calrules_eval(&in, working, cc->reasons, err, sizeof(err)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("calendar \"%s\" cannot be evaluated: %s", code, err)));
	st = mc_workcal_build(mc_calrules_first_day(in.first_year), ndays, working,
						  &hours, calendar_alloc, &cc->wc);
	if (st != MC_WC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("calendar \"%s\" cannot be built: %s", code, mc_workcal_strerror(st))));
	SPI_finish();
}

/*
 * The calendar used by the previous call: deadlines are computed row
 * after row against the same calendar, so one comparison of the name
 * usually replaces the hash lookup.
 */
static CachedCalendar *last_calendar = NULL;

/*
 * get_calendar returns the evaluated calendar of that code, loading it on
 * first use after a change.
 */
static CachedCalendar *
get_calendar(text *code_text)
{
	const char *name = VARDATA_ANY(code_text);
	int			len = VARSIZE_ANY_EXHDR(code_text);
	char		code[NAMEDATALEN];
	CachedCalendar *cc;
	bool		found;

	if (len >= NAMEDATALEN)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("calendar \"%.*s...\" does not exist",
						pg_mbcliplen(name, len, 40), name)));
	if (last_calendar != NULL && !calendar_cache_stale &&
		memcmp(last_calendar->code, name, len) == 0 && last_calendar->code[len] == '\0')
		return last_calendar;

	memcpy(code, name, len);
	code[len] = '\0';
	last_calendar = NULL;
	ensure_cache();
	cc = hash_search(calendar_cache, code, HASH_FIND, &found);
	if (found && cc->wc != NULL)
		return last_calendar = cc;

	PG_TRY();
	{
		cc = hash_search(calendar_cache, code, HASH_ENTER, &found);
		cc->wc = NULL;
		load_calendar(code, cc);
	}
	PG_CATCH();
	{
		/* leave no half-built entry behind */
		calendar_cache_stale = true;
		PG_RE_THROW();
	}
	PG_END_TRY();
	return last_calendar = cc;
}

/*
 * to_local splits a timestamptz into the calendar's local day and time.
 */
static WorkInstant
to_local(const CachedCalendar *cc, TimestampTz ts)
{
	WorkInstant w;
	int64		local;

	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("an infinite timestamp has no working day")));
	local = ts + cc->utc_offset;
	w.day = (int32) (local / USECS_PER_DAY);
	w.usec = local % USECS_PER_DAY;
	if (w.usec < 0)
	{
		w.usec += USECS_PER_DAY;
		w.day--;
	}
	return w;
}

/*
 * from_local joins a local day and time back into a timestamptz.
 */
static TimestampTz
from_local(const CachedCalendar *cc, WorkInstant w)
{
	return (TimestampTz) w.day * USECS_PER_DAY + w.usec - cc->utc_offset;
}

/*
 * check_status turns a workcal status into the error a user should see.
 */
static void
check_status(WorkCalStatus st, const char *calendar, const CachedCalendar *cc)
{
	if (st == MC_WC_OK)
		return;
	if (st == MC_WC_OUT_OF_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date is outside calendar \"%s\", which covers %d to %d",
						calendar, cc->first_year, cc->last_year),
				 errhint("Widen first_year and last_year of the calendar in motcua.calendar.")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("working-day arithmetic failed: %s", mc_workcal_strerror(st))));
}

/*
 * numeric_to_scaled_slow checks a non-negative amount and converts it to
 * an integer number of 1/scale units, rejecting finer precision.
 */
static int64
numeric_to_scaled_slow(Numeric n, int64 scale, int max_whole, const char *what)
{
	Datum		scaled;
	Datum		rounded;

	if (numeric_is_nan(n) || numeric_is_inf(n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number", what)));
	scaled = DirectFunctionCall2(numeric_mul, NumericGetDatum(n),
								 DirectFunctionCall1(int8_numeric, Int64GetDatum(scale)));
	rounded = DirectFunctionCall2(numeric_round, scaled, Int32GetDatum(0));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, scaled, rounded)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s has more decimals than motcua counts", what,
						DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(n)))),
				 errdetail("Days are counted to 0.001 day, hours to the microsecond.")));
	if (DatumGetBool(DirectFunctionCall2(numeric_lt, NumericGetDatum(n),
										 DirectFunctionCall1(int4_numeric, Int32GetDatum(0)))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", what)));
	if (DatumGetBool(DirectFunctionCall2(numeric_gt, NumericGetDatum(n),
										 DirectFunctionCall1(int4_numeric, Int32GetDatum(max_whole)))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be at most %d", what, max_whole)));
	return DatumGetInt64(DirectFunctionCall1(numeric_int8, rounded));
}

/*
 * A few durations recur on almost every row (each procedure has one), so
 * converted amounts are remembered by the bytes of the numeric value.
 */
#define SCALED_CACHE_SIZE 64
#define SCALED_KEY_MAX 24

typedef struct ScaledCacheEntry
{
	int64		scale;
	int64		value;
	int			len;			/* 0: empty slot */
	char		bytes[SCALED_KEY_MAX];
} ScaledCacheEntry;

static ScaledCacheEntry scaled_cache[SCALED_CACHE_SIZE];

/*
 * numeric_to_scaled is numeric_to_scaled_slow behind a small cache keyed
 * by the numeric's bytes (equal bytes mean an equal value).
 */
static int64
numeric_to_scaled(Numeric n, int64 scale, int max_whole, const char *what)
{
	int			len = VARSIZE_ANY(n);
	uint32		h;
	ScaledCacheEntry *e;
	int64		v;

	if (len > SCALED_KEY_MAX)
		return numeric_to_scaled_slow(n, scale, max_whole, what);
	h = hash_bytes((const unsigned char *) n, len) ^ (uint32) scale;
	e = &scaled_cache[h % SCALED_CACHE_SIZE];
	if (e->len == len && e->scale == scale && memcmp(e->bytes, n, len) == 0)
		return e->value;
	v = numeric_to_scaled_slow(n, scale, max_whole, what);
	e->len = len;
	e->scale = scale;
	e->value = v;
	memcpy(e->bytes, n, len);
	return v;
}

/*
 * is_working_day(date, calendar)
 */
PG_FUNCTION_INFO_V1(motcua_is_working_day);
Datum
motcua_is_working_day(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	text	   *calname = PG_GETARG_TEXT_PP(1);
	CachedCalendar *cc = get_calendar(calname);
	bool		result;

	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("an infinite date has no working day")));
	check_status(mc_workcal_is_working(cc->wc, (int32) day, &result),
				 text_to_cstring(calname), cc);
	PG_RETURN_BOOL(result);
}

/*
 * deadline_after computes add_working_days once the duration has been
 * converted to thousandths of a day; arguments 0, 2 and 3 are the start,
 * the calendar and the optional cut-off.
 */
static Datum
deadline_after(FunctionCallInfo fcinfo, int64 milli)
{
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(0);
	text	   *calname = PG_GETARG_TEXT_PP(2);
	int64		cutoff = MC_WORKCAL_NO_CUTOFF;
	CachedCalendar *cc = get_calendar(calname);
	WorkInstant due;

	if (PG_NARGS() > 3)
		cutoff = (int64) PG_GETARG_TIMEADT(3);
	check_status(mc_workcal_add_working_days(cc->wc, to_local(cc, start), milli,
											 cutoff, &due),
				 text_to_cstring(calname), cc);
	PG_RETURN_TIMESTAMPTZ(from_local(cc, due));
}

/*
 * add_working_days(start, days numeric, calendar [, cutoff]): the deadline
 * of a dossier received at start.
 */
PG_FUNCTION_INFO_V1(motcua_add_working_days);
Datum
motcua_add_working_days(PG_FUNCTION_ARGS)
{
	return deadline_after(fcinfo, numeric_to_scaled(PG_GETARG_NUMERIC(1), DAYS_SCALE,
													MAX_DAYS, "days"));
}

/*
 * add_working_days(start, days double precision, calendar [, cutoff]): the
 * same for integer, floating-point and untyped arguments (PostgreSQL
 * resolves those to this variant), without numeric arithmetic.  The value
 * must still be a whole number of thousandths of a day.
 */
PG_FUNCTION_INFO_V1(motcua_add_working_days_float8);
Datum
motcua_add_working_days_float8(PG_FUNCTION_ARGS)
{
	float8		days = PG_GETARG_FLOAT8(1);
	float8		scaled = days * DAYS_SCALE;
	float8		milli = rint(scaled);

	if (isnan(days) || isinf(days))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("days must be a finite number")));
	if (days < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("days must not be negative")));
	if (days > MAX_DAYS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("days must be at most %d", MAX_DAYS)));
	if (fabs(scaled - milli) > 1e-6)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("days %g has more decimals than motcua counts", days),
				 errdetail("Days are counted to 0.001 day, hours to the microsecond.")));
	return deadline_after(fcinfo, (int64) milli);
}

/*
 * add_working_hours(start, hours, calendar): runs through office hours.
 * With a fourth argument, a receipt cut-off, start is a receipt and the
 * receipt rules apply first: a dossier received after the cut-off, after
 * closing or on a day off runs from the opening of its receipt day.
 */
PG_FUNCTION_INFO_V1(motcua_add_working_hours);
Datum
motcua_add_working_hours(PG_FUNCTION_ARGS)
{
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(0);
	Numeric		hours = PG_GETARG_NUMERIC(1);
	text	   *calname = PG_GETARG_TEXT_PP(2);
	CachedCalendar *cc = get_calendar(calname);
	int64		usec = numeric_to_scaled(hours, USECS_PER_HOUR, MAX_DAYS * 24, "hours");
	WorkInstant due;
	WorkCalStatus st;

	if (PG_NARGS() > 3)
		st = mc_workcal_add_working_hours_from_receipt(cc->wc, to_local(cc, start), usec,
													   (int64) PG_GETARG_TIMEADT(3), &due);
	else
		st = mc_workcal_add_working_hours(cc->wc, to_local(cc, start), usec, &due);
	check_status(st, text_to_cstring(calname), cc);
	PG_RETURN_TIMESTAMPTZ(from_local(cc, due));
}

/*
 * effective_receipt_day(start, calendar [, cutoff]): the working day a
 * receipt counts as received on.
 */
PG_FUNCTION_INFO_V1(motcua_effective_receipt_day);
Datum
motcua_effective_receipt_day(PG_FUNCTION_ARGS)
{
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(0);
	text	   *calname = PG_GETARG_TEXT_PP(1);
	CachedCalendar *cc = get_calendar(calname);
	int64		cutoff = MC_WORKCAL_NO_CUTOFF;
	int32		day;

	if (PG_NARGS() > 2)
		cutoff = (int64) PG_GETARG_TIMEADT(2);
	check_status(mc_workcal_receipt_day(cc->wc, to_local(cc, start),
										cutoff, &day),
				 text_to_cstring(calname), cc);
	PG_RETURN_DATEADT((DateADT) day);
}

/*
 * working_days_between(a, b, calendar, clock_stops): office time from a
 * to b in working days, less the office time inside the clock stops
 * (overlapping stops are merged first).  Negative when b < a.
 */
PG_FUNCTION_INFO_V1(motcua_working_days_between);
Datum
motcua_working_days_between(PG_FUNCTION_ARGS)
{
	TimestampTz a = PG_GETARG_TIMESTAMPTZ(0);
	TimestampTz b = PG_GETARG_TIMESTAMPTZ(1);
	text	   *calname = PG_GETARG_TEXT_PP(2);
	ArrayType  *stops_arr = PG_GETARG_ARRAYTYPE_P(3);
	CachedCalendar *cc = get_calendar(calname);
	Datum	   *elems;
	bool	   *nulls;
	int			nelems,
				nstops = 0,
				i;
	WorkInterval *stops;
	WorkInterval *scratch;
	int64		usec;
	TypeCacheEntry *typcache;
	Datum		result;

	if (ARR_NDIM(stops_arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("clock stops must be a one-dimensional array")));
	typcache = lookup_type_cache(ARR_ELEMTYPE(stops_arr), TYPECACHE_RANGE_INFO);
	if (typcache->rngelemtype == NULL)
		elog(ERROR, "clock stops are not ranges");
	deconstruct_array(stops_arr, ARR_ELEMTYPE(stops_arr), typcache->typlen,
					  typcache->typbyval, typcache->typalign, &elems, &nulls, &nelems);
	stops = palloc(sizeof(WorkInterval) * Max(nelems, 1));
	scratch = palloc(sizeof(WorkInterval) * Max(nelems, 1));
	for (i = 0; i < nelems; i++)
	{
		RangeBound	lower,
					upper;
		bool		empty;
		TimestampTz lo,
					hi;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("a clock stop must not be NULL")));
		range_deserialize(typcache, DatumGetRangeTypeP(elems[i]), &lower, &upper, &empty);
		if (empty)
			continue;
		if (lower.infinite || upper.infinite)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a clock stop must have both ends"),
					 errdetail("An open stop has not ended; pass the current time as its end.")));
		lo = Max(DatumGetTimestampTz(lower.val), Min(a, b));
		hi = Min(DatumGetTimestampTz(upper.val), Max(a, b));
		if (lo >= hi)
			continue;
		stops[nstops].start = to_local(cc, lo);
		stops[nstops].end = to_local(cc, hi);
		nstops++;
	}

	if (a <= b)
		check_status(mc_workcal_working_time_excluding(cc->wc, to_local(cc, a), to_local(cc, b),
													   stops, nstops, scratch, &usec),
					 text_to_cstring(calname), cc);
	else
	{
		check_status(mc_workcal_working_time_excluding(cc->wc, to_local(cc, b), to_local(cc, a),
													   stops, nstops, scratch, &usec),
					 text_to_cstring(calname), cc);
		usec = -usec;
	}

	result = DirectFunctionCall2(numeric_div,
								 DirectFunctionCall1(int8_numeric, Int64GetDatum(usec)),
								 DirectFunctionCall1(int8_numeric, Int64GetDatum(cc->wc->day_len)));
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_round, result, Int32GetDatum(6)));
}

/*
 * reason_text describes why a day is or is not a working day.
 */
static void
reason_text(const CachedCalendar *cc, int32 reason, const char **why, const char **ref)
{
	int			idx = CAL_REASON_INDEX(reason);

	*why = NULL;
	*ref = NULL;
	switch (CAL_REASON_KIND(reason))
	{
		case CAL_WORKING:
			break;
		case CAL_REST:
			*why = "weekly rest day";
			break;
		case CAL_HOLIDAY:
			*why = cc->rule_names[idx];
			*ref = cc->rule_refs[idx];
			break;
		case CAL_COMPENSATION:
			*why = psprintf("compensatory day off for %s on a rest day", cc->rule_names[idx]);
			*ref = cc->rule_refs[idx];
			break;
		case CAL_OVERRIDE_OFF:
		case CAL_OVERRIDE_WORKING:
			*why = cc->override_names[idx];
			*ref = cc->override_refs[idx];
			break;
	}
}

/*
 * calendar_days(calendar, from, to): one row per day with whether it is a
 * working day, why not (or why a rest day is worked) and the legal
 * reference.
 */
PG_FUNCTION_INFO_V1(motcua_calendar_days);
Datum
motcua_calendar_days(PG_FUNCTION_ARGS)
{
	text	   *calname = PG_GETARG_TEXT_PP(0);
	DateADT		from = PG_GETARG_DATEADT(1);
	DateADT		to = PG_GETARG_DATEADT(2);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	CachedCalendar *cc = get_calendar(calname);
	int32		first = cc->wc->first_day;
	int32		d;

	if (DATE_NOT_FINITE(from) || DATE_NOT_FINITE(to) ||
		from < first || to >= first + cc->wc->ndays)
		check_status(MC_WC_OUT_OF_RANGE, text_to_cstring(calname), cc);
	if (to - from > 366 * 200)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("calendar_days returns at most 200 years")));

	InitMaterializedSRF(fcinfo, 0);
	for (d = from; d <= to; d++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		bool		working;
		const char *why;
		const char *ref;

		mc_workcal_is_working(cc->wc, d, &working);
		reason_text(cc, cc->reasons[d - first], &why, &ref);
		values[0] = DateADTGetDatum(d);
		values[1] = BoolGetDatum(working);
		if (why)
			values[2] = CStringGetTextDatum(why);
		else
			nulls[2] = true;
		if (ref)
			values[3] = CStringGetTextDatum(ref);
		else
			nulls[3] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * lunar_to_solar(year, month, day, leap): the solar date of a Vietnamese
 * lunar date.
 */
PG_FUNCTION_INFO_V1(motcua_lunar_to_solar);
Datum
motcua_lunar_to_solar(PG_FUNCTION_ARGS)
{
	int32		ly = PG_GETARG_INT32(0);
	int32		lm = PG_GETARG_INT32(1);
	int32		ld = PG_GETARG_INT32(2);
	bool		leap = PG_GETARG_BOOL(3);
	int			y,
				m,
				d;
	char		err[160];

	if (mc_lunar_to_solar(ly, lm, ld, leap, MC_LUNAR_TZ_VIETNAM, &y, &m, &d,
						  err, sizeof(err)) != MC_LUNAR_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("invalid lunar date %d-%02d-%02d%s: %s", ly, lm, ld,
						leap ? " (leap month)" : "", err)));
	PG_RETURN_DATEADT((DateADT) mc_day_from_ymd(y, m, d));
}

/*
 * solar_to_lunar(date): the Vietnamese lunar date of a solar date.
 */
PG_FUNCTION_INFO_V1(motcua_solar_to_lunar);
Datum
motcua_solar_to_lunar(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	int			y,
				m,
				d,
				ly,
				lm,
				ld;
	bool		leap;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "solar_to_lunar must return a record");
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("an infinite date has no lunar date")));
	mc_ymd_from_day((int32) day, &y, &m, &d);
	if (!mc_solar_to_lunar(y, m, d, MC_LUNAR_TZ_VIETNAM, &ly, &lm, &ld, &leap))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date %04d-%02d-%02d is outside the lunar calendar's range", y, m, d),
				 errdetail("Lunar dates are computed for %d to %d.",
						   MC_LUNAR_MIN_YEAR, MC_LUNAR_MAX_YEAR)));
	values[0] = Int32GetDatum(ly);
	values[1] = Int32GetDatum(lm);
	values[2] = Int32GetDatum(ld);
	values[3] = BoolGetDatum(leap);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

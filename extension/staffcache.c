/*-------------------------------------------------------------------------
 *
 * staffcache.c
 *	  The units the session's login role works at, kept per backend.
 *
 * Every reception and transition checks the caller's units, and every
 * officer's read filters rows by them.  The list comes from
 * motcua_internal.my_units() (the assignments and the unit tree); this
 * file keeps its answer until an assignment or the unit tree changes (the
 * cache signal of cacheinval.c), the day changes in Vietnam (assignments
 * start and end on days), or the session's user changes.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "cacheinval.h"

/* Vietnam has kept UTC+7, without daylight saving, since 1975. */
#define VIETNAM_OFFSET_USECS (INT64CONST(7) * USECS_PER_HOUR)

static bool units_stale = true;
static Datum cached_units = (Datum) 0;
static Oid	cached_user = InvalidOid;
static int64 cached_day = -1;

/*
 * vietnam_day is the day number of an instant in Vietnam's local time.
 */
static int64
vietnam_day(TimestampTz at)
{
	int64		local = at + VIETNAM_OFFSET_USECS;

	return local >= 0 ? local / USECS_PER_DAY : -((-local - 1) / USECS_PER_DAY) - 1;
}

/*
 * motcua_session_units returns my_units() for the session's login role,
 * computing it again only when the cached answer may be out of date.
 */
PG_FUNCTION_INFO_V1(motcua_session_units);
Datum
motcua_session_units(PG_FUNCTION_ARGS)
{
	Oid			user = GetSessionUserId();
	int64		today = vietnam_day(GetCurrentTransactionStartTimestamp());

	motcua_cache_watch(&units_stale);
	if (units_stale || user != cached_user || today != cached_day)
	{
		bool		isnull;
		Datum		value;
		MemoryContext caller = CurrentMemoryContext;

		motcua_cache_arm();
		/* (a signal during the query raises the flag again; a failure
		 * leaves the cache empty) */
		units_stale = false;
		cached_user = InvalidOid;
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (SPI_execute("SELECT motcua_internal.my_units()", true, 1) != SPI_OK_SELECT || SPI_processed != 1)
			elog(ERROR, "could not read the session's units");
		value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (isnull)
			elog(ERROR, "my_units() returned NULL");
		MemoryContextSwitchTo(TopMemoryContext);
		if (cached_units != (Datum) 0)
			pfree(DatumGetPointer(cached_units));
		cached_units = datumCopy(value, false, -1);
		MemoryContextSwitchTo(caller);
		SPI_finish();
		cached_user = user;
		cached_day = today;
	}
	PG_RETURN_DATUM(datumCopy(cached_units, false, -1));
}

/*
 * motcua_session_is_superuser: whether the session's login role is a
 * superuser (who works at every unit).
 */
PG_FUNCTION_INFO_V1(motcua_session_is_superuser);
Datum
motcua_session_is_superuser(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(superuser_arg(GetSessionUserId()));
}

/*-------------------------------------------------------------------------
 *
 * cron.c
 *	  SQL wrapper of the cron expression parser (cronexpr.c): the next
 *	  instant a job's cron schedule names, in the session's time zone (the
 *	  scheduler's is the database's), as pg_cron users write them.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "cronexpr.h"

/*
 * motcua_cron_next(expr, after) returns the first instant after "after"
 * that the expression names, read in the session's time zone.
 */
PG_FUNCTION_INFO_V1(motcua_cron_next);
Datum
motcua_cron_next(PG_FUNCTION_ARGS)
{
	char	   *expr = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TimestampTz after = PG_GETARG_TIMESTAMPTZ(1);
	McCron		cron;
	char		err[256];
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;
	int64_t		next;
	TimestampTz result;

	if (!mc_cron_parse(expr, &cron, err, sizeof(err)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid cron expression \"%s\": %s", expr, err),
				 errhint("Five fields: minute hour day-of-month month day-of-week, e.g. \"*/5 * * * *\".")));
	if (TIMESTAMP_NOT_FINITE(after) || timestamp2tm(after, &tz, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("cron schedules need a finite time, not %s", timestamptz_to_str(after))));
	next = mc_cron_next(&cron, mc_cron_civil_minute(tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min));
	if (next == MC_CRON_NONE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cron expression \"%s\" names no time in the coming years", expr)));
	memset(&tm, 0, sizeof(tm));
	mc_cron_civil_fields(next, &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min);
	tz = DetermineTimeZoneOffset(&tm, session_timezone);
	if (tm2timestamp(&tm, 0, &tz, &result) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("the next time of cron expression \"%s\" is out of range", expr)));
	PG_RETURN_TIMESTAMPTZ(result);
}

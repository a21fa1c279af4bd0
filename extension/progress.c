/*-------------------------------------------------------------------------
 *
 * progress.c
 *	  Progress of long motcua work (refresh_kpis, rebuild_kpis, bulk loads)
 *	  shown where a DBA already looks: the query column of
 *	  pg_stat_activity, and the view motcua.progress built on it.
 *
 * A function's own writes are invisible to other sessions until it
 * commits, so a progress table would say nothing while the work runs.
 * The backend's activity string is shared memory that every session reads
 * at once; autovacuum and the WAL sender report their state the same way.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "tcop/tcopprot.h"
#include "utils/backend_status.h"
#include "utils/builtins.h"

/*
 * report_progress(message): show message as this backend's activity
 * ("motcua refresh_kpis: ..." by convention, which motcua.progress
 * selects); NULL puts back the text of the statement being run.
 */
PG_FUNCTION_INFO_V1(motcua_report_progress);
Datum
motcua_report_progress(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		pgstat_report_activity(STATE_RUNNING, debug_query_string);
	else
	{
		char	   *message = text_to_cstring(PG_GETARG_TEXT_PP(0));

		pgstat_report_activity(STATE_RUNNING, message);
		pfree(message);
	}
	PG_RETURN_VOID();
}

/*-------------------------------------------------------------------------
 *
 * jobrun.c
 *	  One job run: a dynamic background worker the scheduler starts,
 *	  connected as the job's owner.  It marks the run running, does the
 *	  work of the job's kind in its own transaction, and records how it
 *	  ended in another, so an error in the work is recorded as failed
 *	  with its message instead of being lost.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "utils/timestamp.h"
#include "postmaster/bgworker.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "workers.h"

/* What a run does and how it went (in TopMemoryContext: it outlives
 * the transactions and an error). */
typedef struct JobRun
{
	char	   *handler;		/* NULL for the kind sql */
	char	   *command;		/* the sql kind's command */
	char	   *config;
	char	   *job_name;
	char	   *message;
	int64		rows;
	bool		has_rows;
	bool		ok;
	bool		drains;			/* call the handler until it did nothing */
	int			max_passes;
	int64		done;			/* a draining run: items done in all */
	int			passes;
} JobRun;

/*
 * RunBegin marks the run running and returns its kind's handler (NULL for
 * the kind sql), its command for sql, and its config.
 */
static bool
RunBegin(int64 run_id, JobRun *run)
{
	Oid			argtypes[2] = {INT8OID, INT4OID};
	Datum		values[2] = {Int64GetDatum(run_id), Int32GetDatum(MyProcPid)};
	bool		isnull;
	MemoryContext caller = CurrentMemoryContext;
	bool		found;

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	SPI_connect();
	PushActiveSnapshot(GetTransactionSnapshot());
	if (SPI_execute_with_args("SELECT handler, config->>'command', config::text, job_name, drains, "
							  "coalesce((config->>'max_passes')::int, 100) FROM motcua_internal.job_run_begin($1, $2)",
							  2, argtypes, values, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "job_run_begin failed");
	found = SPI_processed == 1;
	if (found)
	{
		HeapTuple	tup = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		Datum		v;
		MemoryContext spi = MemoryContextSwitchTo(caller);

		v = SPI_getbinval(tup, desc, 1, &isnull);
		run->handler = isnull ? NULL : TextDatumGetCString(v);
		v = SPI_getbinval(tup, desc, 2, &isnull);
		run->command = isnull ? NULL : TextDatumGetCString(v);
		v = SPI_getbinval(tup, desc, 3, &isnull);
		run->config = TextDatumGetCString(v);
		v = SPI_getbinval(tup, desc, 4, &isnull);
		run->job_name = TextDatumGetCString(v);
		run->drains = DatumGetBool(SPI_getbinval(tup, desc, 5, &isnull));
		run->max_passes = DatumGetInt32(SPI_getbinval(tup, desc, 6, &isnull));
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();
	PopActiveSnapshot();
	CommitTransactionCommand();
	pgstat_report_stat(false);
	return found;
}

/*
 * RunEnd records how the run ended.
 */
static void
RunEnd(int64 run_id, const char *status, const char *message, int64 rows, bool has_rows)
{
	Oid			argtypes[4] = {INT8OID, TEXTOID, TEXTOID, INT8OID};
	Datum		values[4];
	char		nulls[4] = {' ', ' ', message ? ' ' : 'n', has_rows ? ' ' : 'n'};

	values[0] = Int64GetDatum(run_id);
	values[1] = CStringGetTextDatum(status);
	values[2] = message ? CStringGetTextDatum(message) : (Datum) 0;
	values[3] = Int64GetDatum(rows);
	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	SPI_connect();
	PushActiveSnapshot(GetTransactionSnapshot());
	if (SPI_execute_with_args("SELECT motcua_internal.job_run_end($1, $2, $3, $4)", 4, argtypes, values, nulls,
							  false, 1) != SPI_OK_SELECT)
		elog(ERROR, "job_run_end failed");
	SPI_finish();
	PopActiveSnapshot();
	CommitTransactionCommand();
	pgstat_report_stat(false);
}

/*
 * motcua_jobrun_main is a run worker's entry point.  bgw_extra holds the
 * database's and the owner's OIDs.
 */
/*
 * DoWork does the work of the run's kind inside the current transaction.
 */
static void
DoWork(JobRun *run)
{
	SPI_connect();
	PushActiveSnapshot(GetTransactionSnapshot());
	if (run->handler == NULL)
	{
		/* the kind sql: the owner's command, like a pg_cron job */
		pgstat_report_activity(STATE_RUNNING, run->command);
		if (SPI_execute(run->command, false, 0) < 0)
			elog(ERROR, "the command failed");
		run->rows = (int64) SPI_processed;
		run->has_rows = true;
		run->message = MemoryContextStrdup(TopMemoryContext,
										   psprintf("%s: " UINT64_FORMAT " rows", run->job_name, (uint64) SPI_processed));
	}
	else
	{
		Oid			argtypes[1] = {JSONBOID};
		Datum		values[1];
		char	   *query = psprintf("SELECT motcua_internal.%s($1)", quote_identifier(run->handler));
		bool		isnull;
		Datum		result;

		values[0] = DirectFunctionCall1(jsonb_in, CStringGetDatum(run->config));
		pgstat_report_activity(STATE_RUNNING, query);
		if (SPI_execute_with_args(query, 1, argtypes, values, NULL, false, 1) != SPI_OK_SELECT)
			elog(ERROR, "the job's handler failed");
		result = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (!isnull)
			run->message = MemoryContextStrdup(TopMemoryContext, TextDatumGetCString(result));
	}
	SPI_finish();
	PopActiveSnapshot();
}

/*
 * motcua_jobrun_main is a run worker's entry point.  bgw_extra holds the
 * database's and the owner's OIDs.
 */
void
motcua_jobrun_main(Datum arg)
{
	int64		run_id = DatumGetInt64(arg);
	Oid			dboid;
	Oid			owner;
	JobRun	   *run;

	memcpy(&dboid, MyBgworkerEntry->bgw_extra, sizeof(Oid));
	memcpy(&owner, MyBgworkerEntry->bgw_extra + sizeof(Oid), sizeof(Oid));
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnectionByOid(dboid, owner, 0);
	pgstat_report_appname("motcua job");

	run = MemoryContextAllocZero(TopMemoryContext, sizeof(JobRun));
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);
		bool		found = RunBegin(run_id, run);

		MemoryContextSwitchTo(old);
		if (!found)
			proc_exit(0);
	}
	run->ok = true;
	PG_TRY();
	{
		/* a draining kind: each call its own transaction, until one did
		 * nothing (its message begins with the count it did) */
		do
		{
			TimestampTz pass_start = GetCurrentTimestamp();

			SetCurrentStatementStartTimestamp();
			StartTransactionCommand();
			DoWork(run);
			CommitTransactionCommand();
			run->passes++;
			if (run->drains && run->message != NULL)
				run->done += strtol(run->message, NULL, 10);
			if (!run->drains || run->message == NULL || strtol(run->message, NULL, 10) <= 0 ||
				run->passes >= run->max_passes)
				break;
			/* passes at most one a second: under a steady load each folds
			 * a second's changes, not one row at a time */
			(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
							 Max(0, 1000 - (long) ((GetCurrentTimestamp() - pass_start) / 1000)),
							 PG_WAIT_EXTENSION);
			ResetLatch(MyLatch);
			CHECK_FOR_INTERRUPTS();
		} while (true);
		if (run->drains)
		{
			const char *what = run->message ? strchr(run->message, ' ') : NULL;

			run->message = MemoryContextStrdup(TopMemoryContext,
											   psprintf(INT64_FORMAT "%s in %d passes", run->done,
														what ? what : "", run->passes));
		}
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(TopMemoryContext);
		edata = CopyErrorData();
		FlushErrorState();
		AbortCurrentTransaction();
		run->ok = false;
		run->has_rows = false;
		run->message = psprintf("%s%s%s", edata->message, edata->detail ? " " : "", edata->detail ? edata->detail : "");
	}
	PG_END_TRY();
	pgstat_report_stat(false);
	pgstat_report_activity(STATE_IDLE, NULL);
	RunEnd(run_id, run->ok ? "succeeded" : "failed", run->message, run->rows, run->has_rows);
	proc_exit(0);
}

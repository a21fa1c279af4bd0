/*-------------------------------------------------------------------------
 *
 * jobrun.c
 *	  A run worker: a dynamic background worker the scheduler starts,
 *	  connected as a job's owner.  For each run the scheduler hands it, it
 *	  marks the run running, does the work of the job's kind in its own
 *	  transaction, and records how it ended in another, so an error in the
 *	  work is recorded as failed with its message instead of being lost.
 *
 * Between runs it waits a moment for its owner's next run: a burst of
 * runs (a thousand jobs due in the same minute) costs one process start
 * per place, not per run.  What one run leaves in the session does not
 * reach the next: its settings are undone, its prepared statements,
 * cursors, listens and session advisory locks dropped, and a run that
 * made temporary tables ends the worker.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/async.h"
#include "commands/prepare.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/lock.h"
#include "storage/proc.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/portal.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "workers.h"

/* What a run does and how it went (in run_context: it outlives the
 * run's transactions and an error, and goes with the run). */
typedef struct JobRun
{
	char	   *handler;		/* NULL for the kind sql and C entries */
	char	   *entry;			/* a C entry, run outside a transaction */
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

static MemoryContext run_context = NULL;

/* a C entry failed: what it held outside PostgreSQL (libcurl handles,
 * sockets) may be left, so the worker serves no further run */
static bool leave_after_run = false;

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

	motcua_worker_begin("motcua job: starting a run");
	if (SPI_execute_with_args("SELECT handler, config->>'command', config::text, job_name, drains, "
							  "coalesce((config->>'max_passes')::int, 100), entry FROM motcua_internal.job_run_begin($1, $2)",
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
		v = SPI_getbinval(tup, desc, 7, &isnull);
		run->entry = isnull ? NULL : TextDatumGetCString(v);
		MemoryContextSwitchTo(spi);
	}
	motcua_worker_end(caller);
	return found;
}

/*
 * RunEnd records how the run ended, and clears what the run left in the
 * session for the next one: cursors, prepared statements, listens and
 * session advisory locks.
 */
static void
RunEnd(int64 run_id, const char *status, const char *message, int64 rows, bool has_rows)
{
	Oid			argtypes[4] = {INT8OID, TEXTOID, TEXTOID, INT8OID};
	Datum		values[4];
	char		nulls[4] = {' ', ' ', message ? ' ' : 'n', has_rows ? ' ' : 'n'};
	MemoryContext caller = CurrentMemoryContext;

	values[0] = Int64GetDatum(run_id);
	values[1] = CStringGetTextDatum(status);
	values[2] = message ? CStringGetTextDatum(message) : (Datum) 0;
	values[3] = Int64GetDatum(rows);
	motcua_worker_begin("motcua job: recording a run's end");
	PortalHashTableDeleteAll();
	DropAllPreparedStatements();
	Async_UnlistenAll();
	LockReleaseSession(USER_LOCKMETHOD);
	if (SPI_execute_with_args("SELECT motcua_internal.job_run_end($1, $2, $3, $4)", 4, argtypes, values, nulls,
							  false, 1) != SPI_OK_SELECT)
		elog(ERROR, "job_run_end failed");
	motcua_worker_end(caller);
}

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
		run->message = MemoryContextStrdup(run_context,
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
			run->message = MemoryContextStrdup(run_context, TextDatumGetCString(result));
	}
	SPI_finish();
	PopActiveSnapshot();
}

/*
 * CallEntry calls a kind's C entry by its name (job_kind.entry), outside
 * any transaction.  Only the entries listed here can run.
 */
static char *
CallEntry(const char *entry, int64 run_id, const char *config)
{
	if (strcmp(entry, "motcua_connector_lookups") == 0)
		return motcua_connector_lookups(run_id, config);
	if (strcmp(entry, "motcua_connector_feeds") == 0)
		return motcua_connector_feeds(run_id, config);
	if (strcmp(entry, "motcua_connector_catalogue") == 0)
		return motcua_connector_catalogue(run_id, config);
	if (strcmp(entry, "motcua_connector_portal") == 0)
		return motcua_connector_portal(run_id, config);
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_FUNCTION),
			 errmsg("job kind entry \"%s\" is not part of motcua", entry)));
	return NULL;				/* keep the compiler quiet */
}

/*
 * DoPasses does the work of a kind with a handler or a command, in a
 * transaction; a draining kind calls it again, each call its own
 * transaction, until one did nothing (its message begins with the count
 * it did).  The settings a pass changes are undone before it commits.
 */
static void
DoPasses(JobRun *run)
{
	do
	{
		TimestampTz pass_start = GetCurrentTimestamp();
		int			guc_level;

		SetCurrentStatementStartTimestamp();
		StartTransactionCommand();
		guc_level = NewGUCNestLevel();
		DoWork(run);
		AtEOXact_GUC(false, guc_level);
		CommitTransactionCommand();
		MemoryContextSwitchTo(run_context);
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

		run->message = psprintf(INT64_FORMAT "%s in %d passes", run->done,
								what ? what : "", run->passes);
	}
}

/*
 * DoRun does one run: marks it running, does the work, and records its
 * end.
 */
static void
DoRun(int64 run_id)
{
	JobRun	   *run;
	MemoryContext old = MemoryContextSwitchTo(run_context);

	run = palloc0(sizeof(JobRun));
	if (!RunBegin(run_id, run))
	{
		/* the run is gone: its job was unscheduled meanwhile */
		MemoryContextSwitchTo(old);
		MemoryContextReset(run_context);
		return;
	}
	run->ok = true;
	PG_TRY();
	{
		if (run->entry != NULL)
		{
			/* network I/O: the entry makes its own short transactions */
			pgstat_report_activity(STATE_RUNNING, run->entry);
			run->message = CallEntry(run->entry, run_id, run->config);
		}
		else
			DoPasses(run);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(run_context);
		edata = CopyErrorData();
		FlushErrorState();
		AbortCurrentTransaction();
		MemoryContextSwitchTo(run_context);
		run->ok = false;
		run->has_rows = false;
		leave_after_run |= run->entry != NULL;
		run->message = psprintf("%s%s%s", edata->message, edata->detail ? " " : "", edata->detail ? edata->detail : "");
	}
	PG_END_TRY();
	pgstat_report_stat(false);
	pgstat_report_activity(STATE_IDLE, NULL);
	RunEnd(run_id, run->ok ? "succeeded" : "failed", run->message, run->rows, run->has_rows);
	MemoryContextSwitchTo(old);
	MemoryContextReset(run_context);
	/*
	 * What the run freed goes back to the system once it adds up: a worker
	 * serves its owner's jobs one after another, and a light job after a
	 * heavy one should not keep the heavy one's high-water mark.
	 */
	motcua_release_free_memory();
}

/*
 * NextRun waits for the run the scheduler hands this worker, and returns
 * it, or 0 when the worker is to leave: idle for MOTCUA_RUNNER_IDLE_MS,
 * or asked to.  A worker that leaves marks itself gone under the lock, so
 * the scheduler never hands it a run it would not do.
 */
static int64
NextRun(MotcuaRunnerSlot *me)
{
	TimestampTz idle_until = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), MOTCUA_RUNNER_IDLE_MS);

	for (;;)
	{
		int64		run_id;
		long		secs;
		int			usecs;

		LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
		run_id = me->run_id;
		if (run_id == 0 && (me->retire || GetCurrentTimestamp() >= idle_until))
			me->gone = true;
		LWLockRelease(motcua_workers->lock);
		if (run_id != 0 || me->gone)
			return run_id;
		TimestampDifference(GetCurrentTimestamp(), idle_until, &secs, &usecs);
		motcua_worker_wait(secs * 1000L + usecs / 1000 + 1);
	}
}

/*
 * RunDone tells the scheduler this worker's run has ended (its end is
 * committed) and whether the worker takes another or leaves.
 */
static void
RunDone(MotcuaRunnerSlot *me, Oid dboid, bool leaving)
{
	MotcuaDatabaseSlot *slot;

	LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
	me->run_id = 0;
	me->gone = leaving;
	slot = motcua_find_slot(dboid, false);
	if (slot != NULL && slot->scheduler_latch != NULL)
		SetLatch(slot->scheduler_latch);
	LWLockRelease(motcua_workers->lock);
}

/*
 * motcua_jobrun_main is a run worker's entry point: its argument is its
 * place among the scheduler's run workers, bgw_extra holds the database's
 * and the owner's OIDs.  The scheduler has handed it its first run.
 */
void
motcua_jobrun_main(Datum arg)
{
	int			index = DatumGetInt32(arg);
	Oid			dboid;
	Oid			owner;
	MotcuaDatabaseSlot *slot;
	MotcuaRunnerSlot *me;
	int64		run_id;

	memcpy(&dboid, MyBgworkerEntry->bgw_extra, sizeof(Oid));
	memcpy(&owner, MyBgworkerEntry->bgw_extra + sizeof(Oid), sizeof(Oid));
	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	if (index < 0 || index >= MOTCUA_MAX_RUNNERS)
		elog(ERROR, "motcua run worker: no place %d", index);
	LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
	slot = motcua_find_slot(dboid, false);
	if (slot == NULL)
	{
		LWLockRelease(motcua_workers->lock);
		proc_exit(0);
	}
	me = &slot->runners[index];
	me->pid = MyProcPid;
	me->latch = &MyProc->procLatch;
	LWLockRelease(motcua_workers->lock);

	BackgroundWorkerInitializeConnectionByOid(dboid, owner, 0);
	pgstat_report_appname("motcua job");
	run_context = AllocSetContextCreate(TopMemoryContext, "motcua run", ALLOCSET_DEFAULT_SIZES);
	while ((run_id = NextRun(me)) != 0)
	{
		Oid			temp_namespace;
		Oid			temp_toast_namespace;

		DoRun(run_id);
		/* a session with temporary tables is not handed to the next run */
		GetTempNamespaceState(&temp_namespace, &temp_toast_namespace);
		leave_after_run |= OidIsValid(temp_namespace);
		RunDone(me, dboid, leave_after_run);
		if (leave_after_run)
			break;
	}
	proc_exit(0);
}

/*-------------------------------------------------------------------------
 *
 * scheduler.c
 *	  The scheduler of one database: it starts each due job's run as its
 *	  own dynamic background worker (jobrun.c), as the job's owner, and
 *	  watches it: a run that errors or dies never takes the scheduler with
 *	  it, a run past its max_runtime is stopped.
 *
 * It sleeps until the next due time, or until a backend sets its latch at
 * commit (schedule_job, alter_job, run_job, unschedule_job, DROP
 * EXTENSION, the KPI queue past its threshold), or until one of its run
 * workers stops (the postmaster tells it, bgw_notify_pid).  It never
 * polls.  The bookkeeping is SQL (92_jobs.defs.sql) run in short
 * transactions, the worker_spi way.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/proc.h"
#include "tcop/tcopprot.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "workers.h"

/* The scheduler's most runs at once, whatever motcua.max_running_jobs. */
#define MAX_TRACKED_RUNS 256

/* A run this scheduler started and watches. */
typedef struct TrackedRun
{
	int64		run_id;
	BackgroundWorkerHandle *handle; /* in TopMemoryContext */
	TimestampTz deadline;		/* max_runtime from its start */
	bool		timed_out;		/* stopped for running too long */
	bool		is_kpi;			/* a kpi_refresh run */
} TrackedRun;

static TrackedRun runs[MAX_TRACKED_RUNS];
static int	nruns = 0;
static Oid	my_dboid = InvalidOid;
static bool kpi_run_in_progress = false;

/*
 * SchedulerDetach stops the runs it started and clears its slot, whether
 * it ends by SIGTERM, by DROP DATABASE or by an error.
 */
static void
SchedulerDetach(int code, Datum arg)
{
	MotcuaDatabaseSlot *slot;
	int			i;

	for (i = 0; i < nruns; i++)
		TerminateBackgroundWorker(runs[i].handle);
	LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
	slot = motcua_find_slot(my_dboid, false);
	if (slot != NULL && slot->scheduler_pid == MyProcPid)
	{
		slot->scheduler_pid = 0;
		slot->scheduler_latch = NULL;
	}
	LWLockRelease(motcua_workers->lock);
}

/* the memory context that was current when the transaction began */
static MemoryContext work_caller = NULL;

/*
 * BeginWork and EndWork wrap one short transaction, the worker_spi way.
 * EndWork returns to the memory context BeginWork found (a commit leaves
 * TopMemoryContext current: what the loop allocates afterwards would
 * never be freed).
 */
static void
BeginWork(const char *what)
{
	work_caller = CurrentMemoryContext;
	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PushActiveSnapshot(GetTransactionSnapshot());
	pgstat_report_activity(STATE_RUNNING, what);
}

static void
EndWork(void)
{
	SPI_finish();
	PopActiveSnapshot();
	CommitTransactionCommand();
	MemoryContextSwitchTo(work_caller);
	pgstat_report_stat(false);
	pgstat_report_activity(STATE_IDLE, NULL);
}

/*
 * ExtensionIsThere: the scheduler ends when motcua is dropped (or was
 * never created) in its database.  It needs the 0.2 job tables too.
 */
static bool
ExtensionIsThere(void)
{
	bool		there;
	MemoryContext caller = CurrentMemoryContext;

	StartTransactionCommand();
	there = OidIsValid(get_extension_oid("motcua", true)) &&
		OidIsValid(get_relname_relid("job_run", get_namespace_oid("motcua_internal", true)));
	CommitTransactionCommand();
	MemoryContextSwitchTo(caller);
	return there;
}

/*
 * Settle records the scheduler's last word on runs (crashed, timed_out,
 * no_worker_slot) and their jobs' retry delays, all in one transaction.
 */
static void
Settle(int n, Datum *run_ids, Datum *outcomes, Datum *details)
{
	Oid			argtypes[3] = {INT8ARRAYOID, TEXTARRAYOID, TEXTARRAYOID};
	Datum		values[3];

	if (n == 0)
		return;
	values[0] = PointerGetDatum(construct_array(run_ids, n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	values[1] = PointerGetDatum(construct_array(outcomes, n, TEXTOID, -1, false, TYPALIGN_INT));
	values[2] = PointerGetDatum(construct_array(details, n, TEXTOID, -1, false, TYPALIGN_INT));
	BeginWork("motcua scheduler: settling runs");
	if (SPI_execute_with_args("SELECT motcua_internal.job_run_settle(r, o, d) FROM unnest($1, $2, $3) u(r, o, d)",
							  3, argtypes, values, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "job_run_settle failed");
	EndWork();
}

/*
 * SettleOne settles a single run (a worker that could not start).
 */
static void
SettleOne(int64 run_id, const char *outcome, const char *detail)
{
	Datum		r = Int64GetDatum(run_id);
	Datum		o = CStringGetTextDatum(outcome);
	Datum		d = CStringGetTextDatum(detail);

	Settle(1, &r, &o, &d);
}

/*
 * WatchRuns settles the runs whose worker stopped and stops those past
 * their deadline; it returns the nearest deadline still ahead.
 */
static TimestampTz
WatchRuns(void)
{
	TimestampTz now = GetCurrentTimestamp();
	TimestampTz nearest = DT_NOEND;
	Datum	   *ids = palloc(sizeof(Datum) * (nruns + 1));
	Datum	   *outcomes = palloc(sizeof(Datum) * (nruns + 1));
	Datum	   *details = palloc(sizeof(Datum) * (nruns + 1));
	int			nstopped = 0;
	int			i = 0;

	kpi_run_in_progress = false;
	while (i < nruns)
	{
		pid_t		pid;
		BgwHandleStatus status = GetBackgroundWorkerPid(runs[i].handle, &pid);

		if (status == BGWH_STOPPED)
		{
			/* a run its worker closed keeps its own status */
			ids[nstopped] = Int64GetDatum(runs[i].run_id);
			outcomes[nstopped] = CStringGetTextDatum(runs[i].timed_out ? "timed_out" : "crashed");
			details[nstopped] = CStringGetTextDatum(runs[i].timed_out
													? "stopped: it ran longer than the job's max_runtime"
													: "the run's process ended without reporting (killed, or it failed to start)");
			nstopped++;
			pfree(runs[i].handle);
			runs[i] = runs[--nruns];
			continue;
		}
		if (!runs[i].timed_out && now >= runs[i].deadline)
		{
			runs[i].timed_out = true;
			TerminateBackgroundWorker(runs[i].handle);
		}
		else if (!runs[i].timed_out && runs[i].deadline < nearest)
			nearest = runs[i].deadline;
		if (runs[i].is_kpi)
			kpi_run_in_progress = true;
		i++;
	}
	Settle(nstopped, ids, outcomes, details);
	return nearest;
}

/*
 * StartRun starts the worker of a run whose started row is committed.
 * Without a free worker slot the run is recorded no_worker_slot and the
 * job retried later.
 */
static void
StartRun(int64 run_id, Oid owner, int64 max_runtime_us, bool is_kpi)
{
	BackgroundWorker worker;
	BackgroundWorkerHandle *handle;
	MemoryContext old;

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = BGW_NEVER_RESTART;
	snprintf(worker.bgw_library_name, BGW_MAXLEN, "motcua");
	snprintf(worker.bgw_function_name, BGW_MAXLEN, "motcua_jobrun_main");
	snprintf(worker.bgw_name, BGW_MAXLEN, "motcua job run " INT64_FORMAT, run_id);
	snprintf(worker.bgw_type, BGW_MAXLEN, "motcua job");
	worker.bgw_main_arg = Int64GetDatum(run_id);
	memcpy(worker.bgw_extra, &my_dboid, sizeof(Oid));
	memcpy(worker.bgw_extra + sizeof(Oid), &owner, sizeof(Oid));
	worker.bgw_notify_pid = MyProcPid;

	old = MemoryContextSwitchTo(TopMemoryContext);
	if (nruns >= MAX_TRACKED_RUNS || !RegisterDynamicBackgroundWorker(&worker, &handle))
	{
		MemoryContextSwitchTo(old);
		SettleOne(run_id, "no_worker_slot", "no background worker slot was free (max_worker_processes); retried later");
		return;
	}
	MemoryContextSwitchTo(old);
	runs[nruns].run_id = run_id;
	runs[nruns].handle = handle;
	runs[nruns].deadline = GetCurrentTimestamp() + max_runtime_us;
	runs[nruns].timed_out = false;
	runs[nruns].is_kpi = is_kpi;
	nruns++;
	if (is_kpi)
		kpi_run_in_progress = true;
}

/*
 * StartDueRuns claims the due jobs (their started rows are committed by
 * the claim) and starts a worker for each.  It returns whether it filled
 * every free place: more may be due, and a run's end wakes the loop.
 */
static bool
StartDueRuns(bool kpi_pending)
{
	int			room = Min(motcua_max_running_jobs, MAX_TRACKED_RUNS) - nruns;
	Oid			argtypes[2] = {INT4OID, BOOLOID};
	Datum		values[2];
	int64	   *ids;
	Oid		   *owners;
	int64	   *limits;
	bool	   *kpi;
	int			n,
				i;
	MemoryContext caller = CurrentMemoryContext;

	if (room <= 0)
		return true;
	values[0] = Int32GetDatum(room);
	values[1] = BoolGetDatum(kpi_pending && !kpi_run_in_progress);
	BeginWork("motcua scheduler: starting due jobs");
	if (SPI_execute_with_args("SELECT c.run_id, r.oid, (extract(epoch FROM c.max_runtime) * 1000000)::int8, j.kind = 'kpi_refresh' "
							  "FROM motcua_internal.jobs_claim_due($1, $2) c "
							  "JOIN pg_catalog.pg_roles r ON r.rolname = c.owner "
							  "JOIN motcua_internal.job j ON j.name = c.job_name",
							  2, argtypes, values, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "jobs_claim_due failed");
	n = (int) SPI_processed;
	/* (what the claim returned outlives its transaction) */
	ids = MemoryContextAlloc(caller, sizeof(int64) * (n + 1));
	owners = MemoryContextAlloc(caller, sizeof(Oid) * (n + 1));
	limits = MemoryContextAlloc(caller, sizeof(int64) * (n + 1));
	kpi = MemoryContextAlloc(caller, sizeof(bool) * (n + 1));
	for (i = 0; i < n; i++)
	{
		bool		isnull;
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;

		ids[i] = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
		owners[i] = DatumGetObjectId(SPI_getbinval(tup, desc, 2, &isnull));
		limits[i] = DatumGetInt64(SPI_getbinval(tup, desc, 3, &isnull));
		kpi[i] = DatumGetBool(SPI_getbinval(tup, desc, 4, &isnull));
	}
	EndWork();
	for (i = 0; i < n; i++)
	{
		if (kpi[i] && motcua_workers != NULL)
		{
			MotcuaDatabaseSlot *slot;

			LWLockAcquire(motcua_workers->lock, LW_SHARED);
			slot = motcua_find_slot(my_dboid, false);
			if (slot != NULL)
				pg_atomic_write_u64(&slot->kpi_dirty, 0);
			LWLockRelease(motcua_workers->lock);
		}
		StartRun(ids[i], owners[i], limits[i], kpi[i]);
	}
	return n == room;
}

/*
 * NextWake returns the next due instant of an enabled job (DT_NOEND when
 * none is due ever).
 */
static TimestampTz
NextWake(void)
{
	TimestampTz next = DT_NOEND;
	bool		isnull;
	Datum		value;

	BeginWork("motcua scheduler: reading the next due time");
	if (SPI_execute("SELECT motcua_internal.jobs_next_wake()", true, 1) != SPI_OK_SELECT)
		elog(ERROR, "jobs_next_wake failed");
	value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (!isnull)
		next = DatumGetTimestampTz(value);
	EndWork();
	return next;
}

/*
 * KpiPending: whether the KPI queue grew past the threshold since the
 * last kpi_refresh run began.
 */
static bool
KpiPending(void)
{
	MotcuaDatabaseSlot *slot;
	bool		pending = false;

	LWLockAcquire(motcua_workers->lock, LW_SHARED);
	slot = motcua_find_slot(my_dboid, false);
	if (slot != NULL)
		pending = pg_atomic_read_u64(&slot->kpi_dirty) >= (uint64) motcua_kpi_refresh_threshold;
	LWLockRelease(motcua_workers->lock);
	return pending;
}

/*
 * motcua_scheduler_main is the scheduler's entry point.
 */
void
motcua_scheduler_main(Datum dboid)
{
	MemoryContext loop_context;
	MotcuaDatabaseSlot *slot;

	my_dboid = DatumGetObjectId(dboid);
	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnectionByOid(my_dboid, InvalidOid, 0);
	pgstat_report_appname("motcua scheduler");

	LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
	slot = motcua_find_slot(my_dboid, true);
	if (slot == NULL || (slot->scheduler_pid > 0 && slot->scheduler_pid != MyProcPid))
	{
		/* another scheduler runs here already */
		LWLockRelease(motcua_workers->lock);
		proc_exit(0);
	}
	slot->scheduler_pid = MyProcPid;
	slot->scheduler_latch = &MyProc->procLatch;
	slot->no_extension = false;
	LWLockRelease(motcua_workers->lock);
	before_shmem_exit(SchedulerDetach, (Datum) 0);

	if (!ExtensionIsThere())
	{
		LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
		slot->no_extension = true;
		slot->checked_at = GetCurrentTimestamp();
		LWLockRelease(motcua_workers->lock);
		proc_exit(0);
	}

	/* runs a previous scheduler left without an end */
	BeginWork("motcua scheduler: marking crashed runs");
	if (SPI_execute("SELECT motcua_internal.jobs_mark_crashed()", false, 1) != SPI_OK_SELECT)
		elog(ERROR, "jobs_mark_crashed failed");
	EndWork();

	loop_context = AllocSetContextCreate(TopMemoryContext, "motcua scheduler loop", ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		MemoryContext old;
		TimestampTz next = DT_NOEND;
		TimestampTz deadline;
		long		timeout_ms;

		old = MemoryContextSwitchTo(loop_context);
		if (!ExtensionIsThere())
			proc_exit(0);
		deadline = WatchRuns();
		/* (a burst keeps every place busy: the next run's end wakes the
		 * loop, no need to read the next due time meanwhile) */
		if (motcua_scheduler_enabled && !StartDueRuns(KpiPending()))
			next = NextWake();
		MemoryContextSwitchTo(old);
		MemoryContextReset(loop_context);

		if (deadline < next)
			next = deadline;
		if (next == DT_NOEND)
			timeout_ms = 3600 * 1000L;
		else
		{
			long		secs;
			int			usecs;

			TimestampDifference(GetCurrentTimestamp(), next, &secs, &usecs);
			timeout_ms = Min(secs * 1000L + usecs / 1000 + 1, 3600 * 1000L);
		}
		motcua_worker_wait(timeout_ms);
	}
}

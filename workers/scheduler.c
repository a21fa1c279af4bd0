/*-------------------------------------------------------------------------
 *
 * scheduler.c
 *	  The scheduler of one database: it hands each due job's run to a run
 *	  worker (jobrun.c), a dynamic background worker connected as the
 *	  job's owner (an idle one of that owner, or a new one), and watches
 *	  it: a run that errors or dies never takes the scheduler with it, a
 *	  run past its max_runtime is stopped.
 *
 * It sleeps until the next due time, or until a backend sets its latch at
 * commit (schedule_job, alter_job, run_job, unschedule_job, DROP
 * EXTENSION, the KPI queue past its threshold), or until one of its run
 * workers ends a run (the worker sets the latch) or stops (the postmaster
 * tells it, bgw_notify_pid).  It never polls.  The bookkeeping is SQL (92_jobs.defs.sql) run in short
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

/*
 * Wake-ups that come within this long of the scheduler's last look at the
 * jobs wait for the window's end, and are taken together then.
 */
#define WAKE_WINDOW_MS 100

/*
 * A run worker this scheduler started; its shared place (the database
 * slot's runners) has the same index.
 */
typedef struct TrackedRunner
{
	BackgroundWorkerHandle *handle; /* in TopMemoryContext; NULL: free */
	Oid			owner;			/* the role it is connected as */
	int64		run_id;			/* the run handed to it, 0 while idle */
	TimestampTz deadline;		/* max_runtime from the run's start */
	bool		timed_out;		/* stopped for running too long */
	bool		is_kpi;			/* its run is a kpi_refresh run */
} TrackedRunner;

static TrackedRunner runners[MOTCUA_MAX_RUNNERS];
static int	nbusy = 0;			/* runners at a run */
static int	nprocs = 0;			/* runners alive, at work or idle */
static Oid	my_dboid = InvalidOid;
static bool kpi_run_in_progress = false;
static bool runs_changed = false;	/* a run ended since the last look */

/*
 * SchedulerDetach stops the run workers it started and clears its slot,
 * whether it ends by SIGTERM, by DROP DATABASE or by an error.
 */
static void
SchedulerDetach(int code, Datum arg)
{
	MotcuaDatabaseSlot *slot;
	int			i;

	for (i = 0; i < MOTCUA_MAX_RUNNERS; i++)
		if (runners[i].handle != NULL)
			TerminateBackgroundWorker(runners[i].handle);
	LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
	slot = motcua_find_slot(my_dboid, false);
	if (slot != NULL && slot->scheduler_pid == MyProcPid)
	{
		slot->scheduler_pid = 0;
		slot->scheduler_latch = NULL;
	}
	LWLockRelease(motcua_workers->lock);
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
	MemoryContext caller = CurrentMemoryContext;
	Oid			argtypes[3] = {INT8ARRAYOID, TEXTARRAYOID, TEXTARRAYOID};
	Datum		values[3];

	if (n == 0)
		return;
	values[0] = PointerGetDatum(construct_array(run_ids, n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	values[1] = PointerGetDatum(construct_array(outcomes, n, TEXTOID, -1, false, TYPALIGN_INT));
	values[2] = PointerGetDatum(construct_array(details, n, TEXTOID, -1, false, TYPALIGN_INT));

	motcua_worker_begin("motcua scheduler: settling runs");
	if (SPI_execute_with_args("SELECT motcua_internal.job_run_settle(r, o, d) FROM unnest($1, $2, $3) u(r, o, d)",
							  3, argtypes, values, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "job_run_settle failed");
	motcua_worker_end(caller);
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
 * WatchRuns settles the runs whose worker stopped before reporting their
 * end, stops those past their deadline, and counts the workers at work
 * and idle; it returns the nearest deadline still ahead.
 */
static TimestampTz
WatchRuns(void)
{
	TimestampTz now = GetCurrentTimestamp();
	TimestampTz nearest = DT_NOEND;
	int64		shared_run[MOTCUA_MAX_RUNNERS];
	Datum		ids[MOTCUA_MAX_RUNNERS];
	Datum		outcomes[MOTCUA_MAX_RUNNERS];
	Datum		details[MOTCUA_MAX_RUNNERS];
	int			nstopped = 0;
	MotcuaDatabaseSlot *slot;
	int			i;

	LWLockAcquire(motcua_workers->lock, LW_SHARED);
	slot = motcua_find_slot(my_dboid, false);
	for (i = 0; i < MOTCUA_MAX_RUNNERS; i++)
		shared_run[i] = slot != NULL ? slot->runners[i].run_id : 0;
	LWLockRelease(motcua_workers->lock);

	kpi_run_in_progress = false;
	nbusy = nprocs = 0;
	runs_changed = false;
	for (i = 0; i < MOTCUA_MAX_RUNNERS; i++)
	{
		TrackedRunner *r = &runners[i];
		pid_t		pid;

		if (r->handle == NULL)
			continue;
		if (GetBackgroundWorkerPid(r->handle, &pid) == BGWH_STOPPED)
		{
			/* a run its worker ended keeps its own status */
			runs_changed |= r->run_id != 0;
			if (shared_run[i] != 0)
			{
				ids[nstopped] = Int64GetDatum(shared_run[i]);
				outcomes[nstopped] = CStringGetTextDatum(r->timed_out ? "timed_out" : "crashed");
				details[nstopped] = CStringGetTextDatum(r->timed_out
														? "stopped: it ran longer than the job's max_runtime"
														: "the run's process ended without reporting (killed, or it failed to start)");
				nstopped++;
			}
			pfree(r->handle);
			r->handle = NULL;
			LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
			if (slot != NULL)
				memset(&slot->runners[i], 0, sizeof(MotcuaRunnerSlot));
			LWLockRelease(motcua_workers->lock);
			continue;
		}
		nprocs++;
		runs_changed |= r->run_id != shared_run[i];
		r->run_id = shared_run[i];
		if (r->run_id == 0)
			continue;
		nbusy++;
		if (!r->timed_out && now >= r->deadline)
		{
			r->timed_out = true;
			TerminateBackgroundWorker(r->handle);
		}
		else if (!r->timed_out && r->deadline < nearest)
			nearest = r->deadline;
		if (r->is_kpi)
			kpi_run_in_progress = true;
	}
	Settle(nstopped, ids, outcomes, details);
	return nearest;
}

/*
 * HandToIdle hands a run to an idle worker of its owner and returns its
 * index; -1 when none is idle (or the idle ones are leaving).
 */
static int
HandToIdle(int64 run_id, Oid owner)
{
	MotcuaDatabaseSlot *slot;
	int			i;

	for (i = 0; i < MOTCUA_MAX_RUNNERS; i++)
	{
		bool		handed = false;

		if (runners[i].handle == NULL || runners[i].run_id != 0 || runners[i].owner != owner)
			continue;
		LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
		slot = motcua_find_slot(my_dboid, false);
		if (slot != NULL && slot->runners[i].run_id == 0 && !slot->runners[i].gone &&
			!slot->runners[i].retire && slot->runners[i].latch != NULL)
		{
			slot->runners[i].run_id = run_id;
			SetLatch(slot->runners[i].latch);
			handed = true;
		}
		LWLockRelease(motcua_workers->lock);
		if (handed)
		{
			runners[i].run_id = run_id;
			return i;
		}
	}
	return -1;
}

/*
 * RetireIdle asks one idle worker of another owner to leave, to make
 * room for a worker of this one.
 */
static void
RetireIdle(Oid owner)
{
	MotcuaDatabaseSlot *slot;
	int			i;

	LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
	slot = motcua_find_slot(my_dboid, false);
	for (i = 0; slot != NULL && i < MOTCUA_MAX_RUNNERS; i++)
	{
		MotcuaRunnerSlot *r = &slot->runners[i];

		if (runners[i].handle != NULL && runners[i].owner != owner && r->run_id == 0 &&
			!r->gone && !r->retire && r->latch != NULL)
		{
			r->retire = true;
			SetLatch(r->latch);
			break;
		}
	}
	LWLockRelease(motcua_workers->lock);
}

/*
 * StartRun hands a run whose started row is committed to a worker: an
 * idle one of the job's owner, or a new one.  Without a free worker slot
 * the run is recorded no_worker_slot and the job retried later.
 */
static void
StartRun(int64 run_id, Oid owner, int64 max_runtime_us, bool is_kpi)
{
	BackgroundWorker worker;
	BackgroundWorkerHandle *handle = NULL;
	MotcuaDatabaseSlot *slot;
	MemoryContext old;
	int			i = HandToIdle(run_id, owner);

	if (i < 0)
	{
		if (nprocs >= motcua_max_running_jobs)
			RetireIdle(owner);
		for (i = 0; i < MOTCUA_MAX_RUNNERS && runners[i].handle != NULL; i++)
			;
		if (i < MOTCUA_MAX_RUNNERS)
		{
			LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
			slot = motcua_find_slot(my_dboid, false);
			if (slot != NULL)
			{
				memset(&slot->runners[i], 0, sizeof(MotcuaRunnerSlot));
				slot->runners[i].run_id = run_id;
			}
			LWLockRelease(motcua_workers->lock);

			motcua_worker_describe(&worker, "motcua_jobrun_main", "motcua job");
			snprintf(worker.bgw_name, BGW_MAXLEN, "motcua job runner %d", i);
			worker.bgw_main_arg = Int32GetDatum(i);
			memcpy(worker.bgw_extra, &my_dboid, sizeof(Oid));
			memcpy(worker.bgw_extra + sizeof(Oid), &owner, sizeof(Oid));
			old = MemoryContextSwitchTo(TopMemoryContext);
			if (slot == NULL || !RegisterDynamicBackgroundWorker(&worker, &handle))
				handle = NULL;
			MemoryContextSwitchTo(old);
		}
		if (handle == NULL)
		{
			if (i < MOTCUA_MAX_RUNNERS)
			{
				LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
				if (slot != NULL)
					memset(&slot->runners[i], 0, sizeof(MotcuaRunnerSlot));
				LWLockRelease(motcua_workers->lock);
			}
			SettleOne(run_id, "no_worker_slot", "no background worker slot was free (max_worker_processes); retried later");
			return;
		}
		runners[i].handle = handle;
		runners[i].owner = owner;
		runners[i].run_id = run_id;
		nprocs++;
	}
	runners[i].deadline = GetCurrentTimestamp() + max_runtime_us;
	runners[i].timed_out = false;
	runners[i].is_kpi = is_kpi;
	nbusy++;
	if (is_kpi)
		kpi_run_in_progress = true;
}

/* What woke a kind's job: the KPI queue grew, or a lookup was queued. */
typedef enum WokenKind
{
	WOKEN_NONE,
	WOKEN_KPI,
	WOKEN_LOOKUP,
	WOKEN_PORTAL
} WokenKind;

/*
 * Woken says which kinds' jobs are to start now whatever their schedule:
 * kpi_refresh when the KPI queue grew past the threshold since its last
 * run began (and none runs), national_lookup when a lookup was queued and
 * portal_sync when a dossier event was, since their last run began.
 */
static ArrayType *
Woken(void)
{
	MotcuaDatabaseSlot *slot;
	Datum		kinds[3];
	int			n = 0;

	LWLockAcquire(motcua_workers->lock, LW_SHARED);
	slot = motcua_find_slot(my_dboid, false);
	if (slot != NULL && !kpi_run_in_progress &&
		pg_atomic_read_u64(&slot->kpi_dirty) >= (uint64) motcua_kpi_refresh_threshold)
		kinds[n++] = CStringGetTextDatum("kpi_refresh");
	if (slot != NULL && (pg_atomic_read_u32(&slot->queued) & MOTCUA_QUEUED_LOOKUP) != 0)
		kinds[n++] = CStringGetTextDatum("national_lookup");
	if (slot != NULL && (pg_atomic_read_u32(&slot->queued) & MOTCUA_QUEUED_PORTAL) != 0)
		kinds[n++] = CStringGetTextDatum("portal_sync");
	LWLockRelease(motcua_workers->lock);
	return construct_array(kinds, n, TEXTOID, -1, false, TYPALIGN_INT);
}

/*
 * Unwake clears what woke a kind whose run is about to start: what comes
 * after is for the next run.
 */
static void
Unwake(WokenKind woken)
{
	MotcuaDatabaseSlot *slot;

	if (woken == WOKEN_NONE)
		return;
	LWLockAcquire(motcua_workers->lock, LW_SHARED);
	slot = motcua_find_slot(my_dboid, false);
	if (slot != NULL && woken == WOKEN_KPI)
		pg_atomic_write_u64(&slot->kpi_dirty, 0);
	if (slot != NULL && woken == WOKEN_LOOKUP)
		pg_atomic_fetch_and_u32(&slot->queued, ~(uint32) MOTCUA_QUEUED_LOOKUP);
	if (slot != NULL && woken == WOKEN_PORTAL)
		pg_atomic_fetch_and_u32(&slot->queued, ~(uint32) MOTCUA_QUEUED_PORTAL);
	LWLockRelease(motcua_workers->lock);
}

/*
 * StartDueRuns claims the due jobs (their started rows are committed by
 * the claim) and starts a worker for each.  It returns whether it filled
 * every free place: more may be due, and a run's end wakes the loop.
 */
static bool
StartDueRuns(void)
{
	int			room = motcua_max_running_jobs - nbusy;
	Oid			argtypes[2] = {INT4OID, TEXTARRAYOID};
	Datum		values[2];
	int64	   *ids;
	Oid		   *owners;
	int64	   *limits;
	WokenKind  *kinds;
	int			n,
				i;
	MemoryContext caller = CurrentMemoryContext;

	if (room <= 0)
		return true;
	values[0] = Int32GetDatum(room);
	values[1] = PointerGetDatum(Woken());
	motcua_worker_begin("motcua scheduler: starting due jobs");
	if (SPI_execute_with_args("SELECT c.run_id, r.oid, (extract(epoch FROM c.max_runtime) * 1000000)::int8, "
							  "CASE j.kind WHEN 'kpi_refresh' THEN 1 WHEN 'national_lookup' THEN 2 WHEN 'portal_sync' THEN 3 ELSE 0 END "
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
	kinds = MemoryContextAlloc(caller, sizeof(WokenKind) * (n + 1));
	for (i = 0; i < n; i++)
	{
		bool		isnull;
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;

		ids[i] = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
		owners[i] = DatumGetObjectId(SPI_getbinval(tup, desc, 2, &isnull));
		limits[i] = DatumGetInt64(SPI_getbinval(tup, desc, 3, &isnull));
		kinds[i] = (WokenKind) DatumGetInt32(SPI_getbinval(tup, desc, 4, &isnull));
	}
	motcua_worker_end(caller);
	for (i = 0; i < n; i++)
	{
		Unwake(kinds[i]);
		StartRun(ids[i], owners[i], limits[i], kinds[i] == WOKEN_KPI);
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

	MemoryContext caller = CurrentMemoryContext;

	motcua_worker_begin("motcua scheduler: reading the next due time");
	if (SPI_execute("SELECT motcua_internal.jobs_next_wake()", true, 1) != SPI_OK_SELECT)
		elog(ERROR, "jobs_next_wake failed");
	value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (!isnull)
		next = DatumGetTimestampTz(value);
	motcua_worker_end(caller);
	return next;
}

/*
 * motcua_scheduler_main is the scheduler's entry point.
 */
void
motcua_scheduler_main(Datum dboid)
{
	MemoryContext loop_context;
	MotcuaDatabaseSlot *slot;
	TimestampTz known_next = 0; /* the next due time read last */
	TimestampTz last_look = 0;	/* when the jobs were read last */
	uint64		seen_wakes = 0;
	bool		filled_every_place = false;

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
	motcua_worker_begin("motcua scheduler: marking crashed runs");
	if (SPI_execute("SELECT motcua_internal.jobs_mark_crashed()", false, 1) != SPI_OK_SELECT)
		elog(ERROR, "jobs_mark_crashed failed");
	motcua_worker_end(TopMemoryContext);

	loop_context = AllocSetContextCreate(TopMemoryContext, "motcua scheduler loop", ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		MemoryContext old;
		TimestampTz deadline;
		TimestampTz next;
		uint64		wakes = pg_atomic_read_u64(&slot->wakes);
		long		timeout_ms;

		old = MemoryContextSwitchTo(loop_context);
		if (!ExtensionIsThere())
			proc_exit(0);
		deadline = WatchRuns();

		/*
		 * The jobs are read again only when something may have changed: a
		 * run ended, a commit woke us (schedule_job, run_job, a queue), the
		 * next due time came, or the last look left jobs waiting for a
		 * place.  (A run worker leaving idle wakes us for nothing.)
		 */
		if (!motcua_scheduler_enabled)
			known_next = 0;
		else if (runs_changed || wakes != seen_wakes || filled_every_place ||
				 GetCurrentTimestamp() >= known_next)
		{
			TimestampTz now = GetCurrentTimestamp();

			/*
			 * Commits that queue work wake us one by one (hundreds a second
			 * under load); those that come within WAKE_WINDOW_MS of the last
			 * look are taken together at the window's end: one look, and
			 * the woken jobs start with more work each.
			 */
			if (!runs_changed && !filled_every_place && now < known_next &&
				now < TimestampTzPlusMilliseconds(last_look, WAKE_WINDOW_MS))
			{
				long		left_ms = TimestampDifferenceMilliseconds(now,
																	  TimestampTzPlusMilliseconds(last_look, WAKE_WINDOW_MS));

				MemoryContextSwitchTo(old);
				MemoryContextReset(loop_context);
				/* (the latch stays set: the wait after the look is short) */
				(void) WaitLatch(MyLatch, WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, Max(left_ms, 1), PG_WAIT_EXTENSION);
				CHECK_FOR_INTERRUPTS();
				continue;
			}
			last_look = now;
			seen_wakes = wakes;
			filled_every_place = StartDueRuns();
			/* (a burst keeps every place busy: the next run's end wakes
			 * the loop, no need to read the next due time meanwhile) */
			known_next = filled_every_place ? DT_NOEND : NextWake();
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(loop_context);

		next = motcua_scheduler_enabled ? Min(known_next, deadline) : deadline;
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

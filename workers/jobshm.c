/*-------------------------------------------------------------------------
 *
 * jobshm.c
 *	  The shared state of motcua's workers, and how backends reach them:
 *	  one slot per database (its scheduler's PID and latch, the KPI queue
 *	  counter), wake-ups sent at commit, and the DROP DATABASE and DROP
 *	  EXTENSION hooks that stop a database's scheduler.
 *
 * A backend never wakes a worker before its transaction commits: the
 * worker would look before the change is visible.  So the SQL functions
 * below only note what to do, and a transaction callback does it at
 * commit (and forgets it at abort).  Without shared_preload_libraries
 * there is no shared state and every function here is a no-op.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/snapmgr.h"

#include "executor/spi.h"

#include <signal.h>

#include "access/xact.h"
#include "commands/dbcommands.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "pgstat.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "tcop/utility.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/timestamp.h"

#include "workers.h"

MotcuaWorkerShared *motcua_workers = NULL;

static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;
static ProcessUtility_hook_type prev_utility_hook = NULL;

/* what this backend will do when its transaction commits */
static bool wake_at_commit = false;
static bool extension_created = false;
static uint64 kpi_dirty_pending = 0;
static uint32 queued = 0;	/* MOTCUA_QUEUED_* bits */
static bool xact_callback_registered = false;

/*
 * MotcuaShmemRequest asks for the shared state and its lock.
 */
static void
MotcuaShmemRequest(void)
{
	if (prev_shmem_request_hook)
		prev_shmem_request_hook();
	RequestAddinShmemSpace(MAXALIGN(sizeof(MotcuaWorkerShared)));
	RequestNamedLWLockTranche("motcua", 1);
}

/*
 * MotcuaShmemStartup creates (or, in a backend, finds) the shared state.
 */
static void
MotcuaShmemStartup(void)
{
	bool		found;

	if (prev_shmem_startup_hook)
		prev_shmem_startup_hook();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	motcua_workers = ShmemInitStruct("motcua workers", sizeof(MotcuaWorkerShared), &found);
	if (!found)
	{
		int			i;

		memset(motcua_workers, 0, sizeof(MotcuaWorkerShared));
		motcua_workers->lock = &(GetNamedLWLockTranche("motcua"))->lock;
		for (i = 0; i < MOTCUA_MAX_DATABASES; i++)
		{
			pg_atomic_init_u64(&motcua_workers->slots[i].kpi_dirty, 0);
			pg_atomic_init_u32(&motcua_workers->slots[i].queued, 0);
			pg_atomic_init_u64(&motcua_workers->slots[i].wakes, 0);
		}
	}
	LWLockRelease(AddinShmemInitLock);
}

/*
 * motcua_workers_shmem_request installs the shared memory hooks (from
 * _PG_init, when preloaded).
 */
void
motcua_workers_shmem_request(void)
{
	prev_shmem_request_hook = shmem_request_hook;
	shmem_request_hook = MotcuaShmemRequest;
	prev_shmem_startup_hook = shmem_startup_hook;
	shmem_startup_hook = MotcuaShmemStartup;
}

/*
 * motcua_find_slot returns the slot of a database, taking a free one when
 * create is true (NULL when there is none).  The caller holds the lock.
 */
MotcuaDatabaseSlot *
motcua_find_slot(Oid dboid, bool create)
{
	int			i;
	MotcuaDatabaseSlot *free_slot = NULL;

	for (i = 0; i < MOTCUA_MAX_DATABASES; i++)
	{
		MotcuaDatabaseSlot *slot = &motcua_workers->slots[i];

		if (slot->dboid == dboid)
			return slot;
		if (slot->dboid == InvalidOid && free_slot == NULL)
			free_slot = slot;
	}
	if (create && free_slot != NULL)
	{
		free_slot->dboid = dboid;
		free_slot->scheduler_pid = 0;
		free_slot->scheduler_latch = NULL;
		free_slot->no_extension = false;
		free_slot->dropping = false;
		pg_atomic_write_u64(&free_slot->kpi_dirty, 0);
		pg_atomic_write_u32(&free_slot->queued, 0);
		memset(free_slot->runners, 0, sizeof(free_slot->runners));
		return free_slot;
	}
	return NULL;
}

/*
 * motcua_wake_scheduler sets the latch of a database's scheduler, or the
 * launcher's when none runs (it will start one).
 */
void
motcua_wake_scheduler(Oid dboid)
{
	MotcuaDatabaseSlot *slot;
	Latch	   *latch = NULL;

	if (motcua_workers == NULL)
		return;
	LWLockAcquire(motcua_workers->lock, LW_SHARED);
	slot = motcua_find_slot(dboid, false);
	if (slot != NULL)
		pg_atomic_fetch_add_u64(&slot->wakes, 1);
	if (slot != NULL && slot->scheduler_pid > 0)
		latch = slot->scheduler_latch;
	else
		latch = motcua_workers->launcher_latch;
	if (latch != NULL)
		SetLatch(latch);
	LWLockRelease(motcua_workers->lock);
}

/*
 * AtCommit carries out what this transaction asked for: the count of KPI
 * queue rows, a wake-up of the scheduler (always when the count passes
 * the threshold), and, after CREATE EXTENSION, a scheduler for this
 * database.
 */
static void
AtCommit(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_COMMIT && motcua_workers != NULL &&
		(wake_at_commit || extension_created || kpi_dirty_pending > 0 || queued != 0))
	{
		MotcuaDatabaseSlot *slot;
		bool		wake = wake_at_commit || extension_created || queued != 0;

		LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
		slot = motcua_find_slot(MyDatabaseId, extension_created);
		if (slot != NULL)
		{
			if (extension_created)
				slot->no_extension = false;
			if (queued != 0)
				pg_atomic_fetch_or_u32(&slot->queued, queued);
			if (kpi_dirty_pending > 0 &&
				pg_atomic_add_fetch_u64(&slot->kpi_dirty, kpi_dirty_pending) >=
				(uint64) motcua_kpi_refresh_threshold)
				wake = true;
		}
		LWLockRelease(motcua_workers->lock);
		if (wake)
			motcua_wake_scheduler(MyDatabaseId);
	}
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT)
	{
		wake_at_commit = false;
		extension_created = false;
		kpi_dirty_pending = 0;
		queued = 0;
	}
}

/*
 * RegisterAtCommit installs the transaction callback once per backend.
 */
static void
RegisterAtCommit(void)
{
	if (!xact_callback_registered)
	{
		RegisterXactCallback(AtCommit, NULL);
		xact_callback_registered = true;
	}
}

/*
 * motcua_wake_scheduler_at_commit: schedule_job, alter_job, run_job and
 * unschedule_job call it so the scheduler looks again once they commit.
 */
PG_FUNCTION_INFO_V1(motcua_wake_scheduler_at_commit);
Datum
motcua_wake_scheduler_at_commit(PG_FUNCTION_ARGS)
{
	RegisterAtCommit();
	wake_at_commit = true;
	PG_RETURN_VOID();
}

/*
 * motcua_extension_created: the install script calls it, so that the
 * launcher starts this database's scheduler once CREATE EXTENSION commits
 * (without waiting for its next look).
 */
PG_FUNCTION_INFO_V1(motcua_extension_created);
Datum
motcua_extension_created(PG_FUNCTION_ARGS)
{
	RegisterAtCommit();
	extension_created = true;
	PG_RETURN_VOID();
}

/*
 * motcua_count_kpi_dirty: the KPI queue's trigger (kpiqueue.c) calls it for
 * each row it queues; past motcua.kpi_refresh_threshold committed rows the
 * scheduler starts kpi_refresh at once.
 */
void
motcua_count_kpi_dirty(void)
{
	if (motcua_workers != NULL)
	{
		RegisterAtCommit();
		kpi_dirty_pending++;
	}
}

/* motcua_note_kpi_dirty is motcua_count_kpi_dirty for SQL. */
PG_FUNCTION_INFO_V1(motcua_note_kpi_dirty);
Datum
motcua_note_kpi_dirty(PG_FUNCTION_ARGS)
{
	motcua_count_kpi_dirty();
	PG_RETURN_VOID();
}

/*
 * motcua_note_queued: work was queued in this transaction for a kind
 * (MOTCUA_QUEUED_* bits); at its commit the scheduler starts its job.
 */
void
motcua_note_queued(uint32 what)
{
	if (motcua_workers != NULL)
	{
		RegisterAtCommit();
		queued |= what;
	}
}

/*
 * motcua_note_lookup_queued and motcua_note_portal_queued are
 * motcua_note_queued for SQL (request_lookup, the portal outbox trigger).
 */
PG_FUNCTION_INFO_V1(motcua_note_lookup_queued);
Datum
motcua_note_lookup_queued(PG_FUNCTION_ARGS)
{
	motcua_note_queued(MOTCUA_QUEUED_LOOKUP);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(motcua_note_portal_queued);
Datum
motcua_note_portal_queued(PG_FUNCTION_ARGS)
{
	motcua_note_queued(MOTCUA_QUEUED_PORTAL);
	PG_RETURN_VOID();
}

/*
 * motcua_scheduler_state says in words whether a scheduler runs for this
 * database, and if not, why (motcua.jobs shows it).
 */
PG_FUNCTION_INFO_V1(motcua_scheduler_state);
Datum
motcua_scheduler_state(PG_FUNCTION_ARGS)
{
	MotcuaDatabaseSlot *slot;
	pid_t		pid = 0;

	if (motcua_workers == NULL)
		PG_RETURN_TEXT_P(cstring_to_text("no scheduler runs: motcua is not in shared_preload_libraries "
										 "(jobs can be scheduled; nothing runs them)"));
	if (!motcua_scheduler_enabled)
		PG_RETURN_TEXT_P(cstring_to_text("no scheduler runs: motcua.scheduler_enabled is off"));
	LWLockAcquire(motcua_workers->lock, LW_SHARED);
	slot = motcua_find_slot(MyDatabaseId, false);
	if (slot != NULL)
		pid = slot->scheduler_pid;
	LWLockRelease(motcua_workers->lock);
	if (pid <= 0)
		PG_RETURN_TEXT_P(cstring_to_text("the scheduler is starting (the launcher starts it within motcua.launcher_naptime)"));
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("running (pid %d)", (int) pid)));
}

/*
 * StopSchedulerOf stops a database's scheduler (and so its runs) before
 * DROP DATABASE, which would otherwise find them connected, and keeps the
 * launcher from starting another one for a while.  It waits up to 5 s.
 */
static void
StopSchedulerOf(Oid dboid)
{
	int			waited;

	for (waited = 0; waited < 500; waited++)
	{
		MotcuaDatabaseSlot *slot;
		pid_t		pid = 0;

		LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
		slot = motcua_find_slot(dboid, false);
		if (slot != NULL)
		{
			slot->dropping = true;
			slot->checked_at = GetCurrentTimestamp();
			pid = slot->scheduler_pid;
		}
		LWLockRelease(motcua_workers->lock);
		if (pid == 0)
			return;
		/* (-1 marks a scheduler the launcher is starting: no process yet) */
		if (pid > 0 && (waited == 0 || waited % 50 == 0))
			kill(pid, SIGTERM);
		CHECK_FOR_INTERRUPTS();
		pg_usleep(10000L);
	}
}

/*
 * MotcuaProcessUtility stops the scheduler of a database being dropped,
 * and wakes this database's scheduler at the commit of DROP EXTENSION
 * motcua (it then finds the extension gone and exits).
 */
static void
MotcuaProcessUtility(PlannedStmt *pstmt, const char *queryString, bool readOnlyTree,
					 ProcessUtilityContext context, ParamListInfo params,
					 QueryEnvironment *queryEnv, DestReceiver *dest, QueryCompletion *qc)
{
	Node	   *parsetree = pstmt->utilityStmt;

	if (motcua_workers != NULL && IsA(parsetree, DropdbStmt))
	{
		Oid			dboid = get_database_oid(((DropdbStmt *) parsetree)->dbname, true);

		if (OidIsValid(dboid))
			StopSchedulerOf(dboid);
	}
	else if (motcua_workers != NULL && IsA(parsetree, DropStmt) &&
			 ((DropStmt *) parsetree)->removeType == OBJECT_EXTENSION)
	{
		RegisterAtCommit();
		wake_at_commit = true;
	}
	if (prev_utility_hook)
		prev_utility_hook(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);
	else
		standard_ProcessUtility(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);
}

/*
 * motcua_workers_utility_hook_init installs the utility hook (preloaded
 * only).
 */
void
motcua_workers_utility_hook_init(void)
{
	prev_utility_hook = ProcessUtility_hook;
	ProcessUtility_hook = MotcuaProcessUtility;
}

/*
 * motcua_worker_wait is the one wait point of the launcher's and the
 * schedulers' loops: the latch, the timeout or postmaster death; then
 * interrupts (SIGTERM, barriers of DROP DATABASE) and a reload on SIGHUP.
 */
void
motcua_worker_wait(long timeout_ms)
{
	(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, timeout_ms, PG_WAIT_EXTENSION);
	ResetLatch(MyLatch);
	CHECK_FOR_INTERRUPTS();
	if (ConfigReloadPending)
	{
		ConfigReloadPending = false;
		ProcessConfigFile(PGC_SIGHUP);
	}
}

/*
 * motcua_worker_begin and motcua_worker_end wrap one short transaction of
 * a worker with SPI, the worker_spi way, reporting what it does.
 * motcua_worker_end returns to the memory context the caller names (a
 * commit leaves TopMemoryContext current: what a loop allocates after it
 * would never be freed).
 */
void
motcua_worker_begin(const char *what)
{
	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PushActiveSnapshot(GetTransactionSnapshot());
	pgstat_report_activity(STATE_RUNNING, what);
}

void
motcua_worker_end(MemoryContext back_to)
{
	SPI_finish();
	PopActiveSnapshot();
	CommitTransactionCommand();
	MemoryContextSwitchTo(back_to);
	pgstat_report_stat(false);
	pgstat_report_activity(STATE_IDLE, NULL);
}

/*
 * motcua_worker_describe fills what the launcher's schedulers and the
 * schedulers' run workers have in common: motcua's dynamic background
 * workers connected to a database, never restarted by the postmaster
 * (their starter does it), reporting their end to the starter.
 */
void
motcua_worker_describe(BackgroundWorker *worker, const char *function, const char *type)
{
	memset(worker, 0, sizeof(*worker));
	worker->bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker->bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker->bgw_restart_time = BGW_NEVER_RESTART;
	snprintf(worker->bgw_library_name, BGW_MAXLEN, "motcua");
	snprintf(worker->bgw_function_name, BGW_MAXLEN, "%s", function);
	snprintf(worker->bgw_type, BGW_MAXLEN, "%s", type);
	worker->bgw_notify_pid = MyProcPid;
}

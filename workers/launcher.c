/*-------------------------------------------------------------------------
 *
 * launcher.c
 *	  The launcher: one per cluster, registered when motcua is preloaded.
 *	  It looks at pg_database every motcua.launcher_naptime seconds (or
 *	  when a backend wakes it: CREATE EXTENSION motcua) and starts a
 *	  scheduler in each database that has none; a scheduler that finds no
 *	  motcua in its database says so and exits.
 *
 * Like TimescaleDB's launcher it connects to no database: pg_database is
 * a shared catalog.  The schedulers are dynamic workers that notify the
 * launcher when they stop, so one killed is started again at once.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_database.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/proc.h"
#include "tcop/tcopprot.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "workers.h"

/* A database found without motcua is looked at again after this long. */
#define NO_EXTENSION_RECHECK_MS (10 * 60 * 1000)
/* A database being dropped gets no scheduler for this long. */
#define DROPPING_HOLD_MS (60 * 1000)

/*
 * motcua_register_launcher registers the launcher with the postmaster
 * (from _PG_init, when preloaded).
 */
void
motcua_register_launcher(void)
{
	BackgroundWorker worker;

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = 5;
	snprintf(worker.bgw_library_name, BGW_MAXLEN, "motcua");
	snprintf(worker.bgw_function_name, BGW_MAXLEN, "motcua_launcher_main");
	snprintf(worker.bgw_name, BGW_MAXLEN, "motcua launcher");
	snprintf(worker.bgw_type, BGW_MAXLEN, "motcua launcher");
	RegisterBackgroundWorker(&worker);
}

/*
 * LauncherDetach clears the launcher's latch from shared memory on exit.
 */
static void
LauncherDetach(int code, Datum arg)
{
	LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
	if (motcua_workers->launcher_pid == MyProcPid)
	{
		motcua_workers->launcher_pid = 0;
		motcua_workers->launcher_latch = NULL;
	}
	LWLockRelease(motcua_workers->lock);
}

/*
 * ListDatabases returns the OIDs of the databases that accept
 * connections (templates aside), read from pg_database.
 */
static List *
ListDatabases(void)
{
	List	   *dbs = NIL;
	Relation	rel;
	TableScanDesc scan;
	HeapTuple	tup;
	MemoryContext caller = CurrentMemoryContext;

	StartTransactionCommand();
	(void) GetTransactionSnapshot();
	rel = table_open(DatabaseRelationId, AccessShareLock);
	scan = table_beginscan_catalog(rel, 0, NULL);
	while ((tup = heap_getnext(scan, ForwardScanDirection)) != NULL)
	{
		Form_pg_database db = (Form_pg_database) GETSTRUCT(tup);

		if (db->datallowconn && !db->datistemplate)
		{
			/* (the list outlives the transaction) */
			MemoryContext txn = MemoryContextSwitchTo(caller);

			dbs = lappend_oid(dbs, db->oid);
			MemoryContextSwitchTo(txn);
		}
	}
	table_endscan(scan);
	table_close(rel, AccessShareLock);
	CommitTransactionCommand();
	MemoryContextSwitchTo(caller);
	return dbs;
}

/*
 * StartScheduler starts the scheduler of a database as a dynamic worker
 * that notifies the launcher when it stops.  False when no worker slot
 * is free (the next look tries again).
 */
static bool
StartScheduler(Oid dboid)
{
	BackgroundWorker worker;
	BackgroundWorkerHandle *handle;

	motcua_worker_describe(&worker, "motcua_scheduler_main", "motcua scheduler");
	snprintf(worker.bgw_name, BGW_MAXLEN, "motcua scheduler %u", dboid);
	worker.bgw_main_arg = ObjectIdGetDatum(dboid);
	if (!RegisterDynamicBackgroundWorker(&worker, &handle))
		return false;
	pfree(handle);
	return true;
}

/*
 * LookAtDatabases starts the schedulers that are missing and forgets the
 * databases that are gone.  A slot whose scheduler is starting holds
 * the PID -1 until the scheduler writes its own, so one look never starts
 * two.
 */
static void
LookAtDatabases(void)
{
	List	   *dbs = ListDatabases();
	ListCell   *lc;
	TimestampTz now = GetCurrentTimestamp();
	int			i;

	LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
	for (i = 0; i < MOTCUA_MAX_DATABASES; i++)
	{
		MotcuaDatabaseSlot *slot = &motcua_workers->slots[i];

		if (slot->dboid != InvalidOid && !list_member_oid(dbs, slot->dboid) && slot->scheduler_pid == 0)
			slot->dboid = InvalidOid;
		else if (slot->scheduler_pid == -1 &&
				 TimestampDifferenceExceeds(slot->checked_at, now, 60 * 1000))
			slot->scheduler_pid = 0;	/* a start that never came */
	}
	foreach(lc, dbs)
	{
		Oid			dboid = lfirst_oid(lc);
		MotcuaDatabaseSlot *slot = motcua_find_slot(dboid, true);

		if (slot == NULL || slot->scheduler_pid != 0)
			continue;
		if (slot->dropping && !TimestampDifferenceExceeds(slot->checked_at, now, DROPPING_HOLD_MS))
			continue;
		if (slot->no_extension && !TimestampDifferenceExceeds(slot->checked_at, now, NO_EXTENSION_RECHECK_MS))
			continue;
		/* a scheduler that keeps failing is started at most once a naptime */
		if (!slot->no_extension && slot->checked_at != 0 &&
			!TimestampDifferenceExceeds(slot->checked_at, now, Min(motcua_launcher_naptime, 5) * 1000))
			continue;
		slot->dropping = false;
		slot->scheduler_pid = -1;
		slot->checked_at = now;
		LWLockRelease(motcua_workers->lock);
		if (!StartScheduler(dboid))
		{
			ereport(LOG,
					(errmsg("motcua launcher could not start a scheduler for database %u: no background worker slot", dboid),
					 errhint("Raise max_worker_processes.")));
			LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
			slot->scheduler_pid = 0;
			break;
		}
		LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
	}
	LWLockRelease(motcua_workers->lock);
	list_free(dbs);
}

/*
 * motcua_launcher_main is the launcher's entry point: one wait point,
 * the loop resets its memory every turn.
 */
void
motcua_launcher_main(Datum arg)
{
	MemoryContext loop_context;

	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnection(NULL, NULL, 0);
	pgstat_report_appname("motcua launcher");

	LWLockAcquire(motcua_workers->lock, LW_EXCLUSIVE);
	motcua_workers->launcher_pid = MyProcPid;
	motcua_workers->launcher_latch = &MyProc->procLatch;
	LWLockRelease(motcua_workers->lock);
	before_shmem_exit(LauncherDetach, (Datum) 0);

	loop_context = AllocSetContextCreate(TopMemoryContext, "motcua launcher loop", ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		MemoryContext old = MemoryContextSwitchTo(loop_context);

		if (motcua_scheduler_enabled)
		{
			pgstat_report_activity(STATE_RUNNING, "looking for databases with motcua");
			LookAtDatabases();
			pgstat_report_activity(STATE_IDLE, NULL);
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(loop_context);

		motcua_worker_wait(motcua_launcher_naptime * 1000L);
	}
}

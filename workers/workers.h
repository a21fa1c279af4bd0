/*-------------------------------------------------------------------------
 *
 * workers.h
 *	  motcua's background workers: the launcher (one per cluster), a
 *	  scheduler per database that has the extension, and run workers that
 *	  each do one run after another of the same job owner.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_WORKERS_H
#define MOTCUA_WORKERS_H

#include "datatype/timestamp.h"
#include "port/atomics.h"
#include "postmaster/bgworker.h"
#include "storage/latch.h"
#include "storage/lwlock.h"

/* Queues whose commits start their job at once (MotcuaDatabaseSlot.queued). */
#define MOTCUA_QUEUED_LOOKUP	0x01	/* national_lookup */
#define MOTCUA_QUEUED_PORTAL	0x02	/* portal_sync */

/* How many databases the launcher can watch at once. */
#define MOTCUA_MAX_DATABASES 64

/*
 * How many run workers a scheduler keeps track of: motcua.max_running_jobs
 * (at most 64) at work or idle, and as many again asked to stop.
 */
#define MOTCUA_MAX_RUNNERS 128

/* How long an idle run worker waits for its owner's next run. */
#define MOTCUA_RUNNER_IDLE_MS 1000

/*
 * A run worker, as its scheduler and itself see it.  The scheduler hands
 * it a run by writing run_id and setting its latch; the worker sets
 * run_id back to 0 once the run's end is committed.  An idle worker that
 * leaves (idle too long, or asked to) sets gone first, under the lock, so
 * it is never handed a run it would not do.
 */
typedef struct MotcuaRunnerSlot
{
	pid_t		pid;			/* 0 until the worker has started */
	Latch	   *latch;
	int64		run_id;			/* the run handed to it, 0 while idle */
	bool		retire;			/* asked to leave when idle */
	bool		gone;			/* left, or leaving: hand it nothing */
} MotcuaRunnerSlot;

/* One database's scheduler, as the launcher and the backends see it. */
typedef struct MotcuaDatabaseSlot
{
	Oid			dboid;			/* InvalidOid: free slot */
	pid_t		scheduler_pid;	/* 0 while none runs */
	Latch	   *scheduler_latch;	/* set to wake the scheduler */
	bool		no_extension;	/* the last scheduler found no motcua */
	bool		dropping;		/* DROP DATABASE under way: do not start */
	TimestampTz checked_at;		/* when no_extension or dropping was set */
	pg_atomic_uint64 kpi_dirty; /* KPI queue rows committed since the last
								 * kpi_refresh run began */
	pg_atomic_uint32 queued;	/* MOTCUA_QUEUED_* bits: work was queued for
								 * a kind since its last run began */
	pg_atomic_uint64 wakes;		/* commits that woke the scheduler: it
								 * reads the jobs again when this moved */
	MotcuaRunnerSlot runners[MOTCUA_MAX_RUNNERS];	/* the scheduler's run
													 * workers */
} MotcuaDatabaseSlot;

/* What lives in shared memory: plain data only (STYLE.md (b) 16). */
typedef struct MotcuaWorkerShared
{
	LWLock	   *lock;
	pid_t		launcher_pid;
	Latch	   *launcher_latch;
	MotcuaDatabaseSlot slots[MOTCUA_MAX_DATABASES];
} MotcuaWorkerShared;

extern MotcuaWorkerShared *motcua_workers;

/* settings (motcua.c defines them) */
extern bool motcua_scheduler_enabled;
extern int	motcua_max_running_jobs;
extern int	motcua_job_history_days;
extern int	motcua_launcher_naptime;
extern int	motcua_kpi_refresh_threshold;
extern int	motcua_lookup_history_days;

/* jobshm.c */
extern void motcua_workers_shmem_request(void);
extern void motcua_workers_shmem_startup(void);
extern MotcuaDatabaseSlot *motcua_find_slot(Oid dboid, bool create);
extern void motcua_wake_scheduler(Oid dboid);
extern void motcua_note_queued(uint32 what);
extern void motcua_count_kpi_dirty(void);
extern void motcua_workers_utility_hook_init(void);
extern void motcua_worker_wait(long timeout_ms);
extern void motcua_worker_begin(const char *what);
extern void motcua_worker_end(MemoryContext back_to);
extern void motcua_worker_describe(BackgroundWorker *worker, const char *function, const char *type);
extern void motcua_release_free_memory(void);

/* launcher.c */
extern void motcua_register_launcher(void);
extern PGDLLEXPORT void motcua_launcher_main(Datum arg);

/* scheduler.c */
extern PGDLLEXPORT void motcua_scheduler_main(Datum dboid);

/* connector.c: the entries of the job kinds that run outside a transaction */
extern char *motcua_connector_lookups(int64 run_id, const char *config);
extern char *motcua_connector_feeds(int64 run_id, const char *config);
extern char *motcua_connector_catalogue(int64 run_id, const char *config);
extern char *motcua_connector_portal(int64 run_id, const char *config);

/* jobrun.c */
extern PGDLLEXPORT void motcua_jobrun_main(Datum runner_index);

#endif							/* MOTCUA_WORKERS_H */

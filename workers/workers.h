/*-------------------------------------------------------------------------
 *
 * workers.h
 *	  motcua's background workers: the launcher (one per cluster), a
 *	  scheduler per database that has the extension, and one short-lived
 *	  worker per job run.
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

/* How many databases the launcher can watch at once. */
#define MOTCUA_MAX_DATABASES 64

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
extern void motcua_workers_utility_hook_init(void);
extern void motcua_worker_wait(long timeout_ms);

/* launcher.c */
extern void motcua_register_launcher(void);
extern PGDLLEXPORT void motcua_launcher_main(Datum arg);

/* scheduler.c */
extern PGDLLEXPORT void motcua_scheduler_main(Datum dboid);

/* jobrun.c */
extern PGDLLEXPORT void motcua_jobrun_main(Datum run_id);

#endif							/* MOTCUA_WORKERS_H */

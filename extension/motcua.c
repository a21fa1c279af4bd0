/*-------------------------------------------------------------------------
 *
 * motcua.c
 *	  Module entry point of motcua, the engine of Vietnam's one-stop shop
 *	  for administrative procedures [cơ chế một cửa, một cửa liên thông].
 *
 * The library works both when preloaded through shared_preload_libraries
 * (which later lets it start background workers) and when loaded on
 * demand by CREATE EXTENSION motcua.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <limits.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"
#include "utils/timestamp.h"

#include "motcua.h"
#include "signature.h"
#include "../workers/workers.h"

PG_MODULE_MAGIC;

/* True when the library was loaded by shared_preload_libraries. */
bool		motcua_preloaded = false;

/*
 * How far in the past a caller may date an event (seconds): a paper
 * reception entered a few days later.  Only superusers (or roles granted
 * SET on it) change it, so an officer cannot widen it for themselves.
 */
static int	motcua_backdating_window = 7 * 24 * 3600;

/* The workers' settings (workers/). */
bool		motcua_scheduler_enabled = true;
int			motcua_max_running_jobs = 8;
int			motcua_job_history_days = 30;
int			motcua_launcher_naptime = 10;
int			motcua_kpi_refresh_threshold = 1;
int			motcua_lookup_history_days = 90;

/*
 * DefineWorkerSettings registers the settings of the background workers
 * (defined whether or not the library is preloaded, so that they can be
 * set and shown either way).
 */
static void
DefineWorkerSettings(void)
{
	DefineCustomBoolVariable("motcua.scheduler_enabled",
							 "Whether motcua's schedulers start jobs.",
							 NULL, &motcua_scheduler_enabled, true, PGC_SIGHUP, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("motcua.max_running_jobs",
							"How many runs a database's scheduler keeps going at once.",
							"Each run takes a background worker slot (max_worker_processes).",
							&motcua_max_running_jobs, 8, 1, 64, PGC_SIGHUP, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("motcua.job_history_days",
							"How long the retention job keeps job runs.",
							NULL, &motcua_job_history_days, 30, 1, 3650, PGC_SIGHUP, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("motcua.lookup_history_days",
							"How long the retention job keeps finished national-database lookups.",
							NULL, &motcua_lookup_history_days, 90, 1, 3650, PGC_SIGHUP, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("motcua.launcher_naptime",
							"How often the launcher looks for databases that need a scheduler.",
							NULL, &motcua_launcher_naptime, 10, 1, 3600, PGC_SIGHUP, GUC_UNIT_S, NULL, NULL, NULL);
	DefineCustomIntVariable("motcua.kpi_refresh_threshold",
							"How many KPI queue rows, once committed, start the kpi_refresh job at once.",
							NULL, &motcua_kpi_refresh_threshold, 1, 1, 1000000, PGC_SIGHUP, 0, NULL, NULL, NULL);
}

/*
 * _PG_init registers motcua's settings.  Nothing here may fail when the
 * library is loaded on demand rather than preloaded.
 */
void
_PG_init(void)
{
	if (IsBinaryUpgrade)
		return;

	motcua_preloaded = process_shared_preload_libraries_in_progress;
	motcua_signature_init();
	DefineWorkerSettings();

	DefineCustomIntVariable("motcua.backdating_window",
							"How far in the past a caller may date a dossier event.",
							"Events carry the server's clock; a time the caller supplies "
							"must lie within this window before now.",
							&motcua_backdating_window,
							7 * 24 * 3600, 0, INT_MAX,
							PGC_SUSET, GUC_UNIT_S,
							NULL, NULL, NULL);

	MarkGUCPrefixReserved("motcua");

	/* the workers need shared memory: only when preloaded */
	if (motcua_preloaded)
	{
		motcua_workers_shmem_request();
		motcua_workers_utility_hook_init();
		motcua_register_launcher();
	}
}

/*
 * motcua_is_preloaded tells SQL whether the library came from
 * shared_preload_libraries, which background features need.
 */
PG_FUNCTION_INFO_V1(motcua_is_preloaded);
Datum
motcua_is_preloaded(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(motcua_preloaded);
}

/*
 * motcua_backdating_window returns motcua.backdating_window as an interval
 * (reading it through the library makes sure the setting is defined).
 */
PG_FUNCTION_INFO_V1(motcua_backdating_window_fn);
Datum
motcua_backdating_window_fn(PG_FUNCTION_ARGS)
{
	Interval   *result = palloc0(sizeof(Interval));

	result->time = (int64) motcua_backdating_window * USECS_PER_SEC;
	PG_RETURN_INTERVAL_P(result);
}

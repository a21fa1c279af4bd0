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

PG_MODULE_MAGIC;

/* True when the library was loaded by shared_preload_libraries. */
bool		motcua_preloaded = false;

/*
 * How far in the past a caller may date an event (seconds): a paper
 * reception entered a few days later.  Only superusers (or roles granted
 * SET on it) change it, so an officer cannot widen it for themselves.
 */
static int	motcua_backdating_window = 7 * 24 * 3600;

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

	DefineCustomIntVariable("motcua.backdating_window",
							"How far in the past a caller may date a dossier event.",
							"Events carry the server's clock; a time the caller supplies "
							"must lie within this window before now.",
							&motcua_backdating_window,
							7 * 24 * 3600, 0, INT_MAX,
							PGC_SUSET, GUC_UNIT_S,
							NULL, NULL, NULL);

	MarkGUCPrefixReserved("motcua");
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

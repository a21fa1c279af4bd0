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

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

#include "motcua.h"
#include "signature.h"

PG_MODULE_MAGIC;

/* True when the library was loaded by shared_preload_libraries. */
bool		motcua_preloaded = false;

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

/*-------------------------------------------------------------------------
 *
 * portalflag.c
 *	  Whether dossier events go to the national portal's outbox: one flag
 *	  per backend, read from motcua.national_source (an enabled source of
 *	  kind portal) and dropped with motcua's other caches when that table
 *	  changes (cacheinval.c).
 *
 * The outbox trigger on motcua.dossier_event asks it in its WHEN clause,
 * so that a database without a portal pays nothing per event for it.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"

#include "cacheinval.h"

static bool portal_flag_stale = true;
static bool portal_flag = false;

/*
 * motcua_portal_sync_on says whether an enabled portal source exists, from
 * the cached flag when it is still good.
 */
PG_FUNCTION_INFO_V1(motcua_portal_sync_on);
Datum
motcua_portal_sync_on(PG_FUNCTION_ARGS)
{
	motcua_cache_watch(&portal_flag_stale);
	if (portal_flag_stale)
	{
		bool		isnull;

		motcua_cache_arm();
		/* (a change committed while this reads makes it stale again) */
		portal_flag_stale = false;
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (SPI_execute("SELECT EXISTS (SELECT 1 FROM motcua.national_source WHERE kind = 'portal' AND enabled)",
						true, 1) != SPI_OK_SELECT)
			elog(ERROR, "reading motcua.national_source failed");
		portal_flag = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		SPI_finish();
	}
	PG_RETURN_BOOL(portal_flag);
}

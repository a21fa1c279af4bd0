/*-------------------------------------------------------------------------
 *
 * cacheinval.c
 *	  One invalidation signal for motcua's per-backend caches (calendars,
 *	  procedure components, national sources).
 *
 * Triggers on the tables those caches are built from call
 * motcua.invalidate_caches(), which queues a relcache invalidation of the
 * empty table motcua.cache_signal.  PostgreSQL delivers it to every backend
 * once the transaction commits (and to the current one at its next
 * command); our callback then raises the stale flag of every cache that
 * watches the signal, and each cache rebuilds itself on next use.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "fmgr.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"

#include "cacheinval.h"

#define MAX_WATCHED_CACHES 8

static bool *watched[MAX_WATCHED_CACHES];
static int	nwatched = 0;
static bool callback_registered = false;
static Oid	signal_relid = InvalidOid;

/*
 * signal_callback raises every watched flag when the signal relation, or
 * everything, is invalidated.
 */
static void
signal_callback(Datum arg, Oid relid)
{
	int			i;

	if (relid != InvalidOid && relid != signal_relid)
		return;
	for (i = 0; i < nwatched; i++)
		*watched[i] = true;
}

/*
 * lookup_signal_relid returns the OID of motcua.cache_signal.
 */
static Oid
lookup_signal_relid(void)
{
	Oid			relid = get_relname_relid("cache_signal", get_namespace_oid("motcua", false));

	if (!OidIsValid(relid))
		elog(ERROR, "table motcua.cache_signal is missing");
	return relid;
}

/*
 * motcua_cache_watch makes *stale go true whenever the signal fires.  Each
 * cache calls it once per backend, before it first fills itself.
 */
void
motcua_cache_watch(bool *stale)
{
	int			i;

	for (i = 0; i < nwatched; i++)
		if (watched[i] == stale)
			return;
	if (nwatched == MAX_WATCHED_CACHES)
		elog(ERROR, "too many motcua caches");
	watched[nwatched++] = stale;
	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(signal_callback, (Datum) 0);
		callback_registered = true;
	}
}

/*
 * motcua_cache_arm looks up the signal relation; a cache calls it while it
 * (re)builds, so a recreated extension is followed.
 */
void
motcua_cache_arm(void)
{
	signal_relid = lookup_signal_relid();
}

/*
 * motcua_invalidate_caches queues the signal: every backend's caches go
 * stale once this transaction commits.
 */
PG_FUNCTION_INFO_V1(motcua_invalidate_caches);
Datum
motcua_invalidate_caches(PG_FUNCTION_ARGS)
{
	CacheInvalidateRelcacheByRelid(lookup_signal_relid());
	PG_RETURN_VOID();
}

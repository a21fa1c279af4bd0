/*-------------------------------------------------------------------------
 *
 * cacheinval.h
 *	  One invalidation signal for motcua's per-backend caches.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_CACHEINVAL_H
#define MOTCUA_CACHEINVAL_H

extern void motcua_cache_watch(bool *stale);
extern void motcua_cache_arm(void);

#endif							/* MOTCUA_CACHEINVAL_H */

/*-------------------------------------------------------------------------
 *
 * motcua.h
 *	  Declarations shared by motcua's server-side files.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_H
#define MOTCUA_H

extern bool motcua_preloaded;

extern void _PG_init(void);

#endif							/* MOTCUA_H */

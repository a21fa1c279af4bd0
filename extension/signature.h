/*-------------------------------------------------------------------------
 *
 * signature.h
 *	  Verification of detached CMS signatures on digitized documents.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_SIGNATURE_H
#define MOTCUA_SIGNATURE_H

extern void motcua_signature_init(void);

#endif							/* MOTCUA_SIGNATURE_H */

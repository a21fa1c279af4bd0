/*-------------------------------------------------------------------------
 *
 * ids.h
 *	  Stored forms of motcua's 16-byte identifier types, shared by the
 *	  files that build dossier and procedure codes inside the server.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_IDS_H
#define MOTCUA_IDS_H

#include "idparse.h"

/* A dossier_code or procedure_code datum: 16 big-endian bytes. */
typedef struct Fixed16
{
	unsigned char b[16];
} Fixed16;

extern void motcua_dossier_pack(const McDossierCode *c, Fixed16 *out);
extern void motcua_dossier_unpack(const Fixed16 *in, McDossierCode *c);
extern void motcua_procedure_pack(const McProcedureCode *c, Fixed16 *out);
extern void motcua_procedure_unpack(const Fixed16 *in, McProcedureCode *c);

#endif							/* MOTCUA_IDS_H */

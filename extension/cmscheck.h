/*-------------------------------------------------------------------------
 *
 * cmscheck.h
 *	  The check of a detached CMS (PKCS#7) signature over a document's
 *	  bytes, both supplied by an outside party, against a trust store.
 *	  Plain C on OpenSSL without PostgreSQL headers: no palloc, no
 *	  ereport, every OpenSSL object freed before it returns, so the
 *	  fuzzer can call it with arbitrary bytes (tests/fuzz/fuzz_cms.c).
 *	  signature.c is its SQL face (motcua.verify_signature).
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_CMSCHECK_H
#define MOTCUA_CMSCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <openssl/x509_vfy.h>

/* Room for a reason, and for OpenSSL's word on its own failure. */
#define MC_CMS_REASONLEN 512
#define MC_CMS_FAILURELEN 256

typedef struct McCmsCheck
{
	bool		valid;
	char	   *signer;			/* the signer's RFC 2253 subject (in the
								 * caller's buffer), or NULL */
	bool		has_signed_at;
	struct tm	signed_at;		/* the signingTime attribute, UTC fields
								 * (tm_year + 1900, tm_mon + 1) */
	char		reason[MC_CMS_REASONLEN];	/* why not valid; "" when valid */

	/* when mc_cms_check returns false: what OpenSSL could not do, and why */
	const char *failed_to;
	char		failure[MC_CMS_FAILURELEN];
} McCmsCheck;

/*
 * mc_cms_check verifies the DER or PEM ("-----BEGIN ...") signature sig
 * over content against store and fills *out.  Whatever is wrong with the
 * bytes comes back as valid = false with a reason; the signer and the
 * signing time are filled in whenever they can be read.  utf8_names:
 * print the signer's non-ASCII characters as they are when they form
 * strict UTF-8 (a UTF8 database), else as \XX escapes.  A subject longer
 * than signer_size - 1 bytes is cut at a character boundary and ends in
 * "...".
 *
 * Returns false only when OpenSSL itself failed (allocation, set-up):
 * out->failed_to and out->failure say what and why, and the rest of *out
 * is not to be used.
 */
extern bool mc_cms_check(const char *content, size_t content_len,
						 const char *sig, size_t sig_len, X509_STORE *store,
						 bool utf8_names, char *signer_buf, size_t signer_size,
						 McCmsCheck *out);

#endif							/* MOTCUA_CMSCHECK_H */

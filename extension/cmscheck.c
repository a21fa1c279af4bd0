/*-------------------------------------------------------------------------
 *
 * cmscheck.c
 *	  Verification of a detached CMS signature on untrusted bytes
 *	  (OpenSSL); see cmscheck.h.
 *
 * Verification runs in two steps so that the reason is exact: CMS_verify
 * with CMS_NO_SIGNER_CERT_VERIFY checks the signature value and the
 * content digest of every signer, then X509_verify_cert checks each
 * signer's chain against the trust store at the current time, with the
 * "smime_sign" defaults that CMS_verify itself uses.  The first signer is
 * the one reported.
 *
 * Every OpenSSL object a check allocates hangs off one CmsWork and is
 * freed on the way out, whatever the path; OpenSSL's error queue is
 * emptied before and after.
 *
 *-------------------------------------------------------------------------
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/bio.h>
/* pem.h goes first: cms.h declares PEM_read_bio_CMS only if it is seen. */
#include <openssl/pem.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "cmscheck.h"
#include "jsoncheck.h"

/* The OpenSSL objects of one check. */
typedef struct CmsWork
{
	BIO		   *sig_bio;
	BIO		   *content_bio;
	BIO		   *content_filter; /* pushed on content_bio */
	BIO		   *name_bio;
	CMS_ContentInfo *cms;
	STACK_OF(X509) *certs;
	X509_STORE_CTX *store_ctx;
} CmsWork;

/*
 * NoPassphrase is the PEM password callback: encrypted PEM blocks are
 * refused rather than prompting on a terminal the server does not have.
 */
static int
NoPassphrase(char *buf, int size, int rwflag, void *userdata)
{
	(void) buf;
	(void) size;
	(void) rwflag;
	(void) userdata;
	return -1;
}

/*
 * Failed records that OpenSSL could not do what (allocation, set-up)
 * with its own message, and returns false for the caller to pass on.
 */
static bool
Failed(McCmsCheck *out, const char *what)
{
	out->failed_to = what;
	ERR_error_string_n(ERR_get_error(), out->failure, sizeof(out->failure));
	return false;
}

/*
 * ErrorText pops OpenSSL's error queue into buf, keeping its earliest
 * entry, the root cause.  *content_mismatch, if given, tells whether CMS
 * reported a content digest mismatch.
 */
static void
ErrorText(char *buf, size_t size, bool *content_mismatch)
{
	unsigned long first = ERR_peek_error();
	unsigned long e;

	if (content_mismatch)
		*content_mismatch = false;
	while ((e = ERR_get_error()) != 0)
	{
		if (content_mismatch && ERR_GET_LIB(e) == ERR_LIB_CMS &&
			ERR_GET_REASON(e) == CMS_R_CONTENT_VERIFY_ERROR)
			*content_mismatch = true;
	}
	if (first == 0)
		snprintf(buf, size, "no detail from OpenSSL");
	else
		ERR_error_string_n(first, buf, size);
}

/*
 * LooksLikePem tells whether the bytes, after leading white space, start a
 * PEM block ("-----BEGIN CMS-----" or "-----BEGIN PKCS7-----").
 */
static bool
LooksLikePem(const char *data, size_t len)
{
	static const char begin[] = "-----BEGIN ";
	size_t		i = 0;

	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
					   data[i] == '\r' || data[i] == '\n'))
		i++;
	return len - i >= strlen(begin) && memcmp(data + i, begin, strlen(begin)) == 0;
}

/*
 * PrintName prints name with the given flags into buf (of size bytes) and
 * returns buf, or NULL if OpenSSL cannot print it or (when utf8) the
 * result is not strict UTF-8.  A longer name is cut at a character
 * boundary and ends in "...".  *ok is false when OpenSSL failed.
 */
static char *
PrintName(CmsWork *w, const X509_NAME *name, unsigned long flags, bool utf8,
		  char *buf, size_t size, bool *ok)
{
	char	   *data;
	long		len;
	size_t		n;

	*ok = true;
	BIO_free(w->name_bio);
	w->name_bio = BIO_new(BIO_s_mem());
	if (w->name_bio == NULL)
	{
		*ok = false;
		return NULL;
	}
	if (X509_NAME_print_ex(w->name_bio, name, 0, flags) < 0)
		return NULL;
	len = BIO_get_mem_data(w->name_bio, &data);
	if (len < 0 || (len > 0 && data == NULL))
		return NULL;
	if (utf8 && !mc_utf8_valid(data, (size_t) len))
		return NULL;
	if (size < 4)
		return NULL;
	/* (the text ends at a NUL byte, though escaping leaves none) */
	n = strnlen(data, (size_t) len);
	if (n >= size)
	{
		n = size - 4;
		/* (back to the start of a character: never half of one) */
		while (n > 0 && ((unsigned char) data[n] & 0xC0) == 0x80)
			n--;
		memcpy(buf, data, n);
		memcpy(buf + n, "...", 4);
		return buf;
	}
	memcpy(buf, data, n);
	buf[n] = '\0';
	return buf;
}

/*
 * SubjectText puts the certificate's subject in RFC 2253 form into buf.
 * With utf8_names, non-ASCII characters (Vietnamese names) are kept as
 * they are rather than escaped as \XX bytes, if they are valid text;
 * otherwise the escaped form is used.
 */
static char *
SubjectText(CmsWork *w, X509 *cert, bool utf8_names, char *buf, size_t size,
			bool *ok)
{
	const X509_NAME *name = X509_get_subject_name(cert);
	char	   *result = NULL;

	*ok = true;
	if (name == NULL)
		return NULL;
	if (utf8_names)
	{
		result = PrintName(w, name, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB, true,
						   buf, size, ok);
		if (!*ok)
			return NULL;
	}
	if (result == NULL)
		result = PrintName(w, name, XN_FLAG_RFC2253, false, buf, size, ok);
	return result;
}

/*
 * ReadSigningTime fills out->signed_at from the signer's signingTime
 * signed attribute, if it has a well-formed one.
 */
static void
ReadSigningTime(McCmsCheck *out, CMS_SignerInfo *si)
{
	int			idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
	X509_ATTRIBUTE *attr;
	ASN1_TYPE  *value;
	struct tm	tm;

	if (idx < 0)
		return;
	attr = CMS_signed_get_attr(si, idx);
	value = attr ? X509_ATTRIBUTE_get0_type(attr, 0) : NULL;
	if (value == NULL ||
		(value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME))
		return;
	memset(&tm, 0, sizeof(tm));
	if (ASN1_TIME_to_tm((const ASN1_TIME *) value->value.asn1_string, &tm) != 1)
		return;
	out->signed_at = tm;
	out->has_signed_at = true;
}

/*
 * ChainReason words an X509_verify_cert failure of the signer's chain into
 * buf.
 */
static void
ChainReason(char *buf, size_t size, int err, int depth)
{
	const char *text = X509_verify_cert_error_string(err);

	switch (err)
	{
		case X509_V_ERR_CERT_HAS_EXPIRED:
			if (depth == 0)
				snprintf(buf, size, "signer certificate has expired");
			else
				snprintf(buf, size, "signer certificate chain is not valid: %s (issuer at depth %d)",
						 text, depth);
			break;
		case X509_V_ERR_CERT_NOT_YET_VALID:
			if (depth == 0)
				snprintf(buf, size, "signer certificate is not yet valid");
			else
				snprintf(buf, size, "signer certificate chain is not valid: %s (issuer at depth %d)",
						 text, depth);
			break;
		case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
		case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
		case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
		case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
		case X509_V_ERR_CERT_UNTRUSTED:
		case X509_V_ERR_CERT_REJECTED:
			snprintf(buf, size, "signer certificate is not trusted: %s", text);
			break;
		default:
			snprintf(buf, size, "signer certificate is not valid: %s", text);
			break;
	}
}

/*
 * Check does the work of mc_cms_check on w; a problem with the signature
 * ends it with out->reason set, and it returns false only when OpenSSL
 * itself failed.
 */
static bool
Check(CmsWork *w, const char *content, size_t content_len, const char *sig,
	  size_t sig_len, X509_STORE *store, bool utf8_names, char *signer_buf,
	  size_t signer_size, McCmsCheck *out)
{
	STACK_OF(CMS_SignerInfo) *sinfos;
	CMS_SignerInfo *si;
	X509	   *signer = NULL;
	bool		content_mismatch;
	bool		ok;
	char		detail[MC_CMS_FAILURELEN];
	int			i;

	if (sig_len == 0)
	{
		snprintf(out->reason, sizeof(out->reason),
				 "signature is not a CMS structure: the signature is empty");
		return true;
	}
	if (sig_len > INT_MAX || content_len > INT_MAX)
	{
		snprintf(out->reason, sizeof(out->reason), "%s is too large",
				 sig_len > INT_MAX ? "signature" : "content");
		return true;
	}
	w->sig_bio = BIO_new_mem_buf(sig, (int) sig_len);
	if (w->sig_bio == NULL)
		return Failed(out, "allocate a buffer");
	if (LooksLikePem(sig, sig_len))
		w->cms = PEM_read_bio_CMS(w->sig_bio, NULL, NoPassphrase, NULL);
	else
		w->cms = d2i_CMS_bio(w->sig_bio, NULL);
	if (w->cms == NULL)
	{
		ErrorText(detail, sizeof(detail), NULL);
		snprintf(out->reason, sizeof(out->reason),
				 "signature is not a CMS structure: %s", detail);
		return true;
	}
	if (OBJ_obj2nid(CMS_get0_type(w->cms)) != NID_pkcs7_signed)
	{
		snprintf(out->reason, sizeof(out->reason),
				 "signature is not a CMS structure: it holds no signed data");
		return true;
	}

	sinfos = CMS_get0_SignerInfos(w->cms);
	if (sinfos == NULL || sk_CMS_SignerInfo_num(sinfos) == 0)
	{
		snprintf(out->reason, sizeof(out->reason), "signature has no signer");
		return true;
	}
	si = sk_CMS_SignerInfo_value(sinfos, 0);
	ReadSigningTime(out, si);

	/* The signer's certificate must travel in the signature. */
	w->certs = CMS_get1_certs(w->cms);
	for (i = 0; w->certs != NULL && i < sk_X509_num(w->certs); i++)
	{
		X509	   *cert = sk_X509_value(w->certs, i);

		if (CMS_SignerInfo_cert_cmp(si, cert) == 0)
		{
			signer = cert;
			break;
		}
	}
	if (signer == NULL)
	{
		snprintf(out->reason, sizeof(out->reason),
				 "signer certificate is not included in the signature");
		return true;
	}
	out->signer = SubjectText(w, signer, utf8_names, signer_buf, signer_size, &ok);
	if (!ok)
		return Failed(out, "allocate a buffer");

	/*
	 * Signature value and content digest of every signer.  The content
	 * goes through a null filter: CMS_verify copies a memory BIO into a
	 * new one of its own, which it leaks when the signature names a
	 * digest it does not know (found by fuzz_cms in OpenSSL 3.0.19;
	 * openssl/openssl pull request 30471); a filter BIO is read as it
	 * is.
	 */
	w->content_bio = BIO_new_mem_buf(content, (int) content_len);
	if (w->content_bio == NULL)
		return Failed(out, "allocate a buffer");
	w->content_filter = BIO_new(BIO_f_null());
	if (w->content_filter == NULL)
		return Failed(out, "allocate a buffer");
	BIO_push(w->content_filter, w->content_bio);
	ERR_clear_error();
	if (CMS_verify(w->cms, NULL, store, w->content_filter, NULL,
				   CMS_DETACHED | CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1)
	{
		ErrorText(detail, sizeof(detail), &content_mismatch);
		if (content_mismatch)
			snprintf(out->reason, sizeof(out->reason),
					 "content does not match the signature (digest mismatch)");
		else
			snprintf(out->reason, sizeof(out->reason),
					 "signature does not verify: %s", detail);
		return true;
	}

	/*
	 * Every signer's chain, at the current time, as CMS_verify would check
	 * it; CMS_verify has attached each signer's certificate to its
	 * SignerInfo.  The first signer is the one reported.
	 */
	w->store_ctx = X509_STORE_CTX_new();
	if (w->store_ctx == NULL)
		return Failed(out, "allocate a certificate verification context");
	for (i = 0; i < sk_CMS_SignerInfo_num(sinfos); i++)
	{
		X509	   *cert = NULL;

		CMS_SignerInfo_get0_algs(sk_CMS_SignerInfo_value(sinfos, i),
								 NULL, &cert, NULL, NULL);
		if (i == 0)
			cert = signer;
		if (cert == NULL)
		{
			snprintf(out->reason, sizeof(out->reason),
					 "signer %d of the signature has no certificate", i + 1);
			return true;
		}
		X509_STORE_CTX_cleanup(w->store_ctx);
		if (X509_STORE_CTX_init(w->store_ctx, store, cert, w->certs) != 1 ||
			X509_STORE_CTX_set_default(w->store_ctx, "smime_sign") != 1)
			return Failed(out, "set up certificate verification");
		if (X509_verify_cert(w->store_ctx) == 1)
			continue;
		ChainReason(detail, sizeof(detail), X509_STORE_CTX_get_error(w->store_ctx),
					X509_STORE_CTX_get_error_depth(w->store_ctx));
		if (i == 0)
			snprintf(out->reason, sizeof(out->reason), "%s", detail);
		else
			snprintf(out->reason, sizeof(out->reason), "co-signer %d: %s", i + 1, detail);
		return true;
	}
	out->valid = true;
	return true;
}

/*
 * mc_cms_check runs Check and frees its OpenSSL objects and error queue
 * whatever happened; see cmscheck.h.
 */
bool
mc_cms_check(const char *content, size_t content_len, const char *sig,
			 size_t sig_len, X509_STORE *store, bool utf8_names,
			 char *signer_buf, size_t signer_size, McCmsCheck *out)
{
	CmsWork		w;
	bool		ok;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	ERR_clear_error();
	ok = Check(&w, content, content_len, sig, sig_len, store, utf8_names,
			   signer_buf, signer_size, out);
	X509_STORE_CTX_free(w.store_ctx);
	sk_X509_pop_free(w.certs, X509_free);
	CMS_ContentInfo_free(w.cms);
	BIO_free(w.name_bio);
	BIO_free(w.content_filter);	/* (BIO_free: one BIO, not the chain) */
	BIO_free(w.content_bio);
	BIO_free(w.sig_bio);
	ERR_clear_error();
	return ok;
}

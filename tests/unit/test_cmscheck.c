/* unit-link: cmscheck.c jsoncheck.c -lssl -lcrypto */
/*-------------------------------------------------------------------------
 *
 * test_cmscheck.c
 *	  Unit tests of the signature check on untrusted bytes
 *	  (extension/cmscheck.c), without a server.
 *
 * The test PKI is made here with OpenSSL (P-256 keys): a root CA, a
 * signer it issued with a Vietnamese name, an expired signer, and a
 * signer of a CA the trust store does not hold.  Signatures over a
 * document are made with CMS_sign in DER and PEM, with and without
 * signed attributes and certificates, co-signed; then damaged: cut, a
 * digest the check does not know (the OpenSSL leak the fuzzer found:
 * LeakSanitizer fails this program at exit if it comes back), garbage.
 * Each reason is compared with the exact text motcua.verify_signature
 * returns.
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "cmscheck.h"
#include "jsoncheck.h"
#include "tap.h"

static const char document[] = "\xc4\x90\xc6\xa1n \xc4\x91\xe1\xbb\x81 ngh\xe1\xbb\x8b, h\xe1\xbb\x93 s\xc6\xa1 000.00.01.H22-251117-0001\n";

/* a certificate and its key */
typedef struct Party
{
	X509	   *cert;
	EVP_PKEY   *key;
} Party;

/* a signature's bytes */
typedef struct Bytes
{
	char	   *data;
	size_t		len;
} Bytes;

/*
 * Die stops the program when the test PKI cannot be made.
 */
static void
Die(const char *what)
{
	fprintf(stderr, "Bail out! %s\n", what);
	ERR_print_errors_fp(stderr);
	exit(2);
}

/*
 * AddExt adds one extension in openssl.cnf's words.
 */
static void
AddExt(X509 *cert, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX	ctx;
	X509_EXTENSION *ext;

	X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
	ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	if (ext == NULL || !X509_add_ext(cert, ext, -1))
		Die("extension");
	X509_EXTENSION_free(ext);
}

/*
 * MakeParty makes a key and a certificate for the subject (CN, O, C as
 * UTF-8; O may be NULL), issued by issuer (NULL: self-signed CA), valid
 * from from_days to to_days around now.
 */
static Party
MakeParty(const char *cn, const char *o, const Party *issuer, long from_days, long to_days)
{
	static long serial = 1000;
	Party		p;
	X509_NAME  *name;

	p.key = EVP_EC_gen("P-256");
	p.cert = X509_new();
	if (p.key == NULL || p.cert == NULL)
		Die("key");
	X509_set_version(p.cert, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(p.cert), serial++);
	X509_gmtime_adj(X509_getm_notBefore(p.cert), from_days * 86400);
	X509_gmtime_adj(X509_getm_notAfter(p.cert), to_days * 86400);
	X509_set_pubkey(p.cert, p.key);
	name = X509_get_subject_name(p.cert);
	X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8, (const unsigned char *) "VN", -1, -1, 0);
	if (o != NULL)
		X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, (const unsigned char *) o, -1, -1, 0);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, (const unsigned char *) cn, -1, -1, 0);
	X509_set_issuer_name(p.cert, issuer ? X509_get_subject_name(issuer->cert) : name);
	if (issuer == NULL)
	{
		AddExt(p.cert, p.cert, NID_basic_constraints, "critical,CA:TRUE");
		AddExt(p.cert, p.cert, NID_key_usage, "critical,keyCertSign,cRLSign");
		AddExt(p.cert, p.cert, NID_subject_key_identifier, "hash");
	}
	else
	{
		AddExt(p.cert, issuer->cert, NID_basic_constraints, "CA:FALSE");
		AddExt(p.cert, issuer->cert, NID_key_usage, "critical,digitalSignature,nonRepudiation");
		AddExt(p.cert, issuer->cert, NID_ext_key_usage, "emailProtection");
	}
	if (!X509_sign(p.cert, issuer ? issuer->key : p.key, EVP_sha256()))
		Die("certificate");
	return p;
}

/*
 * Sign makes a detached signature of content by signer (and cosigner,
 * if given) with the CMS flags, as DER or PEM.
 */
static Bytes
Sign(const char *content, const Party *signer, const Party *cosigner, unsigned int flags, bool pem)
{
	BIO		   *in = BIO_new_mem_buf(content, (int) strlen(content));
	BIO		   *out = BIO_new(BIO_s_mem());
	CMS_ContentInfo *cms;
	char	   *data;
	long		len;
	Bytes		b;

	cms = CMS_sign(NULL, NULL, NULL, in, flags | CMS_DETACHED | CMS_BINARY | CMS_PARTIAL);
	if (cms == NULL ||
		CMS_add1_signer(cms, signer->cert, signer->key, EVP_sha256(), flags) == NULL ||
		(cosigner && CMS_add1_signer(cms, cosigner->cert, cosigner->key, EVP_sha256(), flags) == NULL))
		Die("CMS_sign");
	(void) BIO_reset(in);
	if (!CMS_final(cms, in, NULL, flags | CMS_DETACHED | CMS_BINARY))
		Die("CMS_final");
	if (!(pem ? PEM_write_bio_CMS(out, cms) : i2d_CMS_bio(out, cms)))
		Die("CMS write");
	len = BIO_get_mem_data(out, &data);
	b.data = malloc((size_t) len);
	memcpy(b.data, data, (size_t) len);
	b.len = (size_t) len;
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	BIO_free(out);
	return b;
}

/*
 * Check runs mc_cms_check on content and sig with names as UTF-8.
 */
static McCmsCheck
Check(const char *content, Bytes sig, X509_STORE *store, bool utf8, char *buf, size_t size)
{
	McCmsCheck	c;

	if (!mc_cms_check(content, strlen(content), sig.data, sig.len, store, utf8, buf, size, &c))
		Die(c.failed_to);
	diag("valid %d, signer %s, reason %s", (int) c.valid, c.signer ? c.signer : "(null)", c.reason);
	return c;
}

int
main(void)
{
	Party		root = MakeParty("motcua Test Root CA", "motcua test", NULL, -1, 3650);
	Party		other = MakeParty("Other CA", NULL, NULL, -1, 3650);
	Party		good = MakeParty("Nguy\xe1\xbb\x85n V\xc4\x83n An", "UBND t\xe1\xbb\x89nh Qu\xe1\xba\xa3ng Ninh", &root, -1, 365);
	Party		expired = MakeParty("Tr\xe1\xba\xa7n Th\xe1\xbb\x8b B\xc3\xacnh", NULL, &root, -400, -35);
	Party		stranger = MakeParty("L\xc3\xaa V\xc4\x83n C\xc6\xb0\xe1\xbb\x9dng", NULL, &other, -1, 365);
	X509_STORE *store = X509_STORE_new();
	const char *good_name = "CN=Nguy\xe1\xbb\x85n V\xc4\x83n An,O=UBND t\xe1\xbb\x89nh Qu\xe1\xba\xa3ng Ninh,C=VN";
	char		buf[4096];
	McCmsCheck	c;
	Bytes		der,
				pem,
				b;
	size_t		i;
	time_t		now = time(NULL);
	struct tm	utc;
	static const unsigned char sha256_oid[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};

	X509_STORE_add_cert(store, root.cert);
	der = Sign(document, &good, NULL, 0, false);
	pem = Sign(document, &good, NULL, 0, true);

	c = Check(document, der, store, true, buf, sizeof(buf));
	gmtime_r(&now, &utc);
	check(c.valid && c.signer == buf && strcmp(c.signer, good_name) == 0 && c.reason[0] == '\0',
		  "a good DER signature is valid and names its signer as UTF-8");
	check(c.has_signed_at && c.signed_at.tm_year == utc.tm_year && c.signed_at.tm_yday == utc.tm_yday,
		  "its signing time is today's (UTC)");
	c = Check(document, der, store, false, buf, sizeof(buf));
	check(c.valid && strncmp(c.signer, "CN=Nguy\\E1\\BB\\85n V\\C4\\83n An,", 30) == 0,
		  "outside a UTF8 database the name's bytes are escaped");
	c = Check(document, pem, store, true, buf, sizeof(buf));
	check(c.valid, "a PEM signature (BEGIN CMS) is valid");
	c = Check(document, der, store, true, buf, 24);
	check(c.valid && strlen(c.signer) <= 23 && strcmp(c.signer + strlen(c.signer) - 3, "...") == 0 &&
		  mc_utf8_valid(c.signer, strlen(c.signer)) && strncmp(c.signer, good_name, strlen(c.signer) - 3) == 0,
		  "a name longer than the buffer is cut at a character and ends in ...");
	c = Check("\xc4\x90\xc6\xa1n kh\xc3\xa1\x63\n", der, store, true, buf, sizeof(buf));
	check(!c.valid && c.signer != NULL &&
		  strcmp(c.reason, "content does not match the signature (digest mismatch)") == 0,
		  "other content: a digest mismatch, the signer still named");

	b = Sign(document, &good, NULL, CMS_NOATTR, false);
	c = Check(document, b, store, true, buf, sizeof(buf));
	check(c.valid && !c.has_signed_at, "without signed attributes: valid, no signing time");
	free(b.data);
	b = Sign(document, &good, NULL, CMS_NOCERTS, false);
	c = Check(document, b, store, true, buf, sizeof(buf));
	check(!c.valid && c.signer == NULL && strcmp(c.reason, "signer certificate is not included in the signature") == 0,
		  "a signature without the signer's certificate");
	free(b.data);
	b = Sign(document, &stranger, NULL, 0, false);
	c = Check(document, b, store, true, buf, sizeof(buf));
	check(!c.valid && strcmp(c.signer, "CN=L\xc3\xaa V\xc4\x83n C\xc6\xb0\xe1\xbb\x9dng,C=VN") == 0 &&
		  strcmp(c.reason, "signer certificate is not trusted: unable to get local issuer certificate") == 0,
		  "a signer of another CA is not trusted, and is named");
	free(b.data);
	b = Sign(document, &expired, NULL, 0, false);
	c = Check(document, b, store, true, buf, sizeof(buf));
	check(!c.valid && c.has_signed_at && strcmp(c.reason, "signer certificate has expired") == 0,
		  "an expired signer");
	free(b.data);
	b = Sign(document, &good, &stranger, 0, false);
	c = Check(document, b, store, true, buf, sizeof(buf));
	/* (DER sorts the signers: either may come first, and is the one named) */
	check(!c.valid &&
		  ((strcmp(c.signer, good_name) == 0 &&
			strcmp(c.reason, "co-signer 2: signer certificate is not trusted: unable to get local issuer certificate") == 0) ||
		   (strncmp(c.signer, "CN=L\xc3\xaa V", 8) == 0 &&
			strcmp(c.reason, "signer certificate is not trusted: unable to get local issuer certificate") == 0)),
		  "every signer's chain must be trusted: the co-signer's is not");
	free(b.data);

	/* damaged bytes */
	b.data = malloc(der.len);
	memcpy(b.data, der.data, der.len);
	b.len = der.len / 2;
	c = Check(document, b, store, true, buf, sizeof(buf));
	check(!c.valid && c.signer == NULL && strncmp(c.reason, "signature is not a CMS structure: ", 34) == 0 &&
		  strlen(c.reason) > 34, "a signature cut in half is not a CMS structure, with OpenSSL's word");
	b.len = 0;
	c = Check(document, b, store, true, buf, sizeof(buf));
	check(!c.valid && strcmp(c.reason, "signature is not a CMS structure: the signature is empty") == 0,
		  "an empty signature");
	memcpy(b.data, "\x00\x11\x22\x33", 4);
	b.len = 4;
	c = Check(document, b, store, true, buf, sizeof(buf));
	check(!c.valid && strncmp(c.reason, "signature is not a CMS structure: ", 34) == 0, "garbage bytes");
	/* the digest algorithms' first SHA-256 becomes an unknown digest */
	memcpy(b.data, der.data, der.len);
	b.len = der.len;
	for (i = 0; i + sizeof(sha256_oid) <= b.len; i++)
		if (memcmp(b.data + i, sha256_oid, sizeof(sha256_oid)) == 0)
			break;
	if (i + sizeof(sha256_oid) <= b.len)
		b.data[i + sizeof(sha256_oid) - 1] = 0x7f;
	c = Check(document, b, store, true, buf, sizeof(buf));
	check(!c.valid && c.signer != NULL && strncmp(c.reason, "signature does not verify: ", 27) == 0,
		  "an unknown digest does not verify (and leaks nothing: LeakSanitizer at exit)");
	check(ERR_peek_error() == 0, "OpenSSL's error queue is left empty");
	free(b.data);

	free(der.data);
	free(pem.data);
	X509_STORE_free(store);
	X509_free(root.cert);
	X509_free(other.cert);
	X509_free(good.cert);
	X509_free(expired.cert);
	X509_free(stranger.cert);
	EVP_PKEY_free(root.key);
	EVP_PKEY_free(other.key);
	EVP_PKEY_free(good.key);
	EVP_PKEY_free(expired.key);
	EVP_PKEY_free(stranger.key);
	return print_results() ? 1 : 0;
}

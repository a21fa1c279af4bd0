/*-------------------------------------------------------------------------
 *
 * fuzz_cms.c
 *	  libFuzzer target for the signature input: arbitrary bytes as a
 *	  detached CMS signature, and as the content it signs, through
 *	  mc_cms_check (extension/cmscheck.c) against a test trust store.
 *
 * tools/fuzz.sh makes the test PKI with the openssl command before the
 * run (a CA, signers it issued, one it did not, an expired one) and
 * points MC_FUZZ_PKI at it: root.pem is the trust store, content.txt
 * the content every seed signature signs.  The seeds are valid
 * signatures in DER and PEM, so the fuzzer starts deep inside CMS.
 *
 * The first input byte chooses: bit 0 set, the content is content.txt
 * and the rest is the signature; clear, the next byte is the content's
 * length and the content follows, then the signature.  Bit 1: names as
 * UTF-8 (a UTF8 database).  Bit 2: a small signer buffer (the cut).
 *
 * Every answer must hold together: the check completes (OpenSSL never
 * fails to allocate here), a valid signature has a signer and no reason
 * and covers content.txt (the only content the test keys signed: no
 * forgery), an invalid one has a reason, texts end inside their
 * buffers, names are strict UTF-8 when asked, signing times have sane
 * fields, OpenSSL's error queue is left empty.  LeakSanitizer checks
 * that every OpenSSL object is freed.
 *
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "cmscheck.h"
#include "jsoncheck.h"

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static X509_STORE *store;
static char *signed_content;
static size_t signed_len;

/*
 * ReadFile reads a whole file into malloc'd memory, or dies.
 */
static char *
ReadFile(const char *dir, const char *name, size_t *len)
{
	char		path[4096];
	FILE	   *f;
	char	   *buf;
	long		n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
		fseek(f, 0, SEEK_SET) != 0)
	{
		fprintf(stderr, "fuzz_cms: cannot read %s\n", path);
		exit(2);
	}
	buf = malloc((size_t) n + 1);
	if (fread(buf, 1, (size_t) n, f) != (size_t) n)
		exit(2);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t) n;
	return buf;
}

/*
 * LLVMFuzzerInitialize loads the trust store and the signed content.
 */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("MC_FUZZ_PKI");
	size_t		len;
	char	   *pem;
	BIO		   *bio;
	X509	   *cert;

	(void) argc;
	(void) argv;
	if (dir == NULL)
	{
		fprintf(stderr, "fuzz_cms: set MC_FUZZ_PKI to the test PKI (tools/fuzz.sh does)\n");
		exit(2);
	}
	pem = ReadFile(dir, "root.pem", &len);
	bio = BIO_new_mem_buf(pem, (int) len);
	store = X509_STORE_new();
	while ((cert = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL)
	{
		X509_STORE_add_cert(store, cert);
		X509_free(cert);
	}
	BIO_free(bio);
	free(pem);
	ERR_clear_error();
	signed_content = ReadFile(dir, "content.txt", &signed_len);
	return 0;
}

/*
 * Ends says whether a text ends with a NUL inside its buffer.
 */
static bool
Ends(const char *text, size_t size)
{
	return memchr(text, '\0', size) != NULL;
}

/*
 * LLVMFuzzerTestOneInput checks one signature and what it says.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *content;
	size_t		content_len;
	const char *sig;
	size_t		sig_len;
	bool		utf8;
	char		signer_buf[4096];
	size_t		signer_size;
	McCmsCheck	check;

	if (size < 1)
		return 0;
	utf8 = (data[0] & 2) != 0;
	signer_size = (data[0] & 4) ? 24 : sizeof(signer_buf);
	if (data[0] & 1)
	{
		content = signed_content;
		content_len = signed_len;
		sig = (const char *) data + 1;
		sig_len = size - 1;
	}
	else
	{
		if (size < 2 || (size_t) data[1] > size - 2)
			return 0;
		content = (const char *) data + 2;
		content_len = data[1];
		sig = content + content_len;
		sig_len = size - 2 - content_len;
	}

	if (!mc_cms_check(content, content_len, sig, sig_len, store, utf8,
					  signer_buf, signer_size, &check))
		abort();				/* OpenSSL itself failed */
	if (ERR_peek_error() != 0)
		abort();				/* the error queue was left behind */
	if (!Ends(check.reason, sizeof(check.reason)))
		abort();
	if (check.valid)
	{
		if (check.reason[0] != '\0' || check.signer == NULL)
			abort();
		if (content_len != signed_len || memcmp(content, signed_content, signed_len) != 0)
			abort();			/* a forgery */
	}
	else if (check.reason[0] == '\0')
		abort();				/* a refusal explains itself */
	if (check.signer != NULL)
	{
		size_t		n;

		if (check.signer != signer_buf || !Ends(signer_buf, signer_size))
			abort();
		n = strlen(check.signer);
		if (n == 0 || (utf8 && !mc_utf8_valid(check.signer, n)))
			abort();
	}
	if (check.has_signed_at &&
		(check.signed_at.tm_mon < 0 || check.signed_at.tm_mon > 11 ||
		 check.signed_at.tm_mday < 1 || check.signed_at.tm_mday > 31 ||
		 check.signed_at.tm_hour < 0 || check.signed_at.tm_hour > 23 ||
		 check.signed_at.tm_min < 0 || check.signed_at.tm_min > 59 ||
		 check.signed_at.tm_sec < 0 || check.signed_at.tm_sec > 60))
		abort();
	return 0;
}

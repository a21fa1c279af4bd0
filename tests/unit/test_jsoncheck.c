/* unit-link: jsoncheck.c */
/*-------------------------------------------------------------------------
 *
 * test_jsoncheck.c
 *	  Unit tests of the connector's JSON check (extension/jsoncheck.c).
 *
 * Each case is a body and the verdict expected of it: the grammar, the
 * escapes jsonb refuses, the strict UTF-8 check, numeric's limits to the
 * digit on both sides of each edge, and the nesting limit.  The accepted
 * and refused cases were also put to a PostgreSQL 15 server as
 * convert_from(body, 'UTF8')::jsonb, which is what connector_finish does
 * with a body: run this program with --list to print them as hex and
 * expected verdict, one a line, for such a check.
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsoncheck.h"
#include "tap.h"

typedef struct JsonCase
{
	const char *text;
	size_t		len;			/* 0: strlen(text) */
	McJsonVerdict want;
} JsonCase;

#define OK MC_JSON_OK
#define SYN MC_JSON_SYNTAX
#define ESC MC_JSON_ESCAPE
#define ENC MC_JSON_ENCODING
#define NUM MC_JSON_NUMBER_RANGE

static const JsonCase cases[] = {
	/* the grammar */
	{"{}", 0, OK}, {"[]", 0, OK}, {" \t\n\r[1, 2]\n", 0, OK}, {"\"a\"", 0, OK},
	{"0", 0, OK}, {"-0", 0, OK}, {"-0.0e+0", 0, OK}, {"1E5", 0, OK}, {"12.5e-3", 0, OK},
	{"true", 0, OK}, {"false", 0, OK}, {"null", 0, OK},
	{"{\"a\":{\"b\":[null,true,false,{},[]]},\"c\":\"\"}", 0, OK},
	{"{\"a\":1,\"a\":2}", 0, OK},
	{"", 0, SYN}, {" ", 0, SYN}, {"{", 0, SYN}, {"[1,]", 0, SYN}, {"[,1]", 0, SYN},
	{"{\"a\"}", 0, SYN}, {"{\"a\":1,}", 0, SYN}, {"{a:1}", 0, SYN}, {"{1:1}", 0, SYN},
	{"01", 0, SYN}, {"-01", 0, SYN}, {"1.", 0, SYN}, {".5", 0, SYN}, {"+1", 0, SYN},
	{"-", 0, SYN}, {"1e", 0, SYN}, {"1e+", 0, SYN}, {"1.e5", 0, SYN}, {"1x", 0, SYN},
	{"1_", 0, SYN}, {"tru", 0, SYN}, {"truex", 0, SYN}, {"True", 0, SYN}, {"nul", 0, SYN},
	{"NaN", 0, SYN}, {"Infinity", 0, SYN}, {"'a'", 0, SYN}, {"\"a", 0, SYN},
	{"\"\\x\"", 0, SYN}, {"\"\\u12\"", 0, SYN}, {"\"\\u12g4\"", 0, SYN}, {"\"\\", 0, SYN},
	{"\"a\tb\"", 0, SYN}, {"\"a\x1f\"", 0, SYN}, {"1 2", 0, SYN}, {"[1]]", 0, SYN},
	{"{}{}", 0, SYN}, {"\"a\"x", 0, SYN}, {"[1}", 0, SYN}, {"{\"a\":1]", 0, SYN},
	{"[1:2]", 0, SYN}, {"{\"a\",1}", 0, SYN}, {"\xc3\xa9", 0, SYN}, {"[\x7f]", 0, SYN},
	/* strings and their escapes */
	{"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", 0, OK}, {"\"\\u0041\\u00e9\\uFFFF\\u00E9\"", 0, OK},
	{"\"\\ud83d\\ude00\"", 0, OK}, {"\"Nguy\xe1\xbb\x85n V\xc4\x83n An \xf0\x9f\x98\x80\"", 0, OK},
	{"\"\x7f\"", 0, OK},
	{"\"\\u0000\"", 0, ESC}, {"\"a\\u0000b\"", 0, ESC}, {"\"\\ud83d\"", 0, ESC},
	{"\"\\ude00\"", 0, ESC}, {"\"\\ud83d\\u0041\"", 0, ESC}, {"\"\\ud83dx\"", 0, ESC},
	{"\"\\ud83d\\ud83d\"", 0, ESC}, {"\"\\ude00\\ud83d\"", 0, ESC}, {"\"\\ud83d\\n\"", 0, ESC},
	/* the encoding */
	{"\"\xc3\x28\"", 0, ENC}, {"\"\xe0\x80\xaf\"", 0, ENC}, {"\"\xed\xa0\x80\"", 0, ENC},
	{"\"\xf4\x90\x80\x80\"", 0, ENC}, {"\"\xc0\xaf\"", 0, ENC}, {"\"\xff\"", 0, ENC},
	{"\"\xe1\x80", 0, ENC}, {"\"a\0b\"", 5, ENC}, {"1\0", 2, ENC}, {"\"\x80\"", 0, ENC},
	{"\"\xf5\x80\x80\x80\"", 0, ENC},
	/* numeric's limits, each edge from both sides */
	{"1e131071", 0, OK}, {"9.9e131071", 0, OK}, {"0.1e131072", 0, OK}, {"-1e131071", 0, OK},
	{"1e131072", 0, NUM}, {"10e131071", 0, NUM}, {"0.1e131073", 0, NUM},
	{"1e-16383", 0, OK}, {"0e-16383", 0, OK}, {"0.5e-16382", 0, OK},
	{"1e-16384", 0, NUM}, {"0e-16384", 0, NUM}, {"0.5e-16383", 0, NUM}, {"1.5e-16383", 0, NUM},
	{"0e1073741822", 0, OK}, {"0.0e16384", 0, OK}, {"1E+00000000000000000000000000005", 0, OK},
	{"0e1073741823", 0, NUM}, {"1e1073741823", 0, NUM}, {"0e-1073741823", 0, NUM},
	{"1e99999999999999999999", 0, NUM}, {"[1, 1e131072]", 0, NUM},
	{"{\"v\":-1e-16384}", 0, NUM},
};

/*
 * Nested makes depth opening brackets and their closes.
 */
static char *
Nested(int depth, size_t *len)
{
	char	   *s = malloc((size_t) depth * 2 + 1);
	int			i;

	for (i = 0; i < depth; i++)
	{
		s[i] = '[';
		s[depth * 2 - 1 - i] = ']';
	}
	s[depth * 2] = '\0';
	*len = (size_t) depth * 2;
	return s;
}

/*
 * Printable renders a case for a TAP line.
 */
static const char *
Printable(const char *s, size_t len)
{
	static char buf[96];
	size_t		o = 0;
	size_t		i;

	for (i = 0; i < len && o < sizeof(buf) - 6; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 0x20 && c < 0x7f)
			buf[o++] = (char) c;
		else
			o += (size_t) snprintf(buf + o, sizeof(buf) - o, "\\x%02x", c);
	}
	buf[o] = '\0';
	return buf;
}

/*
 * test_cases runs the table.
 */
static void
test_cases(void)
{
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		size_t		len = cases[i].len ? cases[i].len : strlen(cases[i].text);
		McJsonVerdict got = mc_json_check(cases[i].text, len);

		diag("got %s", mc_json_verdict_name(got));
		check(got == cases[i].want, "%s: %s", Printable(cases[i].text, len),
			  mc_json_verdict_name(cases[i].want));
	}
	check(mc_json_check(NULL, 0) == SYN, "no body is not JSON");
	check(mc_json_check("[1]xyz", 3) == OK, "only len bytes are read");
}

/*
 * test_depth checks the nesting limit at its edge, and objects too.
 */
static void
test_depth(void)
{
	size_t		len;
	char	   *s = Nested(MC_JSON_MAX_DEPTH, &len);
	char	   *deeper = Nested(MC_JSON_MAX_DEPTH + 1, &len);
	char	   *objects = malloc(6 * MC_JSON_MAX_DEPTH + 8);
	size_t		o = 0;
	int			i;

	check(mc_json_check(s, strlen(s)) == OK, "nesting %d deep is taken", MC_JSON_MAX_DEPTH);
	check(mc_json_check(deeper, strlen(deeper)) == MC_JSON_TOO_DEEP,
		  "nesting %d deep is refused", MC_JSON_MAX_DEPTH + 1);
	for (i = 0; i < MC_JSON_MAX_DEPTH; i++)
	{
		memcpy(objects + o, "{\"a\":", 5);
		o += 5;
	}
	objects[o++] = '1';
	for (i = 0; i < MC_JSON_MAX_DEPTH; i++)
		objects[o++] = '}';
	check(mc_json_check(objects, o) == OK, "objects %d deep are taken", MC_JSON_MAX_DEPTH);
	/* a million unclosed brackets: refused without recursion */
	free(deeper);
	deeper = malloc(1000000);
	memset(deeper, '[', 1000000);
	check(mc_json_check(deeper, 1000000) == MC_JSON_TOO_DEEP, "a million '[' are refused");
	free(s);
	free(deeper);
	free(objects);
}

/*
 * test_utf8 checks mc_utf8_valid at each edge of each sequence length.
 */
static void
test_utf8(void)
{
	check(mc_utf8_valid("", 0), "empty text is valid");
	check(mc_utf8_valid("\x7f\xc2\x80\xdf\xbf", 5), "one and two bytes: edges");
	check(mc_utf8_valid("\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf", 12),
		  "three bytes: edges around the surrogates");
	check(mc_utf8_valid("\xf0\x90\x80\x80\xf4\x8f\xbf\xbf", 8), "four bytes: U+10000 and U+10FFFF");
	check(!mc_utf8_valid("\xc1\xbf", 2), "overlong two bytes");
	check(!mc_utf8_valid("\xe0\x9f\xbf", 3), "overlong three bytes");
	check(!mc_utf8_valid("\xf0\x8f\xbf\xbf", 4), "overlong four bytes");
	check(!mc_utf8_valid("\xed\xa0\x80", 3), "a surrogate");
	check(!mc_utf8_valid("\xf4\x90\x80\x80", 4), "above U+10FFFF");
	check(!mc_utf8_valid("\xe2\x82", 2), "a sequence cut short");
	check(!mc_utf8_valid("\xe2\x28\xa1", 3), "a bad continuation");
	check(!mc_utf8_valid("a\0", 2), "a NUL byte");
}

int
main(int argc, char **argv)
{
	size_t		i,
				k;

	if (argc > 1 && strcmp(argv[1], "--list") == 0)
	{
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			size_t		len = cases[i].len ? cases[i].len : strlen(cases[i].text);

			for (k = 0; k < len; k++)
				printf("%02x", (unsigned char) cases[i].text[k]);
			printf(" %s\n", mc_json_verdict_name(cases[i].want));
		}
		return 0;
	}
	test_cases();
	test_depth();
	test_utf8();
	return print_results() ? 1 : 0;
}

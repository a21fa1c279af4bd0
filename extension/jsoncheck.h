/*-------------------------------------------------------------------------
 *
 * jsoncheck.h
 *	  Does a national source's answer hold one JSON value that jsonb will
 *	  take?  Plain C without PostgreSQL headers, no allocation, no
 *	  recursion: the connector asks it outside any transaction, and the
 *	  fuzzer calls it with arbitrary bytes.
 *
 * "What jsonb takes" is PostgreSQL 15's JSON lexer and parser with the
 * escapes decoded (common/jsonapi.c, need_escapes, UTF8), after the body
 * passed the database encoding's check (strict UTF-8, no NUL byte), plus
 * the two limits jsonb adds on top of the grammar:
 *
 *	- a number must fit numeric: at most 16383 digits after the decimal
 *	  point once the exponent is applied, its leading digit at most at
 *	  10^131071, an exponent below 1073741823 in size ("value overflows
 *	  numeric format" otherwise);
 *	- nesting: the parser recurses, and a deep enough value ends in
 *	  "stack depth limit exceeded", where exactly depends on
 *	  max_stack_depth.  We refuse values nested deeper than
 *	  MC_JSON_MAX_DEPTH, which jsonb takes at the default 2 MB stack.
 *
 * tests/fuzz/fuzz_json.c compares mc_json_check with PostgreSQL's own
 * parser (the frontend build of the same jsonapi.c, from libpgcommon)
 * on arbitrary bytes: they must agree, except that we also refuse the
 * numbers and the depths above.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_JSONCHECK_H
#define MOTCUA_JSONCHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Deepest nesting of arrays and objects accepted. */
#define MC_JSON_MAX_DEPTH 6400

typedef enum McJsonVerdict
{
	MC_JSON_OK,
	MC_JSON_ENCODING,			/* not strict UTF-8, or a NUL byte */
	MC_JSON_SYNTAX,				/* not one JSON value (also: empty) */
	MC_JSON_ESCAPE,				/* \u0000, or a lone or reversed surrogate */
	MC_JSON_NUMBER_RANGE,		/* a number numeric cannot hold */
	MC_JSON_TOO_DEEP			/* nested deeper than MC_JSON_MAX_DEPTH */
} McJsonVerdict;

/*
 * mc_utf8_valid: are the len bytes strict UTF-8 (RFC 3629: no overlong
 * form, no surrogate, nothing above U+10FFFF) without a NUL byte, as
 * PostgreSQL's check of a UTF8 database's text requires?
 */
extern bool mc_utf8_valid(const char *s, size_t len);

/*
 * mc_json_check judges len bytes (s need not be NUL-terminated; NULL is
 * taken as empty).
 */
extern McJsonVerdict mc_json_check(const char *s, size_t len);

/* mc_json_verdict_name: a static word for a verdict ("ok", "encoding"...). */
extern const char *mc_json_verdict_name(McJsonVerdict v);

#endif							/* MOTCUA_JSONCHECK_H */

/*-------------------------------------------------------------------------
 *
 * jsoncheck.c
 *	  Validation of a national source's JSON answer, as jsonb would take
 *	  it (see jsoncheck.h for what "as jsonb would" covers).
 *
 * One pass over the bytes with an explicit stack of open containers
 * (one byte a level), so a hostile answer can neither exhaust the stack
 * nor make us allocate.  Strings are checked escape by escape as
 * PostgreSQL decodes them; numbers by the JSON grammar, then by numeric's
 * storage limits, computed from the digits without converting them.
 *
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <string.h>

#include "jsoncheck.h"

/* numeric's limits (PostgreSQL 15, utils/adt/numeric.c) */
#define NUMERIC_DSCALE_LIMIT 16383	/* 14-bit display scale */
#define NUMERIC_DECIMAL_EXP_MAX 131071	/* int16 weight of 4-digit groups */
#define NUMERIC_EXPONENT_LIMIT 1073741823	/* INT_MAX / 2 */

/* What a position in the answer expects next. */
typedef enum JsonState
{
	EXPECT_VALUE,
	EXPECT_KEY,
	AFTER_VALUE
} JsonState;

/*
 * mc_utf8_valid checks strict UTF-8 without NUL bytes: the lead byte
 * gives the length, and the second byte's range depends on the lead
 * (E0: no overlong, ED: no surrogate, F0: no overlong, F4: not above
 * U+10FFFF).
 */
bool
mc_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0;

	while (i < len)
	{
		unsigned char c = p[i];
		size_t		n;
		unsigned char lo = 0x80,
					hi = 0xBF;
		size_t		k;

		if (c == 0)
			return false;
		if (c < 0x80)
		{
			i++;
			continue;
		}
		if (c < 0xC2 || c > 0xF4)
			return false;
		n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (len - i < n)
			return false;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		else if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		if (p[i + 1] < lo || p[i + 1] > hi)
			return false;
		for (k = 2; k < n; k++)
			if (p[i + k] < 0x80 || p[i + k] > 0xBF)
				return false;
		i += n;
	}
	return true;
}

/*
 * HexValue returns a hexadecimal digit's value, or -1.
 */
static int
HexValue(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * ScanString checks the string whose opening quote is at *pos and moves
 * *pos past its closing quote.  Control characters must be escaped; a
 * \u escape must have four hex digits, may not be U+0000, and a high
 * surrogate must be followed at once by a \u low surrogate.
 */
static McJsonVerdict
ScanString(const unsigned char *s, size_t len, size_t *pos)
{
	size_t		i = *pos + 1;
	bool		pending_high = false;

	for (;;)
	{
		unsigned char c;

		if (i >= len)
			return MC_JSON_SYNTAX;
		c = s[i];
		if (c == '"')
			break;
		if (c < 0x20)
			return MC_JSON_SYNTAX;
		if (c != '\\')
		{
			if (pending_high)
				return MC_JSON_ESCAPE;
			i++;
			continue;
		}
		if (++i >= len)
			return MC_JSON_SYNTAX;
		c = s[i];
		if (c == 'u')
		{
			unsigned int cp = 0;
			int			k;

			for (k = 1; k <= 4; k++)
			{
				int			h = i + k < len ? HexValue(s[i + k]) : -1;

				if (h < 0)
					return MC_JSON_SYNTAX;
				cp = cp * 16 + (unsigned int) h;
			}
			i += 5;
			if (cp >= 0xD800 && cp <= 0xDBFF)
			{
				if (pending_high)
					return MC_JSON_ESCAPE;
				pending_high = true;
				continue;
			}
			if (cp >= 0xDC00 && cp <= 0xDFFF)
			{
				if (!pending_high)
					return MC_JSON_ESCAPE;
				pending_high = false;
				continue;
			}
			if (pending_high)
				return MC_JSON_ESCAPE;
			if (cp == 0)
				return MC_JSON_ESCAPE;
			continue;
		}
		if (strchr("\"\\/bfnrt", c) == NULL || c == '\0')
			return MC_JSON_SYNTAX;
		if (pending_high)
			return MC_JSON_ESCAPE;
		i++;
	}
	if (pending_high)
		return MC_JSON_ESCAPE;
	*pos = i + 1;
	return MC_JSON_OK;
}

/*
 * ScanNumber checks the number that starts at *pos ('-' or a digit) and
 * moves *pos past it: the JSON grammar, then whether numeric holds it.
 * The value's leading non-zero digit stands at 10^E, its display scale
 * is the digits after the point less the exponent (at least 0); numeric
 * keeps E / 4 (rounded down) in an int16 and the scale in 14 bits, and
 * refuses an exponent of INT_MAX / 2 or more in size before anything.
 */
static McJsonVerdict
ScanNumber(const unsigned char *s, size_t len, size_t *pos)
{
	size_t		i = *pos;
	size_t		int_start,
				int_end,
				frac_start,
				frac_end;
	int64_t		exponent = 0;
	bool		exp_negative = false;
	int64_t		lead = 0;
	bool		nonzero = false;
	int64_t		dscale;
	size_t		k;

	if (s[i] == '-')
		i++;
	int_start = i;
	if (i < len && s[i] == '0')
		i++;
	else if (i < len && s[i] >= '1' && s[i] <= '9')
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return MC_JSON_SYNTAX;
	int_end = frac_start = frac_end = i;
	if (i < len && s[i] == '.')
	{
		frac_start = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		frac_end = i;
		if (frac_end == frac_start)
			return MC_JSON_SYNTAX;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E'))
	{
		size_t		digits;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			exp_negative = s[i++] == '-';
		digits = i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
		{
			/* (saturates: past the limit the value no longer matters) */
			if (exponent <= NUMERIC_EXPONENT_LIMIT)
				exponent = exponent * 10 + (s[i] - '0');
			i++;
		}
		if (i == digits)
			return MC_JSON_SYNTAX;
		if (exp_negative)
			exponent = -exponent;
	}
	*pos = i;

	if (exponent >= NUMERIC_EXPONENT_LIMIT || exponent <= -NUMERIC_EXPONENT_LIMIT)
		return MC_JSON_NUMBER_RANGE;
	dscale = (int64_t) (frac_end - frac_start) - exponent;
	if (dscale > NUMERIC_DSCALE_LIMIT)
		return MC_JSON_NUMBER_RANGE;
	for (k = int_start; k < int_end && !nonzero; k++)
		if (s[k] != '0')
		{
			nonzero = true;
			lead = (int64_t) (int_end - k) - 1;
		}
	for (k = frac_start; k < frac_end && !nonzero; k++)
		if (s[k] != '0')
		{
			nonzero = true;
			lead = -(int64_t) (k - frac_start) - 1;
		}
	/* (a small number's weight is never the limit: its scale is first) */
	if (nonzero && lead + exponent > NUMERIC_DECIMAL_EXP_MAX)
		return MC_JSON_NUMBER_RANGE;
	return MC_JSON_OK;
}

/*
 * IsWordChar: the bytes PostgreSQL's lexer takes into one word (a
 * keyword, or the garbage after a number).
 */
static bool
IsWordChar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

/*
 * ScanWord checks the word at *pos, which must be exactly true, false or
 * null, and moves *pos past it.
 */
static McJsonVerdict
ScanWord(const unsigned char *s, size_t len, size_t *pos)
{
	size_t		i = *pos;
	size_t		n;

	while (i < len && IsWordChar(s[i]))
		i++;
	n = i - *pos;
	if (!((n == 4 && memcmp(s + *pos, "true", 4) == 0) ||
		  (n == 5 && memcmp(s + *pos, "false", 5) == 0) ||
		  (n == 4 && memcmp(s + *pos, "null", 4) == 0)))
		return MC_JSON_SYNTAX;
	*pos = i;
	return MC_JSON_OK;
}

/*
 * mc_json_check checks the encoding of the whole answer first (as the
 * engine's caller would), then parses it as one JSON value surrounded
 * by optional white space.
 */
McJsonVerdict
mc_json_check(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *) text;
	unsigned char open[MC_JSON_MAX_DEPTH];	/* '[' or '{' per level */
	int			depth = 0;
	JsonState	state = EXPECT_VALUE;
	size_t		i = 0;

	if (text == NULL)
		len = 0;
	if (!mc_utf8_valid(text, len))
		return MC_JSON_ENCODING;
	for (;;)
	{
		McJsonVerdict v = MC_JSON_OK;
		unsigned char c;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		if (state == AFTER_VALUE && depth == 0)
			return i == len ? MC_JSON_OK : MC_JSON_SYNTAX;
		if (i >= len)
			return MC_JSON_SYNTAX;
		c = s[i];
		switch (state)
		{
			case EXPECT_VALUE:
				if (c == '[' || c == '{')
				{
					if (depth == MC_JSON_MAX_DEPTH)
						return MC_JSON_TOO_DEEP;
					open[depth++] = c;
					i++;
					/* an empty container closes at once */
					while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
						i++;
					if (i < len && s[i] == (c == '[' ? ']' : '}'))
					{
						depth--;
						i++;
						state = AFTER_VALUE;
					}
					else
						state = c == '[' ? EXPECT_VALUE : EXPECT_KEY;
					continue;
				}
				if (c == '"')
					v = ScanString(s, len, &i);
				else if (c == '-' || (c >= '0' && c <= '9'))
				{
					v = ScanNumber(s, len, &i);
					/* a number must not run into a word ("1x", "01") */
					if (v == MC_JSON_OK && i < len && IsWordChar(s[i]))
						v = MC_JSON_SYNTAX;
				}
				else if (IsWordChar(c))
					v = ScanWord(s, len, &i);
				else
					v = MC_JSON_SYNTAX;
				if (v != MC_JSON_OK)
					return v;
				state = AFTER_VALUE;
				break;
			case EXPECT_KEY:
				if (c != '"')
					return MC_JSON_SYNTAX;
				v = ScanString(s, len, &i);
				if (v != MC_JSON_OK)
					return v;
				while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
					i++;
				if (i >= len || s[i] != ':')
					return MC_JSON_SYNTAX;
				i++;
				state = EXPECT_VALUE;
				break;
			case AFTER_VALUE:
				if (c == ',')
				{
					i++;
					state = open[depth - 1] == '[' ? EXPECT_VALUE : EXPECT_KEY;
				}
				else if (c == (open[depth - 1] == '[' ? ']' : '}'))
				{
					i++;
					depth--;
				}
				else
					return MC_JSON_SYNTAX;
				break;
		}
	}
}

/*
 * mc_json_verdict_name names a verdict.
 */
const char *
mc_json_verdict_name(McJsonVerdict v)
{
	switch (v)
	{
		case MC_JSON_OK:
			return "ok";
		case MC_JSON_ENCODING:
			return "encoding";
		case MC_JSON_SYNTAX:
			return "syntax";
		case MC_JSON_ESCAPE:
			return "escape";
		case MC_JSON_NUMBER_RANGE:
			return "number_range";
		case MC_JSON_TOO_DEEP:
			return "too_deep";
	}
	return "unknown";
}

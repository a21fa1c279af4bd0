/*-------------------------------------------------------------------------
 *
 * idparse.c
 *	  Strict parsers and canonical formatters for motcua's identifiers
 *	  (rules in docs/domain.md §3).
 *
 * Each parser checks the length first, so a huge input costs nothing,
 * then walks the bytes once.  Errors name the rule that was broken; the
 * caller adds the type name and the offending value.
 *
 *-------------------------------------------------------------------------
 */
#include "idparse.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "daynum.h"

#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define IS_UPPER(c) ((c) >= 'A' && (c) <= 'Z')

/* The 63 province codes of birth registration, valid also after 2025. */
static const short province_codes[] = {
	1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30,
	31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56,
	58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86,
	87, 89, 91, 92, 93, 94, 95, 96
};

/* Weights of the nine leading digits of a tax code. */
static const int tax_weights[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};

/*
 * seterr writes a formatted rule description into the caller's buffer.
 */
static bool
seterr(char *err, const char *fmt, int a, int b)
{
	if (err)
		snprintf(err, MC_ID_ERRLEN, fmt, a, b);
	return false;
}

/*
 * check_plain rejects whitespace, control bytes and NUL anywhere in the
 * input, so the more specific rules below only ever see printable text.
 */
static bool
check_plain(const char *s, size_t len, char *err)
{
	size_t		i;

	if (len == 0)
		return seterr(err, "value is empty", 0, 0);
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
			c == '\v' || c == '\f')
			return seterr(err, "whitespace at position %d is not allowed",
						  (int) i + 1, 0);
		if (c < 0x20 || c == 0x7f)
			return seterr(err, "control character at position %d is not allowed",
						  (int) i + 1, 0);
	}
	return true;
}

/*
 * digits_value reads n decimal digits at s into *out; false if any byte
 * is not a digit.
 */
static bool
digits_value(const char *s, int n, int64_t *out)
{
	int64_t		v = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (!IS_DIGIT(s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/*
 * first_non_digit returns the 1-based position of the first byte in
 * s[0..n) that is not a digit, or 0 when all are digits.
 */
static int
first_non_digit(const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (!IS_DIGIT(s[i]))
			return (int) i + 1;
	return 0;
}

/*
 * mc_province_code_valid tells whether code is one of the 63 legacy
 * province codes used in personal identification numbers.
 */
bool
mc_province_code_valid(int code)
{
	size_t		lo = 0,
				hi = sizeof(province_codes) / sizeof(province_codes[0]);

	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (province_codes[mid] == code)
			return true;
		if (province_codes[mid] < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * mc_parse_personal_id parses the 12-digit personal identification
 * number: province of birth registration, century/sex digit, two-digit
 * birth year, six random digits.  There is no checksum, so the province
 * code and a birth year not after current_year are all we can check.
 */
bool
mc_parse_personal_id(const char *s, size_t len, int current_year,
					 uint64_t *out, char *err)
{
	int64_t		v = 0;
	int			pos;
	uint64_t	result;

	if (!check_plain(s, len, err))
		return false;
	if (len != 12)
		return seterr(err, "must be 12 digits, not %d characters",
					  len > INT_MAX ? INT_MAX : (int) len, 0);
	pos = first_non_digit(s, len);
	if (pos)
		return seterr(err, "character %d is not a digit", pos, 0);
	digits_value(s, 12, &v);
	result = (uint64_t) v;
	if (!mc_province_code_valid(mc_personal_id_province(result)))
		return seterr(err, "%03d is not a province code", mc_personal_id_province(result), 0);
	if (mc_personal_id_birth_year(result) > current_year)
		return seterr(err, "birth year %d is in the future",
					  mc_personal_id_birth_year(result), 0);
	*out = result;
	return true;
}

/*
 * mc_format_personal_id writes the 12 digits, keeping leading zeros.
 */
void
mc_format_personal_id(uint64_t v, char *buf)
{
	snprintf(buf, MC_ID_TEXTLEN, "%012llu", (unsigned long long) v);
}

/*
 * mc_personal_id_province returns the 3-digit province code of birth.
 */
int
mc_personal_id_province(uint64_t v)
{
	return (int) (v / UINT64_C(1000000000));
}

/*
 * mc_personal_id_birth_year combines the century digit (0/1 = 1900s,
 * 2/3 = 2000s, ... 8/9 = 2300s) with the two-digit year.
 */
int
mc_personal_id_birth_year(uint64_t v)
{
	int			century = (int) (v / UINT64_C(100000000) % 10);
	int			yy = (int) (v / UINT64_C(1000000) % 100);

	return 1900 + (century / 2) * 100 + yy;
}

/*
 * mc_personal_id_is_female: odd century digits are female.
 */
bool
mc_personal_id_is_female(uint64_t v)
{
	return (v / UINT64_C(100000000) % 10) % 2 == 1;
}

/*
 * mc_tax_code_check_digit returns the check digit for nine leading
 * digits, or -1 when their weighted sum is divisible by 11 (such a prefix
 * is never issued).
 */
int
mc_tax_code_check_digit(const int *first9)
{
	int			sum = 0;
	int			i;

	for (i = 0; i < 9; i++)
		sum += tax_weights[i] * first9[i];
	if (sum % 11 == 0)
		return -1;
	return 10 - sum % 11;
}

/*
 * mc_parse_tax_code parses a 10-digit enterprise code or the 13-digit
 * dependent-unit form "0100109106-001".  Only the first ten digits carry
 * the check digit.
 */
bool
mc_parse_tax_code(const char *s, size_t len, uint64_t *out, char *err)
{
	int			d[10];
	int			i;
	int			check;
	int64_t		base = 0;
	int64_t		branch = 0;

	if (!check_plain(s, len, err))
		return false;
	if (len != 10 && len != 14)
		return seterr(err, "must be 10 digits or 10 digits, a hyphen and 3 digits, not %d characters",
					  len > INT_MAX ? INT_MAX : (int) len, 0);
	for (i = 0; i < 10; i++)
	{
		if (!IS_DIGIT(s[i]))
			return seterr(err, "character %d is not a digit", i + 1, 0);
		d[i] = s[i] - '0';
		base = base * 10 + d[i];
	}
	if (len == 14)
	{
		if (s[10] != '-')
			return seterr(err, "character 11 must be a hyphen before the branch number", 0, 0);
		if (!digits_value(s + 11, 3, &branch))
			return seterr(err, "branch number must be 3 digits", 0, 0);
		if (branch == 0)
			return seterr(err, "branch number must be 001 to 999", 0, 0);
	}
	/*
	 * Circular 105/2020/TT-BTC: N1N2 is the issuing range (never 00) and
	 * N3-N9 a sequence number within it (never 0000000).
	 */
	if (d[0] == 0 && d[1] == 0)
		return seterr(err, "its first two digits (the issuing range) must not be 00", 0, 0);
	if (base / 10 % 10000000 == 0)
		return seterr(err, "its sequence number (digits 3 to 9) must not be 0000000", 0, 0);
	check = mc_tax_code_check_digit(d);
	if (check < 0)
		return seterr(err, "its first nine digits have no valid check digit", 0, 0);
	if (check != d[9])
		return seterr(err, "check digit should be %d", check, 0);
	*out = (uint64_t) base * 1000 + (uint64_t) branch;
	return true;
}

/*
 * mc_format_tax_code writes the head-office form or the branch form.
 */
void
mc_format_tax_code(uint64_t v, char *buf)
{
	unsigned long long base = v / 1000;
	unsigned	branch = (unsigned) (v % 1000);

	if (branch)
		snprintf(buf, MC_ID_TEXTLEN, "%010llu-%03u", base, branch);
	else
		snprintf(buf, MC_ID_TEXTLEN, "%010llu", base);
}

/*
 * Unit id packing.  Mixed radix, most significant first: letter (26),
 * level-1 number (100), level 2 (100), level 3 (100), level 4 (1000),
 * form (2: full, short), levels written in short form minus one (4).
 */
typedef struct UnitParts
{
	int			letter;			/* 0..25 */
	int			num;			/* 0..99 */
	int			l2;
	int			l3;
	int			l4;
	int			is_short;
	int			nlevels;		/* 1..4, levels written (4 for full form) */
} UnitParts;

static uint64_t
unit_pack(const UnitParts *p)
{
	uint64_t	v = (uint64_t) p->letter;

	v = v * 100 + (uint64_t) p->num;
	v = v * 100 + (uint64_t) p->l2;
	v = v * 100 + (uint64_t) p->l3;
	v = v * 1000 + (uint64_t) p->l4;
	v = v * 2 + (uint64_t) p->is_short;
	v = v * 4 + (uint64_t) (p->nlevels - 1);
	return v;
}

/*
 * unit_unpack splits a packed unit id back into its parts.
 */
static void
unit_unpack(uint64_t v, UnitParts *p)
{
	p->nlevels = (int) (v % 4) + 1;
	v /= 4;
	p->is_short = (int) (v % 2);
	v /= 2;
	p->l4 = (int) (v % 1000);
	v /= 1000;
	p->l3 = (int) (v % 100);
	v /= 100;
	p->l2 = (int) (v % 100);
	v /= 100;
	p->num = (int) (v % 100);
	v /= 100;
	p->letter = (int) (v % 26);
}

/*
 * parse_level1 reads a level-1 code: an upper-case letter and two digits
 * (H29 for a province, G09 for a ministry).
 */
static bool
parse_level1(const char *s, UnitParts *p, char *err)
{
	int64_t		num;

	if (!IS_UPPER(s[0]) || !digits_value(s + 1, 2, &num))
		return seterr(err, "level-1 code must be an upper-case letter and two digits, such as H29 or G09", 0, 0);
	p->letter = s[0] - 'A';
	p->num = (int) num;
	return true;
}

/*
 * mc_parse_unit_id accepts the full Decision 20/2020 form
 * "DDD.DD.DD.LNN" (levels 4.3.2.1) and the short form written from
 * level 1 down, "LNN", "LNN.DD", "LNN.DD.DD" or "LNN.DD.DD.DDD".
 */
bool
mc_parse_unit_id(const char *s, size_t len, uint64_t *out, char *err)
{
	UnitParts	p;
	int64_t		v;

	memset(&p, 0, sizeof(p));
	if (!check_plain(s, len, err))
		return false;
	if (len > 13)
		return seterr(err, "is longer than 13 characters", 0, 0);
	if (len == 13 && IS_DIGIT(s[0]))
	{
		if (s[3] != '.' || s[6] != '.' || s[9] != '.')
			return seterr(err, "full form must be DDD.DD.DD.LNN with dots at positions 4, 7 and 10", 0, 0);
		if (!digits_value(s, 3, &v))
			return seterr(err, "level 4 must be 3 digits", 0, 0);
		p.l4 = (int) v;
		if (!digits_value(s + 4, 2, &v))
			return seterr(err, "level 3 must be 2 digits", 0, 0);
		p.l3 = (int) v;
		if (!digits_value(s + 7, 2, &v))
			return seterr(err, "level 2 must be 2 digits", 0, 0);
		p.l2 = (int) v;
		if (!parse_level1(s + 10, &p, err))
			return false;
		p.nlevels = 4;
	}
	else
	{
		if (len != 3 && len != 6 && len != 9 && len != 13)
			return seterr(err, "must be DDD.DD.DD.LNN or LNN[.DD[.DD[.DDD]]]", 0, 0);
		if (!parse_level1(s, &p, err))
			return false;
		p.is_short = 1;
		p.nlevels = 1;
		if (len >= 6)
		{
			if (s[3] != '.' || !digits_value(s + 4, 2, &v))
				return seterr(err, "level 2 must be a dot and 2 digits after the level-1 code", 0, 0);
			p.l2 = (int) v;
			p.nlevels = 2;
		}
		if (len >= 9)
		{
			if (s[6] != '.' || !digits_value(s + 7, 2, &v))
				return seterr(err, "level 3 must be a dot and 2 digits after level 2", 0, 0);
			p.l3 = (int) v;
			p.nlevels = 3;
		}
		if (len == 13)
		{
			if (s[9] != '.' || !digits_value(s + 10, 3, &v))
				return seterr(err, "level 4 must be a dot and 3 digits after level 3", 0, 0);
			p.l4 = (int) v;
			p.nlevels = 4;
		}
	}
	*out = unit_pack(&p);
	return true;
}

/*
 * mc_format_unit_id writes a packed unit id in the form it was given.
 */
void
mc_format_unit_id(uint64_t v, char *buf)
{
	UnitParts	p;
	char		l1[4];

	unit_unpack(v, &p);
	snprintf(l1, sizeof(l1), "%c%02d", 'A' + p.letter, p.num);
	if (!p.is_short)
		snprintf(buf, MC_ID_TEXTLEN, "%03d.%02d.%02d.%s", p.l4, p.l3, p.l2, l1);
	else if (p.nlevels == 1)
		snprintf(buf, MC_ID_TEXTLEN, "%s", l1);
	else if (p.nlevels == 2)
		snprintf(buf, MC_ID_TEXTLEN, "%s.%02d", l1, p.l2);
	else if (p.nlevels == 3)
		snprintf(buf, MC_ID_TEXTLEN, "%s.%02d.%02d", l1, p.l2, p.l3);
	else
		snprintf(buf, MC_ID_TEXTLEN, "%s.%02d.%02d.%03d", l1, p.l2, p.l3, p.l4);
}

/*
 * mc_unit_id_root writes the level-1 code (the province or ministry),
 * e.g. "H29".
 */
void
mc_unit_id_root(uint64_t v, char *buf)
{
	UnitParts	p;

	unit_unpack(v, &p);
	snprintf(buf, MC_ID_TEXTLEN, "%c%02d", 'A' + p.letter, p.num);
}

/*
 * mc_parse_dossier_code parses "<unit id>-<yyMMdd>-<sequence>".  The
 * sequence has at least four digits; a longer one may not start with 0,
 * so every dossier has exactly one spelling.
 */
bool
mc_parse_dossier_code(const char *s, size_t len, McDossierCode *out, char *err)
{
	const char *dash1 = NULL;
	const char *dash2 = NULL;
	size_t		i;
	size_t		seqlen;
	int64_t		yy,
				mm,
				dd,
				seq;

	if (!check_plain(s, len, err))
		return false;
	if (len > 13 + 1 + 6 + 1 + 9)
		return seterr(err, "is longer than %d characters", 13 + 1 + 6 + 1 + 9, 0);
	for (i = 0; i < len; i++)
	{
		if (s[i] != '-')
			continue;
		if (dash1 == NULL)
			dash1 = s + i;
		else if (dash2 == NULL)
			dash2 = s + i;
		else
			return seterr(err, "has more than two hyphens", 0, 0);
	}
	if (dash2 == NULL)
		return seterr(err, "must be <unit id>-<yyMMdd>-<sequence>", 0, 0);
	if (!mc_parse_unit_id(s, (size_t) (dash1 - s), &out->unit, err))
	{
		char		inner[MC_ID_ERRLEN];

		if (err)
		{
			memcpy(inner, err, MC_ID_ERRLEN);
			snprintf(err, MC_ID_ERRLEN, "unit id part: %.100s", inner);
		}
		return false;
	}
	if (dash2 - dash1 - 1 != 6 ||
		!digits_value(dash1 + 1, 2, &yy) ||
		!digits_value(dash1 + 3, 2, &mm) ||
		!digits_value(dash1 + 5, 2, &dd))
		return seterr(err, "the date part must be 6 digits yyMMdd", 0, 0);
	if (!mc_ymd_valid(2000 + (int) yy, (int) mm, (int) dd))
		return seterr(err, "the date part is not a real date (month %d, day %d)",
					  (int) mm, (int) dd);
	seqlen = len - (size_t) (dash2 + 1 - s);
	if (seqlen < 4 || seqlen > 9)
		return seterr(err, "the sequence must be 4 to 9 digits, not %d", (int) seqlen, 0);
	if (!digits_value(dash2 + 1, (int) seqlen, &seq))
		return seterr(err, "the sequence must be digits only", 0, 0);
	if (seqlen > 4 && dash2[1] == '0')
		return seterr(err, "a sequence longer than 4 digits must not start with 0", 0, 0);
	if (seq == 0)
		return seterr(err, "the sequence must be at least 0001", 0, 0);
	out->day = mc_day_from_ymd(2000 + (int) yy, (int) mm, (int) dd);
	out->seq = (int32_t) seq;
	return true;
}

/*
 * mc_format_dossier_code writes the canonical dossier code.
 */
void
mc_format_dossier_code(const McDossierCode *v, char *buf)
{
	char		unit[MC_ID_TEXTLEN];
	int			y,
				m,
				d;

	mc_format_unit_id(v->unit, unit);
	mc_ymd_from_day(v->day, &y, &m, &d);
	snprintf(buf, MC_ID_TEXTLEN, "%.13s-%02u%02u%02u-%04u", unit,
			 (unsigned) (y % 100) % 100u, (unsigned) m % 100u, (unsigned) d % 100u,
			 (unsigned) v->seq % 1000000000u);
}

/*
 * mc_parse_procedure_code parses "d.dddddd" optionally followed by a dot
 * and the unit id of the locality that adapted the procedure, as in
 * "1.001612.000.00.00.H48".
 */
bool
mc_parse_procedure_code(const char *s, size_t len, McProcedureCode *out,
						char *err)
{
	int64_t		lead,
				num;

	if (!check_plain(s, len, err))
		return false;
	if (len < 8)
		return seterr(err, "must be a digit, a dot and 6 digits, such as 1.000894", 0, 0);
	if (len > 8 + 1 + 13)
		return seterr(err, "is longer than %d characters", 8 + 1 + 13, 0);
	if (!digits_value(s, 1, &lead) || s[1] != '.' || !digits_value(s + 2, 6, &num))
		return seterr(err, "must begin with a digit, a dot and 6 digits, such as 1.000894", 0, 0);
	out->number = (int32_t) (lead * 1000000 + num);
	out->has_local = 0;
	out->local_unit = 0;
	if (len > 8)
	{
		if (s[8] != '.' || len == 9)
			return seterr(err, "a local suffix must be a dot and a unit id, such as .000.00.00.H48", 0, 0);
		if (!mc_parse_unit_id(s + 9, len - 9, &out->local_unit, err))
			return false;
		out->has_local = 1;
	}
	return true;
}

/*
 * mc_format_procedure_code writes the canonical procedure code.
 */
void
mc_format_procedure_code(const McProcedureCode *v, char *buf)
{
	char		unit[MC_ID_TEXTLEN];

	if (!v->has_local)
	{
		snprintf(buf, MC_ID_TEXTLEN, "%d.%06d", (int) (v->number / 1000000),
				 (int) (v->number % 1000000));
		return;
	}
	mc_format_unit_id(v->local_unit, unit);
	snprintf(buf, MC_ID_TEXTLEN, "%d.%06d.%.13s", (int) (v->number / 1000000),
			 (int) (v->number % 1000000), unit);
}

/* unit-link: cronexpr.c daynum.c */
/*-------------------------------------------------------------------------
 *
 * test_cronexpr.c
 *	  Unit tests for the cron expression parser and next-run search
 *	  (extension/cronexpr.c).
 *
 * Prints TAP and exits 0 iff every test passes.  Hand-written cases pin
 * every syntax form, every rejection message and the next run on
 * concrete dates (weekends, month ends, leap days, year and horizon
 * edges).  Randomized cases generate expressions as text together with
 * the value sets they stand for, and compare the parser's bitmaps with
 * those sets and mc_cron_next with two naive references written here: a
 * minute-by-minute scan over a few weeks and a day-by-day walk over the
 * whole five-year horizon.  Civil dates in the references come from the
 * C library's gmtime_r, not from the code under test.
 *
 * "--bench" instead times mc_cron_next.  An optional numeric argument
 * sets the random seed.
 *
 *-------------------------------------------------------------------------
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "cronexpr.h"

#define NONE MC_CRON_NONE
#define ALL_MINUTES ((UINT64_C(1) << 60) - 1)

/* ----------------------------------------------------------------
 * Small helpers
 * ----------------------------------------------------------------
 */

/* Civil minute of a wall-clock date and time (code under test). */
static int64_t
CM(int y, int mo, int d, int h, int mi)
{
	return mc_cron_civil_minute(y, mo, d, h, mi);
}

/* Bit v alone. */
static uint64_t
B(int v)
{
	return UINT64_C(1) << v;
}

/* Bits lo..hi every step. */
static uint64_t
R(int lo, int hi, int step)
{
	uint64_t	bits = 0;
	int			v;

	for (v = lo; v <= hi; v += step)
		bits |= B(v);
	return bits;
}

/*
 * Reference civil fields of a day (days since 1970-01-01) from the C
 * library, independent of daynum.c.
 */
static void
ref_civil_day(int64_t day, int *year, int *month, int *mday, int *wday)
{
	time_t		t = (time_t) (day * 86400);
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL)
		abort();
	*year = tm.tm_year + 1900;
	*month = tm.tm_mon + 1;
	*mday = tm.tm_mday;
	*wday = tm.tm_wday;
}

/* Floor of minute / 1440. */
static int64_t
day_of_minute(int64_t m)
{
	return m >= 0 ? m / 1440 : -((-m + 1439) / 1440);
}

/* Text of a civil minute, "2025-06-10 Tue 10:05", in a ring buffer. */
static const char *
fmt_minute(int64_t m)
{
	static char ring[8][48];
	static int	slot;
	static const char *dow[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	char	   *buf = ring[slot++ % 8];
	int64_t		day = day_of_minute(m);
	int64_t		tod = m - day * 1440;
	int			y,
				mo,
				d,
				w;

	ref_civil_day(day, &y, &mo, &d, &w);
	snprintf(buf, 48, "%04d-%02d-%02d %s %02d:%02d (%lld)", y, mo, d, dow[w],
			 (int) (tod / 60), (int) (tod % 60), (long long) m);
	return buf;
}

/* Text of a result of mc_cron_next: a minute or "none". */
static const char *
fmt_result(int64_t m)
{
	return m == NONE ? "none" : fmt_minute(m);
}

/* Are two parsed expressions identical? */
static bool
same_cron(const McCron *a, const McCron *b)
{
	return a->minutes == b->minutes && a->hours == b->hours &&
		a->days == b->days && a->months == b->months &&
		a->weekdays == b->weekdays && a->dom_star == b->dom_star &&
		a->dow_star == b->dow_star;
}

/* Describe a parsed expression in a diagnostic line. */
static void
diag_cron(const char *what, const McCron *c)
{
	diag("%s: minutes %#llx hours %#lx days %#lx months %#x weekdays %#x dom_star %d dow_star %d",
		 what, (unsigned long long) c->minutes, (unsigned long) c->hours,
		 (unsigned long) c->days, (unsigned) c->months,
		 (unsigned) c->weekdays, c->dom_star, c->dow_star);
}

/* ----------------------------------------------------------------
 * Parsing
 * ----------------------------------------------------------------
 */

/* An expression parses into exactly these bitmaps and flags. */
static void
expect_bits(const char *expr, uint64_t minutes, uint64_t hours, uint64_t days,
			uint64_t months, uint64_t weekdays, bool dom_star, bool dow_star,
			const char *desc)
{
	McCron		got;
	McCron		want;
	char		err[MC_CRON_ERRLEN];
	bool		ok;

	want.minutes = minutes;
	want.hours = (uint32_t) hours;
	want.days = (uint32_t) days;
	want.months = (uint16_t) months;
	want.weekdays = (uint8_t) weekdays;
	want.dom_star = dom_star;
	want.dow_star = dow_star;
	ok = mc_cron_parse(expr, &got, err, sizeof(err));
	if (!ok)
		diag("\"%s\" rejected: %s", expr, err);
	else if (!same_cron(&got, &want))
	{
		diag_cron("got ", &got);
		diag_cron("want", &want);
	}
	check(ok && same_cron(&got, &want), "parse \"%s\": %s", expr, desc);
}

/* Two expressions parse into the same thing. */
static void
expect_same(const char *expr, const char *other, const char *desc)
{
	McCron		a;
	McCron		b;
	char		err[MC_CRON_ERRLEN];
	bool		ok;

	ok = mc_cron_parse(expr, &a, err, sizeof(err));
	if (!ok)
		diag("\"%s\" rejected: %s", expr, err);
	else if (!mc_cron_parse(other, &b, err, sizeof(err)))
	{
		diag("\"%s\" rejected: %s", other, err);
		ok = false;
	}
	else if (!same_cron(&a, &b))
	{
		diag_cron(expr, &a);
		diag_cron(other, &b);
		ok = false;
	}
	check(ok, "parse \"%s\" = \"%s\": %s", expr, other, desc);
}

/*
 * An expression is rejected with exactly this message, and the output
 * structure is left untouched.
 */
static void
expect_reject(const char *expr, const char *msg)
{
	McCron		c;
	McCron		before;
	char		err[MC_CRON_ERRLEN];
	bool		ok;

	memset(&c, 0x5A, sizeof(c));
	memcpy(&before, &c, sizeof(c));
	strcpy(err, "(unset)");
	ok = !mc_cron_parse(expr, &c, err, sizeof(err));
	if (!ok)
		diag("accepted");
	else if (strcmp(err, msg) != 0)
	{
		diag("got  %s", err);
		diag("want %s", msg);
		ok = false;
	}
	else if (memcmp(&c, &before, sizeof(c)) != 0)
	{
		diag("output changed on failure");
		ok = false;
	}
	check(ok, "reject \"%s\": %s", expr ? expr : "(null)", msg);
}

static void
test_parse_syntax(void)
{
	uint64_t	all_h = R(0, 23, 1);
	uint64_t	all_dom = R(1, 31, 1);
	uint64_t	all_mon = R(1, 12, 1);
	uint64_t	all_dow = R(0, 6, 1);

	expect_bits("* * * * *", ALL_MINUTES, all_h, all_dom, all_mon, all_dow,
				true, true, "every minute");
	expect_bits("5 4 3 2 1", B(5), B(4), B(3), B(2), B(1), false, false,
				"single values");
	expect_bits("0 0 1 1 0", B(0), B(0), B(1), B(1), B(0), false, false,
				"lowest values");
	expect_bits("59 23 31 12 6", B(59), B(23), B(31), B(12), B(6),
				false, false, "highest values");
	expect_bits("0-10 8-17 1-15 3-5 1-5", R(0, 10, 1), R(8, 17, 1),
				R(1, 15, 1), R(3, 5, 1), R(1, 5, 1), false, false, "ranges");
	expect_bits("7-7 * * * *", B(7), all_h, all_dom, all_mon, all_dow,
				true, true, "one-value range");
	expect_bits("0,15,30,45 1,3-5,10 1,15,31 1,6-7 0,6", R(0, 45, 15),
				B(1) | R(3, 5, 1) | B(10), B(1) | B(15) | B(31),
				B(1) | B(6) | B(7), B(0) | B(6), false, false, "lists");
	expect_bits("*/15 */6 */10 */3 */2", R(0, 59, 15), R(0, 23, 6),
				R(1, 31, 10), R(1, 12, 3), R(0, 6, 2), true, true,
				"stepped stars start at the field minimum");
	expect_bits("*/7 * * * *", R(0, 59, 7), all_h, all_dom, all_mon, all_dow,
				true, true, "a step that does not divide 60");
	expect_bits("10-30/10 9-17/4 2-20/9 1-12/5 1-5/2", R(10, 30, 10),
				R(9, 17, 4), R(2, 20, 9), R(1, 12, 5), B(1) | B(3) | B(5),
				false, false, "stepped ranges");
	expect_bits("5/20 3/8 10/10 2/4 1/3", R(5, 59, 20), R(3, 23, 8),
				R(10, 31, 10), R(2, 12, 4), B(1) | B(4) | B(0), false, false,
				"a/n runs to the maximum (day-of-week 7 is Sunday)");
	expect_bits("0,*/20,7 * * * *", R(0, 59, 20) | B(7), all_h, all_dom,
				all_mon, all_dow, true, true, "star inside a list");
	expect_bits("05 007 09 04 00", B(5), B(7), B(9), B(4), B(0), false, false,
				"leading zeros");
	expect_bits("0 0 * JAN,mar,Dec *", B(0), B(0), all_dom,
				B(1) | B(3) | B(12), all_dow, true, true, "month names");
	expect_bits("0 0 * jan-MAR,Oct-dec/2 *", B(0), B(0), all_dom,
				R(1, 3, 1) | B(10) | B(12), all_dow, true, true,
				"month name ranges and steps");
	expect_bits("0 0 * * mon-FRI", B(0), B(0), all_dom, all_mon, R(1, 5, 1),
				true, false, "weekday name range");
	expect_bits("0 0 * * SUN,sat", B(0), B(0), all_dom, all_mon,
				B(0) | B(6), true, false, "weekday names");
	expect_bits("0 0 * * Mon-Fri/2", B(0), B(0), all_dom, all_mon,
				B(1) | B(3) | B(5), true, false, "stepped weekday names");
	expect_bits("0 0 * 1-JUN 1-FRI", B(0), B(0), all_dom, R(1, 6, 1),
				R(1, 5, 1), true, false, "numbers and names mixed");
	expect_bits("0 0 * * 7", B(0), B(0), all_dom, all_mon, B(0), true, false,
				"day-of-week 7 is Sunday");
	expect_bits("0 0 * * 5-7", B(0), B(0), all_dom, all_mon,
				B(5) | B(6) | B(0), true, false, "range up to 7 wraps to Sunday");
	expect_bits("0 0 * * 0,7", B(0), B(0), all_dom, all_mon, B(0), true, false,
				"0 and 7 together");
	expect_bits("0 0 * * */7", B(0), B(0), all_dom, all_mon, B(0), true, true,
				"day-of-week star runs 0-7 as in Vixie cron");
	expect_bits(" \t30\t 4  *\t\t* *  ", B(30), B(4), all_dom, all_mon,
				all_dow, true, true, "spaces and tabs around and between fields");
	expect_bits("0 0 */2 * 1", B(0), B(0), R(1, 31, 2), all_mon, B(1), true,
				false, "a stepped star counts as a star (Vixie)");
	expect_bits("0 0 1-31 * 1", B(0), B(0), all_dom, all_mon, B(1), false,
				false, "a full range is not a star");
	expect_bits("*/59 */23 */31 */12 */7", B(0) | B(59), B(0) | B(23), B(1),
				B(1), B(0), true, true, "largest steps");
	expect_bits("@yearly", B(0), B(0), B(1), B(1), all_dow, false, true,
				"@yearly");
	expect_same("@yearly", "0 0 1 1 *", "@yearly");
	expect_same("@annually", "0 0 1 1 *", "@annually");
	expect_same("@monthly", "0 0 1 * *", "@monthly");
	expect_same("@weekly", "0 0 * * 0", "@weekly");
	expect_same("@daily", "0 0 * * *", "@daily");
	expect_same("@midnight", "0 0 * * *", "@midnight");
	expect_same("@hourly", "0 * * * *", "@hourly");
	expect_same("  @Daily\t", "0 0 * * *", "shortcuts ignore case and blanks");
}

static void
test_parse_errors(void)
{
	McCron		c;
	char		small[8];
	char		err[MC_CRON_ERRLEN];
	bool		ok;

	/* Whole expression */
	expect_reject(NULL, "cron expression is empty");
	expect_reject("", "cron expression is empty");
	expect_reject(" \t ", "cron expression is empty");
	expect_reject("* * * *",
				  "expected 5 fields (minute hour day-of-month month day-of-week), found 4");
	expect_reject("* * * * * *",
				  "expected 5 fields (minute hour day-of-month month day-of-week), found 6");
	expect_reject("0 0 * * * echo hi",
				  "expected 5 fields (minute hour day-of-month month day-of-week), found 7");
	expect_reject("*", "expected 5 fields (minute hour day-of-month month day-of-week), found 1");
	expect_reject("@reboot", "cron shortcut \"@reboot\" is not supported");
	expect_reject("@fortnightly", "unknown cron shortcut \"@fortnightly\"");
	expect_reject("@", "unknown cron shortcut \"@\"");
	expect_reject("@daily 5", "unexpected text after \"@daily\"");

	/* Out of range, in every field */
	expect_reject("61 * * * *", "minute field \"61\" is out of range 0-59");
	expect_reject("60 * * * *", "minute field \"60\" is out of range 0-59");
	expect_reject("1,61 * * * *", "minute field \"61\" is out of range 0-59");
	expect_reject("0-60 * * * *", "minute field \"0-60\" is out of range 0-59");
	expect_reject("* 24 * * *", "hour field \"24\" is out of range 0-23");
	expect_reject("* * 0 * *", "day-of-month field \"0\" is out of range 1-31");
	expect_reject("* * 32 * *", "day-of-month field \"32\" is out of range 1-31");
	expect_reject("* * * 0 *", "month field \"0\" is out of range 1-12");
	expect_reject("* * * 13 *", "month field \"13\" is out of range 1-12");
	expect_reject("* * * * 8", "day-of-week field \"8\" is out of range 0-7");
	expect_reject("* * * * 1-8", "day-of-week field \"1-8\" is out of range 0-7");
	expect_reject("99999999999999999999 * * * *",
				  "minute field \"99999999999999999999\" is out of range 0-59");

	/* Steps */
	expect_reject("*/0 * * * *", "minute field \"*/0\" has a step out of range 1-59");
	expect_reject("1-5/0 * * * *", "minute field \"1-5/0\" has a step out of range 1-59");
	expect_reject("*/60 * * * *", "minute field \"*/60\" has a step out of range 1-59");
	expect_reject("* * * * */8", "day-of-week field \"*/8\" has a step out of range 1-7");
	expect_reject("*/ * * * *", "minute field \"*/\" is incomplete");
	expect_reject("*/-1 * * * *", "minute field \"*/-1\" has a negative value");
	expect_reject("*/x * * * *", "minute field \"*/x\" has unexpected text \"x\"");
	expect_reject("* * * * MON/FRI", "day-of-week field \"MON/FRI\" has unexpected text \"FRI\"");

	/* Ranges */
	expect_reject("5-2 * * * *", "minute field \"5-2\" is a reversed range");
	expect_reject("* 23-0 * * *", "hour field \"23-0\" is a reversed range");
	expect_reject("* * * DEC-JAN *", "month field \"DEC-JAN\" is a reversed range");
	expect_reject("* * * * FRI-MON", "day-of-week field \"FRI-MON\" is a reversed range");
	expect_reject("5- * * * *", "minute field \"5-\" is incomplete");
	expect_reject("1-2-3 * * * *", "minute field \"1-2-3\" has unexpected text \"-3\"");
	expect_reject("*-5 * * * *", "minute field \"*-5\" has unexpected text \"-5\"");

	/* Negative numbers, garbage, empty elements */
	expect_reject("-5 * * * *", "minute field \"-5\" has a negative value");
	expect_reject("* 1--5 * * *", "hour field \"1--5\" has a negative value");
	expect_reject("5x * * * *", "minute field \"5x\" has unexpected text \"x\"");
	expect_reject("*5 * * * *", "minute field \"*5\" has unexpected text \"5\"");
	expect_reject("1/2/3 * * * *", "minute field \"1/2/3\" has unexpected text \"/3\"");
	expect_reject("? * * * *", "minute field \"?\" has unexpected text \"?\"");
	expect_reject("* * L * *", "day-of-month field \"L\" has unexpected text \"L\"");
	expect_reject("* * * * 1#2", "day-of-week field \"1#2\" has unexpected text \"#2\"");
	expect_reject("* * 1.5 * *", "day-of-month field \"1.5\" has unexpected text \".5\"");
	expect_reject("MON * * * *", "minute field \"MON\" has unexpected text \"MON\"");
	expect_reject("1,,2 * * * *", "minute field \"1,,2\" has an empty list element");
	expect_reject("* 1, * * *", "hour field \"1,\" has an empty list element");
	expect_reject("* * ,1 * *", "day-of-month field \",1\" has an empty list element");
	expect_reject("* * * , *", "month field \",\" has an empty list element");

	/* Names */
	expect_reject("* * * FOO *", "month field \"FOO\" has an unknown name \"FOO\"");
	expect_reject("* * * JANUARY *", "month field \"JANUARY\" has an unknown name \"JANUARY\"");
	expect_reject("* * * * MONDAY", "day-of-week field \"MONDAY\" has an unknown name \"MONDAY\"");
	expect_reject("* * * * mon-fry", "day-of-week field \"mon-fry\" has an unknown name \"fry\"");
	expect_reject("* * * JAN1 *", "month field \"JAN1\" has unexpected text \"1\"");

	/* Quoting is bounded */
	expect_reject("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,,21 * * * *",
				  "minute field \"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,1...\" has an empty list element");

	/* Small or absent error buffers */
	memset(small, 'x', sizeof(small));
	ok = !mc_cron_parse("61 * * * *", &c, small, sizeof(small));
	check(ok && strlen(small) == sizeof(small) - 1 &&
		  strncmp(small, "minute ", 7) == 0,
		  "a short error buffer gets a truncated, terminated message");
	check(!mc_cron_parse("61 * * * *", &c, NULL, 0) &&
		  mc_cron_parse("* * * * *", &c, NULL, 0),
		  "err may be NULL");
	strcpy(err, "stale");
	check(mc_cron_parse("* * * * *", &c, err, sizeof(err)) && err[0] == '\0',
		  "success clears the error buffer");
}

/* ----------------------------------------------------------------
 * Civil minutes
 * ----------------------------------------------------------------
 */
static void
test_civil(void)
{
	int			y,
				mo,
				d,
				h,
				mi;
	int			bad = 0;
	int			i;
	uint64_t	seed = 12345;

	check(CM(1970, 1, 1, 0, 0) == 0, "civil minute of the epoch is 0");
	check(CM(2000, 1, 1, 0, 0) == INT64_C(10957) * 1440,
		  "civil minute of 2000-01-01");
	check(CM(9999, 12, 31, 23, 59) == MC_CRON_MAX_MINUTE,
		  "MC_CRON_MAX_MINUTE is 9999-12-31 23:59");
	mc_cron_civil_fields(-1, &y, &mo, &d, &h, &mi);
	check(y == 1969 && mo == 12 && d == 31 && h == 23 && mi == 59,
		  "minute -1 is 1969-12-31 23:59");
	mc_cron_civil_fields(CM(2024, 2, 29, 13, 7), &y, &mo, &d, &h, &mi);
	check(y == 2024 && mo == 2 && d == 29 && h == 13 && mi == 7,
		  "civil fields of 2024-02-29 13:07");

	/* Against gmtime_r and round trip, on random minutes. */
	for (i = 0; i < 20000; i++)
	{
		int64_t		m;
		int64_t		day;
		int			ry,
					rmo,
					rd,
					rw;

		seed = seed * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
		m = (int64_t) (seed >> 24) % (MC_CRON_MAX_MINUTE + INT64_C(1000000000)) -
			INT64_C(1000000000);
		day = day_of_minute(m);
		ref_civil_day(day, &ry, &rmo, &rd, &rw);
		mc_cron_civil_fields(m, &y, &mo, &d, &h, &mi);
		if (y != ry || mo != rmo || d != rd || h * 60 + mi != m - day * 1440 ||
			CM(y, mo, d, h, mi) != m)
		{
			if (bad++ < 5)
				diag("minute %lld: got %04d-%02d-%02d %02d:%02d, gmtime %04d-%02d-%02d",
					 (long long) m, y, mo, d, h, mi, ry, rmo, rd);
		}
	}
	check(bad == 0, "civil fields agree with gmtime_r and round-trip on 20000 random minutes (%d bad)", bad);
}

/* ----------------------------------------------------------------
 * Next run
 * ----------------------------------------------------------------
 */

/*
 * The next run of expr after a minute is want (or NONE), and a found
 * minute matches the expression.
 */
static void
expect_next(const char *expr, int64_t after, int64_t want, const char *desc)
{
	McCron		c;
	char		err[MC_CRON_ERRLEN];
	int64_t		got;
	bool		ok;

	if (!mc_cron_parse(expr, &c, err, sizeof(err)))
	{
		diag("\"%s\" rejected: %s", expr, err);
		check(false, "next \"%s\": %s", expr, desc);
		return;
	}
	got = mc_cron_next(&c, after);
	ok = got == want && (got == NONE || mc_cron_matches(&c, got));
	if (!ok)
		diag("after %s: got %s, want %s", fmt_result(after),
			 fmt_result(got), fmt_result(want));
	check(ok, "next \"%s\": %s", expr, desc);
}

/* Successive runs of expr from a minute are exactly the listed ones. */
static void
expect_sequence(const char *expr, int64_t after, const int64_t *want, int n,
				const char *desc)
{
	McCron		c;
	char		err[MC_CRON_ERRLEN];
	int64_t		got = after;
	bool		ok = true;
	int			i;

	if (!mc_cron_parse(expr, &c, err, sizeof(err)))
	{
		diag("\"%s\" rejected: %s", expr, err);
		check(false, "sequence \"%s\": %s", expr, desc);
		return;
	}
	for (i = 0; i < n && ok; i++)
	{
		int64_t		prev = got;

		got = mc_cron_next(&c, prev);
		if (got != want[i])
		{
			diag("run %d after %s: got %s, want %s", i + 1, fmt_result(prev),
				 fmt_result(got), fmt_result(want[i]));
			ok = false;
		}
	}
	check(ok, "sequence \"%s\": %s", expr, desc);
}

static void
test_next(void)
{
	McCron		c;
	int64_t		t;
	int64_t		fri13[] = {
		CM(2025, 6, 6, 0, 0), CM(2025, 6, 13, 0, 0), CM(2025, 6, 20, 0, 0),
		CM(2025, 6, 27, 0, 0), CM(2025, 7, 4, 0, 0), CM(2025, 7, 11, 0, 0),
		CM(2025, 7, 13, 0, 0), CM(2025, 7, 18, 0, 0), CM(2025, 7, 25, 0, 0),
		CM(2025, 8, 1, 0, 0)
	};
	int64_t		odd_fri[] = {
		CM(2025, 6, 13, 0, 0), CM(2025, 6, 27, 0, 0), CM(2025, 7, 11, 0, 0),
		CM(2025, 7, 25, 0, 0), CM(2025, 8, 1, 0, 0), CM(2025, 8, 15, 0, 0)
	};
	int64_t		day31[] = {
		CM(2025, 5, 31, 0, 0), CM(2025, 7, 31, 0, 0), CM(2025, 8, 31, 0, 0),
		CM(2025, 10, 31, 0, 0), CM(2025, 12, 31, 0, 0), CM(2026, 1, 31, 0, 0),
		CM(2026, 3, 31, 0, 0)
	};
	int64_t		twice[] = {
		CM(2025, 6, 10, 15, 30), CM(2025, 6, 11, 3, 30), CM(2025, 6, 11, 15, 30)
	};

	/* Minutes and hours */
	expect_next("*/5 * * * *", CM(2025, 6, 10, 10, 3), CM(2025, 6, 10, 10, 5),
				"10:03 -> 10:05");
	expect_next("*/5 * * * *", CM(2025, 6, 10, 10, 5), CM(2025, 6, 10, 10, 10),
				"strictly after: 10:05 -> 10:10");
	expect_next("*/5 * * * *", CM(2025, 6, 10, 10, 57), CM(2025, 6, 10, 11, 0),
				"10:57 -> 11:00");
	expect_next("* * * * *", CM(2025, 6, 10, 10, 3), CM(2025, 6, 10, 10, 4),
				"every minute: the next minute");
	expect_next("0 0 * * *", CM(2025, 6, 10, 23, 59), CM(2025, 6, 11, 0, 0),
				"23:59 -> next day 00:00");
	expect_next("0 0 * * *", CM(2025, 6, 10, 0, 0), CM(2025, 6, 11, 0, 0),
				"midnight -> next midnight");
	expect_next("30 3,15 * * *", CM(2025, 6, 10, 3, 31), CM(2025, 6, 10, 15, 30),
				"skips to the next allowed hour");
	expect_sequence("30 3,15 * * *", CM(2025, 6, 10, 3, 31), twice, 3,
					"twice a day");
	expect_next("15,45 9-17 * * *", CM(2025, 6, 10, 17, 45), CM(2025, 6, 11, 9, 15),
				"after the last slot of the day");
	expect_next("15,45 9-17 * * *", CM(2025, 6, 10, 6, 0), CM(2025, 6, 10, 9, 15),
				"before the first slot of the day");
	expect_next("* * * * *", CM(2025, 12, 31, 23, 59), CM(2026, 1, 1, 0, 0),
				"year rollover");
	expect_next("59 23 31 12 *", CM(2025, 12, 31, 23, 58), CM(2025, 12, 31, 23, 59),
				"last minute of the year, same day");
	expect_next("59 23 31 12 *", CM(2025, 12, 31, 23, 59), CM(2026, 12, 31, 23, 59),
				"last minute of the year, a year later");

	/* Weekdays */
	expect_next("0 9 * * 1-5", CM(2025, 6, 13, 17, 0), CM(2025, 6, 16, 9, 0),
				"Friday evening -> Monday 09:00");
	expect_next("0 9 * * 1-5", CM(2025, 6, 14, 8, 0), CM(2025, 6, 16, 9, 0),
				"Saturday -> Monday 09:00");
	expect_next("0 9 * * 1-5", CM(2025, 6, 15, 9, 0), CM(2025, 6, 16, 9, 0),
				"Sunday 09:00 -> Monday 09:00");
	expect_next("0 9 * * 1-5", CM(2025, 6, 16, 8, 59), CM(2025, 6, 16, 9, 0),
				"Monday 08:59 -> Monday 09:00");
	expect_next("0 9 * * MON-FRI", CM(2025, 6, 13, 9, 0), CM(2025, 6, 16, 9, 0),
				"Friday 09:00 -> Monday 09:00 (names)");
	expect_next("0 0 * * 7", CM(2025, 6, 11, 12, 0), CM(2025, 6, 15, 0, 0),
				"7 is Sunday");

	/* The day rule */
	expect_sequence("0 0 13 * 5", CM(2025, 6, 1, 0, 0), fri13, 10,
					"both day fields restricted: every 13th and every Friday");
	expect_next("0 0 13 * *", CM(2025, 6, 14, 0, 0), CM(2025, 7, 13, 0, 0),
				"day-of-month alone");
	expect_next("0 0 * * 5", CM(2025, 6, 14, 0, 0), CM(2025, 6, 20, 0, 0),
				"day-of-week alone");
	expect_sequence("0 0 */2 * 5", CM(2025, 6, 1, 0, 0), odd_fri, 6,
					"a stepped star selects AND: odd days that are Fridays (Vixie)");
	expect_next("0 0 1-31 * 5", CM(2025, 6, 14, 0, 0), CM(2025, 6, 15, 0, 0),
				"a full range is restricted: OR matches every day");

	/* Month ends and leap days */
	expect_sequence("0 0 31 * *", CM(2025, 4, 1, 0, 0), day31, 7,
					"the 31st skips 30-day months and February");
	expect_next("0 12 29 2 *", CM(2025, 3, 1, 0, 0), CM(2028, 2, 29, 12, 0),
				"29 February: three years ahead");
	expect_next("0 0 29 2 *", CM(2399, 3, 1, 0, 0), CM(2400, 2, 29, 0, 0),
				"2400 is a leap year");
	expect_next("0 0 29 2 *", CM(2096, 3, 1, 0, 0), NONE,
				"2100 is not a leap year and 2104 is past the horizon");
	expect_next("0 0 30 2 *", CM(2025, 1, 1, 0, 0), NONE,
				"30 February never comes");
	expect_next("0 0 31 4,6,9,11 *", CM(2025, 1, 1, 0, 0), NONE,
				"31st of 30-day months never comes");
	expect_next("0 0 31 2 1", CM(2025, 6, 11, 0, 0), CM(2026, 2, 2, 0, 0),
				"impossible day-of-month OR weekday: first February Monday");

	/* Shortcuts */
	expect_next("@hourly", CM(2025, 6, 10, 10, 0), CM(2025, 6, 10, 11, 0),
				"on the hour -> next hour");
	expect_next("@hourly", CM(2025, 6, 10, 23, 30), CM(2025, 6, 11, 0, 0),
				"23:30 -> midnight");
	expect_next("@weekly", CM(2025, 6, 11, 8, 0), CM(2025, 6, 15, 0, 0),
				"Wednesday -> Sunday 00:00");
	expect_next("@weekly", CM(2025, 6, 15, 0, 0), CM(2025, 6, 22, 0, 0),
				"Sunday 00:00 -> next Sunday");
	expect_next("@daily", CM(2025, 2, 28, 0, 0), CM(2025, 3, 1, 0, 0),
				"end of February");
	expect_next("@monthly", CM(2025, 1, 31, 12, 0), CM(2025, 2, 1, 0, 0),
				"January 31 -> February 1");
	expect_next("@yearly", CM(2025, 1, 1, 0, 0), CM(2026, 1, 1, 0, 0),
				"New Year -> next New Year");

	/* Edges of the search */
	t = CM(2104, 2, 29, 0, 0);
	expect_next("0 0 29 2 *", t - MC_CRON_HORIZON_MINUTES, t,
				"a match exactly at the horizon is found");
	expect_next("0 0 29 2 *", t - MC_CRON_HORIZON_MINUTES - 1, NONE,
				"a match one minute past the horizon is not");
	expect_next("0 0 1 1 *", CM(2025, 1, 1, 0, 0) - 1, CM(2025, 1, 1, 0, 0),
				"the minute right after the start is a candidate");
	expect_next("* * * * *", -1, 0, "after_minute -1 finds the epoch");
	expect_next("* * * * *", -2, NONE, "after_minute below -1 is refused");
	expect_next("* * * * *", MC_CRON_MAX_MINUTE - 1, MC_CRON_MAX_MINUTE,
				"the last supported minute");
	expect_next("* * * * *", MC_CRON_MAX_MINUTE, NONE,
				"nothing after the last supported minute");
	expect_next("* * * * *", INT64_MAX, NONE, "huge after_minute is refused");
	expect_next("0 0 1 1 *", CM(9999, 6, 1, 0, 0), NONE,
				"no year 10000");
	memset(&c, 0, sizeof(c));
	check(mc_cron_next(&c, 0) == NONE, "an empty structure never matches");
	check(mc_cron_parse("0 0 * * *", &c, NULL, 0) &&
		  mc_cron_matches(&c, CM(2025, 6, 10, 0, 0)) &&
		  !mc_cron_matches(&c, CM(2025, 6, 10, 0, 1)) &&
		  !mc_cron_matches(&c, -1440) &&
		  !mc_cron_matches(&c, MC_CRON_MAX_MINUTE + 1),
		  "mc_cron_matches on and off the schedule and outside the range");
}

/* ----------------------------------------------------------------
 * Randomized cross-checks
 * ----------------------------------------------------------------
 */

static uint64_t rng_state = UINT64_C(20250610);

/* A small LCG; the high bits are good enough for test data. */
static uint32_t
rnd(void)
{
	rng_state = rng_state * UINT64_C(6364136223846793005) +
		UINT64_C(1442695040888963407);
	return (uint32_t) (rng_state >> 33);
}

/* Uniform integer in [lo, hi]. */
static int
rnd_range(int lo, int hi)
{
	return lo + (int) (rnd() % (uint32_t) (hi - lo + 1));
}

/* A generated expression and the value sets it stands for. */
typedef struct GenCron
{
	char		text[512];
	bool		allow[5][60];	/* day-of-week 7 already folded onto 0 */
	bool		dom_star;
	bool		dow_star;
} GenCron;

typedef struct GenSpec
{
	int			lo;
	int			hi;
	const char *const *names;
	int			nnames;
} GenSpec;

static const char *const gen_months[12] = {
	"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
};
static const char *const gen_weekdays[7] = {
	"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"
};
static const GenSpec gen_specs[5] = {
	{0, 59, NULL, 0},
	{0, 23, NULL, 0},
	{1, 31, NULL, 0},
	{1, 12, gen_months, 12},
	{0, 7, gen_weekdays, 7}
};

/* Append formatted text to a generated expression. */
static void
gen_append(GenCron *g, const char *fmt,...)
__attribute__((format(printf, 2, 3)));

static void
gen_append(GenCron *g, const char *fmt,...)
{
	va_list		ap;
	size_t		len = strlen(g->text);

	va_start(ap, fmt);
	vsnprintf(g->text + len, sizeof(g->text) - len, fmt, ap);
	va_end(ap);
}

/* Write a value as a number (sometimes zero-padded) or as a name. */
static void
gen_value(GenCron *g, const GenSpec *s, int v)
{
	if (s->names != NULL && v - s->lo < s->nnames && rnd_range(0, 2) == 0)
	{
		const char *name = s->names[v - s->lo];
		char		buf[4];
		int			i;

		for (i = 0; i < 3; i++)
			buf[i] = (char) (rnd_range(0, 1) ? name[i] : name[i] - 'A' + 'a');
		buf[3] = '\0';
		gen_append(g, "%s", buf);
	}
	else if (rnd_range(0, 9) == 0)
		gen_append(g, "%02d", v);
	else
		gen_append(g, "%d", v);
}

/* A step: usually small, sometimes anything the parser accepts. */
static int
gen_step(const GenSpec *s)
{
	if (rnd_range(0, 3) == 0)
		return rnd_range(1, s->hi);
	return rnd_range(1, s->hi < 12 ? s->hi : 12);
}

/* Write one list element and mark the values it stands for. */
static void
gen_element(GenCron *g, int f)
{
	const GenSpec *s = &gen_specs[f];
	int			a = s->lo;
	int			b = s->hi;
	int			step = 1;
	int			v;

	switch (rnd_range(0, 5))
	{
		case 0:
			gen_append(g, "*");
			break;
		case 1:
			a = b = rnd_range(s->lo, s->hi);
			gen_value(g, s, a);
			break;
		case 2:
			a = rnd_range(s->lo, s->hi);
			b = rnd_range(a, s->hi);
			gen_value(g, s, a);
			gen_append(g, "-");
			gen_value(g, s, b);
			break;
		case 3:
			step = gen_step(s);
			gen_append(g, "*/%d", step);
			break;
		case 4:
			a = rnd_range(s->lo, s->hi);
			b = rnd_range(a, s->hi);
			step = gen_step(s);
			gen_value(g, s, a);
			gen_append(g, "-");
			gen_value(g, s, b);
			gen_append(g, "/%d", step);
			break;
		default:
			a = rnd_range(s->lo, s->hi);
			step = gen_step(s);
			gen_value(g, s, a);
			gen_append(g, "/%d", step);
			break;
	}
	for (v = a; v <= b; v += step)
		g->allow[f][f == 4 && v == 7 ? 0 : v] = true;
}

/*
 * Generate an expression.  Plain "*" is common in the day and month
 * fields so that many expressions match within the short window.
 */
static void
gen_cron(GenCron *g)
{
	int			f;

	memset(g, 0, sizeof(*g));
	for (f = 0; f < 5; f++)
	{
		size_t		start = strlen(g->text);
		int			star_pct = f <= 1 ? 15 : 45;

		if (f > 0)
		{
			gen_append(g, "%s", rnd_range(0, 3) == 0 ? "\t" : " ");
			start++;
		}
		if (rnd_range(0, 99) < star_pct)
		{
			int			v;

			gen_append(g, "*");
			for (v = gen_specs[f].lo; v <= gen_specs[f].hi; v++)
				g->allow[f][f == 4 && v == 7 ? 0 : v] = true;
		}
		else
		{
			int			n = rnd_range(0, 3) == 0 ? rnd_range(2, 3) : 1;
			int			i;

			for (i = 0; i < n; i++)
			{
				if (i > 0)
					gen_append(g, ",");
				gen_element(g, f);
			}
		}
		if (f == 2)
			g->dom_star = g->text[start] == '*';
		if (f == 4)
			g->dow_star = g->text[start] == '*';
	}
}

/* The bitmaps the parser should produce for a generated expression. */
static McCron
gen_expected(const GenCron *g)
{
	McCron		c;
	int			v;

	memset(&c, 0, sizeof(c));
	for (v = 0; v < 60; v++)
	{
		if (g->allow[0][v])
			c.minutes |= B(v);
		if (v < 24 && g->allow[1][v])
			c.hours |= (uint32_t) B(v);
		if (v >= 1 && v <= 31 && g->allow[2][v])
			c.days |= (uint32_t) B(v);
		if (v >= 1 && v <= 12 && g->allow[3][v])
			c.months |= (uint16_t) B(v);
		if (v <= 6 && g->allow[4][v])
			c.weekdays |= (uint8_t) B(v);
	}
	c.dom_star = g->dom_star;
	c.dow_star = g->dow_star;
	return c;
}

/* Reference day rule on the generated sets. */
static bool
ref_day_ok(const GenCron *g, int month, int mday, int wday)
{
	bool		dom = g->allow[2][mday];
	bool		dow = g->allow[4][wday];

	if (!g->allow[3][month])
		return false;
	if (g->dom_star || g->dow_star)
		return dom && dow;
	return dom || dow;
}

/* Reference: does a civil minute match? */
static bool
ref_matches(const GenCron *g, int64_t m)
{
	int64_t		day = day_of_minute(m);
	int			tod = (int) (m - day * 1440);
	int			y,
				mo,
				d,
				w;

	ref_civil_day(day, &y, &mo, &d, &w);
	return ref_day_ok(g, mo, d, w) && g->allow[1][tod / 60] &&
		g->allow[0][tod % 60];
}

/*
 * Reference next run within a window, stepping minute by minute from
 * after + 1 to after + window (the calendar is looked up once a day).
 */
static int64_t
ref_next_scan(const GenCron *g, int64_t after, int64_t window)
{
	int64_t		m;
	int64_t		cur_day = INT64_MIN;
	bool		day_ok = false;

	for (m = after + 1; m <= after + window; m++)
	{
		int64_t		day = day_of_minute(m);
		int			tod;

		if (day != cur_day)
		{
			int			y,
						mo,
						d,
						w;

			cur_day = day;
			ref_civil_day(day, &y, &mo, &d, &w);
			day_ok = ref_day_ok(g, mo, d, w);
		}
		if (!day_ok)
			continue;
		tod = (int) (m - day * 1440);
		if (g->allow[1][tod / 60] && g->allow[0][tod % 60])
			return m;
	}
	return NONE;
}

/*
 * Reference next run over the whole horizon: walk day by day up to the
 * limit, and scan the minutes of the first matching day.
 */
static int64_t
ref_next_walk(const GenCron *g, int64_t after)
{
	int64_t		limit = after + MC_CRON_HORIZON_MINUTES;
	int64_t		day;

	if (limit > MC_CRON_MAX_MINUTE)
		limit = MC_CRON_MAX_MINUTE;
	for (day = day_of_minute(after + 1); day * 1440 <= limit; day++)
	{
		int			y,
					mo,
					d,
					w;
		int			tod;

		ref_civil_day(day, &y, &mo, &d, &w);
		if (!ref_day_ok(g, mo, d, w))
			continue;
		for (tod = 0; tod < 1440; tod++)
		{
			int64_t		m = day * 1440 + tod;

			if (m > after && m <= limit && g->allow[1][tod / 60] &&
				g->allow[0][tod % 60])
				return m;
		}
	}
	return NONE;
}

/* A starting minute: anywhere in 2020-2035, often at a month's end. */
static int64_t
random_start(void)
{
	static const int mlen[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int			y = rnd_range(2020, 2035);
	int			mo = rnd_range(1, 12);
	int			last = mlen[mo - 1] + (mo == 2 && y % 4 == 0);

	switch (rnd_range(0, 3))
	{
		case 0:
			return CM(y, mo, last, 23, rnd_range(0, 59));
		case 1:
			return CM(y, 12, 31, rnd_range(20, 23), rnd_range(0, 59));
		default:
			return CM(y, mo, rnd_range(1, last), rnd_range(0, 23),
					  rnd_range(0, 59));
	}
}

static void
test_random(int nexpr)
{
	const int64_t window = 35 * 1440;
	int			bad_parse = 0;
	int			bad_scan = 0;
	int			bad_walk = 0;
	int			bad_match = 0;
	int			ncases = 0;
	int			in_window = 0;
	int			found = 0;
	int			nprobes = 0;
	int			i;

	for (i = 0; i < nexpr; i++)
	{
		GenCron		g;
		McCron		c;
		McCron		want;
		char		err[MC_CRON_ERRLEN];
		int			k;

		gen_cron(&g);
		want = gen_expected(&g);
		if (!mc_cron_parse(g.text, &c, err, sizeof(err)))
		{
			if (bad_parse++ < 5)
				diag("\"%s\" rejected: %s", g.text, err);
			continue;
		}
		if (!same_cron(&c, &want))
		{
			if (bad_parse++ < 5)
			{
				diag("\"%s\":", g.text);
				diag_cron("got ", &c);
				diag_cron("want", &want);
			}
			continue;
		}

		for (k = 0; k < 4; k++)
		{
			int64_t		after = random_start();
			int64_t		got = mc_cron_next(&c, after);
			int64_t		scan = ref_next_scan(&g, after, window);
			int64_t		walk = ref_next_walk(&g, after);
			int64_t		probe = after + rnd_range(0, 60 * 1440);

			ncases++;
			if (scan != NONE)
				in_window++;
			if (got != NONE)
				found++;
			if (scan != NONE ? got != scan : (got != NONE && got <= after + window))
			{
				if (bad_scan++ < 5)
					diag("\"%s\" after %s: got %s, minute scan %s", g.text,
						 fmt_minute(after), fmt_result(got), fmt_result(scan));
			}
			if (got != walk)
			{
				if (bad_walk++ < 5)
					diag("\"%s\" after %s: got %s, day walk %s", g.text,
						 fmt_minute(after), fmt_result(got), fmt_result(walk));
			}
			if (mc_cron_matches(&c, probe) != ref_matches(&g, probe) ||
				(got != NONE && !mc_cron_matches(&c, got)))
			{
				if (bad_match++ < 5)
					diag("\"%s\": mc_cron_matches wrong at %s or %s", g.text,
						 fmt_minute(probe), fmt_result(got));
			}
		}

		/* mc_cron_matches at random minutes and around a run. */
		for (k = 0; k < 40; k++)
		{
			int64_t		probe = random_start() + rnd_range(-1440, 1440);

			if (k % 8 == 0)
			{
				int64_t		run = mc_cron_next(&c, probe);

				if (run != NONE)
					probe = run + rnd_range(-1, 1);
			}
			nprobes++;
			if (mc_cron_matches(&c, probe) != ref_matches(&g, probe))
			{
				if (bad_match++ < 5)
					diag("\"%s\": mc_cron_matches wrong at %s", g.text,
						 fmt_minute(probe));
			}
		}
	}
	check(bad_parse == 0,
		  "random: %d generated expressions parse into the generated sets (%d bad)",
		  nexpr, bad_parse);
	check(bad_scan == 0,
		  "random: %d next runs agree with a minute-by-minute scan over 35 days (%d bad)",
		  ncases, bad_scan);
	check(bad_walk == 0,
		  "random: %d next runs agree with a day-by-day walk over the horizon (%d bad)",
		  ncases, bad_walk);
	check(bad_match == 0,
		  "random: mc_cron_matches agrees with the reference at %d minutes (%d bad)",
		  ncases + nprobes, bad_match);
	check(in_window * 4 >= ncases && found > in_window,
		  "random: the cases are not vacuous (%d of %d within 35 days, %d within the horizon)",
		  in_window, ncases, found);
}

/* ----------------------------------------------------------------
 * Benchmark
 * ----------------------------------------------------------------
 */

/* Seconds on a monotonic clock. */
static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Time mc_cron_next on a few typical and a few worst-case expressions. */
static int
run_bench(void)
{
	static const char *const exprs[] = {
		"*/5 * * * *", "0 9 * * 1-5", "0 0 13 * 5", "0 12 29 2 *",
		"0 0 30 2 *", "0 0 31 4,6,9,11 *", "59 23 31 12 *"
	};
	int			i;

	for (i = 0; i < (int) (sizeof(exprs) / sizeof(exprs[0])); i++)
	{
		McCron		c;
		long		calls = 200000;
		long		j;
		int64_t		sum = 0;
		int64_t		after = CM(2025, 1, 1, 0, 0);
		double		t0;
		double		t1;

		if (!mc_cron_parse(exprs[i], &c, NULL, 0))
			return 1;
		t0 = now_seconds();
		for (j = 0; j < calls; j++)
			sum += mc_cron_next(&c, after + j * 7);
		t1 = now_seconds();
		printf("bench: %-20s %ld calls in %.3f s = %.0f ns/call (checksum %lld)\n",
			   exprs[i], calls, t1 - t0, (t1 - t0) * 1e9 / calls,
			   (long long) sum);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	bool		bench = false;
	int			i;
	int			failed;

	for (i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--bench") == 0)
			bench = true;
		else
			rng_state = strtoull(argv[i], NULL, 0);
	}
	if (bench)
		return run_bench();

	test_parse_syntax();
	test_parse_errors();
	test_civil();
	test_next();
	test_random(400);

	failed = print_results();
	return failed ? 1 : 0;
}

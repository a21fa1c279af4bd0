/* unit-link: workcal.c daynum.c */
/*-------------------------------------------------------------------------
 *
 * test_workcal.c
 *	  Unit tests for the working-calendar engine (extension/workcal.c).
 *
 * Prints TAP and exits 0 iff every test passes.  Hand-written cases pin
 * each convention to concrete dates on a 2024-2026 test calendar
 * (weekends off, some holidays, worked Saturdays); randomized cases
 * compare the engine against naive references written here, which walk
 * day by day or minute by minute, on random calendars and office hours.
 *
 * "--bench" instead times 10 million mc_workcal_add_working_days calls.
 * An optional numeric argument sets the random seed.
 *
 *-------------------------------------------------------------------------
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "workcal.h"

#define MIN_US	MC_USECS_PER_MINUTE
#define HOUR_US MC_USECS_PER_HOUR
#define DAY_US	MC_USECS_PER_DAY
#define MILLI(x) ((int64_t) ((x) * 1000.0 + 0.5))

/* ----------------------------------------------------------------
 * Small helpers
 * ----------------------------------------------------------------
 */
static int32_t
D(int y, int m, int d)
{
	return mc_day_from_ymd(y, m, d);
}

static int64_t
HM(int h, int m)
{
	return h * HOUR_US + m * MIN_US;
}

static WorkInstant
I(int y, int mo, int d, int h, int mi)
{
	WorkInstant x;

	x.day = D(y, mo, d);
	x.usec = HM(h, mi);
	return x;
}

static WorkInstant
Iu(int y, int mo, int d, int64_t usec)
{
	WorkInstant x;

	x.day = D(y, mo, d);
	x.usec = usec;
	return x;
}

static WorkInstant
mk(int32_t day, int64_t usec)
{
	WorkInstant x;

	x.day = day;
	x.usec = usec;
	return x;
}

static WorkInterval
iv(WorkInstant s, WorkInstant e)
{
	WorkInterval v;

	v.start = s;
	v.end = e;
	return v;
}

static bool
same_instant(WorkInstant x, WorkInstant y)
{
	return x.day == y.day && x.usec == y.usec;
}

static int
cmp_instant(WorkInstant x, WorkInstant y)
{
	if (x.day != y.day)
		return x.day < y.day ? -1 : 1;
	if (x.usec != y.usec)
		return x.usec < y.usec ? -1 : 1;
	return 0;
}

/* Text of an instant, "2024-03-18 Mon 11:00:00.000000", in a ring buffer. */
static const char *
fmt_instant(WorkInstant x)
{
	static char ring[8][64];
	static int	slot;
	static const char *dow[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	char	   *buf = ring[slot++ % 8];
	int			y,
				m,
				d;
	int64_t		u = x.usec;

	mc_ymd_from_day(x.day, &y, &m, &d);
	snprintf(buf, 64, "%04d-%02d-%02d %s %02d:%02d:%02d.%06d", y, m, d,
			 dow[mc_day_of_week(x.day)],
			 (int) (u / HOUR_US), (int) (u / MIN_US % 60),
			 (int) (u / 1000000 % 60), (int) (u % 1000000));
	return buf;
}

static const char *
st_name(WorkCalStatus st)
{
	switch (st)
	{
		case MC_WC_OK:
			return "OK";
		case MC_WC_OUT_OF_RANGE:
			return "OUT_OF_RANGE";
		case MC_WC_BAD_ARG:
			return "BAD_ARG";
		case MC_WC_BAD_CONFIG:
			return "BAD_CONFIG";
		case MC_WC_NO_MEMORY:
			return "NO_MEMORY";
	}
	return "?";
}

static WorkHours
hours_of(int msh, int msm, int meh, int mem, int ash, int asm_, int aeh, int aem)
{
	WorkHours	h;

	h.morning_start = HM(msh, msm);
	h.morning_end = HM(meh, mem);
	h.afternoon_start = HM(ash, asm_);
	h.afternoon_end = HM(aeh, aem);
	return h;
}

/* ----------------------------------------------------------------
 * Test calendar: 2024-01-01 .. 2026-12-31, weekends off, holidays,
 * worked Saturdays.
 * ----------------------------------------------------------------
 */
static const int test_holidays[][3] = {
	{2024, 1, 1},
	{2024, 2, 8}, {2024, 2, 9}, {2024, 2, 12}, {2024, 2, 13}, {2024, 2, 14},
	{2024, 4, 18},
	{2024, 4, 29}, {2024, 4, 30}, {2024, 5, 1},
	{2024, 9, 2}, {2024, 9, 3},
	{2025, 1, 1},
	{2025, 1, 27}, {2025, 1, 28}, {2025, 1, 29}, {2025, 1, 30}, {2025, 1, 31},
	{2025, 4, 7},
	{2025, 4, 30}, {2025, 5, 1}, {2025, 5, 2},
	{2025, 9, 1}, {2025, 9, 2},
	{2026, 1, 1}, {2026, 1, 2},
	{2026, 2, 16}, {2026, 2, 17}, {2026, 2, 18}, {2026, 2, 19}, {2026, 2, 20},
	{2026, 4, 27},
	{2026, 4, 30}, {2026, 5, 1},
	{2026, 9, 2},
};

static const int test_worked_saturdays[][3] = {
	{2024, 5, 4},
	{2025, 4, 26},
};

/* Working flags for [first, first + ndays) of the test calendar. */
static unsigned char *
test_flags(int32_t first, int ndays)
{
	unsigned char *w = malloc((size_t) ndays);
	size_t		i;
	int			k;

	for (k = 0; k < ndays; k++)
	{
		int			dow = mc_day_of_week(first + k);

		w[k] = (dow != 0 && dow != 6);
	}
	for (i = 0; i < sizeof(test_holidays) / sizeof(test_holidays[0]); i++)
	{
		int64_t		off = D(test_holidays[i][0], test_holidays[i][1],
							test_holidays[i][2]) - (int64_t) first;

		if (off >= 0 && off < ndays)
			w[off] = 0;
	}
	for (i = 0; i < sizeof(test_worked_saturdays) / sizeof(test_worked_saturdays[0]); i++)
	{
		int64_t		off = D(test_worked_saturdays[i][0], test_worked_saturdays[i][1],
							test_worked_saturdays[i][2]) - (int64_t) first;

		if (off >= 0 && off < ndays)
			w[off] = 1;
	}
	return w;
}

static WorkCalendar *
build_or_die(int32_t first, int ndays, const unsigned char *w, const WorkHours *h)
{
	WorkCalendar *cal = NULL;
	WorkCalStatus st = mc_workcal_build(first, ndays, w, h, malloc, &cal);

	if (st != MC_WC_OK)
	{
		fprintf(stderr, "mc_workcal_build failed: %s\n", mc_workcal_strerror(st));
		exit(2);
	}
	return cal;
}

/* ----------------------------------------------------------------
 * Checks for hand-written cases
 * ----------------------------------------------------------------
 */
static void
expect_days(const WorkCalendar *cal, WorkInstant recv, int64_t milli,
			int64_t cutoff, WorkCalStatus est, WorkInstant exp,
			const char *desc)
{
	WorkInstant got = mk(0, 0);
	WorkCalStatus st = mc_workcal_add_working_days(cal, recv, milli, cutoff, &got);
	bool		ok = st == est && (st != MC_WC_OK || same_instant(got, exp));

	if (!ok)
	{
		diag("received %s + %lld/1000 days, cutoff %lld", fmt_instant(recv),
			 (long long) milli, (long long) cutoff);
		diag("got %s %s", st_name(st), st == MC_WC_OK ? fmt_instant(got) : "");
		diag("expected %s %s", st_name(est),
			 est == MC_WC_OK ? fmt_instant(exp) : "");
	}
	check(ok, "%s", desc);
}

static void
expect_hours(const WorkCalendar *cal, WorkInstant start, int64_t usecs,
			 WorkCalStatus est, WorkInstant exp, const char *desc)
{
	WorkInstant got = mk(0, 0);
	WorkCalStatus st = mc_workcal_add_working_hours(cal, start, usecs, &got);
	bool		ok = st == est && (st != MC_WC_OK || same_instant(got, exp));

	if (!ok)
	{
		diag("start %s + %lld usec", fmt_instant(start), (long long) usecs);
		diag("got %s %s", st_name(st), st == MC_WC_OK ? fmt_instant(got) : "");
		diag("expected %s %s", st_name(est),
			 est == MC_WC_OK ? fmt_instant(exp) : "");
	}
	check(ok, "%s", desc);
}

static void
expect_receipt_hours(const WorkCalendar *cal, WorkInstant recv, int64_t usecs,
					 int64_t cutoff, WorkCalStatus est, WorkInstant exp,
					 const char *desc)
{
	WorkInstant got = mk(0, 0);
	WorkCalStatus st = mc_workcal_add_working_hours_from_receipt(cal, recv, usecs,
																 cutoff, &got);
	bool		ok = st == est && (st != MC_WC_OK || same_instant(got, exp));

	if (!ok)
	{
		diag("received %s + %lld usec, cutoff %lld", fmt_instant(recv),
			 (long long) usecs, (long long) cutoff);
		diag("got %s %s", st_name(st), st == MC_WC_OK ? fmt_instant(got) : "");
		diag("expected %s %s", st_name(est),
			 est == MC_WC_OK ? fmt_instant(exp) : "");
	}
	check(ok, "%s", desc);
}

static void
expect_between(const WorkCalendar *cal, WorkInstant a, WorkInstant b,
			   WorkCalStatus est, int64_t exp, const char *desc)
{
	int64_t		got = 0;
	WorkCalStatus st = mc_workcal_working_time_between(cal, a, b, &got);
	bool		ok = st == est && (st != MC_WC_OK || got == exp);

	if (!ok)
	{
		diag("%s .. %s", fmt_instant(a), fmt_instant(b));
		diag("got %s %lld, expected %s %lld", st_name(st), (long long) got,
			 st_name(est), (long long) exp);
	}
	check(ok, "%s", desc);
}

static void
expect_receipt(const WorkCalendar *cal, WorkInstant recv, int64_t cutoff,
			   WorkCalStatus est, int32_t exp, const char *desc)
{
	int32_t		got = 0;
	WorkCalStatus st = mc_workcal_receipt_day(cal, recv, cutoff, &got);
	bool		ok = st == est && (st != MC_WC_OK || got == exp);

	if (!ok)
	{
		diag("received %s cutoff %lld", fmt_instant(recv), (long long) cutoff);
		diag("got %s %s", st_name(st), fmt_instant(mk(got, 0)));
		diag("expected %s %s", st_name(est), fmt_instant(mk(exp, 0)));
	}
	check(ok, "%s", desc);
}

/* ----------------------------------------------------------------
 * Hand-written cases
 * ----------------------------------------------------------------
 */
static void
test_daynum(void)
{
	int			y,
				m,
				d;
	int32_t		day;
	bool		ok = true;

	check(mc_day_from_ymd(2000, 1, 1) == 0, "2000-01-01 is day 0");
	check(mc_day_from_ymd(1999, 12, 31) == -1, "1999-12-31 is day -1");
	check(mc_day_from_ymd(2024, 3, 15) == 8840, "2024-03-15 is day 8840");
	check(mc_day_of_week(0) == 6 && mc_day_of_week(D(2024, 3, 15)) == 5 &&
		  mc_day_of_week(D(2024, 3, 17)) == 0 && mc_day_of_week(-1) == 5,
		  "day of week: 2000-01-01 Sat, 2024-03-15 Fri, 2024-03-17 Sun, 1999-12-31 Fri");
	mc_ymd_from_day(D(2024, 2, 29), &y, &m, &d);
	check(y == 2024 && m == 2 && d == 29, "2024-02-29 round-trips");
	for (day = -800000; day <= 800000 && ok; day += 37)
	{
		mc_ymd_from_day(day, &y, &m, &d);
		if (mc_day_from_ymd(y, m, d) != day ||
			mc_day_of_week(day) != (int) ((((int64_t) day + 6) % 7 + 7) % 7))
		{
			diag("day %d -> %d-%d-%d", (int) day, y, m, d);
			ok = false;
		}
	}
	check(ok, "day numbers round-trip over +-2190 years");
}

/* A failing allocator, to check MC_WC_NO_MEMORY. */
static void *
null_alloc(size_t size)
{
	(void) size;
	return NULL;
}

static void
test_build(void)
{
	WorkHours	h = mc_workcal_default_hours();
	WorkHours	bad;
	unsigned char w[200];
	WorkCalendar *cal = NULL;
	WorkCalendar *copy;
	void	   *buf;
	size_t		sz;
	int32_t		out = 0;
	int			i;
	bool		ok;

	for (i = 0; i < 200; i++)
		w[i] = (i % 7) < 5;

	check(h.morning_start == HM(8, 0) && h.morning_end == HM(12, 0) &&
		  h.afternoon_start == HM(13, 0) && h.afternoon_end == HM(17, 0),
		  "default office hours are 08:00-12:00, 13:00-17:00");
	check(mc_workcal_hours_valid(&h), "default office hours are valid");

	bad = h;
	bad.morning_start = -1;
	check(!mc_workcal_hours_valid(&bad), "hours: negative morning_start rejected");
	bad = h;
	bad.morning_end = bad.morning_start;
	check(!mc_workcal_hours_valid(&bad), "hours: empty morning rejected");
	bad = h;
	bad.morning_end = HM(13, 30);
	check(!mc_workcal_hours_valid(&bad), "hours: morning ending after afternoon start rejected");
	bad = h;
	bad.afternoon_end = bad.afternoon_start;
	check(!mc_workcal_hours_valid(&bad), "hours: empty afternoon rejected");
	bad = h;
	bad.afternoon_end = DAY_US + 1;
	check(!mc_workcal_hours_valid(&bad), "hours: afternoon past midnight rejected");
	check(!mc_workcal_hours_valid(NULL), "hours: NULL rejected");
	bad = hours_of(0, 0, 12, 0, 12, 0, 24, 0);
	check(mc_workcal_hours_valid(&bad), "hours: 00:00-12:00, 12:00-24:00 (no lunch, to midnight) accepted");

	bad = h;
	bad.afternoon_start = HM(11, 0);
	check(mc_workcal_build(0, 200, w, &bad, malloc, &cal) == MC_WC_BAD_CONFIG,
		  "build: invalid hours give MC_WC_BAD_CONFIG");
	check(mc_workcal_build(0, 0, w, NULL, malloc, &cal) == MC_WC_BAD_ARG,
		  "build: ndays 0 gives MC_WC_BAD_ARG");
	check(mc_workcal_build(0, 200, NULL, NULL, malloc, &cal) == MC_WC_BAD_ARG,
		  "build: NULL flags give MC_WC_BAD_ARG");
	check(mc_workcal_build(0, 200, w, NULL, NULL, &cal) == MC_WC_BAD_ARG,
		  "build: NULL allocator gives MC_WC_BAD_ARG");
	check(mc_workcal_build(INT32_MAX - 100, 200, w, NULL, malloc, &cal) == MC_WC_BAD_ARG,
		  "build: range past the largest day number gives MC_WC_BAD_ARG");
	check(mc_workcal_build(0, 200, w, NULL, null_alloc, &cal) == MC_WC_NO_MEMORY,
		  "build: allocator failure gives MC_WC_NO_MEMORY");

	check(mc_workcal_size(0) == 0 && mc_workcal_size(-5) == 0 &&
		  mc_workcal_size(MC_WORKCAL_MAX_DAYS + 1) == 0,
		  "size: invalid day counts give 0");
	check(mc_workcal_size(1) > 0 && mc_workcal_size(64) == mc_workcal_size(1) &&
		  mc_workcal_size(65) == mc_workcal_size(64) + 8 + 4 &&
		  mc_workcal_size(MC_WORKCAL_MAX_DAYS) > 0,
		  "size: one 64-bit word and one prefix count per 64 days");

	sz = mc_workcal_size(200);
	buf = malloc(sz);
	check(mc_workcal_init(buf, sz - 1, 0, 200, w, NULL, &cal) == MC_WC_BAD_ARG,
		  "init: buffer one byte short gives MC_WC_BAD_ARG");
	ok = mc_workcal_init(buf, sz, D(2024, 1, 1), 200, w, NULL, &cal) == MC_WC_OK &&
		(void *) cal == buf && cal->ndays == 200 && cal->nwords == 4 &&
		cal->nworking == 144 && cal->day_len == 8 * HOUR_US;
	check(ok, "init: caller-allocated block, 200 days, 144 working, 8h day");

	/* The block has no internal pointers: a memcpy is a working copy. */
	copy = malloc(sz);
	memcpy(copy, buf, sz);
	memset(buf, 0xAB, sz);
	ok = mc_workcal_nth_after(copy, D(2024, 1, 1), 143, &out) == MC_WC_OK &&
		out == D(2024, 1, 1) + 199 &&
		mc_workcal_nth_after(copy, D(2024, 1, 1), 144, &out) == MC_WC_OUT_OF_RANGE;
	check(ok, "init: a memcpy of the block works after the original is clobbered");
	free(copy);
	free(buf);

	ok = true;
	for (i = 0; i <= MC_WC_NO_MEMORY; i++)
		ok = ok && mc_workcal_strerror((WorkCalStatus) i) != NULL &&
			mc_workcal_strerror((WorkCalStatus) i)[0] != '\0';
	check(ok, "strerror: a message for every status");
}

static void
test_calendar_queries(const WorkCalendar *cal)
{
	bool		b = false;
	int			n = -1;
	int32_t		d = 0;

	check(mc_workcal_is_working(cal, D(2024, 3, 15), &b) == MC_WC_OK && b,
		  "is_working: Fri 2024-03-15 is a working day");
	check(mc_workcal_is_working(cal, D(2024, 3, 16), &b) == MC_WC_OK && !b,
		  "is_working: Sat 2024-03-16 is not");
	check(mc_workcal_is_working(cal, D(2024, 4, 18), &b) == MC_WC_OK && !b,
		  "is_working: holiday Thu 2024-04-18 is not");
	check(mc_workcal_is_working(cal, D(2024, 5, 4), &b) == MC_WC_OK && b,
		  "is_working: worked Saturday 2024-05-04 is");
	check(mc_workcal_is_working(cal, D(2024, 1, 1), &b) == MC_WC_OK && !b &&
		  mc_workcal_is_working(cal, D(2026, 12, 31), &b) == MC_WC_OK && b,
		  "is_working: first and last covered days");
	check(mc_workcal_is_working(cal, D(2023, 12, 31), &b) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_is_working(cal, D(2027, 1, 1), &b) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_is_working(cal, INT32_MIN, &b) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_is_working(cal, INT32_MAX, &b) == MC_WC_OUT_OF_RANGE,
		  "is_working: days outside the range (and +-infinity) are MC_WC_OUT_OF_RANGE");

	check(mc_workcal_count(cal, D(2024, 3, 1), D(2024, 3, 31), &n) == MC_WC_OK && n == 21,
		  "count: March 2024 has 21 working days");
	check(mc_workcal_count(cal, D(2024, 4, 29), D(2024, 5, 5), &n) == MC_WC_OK && n == 3,
		  "count: 2024-04-29..05-05 has 3 (three holidays, worked Saturday)");
	check(mc_workcal_count(cal, D(2024, 3, 15), D(2024, 3, 15), &n) == MC_WC_OK && n == 1 &&
		  mc_workcal_count(cal, D(2024, 3, 16), D(2024, 3, 17), &n) == MC_WC_OK && n == 0,
		  "count: single working day 1, weekend 0");
	check(mc_workcal_count(cal, D(2024, 3, 31), D(2024, 3, 1), &n) == MC_WC_OK && n == 0,
		  "count: reversed range counts 0");
	check(mc_workcal_count(cal, D(2024, 1, 1), D(2026, 12, 31), &n) == MC_WC_OK &&
		  n == cal->nworking,
		  "count: the whole range equals nworking");
	check(mc_workcal_count(cal, D(2023, 12, 1), D(2024, 3, 1), &n) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_count(cal, D(2026, 12, 1), D(2027, 1, 1), &n) == MC_WC_OUT_OF_RANGE,
		  "count: ends outside the range are MC_WC_OUT_OF_RANGE");

	check(mc_workcal_nth_after(cal, D(2024, 3, 15), 1, &d) == MC_WC_OK && d == D(2024, 3, 18),
		  "nth_after: 1st after Fri 2024-03-15 is Mon 03-18");
	check(mc_workcal_nth_after(cal, D(2024, 4, 17), 1, &d) == MC_WC_OK && d == D(2024, 4, 19),
		  "nth_after: 1st after Wed 2024-04-17 skips the holiday to Fri 04-19");
	check(mc_workcal_nth_after(cal, D(2024, 4, 26), 1, &d) == MC_WC_OK && d == D(2024, 5, 2),
		  "nth_after: 1st after Fri 2024-04-26 is Thu 05-02");
	check(mc_workcal_nth_after(cal, D(2024, 4, 26), 3, &d) == MC_WC_OK && d == D(2024, 5, 4),
		  "nth_after: 3rd after Fri 2024-04-26 is worked Saturday 05-04");
	check(mc_workcal_nth_after(cal, D(2024, 3, 16), 1, &d) == MC_WC_OK && d == D(2024, 3, 18),
		  "nth_after: from a Saturday");
	check(mc_workcal_nth_after(cal, D(2024, 3, 15), 0, &d) == MC_WC_BAD_ARG &&
		  mc_workcal_nth_after(cal, D(2024, 3, 15), -2, &d) == MC_WC_BAD_ARG,
		  "nth_after: n < 1 is MC_WC_BAD_ARG");
	check(mc_workcal_nth_after(cal, D(2026, 12, 30), 1, &d) == MC_WC_OK && d == D(2026, 12, 31),
		  "nth_after: the last covered day is reachable");
	check(mc_workcal_nth_after(cal, D(2026, 12, 30), 2, &d) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_nth_after(cal, D(2026, 12, 31), 1, &d) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_nth_after(cal, D(2024, 1, 1), INT32_MAX, &d) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_nth_after(cal, D(2023, 12, 29), 1, &d) == MC_WC_OUT_OF_RANGE,
		  "nth_after: answers past the range, or from outside it, are MC_WC_OUT_OF_RANGE");

	check(mc_workcal_next_working(cal, D(2024, 3, 16), &d) == MC_WC_OK && d == D(2024, 3, 18),
		  "next_working: Sat 2024-03-16 -> Mon 03-18");
	check(mc_workcal_next_working(cal, D(2024, 3, 18), &d) == MC_WC_OK && d == D(2024, 3, 18),
		  "next_working: a working day is its own next working day");
	check(mc_workcal_next_working(cal, D(2024, 2, 8), &d) == MC_WC_OK && d == D(2024, 2, 15),
		  "next_working: Tet 2024-02-08 -> Thu 02-15");
	check(mc_workcal_next_working(cal, D(2024, 1, 1), &d) == MC_WC_OK && d == D(2024, 1, 2),
		  "next_working: holiday on the first covered day");
	check(mc_workcal_next_working(cal, D(2027, 1, 1), &d) == MC_WC_OUT_OF_RANGE,
		  "next_working: outside the range is MC_WC_OUT_OF_RANGE");
	check(mc_workcal_is_working(NULL, 0, &b) == MC_WC_BAD_ARG &&
		  mc_workcal_count(cal, 0, 0, NULL) == MC_WC_BAD_ARG,
		  "NULL calendar or out pointer is MC_WC_BAD_ARG");
}

static void
test_receipt_and_days(const WorkCalendar *cal)
{
	int64_t		none = MC_WORKCAL_NO_CUTOFF;
	int64_t		c15 = HM(15, 0);
	int32_t		fri = D(2024, 3, 15);
	int32_t		mon = D(2024, 3, 18);
	WorkInstant out = mk(0, 0);

	/* Rule 1: effective receipt day */
	expect_receipt(cal, I(2024, 3, 15, 16, 0), none, MC_WC_OK, fri,
				   "receipt: Fri 16:00 is received Friday");
	expect_receipt(cal, I(2024, 3, 15, 6, 30), none, MC_WC_OK, fri,
				   "receipt: Fri 06:30 (before opening) is received Friday");
	expect_receipt(cal, I(2024, 3, 15, 0, 0), none, MC_WC_OK, fri,
				   "receipt: Fri 00:00 is received Friday");
	expect_receipt(cal, I(2024, 3, 15, 12, 30), none, MC_WC_OK, fri,
				   "receipt: Fri 12:30 (lunch break) is received Friday");
	expect_receipt(cal, Iu(2024, 3, 15, HM(17, 0) - 1), none, MC_WC_OK, fri,
				   "receipt: Fri 16:59:59.999999 is received Friday");
	expect_receipt(cal, I(2024, 3, 15, 17, 0), none, MC_WC_OK, fri,
				   "receipt: Fri 17:00 exactly (closing) is received Friday");
	expect_receipt(cal, Iu(2024, 3, 15, HM(17, 0) + 1), none, MC_WC_OK, mon,
				   "receipt: Fri 17:00:00.000001 is received Monday");
	expect_receipt(cal, I(2024, 3, 15, 21, 0), none, MC_WC_OK, mon,
				   "receipt: Fri 21:00 is received Monday");
	expect_receipt(cal, I(2024, 3, 16, 10, 0), none, MC_WC_OK, mon,
				   "receipt: Sat 10:00 is received Monday");
	expect_receipt(cal, I(2024, 3, 17, 23, 59), none, MC_WC_OK, mon,
				   "receipt: Sun 23:59 is received Monday");
	expect_receipt(cal, I(2024, 3, 15, 14, 59), c15, MC_WC_OK, fri,
				   "receipt: cut-off 15:00, Fri 14:59 is received Friday");
	expect_receipt(cal, I(2024, 3, 15, 15, 0), c15, MC_WC_OK, fri,
				   "receipt: cut-off 15:00, Fri 15:00 exactly is received Friday");
	expect_receipt(cal, Iu(2024, 3, 15, HM(15, 0) + 1), c15, MC_WC_OK, mon,
				   "receipt: cut-off 15:00, Fri 15:00:00.000001 is received Monday");
	expect_receipt(cal, I(2024, 3, 15, 15, 30), c15, MC_WC_OK, mon,
				   "receipt: cut-off 15:00, Fri 15:30 is received Monday");
	expect_receipt(cal, I(2024, 3, 15, 7, 0), c15, MC_WC_OK, fri,
				   "receipt: cut-off 15:00, Fri 07:00 is received Friday");
	expect_receipt(cal, I(2024, 3, 15, 7, 30), HM(7, 0), MC_WC_OK, fri,
				   "receipt: cut-off 07:00 (before opening), Fri 07:30 is still received Friday");
	expect_receipt(cal, I(2024, 3, 15, 8, 0), HM(7, 0), MC_WC_OK, mon,
				   "receipt: cut-off 07:00, Fri 08:00 is received Monday");
	expect_receipt(cal, I(2024, 4, 18, 9, 0), none, MC_WC_OK, D(2024, 4, 19),
				   "receipt: on holiday Thu 2024-04-18 -> Fri 04-19");
	expect_receipt(cal, I(2024, 5, 4, 9, 0), none, MC_WC_OK, D(2024, 5, 4),
				   "receipt: on worked Saturday 2024-05-04 -> that Saturday");
	expect_receipt(cal, I(2026, 12, 31, 17, 30), none, MC_WC_OUT_OF_RANGE, 0,
				   "receipt: after hours on the last covered day is MC_WC_OUT_OF_RANGE");
	expect_receipt(cal, Iu(2024, 3, 15, DAY_US), none, MC_WC_BAD_ARG, 0,
				   "receipt: usec 24:00 is MC_WC_BAD_ARG");
	expect_receipt(cal, I(2024, 3, 15, 9, 0), DAY_US, MC_WC_BAD_ARG, 0,
				   "receipt: cut-off 24:00 is MC_WC_BAD_ARG");

	/* Rule 2: whole days */
	expect_days(cal, I(2024, 3, 15, 16, 0), 1000, none, MC_WC_OK, I(2024, 3, 18, 17, 0),
				"days: received Fri 16:00 + 1 day -> Mon 17:00");
	expect_days(cal, I(2024, 3, 15, 16, 0), 2000, none, MC_WC_OK, I(2024, 3, 19, 17, 0),
				"days: received Fri 16:00 + 2 days -> Tue 17:00");
	expect_days(cal, I(2024, 3, 16, 10, 0), 1000, none, MC_WC_OK, I(2024, 3, 19, 17, 0),
				"days: received Sat + 1 day -> receipt Mon, deadline Tue 17:00");
	expect_days(cal, I(2024, 3, 15, 17, 30), 1000, none, MC_WC_OK, I(2024, 3, 19, 17, 0),
				"days: received Fri 17:30 + 1 day -> Tue 17:00");
	expect_days(cal, I(2024, 3, 15, 17, 0), 1000, none, MC_WC_OK, I(2024, 3, 18, 17, 0),
				"days: received Fri 17:00 exactly (Friday's) + 1 day -> Mon 17:00");
	expect_days(cal, Iu(2024, 3, 15, HM(17, 0) + 1), 1000, none, MC_WC_OK, I(2024, 3, 19, 17, 0),
				"days: received Fri 17:00:00.000001 + 1 day -> Tue 17:00");
	expect_days(cal, I(2024, 3, 15, 15, 0), 1000, HM(15, 0), MC_WC_OK, I(2024, 3, 18, 17, 0),
				"days: cut-off 15:00, received Fri 15:00 exactly + 1 day -> Mon 17:00");
	expect_days(cal, I(2024, 3, 15, 15, 30), 1000, c15, MC_WC_OK, I(2024, 3, 19, 17, 0),
				"days: cut-off 15:00, received Fri 15:30 + 1 day -> Tue 17:00");
	expect_days(cal, I(2024, 3, 15, 14, 0), 1000, c15, MC_WC_OK, I(2024, 3, 18, 17, 0),
				"days: cut-off 15:00, received Fri 14:00 + 1 day -> Mon 17:00");
	expect_days(cal, I(2024, 3, 15, 6, 30), 1000, none, MC_WC_OK, I(2024, 3, 18, 17, 0),
				"days: received Fri 06:30 (before opening) + 1 day -> Mon 17:00");
	expect_days(cal, I(2024, 3, 15, 12, 15), 1000, none, MC_WC_OK, I(2024, 3, 18, 17, 0),
				"days: received Fri 12:15 (lunch) + 1 day -> Mon 17:00");
	expect_days(cal, I(2024, 3, 18, 9, 0), 5000, none, MC_WC_OK, I(2024, 3, 25, 17, 0),
				"days: received Mon 09:00 + 5 days -> next Mon 17:00");

	/* Rule 2: zero days */
	expect_days(cal, I(2024, 3, 15, 10, 0), 0, none, MC_WC_OK, I(2024, 3, 15, 17, 0),
				"days: received Fri 10:00 + 0 days -> Fri 17:00 (same day)");
	expect_days(cal, I(2024, 3, 16, 10, 0), 0, none, MC_WC_OK, I(2024, 3, 18, 17, 0),
				"days: received Sat + 0 days -> Mon 17:00");
	expect_days(cal, I(2024, 3, 15, 18, 0), 0, none, MC_WC_OK, I(2024, 3, 18, 17, 0),
				"days: received Fri 18:00 + 0 days -> Mon 17:00");

	/* Rule 2: fractions */
	expect_days(cal, I(2024, 3, 15, 10, 0), 500, none, MC_WC_OK, I(2024, 3, 18, 12, 0),
				"days: Fri 10:00 + 0.5 day -> Mon 12:00 (not 13:00)");
	expect_days(cal, I(2024, 3, 15, 10, 0), 1500, none, MC_WC_OK, I(2024, 3, 19, 12, 0),
				"days: Fri 10:00 + 1.5 days -> Tue 12:00");
	expect_days(cal, I(2024, 3, 15, 10, 0), 2500, none, MC_WC_OK, I(2024, 3, 20, 12, 0),
				"days: Fri 10:00 + 2.5 days -> Wed 12:00");
	expect_days(cal, I(2024, 3, 15, 10, 0), 250, none, MC_WC_OK, I(2024, 3, 18, 10, 0),
				"days: Fri 10:00 + 0.25 day -> Mon 10:00");
	expect_days(cal, I(2024, 3, 15, 10, 0), 750, none, MC_WC_OK, I(2024, 3, 18, 15, 0),
				"days: Fri 10:00 + 0.75 day -> Mon 15:00");
	expect_days(cal, I(2024, 3, 15, 10, 0), 1, none, MC_WC_OK,
				Iu(2024, 3, 18, HM(8, 0) + 28800000),
				"days: Fri 10:00 + 0.001 day -> Mon 08:00:28.8 (exact)");
	expect_days(cal, I(2024, 3, 15, 10, 0), 999, none, MC_WC_OK,
				Iu(2024, 3, 18, HM(16, 59) + 31200000),
				"days: Fri 10:00 + 0.999 day -> Mon 16:59:31.2 (exact)");
	expect_days(cal, I(2024, 3, 16, 10, 0), 500, none, MC_WC_OK, I(2024, 3, 19, 12, 0),
				"days: received Sat + 0.5 day -> Tue 12:00");
	expect_days(cal, I(2024, 3, 15, 16, 0), MILLI(1.5), c15, MC_WC_OK, I(2024, 3, 20, 12, 0),
				"days: cut-off 15:00, Fri 16:00 + 1.5 days -> Wed 12:00");

	/* Rule 2: holidays and worked Saturdays */
	expect_days(cal, I(2024, 4, 17, 10, 0), 1000, none, MC_WC_OK, I(2024, 4, 19, 17, 0),
				"days: Wed 2024-04-17 + 1 day skips holiday Thu -> Fri 04-19 17:00");
	expect_days(cal, I(2024, 4, 17, 10, 0), 2000, none, MC_WC_OK, I(2024, 4, 22, 17, 0),
				"days: Wed 2024-04-17 + 2 days -> Mon 04-22 17:00");
	expect_days(cal, I(2024, 4, 18, 10, 0), 1000, none, MC_WC_OK, I(2024, 4, 22, 17, 0),
				"days: received on holiday Thu 04-18 + 1 day -> Mon 04-22 17:00");
	expect_days(cal, I(2024, 5, 2, 10, 0), 2000, none, MC_WC_OK, I(2024, 5, 4, 17, 0),
				"days: Thu 2024-05-02 + 2 days -> worked Saturday 05-04 17:00");
	expect_days(cal, I(2024, 5, 4, 9, 0), 1000, none, MC_WC_OK, I(2024, 5, 6, 17, 0),
				"days: received on worked Saturday 05-04 + 1 day -> Mon 05-06 17:00");
	expect_days(cal, I(2024, 4, 26, 10, 0), 1000, none, MC_WC_OK, I(2024, 5, 2, 17, 0),
				"days: Fri 2024-04-26 + 1 day -> Thu 05-02 17:00 (weekend + 3 holidays)");
	expect_days(cal, I(2025, 1, 24, 10, 0), 1000, none, MC_WC_OK, I(2025, 2, 3, 17, 0),
				"days: Fri 2025-01-24 + 1 day over Tet -> Mon 2025-02-03 17:00");
	expect_days(cal, I(2025, 1, 24, 10, 0), 500, none, MC_WC_OK, I(2025, 2, 3, 12, 0),
				"days: Fri 2025-01-24 + 0.5 day over Tet -> Mon 2025-02-03 12:00");

	/* Rule 2: bad arguments and the edge of the range */
	expect_days(cal, I(2024, 3, 15, 10, 0), -1, none, MC_WC_BAD_ARG, out,
				"days: negative limit is MC_WC_BAD_ARG");
	expect_days(cal, Iu(2024, 3, 15, -1), 1000, none, MC_WC_BAD_ARG, out,
				"days: negative usec is MC_WC_BAD_ARG");
	expect_days(cal, I(2026, 12, 30, 10, 0), 1000, none, MC_WC_OK, I(2026, 12, 31, 17, 0),
				"days: Wed 2026-12-30 + 1 day -> last covered day 17:00");
	expect_days(cal, I(2026, 12, 30, 10, 0), 1500, none, MC_WC_OUT_OF_RANGE, out,
				"days: Wed 2026-12-30 + 1.5 days is MC_WC_OUT_OF_RANGE");
	expect_days(cal, I(2026, 12, 31, 16, 0), 0, none, MC_WC_OK, I(2026, 12, 31, 17, 0),
				"days: last covered day + 0 days -> 17:00 that day");
	expect_days(cal, I(2026, 12, 31, 16, 0), 1000, none, MC_WC_OUT_OF_RANGE, out,
				"days: last covered day + 1 day is MC_WC_OUT_OF_RANGE");
	expect_days(cal, I(2023, 12, 29, 10, 0), 1000, none, MC_WC_OUT_OF_RANGE, out,
				"days: received before the range is MC_WC_OUT_OF_RANGE");
	expect_days(cal, I(2024, 3, 15, 10, 0), INT64_MAX, none, MC_WC_OUT_OF_RANGE, out,
				"days: INT64_MAX/1000 days is MC_WC_OUT_OF_RANGE, no overflow");
}

static void
test_hours(const WorkCalendar *cal)
{
	WorkInstant out = mk(0, 0);

	expect_hours(cal, I(2024, 3, 15, 16, 0), 4 * HOUR_US, MC_WC_OK, I(2024, 3, 18, 11, 0),
				 "hours: Fri 16:00 + 4h -> Mon 11:00");
	expect_hours(cal, I(2024, 3, 18, 8, 0), 4 * HOUR_US, MC_WC_OK, I(2024, 3, 18, 12, 0),
				 "hours: Mon 08:00 + 4h -> Mon 12:00 (not 13:00)");
	expect_hours(cal, I(2024, 3, 18, 10, 0), 2 * HOUR_US, MC_WC_OK, I(2024, 3, 18, 12, 0),
				 "hours: Mon 10:00 + 2h -> Mon 12:00");
	expect_hours(cal, I(2024, 3, 18, 10, 0), 2 * HOUR_US + 1, MC_WC_OK,
				 Iu(2024, 3, 18, HM(13, 0) + 1),
				 "hours: Mon 10:00 + 2h + 1us -> Mon 13:00:00.000001");
	expect_hours(cal, I(2024, 3, 18, 13, 0), 4 * HOUR_US, MC_WC_OK, I(2024, 3, 18, 17, 0),
				 "hours: Mon 13:00 + 4h -> Mon 17:00");
	expect_hours(cal, I(2024, 3, 18, 8, 0), 8 * HOUR_US, MC_WC_OK, I(2024, 3, 18, 17, 0),
				 "hours: Mon 08:00 + 8h -> Mon 17:00 (not Tue 08:00)");
	expect_hours(cal, I(2024, 3, 15, 16, 0), 1 * HOUR_US, MC_WC_OK, I(2024, 3, 15, 17, 0),
				 "hours: Fri 16:00 + 1h -> Fri 17:00");
	expect_hours(cal, I(2024, 3, 15, 16, 0), HOUR_US + 1, MC_WC_OK, Iu(2024, 3, 18, HM(8, 0) + 1),
				 "hours: Fri 16:00 + 1h + 1us -> Mon 08:00:00.000001");
	expect_hours(cal, I(2024, 3, 18, 12, 30), HOUR_US, MC_WC_OK, I(2024, 3, 18, 14, 0),
				 "hours: start in lunch Mon 12:30 + 1h -> Mon 14:00");
	expect_hours(cal, I(2024, 3, 18, 6, 0), HOUR_US, MC_WC_OK, I(2024, 3, 18, 9, 0),
				 "hours: start before opening Mon 06:00 + 1h -> Mon 09:00");
	expect_hours(cal, I(2024, 3, 18, 18, 0), HOUR_US, MC_WC_OK, I(2024, 3, 19, 9, 0),
				 "hours: start after closing Mon 18:00 + 1h -> Tue 09:00");
	expect_hours(cal, I(2024, 3, 16, 10, 0), HOUR_US, MC_WC_OK, I(2024, 3, 18, 9, 0),
				 "hours: start Sat 10:00 + 1h -> Mon 09:00");
	expect_hours(cal, I(2024, 3, 16, 10, 0), 0, MC_WC_OK, I(2024, 3, 16, 10, 0),
				 "hours: Sat 10:00 + 0 -> Sat 10:00 unchanged");
	expect_hours(cal, I(2024, 3, 18, 12, 30), 0, MC_WC_OK, I(2024, 3, 18, 12, 30),
				 "hours: Mon 12:30 + 0 -> Mon 12:30 unchanged");
	expect_hours(cal, I(2024, 4, 17, 16, 0), 2 * HOUR_US, MC_WC_OK, I(2024, 4, 19, 9, 0),
				 "hours: Wed 2024-04-17 16:00 + 2h skips holiday -> Fri 04-19 09:00");
	expect_hours(cal, I(2024, 5, 3, 16, 0), 2 * HOUR_US, MC_WC_OK, I(2024, 5, 4, 9, 0),
				 "hours: Fri 2024-05-03 16:00 + 2h -> worked Saturday 05-04 09:00");
	expect_hours(cal, I(2024, 3, 18, 8, 0), 40 * HOUR_US, MC_WC_OK, I(2024, 3, 22, 17, 0),
				 "hours: Mon 08:00 + 40h -> Fri 17:00");
	expect_hours(cal, I(2024, 3, 18, 8, 0), 40 * HOUR_US + MIN_US, MC_WC_OK,
				 I(2024, 3, 25, 8, 1),
				 "hours: Mon 08:00 + 40h 1min -> next Mon 08:01");
	expect_hours(cal, I(2025, 1, 24, 16, 0), 2 * HOUR_US, MC_WC_OK, I(2025, 2, 3, 9, 0),
				 "hours: Fri 2025-01-24 16:00 + 2h over Tet -> Mon 02-03 09:00");
	expect_hours(cal, I(2024, 3, 18, 8, 0), -1, MC_WC_BAD_ARG, out,
				 "hours: negative is MC_WC_BAD_ARG");
	expect_hours(cal, Iu(2024, 3, 18, DAY_US), HOUR_US, MC_WC_BAD_ARG, out,
				 "hours: usec 24:00 is MC_WC_BAD_ARG");
	expect_hours(cal, I(2026, 12, 31, 16, 0), HOUR_US, MC_WC_OK, I(2026, 12, 31, 17, 0),
				 "hours: ending exactly at 17:00 of the last covered day is fine");
	expect_hours(cal, I(2026, 12, 31, 16, 0), HOUR_US + 1, MC_WC_OUT_OF_RANGE, out,
				 "hours: one usec more is MC_WC_OUT_OF_RANGE");
	expect_hours(cal, I(2023, 12, 29, 16, 0), HOUR_US, MC_WC_OUT_OF_RANGE, out,
				 "hours: start before the range is MC_WC_OUT_OF_RANGE");
	expect_hours(cal, I(2024, 3, 18, 8, 0), INT64_MAX, MC_WC_OUT_OF_RANGE, out,
				 "hours: INT64_MAX usec is MC_WC_OUT_OF_RANGE, no overflow");

	/* Hours counted from a receipt: the cut-off applies as to days */
	expect_receipt_hours(cal, I(2024, 3, 18, 16, 0), 4 * HOUR_US, HM(15, 0), MC_WC_OK,
						 I(2024, 3, 19, 12, 0),
						 "receipt hours: cut-off 15:00, Mon 16:00 + 4h runs from Tue 08:00 -> Tue 12:00");
	expect_receipt_hours(cal, I(2024, 3, 18, 15, 0), 4 * HOUR_US, HM(15, 0), MC_WC_OK,
						 I(2024, 3, 19, 10, 0),
						 "receipt hours: cut-off 15:00, Mon 15:00 exactly + 4h -> Tue 10:00");
	expect_receipt_hours(cal, Iu(2024, 3, 18, HM(15, 0) + 1), 4 * HOUR_US, HM(15, 0), MC_WC_OK,
						 I(2024, 3, 19, 12, 0),
						 "receipt hours: cut-off 15:00, Mon 15:00:00.000001 + 4h -> Tue 12:00");
	expect_receipt_hours(cal, I(2024, 3, 15, 16, 0), 4 * HOUR_US, HM(15, 0), MC_WC_OK,
						 I(2024, 3, 18, 12, 0),
						 "receipt hours: cut-off 15:00, Fri 16:00 + 4h runs from Mon 08:00 -> Mon 12:00");
	expect_receipt_hours(cal, I(2024, 3, 15, 16, 0), 4 * HOUR_US, MC_WORKCAL_NO_CUTOFF, MC_WC_OK,
						 I(2024, 3, 18, 11, 0),
						 "receipt hours: no cut-off, Fri 16:00 + 4h -> Mon 11:00 (1h Fri, 3h Mon)");
	expect_receipt_hours(cal, I(2024, 3, 15, 17, 0), 4 * HOUR_US, MC_WORKCAL_NO_CUTOFF, MC_WC_OK,
						 I(2024, 3, 18, 12, 0),
						 "receipt hours: Fri 17:00 exactly is Friday's, its hours run from Mon 08:00");
	expect_receipt_hours(cal, I(2024, 3, 18, 12, 30), HOUR_US, HM(15, 0), MC_WC_OK,
						 I(2024, 3, 18, 14, 0),
						 "receipt hours: over lunch Mon 12:30 + 1h -> Mon 14:00");
	expect_receipt_hours(cal, I(2024, 3, 18, 7, 0), HOUR_US, HM(15, 0), MC_WC_OK,
						 I(2024, 3, 18, 9, 0),
						 "receipt hours: before opening Mon 07:00 + 1h -> Mon 09:00");
	expect_receipt_hours(cal, I(2024, 4, 17, 15, 30), 2 * HOUR_US, HM(15, 0), MC_WC_OK,
						 I(2024, 4, 19, 10, 0),
						 "receipt hours: after the cut-off on the eve of a holiday -> next working day 10:00");
	expect_receipt_hours(cal, I(2024, 3, 16, 10, 0), HOUR_US, HM(15, 0), MC_WC_OK,
						 I(2024, 3, 18, 9, 0),
						 "receipt hours: Sat 10:00 + 1h -> Mon 09:00");
	expect_receipt_hours(cal, I(2024, 3, 18, 16, 0), -1, HM(15, 0), MC_WC_BAD_ARG, out,
						 "receipt hours: negative is MC_WC_BAD_ARG");
	expect_receipt_hours(cal, I(2026, 12, 31, 16, 0), HOUR_US, HM(15, 0), MC_WC_OUT_OF_RANGE, out,
						 "receipt hours: after the cut-off on the last covered day is MC_WC_OUT_OF_RANGE");
}

static void
test_between(const WorkCalendar *cal)
{
	WorkInterval stops[8];
	WorkInterval scratch[8];
	WorkInterval same[8];
	WorkInstant a = I(2024, 3, 18, 8, 0);
	WorkInstant b = I(2024, 3, 22, 17, 0);
	int64_t		got = 0;
	int64_t		plain = 0;
	WorkCalStatus st;
	bool		ok;

	expect_between(cal, I(2024, 3, 15, 16, 0), I(2024, 3, 18, 9, 0), MC_WC_OK, 2 * HOUR_US,
				   "between: Fri 16:00 .. Mon 09:00 is 2h (weekend skipped)");
	expect_between(cal, I(2024, 3, 18, 9, 0), I(2024, 3, 15, 16, 0), MC_WC_OK, -2 * HOUR_US,
				   "between: reversed is -2h");
	expect_between(cal, I(2024, 3, 15, 10, 0), I(2024, 3, 19, 15, 0), MC_WC_OK, 20 * HOUR_US,
				   "between: Fri 10:00 .. Tue 15:00 is 6h + 8h + 6h = 20h");
	expect_between(cal, I(2024, 3, 18, 11, 0), I(2024, 3, 18, 14, 0), MC_WC_OK, 2 * HOUR_US,
				   "between: Mon 11:00 .. 14:00 is 2h (lunch not counted)");
	expect_between(cal, I(2024, 3, 18, 12, 10), I(2024, 3, 18, 12, 50), MC_WC_OK, 0,
				   "between: inside the lunch break is 0");
	expect_between(cal, I(2024, 3, 18, 10, 0), I(2024, 3, 18, 10, 0), MC_WC_OK, 0,
				   "between: equal instants is 0");
	expect_between(cal, I(2024, 3, 16, 0, 0), I(2024, 3, 17, 23, 59), MC_WC_OK, 0,
				   "between: over a weekend is 0");
	expect_between(cal, I(2024, 3, 18, 5, 0), I(2024, 3, 18, 21, 0), MC_WC_OK, 8 * HOUR_US,
				   "between: a whole working day from 05:00 to 21:00 is 8h");
	expect_between(cal, I(2025, 1, 24, 8, 0), I(2025, 2, 3, 17, 0), MC_WC_OK, 16 * HOUR_US,
				   "between: Fri 2025-01-24 08:00 .. Mon 02-03 17:00 over Tet is 16h");
	expect_between(cal, I(2024, 3, 1, 0, 0), I(2024, 4, 1, 0, 0), MC_WC_OK, 21 * 8 * HOUR_US,
				   "between: all of March 2024 is 21 working days");
	expect_between(cal, I(2024, 5, 3, 16, 30), I(2024, 5, 6, 8, 30), MC_WC_OK, 9 * HOUR_US,
				   "between: Fri 05-03 16:30 .. Mon 05-06 08:30 counts worked Saturday (0.5 + 8 + 0.5h)");
	expect_between(cal, I(2023, 12, 29, 10, 0), I(2024, 3, 18, 9, 0), MC_WC_OUT_OF_RANGE, 0,
				   "between: start before the range is MC_WC_OUT_OF_RANGE");
	expect_between(cal, I(2024, 3, 18, 9, 0), I(2027, 1, 4, 9, 0), MC_WC_OUT_OF_RANGE, 0,
				   "between: end after the range is MC_WC_OUT_OF_RANGE");

	/* Clock stops */
	stops[0] = iv(I(2024, 3, 19, 10, 0), I(2024, 3, 19, 15, 0));
	stops[1] = iv(I(2024, 3, 19, 14, 0), I(2024, 3, 20, 9, 0));
	stops[2] = iv(I(2024, 3, 17, 0, 0), I(2024, 3, 18, 9, 0));
	stops[3] = iv(I(2024, 3, 22, 16, 0), I(2024, 3, 23, 12, 0));
	stops[4] = iv(I(2024, 3, 19, 11, 0), I(2024, 3, 19, 11, 30));
	stops[5] = iv(I(2024, 3, 19, 10, 0), I(2024, 3, 19, 15, 0));
	stops[6] = iv(I(2023, 6, 1, 0, 0), I(2023, 7, 1, 0, 0));
	stops[7] = iv(I(2024, 3, 20, 10, 0), I(2024, 3, 20, 10, 0));

	st = mc_workcal_working_time_excluding(cal, a, b, stops, 0, NULL, &plain);
	check(st == MC_WC_OK && plain == 40 * HOUR_US,
		  "excluding: no stops equals between (Mon 08:00 .. Fri 17:00 = 40h)");

	st = mc_workcal_working_time_excluding(cal, a, b, stops, 8, scratch, &got);
	if (st != MC_WC_OK || got != 31 * HOUR_US)
		diag("got %s %lld", st_name(st), (long long) got);
	check(st == MC_WC_OK && got == 31 * HOUR_US,
		  "excluding: overlapping, duplicate, nested, outside and empty stops: 40h - 9h = 31h");

	st = mc_workcal_working_time_excluding(cal, b, a, stops, 8, scratch, &got);
	check(st == MC_WC_OK && got == -31 * HOUR_US,
		  "excluding: reversed ends give -31h");

	memcpy(same, stops, sizeof(stops));
	st = mc_workcal_working_time_excluding(cal, a, b, same, 8, same, &got);
	check(st == MC_WC_OK && got == 31 * HOUR_US,
		  "excluding: scratch may be the stops array itself");

	stops[0] = iv(I(2024, 3, 1, 0, 0), I(2024, 4, 1, 0, 0));
	st = mc_workcal_working_time_excluding(cal, a, b, stops, 1, scratch, &got);
	check(st == MC_WC_OK && got == 0, "excluding: a stop covering [a, b] leaves 0");

	stops[0] = iv(I(2024, 3, 18, 10, 0), I(2024, 3, 18, 12, 0));
	stops[1] = iv(I(2024, 3, 18, 12, 0), I(2024, 3, 18, 14, 0));
	st = mc_workcal_working_time_excluding(cal, a, b, stops, 2, scratch, &got);
	check(st == MC_WC_OK && got == 37 * HOUR_US,
		  "excluding: adjacent stops 10:00-12:00 and 12:00-14:00 remove 3h");

	stops[0] = iv(I(2024, 3, 19, 15, 0), I(2024, 3, 19, 10, 0));
	st = mc_workcal_working_time_excluding(cal, a, b, stops, 1, scratch, &got);
	check(st == MC_WC_BAD_ARG, "excluding: a stop ending before it starts is MC_WC_BAD_ARG");

	stops[0] = iv(I(2024, 3, 19, 10, 0), I(2024, 3, 19, 11, 0));
	st = mc_workcal_working_time_excluding(cal, a, b, stops, 1, NULL, &got);
	ok = st == MC_WC_BAD_ARG;
	st = mc_workcal_working_time_excluding(cal, a, b, stops, -1, scratch, &got);
	ok = ok && st == MC_WC_BAD_ARG;
	check(ok, "excluding: missing scratch or negative count is MC_WC_BAD_ARG");

	st = mc_workcal_working_time_excluding(cal, I(2023, 12, 1, 0, 0), b, stops, 1, scratch, &got);
	check(st == MC_WC_OUT_OF_RANGE, "excluding: a before the range is MC_WC_OUT_OF_RANGE");
}

static void
test_other_hours(const unsigned char *w, int32_t first, int ndays)
{
	WorkHours	h1 = hours_of(7, 30, 11, 30, 13, 0, 16, 30);
	WorkHours	h2 = hours_of(8, 0, 12, 0, 12, 0, 16, 0);
	WorkHours	h3 = hours_of(0, 0, 6, 0, 18, 0, 24, 0);
	WorkCalendar *c1 = build_or_die(first, ndays, w, &h1);
	WorkCalendar *c2 = build_or_die(first, ndays, w, &h2);
	WorkCalendar *c3 = build_or_die(first, ndays, w, &h3);
	WorkCalendar *c4;
	int64_t		none = MC_WORKCAL_NO_CUTOFF;

	check(c1->day_len == 7 * HOUR_US + 30 * MIN_US, "07:30-11:30, 13:00-16:30: a day is 7.5h");
	expect_days(c1, I(2024, 3, 15, 10, 0), 1000, none, MC_WC_OK, I(2024, 3, 18, 16, 30),
				"07:30-16:30 hours: Fri + 1 day -> Mon 16:30");
	expect_days(c1, I(2024, 3, 15, 10, 0), 500, none, MC_WC_OK, I(2024, 3, 18, 11, 15),
				"07:30-16:30 hours: Fri + 0.5 day (3h45) -> Mon 11:15");
	expect_days(c1, I(2024, 3, 15, 16, 45), 1000, none, MC_WC_OK, I(2024, 3, 19, 16, 30),
				"07:30-16:30 hours: Fri 16:45 is after closing -> Tue 16:30");
	expect_days(c1, I(2024, 3, 15, 7, 15), 1000, none, MC_WC_OK, I(2024, 3, 18, 16, 30),
				"07:30-16:30 hours: Fri 07:15 is before opening -> received Friday");
	expect_hours(c1, I(2024, 3, 15, 16, 0), 4 * HOUR_US, MC_WC_OK, I(2024, 3, 18, 11, 0),
				 "07:30-16:30 hours: Fri 16:00 + 4h -> Mon 11:00 (0.5h + 3.5h)");
	expect_hours(c1, I(2024, 3, 18, 7, 30), 4 * HOUR_US, MC_WC_OK, I(2024, 3, 18, 11, 30),
				 "07:30-16:30 hours: Mon 07:30 + 4h -> Mon 11:30 (end of morning)");
	expect_between(c1, I(2024, 3, 15, 16, 0), I(2024, 3, 18, 9, 0), MC_WC_OK, 2 * HOUR_US,
				   "07:30-16:30 hours: Fri 16:00 .. Mon 09:00 is 0.5h + 1.5h");

	expect_days(c2, I(2024, 3, 15, 10, 0), 500, none, MC_WC_OK, I(2024, 3, 18, 12, 0),
				"no lunch break: Fri + 0.5 day -> Mon 12:00");
	expect_hours(c2, I(2024, 3, 18, 11, 0), 2 * HOUR_US, MC_WC_OK, I(2024, 3, 18, 13, 0),
				 "no lunch break: Mon 11:00 + 2h -> Mon 13:00");

	expect_days(c3, I(2024, 3, 15, 10, 0), 1000, none, MC_WC_OK, I(2024, 3, 19, 0, 0),
				"hours to midnight: Fri + 1 day ends Mon 24:00 = Tue 00:00");
	expect_days(c3, I(2024, 3, 15, 10, 0), 0, none, MC_WC_OK, I(2024, 3, 16, 0, 0),
				"hours to midnight: Fri + 0 days -> Sat 00:00");
	expect_hours(c3, I(2024, 3, 18, 23, 0), HOUR_US, MC_WC_OK, I(2024, 3, 19, 0, 0),
				 "hours to midnight: Mon 23:00 + 1h -> Tue 00:00");
	expect_hours(c3, I(2024, 3, 15, 23, 0), 2 * HOUR_US, MC_WC_OK, I(2024, 3, 18, 1, 0),
				 "hours to midnight: Fri 23:00 + 2h -> Mon 01:00");
	expect_hours(c3, I(2026, 12, 31, 23, 0), HOUR_US, MC_WC_OK, I(2027, 1, 1, 0, 0),
				 "hours to midnight: last covered day 23:00 + 1h -> 00:00 after the range");
	expect_days(c3, I(2024, 3, 15, 10, 0), 500, none, MC_WC_OK, I(2024, 3, 18, 6, 0),
				"hours to midnight: Fri + 0.5 day -> Mon 06:00");

	/* A day of 8h + 1us: half of it is 14400000000.5us, truncated. */
	h1 = mc_workcal_default_hours();
	h1.afternoon_end += 1;
	c4 = build_or_die(first, ndays, w, &h1);
	expect_days(c4, I(2024, 3, 15, 10, 0), 500, none, MC_WC_OK, I(2024, 3, 18, 12, 0),
				"fractions are truncated to whole usec: 0.5 of (8h + 1us) -> Mon 12:00");
	expect_days(c4, I(2024, 3, 15, 10, 0), 1000, none, MC_WC_OK,
				Iu(2024, 3, 18, HM(17, 0) + 1),
				"odd-usec hours: Fri + 1 day -> Mon 17:00:00.000001");

	free(c1);
	free(c2);
	free(c3);
	free(c4);
}

static void
test_small_calendars(void)
{
	unsigned char none[10] = {0};
	unsigned char one[1] = {1};
	unsigned char wkend[7];
	unsigned char big[65];
	WorkCalendar *c;
	bool		b = false;
	WorkInstant out = mk(0, 0);
	int64_t		t = -1;
	int32_t		d = 0;
	int			n = -1;
	int			i;

	c = build_or_die(100, 10, none, NULL);
	check(c->nworking == 0 &&
		  mc_workcal_next_working(c, 100, &d) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_nth_after(c, 100, 1, &d) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_count(c, 100, 109, &n) == MC_WC_OK && n == 0 &&
		  mc_workcal_working_time_between(c, mk(100, 0), mk(109, HM(23, 0)), &t) == MC_WC_OK &&
		  t == 0 &&
		  mc_workcal_add_working_hours(c, mk(100, 0), 1, &out) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_add_working_days(c, mk(100, 0), 0, -1, &out) == MC_WC_OUT_OF_RANGE,
		  "calendar without working days: everything past it is out of range");
	free(c);

	c = build_or_die(-5, 1, one, NULL);
	check(mc_workcal_add_working_days(c, mk(-5, HM(9, 0)), 0, -1, &out) == MC_WC_OK &&
		  same_instant(out, mk(-5, HM(17, 0))) &&
		  mc_workcal_add_working_days(c, mk(-5, HM(9, 0)), 1, -1, &out) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_add_working_hours(c, mk(-5, HM(9, 0)), 8 * HOUR_US, &out) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_add_working_hours(c, mk(-5, HM(9, 0)), 7 * HOUR_US, &out) == MC_WC_OK &&
		  same_instant(out, mk(-5, HM(17, 0))),
		  "one-day calendar at a negative day number");
	free(c);

	for (i = 0; i < 7; i++)
		wkend[i] = i < 5;
	c = build_or_die(D(2024, 3, 18), 7, wkend, NULL);
	check(mc_workcal_next_working(c, D(2024, 3, 23), &d) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_add_working_days(c, I(2024, 3, 22, 18, 0), 0, -1, &out) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_working_time_between(c, I(2024, 3, 18, 0, 0), I(2024, 3, 24, 23, 0), &t) == MC_WC_OK &&
		  t == 40 * HOUR_US,
		  "calendar ending on a weekend: next working day is out of range");
	free(c);

	memset(big, 1, sizeof(big));
	c = build_or_die(INT32_MAX - 65, 65, big, NULL);
	check(mc_workcal_next_working(c, INT32_MAX - 1, &d) == MC_WC_OK && d == INT32_MAX - 1 &&
		  mc_workcal_nth_after(c, INT32_MAX - 1, 1, &d) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_is_working(c, INT32_MAX, &b) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_count(c, INT32_MAX - 65, INT32_MAX - 1, &n) == MC_WC_OK && n == 65,
		  "calendar ending next to the largest day number");
	free(c);

	c = build_or_die(INT32_MIN, 64, big, NULL);
	check(mc_workcal_nth_after(c, INT32_MIN, 63, &d) == MC_WC_OK && d == INT32_MIN + 63 &&
		  mc_workcal_nth_after(c, INT32_MIN, 64, &d) == MC_WC_OUT_OF_RANGE &&
		  mc_workcal_count(c, INT32_MIN, INT32_MIN + 63, &n) == MC_WC_OK && n == 64 &&
		  mc_workcal_working_time_between(c, mk(INT32_MIN, 0), mk(INT32_MIN + 63, HM(23, 0)), &t) == MC_WC_OK &&
		  t == 64 * 8 * HOUR_US,
		  "calendar of exactly one 64-day word starting at the smallest day number");
	free(c);
}

/* ----------------------------------------------------------------
 * Naive references: day-by-day and minute-by-minute walks over the
 * flags array, sharing no code with the engine.
 * ----------------------------------------------------------------
 */
typedef struct Naive
{
	int32_t		first;
	int			ndays;
	const unsigned char *w;
	WorkHours	h;
} Naive;

/* 1 working, 0 not, -1 outside the covered range. */
static int
nv_working(const Naive *nv, int64_t day)
{
	int64_t		off = day - nv->first;

	if (off < 0 || off >= nv->ndays)
		return -1;
	return nv->w[off] != 0;
}

static bool
nv_office(const Naive *nv, int64_t usec)
{
	return (usec >= nv->h.morning_start && usec < nv->h.morning_end) ||
		(usec >= nv->h.afternoon_start && usec < nv->h.afternoon_end);
}

static int64_t
nv_day_len(const Naive *nv)
{
	return nv->h.morning_end - nv->h.morning_start +
		nv->h.afternoon_end - nv->h.afternoon_start;
}

static WorkInstant
nv_norm(int64_t day, int64_t usec)
{
	while (usec >= DAY_US)
	{
		usec -= DAY_US;
		day++;
	}
	return mk((int32_t) day, usec);
}

static WorkCalStatus
ref_receipt(const Naive *nv, WorkInstant t, int64_t cutoff, int64_t *r)
{
	int			w;
	int64_t		d;

	if (t.usec < 0 || t.usec >= DAY_US || cutoff >= DAY_US)
		return MC_WC_BAD_ARG;
	w = nv_working(nv, t.day);
	if (w < 0)
		return MC_WC_OUT_OF_RANGE;
	if (w == 1 && (t.usec < nv->h.morning_start ||
				   (t.usec <= nv->h.afternoon_end && (cutoff < 0 || t.usec <= cutoff))))
	{
		*r = t.day;
		return MC_WC_OK;
	}
	for (d = (int64_t) t.day + 1;; d++)
	{
		w = nv_working(nv, d);
		if (w < 0)
			return MC_WC_OUT_OF_RANGE;
		if (w == 1)
		{
			*r = d;
			return MC_WC_OK;
		}
	}
}

/*
 * Reference add_working_days.  The fractional part is walked minute by
 * minute from morning_start when it is a whole number of minutes, else
 * session by session in usec.
 */
static WorkCalStatus
ref_days(const Naive *nv, WorkInstant t, int64_t milli, int64_t cutoff,
		 WorkInstant *out)
{
	int64_t		r;
	int64_t		d;
	int64_t		whole;
	int64_t		frac;
	int64_t		k;
	int64_t		cnt;
	int64_t		dl = nv_day_len(nv);
	WorkCalStatus st;

	if (milli < 0)
		return MC_WC_BAD_ARG;
	st = ref_receipt(nv, t, cutoff, &r);
	if (st != MC_WC_OK)
		return st;
	if (milli == 0)
	{
		*out = nv_norm(r, nv->h.afternoon_end);
		return MC_WC_OK;
	}
	whole = milli / 1000;
	frac = milli % 1000;
	k = whole + (frac > 0);
	d = r;
	for (cnt = 0; cnt < k;)
	{
		int			w = nv_working(nv, ++d);

		if (w < 0)
			return MC_WC_OUT_OF_RANGE;
		cnt += w;
	}
	if (frac == 0)
	{
		*out = nv_norm(d, nv->h.afternoon_end);
		return MC_WC_OK;
	}
	if (dl % MIN_US == 0 && (dl / MIN_US * frac) % 1000 == 0)
	{
		int64_t		remaining = dl / MIN_US * frac / 1000;
		int64_t		m = nv->h.morning_start / MIN_US;

		while (remaining > 0)
		{
			if (nv_office(nv, m * MIN_US))
				remaining--;
			m++;
		}
		*out = nv_norm(d, m * MIN_US);
	}
	else
	{
		int64_t		o = dl * frac / 1000;
		int64_t		avail = nv->h.morning_end - nv->h.morning_start;

		if (o <= avail)
			*out = nv_norm(d, nv->h.morning_start + o);
		else
			*out = nv_norm(d, nv->h.afternoon_start + (o - avail));
	}
	return MC_WC_OK;
}

/* Reference add_working_hours, minute by minute (minute-aligned input). */
static WorkCalStatus
ref_hours_min(const Naive *nv, WorkInstant s, int64_t usecs, WorkInstant *out)
{
	int64_t		d = s.day;
	int64_t		m = s.usec / MIN_US;
	int64_t		rem = usecs / MIN_US;

	if (usecs < 0 || s.usec < 0 || s.usec >= DAY_US)
		return MC_WC_BAD_ARG;
	if (usecs == 0)
	{
		*out = s;
		return MC_WC_OK;
	}
	for (;;)
	{
		int			w = nv_working(nv, d);

		if (w < 0)
			return MC_WC_OUT_OF_RANGE;
		if (w == 1 && nv_office(nv, m * MIN_US) && --rem == 0)
		{
			*out = nv_norm(d, (m + 1) * MIN_US);
			return MC_WC_OK;
		}
		if (++m == 1440)
		{
			m = 0;
			d++;
		}
	}
}

/* Reference add_working_hours, day by day and session by session, in usec. */
static WorkCalStatus
ref_hours_seg(const Naive *nv, WorkInstant s, int64_t usecs, WorkInstant *out)
{
	int64_t		d = s.day;
	int64_t		u = s.usec;
	int64_t		rem = usecs;

	if (usecs < 0 || s.usec < 0 || s.usec >= DAY_US)
		return MC_WC_BAD_ARG;
	if (usecs == 0)
	{
		*out = s;
		return MC_WC_OK;
	}
	for (;; d++, u = 0)
	{
		int			w = nv_working(nv, d);
		int64_t		ses[2][2] = {{nv->h.morning_start, nv->h.morning_end},
		{nv->h.afternoon_start, nv->h.afternoon_end}};
		int			i;

		if (w < 0)
			return MC_WC_OUT_OF_RANGE;
		if (w == 0)
			continue;
		for (i = 0; i < 2; i++)
		{
			int64_t		from;

			if (u >= ses[i][1])
				continue;
			from = u > ses[i][0] ? u : ses[i][0];
			if (rem <= ses[i][1] - from)
			{
				*out = nv_norm(d, from + rem);
				return MC_WC_OK;
			}
			rem -= ses[i][1] - from;
			u = ses[i][1];
		}
	}
}

/* Reference office time between, minute by minute (minute-aligned input). */
static WorkCalStatus
ref_between_min(const Naive *nv, WorkInstant a, WorkInstant b, int64_t *out)
{
	int64_t		sign = 1;
	int64_t		count = 0;
	int64_t		d;
	int64_t		m;

	if (nv_working(nv, a.day) < 0 || nv_working(nv, b.day) < 0)
		return MC_WC_OUT_OF_RANGE;
	if (cmp_instant(a, b) > 0)
	{
		WorkInstant tmp = a;

		a = b;
		b = tmp;
		sign = -1;
	}
	d = a.day;
	m = a.usec / MIN_US;
	while (d < b.day || (d == b.day && m * MIN_US < b.usec))
	{
		if (nv_working(nv, d) == 1 && nv_office(nv, m * MIN_US))
			count++;
		if (++m == 1440)
		{
			m = 0;
			d++;
		}
	}
	*out = sign * count * MIN_US;
	return MC_WC_OK;
}

/* Reference office time between, day by day in usec (a <= b). */
static int64_t
ref_between_seg_raw(const Naive *nv, WorkInstant a, WorkInstant b)
{
	int64_t		sum = 0;
	int64_t		d;

	for (d = a.day; d <= b.day; d++)
	{
		int64_t		ses[2][2] = {{nv->h.morning_start, nv->h.morning_end},
		{nv->h.afternoon_start, nv->h.afternoon_end}};
		int64_t		dlo = d == a.day ? a.usec : 0;
		int64_t		dhi = d == b.day ? b.usec : DAY_US;
		int			i;

		if (nv_working(nv, d) != 1)
			continue;
		for (i = 0; i < 2; i++)
		{
			int64_t		lo = dlo > ses[i][0] ? dlo : ses[i][0];
			int64_t		hi = dhi < ses[i][1] ? dhi : ses[i][1];

			if (hi > lo)
				sum += hi - lo;
		}
	}
	return sum;
}

static WorkCalStatus
ref_between_seg(const Naive *nv, WorkInstant a, WorkInstant b, int64_t *out)
{
	if (a.usec < 0 || a.usec >= DAY_US || b.usec < 0 || b.usec >= DAY_US)
		return MC_WC_BAD_ARG;
	if (nv_working(nv, a.day) < 0 || nv_working(nv, b.day) < 0)
		return MC_WC_OUT_OF_RANGE;
	if (cmp_instant(a, b) > 0)
		*out = -ref_between_seg_raw(nv, b, a);
	else
		*out = ref_between_seg_raw(nv, a, b);
	return MC_WC_OK;
}

static bool
in_some_stop(WorkInstant t, const WorkInterval *stops, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (cmp_instant(stops[i].start, t) <= 0 && cmp_instant(t, stops[i].end) < 0)
			return true;
	return false;
}

/* Reference clock-stop subtraction, minute by minute (minute-aligned). */
static WorkCalStatus
ref_excluding_min(const Naive *nv, WorkInstant a, WorkInstant b,
				  const WorkInterval *stops, int n, int64_t *out)
{
	int64_t		sign = 1;
	int64_t		count = 0;
	int64_t		d;
	int64_t		m;
	int			i;

	if (nv_working(nv, a.day) < 0 || nv_working(nv, b.day) < 0)
		return MC_WC_OUT_OF_RANGE;
	for (i = 0; i < n; i++)
		if (cmp_instant(stops[i].start, stops[i].end) > 0)
			return MC_WC_BAD_ARG;
	if (cmp_instant(a, b) > 0)
	{
		WorkInstant tmp = a;

		a = b;
		b = tmp;
		sign = -1;
	}
	d = a.day;
	m = a.usec / MIN_US;
	while (d < b.day || (d == b.day && m * MIN_US < b.usec))
	{
		if (nv_working(nv, d) == 1 && nv_office(nv, m * MIN_US) &&
			!in_some_stop(mk((int32_t) d, m * MIN_US), stops, n))
			count++;
		if (++m == 1440)
		{
			m = 0;
			d++;
		}
	}
	*out = sign * count * MIN_US;
	return MC_WC_OK;
}

static int
qsort_instant(const void *x, const void *y)
{
	return cmp_instant(*(const WorkInstant *) x, *(const WorkInstant *) y);
}

/*
 * Reference clock-stop subtraction in usec: cut [a, b] at every stop
 * boundary inside it, and sum the office time of the pieces whose start
 * lies in no stop.
 */
static WorkCalStatus
ref_excluding_seg(const Naive *nv, WorkInstant a, WorkInstant b,
				  const WorkInterval *stops, int n, int64_t *out)
{
	WorkInstant pts[2 + 2 * 16];
	int			npts = 0;
	int64_t		sign = 1;
	int64_t		sum = 0;
	int			i;

	if (n > 16)
		abort();
	if (nv_working(nv, a.day) < 0 || nv_working(nv, b.day) < 0)
		return MC_WC_OUT_OF_RANGE;
	for (i = 0; i < n; i++)
		if (cmp_instant(stops[i].start, stops[i].end) > 0)
			return MC_WC_BAD_ARG;
	if (cmp_instant(a, b) > 0)
	{
		WorkInstant tmp = a;

		a = b;
		b = tmp;
		sign = -1;
	}
	pts[npts++] = a;
	pts[npts++] = b;
	for (i = 0; i < n; i++)
	{
		if (cmp_instant(stops[i].start, a) > 0 && cmp_instant(stops[i].start, b) < 0)
			pts[npts++] = stops[i].start;
		if (cmp_instant(stops[i].end, a) > 0 && cmp_instant(stops[i].end, b) < 0)
			pts[npts++] = stops[i].end;
	}
	qsort(pts, (size_t) npts, sizeof(WorkInstant), qsort_instant);
	for (i = 0; i + 1 < npts; i++)
		if (!in_some_stop(pts[i], stops, n))
			sum += ref_between_seg_raw(nv, pts[i], pts[i + 1]);
	*out = sign * sum;
	return MC_WC_OK;
}

/* ----------------------------------------------------------------
 * Randomized cross-checks
 * ----------------------------------------------------------------
 */
static uint64_t rng_state = UINT64_C(0x9E3779B97F4A7C15);

static uint64_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

/* Uniform integer in [lo, hi]. */
static int64_t
rnd_range(int64_t lo, int64_t hi)
{
	return lo + (int64_t) (rnd() % (uint64_t) (hi - lo + 1));
}

typedef struct Scenario
{
	Naive		nv;
	WorkCalendar *cal;
	unsigned char *flags;
} Scenario;

#define NSCEN 48
#define NSCEN_MINUTE 40			/* the rest have hours off the minute grid */

static Scenario scen[NSCEN];

/* Office-hour configurations the random calendars draw from. */
static WorkHours
random_hours(void)
{
	switch (rnd() % 6)
	{
		case 0:
		case 1:
			return mc_workcal_default_hours();
		case 2:
			return hours_of(7, 30, 11, 30, 13, 0, 16, 30);
		case 3:
			return hours_of(8, 0, 12, 0, 12, 0, 16, 0);
		case 4:
			return hours_of(0, 0, 6, 0, 18, 0, 24, 0);
		default:
			return hours_of(8, 17, 11, 43, 13, 5, 17, 59);
	}
}

/*
 * Scenario 0 is the test calendar with default hours, 1 the same with
 * 07:30-16:30 hours; the rest are random calendars of random length
 * (crossing 64-day word boundaries), density and office hours.
 */
static void
make_scenarios(const unsigned char *test_w, int32_t test_first, int test_ndays)
{
	int			i;
	int			k;

	for (i = 0; i < NSCEN; i++)
	{
		Scenario   *sc = &scen[i];

		if (i < 2)
		{
			sc->nv.first = test_first;
			sc->nv.ndays = test_ndays;
			sc->flags = malloc((size_t) test_ndays);
			memcpy(sc->flags, test_w, (size_t) test_ndays);
			sc->nv.h = i == 0 ? mc_workcal_default_hours() :
				hours_of(7, 30, 11, 30, 13, 0, 16, 30);
		}
		else
		{
			int			density = (int) rnd_range(0, 100);

			if (i % 8 == 2)
				density = 100;
			else if (i % 8 == 3)
				density = 15;
			sc->nv.first = (int32_t) rnd_range(-20000, 20000);
			sc->nv.ndays = (int) (i % 5 == 0 ? 64 * rnd_range(1, 6) : rnd_range(1, 500));
			sc->flags = malloc((size_t) sc->nv.ndays);
			for (k = 0; k < sc->nv.ndays; k++)
				sc->flags[k] = rnd_range(1, 100) <= density;
			sc->nv.h = random_hours();
			if (i >= NSCEN_MINUTE)
			{
				sc->nv.h.morning_start += rnd_range(0, 999999);
				sc->nv.h.morning_end -= rnd_range(0, 999999);
				sc->nv.h.afternoon_start += rnd_range(0, 999999);
				sc->nv.h.afternoon_end -= rnd_range(0, 999999);
			}
		}
		sc->nv.w = sc->flags;
		sc->cal = build_or_die(sc->nv.first, sc->nv.ndays, sc->flags, &sc->nv.h);
	}
}

static void
free_scenarios(void)
{
	int			i;

	for (i = 0; i < NSCEN; i++)
	{
		free(scen[i].cal);
		free(scen[i].flags);
	}
}

/*
 * Scenarios 0 and 1 get half of the random cases.  Minute-by-minute
 * references only get calendars whose hours are on the minute grid.
 */
static const Scenario *
pick_scenario(bool minute)
{
	if (rnd() % 2 == 0)
		return &scen[rnd() % 2];
	return &scen[rnd() % (minute ? NSCEN_MINUTE : NSCEN)];
}

/* A day near the scenario's range, occasionally just outside it. */
static int32_t
rnd_day(const Naive *nv)
{
	if (rnd() % 20 == 0)
		return (int32_t) (rnd() % 2 ? nv->first - rnd_range(1, 3) :
						  nv->first + nv->ndays - 1 + rnd_range(1, 3));
	return (int32_t) (nv->first + rnd_range(0, nv->ndays - 1));
}

/* A time of day, often on or next to a session boundary. */
static int64_t
rnd_usec(const Naive *nv, bool minute)
{
	int64_t		v;

	if (rnd() % 3 == 0)
	{
		int64_t		pts[5] = {nv->h.morning_start, nv->h.morning_end,
			nv->h.afternoon_start, nv->h.afternoon_end, HM(15, 0)};
		int64_t		delta[5] = {0, MIN_US, -MIN_US, 1, -1};

		v = pts[rnd() % 5];
		v += delta[rnd() % (minute ? 3 : 5)];
		if (v < 0)
			v = 0;
		if (v >= DAY_US)
			v = DAY_US - MIN_US;
		return v;
	}
	if (minute)
		return rnd_range(0, 1439) * MIN_US;
	return rnd_range(0, DAY_US - 1);
}

/* A random instant; the two draws are sequenced so runs are reproducible. */
static WorkInstant
rnd_instant(const Naive *nv, bool minute)
{
	WorkInstant x;

	x.day = rnd_day(nv);
	x.usec = rnd_usec(nv, minute);
	return x;
}

/* Step of fractions (in thousandths) that give whole minutes. */
static int64_t
minute_frac_step(const Naive *nv)
{
	int64_t		a = 1000;
	int64_t		b = nv_day_len(nv) / MIN_US;

	while (b != 0)
	{
		int64_t		t = a % b;

		a = b;
		b = t;
	}
	return 1000 / a;
}

static bool
report_instant_mismatch(int *shown, const char *what, const Naive *nv,
						WorkCalStatus st, WorkInstant got,
						WorkCalStatus rst, WorkInstant exp)
{
	if (st == rst && (st != MC_WC_OK || same_instant(got, exp)))
		return true;
	if ((*shown)++ < 5)
	{
		diag("%s (calendar first %d, ndays %d)", what, (int) nv->first, nv->ndays);
		diag("  engine %s %s, reference %s %s", st_name(st),
			 st == MC_WC_OK ? fmt_instant(got) : "",
			 st_name(rst), rst == MC_WC_OK ? fmt_instant(exp) : "");
	}
	return false;
}

static void
random_days(int ncases, bool minute)
{
	int			bad = 0;
	int			shown = 0;
	int			nok = 0;
	int			i;

	for (i = 0; i < ncases; i++)
	{
		const Scenario *sc = pick_scenario(minute);
		const Naive *nv = &sc->nv;
		WorkInstant t = rnd_instant(nv, minute);
		int64_t		whole = rnd() % 4 == 0 ? 0 : rnd_range(0, 25);
		int64_t		frac = 0;
		int64_t		milli;
		int64_t		cutoff;
		WorkInstant got = mk(0, 0);
		WorkInstant exp = mk(0, 0);
		WorkCalStatus st;
		WorkCalStatus rst;
		char		what[200];

		if (rnd() % 2)
		{
			int64_t		step = minute ? minute_frac_step(nv) : 1;

			frac = step * rnd_range(1, (999 / step));
		}
		milli = whole * 1000 + frac;
		if (rnd() % 100 == 0)
			milli = -rnd_range(1, 5000);
		switch (rnd() % 6)
		{
			case 0:
			case 1:
				cutoff = MC_WORKCAL_NO_CUTOFF;
				break;
			case 2:
				cutoff = HM(15, 0);
				break;
			case 3:
				cutoff = nv->h.morning_start + (rnd() % 2 ? 0 : MIN_US);
				break;
			default:
				cutoff = minute ? rnd_range(0, 1439) * MIN_US : rnd_range(0, DAY_US - 1);
				break;
		}
		st = mc_workcal_add_working_days(sc->cal, t, milli, cutoff, &got);
		rst = ref_days(nv, t, milli, cutoff, &exp);
		nok += st == MC_WC_OK;
		snprintf(what, sizeof(what), "received %s + %lld/1000 days, cutoff %lld",
				 fmt_instant(t), (long long) milli, (long long) cutoff);
		if (!report_instant_mismatch(&shown, what, nv, st, got, rst, exp))
			bad++;
	}
	if (bad)
		diag("%d of %d cases differ", bad, ncases);
	check(bad == 0 && nok > ncases / 2,
		  "random: %d add_working_days cases agree with the day-by-day%s reference (%d in range)",
		  ncases, minute ? "/minute-by-minute" : "", nok);
}

static void
random_hours_check(int ncases, bool minute)
{
	int			bad = 0;
	int			bad_receipt = 0;
	int			shown = 0;
	int			nok = 0;
	int			nok_receipt = 0;
	int			i;

	for (i = 0; i < ncases; i++)
	{
		const Scenario *sc = pick_scenario(minute);
		const Naive *nv = &sc->nv;
		WorkInstant s = rnd_instant(nv, minute);
		int64_t		dl = nv_day_len(nv);
		int64_t		usecs;
		int64_t		cutoff;
		int64_t		rday = 0;
		WorkInstant got = mk(0, 0);
		WorkInstant exp = mk(0, 0);
		WorkCalStatus st;
		WorkCalStatus rst;
		char		what[200];

		switch (rnd() % 5)
		{
			case 0:
				/* whole days and exact sessions */
				usecs = rnd_range(0, 12) * dl;
				if (rnd() % 2)
					usecs += nv->h.morning_end - nv->h.morning_start;
				break;
			case 1:
				usecs = rnd_range(0, 3 * dl / MIN_US) * MIN_US;
				break;
			default:
				usecs = minute ? rnd_range(0, 12 * dl / MIN_US) * MIN_US :
					rnd_range(0, 12 * dl);
				break;
		}
		if (rnd() % 100 == 0)
			usecs = -rnd_range(1, HOUR_US);
		st = mc_workcal_add_working_hours(sc->cal, s, usecs, &got);
		rst = minute ? ref_hours_min(nv, s, usecs, &exp) :
			ref_hours_seg(nv, s, usecs, &exp);
		nok += st == MC_WC_OK;
		snprintf(what, sizeof(what), "start %s + %lld usec", fmt_instant(s),
				 (long long) usecs);
		if (!report_instant_mismatch(&shown, what, nv, st, got, rst, exp))
			bad++;

		/*
		 * The same limit counted from a receipt at s: the reference finds
		 * the receipt day first and starts at its opening when it is a
		 * later day.
		 */
		cutoff = rnd() % 3 == 0 ? MC_WORKCAL_NO_CUTOFF :
			(minute ? rnd_range(0, 1439) * MIN_US : rnd_range(0, DAY_US - 1));
		st = mc_workcal_add_working_hours_from_receipt(sc->cal, s, usecs, cutoff, &got);
		if (usecs < 0)
			rst = MC_WC_BAD_ARG;
		else if ((rst = ref_receipt(nv, s, cutoff, &rday)) == MC_WC_OK)
		{
			WorkInstant start = rday == s.day ? s : mk((int32_t) rday, nv->h.morning_start);

			rst = minute ? ref_hours_min(nv, start, usecs, &exp) :
				ref_hours_seg(nv, start, usecs, &exp);
		}
		nok_receipt += st == MC_WC_OK;
		snprintf(what, sizeof(what), "received %s + %lld usec, cutoff %lld", fmt_instant(s),
				 (long long) usecs, (long long) cutoff);
		if (!report_instant_mismatch(&shown, what, nv, st, got, rst, exp))
			bad_receipt++;
	}
	if (bad)
		diag("%d of %d cases differ", bad, ncases);
	check(bad == 0 && nok > ncases / 2,
		  "random: %d add_working_hours cases agree with the %s reference (%d in range)",
		  ncases, minute ? "minute-by-minute" : "day-by-day usec", nok);
	if (bad_receipt)
		diag("%d of %d cases differ", bad_receipt, ncases);
	check(bad_receipt == 0 && nok_receipt > ncases / 2,
		  "random: %d add_working_hours_from_receipt cases agree with the %s reference (%d in range)",
		  ncases, minute ? "minute-by-minute" : "day-by-day usec", nok_receipt);
}

/* b within a few weeks of a, either side. */
static WorkInstant
rnd_instant_near(const Naive *nv, WorkInstant a, bool minute)
{
	WorkInstant b;

	b.day = (int32_t) (a.day + rnd_range(-30, 30));
	if (rnd() % 10 == 0)
		b.day = a.day;
	if (rnd() % 10 != 0 && nv_working(nv, b.day) < 0)
		b.day = rnd_day(nv);
	b.usec = rnd_usec(nv, minute);
	return b;
}

static void
random_between(int ncases, bool minute)
{
	int			bad = 0;
	int			shown = 0;
	int			nok = 0;
	int			i;

	for (i = 0; i < ncases; i++)
	{
		const Scenario *sc = pick_scenario(minute);
		const Naive *nv = &sc->nv;
		WorkInstant a = rnd_instant(nv, minute);
		WorkInstant b = rnd_instant_near(nv, a, minute);
		int64_t		got = 0;
		int64_t		exp = 0;
		WorkCalStatus st;
		WorkCalStatus rst;

		st = mc_workcal_working_time_between(sc->cal, a, b, &got);
		rst = minute ? ref_between_min(nv, a, b, &exp) : ref_between_seg(nv, a, b, &exp);
		nok += st == MC_WC_OK;
		if (st != rst || (st == MC_WC_OK && got != exp))
		{
			bad++;
			if (shown++ < 5)
				diag("%s .. %s: engine %s %lld, reference %s %lld",
					 fmt_instant(a), fmt_instant(b), st_name(st), (long long) got,
					 st_name(rst), (long long) exp);
		}
	}
	if (bad)
		diag("%d of %d cases differ", bad, ncases);
	check(bad == 0 && nok > ncases / 2,
		  "random: %d working_time_between cases agree with the %s reference (%d in range)",
		  ncases, minute ? "minute-by-minute" : "day-by-day usec", nok);
}

static void
random_excluding(int ncases, bool minute)
{
	int			bad = 0;
	int			shown = 0;
	int			nok = 0;
	int			i;

	for (i = 0; i < ncases; i++)
	{
		const Scenario *sc = pick_scenario(minute);
		const Naive *nv = &sc->nv;
		WorkInstant a = rnd_instant(nv, minute);
		WorkInstant b = rnd_instant_near(nv, a, minute);
		WorkInterval stops[12];
		WorkInterval scratch[12];
		WorkInstant lo = cmp_instant(a, b) < 0 ? a : b;
		WorkInstant hi = cmp_instant(a, b) < 0 ? b : a;
		int			n = (int) rnd_range(0, 12);
		int64_t		got = 0;
		int64_t		exp = 0;
		WorkCalStatus st;
		WorkCalStatus rst;
		int			k;

		for (k = 0; k < n; k++)
		{
			WorkInstant s;
			WorkInstant e;

			if (k > 0 && rnd() % 6 == 0)
			{
				stops[k] = stops[rnd() % k];	/* duplicate */
				continue;
			}
			s.day = (int32_t) rnd_range((int64_t) lo.day - 3, (int64_t) hi.day + 3);
			if (rnd() % 15 == 0)
				s.day = (int32_t) (nv->first - rnd_range(5, 100));	/* before range */
			s.usec = rnd_usec(nv, minute);
			e.day = (int32_t) (s.day + (rnd() % 3 == 0 ? 0 : rnd_range(0, 4)));
			e.usec = rnd_usec(nv, minute);
			if (rnd() % 10 == 0)
				e = s;			/* empty */
			if (cmp_instant(s, e) > 0)
			{
				WorkInstant t = s;

				s = e;
				e = t;
			}
			if (rnd() % 200 == 0)
			{
				WorkInstant t = s;	/* backwards: must be rejected */

				s = e;
				e = t;
			}
			stops[k] = iv(s, e);
		}
		st = mc_workcal_working_time_excluding(sc->cal, a, b, stops, n, scratch, &got);
		rst = minute ? ref_excluding_min(nv, a, b, stops, n, &exp) :
			ref_excluding_seg(nv, a, b, stops, n, &exp);
		nok += st == MC_WC_OK;
		if (st != rst || (st == MC_WC_OK && got != exp))
		{
			bad++;
			if (shown++ < 5)
				diag("%s .. %s with %d stops: engine %s %lld, reference %s %lld",
					 fmt_instant(a), fmt_instant(b), n, st_name(st),
					 (long long) got, st_name(rst), (long long) exp);
		}
	}
	if (bad)
		diag("%d of %d cases differ", bad, ncases);
	check(bad == 0 && nok > ncases / 2,
		  "random: %d working_time_excluding cases agree with the %s reference (%d in range)",
		  ncases, minute ? "minute-by-minute" : "piecewise usec", nok);
}

/*
 * Exhaustive check of is_working, count, nth_after and next_working on
 * every random calendar, for every day in and around its range.
 */
static void
random_day_queries(void)
{
	int			bad[4] = {0, 0, 0, 0};
	int			s;

	for (s = 0; s < NSCEN; s++)
	{
		const Naive *nv = &scen[s].nv;
		const WorkCalendar *cal = scen[s].cal;
		int64_t		day;

		for (day = (int64_t) nv->first - 2; day <= (int64_t) nv->first + nv->ndays + 1; day++)
		{
			int			w = nv_working(nv, day);
			bool		bw = false;
			int32_t		got = 0;
			int			cnt = 0;
			WorkCalStatus st;
			int64_t		d;
			int64_t		to;
			int			n;
			int			rn;
			int			ns[4];
			int			j;

			/* is_working */
			st = mc_workcal_is_working(cal, (int32_t) day, &bw);
			if (w < 0 ? st != MC_WC_OUT_OF_RANGE : (st != MC_WC_OK || bw != (w == 1)))
				bad[0]++;

			/* next_working */
			st = mc_workcal_next_working(cal, (int32_t) day, &got);
			for (d = day; nv_working(nv, d) == 0; d++)
				;
			if ((w < 0 || nv_working(nv, d) < 0) ? st != MC_WC_OUT_OF_RANGE :
				(st != MC_WC_OK || got != d))
				bad[1]++;

			/* nth_after for small n, a random n and beyond the end */
			ns[0] = 1;
			ns[1] = 2;
			ns[2] = (int) rnd_range(1, nv->ndays + 2);
			ns[3] = (int) rnd_range(-1, 0);
			for (j = 0; j < 4; j++)
			{
				n = ns[j];
				st = mc_workcal_nth_after(cal, (int32_t) day, n, &got);
				if (n < 1)
				{
					if (st != MC_WC_BAD_ARG)
						bad[2]++;
					continue;
				}
				d = day;
				rn = 0;
				if (w >= 0)
				{
					while (rn < n)
					{
						int			x = nv_working(nv, ++d);

						if (x < 0)
							break;
						rn += x;
					}
				}
				if ((w < 0 || rn < n) ? st != MC_WC_OUT_OF_RANGE :
					(st != MC_WC_OK || got != d))
					bad[2]++;
			}

			/* count against a random other day */
			to = (int64_t) nv->first + rnd_range(-2, nv->ndays + 1);
			st = mc_workcal_count(cal, (int32_t) day, (int32_t) to, &n);
			for (d = day; d <= to; d++)
				cnt += nv_working(nv, d) == 1;
			if ((w < 0 || nv_working(nv, to) < 0) ? st != MC_WC_OUT_OF_RANGE :
				(st != MC_WC_OK || n != cnt))
				bad[3]++;
		}
	}
	check(bad[0] == 0, "random calendars: is_working matches the flags on every day (%d bad)", bad[0]);
	check(bad[1] == 0, "random calendars: next_working matches a linear scan (%d bad)", bad[1]);
	check(bad[2] == 0, "random calendars: nth_after matches a linear scan (%d bad)", bad[2]);
	check(bad[3] == 0, "random calendars: count matches a linear scan (%d bad)", bad[3]);
}

/*
 * A 20-million-day calendar (about 55,000 years) of Monday-Friday weeks:
 * far queries take the binary search deep and positions near 2^60 usec,
 * and the answers have closed forms.
 */
static void
test_large_calendar(void)
{
	int			ndays = 20000000;
	int32_t		first = -10000000;
	unsigned char *w = malloc((size_t) ndays);
	WorkCalendar *cal;
	int32_t		fri;
	int32_t		got = 0;
	WorkInstant out = mk(0, 0);
	int64_t		t = 0;
	int			i;
	bool		ok = true;
	int			n;

	for (i = 0; i < ndays; i++)
	{
		int			dow = mc_day_of_week(first + i);

		w[i] = dow != 0 && dow != 6;
	}
	cal = build_or_die(first, ndays, w, NULL);
	fri = first;
	while (mc_day_of_week(fri) != 5)
		fri++;
	for (i = 0; i < 2000 && ok; i++)
	{
		n = (int) rnd_range(1, 14000000);
		ok = mc_workcal_nth_after(cal, fri, n, &got) == MC_WC_OK &&
			got == fri + 3 + (n - 1) / 5 * 7 + (n - 1) % 5;
		if (!ok)
			diag("nth_after(Fri %d, %d) = %d", (int) fri, n, (int) got);
	}
	check(ok, "large calendar: 2000 far nth_after queries match the closed form");

	ok = true;
	for (i = 0; i < 2000 && ok; i++)
	{
		n = (int) rnd_range(1, 14000000);
		ok = mc_workcal_add_working_hours(cal, mk(fri, HM(17, 0)),
										  (int64_t) n * 8 * HOUR_US - HOUR_US, &out) == MC_WC_OK &&
			out.day == fri + 3 + (n - 1) / 5 * 7 + (n - 1) % 5 && out.usec == HM(16, 0);
		ok = ok && mc_workcal_add_working_days(cal, mk(fri, HM(9, 0)), (int64_t) n * 1000 + 500,
											   -1, &out) == MC_WC_OK &&
			out.day == fri + 3 + n / 5 * 7 + n % 5 && out.usec == HM(12, 0);
	}
	check(ok, "large calendar: 2000 far add_working_hours/days queries match the closed form");

	check(mc_workcal_working_time_between(cal, mk(first, 0), mk(first + ndays - 1, HM(23, 0)),
										  &t) == MC_WC_OK &&
		  t == (int64_t) cal->nworking * 8 * HOUR_US &&
		  mc_workcal_count(cal, first, first + ndays - 1, &n) == MC_WC_OK && n == cal->nworking,
		  "large calendar: office time over the whole range is nworking * 8h");
	free(cal);
	free(w);
}

/* ----------------------------------------------------------------
 * Benchmark
 * ----------------------------------------------------------------
 */
static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
run_bench(void)
{
	int32_t		first = D(2024, 1, 1);
	int			ndays = D(2026, 12, 31) - first + 1;
	unsigned char *w = test_flags(first, ndays);
	WorkCalendar *cal = build_or_die(first, ndays, w, NULL);
	WorkInstant in[1024];
	int64_t		milli[1024];
	int64_t		sum = 0;
	long		calls = 10000000;
	long		fails = 0;
	long		i;
	double		t0;
	double		t1;

	for (i = 0; i < 1024; i++)
	{
		in[i].day = first + (int32_t) rnd_range(0, 730);
		in[i].usec = rnd_range(0, DAY_US - 1);
		milli[i] = rnd_range(0, 60) * 500;
	}
	t0 = now_seconds();
	for (i = 0; i < calls; i++)
	{
		WorkInstant out;

		if (mc_workcal_add_working_days(cal, in[i & 1023], milli[i & 1023],
										(i & 1) ? HM(15, 0) : -1, &out) == MC_WC_OK)
			sum += out.day + out.usec;
		else
			fails++;
	}
	t1 = now_seconds();
	printf("bench: %ld add_working_days calls in %.3f s = %.0f calls/s (%.1f ns/call; checksum %lld, %ld errors)\n",
		   calls, t1 - t0, calls / (t1 - t0), (t1 - t0) * 1e9 / calls,
		   (long long) sum, fails);
	free(cal);
	free(w);
	return 0;
}

int
main(int argc, char **argv)
{
	int32_t		first = D(2024, 1, 1);
	int			ndays = D(2026, 12, 31) - first + 1;
	unsigned char *w;
	WorkCalendar *cal;
	bool		bench = false;
	int			i;
	int			failed;

	for (i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--bench") == 0)
			bench = true;
		else
			rng_state = strtoull(argv[i], NULL, 0) | 1;
	}
	if (bench)
		return run_bench();

	w = test_flags(first, ndays);
	cal = build_or_die(first, ndays, w, NULL);

	test_daynum();
	test_build();
	test_calendar_queries(cal);
	test_receipt_and_days(cal);
	test_hours(cal);
	test_between(cal);
	test_other_hours(w, first, ndays);
	test_small_calendars();

	make_scenarios(w, first, ndays);
	random_day_queries();
	random_days(10000, true);
	random_days(10000, false);
	random_hours_check(10000, true);
	random_hours_check(10000, false);
	random_between(10000, true);
	random_between(10000, false);
	random_excluding(5000, true);
	random_excluding(5000, false);
	free_scenarios();
	test_large_calendar();

	free(cal);
	free(w);
	failed = print_results();
	return failed ? 1 : 0;
}

/*-------------------------------------------------------------------------
 *
 * lunar.c
 *	  The Vietnamese lunisolar calendar, computed rather than tabulated.
 *
 * This follows the published astronomical method of Hồ Ngọc Đức:
 *
 *	- a lunar month starts on the local calendar day of a new moon; new
 *	  moon instants come from the series in Meeus' "Astronomical
 *	  Algorithms" (with its rough Delta T), numbered by k, the count of
 *	  lunations since the new moon of 1900-01-01;
 *	- a month "holds" a major solar term (zhongqi) when the sun's apparent
 *	  longitude crosses a multiple of 30 degrees between local midnight
 *	  starting its first day and local midnight starting the next month;
 *	- month 11 is the month holding the winter solstice (270 degrees);
 *	- when 13 months lie between two month-11s, the first of them that
 *	  holds no major term is a leap month, numbered like the month before
 *	  it.
 *
 * Everything is measured in local time of a time zone given in hours:
 * 7.0 (UTC+7) is the Vietnamese calendar, 8.0 gives the Chinese one, and
 * the two differ in a few years (1968, 1985, 2007, ...).
 *
 * The stretch between one month 11 and the next we call a "span"; span S
 * starts with month 11 of lunar year S (late in solar year S) and ends
 * before month 11 of lunar year S + 1.  A span's month starts and leap
 * month are computed once and kept in a small static cache, so a
 * conversion is a few table look-ups.  The cache is not thread safe,
 * which is fine for a PostgreSQL backend.
 *
 *-------------------------------------------------------------------------
 */
#include "lunar.h"

#include <math.h>
#include <stdio.h>

/* Approximate Julian date of new moon number 0 (1900-01-01 13:51 UT). */
#define NEW_MOON_0_JD		2415021.076998695

/* Mean length of a synodic month in days, to guess a new moon's number. */
#define SYNODIC_MONTH		29.530588853

/* Julian day number of 1900-01-01, the origin of the month-11 guess. */
#define JDN_1900_01_01		2415021L

/* Julian day number of 0000-03-01 in the proleptic Gregorian calendar. */
#define JDN_0000_03_01		1721120L

/*
 * Bounds for mc_ymd_from_jdn's input, about +-2.1 billion years, so the
 * resulting year always fits in an int.
 */
#define JDN_LIMIT			780000000000LL

#ifndef M_PI
#define M_PI				3.14159265358979323846
#endif

#define DEG_TO_RAD			(M_PI / 180.0)

/* Spans cached: lunar years 1900..2199 need spans 1899..2199. */
#define SPAN_FIRST			(MC_LUNAR_MIN_YEAR - 1)
#define SPAN_LAST			MC_LUNAR_MAX_YEAR
#define SPAN_COUNT			(SPAN_LAST - SPAN_FIRST + 1)

/* Two cache ways per span, so alternating time zones don't thrash. */
#define SPAN_WAYS			2

typedef struct LunarSpan
{
	bool		valid;
	double		tz;				/* time zone it was computed for */
	int			nmonths;		/* 12 or 13 */
	int			leapoff;		/* index of the leap month, 0 if none */
	long		start[14];		/* JDN of each month's first day; start[nmonths]
								 * is the first day of the next month 11 */
} LunarSpan;

static LunarSpan span_cache[SPAN_COUNT][SPAN_WAYS];
static unsigned char span_victim[SPAN_COUNT];

/*
 * floor_div is integer division rounding toward minus infinity, which the
 * calendar arithmetic needs for dates before year 0.
 */
static long long
floor_div(long long a, long long b)
{
	long long	q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/*
 * mc_jdn_from_ymd returns the Julian day number (day 0 is 24 November
 * 4714 BC, astronomical year -4713) of a proleptic Gregorian date.  It
 * counts in 400-year eras with the year starting in March, so February's
 * leap day comes last.  The date is not validated; arithmetic is done in
 * 64 bits so no int input can overflow.
 */
long
mc_jdn_from_ymd(int year, int month, int day)
{
	long long	m = month;
	long long	y = (long long) year + floor_div(m - 3, 12);
	long long	mp = m - 3 - 12 * floor_div(m - 3, 12);	/* 0 = March */
	long long	era = floor_div(y, 400);
	long long	yoe = y - era * 400;
	long long	doy = (153 * mp + 2) / 5 + (long long) day - 1;
	long long	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (long) (era * 146097 + doe + JDN_0000_03_01);
}

/*
 * mc_ymd_from_jdn is the inverse of mc_jdn_from_ymd.  Day numbers beyond
 * about two billion years either way are clamped so the year fits an int.
 */
void
mc_ymd_from_jdn(long jdn, int *year, int *month, int *day)
{
	long long	j = jdn;
	long long	z,
				era,
				doe,
				yoe,
				doy,
				mp,
				m;

	if (j > JDN_LIMIT)
		j = JDN_LIMIT;
	if (j < -JDN_LIMIT)
		j = -JDN_LIMIT;

	z = j - JDN_0000_03_01;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp < 10 ? mp + 3 : mp - 9;

	*day = (int) (doy - (153 * mp + 2) / 5 + 1);
	*month = (int) m;
	*year = (int) (yoe + era * 400 + (m <= 2));
}

/*
 * days_in_month gives the length of a Gregorian month, or 0 for a month
 * number outside 1..12.
 */
static int
days_in_month(int year, int month)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 &&
		((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return len[month - 1];
}

/*
 * tz_ok accepts a finite time zone within MC_LUNAR_TZ_MIN..MAX hours;
 * NaN fails both comparisons.
 */
static bool
tz_ok(double tz)
{
	return tz >= MC_LUNAR_TZ_MIN && tz <= MC_LUNAR_TZ_MAX;
}

/*
 * new_moon_jd returns the instant (Julian date, UT) of new moon number k,
 * by Meeus' mean-phase formula plus the periodic corrections for the sun
 * and moon's anomalies and the moon's argument of latitude, less a
 * polynomial estimate of Delta T.
 */
static double
new_moon_jd(long k)
{
	double		t = (double) k / 1236.85;	/* Julian centuries from 1900 */
	double		t2 = t * t;
	double		t3 = t2 * t;
	double		mean,
				m,
				mpr,
				f,
				c,
				delta_t;

	mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
		+ 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG_TO_RAD);

	/* sun's mean anomaly, moon's mean anomaly, moon's argument of latitude */
	m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3)
		* DEG_TO_RAD;
	mpr = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3)
		* DEG_TO_RAD;
	f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3)
		* DEG_TO_RAD;

	c = (0.1734 - 0.000393 * t) * sin(m)
		+ 0.0021 * sin(2 * m)
		- 0.4068 * sin(mpr)
		+ 0.0161 * sin(2 * mpr)
		- 0.0004 * sin(3 * mpr)
		+ 0.0104 * sin(2 * f)
		- 0.0051 * sin(m + mpr)
		- 0.0074 * sin(m - mpr)
		+ 0.0004 * sin(2 * f + m)
		- 0.0004 * sin(2 * f - m)
		- 0.0006 * sin(2 * f + mpr)
		+ 0.0010 * sin(2 * f - mpr)
		+ 0.0005 * sin(2 * mpr + m);

	/* Delta T (TD - UT) in days */
	if (t < -11)
		delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2
			- 0.00000845 * t3 - 0.000000081 * t * t3;
	else
		delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;

	return mean + c - delta_t;
}

/*
 * new_moon_day returns the Julian day number of the local calendar day
 * (in time zone tz) on which new moon number k falls.
 */
static long
new_moon_day(long k, double tz)
{
	return (long) floor(new_moon_jd(k) + 0.5 + tz / 24.0);
}

/*
 * sun_term returns which 30-degree sector (0..11, 0 starting at the March
 * equinox) the sun's apparent longitude is in at local midnight starting
 * day jdn.  The longitude is the geometric mean longitude plus the
 * equation of the centre, both from Meeus, referred to J2000.  A month
 * holds no major term exactly when its first day and the next month's
 * first day give the same sector.
 */
static int
sun_term(long jdn, double tz)
{
	double		jd = (double) jdn - 0.5 - tz / 24.0;
	double		t = (jd - 2451545.0) / 36525.0;	/* centuries from J2000 */
	double		t2 = t * t;
	double		m,
				l0,
				c,
				l;
	int			sector;

	m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2)
		* DEG_TO_RAD;
	l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
	c = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(m)
		+ (0.019993 - 0.000101 * t) * sin(2 * m)
		+ 0.000290 * sin(3 * m);
	l = fmod(l0 + c, 360.0);
	if (l < 0)
		l += 360.0;
	sector = (int) (l / 30.0);
	return sector > 11 ? 11 : sector;
}

/*
 * month11_k returns the number k of the new moon that starts month 11 of
 * the lunar year ending near the end of solar year `year`: the month
 * holding the winter solstice.  We guess the last new moon on or before
 * 31 December from the mean synodic month; if the sun has already passed
 * 270 degrees on that day the solstice fell in the month before.
 */
static long
month11_k(int year, double tz)
{
	double		off = (double) (mc_jdn_from_ymd(year, 12, 31) - JDN_1900_01_01);
	long		k = (long) floor(off / SYNODIC_MONTH);

	if (sun_term(new_moon_day(k, tz), tz) >= 9)
		k--;
	return k;
}

/*
 * compute_span fills in span `s` (month 11 of solar year s up to the next
 * month 11) for time zone tz: the first day of each month, and, when there
 * are 13 months, which one is the leap month.
 */
static void
compute_span(int s, double tz, LunarSpan *span)
{
	long		k0 = month11_k(s, tz);
	long		k1 = month11_k(s + 1, tz);
	int			n = (int) (k1 - k0);
	int			i;

	/*
	 * Two winter solstices are always 12 or 13 new moons apart; clamp
	 * anyway so a surprise can never overrun start[].
	 */
	if (n < 12)
		n = 12;
	if (n > 13)
		n = 13;

	for (i = 0; i <= n; i++)
		span->start[i] = new_moon_day(k0 + i, tz);

	span->leapoff = 0;
	if (n == 13)
	{
		int			prev = sun_term(span->start[1], tz);

		/* month 0 holds the solstice, so it is never the leap month */
		for (i = 1; i < 13; i++)
		{
			int			next = sun_term(span->start[i + 1], tz);

			if (next == prev)
			{
				span->leapoff = i;
				break;
			}
			prev = next;
		}
	}
	span->nmonths = n;
	span->tz = tz;
	span->valid = true;
}

/*
 * get_span returns span s for time zone tz from the cache, computing it on
 * a miss.  s must be within SPAN_FIRST..SPAN_LAST (callers check years);
 * NULL is returned otherwise.
 */
static const LunarSpan *
get_span(int s, double tz)
{
	LunarSpan  *ways;
	int			idx,
				w;

	if (s < SPAN_FIRST || s > SPAN_LAST)
		return NULL;
	idx = s - SPAN_FIRST;
	ways = span_cache[idx];
	for (w = 0; w < SPAN_WAYS; w++)
	{
		if (ways[w].valid && ways[w].tz == tz)
			return &ways[w];
	}
	w = span_victim[idx];
	span_victim[idx] = (unsigned char) ((w + 1) % SPAN_WAYS);
	compute_span(s, tz, &ways[w]);
	return &ways[w];
}

/*
 * span_month_label names month number i of span s: its lunar year, month
 * number and leap flag.  Months before the leap month count up from 11;
 * the leap month repeats the number before it, and later months are one
 * behind.  Months past 12 belong to the next lunar year.
 */
static void
span_month_label(const LunarSpan *span, int s, int i,
				 int *lyear, int *lmonth, bool *leap)
{
	int			raw;

	if (span->leapoff == 0 || i < span->leapoff)
	{
		raw = 11 + i;
		*leap = false;
	}
	else
	{
		raw = 10 + i;
		*leap = (i == span->leapoff);
	}
	if (raw > 12)
	{
		*lmonth = raw - 12;
		*lyear = s + 1;
	}
	else
	{
		*lmonth = raw;
		*lyear = s;
	}
}

/*
 * leap_month_of returns the leap month number (1..12) of lunar year lyear,
 * which must be in range, or 0.  A leap month 1..10 lies in span lyear - 1;
 * a leap 11 or 12 lies in span lyear.
 */
static int
leap_month_of(int lyear, double tz)
{
	const LunarSpan *span = get_span(lyear - 1, tz);

	if (span != NULL && span->leapoff >= 3)
		return span->leapoff - 2;
	span = get_span(lyear, tz);
	if (span != NULL && span->leapoff >= 1 && span->leapoff <= 2)
		return span->leapoff + 10;
	return 0;
}

/*
 * locate_month finds lunar month (lyear, lmonth, leap) as a span and an
 * index into it.  Year, month and tz must already be validated.  Returns
 * false if a leap month was asked for that the year does not have.
 */
static bool
locate_month(int lyear, int lmonth, bool leap, double tz,
			 const LunarSpan **spanp, int *index)
{
	int			s = lmonth >= 11 ? lyear : lyear - 1;
	int			base = lmonth >= 11 ? lmonth - 11 : lmonth + 1;
	const LunarSpan *span = get_span(s, tz);

	if (span == NULL)
		return false;
	if (leap)
	{
		if (span->leapoff == 0 || span->leapoff != base + 1)
			return false;
		*index = base + 1;
	}
	else if (span->leapoff != 0 && base >= span->leapoff)
		*index = base + 1;
	else
		*index = base;
	*spanp = span;
	return true;
}

/*
 * mc_solar_to_lunar converts a Gregorian date to the lunar calendar of
 * time zone tz.  The date falls in the span of its own year if it is on
 * or after that year's month 11, else in the previous year's span.
 */
bool
mc_solar_to_lunar(int year, int month, int day, double tz,
				  int *lyear, int *lmonth, int *lday, bool *leap)
{
	const LunarSpan *span;
	int			s = year;
	long		jdn;
	int			i;
	int			ly,
				lm;
	bool		lp;

	if (!tz_ok(tz) || year < MC_LUNAR_MIN_YEAR || year > MC_LUNAR_MAX_YEAR)
		return false;
	if (day < 1 || day > days_in_month(year, month))
		return false;

	jdn = mc_jdn_from_ymd(year, month, day);
	span = get_span(s, tz);
	if (span == NULL)
		return false;
	if (jdn < span->start[0])
	{
		s = year - 1;
		span = get_span(s, tz);
		if (span == NULL)
			return false;
	}
	if (jdn < span->start[0] || jdn >= span->start[span->nmonths])
		return false;			/* cannot happen: spans tile the days */

	i = span->nmonths - 1;
	while (span->start[i] > jdn)
		i--;

	span_month_label(span, s, i, &ly, &lm, &lp);
	if (lyear)
		*lyear = ly;
	if (lmonth)
		*lmonth = lm;
	if (lday)
		*lday = (int) (jdn - span->start[i] + 1);
	if (leap)
		*leap = lp;
	return true;
}

/*
 * mc_lunar_to_solar converts a lunar date of time zone tz to a Gregorian
 * date, checking every part of it and saying what is wrong if it fails.
 */
int
mc_lunar_to_solar(int lyear, int lmonth, int lday, bool leap, double tz,
				  int *year, int *month, int *day, char *err, size_t errlen)
{
	const LunarSpan *span;
	int			index;
	int			len;
	int			y,
				m,
				d;
	char		dummy[1];

	if (err == NULL || errlen == 0)
	{
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';

	if (!tz_ok(tz))
	{
		snprintf(err, errlen,
				 "time zone %g is outside the range %g to %g hours",
				 tz, MC_LUNAR_TZ_MIN, MC_LUNAR_TZ_MAX);
		return MC_LUNAR_ETZ;
	}
	if (lyear < MC_LUNAR_MIN_YEAR || lyear > MC_LUNAR_MAX_YEAR)
	{
		/* "\xe2\x80\x93" is an en dash in UTF-8 */
		snprintf(err, errlen,
				 "lunar year %d is outside the supported range %d\xe2\x80\x93%d",
				 lyear, MC_LUNAR_MIN_YEAR, MC_LUNAR_MAX_YEAR);
		return MC_LUNAR_ERANGE;
	}
	if (lmonth < 1 || lmonth > 12)
	{
		snprintf(err, errlen, "lunar month %d does not exist", lmonth);
		return MC_LUNAR_EMONTH;
	}
	if (lday < 1 || lday > 30)
	{
		snprintf(err, errlen, "lunar day %d does not exist", lday);
		return MC_LUNAR_EDAY;
	}
	if (!locate_month(lyear, lmonth, leap, tz, &span, &index))
	{
		int			lm = leap_month_of(lyear, tz);

		if (lm == 0)
			snprintf(err, errlen, "%d has no leap month", lyear);
		else
			snprintf(err, errlen,
					 "%d has no leap month %d (its leap month is %d)",
					 lyear, lmonth, lm);
		return MC_LUNAR_ELEAP;
	}

	len = (int) (span->start[index + 1] - span->start[index]);
	if (lday > len)
	{
		snprintf(err, errlen, "%slunar month %d of %d has %d days, not %d",
				 leap ? "leap " : "", lmonth, lyear, len, lday);
		return MC_LUNAR_EDAY;
	}

	mc_ymd_from_jdn(span->start[index] + lday - 1, &y, &m, &d);
	if (year)
		*year = y;
	if (month)
		*month = m;
	if (day)
		*day = d;
	return MC_LUNAR_OK;
}

/*
 * mc_lunar_month_length returns 29 or 30, the days in a lunar month, or 0
 * when the month does not exist or the year or tz is out of range.
 */
int
mc_lunar_month_length(int lyear, int lmonth, bool leap, double tz)
{
	const LunarSpan *span;
	int			index;

	if (!tz_ok(tz) || lyear < MC_LUNAR_MIN_YEAR || lyear > MC_LUNAR_MAX_YEAR ||
		lmonth < 1 || lmonth > 12)
		return 0;
	if (!locate_month(lyear, lmonth, leap, tz, &span, &index))
		return 0;
	return (int) (span->start[index + 1] - span->start[index]);
}

/*
 * mc_lunar_leap_month returns the leap month number (1..12) of a lunar
 * year, or 0 if it has none or the year or tz is out of range.
 */
int
mc_lunar_leap_month(int lyear, double tz)
{
	if (!tz_ok(tz) || lyear < MC_LUNAR_MIN_YEAR || lyear > MC_LUNAR_MAX_YEAR)
		return 0;
	return leap_month_of(lyear, tz);
}

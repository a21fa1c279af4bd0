/*-------------------------------------------------------------------------
 *
 * lunar.h
 *	  The Vietnamese lunisolar calendar (âm lịch), computed by Hồ Ngọc
 *	  Đức's astronomical method: new moons from Meeus' series, the sun's
 *	  longitude for the major solar terms, month 11 is the month holding
 *	  the winter solstice, and in a 13-month year the first month without
 *	  a major term is the leap month.  Days start at local midnight of the
 *	  given time zone: 7.0 gives the Vietnamese calendar, 8.0 the Chinese.
 *
 * Plain C with no PostgreSQL headers, so it can be unit tested alone.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_LUNAR_H
#define MOTCUA_LUNAR_H

#include <stdbool.h>
#include <stddef.h>

/* Years (lunar for lunar input, solar for solar input) that are handled. */
#define MC_LUNAR_MIN_YEAR	1900
#define MC_LUNAR_MAX_YEAR	2199

/* Time zone of the Vietnamese calendar, hours east of UTC. */
#define MC_LUNAR_TZ_VIETNAM 7.0

/* Time zones accepted, in hours (anything else is rejected). */
#define MC_LUNAR_TZ_MIN		(-14.0)
#define MC_LUNAR_TZ_MAX		14.0

/* Return codes of mc_lunar_to_solar. */
#define MC_LUNAR_OK			0
#define MC_LUNAR_ERANGE		1	/* lunar year outside the supported range */
#define MC_LUNAR_EMONTH		2	/* month number not 1..12 */
#define MC_LUNAR_EDAY		3	/* day not 1..30, or past the month's end */
#define MC_LUNAR_ELEAP		4	/* no such leap month in that year */
#define MC_LUNAR_ETZ		5	/* time zone not finite or out of range */

/* Julian day number of a proleptic Gregorian date, and back. */
extern long mc_jdn_from_ymd(int year, int month, int day);
extern void mc_ymd_from_jdn(long jdn, int *year, int *month, int *day);

/*
 * Solar (Gregorian) date -> lunar date; tz in hours (7.0 for Vietnam).
 * Returns false if the date is invalid, its year is outside
 * MC_LUNAR_MIN_YEAR..MC_LUNAR_MAX_YEAR, or tz is unusable.
 */
extern bool mc_solar_to_lunar(int year, int month, int day, double tz,
							  int *lyear, int *lmonth, int *lday, bool *leap);

/*
 * Lunar date -> solar date.  Returns MC_LUNAR_OK (0) on success; on
 * failure returns one of the nonzero MC_LUNAR_E* codes and writes a
 * human-readable reason (lower case, no trailing period) into err, e.g.
 * "lunar month 13 does not exist", "lunar month 2 of 2025 has 29 days,
 * not 30", "2025 has no leap month 4 (its leap month is 6)", "2024 has no
 * leap month".  err may be NULL or errlen 0.
 */
extern int	mc_lunar_to_solar(int lyear, int lmonth, int lday, bool leap,
							  double tz, int *year, int *month, int *day,
							  char *err, size_t errlen);

/*
 * Number of days in a lunar month (29 or 30), or 0 if that month does not
 * exist (or the year or tz is out of range).
 */
extern int	mc_lunar_month_length(int lyear, int lmonth, bool leap, double tz);

/*
 * The leap month number of a lunar year (1..12), or 0 if the year has none
 * (or the year or tz is out of range).
 */
extern int	mc_lunar_leap_month(int lyear, double tz);

#endif							/* MOTCUA_LUNAR_H */

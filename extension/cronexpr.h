/*-------------------------------------------------------------------------
 *
 * cronexpr.h
 *	  Standard five-field cron expressions: a parser into fixed-size
 *	  bitmaps and a "next run after" calculator over local wall-clock
 *	  minutes.
 *
 * Plain C without PostgreSQL headers, so it can be unit-tested on its own
 * and needs no allocation: a parsed expression is a small value type.
 *
 * Syntax, as Vixie cron and pg_cron accept it:
 *
 *	minute hour day-of-month month day-of-week
 *
 * separated by spaces or tabs.  Ranges are 0-59, 0-23, 1-31, 1-12 (or
 * JAN-DEC) and 0-7 (or SUN-SAT; 0 and 7 are both Sunday); names are
 * case-insensitive.  A field is a comma-separated list of elements, each
 * "*", "a" or "a-b", optionally followed by "/n" to keep every n-th value
 * only ("a/n" runs from a to the field's maximum).  The shortcuts @yearly (@annually), @monthly, @weekly,
 * @daily (@midnight) and @hourly stand for "0 0 1 1 *", "0 0 1 * *",
 * "0 0 * * 0", "0 0 * * *" and "0 * * * *".
 *
 * Days follow Vixie cron: when the day-of-month and the day-of-week field
 * are both restricted, a day matches if either matches; when one of them
 * is unrestricted, only the other one counts.  As in Vixie cron and
 * pg_cron, a field counts as unrestricted when its text starts with "*",
 * so a stepped star ("*" followed by "/2") in either day field also
 * selects AND rather than OR.
 *
 * Times are civil minute counts: minutes since 1970-01-01 00:00 of a
 * clock with no time zone and no daylight saving gaps.  Converting a
 * timestamptz to local wall-clock time and back is the caller's business.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_CRONEXPR_H
#define MOTCUA_CRONEXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returned by mc_cron_next when no minute matches. */
#define MC_CRON_NONE		INT64_C(-1)

/* Largest supported civil minute: 9999-12-31 23:59. */
#define MC_CRON_MAX_MINUTE	INT64_C(4223371679)

/*
 * How far mc_cron_next looks ahead: 5 * 365 + 2 days, so that the window
 * always covers five whole calendar years after the starting minute.
 */
#define MC_CRON_HORIZON_DAYS	1827
#define MC_CRON_HORIZON_MINUTES (INT64_C(1440) * MC_CRON_HORIZON_DAYS)

/* An error buffer of this size holds any message of mc_cron_parse. */
#define MC_CRON_ERRLEN		160

/*
 * A parsed expression.  Bit v of a bitmap is set when value v is
 * allowed; bit 0 of days and months is never set.  Sunday is bit 0 of
 * weekdays only (an input 7 is folded onto it).  dom_star and dow_star
 * record that the day-of-month or day-of-week field started with "*",
 * which selects the Vixie day rule described above.
 */
typedef struct McCron
{
	uint64_t	minutes;		/* bits 0-59 */
	uint32_t	hours;			/* bits 0-23 */
	uint32_t	days;			/* bits 1-31, day of month */
	uint16_t	months;			/* bits 1-12 */
	uint8_t		weekdays;		/* bits 0-6, Sunday = 0 */
	bool		dom_star;		/* day-of-month field starts with "*" */
	bool		dow_star;		/* day-of-week field starts with "*" */
} McCron;

/*
 * mc_cron_parse fills *cron and returns true, or returns false with a
 * message naming the faulty field in err.  mc_cron_next returns the
 * first matching minute m with after_minute < m <= after_minute +
 * MC_CRON_HORIZON_MINUTES and m <= MC_CRON_MAX_MINUTE, or MC_CRON_NONE;
 * after_minute must lie in [-1, MC_CRON_MAX_MINUTE] (anything else gives
 * MC_CRON_NONE), so a result is never negative.
 */
extern bool mc_cron_parse(const char *expr, McCron *cron,
						  char *err, size_t errlen);
extern bool mc_cron_matches(const McCron *cron, int64_t minute);
extern int64_t mc_cron_next(const McCron *cron, int64_t after_minute);

/* Civil minute counts and calendar fields. */
extern int64_t mc_cron_civil_minute(int year, int month, int day,
									int hour, int minute);
extern void mc_cron_civil_fields(int64_t civil_minute, int *year, int *month,
								 int *day, int *hour, int *minute);

#endif							/* MOTCUA_CRONEXPR_H */

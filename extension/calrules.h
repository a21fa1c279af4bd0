/*-------------------------------------------------------------------------
 *
 * calrules.h
 *	  Evaluate a calendar's rules into one flag and one reason per day:
 *	  weekly rest days, statutory holidays (solar or lunar, with the years
 *	  each rule was law), compensation of holidays that fall on a rest day,
 *	  and per-day overrides from a year's notice.
 *
 * Plain C without PostgreSQL headers; calendar.c feeds it rows read from
 * the calendar tables and hands the flags to workcal.c.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_CALRULES_H
#define MOTCUA_CALRULES_H

#include <stdbool.h>
#include <stdint.h>

/* Why a day is, or is not, a working day. */
typedef enum CalReasonKind
{
	CAL_WORKING = 0,			/* ordinary working day */
	CAL_REST,					/* weekly rest day */
	CAL_HOLIDAY,				/* rule-derived holiday (index: rule) */
	CAL_COMPENSATION,			/* day off for a holiday on a rest day (rule) */
	CAL_OVERRIDE_OFF,			/* day off fixed by a notice (override) */
	CAL_OVERRIDE_WORKING		/* rest day worked by a notice (override) */
} CalReasonKind;

/* A reason packs the kind in the top byte and an index below it. */
#define CAL_REASON(kind, idx)	((int32_t) (((uint32_t) (kind) << 24) | ((uint32_t) (idx) & 0xffffff)))
#define CAL_REASON_KIND(r)		((CalReasonKind) ((uint32_t) (r) >> 24))
#define CAL_REASON_INDEX(r)		((int) ((uint32_t) (r) & 0xffffff))

typedef struct CalHolidayRule
{
	bool		lunar;			/* anchor is a lunar date */
	int			month;
	int			day;
	int			start_offset;	/* first holiday day relative to the anchor */
	int			length;			/* number of days */
	int			from_year;		/* first year the rule applies */
	int			to_year;		/* last year, or 0 for no end */
	int			holiday;		/* identifies the holiday (same for all
								 * versions of a rule), matched against
								 * CalOverride.holiday */
} CalHolidayRule;

typedef struct CalOverride
{
	int32_t		day;			/* day number */
	bool		day_off;		/* false: a worked day */
	int			holiday;		/* holiday it replaces for that year, or -1 */
} CalOverride;

typedef struct CalRulesInput
{
	int			first_year;		/* calendar covers Jan 1 first_year .. */
	int			last_year;		/* .. Dec 31 last_year */
	unsigned	rest_days;		/* bit d set: weekday d (0 = Sunday) is rest */
	bool		compensate;		/* holidays on rest days move to next working day */
	double		lunar_tz;		/* time zone of the lunar calendar, hours */
	const CalHolidayRule *rules;
	int			nrules;
	const CalOverride *overrides;
	int			noverrides;
} CalRulesInput;

extern int	mc_calrules_ndays(int first_year, int last_year);
extern int32_t mc_calrules_first_day(int first_year);
extern bool mc_calrules_eval(const CalRulesInput *in, unsigned char *working,
							 int32_t *reason, char *err, int errlen);

#endif							/* MOTCUA_CALRULES_H */

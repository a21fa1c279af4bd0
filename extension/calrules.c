/*-------------------------------------------------------------------------
 *
 * calrules.c
 *	  Turn a calendar's rules into per-day working flags and reasons
 *	  (conventions of docs/domain.md §4).
 *
 * Order matters and follows the law: weekly rest days first; then each
 * rule-derived holiday, except where a notice fixed that holiday's days for
 * that year (the notice's days replace them, with no compensation beyond
 * what the notice says); then the notices' days off and worked rest days;
 * last, every rule-derived holiday that fell on a rest day is compensated
 * on the next day that is still an ordinary working day.
 *
 *-------------------------------------------------------------------------
 */
#include "calrules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daynum.h"
#include "lunar.h"

/* A rule-derived holiday day that fell on a rest day. */
typedef struct PendingCompensation
{
	int32_t		day;
	int			rule;
} PendingCompensation;

/*
 * mc_calrules_first_day is the day number of 1 January of first_year.
 */
int32_t
mc_calrules_first_day(int first_year)
{
	return mc_day_from_ymd(first_year, 1, 1);
}

/*
 * mc_calrules_ndays is the number of days from 1 January of first_year to
 * 31 December of last_year.
 */
int
mc_calrules_ndays(int first_year, int last_year)
{
	return (int) (mc_day_from_ymd(last_year + 1, 1, 1) - mc_day_from_ymd(first_year, 1, 1));
}

/*
 * replaced_by_notice tells whether an override names this holiday in this
 * year, in which case the notice's days stand instead of the rule's.
 */
static bool
replaced_by_notice(const CalRulesInput *in, int holiday, int year)
{
	int			i;

	for (i = 0; i < in->noverrides; i++)
	{
		int			y,
					m,
					d;

		if (in->overrides[i].holiday != holiday || !in->overrides[i].day_off)
			continue;
		mc_ymd_from_day(in->overrides[i].day, &y, &m, &d);
		if (y == year)
			return true;
	}
	return false;
}

/*
 * anchor_day finds the anchor of a rule in a year: the solar date, or the
 * solar date of the lunar date in the lunar year of that number.  False
 * when the date does not exist that year (29 February, lunar day 30 of a
 * 29-day month).
 */
static bool
anchor_day(const CalHolidayRule *r, int year, double tz, int32_t *out)
{
	int			y,
				m,
				d;

	if (!r->lunar)
	{
		if (!mc_ymd_valid(year, r->month, r->day))
			return false;
		*out = mc_day_from_ymd(year, r->month, r->day);
		return true;
	}
	if (mc_lunar_to_solar(year, r->month, r->day, false, tz, &y, &m, &d, NULL, 0) != MC_LUNAR_OK)
		return false;
	*out = mc_day_from_ymd(y, m, d);
	return true;
}

/*
 * compare_pending orders pending compensations by day.
 */
static int
compare_pending(const void *a, const void *b)
{
	const PendingCompensation *x = a;
	const PendingCompensation *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

/*
 * mc_calrules_eval fills working[] (1 = working day) and reason[] for
 * every day of the calendar's range.  Returns false with a message in err
 * when the input cannot be evaluated (a year outside the lunar range, or
 * out of memory).
 */
bool
mc_calrules_eval(const CalRulesInput *in, unsigned char *working,
				 int32_t *reason, char *err, int errlen)
{
	int32_t		first = mc_calrules_first_day(in->first_year);
	int			ndays = mc_calrules_ndays(in->first_year, in->last_year);
	PendingCompensation *pending = NULL;
	int			npending = 0;
	int			maxpending = 0;
	int			i;

	if (in->first_year - 1 < MC_LUNAR_MIN_YEAR || in->last_year + 1 > MC_LUNAR_MAX_YEAR)
	{
		snprintf(err, errlen, "calendar years %d to %d are outside %d to %d",
				 in->first_year, in->last_year, MC_LUNAR_MIN_YEAR + 1, MC_LUNAR_MAX_YEAR - 1);
		return false;
	}

	for (i = 0; i < ndays; i++)
	{
		bool		rest = (in->rest_days >> mc_day_of_week(first + i)) & 1;

		working[i] = !rest;
		reason[i] = CAL_REASON(rest ? CAL_REST : CAL_WORKING, 0);
	}

	for (i = 0; i < in->nrules; i++)
	{
		const CalHolidayRule *r = &in->rules[i];
		int			year;

		for (year = in->first_year - 1; year <= in->last_year + 1; year++)
		{
			int32_t		anchor;
			int			k;

			if (year < r->from_year || (r->to_year && year > r->to_year))
				continue;
			if (!anchor_day(r, year, in->lunar_tz, &anchor))
				continue;
			if (replaced_by_notice(in, r->holiday, year))
				continue;
			for (k = 0; k < r->length; k++)
			{
				int32_t		idx = anchor + r->start_offset + k - first;

				if (idx < 0 || idx >= ndays)
					continue;
				if (CAL_REASON_KIND(reason[idx]) == CAL_REST && in->compensate)
				{
					if (npending == maxpending)
					{
						int			newmax = maxpending ? maxpending * 2 : 64;
						PendingCompensation *p = realloc(pending, newmax * sizeof(*p));

						if (p == NULL)
						{
							free(pending);
							snprintf(err, errlen, "out of memory");
							return false;
						}
						pending = p;
						maxpending = newmax;
					}
					pending[npending].day = idx;
					pending[npending].rule = i;
					npending++;
				}
				working[idx] = 0;
				reason[idx] = CAL_REASON(CAL_HOLIDAY, i);
			}
		}
	}

	for (i = 0; i < in->noverrides; i++)
	{
		int32_t		idx = in->overrides[i].day - first;

		if (idx < 0 || idx >= ndays)
			continue;
		working[idx] = in->overrides[i].day_off ? 0 : 1;
		reason[idx] = CAL_REASON(in->overrides[i].day_off ? CAL_OVERRIDE_OFF : CAL_OVERRIDE_WORKING, i);
	}

	if (npending > 0)
		qsort(pending, npending, sizeof(*pending), compare_pending);
	for (i = 0; i < npending; i++)
	{
		int32_t		idx;

		for (idx = pending[i].day + 1; idx < ndays; idx++)
		{
			if (CAL_REASON_KIND(reason[idx]) == CAL_WORKING)
			{
				working[idx] = 0;
				reason[idx] = CAL_REASON(CAL_COMPENSATION, pending[i].rule);
				break;
			}
		}
	}
	free(pending);
	return true;
}

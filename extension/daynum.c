/*-------------------------------------------------------------------------
 *
 * daynum.c
 *	  Conversions between civil dates and day numbers (days since
 *	  2000-01-01), by integer arithmetic on 400-year eras so they are exact
 *	  for any year a PostgreSQL date can hold.
 *
 *-------------------------------------------------------------------------
 */
#include "daynum.h"

/* Offset of 2000-01-01 from 0000-03-01 in the era arithmetic below. */
#define DAYS_0000_03_01_TO_2000_01_01 730425

/*
 * mc_day_from_ymd returns the day number of a civil date.  Months start
 * in March inside the computation so that the leap day is the last day
 * of the shifted year.
 */
int32_t
mc_day_from_ymd(int year, int month, int day)
{
	int64_t		y = (int64_t) year - (month <= 2);
	int64_t		era = (y >= 0 ? y : y - 399) / 400;
	int64_t		yoe = y - era * 400;
	int64_t		mp = (month + 9) % 12;
	int64_t		doy = (153 * mp + 2) / 5 + day - 1;
	int64_t		doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t) (era * 146097 + doe - DAYS_0000_03_01_TO_2000_01_01);
}

/*
 * mc_ymd_from_day is the inverse of mc_day_from_ymd.
 */
void
mc_ymd_from_day(int32_t day, int *year, int *month, int *mday)
{
	int64_t		z = (int64_t) day + DAYS_0000_03_01_TO_2000_01_01;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;
	int			m = (int) (mp < 10 ? mp + 3 : mp - 9);

	*mday = (int) (doy - (153 * mp + 2) / 5 + 1);
	*month = m;
	*year = (int) (yoe + era * 400 + (m <= 2));
}

/*
 * mc_day_of_week returns 0 for Sunday through 6 for Saturday.
 * 2000-01-01 was a Saturday.
 */
int
mc_day_of_week(int32_t day)
{
	int			r = (int) (((int64_t) day + 6) % 7);

	return r < 0 ? r + 7 : r;
}

/*
 * mc_days_in_month returns the length of a Gregorian month, or 0 for a
 * month number outside 1..12.
 */
int
mc_days_in_month(int year, int month)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool		leap;

	if (month < 1 || month > 12)
		return 0;
	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return len[month - 1] + (month == 2 && leap);
}

/*
 * mc_ymd_valid tells whether year-month-day names a real date.
 */
bool
mc_ymd_valid(int year, int month, int day)
{
	return day >= 1 && day <= mc_days_in_month(year, month);
}

/*-------------------------------------------------------------------------
 *
 * daynum.h
 *	  Day numbers: days since 2000-01-01 in the proleptic Gregorian
 *	  calendar, the same count PostgreSQL uses for its date type.
 *
 * Plain C so parsers and calendar code can share it outside the server.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_DAYNUM_H
#define MOTCUA_DAYNUM_H

#include <stdbool.h>
#include <stdint.h>

extern int32_t mc_day_from_ymd(int year, int month, int day);
extern void mc_ymd_from_day(int32_t day, int *year, int *month, int *mday);
extern int	mc_day_of_week(int32_t day);
extern int	mc_days_in_month(int year, int month);
extern bool mc_ymd_valid(int year, int month, int day);

#endif							/* MOTCUA_DAYNUM_H */

/*-------------------------------------------------------------------------
 *
 * workcal.h
 *	  Working-day and working-hour arithmetic for one-stop-shop deadlines:
 *	  effective receipt day, deadline after N working days or N working
 *	  hours, and office time elapsed between two instants (optionally
 *	  minus clock-stop intervals).
 *
 * Plain C without PostgreSQL headers, so the engine can be unit-tested on
 * its own.  The caller evaluates holiday rules and hands over one "is a
 * working day" flag per day; the engine packs them into a bitmap with
 * per-word prefix counts, so every query is O(1) or O(log n) in the
 * length of the calendar and never loops over days.
 *
 * Days are day numbers (days since 2000-01-01, PostgreSQL's DateADT; see
 * daynum.h, whose mc_day_from_ymd / mc_ymd_from_day / mc_day_of_week
 * helpers are re-exported here).  A local instant is a day number plus
 * microseconds since local midnight, in [0, MC_USECS_PER_DAY).  All
 * arithmetic is in local time; converting timestamptz to and from
 * Asia/Ho_Chi_Minh local time is the caller's business.
 *
 * Result instants are always valid: when afternoon_end is 24:00, a
 * deadline "at 24:00 of day D" is returned as 00:00 of day D + 1.
 *
 * Every query returns a WorkCalStatus and writes its result through an
 * out pointer only on MC_WC_OK.  MC_WC_OUT_OF_RANGE means the answer
 * depends on days the calendar does not cover: extend the range and
 * retry, or give up.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_WORKCAL_H
#define MOTCUA_WORKCAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "daynum.h"

#define MC_USECS_PER_MINUTE INT64_C(60000000)
#define MC_USECS_PER_HOUR	INT64_C(3600000000)
#define MC_USECS_PER_DAY	INT64_C(86400000000)

/*
 * Longest calendar, in days (about 270,000 years).  The bound keeps the
 * total office time of a calendar below 2^63 microseconds, so positions
 * and differences never overflow int64.
 */
#define MC_WORKCAL_MAX_DAYS 100000000

/* Pass as cutoff when the office has no receipt cut-off time. */
#define MC_WORKCAL_NO_CUTOFF INT64_C(-1)

typedef enum WorkCalStatus
{
	MC_WC_OK = 0,
	MC_WC_OUT_OF_RANGE,			/* needs days outside the calendar */
	MC_WC_BAD_ARG,				/* invalid argument (negative amount, usec
								 * outside the day, NULL pointer, ...) */
	MC_WC_BAD_CONFIG,			/* office hours fail validation */
	MC_WC_NO_MEMORY				/* the allocator returned NULL */
} WorkCalStatus;

/*
 * Office hours in microseconds since local midnight: a morning session
 * [morning_start, morning_end) and an afternoon session [afternoon_start,
 * afternoon_end).  Valid when 0 <= ms < me <= as < ae <= 24h; me == as
 * means no lunch break.  The default is 08:00-12:00 and 13:00-17:00.
 */
typedef struct WorkHours
{
	int64_t		morning_start;
	int64_t		morning_end;
	int64_t		afternoon_start;
	int64_t		afternoon_end;
} WorkHours;

/* A local instant: day number and microseconds since local midnight. */
typedef struct WorkInstant
{
	int32_t		day;
	int64_t		usec;
} WorkInstant;

/* Half-open interval [start, end) of local instants (a clock stop). */
typedef struct WorkInterval
{
	WorkInstant start;
	WorkInstant end;
} WorkInterval;

/*
 * A calendar of working days covering [first_day, first_day + ndays).
 *
 * It is one flat block with no internal pointers: the header below, then
 * nwords bitmap words (bit i of word w is day first_day + 64 * w + i),
 * then nwords + 1 int32 prefix counts (working days before word w; the
 * last one is nworking).  It can therefore be copied with memcpy, kept in
 * any memory context or placed in shared memory.  Treat the fields as
 * read-only; they are public so callers can see the covered range.
 */
typedef struct WorkCalendar
{
	int32_t		first_day;		/* first covered day number */
	int32_t		ndays;			/* number of covered days */
	int32_t		nwords;			/* bitmap words: (ndays + 63) / 64 */
	int32_t		nworking;		/* working days in the whole range */
	WorkHours	hours;			/* validated office hours */
	int64_t		morning_len;	/* morning_end - morning_start */
	int64_t		day_len;		/* office time of one working day */
	uint64_t	words[];		/* bitmap, then prefix counts */
} WorkCalendar;

/* Office hours and calendar construction */
extern WorkHours mc_workcal_default_hours(void);
extern bool mc_workcal_hours_valid(const WorkHours *hours);
extern size_t mc_workcal_size(int ndays);
extern WorkCalStatus mc_workcal_init(void *buf, size_t bufsize,
									 int32_t first_day, int ndays,
									 const unsigned char *working,
									 const WorkHours *hours,
									 WorkCalendar **out);
extern WorkCalStatus mc_workcal_build(int32_t first_day, int ndays,
									  const unsigned char *working,
									  const WorkHours *hours,
									  void *(*alloc) (size_t),
									  WorkCalendar **out);
extern const char *mc_workcal_strerror(WorkCalStatus status);

/* Working days */
extern WorkCalStatus mc_workcal_is_working(const WorkCalendar *cal,
										   int32_t day, bool *out);
extern WorkCalStatus mc_workcal_count(const WorkCalendar *cal,
									  int32_t from_day, int32_t to_day,
									  int *out);
extern WorkCalStatus mc_workcal_nth_after(const WorkCalendar *cal,
										  int32_t day, int n, int32_t *out);
extern WorkCalStatus mc_workcal_next_working(const WorkCalendar *cal,
											 int32_t day, int32_t *out);

/* Deadlines */
extern WorkCalStatus mc_workcal_receipt_day(const WorkCalendar *cal,
											WorkInstant received,
											int64_t cutoff, int32_t *out);
extern WorkCalStatus mc_workcal_add_working_days(const WorkCalendar *cal,
												 WorkInstant received,
												 int64_t days_milli,
												 int64_t cutoff,
												 WorkInstant *out);
extern WorkCalStatus mc_workcal_add_working_hours(const WorkCalendar *cal,
												  WorkInstant start,
												  int64_t usecs,
												  WorkInstant *out);
extern WorkCalStatus mc_workcal_add_working_hours_from_receipt(const WorkCalendar *cal,
															   WorkInstant received,
															   int64_t usecs,
															   int64_t cutoff,
															   WorkInstant *out);

/* Elapsed office time */
extern WorkCalStatus mc_workcal_working_time_between(const WorkCalendar *cal,
													 WorkInstant a,
													 WorkInstant b,
													 int64_t *out);
extern WorkCalStatus mc_workcal_working_time_excluding(const WorkCalendar *cal,
													   WorkInstant a,
													   WorkInstant b,
													   const WorkInterval *stops,
													   int nstops,
													   WorkInterval *scratch,
													   int64_t *out);

#endif							/* MOTCUA_WORKCAL_H */

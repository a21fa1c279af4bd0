/*-------------------------------------------------------------------------
 *
 * cronexpr.c
 *	  Parsing of five-field cron expressions and the search for the next
 *	  matching minute.
 *
 * The parser reads each field as a comma-separated list of elements and
 * sets one bit per allowed value; messages name the field and quote the
 * faulty element.  The search walks the calendar a month or a day at a
 * time from the starting minute: a month whose bit is clear is skipped
 * whole, a day that fails the day rule is skipped whole, and inside a
 * matching day the first allowed hour and minute are found by scanning
 * the bitmaps, so no loop ever steps minute by minute.  With the search
 * bounded to MC_CRON_HORIZON_DAYS, one call costs at most a few thousand
 * cheap iterations, however sparse the expression.
 *
 * Calendar arithmetic is daynum.c's (proleptic Gregorian day numbers);
 * this file only shifts them to the 1970 epoch of civil minute counts.
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <string.h>

#include "asciichar.h"
#include "cronexpr.h"
#include "daynum.h"

#define MINUTES_PER_DAY 1440

/* Day number (days since 2000-01-01) of 1970-01-01. */
#define DAYNUM_1970		(-10957)

/* Valid bits of each bitmap. */
#define MINUTE_BITS		((UINT64_C(1) << 60) - 1)
#define HOUR_BITS		((UINT32_C(1) << 24) - 1)
#define DAY_BITS		(UINT32_C(0xFFFFFFFE))
#define MONTH_BITS		(UINT16_C(0x1FFE))
#define WEEKDAY_BITS	(UINT8_C(0x7F))

/* Longest piece of input quoted in an error message. */
#define SHOWN_MAX		40

/* Numbers are clamped to this while read, so long digit runs cannot overflow. */
#define NUMBER_CAP		1000000

/* One field of an expression: its name in messages and its value range. */
typedef struct CronField
{
	const char *name;
	int			lo;
	int			hi;				/* day-of-week allows 7, folded onto 0 */
	const char *const *names;	/* names of lo, lo + 1, ..., or NULL */
	int			nnames;
} CronField;

static const char *const month_names[12] = {
	"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
	"JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
};

static const char *const weekday_names[7] = {
	"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"
};

static const CronField cron_fields[5] = {
	{"minute", 0, 59, NULL, 0},
	{"hour", 0, 23, NULL, 0},
	{"day-of-month", 1, 31, NULL, 0},
	{"month", 1, 12, month_names, 12},
	{"day-of-week", 0, 7, weekday_names, 7}
};

/* The shortcuts and the five-field expressions they stand for. */
typedef struct CronShortcut
{
	const char *name;			/* without the "@" */
	const char *expansion;
} CronShortcut;

static const CronShortcut cron_shortcuts[] = {
	{"yearly", "0 0 1 1 *"},
	{"annually", "0 0 1 1 *"},
	{"monthly", "0 0 1 * *"},
	{"weekly", "0 0 * * 0"},
	{"daily", "0 0 * * *"},
	{"midnight", "0 0 * * *"},
	{"hourly", "0 * * * *"}
};

/* The field being parsed, and where its messages go. */
typedef struct FieldContext
{
	const CronField *field;
	const char *text;			/* the whole field, for list-level messages */
	size_t		len;
	char	   *err;
	size_t		errlen;
} FieldContext;

/* ----------------------------------------------------------------
 * Characters and messages
 * ----------------------------------------------------------------
 */

/* Field separator: space or tab (the crontab convention). */
static inline bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Length to quote of a piece of input, at most SHOWN_MAX characters. */
static inline int
shown_len(size_t len)
{
	return (int) (len > SHOWN_MAX ? SHOWN_MAX : len);
}

/*
 * Write a message about an expression as a whole.  err may be NULL (the
 * caller only wants the verdict).  Always returns false, so callers can
 * "return expr_error(...)".
 */
static bool
expr_error(char *err, size_t errlen, const char *msg)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "%s", msg);
	return false;
}

/*
 * Write a message "<field> field "<piece>" <what>", quoting the faulty
 * element (or the whole field) so the user can find it.  Returns false.
 */
static bool
field_error(const FieldContext *fc, const char *piece, size_t len,
			const char *what)
{
	if (fc->err != NULL && fc->errlen > 0)
		snprintf(fc->err, fc->errlen, "%s field \"%.*s%s\" %s",
				 fc->field->name, shown_len(len), piece,
				 len > SHOWN_MAX ? "..." : "", what);
	return false;
}

/*
 * Report the text at p, which is not what the grammar expects.  Where a
 * number should start (want_number), the end of the element means "is
 * incomplete" and a minus sign "has a negative value"; anything else is
 * quoted as unexpected text.
 */
static bool
unexpected_error(const FieldContext *fc, const char *el, size_t ellen,
				 const char *p, const char *end, bool want_number)
{
	char		what[80];

	if (want_number && p == end)
		return field_error(fc, el, ellen, "is incomplete");
	if (want_number && *p == '-')
		return field_error(fc, el, ellen, "has a negative value");
	snprintf(what, sizeof(what), "has unexpected text \"%.*s\"",
			 shown_len((size_t) (end - p)), p);
	return field_error(fc, el, ellen, what);
}

/* ----------------------------------------------------------------
 * Parsing
 * ----------------------------------------------------------------
 */

/*
 * Read a run of digits starting at p (which must be a digit); the value
 * is clamped to NUMBER_CAP so that out-of-range numbers of any length are
 * reported as such instead of overflowing.  Returns the end of the run.
 */
static const char *
read_digits(const char *p, const char *end, int *value)
{
	int			v = 0;

	while (p < end && ascii_digit(*p))
	{
		if (v < NUMBER_CAP)
			v = v * 10 + (*p - '0');
		p++;
	}
	*value = v;
	return p;
}

/*
 * Read one value of a field at *pp: a number, or a three-letter name in
 * the month and day-of-week fields.  Advances *pp past it; on error
 * writes the message and returns false.  Range checks are the caller's.
 */
static bool
read_value(const FieldContext *fc, const char *el, size_t ellen,
		   const char **pp, const char *end, int *value)
{
	const CronField *f = fc->field;
	const char *p = *pp;
	const char *q;
	char		what[80];
	int			i;

	if (p < end && ascii_digit(*p))
	{
		*pp = read_digits(p, end, value);
		return true;
	}
	if (p == end || !ascii_alpha(*p))
		return unexpected_error(fc, el, ellen, p, end, true);

	for (q = p; q < end && ascii_alpha(*q); q++)
		;
	if (f->names == NULL)
		return unexpected_error(fc, el, ellen, p, end, false);
	for (i = 0; i < f->nnames; i++)
	{
		if (ascii_word_equals(p, (size_t) (q - p), f->names[i]))
		{
			*value = f->lo + i;
			*pp = q;
			return true;
		}
	}
	snprintf(what, sizeof(what), "has an unknown name \"%.*s\"",
			 shown_len((size_t) (q - p)), p);
	return field_error(fc, el, ellen, what);
}

/*
 * Parse one list element [el, el + ellen): "*", "a" or "a-b", optionally
 * followed by "/n", and set its values in *bits.  A bare "a/n" runs from
 * a to the field's maximum.  Steps run from 1 to the field's maximum.
 */
static bool
parse_element(const FieldContext *fc, const char *el, size_t ellen,
			  uint64_t *bits)
{
	const CronField *f = fc->field;
	const char *p = el;
	const char *end = el + ellen;
	char		what[80];
	int			a;
	int			b;
	int			step = 1;
	int			v;

	if (ellen == 0)
		return field_error(fc, fc->text, fc->len, "has an empty list element");

	if (*p == '*')
	{
		a = f->lo;
		b = f->hi;
		p++;
	}
	else
	{
		bool		is_range = false;

		if (!read_value(fc, el, ellen, &p, end, &a))
			return false;
		b = a;
		if (p < end && *p == '-')
		{
			p++;
			if (!read_value(fc, el, ellen, &p, end, &b))
				return false;
			is_range = true;
		}
		if (a < f->lo || a > f->hi || b < f->lo || b > f->hi)
		{
			snprintf(what, sizeof(what), "is out of range %d-%d",
					 f->lo, f->hi);
			return field_error(fc, el, ellen, what);
		}
		if (b < a)
			return field_error(fc, el, ellen, "is a reversed range");
		if (!is_range && p < end && *p == '/')
			b = f->hi;
	}

	if (p < end && *p == '/')
	{
		p++;
		if (p == end || !ascii_digit(*p))
			return unexpected_error(fc, el, ellen, p, end, true);
		p = read_digits(p, end, &step);
		if (step < 1 || step > f->hi)
		{
			snprintf(what, sizeof(what), "has a step out of range 1-%d",
					 f->hi);
			return field_error(fc, el, ellen, what);
		}
	}
	if (p < end)
		return unexpected_error(fc, el, ellen, p, end, false);

	for (v = a; v <= b; v += step)
		*bits |= UINT64_C(1) << v;
	return true;
}

/*
 * Parse one field, a comma-separated list of elements, into a bitmap
 * with bit v for each allowed value v.
 */
static bool
parse_field(const FieldContext *fc, uint64_t *bits)
{
	const char *p = fc->text;
	const char *end = fc->text + fc->len;

	*bits = 0;
	for (;;)
	{
		const char *comma = p;

		while (comma < end && *comma != ',')
			comma++;
		if (!parse_element(fc, p, (size_t) (comma - p), bits))
			return false;
		if (comma == end)
			return true;
		p = comma + 1;
	}
}

/*
 * Parse "@name" at p (the whole rest of the expression) by looking the
 * name up and parsing its five-field expansion.
 */
static bool
parse_shortcut(const char *p, McCron *cron, char *err, size_t errlen)
{
	const char *name = p + 1;
	const char *q = name;
	char		msg[MC_CRON_ERRLEN];
	size_t		len;
	size_t		i;

	while (*q != '\0' && !is_blank(*q))
		q++;
	len = (size_t) (q - name);
	while (is_blank(*q))
		q++;

	for (i = 0; i < sizeof(cron_shortcuts) / sizeof(cron_shortcuts[0]); i++)
	{
		if (!ascii_word_equals(name, len, cron_shortcuts[i].name))
			continue;
		if (*q != '\0')
		{
			snprintf(msg, sizeof(msg), "unexpected text after \"@%.*s\"",
					 shown_len(len), name);
			return expr_error(err, errlen, msg);
		}
		return mc_cron_parse(cron_shortcuts[i].expansion, cron, err, errlen);
	}
	if (ascii_word_equals(name, len, "REBOOT"))
		return expr_error(err, errlen, "cron shortcut \"@reboot\" is not supported");
	snprintf(msg, sizeof(msg), "unknown cron shortcut \"@%.*s%s\"",
			 shown_len(len), name, len > SHOWN_MAX ? "..." : "");
	return expr_error(err, errlen, msg);
}

/*
 * mc_cron_parse reads a five-field expression or a shortcut into *cron.
 * On error it leaves *cron alone, writes a message naming the field (at
 * most errlen bytes; err may be NULL) and returns false.
 */
bool
mc_cron_parse(const char *expr, McCron *cron, char *err, size_t errlen)
{
	const char *start[5];
	size_t		len[5];
	const char *p = expr;
	int			nfields = 0;
	uint64_t	bits[5];
	McCron		c;
	char		msg[MC_CRON_ERRLEN];
	int			i;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (p == NULL)
		return expr_error(err, errlen, "cron expression is empty");
	while (is_blank(*p))
		p++;
	if (*p == '\0')
		return expr_error(err, errlen, "cron expression is empty");
	if (*p == '@')
		return parse_shortcut(p, cron, err, errlen);

	while (*p != '\0')
	{
		const char *q = p;

		while (*q != '\0' && !is_blank(*q))
			q++;
		if (nfields < 5)
		{
			start[nfields] = p;
			len[nfields] = (size_t) (q - p);
		}
		nfields++;
		while (is_blank(*q))
			q++;
		p = q;
	}
	if (nfields != 5)
	{
		snprintf(msg, sizeof(msg),
				 "expected 5 fields (minute hour day-of-month month day-of-week), found %d",
				 nfields);
		return expr_error(err, errlen, msg);
	}

	for (i = 0; i < 5; i++)
	{
		FieldContext fc;

		fc.field = &cron_fields[i];
		fc.text = start[i];
		fc.len = len[i];
		fc.err = err;
		fc.errlen = errlen;
		if (!parse_field(&fc, &bits[i]))
			return false;
	}

	/* Day-of-week 7 is Sunday, like 0. */
	if (bits[4] & (UINT64_C(1) << 7))
		bits[4] = (bits[4] | 1) & ~(UINT64_C(1) << 7);

	memset(&c, 0, sizeof(c));
	c.minutes = bits[0];
	c.hours = (uint32_t) bits[1];
	c.days = (uint32_t) bits[2];
	c.months = (uint16_t) bits[3];
	c.weekdays = (uint8_t) bits[4];
	c.dom_star = start[2][0] == '*';
	c.dow_star = start[4][0] == '*';
	*cron = c;
	return true;
}

/* ----------------------------------------------------------------
 * Civil minutes
 * ----------------------------------------------------------------
 */

/*
 * mc_cron_civil_minute returns the civil minute count of a wall-clock
 * date and time (minutes since 1970-01-01 00:00).  The fields must name
 * a real date and time; nothing is checked.
 */
int64_t
mc_cron_civil_minute(int year, int month, int day, int hour, int minute)
{
	int64_t		days = (int64_t) mc_day_from_ymd(year, month, day) - DAYNUM_1970;

	return days * MINUTES_PER_DAY + hour * 60 + minute;
}

/*
 * mc_cron_civil_fields is the inverse of mc_cron_civil_minute, for any
 * minute whose day fits a day number (negative minutes included).
 */
void
mc_cron_civil_fields(int64_t civil_minute, int *year, int *month, int *day,
					 int *hour, int *minute)
{
	int64_t		days = civil_minute / MINUTES_PER_DAY;
	int64_t		tod = civil_minute % MINUTES_PER_DAY;

	if (tod < 0)
	{
		days--;
		tod += MINUTES_PER_DAY;
	}
	mc_ymd_from_day((int32_t) (days + DAYNUM_1970), year, month, day);
	*hour = (int) (tod / 60);
	*minute = (int) (tod % 60);
}

/* ----------------------------------------------------------------
 * Matching and searching
 * ----------------------------------------------------------------
 */

/*
 * The Vixie day rule: if either day field started with "*", both must
 * match (the starred one always does when it is a plain "*"); otherwise
 * either one is enough.
 */
static inline bool
day_matches(const McCron *cron, int mday, int wday)
{
	bool		dom = (cron->days >> mday) & 1;
	bool		dow = (cron->weekdays >> wday) & 1;

	if (cron->dom_star || cron->dow_star)
		return dom && dow;
	return dom || dow;
}

/*
 * Lowest set bit of bits at position from or above, or -1.  The bitmaps
 * are at most 60 bits wide and this runs a few times per search, so a
 * plain loop is cheap enough and needs no compiler builtins.
 */
static inline int
lowest_bit_from(uint64_t bits, int from)
{
	int			i;

	if (from >= 64)
		return -1;
	bits = (bits >> from) << from;
	if (bits == 0)
		return -1;
	for (i = from; !((bits >> i) & 1); i++)
		;
	return i;
}

/*
 * First allowed time of day (minutes since midnight) at or after tod,
 * or -1 when the rest of the day has none: the current hour if it is
 * allowed and has a minute left, else the first minute of the next
 * allowed hour.
 */
static int
first_time_from(const McCron *cron, int tod)
{
	uint64_t	minutes = cron->minutes & MINUTE_BITS;
	uint64_t	hours = cron->hours & HOUR_BITS;
	int			hour = tod / 60;
	int			m;

	if ((hours >> hour) & 1)
	{
		m = lowest_bit_from(minutes, tod % 60);
		if (m >= 0)
			return hour * 60 + m;
	}
	hour = lowest_bit_from(hours, hour + 1);
	if (hour < 0)
		return -1;
	return hour * 60 + lowest_bit_from(minutes, 0);
}

/*
 * Can the expression match at all?  Every bitmap needs a valid bit (a
 * parsed expression always has them; a hand-made one might not).
 */
static bool
cron_satisfiable(const McCron *cron)
{
	return (cron->minutes & MINUTE_BITS) != 0 &&
		(cron->hours & HOUR_BITS) != 0 &&
		(cron->days & DAY_BITS) != 0 &&
		(cron->months & MONTH_BITS) != 0 &&
		(cron->weekdays & WEEKDAY_BITS) != 0;
}

/*
 * mc_cron_matches tells whether a civil minute in [0, MC_CRON_MAX_MINUTE]
 * matches the expression (minutes outside that range never match).
 */
bool
mc_cron_matches(const McCron *cron, int64_t minute)
{
	int			year,
				month,
				mday,
				hour,
				min;

	if (minute < 0 || minute > MC_CRON_MAX_MINUTE)
		return false;
	mc_cron_civil_fields(minute, &year, &month, &mday, &hour, &min);
	return (((cron->minutes & MINUTE_BITS) >> min) & 1) &&
		(((cron->hours & HOUR_BITS) >> hour) & 1) &&
		(((cron->months & MONTH_BITS) >> month) & 1) &&
		day_matches(cron, mday,
					mc_day_of_week((int32_t) (minute / MINUTES_PER_DAY + DAYNUM_1970)));
}

/*
 * mc_cron_next returns the first matching civil minute m with
 * after_minute < m <= after_minute + MC_CRON_HORIZON_MINUTES and
 * m <= MC_CRON_MAX_MINUTE, or MC_CRON_NONE.  after_minute must lie in
 * [-1, MC_CRON_MAX_MINUTE], which keeps every result non-negative and so
 * distinct from MC_CRON_NONE.
 *
 * The walk keeps the current day as a count, a calendar date and a
 * weekday, advancing all three together; months whose bit is clear are
 * skipped in one step.  Only the first day visited starts part-way
 * through (at the minute after after_minute); later days start at 00:00.
 */
int64_t
mc_cron_next(const McCron *cron, int64_t after_minute)
{
	int64_t		start;
	int64_t		limit;
	int64_t		day;
	int			tod;
	int			year,
				month,
				mday,
				wday;

	if (after_minute < -1 || after_minute > MC_CRON_MAX_MINUTE)
		return MC_CRON_NONE;
	if (!cron_satisfiable(cron))
		return MC_CRON_NONE;

	start = after_minute + 1;
	limit = after_minute + MC_CRON_HORIZON_MINUTES;
	if (limit > MC_CRON_MAX_MINUTE)
		limit = MC_CRON_MAX_MINUTE;

	day = start / MINUTES_PER_DAY;
	tod = (int) (start % MINUTES_PER_DAY);
	mc_ymd_from_day((int32_t) (day + DAYNUM_1970), &year, &month, &mday);
	wday = mc_day_of_week((int32_t) (day + DAYNUM_1970));

	while (day * MINUTES_PER_DAY <= limit)
	{
		int			mlen = mc_days_in_month(year, month);

		if (((cron->months >> month) & 1) == 0)
		{
			/* Skip to the first day of the next month. */
			int			skip = mlen - mday + 1;

			day += skip;
			wday = (wday + skip) % 7;
			mday = 1;
			tod = 0;
			if (++month > 12)
			{
				month = 1;
				year++;
			}
			continue;
		}

		if (day_matches(cron, mday, wday))
		{
			int			t = first_time_from(cron, tod);

			if (t >= 0)
			{
				int64_t		result = day * MINUTES_PER_DAY + t;

				return result <= limit ? result : MC_CRON_NONE;
			}
		}

		/* Next day. */
		day++;
		wday = (wday + 1) % 7;
		tod = 0;
		if (++mday > mlen)
		{
			mday = 1;
			if (++month > 12)
			{
				month = 1;
				year++;
			}
		}
	}
	return MC_CRON_NONE;
}

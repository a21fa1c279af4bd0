/*-------------------------------------------------------------------------
 *
 * workcal.c
 *	  Working-day and working-hour arithmetic over a packed calendar.
 *
 * The calendar is a bitmap of working days plus, for every 64-day word,
 * the number of working days before it.  From these two arrays:
 *
 *	rank(d)		working days in [first_day, d): one prefix count plus one
 *				popcount, O(1);
 *	select(k)	the k-th working day (0-based): binary search over the
 *				prefix counts, then select-in-word, O(log n).
 *
 * Office time is handled the same way: the "position" of an instant is
 * the office time from the start of the calendar up to it,
 *
 *	pos(d, t) = rank(d) * day_len + (d working ? office time of d before t : 0)
 *
 * which is non-decreasing in the instant.  Office time between two
 * instants is a difference of positions, and adding working hours is
 * position arithmetic followed by an inverse mapping back to an instant.
 * Nothing loops over days.
 *
 * Conventions (the project's reading of the one-stop-shop rules) are
 * spelled out above each public function.
 *
 *-------------------------------------------------------------------------
 */
#include <string.h>

#include "workcal.h"

#define WORD_BITS 64

/*
 * Read-only view of the prefix counts, which follow the bitmap words in
 * the same block.
 */
static inline const int32_t *
cal_prefix(const WorkCalendar *cal)
{
	return (const int32_t *) (cal->words + cal->nwords);
}

/*
 * Offset of a day from the start of the calendar, computed in 64 bits so
 * that any int32 day (including PostgreSQL's +-infinity sentinels) is
 * safe to test against the range.
 */
static inline int64_t
day_offset(const WorkCalendar *cal, int32_t day)
{
	return (int64_t) day - cal->first_day;
}

/* Is a day offset inside the covered range? */
static inline bool
offset_in_range(const WorkCalendar *cal, int64_t off)
{
	return off >= 0 && off < cal->ndays;
}

/* Working flag of a covered day offset. */
static inline bool
offset_working(const WorkCalendar *cal, int64_t off)
{
	return (cal->words[off / WORD_BITS] >> (off % WORD_BITS)) & 1;
}

/*
 * rank: number of working days in [0, off), for off in [0, ndays].  The
 * bits past ndays in the last word are always zero, and when off ==
 * ndays is a multiple of 64 the answer is the final prefix count.
 */
static inline int64_t
rank_offset(const WorkCalendar *cal, int64_t off)
{
	int64_t		w = off / WORD_BITS;
	int			bit = (int) (off % WORD_BITS);
	int64_t		r = cal_prefix(cal)[w];

	if (bit != 0)
		r += __builtin_popcountll(cal->words[w] & ((UINT64_C(1) << bit) - 1));
	return r;
}

/*
 * Position (0-based) of the k-th set bit of a word, k < popcount(w).
 * Halves the word by popcount three times, then clears low bits; at most
 * seven iterations of the final loop.
 */
static inline int
select_in_word(uint64_t w, int k)
{
	int			pos = 0;
	int			c;

	c = __builtin_popcountll(w & UINT64_C(0xffffffff));
	if (k >= c)
	{
		k -= c;
		w >>= 32;
		pos += 32;
	}
	c = __builtin_popcountll(w & UINT64_C(0xffff));
	if (k >= c)
	{
		k -= c;
		w >>= 16;
		pos += 16;
	}
	c = __builtin_popcountll(w & UINT64_C(0xff));
	if (k >= c)
	{
		k -= c;
		w >>= 8;
		pos += 8;
	}
	while (k-- > 0)
		w &= w - 1;
	return pos + __builtin_ctzll(w);
}

/*
 * select: day offset of the k-th working day (0-based), for k in
 * [0, nworking).  Binary search for the first word whose following
 * prefix count exceeds k, then select inside that word.
 */
static int64_t
select_offset(const WorkCalendar *cal, int64_t k)
{
	const int32_t *prefix = cal_prefix(cal);
	int64_t		lo = 0;
	int64_t		hi = cal->nwords - 1;

	while (lo < hi)
	{
		int64_t		mid = lo + (hi - lo) / 2;

		if (prefix[mid + 1] > k)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo * WORD_BITS + select_in_word(cal->words[lo], (int) (k - prefix[lo]));
}

/* Is usec a valid time of day? */
static inline bool
usec_valid(int64_t usec)
{
	return usec >= 0 && usec < MC_USECS_PER_DAY;
}

/*
 * Office time of a working day that lies before the time of day usec:
 * the parts of both sessions earlier than usec.
 */
static inline int64_t
office_before(const WorkCalendar *cal, int64_t usec)
{
	const WorkHours *h = &cal->hours;
	int64_t		t = 0;

	if (usec > h->morning_start)
		t += (usec < h->morning_end ? usec : h->morning_end) - h->morning_start;
	if (usec > h->afternoon_start)
		t += (usec < h->afternoon_end ? usec : h->afternoon_end) - h->afternoon_start;
	return t;
}

/*
 * Inverse of office_before for o in [0, day_len]: the earliest time of
 * day by which o of office time has elapsed.  An amount that exactly
 * fills the morning maps to morning_end (12:00), not afternoon_start.
 */
static inline int64_t
office_to_usec(const WorkCalendar *cal, int64_t o)
{
	if (o <= cal->morning_len)
		return cal->hours.morning_start + o;
	return cal->hours.afternoon_start + (o - cal->morning_len);
}

/*
 * Position of an instant: office time from the start of the calendar up
 * to it.  The instant must be valid; its day must be covered.
 */
static WorkCalStatus
position(const WorkCalendar *cal, WorkInstant x, int64_t *out)
{
	int64_t		off = day_offset(cal, x.day);
	int64_t		p;

	if (!usec_valid(x.usec))
		return MC_WC_BAD_ARG;
	if (!offset_in_range(cal, off))
		return MC_WC_OUT_OF_RANGE;
	p = rank_offset(cal, off) * cal->day_len;
	if (offset_working(cal, off))
		p += office_before(cal, x.usec);
	*out = p;
	return MC_WC_OK;
}

/*
 * The instant at usec of a covered day offset.  usec may equal 24:00 when
 * afternoon_end is midnight; that is normalised to 00:00 of the next day
 * so results are always valid instants (first_day + ndays fits in int32).
 */
static inline WorkInstant
make_instant(const WorkCalendar *cal, int64_t off, int64_t usec)
{
	WorkInstant x;

	if (usec >= MC_USECS_PER_DAY)
	{
		off++;
		usec -= MC_USECS_PER_DAY;
	}
	x.day = (int32_t) (cal->first_day + off);
	x.usec = usec;
	return x;
}

/* Three-way comparison of instants. */
static inline int
instant_cmp(WorkInstant x, WorkInstant y)
{
	if (x.day != y.day)
		return x.day < y.day ? -1 : 1;
	if (x.usec != y.usec)
		return x.usec < y.usec ? -1 : 1;
	return 0;
}

/*
 * The 08:00-12:00 / 13:00-17:00 office hours the project uses unless a
 * calendar is configured otherwise: 8 hours make one working day.
 */
WorkHours
mc_workcal_default_hours(void)
{
	WorkHours	h;

	h.morning_start = 8 * MC_USECS_PER_HOUR;
	h.morning_end = 12 * MC_USECS_PER_HOUR;
	h.afternoon_start = 13 * MC_USECS_PER_HOUR;
	h.afternoon_end = 17 * MC_USECS_PER_HOUR;
	return h;
}

/*
 * Office hours are valid when both sessions are non-empty, in order and
 * inside one day: 0 <= ms < me <= as < ae <= 24h.
 */
bool
mc_workcal_hours_valid(const WorkHours *hours)
{
	return hours != NULL &&
		hours->morning_start >= 0 &&
		hours->morning_start < hours->morning_end &&
		hours->morning_end <= hours->afternoon_start &&
		hours->afternoon_start < hours->afternoon_end &&
		hours->afternoon_end <= MC_USECS_PER_DAY;
}

/*
 * Bytes needed for a calendar of ndays days, or 0 when ndays is not in
 * [1, MC_WORKCAL_MAX_DAYS].  Callers that allocate the block themselves
 * pass a buffer of this size to mc_workcal_init.
 */
size_t
mc_workcal_size(int ndays)
{
	size_t		nwords;

	if (ndays <= 0 || ndays > MC_WORKCAL_MAX_DAYS)
		return 0;
	nwords = ((size_t) ndays + WORD_BITS - 1) / WORD_BITS;
	return offsetof(WorkCalendar, words) +
		nwords * sizeof(uint64_t) + (nwords + 1) * sizeof(int32_t);
}

/*
 * Build a calendar inside a caller-supplied buffer of at least
 * mc_workcal_size(ndays) bytes, aligned for uint64_t (malloc and palloc
 * results are).  working[i] != 0 marks day first_day + i as a working
 * day.  hours may be NULL for the default office hours.  Cost is linear
 * in ndays, once; every query afterwards is O(1) or O(log ndays).
 */
WorkCalStatus
mc_workcal_init(void *buf, size_t bufsize, int32_t first_day, int ndays,
				const unsigned char *working, const WorkHours *hours,
				WorkCalendar **out)
{
	WorkHours	h = hours ? *hours : mc_workcal_default_hours();
	size_t		need = mc_workcal_size(ndays);
	WorkCalendar *cal;
	int32_t    *prefix;
	int32_t		count;
	int			i;

	if (need == 0 || buf == NULL || working == NULL || out == NULL ||
		bufsize < need || (int64_t) first_day + ndays > INT32_MAX)
		return MC_WC_BAD_ARG;
	if (!mc_workcal_hours_valid(&h))
		return MC_WC_BAD_CONFIG;

	memset(buf, 0, need);
	cal = (WorkCalendar *) buf;
	cal->first_day = first_day;
	cal->ndays = ndays;
	cal->nwords = (ndays + WORD_BITS - 1) / WORD_BITS;
	cal->hours = h;
	cal->morning_len = h.morning_end - h.morning_start;
	cal->day_len = cal->morning_len + (h.afternoon_end - h.afternoon_start);

	for (i = 0; i < ndays; i++)
	{
		if (working[i])
			cal->words[i / WORD_BITS] |= UINT64_C(1) << (i % WORD_BITS);
	}

	prefix = (int32_t *) (cal->words + cal->nwords);
	count = 0;
	for (i = 0; i < cal->nwords; i++)
	{
		prefix[i] = count;
		count += __builtin_popcountll(cal->words[i]);
	}
	prefix[cal->nwords] = count;
	cal->nworking = count;

	*out = cal;
	return MC_WC_OK;
}

/*
 * Build a calendar in one block obtained from alloc (for instance palloc
 * in the memory context that should own it).  The block is
 * mc_workcal_size(ndays) bytes; the caller frees it as a whole, the way
 * that allocator's memory is freed.  Nothing is allocated when the
 * arguments are rejected.
 */
WorkCalStatus
mc_workcal_build(int32_t first_day, int ndays, const unsigned char *working,
				 const WorkHours *hours, void *(*alloc) (size_t),
				 WorkCalendar **out)
{
	size_t		need = mc_workcal_size(ndays);
	void	   *buf;

	if (need == 0 || alloc == NULL || working == NULL || out == NULL ||
		(int64_t) first_day + ndays > INT32_MAX)
		return MC_WC_BAD_ARG;
	if (hours != NULL && !mc_workcal_hours_valid(hours))
		return MC_WC_BAD_CONFIG;
	buf = alloc(need);
	if (buf == NULL)
		return MC_WC_NO_MEMORY;
	return mc_workcal_init(buf, need, first_day, ndays, working, hours, out);
}

/*
 * Short English description of a status, for error messages.
 */
const char *
mc_workcal_strerror(WorkCalStatus status)
{
	switch (status)
	{
		case MC_WC_OK:
			return "success";
		case MC_WC_OUT_OF_RANGE:
			return "date outside the working calendar's range";
		case MC_WC_BAD_ARG:
			return "invalid argument";
		case MC_WC_BAD_CONFIG:
			return "invalid office hours";
		case MC_WC_NO_MEMORY:
			return "out of memory";
	}
	return "unknown working calendar error";
}

/*
 * Whether a covered day is a working day.
 */
WorkCalStatus
mc_workcal_is_working(const WorkCalendar *cal, int32_t day, bool *out)
{
	int64_t		off;

	if (cal == NULL || out == NULL)
		return MC_WC_BAD_ARG;
	off = day_offset(cal, day);
	if (!offset_in_range(cal, off))
		return MC_WC_OUT_OF_RANGE;
	*out = offset_working(cal, off);
	return MC_WC_OK;
}

/*
 * Number of working days in [from_day, to_day], both ends included and
 * both covered.  An empty range (from_day > to_day) counts 0.
 */
WorkCalStatus
mc_workcal_count(const WorkCalendar *cal, int32_t from_day, int32_t to_day,
				 int *out)
{
	int64_t		a;
	int64_t		b;

	if (cal == NULL || out == NULL)
		return MC_WC_BAD_ARG;
	a = day_offset(cal, from_day);
	b = day_offset(cal, to_day);
	if (!offset_in_range(cal, a) || !offset_in_range(cal, b))
		return MC_WC_OUT_OF_RANGE;
	*out = a > b ? 0 : (int) (rank_offset(cal, b + 1) - rank_offset(cal, a));
	return MC_WC_OK;
}

/*
 * The n-th working day strictly after a covered day (n >= 1): n = 1 is
 * the next working day.  Out of range when it lies past the calendar.
 */
WorkCalStatus
mc_workcal_nth_after(const WorkCalendar *cal, int32_t day, int n,
					 int32_t *out)
{
	int64_t		off;
	int64_t		k;

	if (cal == NULL || out == NULL || n < 1)
		return MC_WC_BAD_ARG;
	off = day_offset(cal, day);
	if (!offset_in_range(cal, off))
		return MC_WC_OUT_OF_RANGE;
	k = rank_offset(cal, off + 1) + n - 1;
	if (k >= cal->nworking)
		return MC_WC_OUT_OF_RANGE;
	*out = (int32_t) (cal->first_day + select_offset(cal, k));
	return MC_WC_OK;
}

/*
 * The first working day on or after a covered day.
 */
WorkCalStatus
mc_workcal_next_working(const WorkCalendar *cal, int32_t day, int32_t *out)
{
	int64_t		off;
	int64_t		k;

	if (cal == NULL || out == NULL)
		return MC_WC_BAD_ARG;
	off = day_offset(cal, day);
	if (!offset_in_range(cal, off))
		return MC_WC_OUT_OF_RANGE;
	k = rank_offset(cal, off);
	if (k >= cal->nworking)
		return MC_WC_OUT_OF_RANGE;
	*out = (int32_t) (cal->first_day + select_offset(cal, k));
	return MC_WC_OK;
}

/*
 * Effective receipt day as a day offset (rule 1, see
 * mc_workcal_receipt_day).  Returns the offset through roff.
 */
static WorkCalStatus
receipt_offset(const WorkCalendar *cal, WorkInstant t, int64_t cutoff,
			   int64_t *roff)
{
	int64_t		off;
	int64_t		k;

	if (!usec_valid(t.usec) || cutoff >= MC_USECS_PER_DAY)
		return MC_WC_BAD_ARG;
	off = day_offset(cal, t.day);
	if (!offset_in_range(cal, off))
		return MC_WC_OUT_OF_RANGE;
	if (offset_working(cal, off))
	{
		/* Before opening: the office opens later that same day. */
		if (t.usec < cal->hours.morning_start)
		{
			*roff = off;
			return MC_WC_OK;
		}
		/*
		 * In office hours (lunch included) and not after the cut-off: a
		 * receipt at the closing or cut-off instant itself is that day's.
		 */
		if (t.usec <= cal->hours.afternoon_end &&
			(cutoff < 0 || t.usec <= cutoff))
		{
			*roff = off;
			return MC_WC_OK;
		}
	}
	/* Otherwise the next working day after t.day. */
	k = rank_offset(cal, off + 1);
	if (k >= cal->nworking)
		return MC_WC_OUT_OF_RANGE;
	*roff = select_offset(cal, k);
	return MC_WC_OK;
}

/*
 * Effective receipt day of a dossier received at a local instant (rule 1).
 * On a working day, an instant before morning_start, or from
 * morning_start up to and including afternoon_end -- the lunch break
 * included -- and not after the cut-off, is received that day.  After
 * afternoon_end, after the cut-off, or on a non-working day, the dossier
 * counts as received on the next working day (docs/domain.md §4: only a later
 * receipt moves, so 15:00:00 with a 15:00 cut-off is that day's).  cutoff
 * is a time of day in usec; negative (MC_WORKCAL_NO_CUTOFF) means none.
 */
WorkCalStatus
mc_workcal_receipt_day(const WorkCalendar *cal, WorkInstant received,
					   int64_t cutoff, int32_t *out)
{
	int64_t		roff;
	WorkCalStatus st;

	if (cal == NULL || out == NULL)
		return MC_WC_BAD_ARG;
	st = receipt_offset(cal, received, cutoff, &roff);
	if (st != MC_WC_OK)
		return st;
	*out = (int32_t) (cal->first_day + roff);
	return MC_WC_OK;
}

/*
 * Deadline for a time limit in working days (rule 2).  days_milli is the
 * limit in thousandths of a working day (2.5 days = 2500), so fractional
 * limits stay exact.  With R the effective receipt day and k + f the
 * limit (k whole, 0 <= f < 1):
 *
 *	0 days			afternoon_end of R itself;
 *	k days, f = 0	afternoon_end of the k-th working day after R;
 *	f > 0			on the (k+1)-th working day after R, after f * day_len of
 *					office time counted from morning_start (0.5 -> 12:00,
 *					not 13:00).  f * day_len is truncated to whole usec.
 *
 * Negative limits are MC_WC_BAD_ARG.
 */
WorkCalStatus
mc_workcal_add_working_days(const WorkCalendar *cal, WorkInstant received,
							int64_t days_milli, int64_t cutoff,
							WorkInstant *out)
{
	int64_t		roff;
	int64_t		whole;
	int64_t		frac;
	int64_t		k;
	int64_t		doff;
	WorkCalStatus st;

	if (cal == NULL || out == NULL || days_milli < 0)
		return MC_WC_BAD_ARG;
	st = receipt_offset(cal, received, cutoff, &roff);
	if (st != MC_WC_OK)
		return st;

	if (days_milli == 0)
	{
		*out = make_instant(cal, roff, cal->hours.afternoon_end);
		return MC_WC_OK;
	}

	whole = days_milli / 1000;
	frac = days_milli % 1000;

	/*
	 * R is a working day, so its rank is rank(R + 1) - 1 and the j-th
	 * working day after it has index rank(R) + j.
	 */
	k = rank_offset(cal, roff) + whole + (frac > 0 ? 1 : 0);
	if (k >= cal->nworking)
		return MC_WC_OUT_OF_RANGE;
	doff = select_offset(cal, k);

	if (frac == 0)
		*out = make_instant(cal, doff, cal->hours.afternoon_end);
	else
		*out = make_instant(cal, doff,
							office_to_usec(cal, cal->day_len * frac / 1000));
	return MC_WC_OK;
}

/*
 * Deadline for a time limit in working hours (rule 3): walk usecs of
 * office time forward from start.  A start outside office hours begins at
 * the next office moment.  The result is the earliest instant at which
 * the time is used up, so a limit that ends exactly at the end of a
 * session gives that session's end (12:00 or 17:00), not the start of the
 * next session.  usecs = 0 returns start unchanged (not even checked
 * against the range); negative is MC_WC_BAD_ARG.
 *
 * Position arithmetic: target = pos(start) + usecs; the target's working
 * day index is target / day_len, except that an exact multiple of day_len
 * belongs to the end of the previous working day.
 */
WorkCalStatus
mc_workcal_add_working_hours(const WorkCalendar *cal, WorkInstant start,
							 int64_t usecs, WorkInstant *out)
{
	int64_t		p;
	int64_t		target;
	int64_t		q;
	int64_t		r;
	WorkCalStatus st;

	if (cal == NULL || out == NULL || usecs < 0 || !usec_valid(start.usec))
		return MC_WC_BAD_ARG;
	if (usecs == 0)
	{
		*out = start;
		return MC_WC_OK;
	}
	st = position(cal, start, &p);
	if (st != MC_WC_OK)
		return st;
	/* Compare without overflow: the calendar's total fits in int64. */
	if (usecs > (int64_t) cal->nworking * cal->day_len - p)
		return MC_WC_OUT_OF_RANGE;
	target = p + usecs;
	q = target / cal->day_len;
	r = target % cal->day_len;
	if (r == 0)
	{
		/* target > 0, so q >= 1: the end of working day q - 1. */
		*out = make_instant(cal, select_offset(cal, q - 1),
							cal->hours.afternoon_end);
	}
	else
		*out = make_instant(cal, select_offset(cal, q), office_to_usec(cal, r));
	return MC_WC_OK;
}

/*
 * Deadline for a time limit in working hours counted from a receipt: the
 * receipt rules of mc_workcal_receipt_day apply first (docs/domain.md §4).  A
 * dossier received on its own day runs from the receipt instant (before
 * opening or over lunch, from the next office moment); one received on a
 * later working day -- after the cut-off, after closing, on a day off --
 * runs from morning_start of that day.
 */
WorkCalStatus
mc_workcal_add_working_hours_from_receipt(const WorkCalendar *cal,
										  WorkInstant received, int64_t usecs,
										  int64_t cutoff, WorkInstant *out)
{
	int64_t		roff;
	WorkInstant start = received;
	WorkCalStatus st;

	if (cal == NULL || out == NULL || usecs < 0)
		return MC_WC_BAD_ARG;
	st = receipt_offset(cal, received, cutoff, &roff);
	if (st != MC_WC_OK)
		return st;
	if (cal->first_day + roff != received.day)
		start = make_instant(cal, roff, cal->hours.morning_start);
	return mc_workcal_add_working_hours(cal, start, usecs, out);
}

/*
 * Office time in usec between two instants (rule 4): the office hours of
 * working days inside [a, b).  Negative when a > b.  Both days must be
 * covered.  Divide by cal->day_len for working days.
 */
WorkCalStatus
mc_workcal_working_time_between(const WorkCalendar *cal, WorkInstant a,
								WorkInstant b, int64_t *out)
{
	int64_t		pa;
	int64_t		pb;
	WorkCalStatus st;

	if (cal == NULL || out == NULL)
		return MC_WC_BAD_ARG;
	st = position(cal, a, &pa);
	if (st == MC_WC_OK)
		st = position(cal, b, &pb);
	if (st != MC_WC_OK)
		return st;
	*out = pb - pa;
	return MC_WC_OK;
}

/*
 * Office time of an interval whose ends are both valid and covered (the
 * clipped clock stops of mc_workcal_working_time_excluding).
 */
static int64_t
run_office_time(const WorkCalendar *cal, WorkInterval run)
{
	int64_t		ps = 0;
	int64_t		pe = 0;

	(void) position(cal, run.start, &ps);
	(void) position(cal, run.end, &pe);
	return pe - ps;
}

/* Heap sift-down by start instant, for sort_by_start. */
static void
sift_down(WorkInterval *v, size_t root, size_t n)
{
	for (;;)
	{
		size_t		child = 2 * root + 1;
		WorkInterval tmp;

		if (child >= n)
			break;
		if (child + 1 < n && instant_cmp(v[child].start, v[child + 1].start) < 0)
			child++;
		if (instant_cmp(v[root].start, v[child].start) >= 0)
			break;
		tmp = v[root];
		v[root] = v[child];
		v[child] = tmp;
		root = child;
	}
}

/*
 * Sort intervals by start instant: heapsort, so O(n log n) worst case
 * without needing memory or <stdlib.h>.
 */
static void
sort_by_start(WorkInterval *v, size_t n)
{
	size_t		i;

	if (n < 2)
		return;
	for (i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (i = n - 1; i > 0; i--)
	{
		WorkInterval tmp = v[0];

		v[0] = v[i];
		v[i] = tmp;
		sift_down(v, 0, i);
	}
}

/*
 * Office time between a and b minus the office time of the clock stops:
 * each stop is a half-open interval [start, end) that may overlap other
 * stops and may extend outside [a, b] (even outside the calendar).  The
 * stops are clipped to [a, b], their union is taken (overlaps count
 * once), and its office time is subtracted.  Negative when a > b, like
 * mc_workcal_working_time_between.
 *
 * scratch must hold nstops intervals (may be NULL when nstops is 0); the
 * clipped stops are sorted there, O(n log n).  scratch may be the stops
 * array itself if the caller lets it be overwritten.  A stop with end
 * before start, or a usec outside the day, is MC_WC_BAD_ARG; an empty
 * stop is ignored.
 */
WorkCalStatus
mc_workcal_working_time_excluding(const WorkCalendar *cal, WorkInstant a,
								  WorkInstant b, const WorkInterval *stops,
								  int nstops, WorkInterval *scratch,
								  int64_t *out)
{
	int64_t		total;
	int64_t		stopped = 0;
	bool		negate = false;
	size_t		n = 0;
	size_t		i;
	WorkCalStatus st;

	if (cal == NULL || out == NULL || nstops < 0 ||
		(nstops > 0 && (stops == NULL || scratch == NULL)))
		return MC_WC_BAD_ARG;
	if (instant_cmp(a, b) > 0)
	{
		WorkInstant tmp = a;

		a = b;
		b = tmp;
		negate = true;
	}
	st = mc_workcal_working_time_between(cal, a, b, &total);
	if (st != MC_WC_OK)
		return st;

	/* Clip each stop to [a, b] into scratch, dropping empty ones. */
	for (i = 0; i < (size_t) nstops; i++)
	{
		WorkInterval s = stops[i];

		if (!usec_valid(s.start.usec) || !usec_valid(s.end.usec) ||
			instant_cmp(s.start, s.end) > 0)
			return MC_WC_BAD_ARG;
		if (instant_cmp(s.start, a) < 0)
			s.start = a;
		if (instant_cmp(s.end, b) > 0)
			s.end = b;
		if (instant_cmp(s.start, s.end) < 0)
			scratch[n++] = s;
	}

	/* Merge the sorted stops into disjoint runs; measure each run once. */
	sort_by_start(scratch, n);
	if (n > 0)
	{
		WorkInterval cur = scratch[0];

		for (i = 1; i < n; i++)
		{
			if (instant_cmp(scratch[i].start, cur.end) <= 0)
			{
				if (instant_cmp(scratch[i].end, cur.end) > 0)
					cur.end = scratch[i].end;
				continue;
			}
			stopped += run_office_time(cal, cur);
			cur = scratch[i];
		}
		stopped += run_office_time(cal, cur);
	}

	*out = negate ? stopped - total : total - stopped;
	return MC_WC_OK;
}

CREATE OR REPLACE FUNCTION motcua.invalidate_caches() RETURNS void
	AS 'MODULE_PATHNAME', 'motcua_invalidate_caches'
	LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION motcua.invalidate_caches() IS 'drop every session''s cached calendars and procedure data once this transaction commits';
-- cache_changed: statement trigger for the other tables the caches read.
-- It runs as the extension's owner: invalidate_caches is not for PUBLIC.
CREATE OR REPLACE FUNCTION motcua_internal.cache_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM motcua.invalidate_caches();
	RETURN NULL;
END
$$;

-- calendar_changed logs a change and invalidates the cached calendars.  It
-- runs as the extension's owner, so an administrator who edits a calendar
-- writes the log without holding any right on it; the log names the login
-- that made the change.
CREATE OR REPLACE FUNCTION motcua_internal.calendar_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO motcua.calendar_change (changed_by, table_name, operation, old_row, new_row)
	VALUES (session_user, TG_TABLE_NAME, TG_OP,
			CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END,
			CASE WHEN TG_OP IN ('UPDATE', 'INSERT') THEN to_jsonb(NEW) END);
	PERFORM motcua.invalidate_caches();
	RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE ON motcua.calendar
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.calendar_changed();
CREATE OR REPLACE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE ON motcua.calendar_holiday
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.calendar_changed();
CREATE OR REPLACE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE ON motcua.calendar_override
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.calendar_changed();

-- Lunar calendar (Vietnamese, UTC+7, Hồ Ngọc Đức's astronomical method).
CREATE OR REPLACE FUNCTION motcua.lunar_to_solar(year integer, month integer, day integer, leap boolean DEFAULT false)
	RETURNS date AS 'MODULE_PATHNAME', 'motcua_lunar_to_solar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.lunar_to_solar(integer, integer, integer, boolean) IS
	'solar date of a Vietnamese lunar date (years 1900-2199); 22008 for a date that does not exist';
CREATE OR REPLACE FUNCTION motcua.solar_to_lunar(date, OUT year integer, OUT month integer, OUT day integer, OUT leap boolean)
	RETURNS record AS 'MODULE_PATHNAME', 'motcua_solar_to_lunar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.solar_to_lunar(date) IS 'Vietnamese lunar date (UTC+7) of a solar date';

-- Working days and deadlines.  STABLE, not IMMUTABLE: the answer follows
-- the calendar tables.
CREATE OR REPLACE FUNCTION motcua.is_working_day(date, calendar text DEFAULT 'VN') RETURNS boolean
	AS 'MODULE_PATHNAME', 'motcua_is_working_day'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
CREATE OR REPLACE FUNCTION motcua.add_working_days(start timestamptz, days numeric, calendar text DEFAULT 'VN')
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_days(timestamptz, numeric, text) IS
	'deadline of a dossier received at start with a duration of days working days: counted from the next working day, N days end at 17:00 of the Nth, 0.5 at 12:00';
CREATE OR REPLACE FUNCTION motcua.add_working_days(start timestamptz, days numeric, calendar text, cutoff time)
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_days(timestamptz, numeric, text, time) IS
	'as add_working_days, a receipt after the procedure''s cut-off (not at it) counting as received the next working day';
-- Integer, float and untyped arguments resolve to this variant (float8 is
-- the preferred numeric type), which skips numeric arithmetic.
CREATE OR REPLACE FUNCTION motcua.add_working_days(start timestamptz, days double precision, calendar text DEFAULT 'VN')
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days_float8'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_days(timestamptz, double precision, text) IS
	'add_working_days for integer and untyped arguments; same rules, a multiple of 0.001 day';
CREATE OR REPLACE FUNCTION motcua.add_working_days(start timestamptz, days double precision, calendar text, cutoff time)
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days_float8'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
CREATE OR REPLACE FUNCTION motcua.add_working_hours(start timestamptz, hours numeric, calendar text DEFAULT 'VN')
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_hours'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_hours(timestamptz, numeric, text) IS
	'the instant hours of office time after start (a start outside office hours begins at the next office moment)';
CREATE OR REPLACE FUNCTION motcua.add_working_hours(start timestamptz, hours numeric, calendar text, cutoff time)
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_hours'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_hours(timestamptz, numeric, text, time) IS
	'deadline in working hours of a dossier received at start: a receipt after the cut-off, after closing or on a day off runs from 08:00 of the next working day';
CREATE OR REPLACE FUNCTION motcua.working_days_between(a timestamptz, b timestamptz, calendar text DEFAULT 'VN',
											clock_stops tstzrange[] DEFAULT '{}')
	RETURNS numeric AS 'MODULE_PATHNAME', 'motcua_working_days_between'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.working_days_between(timestamptz, timestamptz, text, tstzrange[]) IS
	'office time between a and b in working days (8 working hours = 1 day), less the office time inside the clock stops';
CREATE OR REPLACE FUNCTION motcua.calendar_days(calendar text, from_day date, to_day date,
									 OUT day date, OUT working boolean, OUT reason text, OUT legal_reference text)
	RETURNS SETOF record AS 'MODULE_PATHNAME', 'motcua_calendar_days'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 31;
COMMENT ON FUNCTION motcua.calendar_days(text, date, date) IS
	'each day of a range with whether it is a working day and why not';

-- wall_clock: an instant as the wall-clock time at a UTC offset.  A SQL
-- expression the planner inlines, for queries that already hold the
-- calendar's offset (the KPI facts, millions of rows at a time).
CREATE OR REPLACE FUNCTION motcua_internal.wall_clock(at timestamptz, utc_offset interval) RETURNS timestamp
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT (at AT TIME ZONE 'UTC') + utc_offset
$$;

-- local_time: an instant as the wall-clock time of a calendar's offices
-- (its UTC offset, not the session's time zone), the basis of every local
-- date motcua derives: dossier code dates, report days, portal dates.
CREATE OR REPLACE FUNCTION motcua.local_time(at timestamptz, calendar text DEFAULT 'VN') RETURNS timestamp
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	off interval;
BEGIN
	SELECT c.utc_offset INTO off FROM motcua.calendar c WHERE c.code = local_time.calendar;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'calendar "%" does not exist', calendar USING ERRCODE = 'undefined_object';
	END IF;
	RETURN motcua_internal.wall_clock(at, off);
END
$$;
COMMENT ON FUNCTION motcua.local_time(timestamptz, text) IS
	'the wall-clock time of an instant in a calendar''s offices (its UTC offset)';

CREATE OR REPLACE FUNCTION motcua.effective_receipt_day(start timestamptz, calendar text DEFAULT 'VN')
	RETURNS date AS 'MODULE_PATHNAME', 'motcua_effective_receipt_day'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.effective_receipt_day(timestamptz, text) IS
	'the working day a receipt at start counts as: the same day up to closing time (17:00:00 included), else the next working day';
CREATE OR REPLACE FUNCTION motcua.effective_receipt_day(start timestamptz, calendar text, cutoff time)
	RETURNS date AS 'MODULE_PATHNAME', 'motcua_effective_receipt_day'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.effective_receipt_day(timestamptz, text, time) IS
	'as effective_receipt_day, a receipt after the cut-off (not at it) counting as received the next working day';

-- explain_deadline: one row per calendar day from the receipt to the
-- deadline, what an officer shows a person who disputes a date.
-- With a cut-off (a procedure's receipt_cutoff), a receipt after it counts
-- from the next working day, as receive() counts it.
CREATE OR REPLACE FUNCTION motcua.explain_deadline(start timestamptz, days numeric, calendar text DEFAULT 'VN',
										cutoff time DEFAULT NULL)
	RETURNS TABLE (day date, weekday text, counted boolean, working_day_no integer, reason text,
				   legal_reference text, deadline timestamptz)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	WITH p AS (
		SELECT CASE WHEN cutoff IS NULL THEN motcua.add_working_days(start, days, calendar)
					ELSE motcua.add_working_days(start, days, calendar, cutoff) END AS due,
			   CASE WHEN cutoff IS NULL THEN motcua.effective_receipt_day(start, calendar)
					ELSE motcua.effective_receipt_day(start, calendar, cutoff) END AS receipt,
			   -- (within office hours the receipt day moved only because of the cut-off)
			   motcua.effective_receipt_day(start, calendar) = motcua.local_time(start, calendar)::date
				   AND cutoff IS NOT NULL AS after_cutoff,
			   motcua.local_time(start, calendar)::date AS first_day),
	d AS (
		SELECT cd.*, p.*, motcua.local_time(p.due, calendar)::date AS last_day
		FROM p, motcua.calendar_days(calendar, p.first_day, motcua.local_time(p.due, calendar)::date) cd)
	SELECT d.day,
		   to_char(d.day, 'FMDay'),
		   d.working AND d.day > d.receipt,
		   CASE WHEN d.working AND d.day > d.receipt
				THEN (count(*) FILTER (WHERE d.working AND d.day > d.receipt) OVER (ORDER BY d.day))::int END,
		   CASE WHEN d.day = d.receipt AND d.day = d.first_day
					THEN 'day of receipt; counting starts the next working day'
				WHEN d.day = d.receipt AND d.after_cutoff
					THEN 'counts as the day of receipt (received after the ' || to_char(cutoff, 'HH24:MI')
						 || ' cut-off); counting starts the next working day'
				WHEN d.day = d.receipt
					THEN 'counts as the day of receipt (received outside office hours); counting starts the next working day'
				WHEN d.working AND d.day < d.receipt AND d.after_cutoff
					THEN 'received after the ' || to_char(cutoff, 'HH24:MI') || ' cut-off: counts as received the next working day'
				WHEN d.working AND d.day < d.receipt
					THEN 'received outside office hours'
				ELSE d.reason END,
		   d.legal_reference,
		   CASE WHEN d.day = d.last_day THEN d.due END
	FROM d
	ORDER BY d.day
$$;
COMMENT ON FUNCTION motcua.explain_deadline(timestamptz, numeric, text, time) IS
	'one row per calendar day from receipt to deadline: whether it counted and why not';

GRANT SELECT ON motcua.calendar, motcua.calendar_holiday, motcua.calendar_override
	TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;
GRANT SELECT ON motcua.calendar_change TO motcua_admin, motcua_auditor;
GRANT INSERT, UPDATE, DELETE ON motcua.calendar, motcua.calendar_holiday, motcua.calendar_override TO motcua_admin;
REVOKE ALL ON FUNCTION motcua.invalidate_caches() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.invalidate_caches() TO motcua_admin;
REVOKE ALL ON FUNCTION motcua_internal.cache_changed(), motcua_internal.calendar_changed() FROM PUBLIC;

-- Working-day calendars, the Vietnamese lunar calendar and legal deadlines
-- (ONE-STOP.md §4).  A calendar is data: weekly rest days, office hours,
-- statutory holiday rules (solar or lunar, with the years each rule was law)
-- and per-day overrides from the government's annual notice.  Each backend
-- caches a calendar as a day bitmap with prefix counts (calendar.c), built
-- on first use and dropped when any of these tables changes: a trigger sends
-- a relcache invalidation that every session processes after the commit.

CREATE TABLE motcua.calendar (
	code		text PRIMARY KEY CHECK (code ~ '^[A-Za-z][A-Za-z0-9_.-]{0,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	parent		text REFERENCES motcua.calendar ON UPDATE CASCADE,
	rest_days	smallint[] NOT NULL DEFAULT '{0,6}'
				CHECK (rest_days <@ '{0,1,2,3,4,5,6}' AND cardinality(rest_days) < 7),
	morning_start time NOT NULL DEFAULT '08:00',
	morning_end time NOT NULL DEFAULT '12:00',
	afternoon_start time NOT NULL DEFAULT '13:00',
	afternoon_end time NOT NULL DEFAULT '17:00',
	utc_offset	interval NOT NULL DEFAULT '07:00'
				CHECK (utc_offset BETWEEN '-14:00' AND '14:00'),
	compensate	boolean NOT NULL DEFAULT true,
	first_year	integer NOT NULL DEFAULT 2000,
	last_year	integer NOT NULL DEFAULT 2100,
	note		text,
	shipped		boolean NOT NULL DEFAULT false,
	CHECK (morning_start < morning_end AND morning_end <= afternoon_start
		   AND afternoon_start < afternoon_end),
	CHECK (first_year BETWEEN 1901 AND last_year AND last_year <= 2198
		   AND last_year - first_year <= 200),
	CHECK (parent IS NULL OR parent <> code)
);
COMMENT ON TABLE motcua.calendar IS 'working-day calendars; a child calendar inherits its parent''s holidays and overrides and adds its own';
COMMENT ON COLUMN motcua.calendar.rest_days IS 'weekly rest days, 0 = Sunday .. 6 = Saturday';
COMMENT ON COLUMN motcua.calendar.utc_offset IS 'local time of the offices; Vietnam has used UTC+7 without daylight saving since 1975';
COMMENT ON COLUMN motcua.calendar.compensate IS 'a rule-derived holiday on a weekly rest day is taken on the next working day (Labor Code 2019, Art. 112)';

-- Statutory holidays as rules.  A rule names an anchor day (solar month/day
-- or lunar month/day, lunar day 0 meaning the last day of the previous lunar
-- month), the offset of its first day from the anchor and its length in
-- days, and the years it was law.
CREATE TABLE motcua.calendar_holiday (
	calendar	text NOT NULL REFERENCES motcua.calendar ON UPDATE CASCADE ON DELETE CASCADE,
	code		text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	basis		text NOT NULL CHECK (basis IN ('solar', 'lunar')),
	month		smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
	day			smallint NOT NULL CHECK (day BETWEEN 1 AND 31),
	start_offset smallint NOT NULL DEFAULT 0 CHECK (start_offset BETWEEN -10 AND 10),
	length		smallint NOT NULL DEFAULT 1 CHECK (length BETWEEN 1 AND 15),
	from_year	integer NOT NULL DEFAULT 1901,
	to_year		integer,
	legal_basis text,
	shipped		boolean NOT NULL DEFAULT false,
	CHECK (to_year IS NULL OR from_year <= to_year),
	CHECK (basis = 'lunar' OR day <= 31 AND (month, day) NOT IN ((2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31))),
	CHECK (basis = 'solar' OR day <= 30),
	PRIMARY KEY (calendar, code, from_year)
);
COMMENT ON TABLE motcua.calendar_holiday IS 'statutory holidays as rules, each with the years it applied';
COMMENT ON COLUMN motcua.calendar_holiday.start_offset IS 'days from the anchor to the first holiday day, e.g. -1 for Tết (the last day of the old lunar year)';

-- Per-day overrides from a year's notice.  A day_off row that names a
-- holiday replaces the rule-derived days of that holiday for that year (no
-- double counting, no compensation beyond the notice); one without a holiday
-- is an extra day off.  A working_day row makes a rest day worked.
CREATE TABLE motcua.calendar_override (
	calendar	text NOT NULL REFERENCES motcua.calendar ON UPDATE CASCADE ON DELETE CASCADE,
	day			date NOT NULL,
	kind		text NOT NULL CHECK (kind IN ('day_off', 'working_day')),
	holiday		text CHECK (holiday ~ '^[a-z][a-z0-9_]{0,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	legal_reference text NOT NULL CHECK (legal_reference <> ''),
	shipped		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (calendar, day),
	CHECK (kind = 'day_off' OR holiday IS NULL)
);
COMMENT ON TABLE motcua.calendar_override IS 'days fixed by a year''s notice: days off (replacing a holiday''s rule-derived days when holiday is set) and worked rest days';

-- Every change to a calendar is kept, so a deadline computed under an old
-- version can be explained and recomputed.
CREATE TABLE motcua.calendar_change (
	id			bigint GENERATED ALWAYS AS IDENTITY,
	changed_at	timestamptz NOT NULL DEFAULT now(),
	changed_by	name NOT NULL DEFAULT current_user,
	table_name	text NOT NULL,
	operation	text NOT NULL,
	old_row		jsonb,
	new_row		jsonb,
	-- pg_restore re-inserts calendar rows (which logs them again, at restore
	-- time, with fresh ids) and then the original log with its own ids: the
	-- time keeps both apart.
	PRIMARY KEY (changed_at, id)
);
COMMENT ON TABLE motcua.calendar_change IS 'append-only log of every calendar edit (a restore logs the restored rows too)';

-- The signal of motcua's per-backend caches (cacheinval.c): a relcache
-- invalidation of this empty table, queued by invalidate_caches(), makes
-- every session rebuild its cached calendars and procedure components once
-- the change commits.
CREATE TABLE motcua.cache_signal ();
COMMENT ON TABLE motcua.cache_signal IS 'empty; its invalidation tells every session to rebuild motcua''s caches';
CREATE FUNCTION motcua.invalidate_caches() RETURNS void
	AS 'MODULE_PATHNAME', 'motcua_invalidate_caches'
	LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION motcua.invalidate_caches() IS 'drop every session''s cached calendars and procedure data once this transaction commits';
-- cache_changed: statement trigger for the other tables the caches read.
CREATE FUNCTION motcua.cache_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM motcua.invalidate_caches();
	RETURN NULL;
END
$$;

-- calendar_changed logs a change and invalidates the cached calendars.
CREATE FUNCTION motcua.calendar_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO motcua.calendar_change (table_name, operation, old_row, new_row)
	VALUES (TG_TABLE_NAME, TG_OP,
			CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END,
			CASE WHEN TG_OP IN ('UPDATE', 'INSERT') THEN to_jsonb(NEW) END);
	PERFORM motcua.invalidate_caches();
	RETURN NULL;
END
$$;
-- The national calendar VN: Labor Code 2019 Art. 112 (and the earlier rules
-- with the years they applied), plus the 2025 notice.
INSERT INTO motcua.calendar (code, name, note, shipped) VALUES
	('VN', 'Lịch làm việc của cơ quan hành chính nhà nước', 'national calendar: Saturday and Sunday rest, office hours 08:00-12:00 and 13:00-17:00', true);
INSERT INTO motcua.calendar_holiday (calendar, code, name, basis, month, day, start_offset, length, from_year, to_year, legal_basis, shipped) VALUES
	('VN', 'new_year', 'Tết Dương lịch', 'solar', 1, 1, 0, 1, 2000, NULL, 'Bộ luật Lao động 2019, Điều 112', true),
	('VN', 'tet', 'Tết Âm lịch', 'lunar', 1, 1, -1, 4, 2000, 2012, 'Bộ luật Lao động 1994 (sửa đổi 2007), Điều 73', true),
	('VN', 'tet', 'Tết Âm lịch', 'lunar', 1, 1, -1, 5, 2013, NULL, 'Bộ luật Lao động 2019, Điều 112 (5 ngày từ 2013)', true),
	('VN', 'hung_kings', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'lunar', 3, 10, 0, 1, 2007, NULL, 'Bộ luật Lao động 2019, Điều 112', true),
	('VN', 'reunification', 'Ngày Chiến thắng (30/4)', 'solar', 4, 30, 0, 1, 2000, NULL, 'Bộ luật Lao động 2019, Điều 112', true),
	('VN', 'labour_day', 'Ngày Quốc tế lao động (1/5)', 'solar', 5, 1, 0, 1, 2000, NULL, 'Bộ luật Lao động 2019, Điều 112', true),
	('VN', 'national_day', 'Quốc khánh (2/9)', 'solar', 9, 2, 0, 1, 2000, 2020, 'Bộ luật Lao động 2012, Điều 115', true),
	('VN', 'national_day', 'Quốc khánh (2/9 và 1 ngày liền kề)', 'solar', 9, 2, -1, 2, 2021, NULL, 'Bộ luật Lao động 2019, Điều 112; ngày liền kề do thông báo hằng năm ấn định', true);
INSERT INTO motcua.calendar_override (calendar, day, kind, holiday, name, legal_reference, shipped) VALUES
	('VN', '2025-01-27', 'day_off', 'tet', 'Tết Ất Tỵ 2025', 'Thông báo 6150/TB-LĐTBXH (2024) về lịch nghỉ Tết 2025', true),
	('VN', '2025-01-28', 'day_off', 'tet', 'Tết Ất Tỵ 2025', 'Thông báo 6150/TB-LĐTBXH (2024) về lịch nghỉ Tết 2025', true),
	('VN', '2025-01-29', 'day_off', 'tet', 'Tết Ất Tỵ 2025', 'Thông báo 6150/TB-LĐTBXH (2024) về lịch nghỉ Tết 2025', true),
	('VN', '2025-01-30', 'day_off', 'tet', 'Tết Ất Tỵ 2025', 'Thông báo 6150/TB-LĐTBXH (2024) về lịch nghỉ Tết 2025', true),
	('VN', '2025-01-31', 'day_off', 'tet', 'Tết Ất Tỵ 2025', 'Thông báo 6150/TB-LĐTBXH (2024) về lịch nghỉ Tết 2025', true),
	('VN', '2025-05-02', 'day_off', NULL, 'Nghỉ hoán đổi dịp 30/4-1/5/2025', 'Thông báo hoán đổi ngày làm việc 2025: nghỉ thứ Sáu 2/5, làm bù thứ Bảy 26/4', true),
	('VN', '2025-04-26', 'working_day', NULL, 'Làm bù cho ngày nghỉ 2/5/2025', 'Thông báo hoán đổi ngày làm việc 2025: nghỉ thứ Sáu 2/5, làm bù thứ Bảy 26/4', true);

-- Rows shipped with the extension are maintained by its upgrade scripts;
-- local changes go into new rows or into a child calendar (see
-- motcua.protect_shipped_rows).  Edits are logged and invalidate the caches;
-- TRUNCATE would bypass both, so it is refused.
SELECT motcua.ship_table(t) FROM unnest('{motcua.calendar,motcua.calendar_holiday,motcua.calendar_override}'::regclass[]) t;
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE ON motcua.calendar
	FOR EACH ROW EXECUTE FUNCTION motcua.calendar_changed();
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE ON motcua.calendar_holiday
	FOR EACH ROW EXECUTE FUNCTION motcua.calendar_changed();
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE ON motcua.calendar_override
	FOR EACH ROW EXECUTE FUNCTION motcua.calendar_changed();


SELECT pg_catalog.pg_extension_config_dump('motcua.calendar_change', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.calendar_change_id_seq', '');

ALTER TABLE motcua.jurisdiction ADD FOREIGN KEY (calendar) REFERENCES motcua.calendar ON UPDATE CASCADE;
ALTER TABLE motcua.unit ADD FOREIGN KEY (calendar) REFERENCES motcua.calendar ON UPDATE CASCADE;

-- Lunar calendar (Vietnamese, UTC+7, Hồ Ngọc Đức's astronomical method).
CREATE FUNCTION motcua.lunar_to_solar(year integer, month integer, day integer, leap boolean DEFAULT false)
	RETURNS date AS 'MODULE_PATHNAME', 'motcua_lunar_to_solar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.lunar_to_solar(integer, integer, integer, boolean) IS
	'solar date of a Vietnamese lunar date (years 1900-2199); 22008 for a date that does not exist';
CREATE FUNCTION motcua.solar_to_lunar(date, OUT year integer, OUT month integer, OUT day integer, OUT leap boolean)
	RETURNS record AS 'MODULE_PATHNAME', 'motcua_solar_to_lunar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.solar_to_lunar(date) IS 'Vietnamese lunar date (UTC+7) of a solar date';

-- Working days and deadlines.  STABLE, not IMMUTABLE: the answer follows
-- the calendar tables.
CREATE FUNCTION motcua.is_working_day(date, calendar text DEFAULT 'VN') RETURNS boolean
	AS 'MODULE_PATHNAME', 'motcua_is_working_day'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
CREATE FUNCTION motcua.add_working_days(start timestamptz, days numeric, calendar text DEFAULT 'VN')
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_days(timestamptz, numeric, text) IS
	'deadline of a dossier received at start with a duration of days working days: counted from the next working day, N days end at 17:00 of the Nth, 0.5 at 12:00';
CREATE FUNCTION motcua.add_working_days(start timestamptz, days numeric, calendar text, cutoff time)
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_days(timestamptz, numeric, text, time) IS
	'as add_working_days, a receipt after the procedure''s cut-off (not at it) counting as received the next working day';
-- Integer, float and untyped arguments resolve to this variant (float8 is
-- the preferred numeric type), which skips numeric arithmetic.
CREATE FUNCTION motcua.add_working_days(start timestamptz, days double precision, calendar text DEFAULT 'VN')
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days_float8'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_days(timestamptz, double precision, text) IS
	'add_working_days for integer and untyped arguments; same rules, a multiple of 0.001 day';
CREATE FUNCTION motcua.add_working_days(start timestamptz, days double precision, calendar text, cutoff time)
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days_float8'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
CREATE FUNCTION motcua.add_working_hours(start timestamptz, hours numeric, calendar text DEFAULT 'VN')
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_hours'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_hours(timestamptz, numeric, text) IS
	'the instant hours of office time after start (a start outside office hours begins at the next office moment)';
CREATE FUNCTION motcua.add_working_hours(start timestamptz, hours numeric, calendar text, cutoff time)
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_hours'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_hours(timestamptz, numeric, text, time) IS
	'deadline in working hours of a dossier received at start: a receipt after the cut-off, after closing or on a day off runs from 08:00 of the next working day';
CREATE FUNCTION motcua.working_days_between(a timestamptz, b timestamptz, calendar text DEFAULT 'VN',
											clock_stops tstzrange[] DEFAULT '{}')
	RETURNS numeric AS 'MODULE_PATHNAME', 'motcua_working_days_between'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.working_days_between(timestamptz, timestamptz, text, tstzrange[]) IS
	'office time between a and b in working days (8 working hours = 1 day), less the office time inside the clock stops';
CREATE FUNCTION motcua.calendar_days(calendar text, from_day date, to_day date,
									 OUT day date, OUT working boolean, OUT reason text, OUT legal_reference text)
	RETURNS SETOF record AS 'MODULE_PATHNAME', 'motcua_calendar_days'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 31;
COMMENT ON FUNCTION motcua.calendar_days(text, date, date) IS
	'each day of a range with whether it is a working day and why not';

-- wall_clock: an instant as the wall-clock time at a UTC offset.  A SQL
-- expression the planner inlines, for queries that already hold the
-- calendar's offset (the KPI facts, millions of rows at a time).
CREATE FUNCTION motcua.wall_clock(at timestamptz, utc_offset interval) RETURNS timestamp
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT (at AT TIME ZONE 'UTC') + utc_offset
$$;

-- local_time: an instant as the wall-clock time of a calendar's offices
-- (its UTC offset, not the session's time zone), the basis of every local
-- date motcua derives: dossier code dates, report days, portal dates.
CREATE FUNCTION motcua.local_time(at timestamptz, calendar text DEFAULT 'VN') RETURNS timestamp
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	off interval;
BEGIN
	SELECT c.utc_offset INTO off FROM motcua.calendar c WHERE c.code = local_time.calendar;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'calendar "%" does not exist', calendar USING ERRCODE = 'undefined_object';
	END IF;
	RETURN motcua.wall_clock(at, off);
END
$$;
COMMENT ON FUNCTION motcua.local_time(timestamptz, text) IS
	'the wall-clock time of an instant in a calendar''s offices (its UTC offset)';

CREATE FUNCTION motcua.effective_receipt_day(start timestamptz, calendar text DEFAULT 'VN')
	RETURNS date AS 'MODULE_PATHNAME', 'motcua_effective_receipt_day'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.effective_receipt_day(timestamptz, text) IS
	'the working day a receipt at start counts as: the same day up to closing time (17:00:00 included), else the next working day';
CREATE FUNCTION motcua.effective_receipt_day(start timestamptz, calendar text, cutoff time)
	RETURNS date AS 'MODULE_PATHNAME', 'motcua_effective_receipt_day'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.effective_receipt_day(timestamptz, text, time) IS
	'as effective_receipt_day, a receipt after the cut-off (not at it) counting as received the next working day';

-- explain_deadline: one row per calendar day from the receipt to the
-- deadline, what an officer shows a person who disputes a date.
-- With a cut-off (a procedure's receipt_cutoff), a receipt after it counts
-- from the next working day, as receive() counts it.
CREATE FUNCTION motcua.explain_deadline(start timestamptz, days numeric, calendar text DEFAULT 'VN',
										cutoff time DEFAULT NULL)
	RETURNS TABLE (day date, weekday text, counted boolean, working_day_no integer, reason text,
				   legal_reference text, deadline timestamptz)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	WITH p AS (
		SELECT CASE WHEN cutoff IS NULL THEN motcua.add_working_days(start, days, calendar)
					ELSE motcua.add_working_days(start, days, calendar, cutoff) END AS due,
			   CASE WHEN cutoff IS NULL THEN motcua.effective_receipt_day(start, calendar)
					ELSE motcua.effective_receipt_day(start, calendar, cutoff) END AS receipt,
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
				WHEN d.day = d.receipt
					THEN 'counts as the day of receipt (received outside office hours or after the cut-off); counting starts the next working day'
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

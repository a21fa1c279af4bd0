-- Working-day calendars, the Vietnamese lunar calendar and legal deadlines
-- (docs/domain.md §4).  A calendar is data: weekly rest days, office hours,
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
-- motcua_internal.protect_shipped_rows).  Edits are logged and invalidate the caches;
-- TRUNCATE would bypass both, so it is refused.
SELECT motcua_internal.ship_table(t) FROM unnest('{motcua.calendar,motcua.calendar_holiday,motcua.calendar_override}'::regclass[]) t;


SELECT pg_catalog.pg_extension_config_dump('motcua.calendar_change', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.calendar_change_id_seq', '');

ALTER TABLE motcua.jurisdiction ADD FOREIGN KEY (calendar) REFERENCES motcua.calendar ON UPDATE CASCADE;
ALTER TABLE motcua.unit ADD FOREIGN KEY (calendar) REFERENCES motcua.calendar ON UPDATE CASCADE;

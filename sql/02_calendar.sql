-- Working-day calendars and legal deadlines (docs/domain.md §4).
\set SHOW_CONTEXT never
SET search_path = motcua, motcua_internal, public;
SET timezone = 'Asia/Ho_Chi_Minh';
SET datestyle = 'ISO, YMD';

-- Tết and Hùng Kings' day from the lunar calendar
SELECT y, lunar_to_solar(y, 1, 1) AS tet, lunar_to_solar(y, 3, 10) AS hung_kings
FROM generate_series(2021, 2030) y;
SELECT (solar_to_lunar('2025-01-29')).*;
SELECT (solar_to_lunar('2025-07-25')).*;      -- first day of leap month 6 of 2025
SELECT lunar_to_solar(2025, 6, 1, true);
-- invalid lunar dates
SELECT lunar_to_solar(2025, 13, 1);
SELECT lunar_to_solar(2025, 1, 31);
SELECT lunar_to_solar(2025, 4, 1, true);
SELECT lunar_to_solar(2025, 2, 30);

-- The national calendar around Tết 2025: the notice's days (27-31 January)
-- replace the rule-derived ones, with no compensation day after them.
SELECT * FROM calendar_days('VN', '2025-01-24', '2025-02-04');
-- A deadline spanning Tết 2025
SELECT add_working_days('2025-01-24 10:00', 3);
SELECT * FROM explain_deadline('2025-01-24 10:00', 3);
-- The same span computed from the rules alone (2026 has no notice loaded):
-- Tết 2026 is 16-20 February (the last day of the old year and days 1-4).
SELECT * FROM calendar_days('VN', '2026-02-13', '2026-02-23');
SELECT add_working_days('2026-02-13 09:00', 2);

-- The worked Saturday 26 April 2025 counts; the swapped Friday 2 May does not.
SELECT * FROM calendar_days('VN', '2025-04-25', '2025-05-05');
SELECT add_working_days('2025-04-24 10:00', 2) AS on_worked_saturday,
       add_working_days('2025-04-29 10:00', 1) AS skips_holidays_and_swap;

-- A rule-derived holiday on a Sunday is compensated on the next working day
-- (1 January 2023 was a Sunday; 30 April 2023 too, and 1 May is itself a
-- holiday, so its compensation falls on 2 May).
SELECT * FROM calendar_days('VN', '2022-12-31', '2023-01-03');
SELECT * FROM calendar_days('VN', '2023-04-29', '2023-05-03');

-- Day conventions: counting starts the next working day; N days end at
-- 17:00 of the Nth; 0.5 at 12:00 of the first; 1.5 at 12:00 of the second.
SELECT add_working_days('2025-11-18 09:00', 1) AS one_day,
       add_working_days('2025-11-18 09:00', 0.5) AS half_day,
       add_working_days('2025-11-18 09:00', 1.5) AS day_and_a_half,
       add_working_days('2025-11-18 09:00', 0) AS same_day,
       add_working_days('2025-11-18 09:00', 2.25) AS two_and_a_quarter;
-- integer, untyped and numeric durations give the same deadline
SELECT add_working_days('2025-11-18 09:00', 3) = add_working_days('2025-11-18 09:00', 3.000) AS int_eq_numeric,
       add_working_days('2025-11-18 09:00', '1.5') = add_working_days('2025-11-18 09:00', 1.5) AS untyped_eq_numeric,
       add_working_days('2025-11-18 09:00', 1.5::float8) AS float_half;
SELECT add_working_days('2025-11-18 09:00', 1.0001::float8);
-- receipt outside office hours counts from the next working day
SELECT add_working_days('2025-11-18 17:30', 1) AS after_hours,
       add_working_days('2025-11-18 07:00', 1) AS before_opening,
       add_working_days('2025-11-22 10:00', 1) AS on_saturday,
       add_working_days('2025-11-18 12:30', 1) AS lunch_break;
-- a procedure's receipt cut-off
SELECT add_working_days('2025-11-18 15:30', 1, 'VN', '15:00') AS after_cutoff,
       add_working_days('2025-11-18 14:59', 1, 'VN', '15:00') AS before_cutoff;
SELECT effective_receipt_day('2025-11-21 17:01'), effective_receipt_day('2025-11-21 16:59');

-- Hour deadlines run through office hours only, across a weekend.
SELECT add_working_hours('2025-11-21 16:00', 4) AS friday_plus_4h,
       add_working_hours('2025-11-21 10:00', 2) AS ends_at_noon,
       add_working_hours('2025-11-21 10:00', 2.5) AS skips_lunch,
       add_working_hours('2025-11-22 10:00', 1) AS from_saturday,
       add_working_hours('2025-11-21 16:00', 0) AS zero_hours;

-- Office time between two instants, and clock stops subtracted.
SELECT working_days_between('2025-11-21 08:00', '2025-11-24 17:00') AS fri_to_mon,
       working_days_between('2025-11-21 15:00', '2025-11-24 10:00') AS partial_days,
       working_days_between('2025-11-24 10:00', '2025-11-21 15:00') AS reversed;
SELECT working_days_between('2025-11-17 08:00', '2025-11-28 17:00') AS two_weeks,
       working_days_between('2025-11-17 08:00', '2025-11-28 17:00', 'VN',
           ARRAY[tstzrange('2025-11-18 08:00', '2025-11-20 08:00')]) AS two_day_stop,
       working_days_between('2025-11-17 08:00', '2025-11-28 17:00', 'VN',
           ARRAY[tstzrange('2025-11-18 08:00', '2025-11-20 08:00'),
                 tstzrange('2025-11-19 08:00', '2025-11-21 12:00'),
                 tstzrange('2025-11-10 08:00', '2025-11-17 12:00')]) AS overlapping_stops;

-- A calendar of a province inherits the national one and adds its own days.
INSERT INTO calendar (code, name, parent) VALUES ('VN-H22', 'Lịch tỉnh Quảng Ninh', 'VN');
INSERT INTO calendar_override (calendar, day, kind, name, legal_reference)
VALUES ('VN-H22', '2025-11-24', 'day_off', 'Ngày nghỉ địa phương (ví dụ)', 'Quyết định mẫu của UBND tỉnh');
SELECT is_working_day('2025-11-24', 'VN') AS national, is_working_day('2025-11-24', 'VN-H22') AS province,
       is_working_day('2025-01-27', 'VN-H22') AS inherited_tet;
-- an edit is seen at once by this session
UPDATE calendar_override SET kind = 'working_day' WHERE calendar = 'VN-H22' AND day = '2025-11-24';
DELETE FROM calendar_override WHERE calendar = 'VN-H22';
SELECT is_working_day('2025-11-24', 'VN-H22');
SELECT table_name, operation FROM calendar_change ORDER BY id;
DELETE FROM calendar WHERE code = 'VN-H22';

-- Errors
SELECT is_working_day('2025-01-01', 'XX');
SELECT add_working_days('2025-01-01', -1);
SELECT add_working_days('2025-01-01', 'NaN');
SELECT add_working_days('2025-01-01', 1.0001);
SELECT add_working_days('2099-12-20', 30);
SELECT add_working_days('infinity', 1);
SELECT add_working_hours('2025-01-01', -2);
SELECT working_days_between('2025-01-01', '2025-01-10', 'VN', ARRAY[tstzrange('2025-01-02', NULL)]);
SELECT add_working_days(NULL, 1) IS NULL AS strict;
INSERT INTO calendar (code, name, morning_start, morning_end) VALUES ('BAD', 'x', '12:00', '08:00');
INSERT INTO calendar_holiday (calendar, code, name, basis, month, day) VALUES ('VN', 'bad', 'x', 'solar', 2, 30);
SELECT add_working_days('2100-12-28', 5);
SELECT is_working_day('1999-12-31');
-- rows shipped with the extension stay as shipped; TRUNCATE is refused
UPDATE calendar_override SET kind = 'working_day' WHERE calendar = 'VN' AND day = '2025-01-27';
DELETE FROM calendar_holiday WHERE code = 'tet';
TRUNCATE calendar_override;
-- new notice rows are allowed: one naming Tết replaces its rule days that year
INSERT INTO calendar_override (calendar, day, kind, holiday, name, legal_reference)
VALUES ('VN', '2026-02-16', 'day_off', 'tet', 'Tết 2026 (thử)', 'thông báo thử');
SELECT count(*) FILTER (WHERE NOT working) AS days_off_feb_2026 FROM calendar_days('VN', '2026-02-01', '2026-02-28');
DELETE FROM calendar_override WHERE calendar = 'VN' AND day = '2026-02-16';
SELECT count(*) FILTER (WHERE NOT working) AS days_off_feb_2026 FROM calendar_days('VN', '2026-02-01', '2026-02-28');

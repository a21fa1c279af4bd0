-- A year's holiday notice is loaded as a whole by load_notice: checked
-- against the statutory holidays and the swaps, replacing the year's
-- earlier notice atomically, and refused with 22023 (nothing written) when
-- it leaves a holiday short.  (tests/sh/007_access.sh loads one logged in
-- as the administrator.)
BEGIN;
SELECT plan(24);
SET LOCAL search_path = motcua, motcua_internal, public;
SET LOCAL timezone = 'Asia/Ho_Chi_Minh';

-- the Tết 2026 notice: Saturday 14 to Sunday 22 February (5 statutory
-- working days off, Monday 16 to Friday 20, and the weekends around them)
SELECT is((SELECT array_agg(item || ':' || statutory || ':' || in_notice ORDER BY item) FROM load_notice('VN', 2026,
			  (SELECT jsonb_agg(jsonb_build_object('day', d::date, 'kind', 'day_off', 'holiday', 'tet'))
			   FROM generate_series(date '2026-02-14', date '2026-02-22', interval '1 day') d),
			  'Thông báo lịch nghỉ Tết 2026 (thử)')),
		  '{tet:5:5}', 'the Tết notice loads: 5 statutory days, 5 working days off in the notice');
SELECT is((SELECT array_agg(working ORDER BY day) FROM calendar_days('VN', '2026-02-13', '2026-02-23')),
		  '{t,f,f,f,f,f,f,f,f,f,t}', 'Friday 13 and Monday 23 are working days, the nine days between are not');
SELECT is((SELECT count(*) FROM calendar_override WHERE calendar = 'VN' AND day BETWEEN '2026-01-01' AND '2026-12-31'),
		  9::bigint, 'nine rows of the notice');
SELECT is((SELECT count(*) FROM calendar_change WHERE changed_by = session_user AND table_name = 'calendar_override'
		   AND changed_at = now()), 9::bigint, 'each logged in calendar_change with the login that loaded it');

-- a later notice for the year replaces the earlier one as a whole
SELECT is((SELECT array_agg(item || ':' || statutory || ':' || in_notice ORDER BY item) FROM load_notice('VN', 2026, '[
	{"day": "2026-01-01", "kind": "day_off", "holiday": "new_year"},
	{"day": "2026-01-02", "kind": "day_off"},
	{"day": "2026-01-10", "kind": "worked"},
	{"day": "2026-02-16", "kind": "day_off", "holiday": "tet"}, {"day": "2026-02-17", "kind": "day_off", "holiday": "tet"},
	{"day": "2026-02-18", "kind": "day_off", "holiday": "tet"}, {"day": "2026-02-19", "kind": "day_off", "holiday": "tet"},
	{"day": "2026-02-20", "kind": "day_off", "holiday": "tet", "name": "Mùng 4 Tết"}]', 'Thông báo thay thế (thử)')),
		  '{new_year:1:1,"swapped days off / worked rest days:1:1",tet:5:5}', 'a second notice for 2026 loads, with one swap');
SELECT is((SELECT count(*) FROM calendar_override WHERE calendar = 'VN' AND day BETWEEN '2026-01-01' AND '2026-12-31'),
		  8::bigint, 'it replaced the first one');
SELECT is((SELECT array_agg(is_working_day(d) ORDER BY d) FROM unnest('{2026-01-02,2026-01-10,2026-02-21,2026-02-23}'::date[]) d),
		  '{f,t,f,t}', 'the swapped Friday is off, the worked Saturday is a working day');
SELECT is((SELECT reason FROM calendar_days('VN', '2026-02-20', '2026-02-20')), 'Mùng 4 Tết', 'a day keeps the name the notice gives it');
SELECT is((SELECT reason FROM calendar_days('VN', '2026-02-17', '2026-02-17')), 'Tết Âm lịch 2026', 'others are named after their holiday');
SELECT is((SELECT DISTINCT legal_reference FROM calendar_override WHERE calendar = 'VN' AND day BETWEEN '2026-01-01' AND '2026-12-31'),
		  'Thông báo thay thế (thử)', 'every row cites the notice');

-- refused, with 22023 and nothing written
SELECT throws_ok($$SELECT * FROM load_notice('VN', 2026, '[{"day": "2026-02-16", "kind": "day_off", "holiday": "tet"}]', 'x')$$,
				 '22023', 'the notice leaves holiday tet short: 1 working days off, the law gives 5',
				 'a one-row Tết notice is refused, naming the holiday and the counts');
SELECT throws_ok($$SELECT * FROM load_notice('VN', 2026,
					(SELECT jsonb_agg(jsonb_build_object('day', d::date, 'kind', 'day_off', 'holiday', 'tet'))
					 FROM generate_series(date '2026-02-14', date '2026-02-19', interval '1 day') d), 'x')$$,
				 '22023', 'the notice leaves holiday tet short: 4 working days off, the law gives 5',
				 'days off on the weekend do not count toward the statutory days');
SELECT throws_ok($$SELECT * FROM load_notice('VN', 2026, '[{"day": "2026-01-02", "kind": "day_off"}]', 'x')$$,
				 '22023', 'the notice swaps 1 days off against 0 worked rest days', 'a swapped day off with no worked day is refused');
SELECT throws_ok($$SELECT * FROM load_notice('VN', 2026, '[{"day": "2026-01-05", "kind": "worked"}, {"day": "2026-02-16", "kind": "day_off", "holiday": "tet_x"},
					{"day": "2027-01-01", "kind": "day_off", "holiday": "new_year"}, {"day": "2026-03-02", "kind": "off"},
					{"day": "2026-01-10", "kind": "worked", "holiday": "tet"}, {"kind": "worked"},
					{"day": "2026-01-17", "kind": "worked"}, {"day": "2026-01-17", "kind": "worked"}]', 'x')$$,
				 '22023', 'the notice for VN in 2026 is not valid', 'a notice with bad entries is refused');
CREATE FUNCTION pg_temp.error_detail(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	d text;
BEGIN
	EXECUTE q;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN d;
END
$$;
SELECT is(pg_temp.error_detail($$SELECT * FROM load_notice('VN', 2026, '[{"day": "2026-01-05", "kind": "worked"}, {"day": "2026-02-16", "kind": "day_off", "holiday": "tet_x"},
					{"day": "2027-01-01", "kind": "day_off", "holiday": "new_year"}, {"day": "2026-03-02", "kind": "off"},
					{"day": "2026-01-10", "kind": "worked", "holiday": "tet"}, {"kind": "worked"},
					{"day": "2026-01-17", "kind": "worked"}, {"day": "2026-01-17", "kind": "worked"}]', 'x')$$),
		  'entry 1: worked day 2026-01-05 is not a weekly rest day; entry 2: tet_x is not a statutory holiday of calendar VN in 2026; '
		  'entry 3: 2027-01-01 is not in 2026; entry 4: kind off is neither "day_off" nor "worked"; '
		  'entry 5: worked day 2026-01-10 names holiday tet; entry 6: no "day"; '
		  'entry 7: 2026-01-17 is listed more than once; entry 8: 2026-01-17 is listed more than once.',
		  'its DETAIL lists every failing entry and rule');
SELECT throws_ok($$SELECT * FROM load_notice('VN', 2026, '[{"day": "2026-02-30", "kind": "day_off", "holiday": "tet"}]', 'x')$$,
				 '22007', NULL, 'a day that is not a date is refused');
SELECT throws_ok($$SELECT * FROM load_notice('VN', 2025, '[{"day": "2025-01-04", "kind": "worked"}]', 'x', allow_unbalanced => true)$$,
				 '55000', NULL, 'the notice shipped with motcua (2025) is not replaced');
SELECT throws_ok($$SELECT * FROM load_notice('XX', 2026, '[]', 'x')$$, '42704', NULL, 'an unknown calendar is refused');
SELECT throws_ok($$SELECT * FROM load_notice('VN', 2026, '[]', 'x')$$, '22023', NULL, 'an empty notice is refused');
SELECT throws_ok($$SELECT * FROM load_notice('VN', 2026, '[{"day": "2026-02-16", "kind": "day_off", "holiday": "tet"}]', ' ')$$,
				 '22023', NULL, 'a notice without its reference is refused');
SELECT is((SELECT count(*) FROM calendar_override WHERE calendar = 'VN' AND day BETWEEN '2026-01-01' AND '2026-12-31'),
		  8::bigint, 'the refused notices changed nothing');

-- marked as such, a short holiday or an unbalanced swap is accepted
SELECT is((SELECT array_agg(item || ':' || statutory || ':' || in_notice ORDER BY item) FROM load_notice('VN', 2026,
			  '[{"day": "2026-02-17", "kind": "day_off", "holiday": "tet"}, {"day": "2026-01-02", "kind": "day_off"}]',
			  'x', allow_short => '{tet}', allow_unbalanced => true)),
		  '{"swapped days off / worked rest days:0:1",tet:5:1}', 'a notice marked short and unbalanced loads');
SELECT is((SELECT array_agg(is_working_day(d) ORDER BY d) FROM unnest('{2026-02-16,2026-02-17,2026-02-18}'::date[]) d),
		  '{t,f,t}', 'and means what it says');

-- a province's calendar inherits the national holidays
INSERT INTO calendar (code, name, parent) VALUES ('QN_TEST', 'Lịch thử', 'VN');
SELECT is((SELECT array_agg(item) FROM load_notice('QN_TEST', 2026, '[{"day": "2026-04-27", "kind": "day_off", "holiday": "hung_kings"}]', 'x')),
		  '{hung_kings}', 'a child calendar''s notice names the national holidays');
SELECT * FROM finish();
ROLLBACK;

-- Lunar calendar and working-day calendar checks through SQL.
BEGIN;
SELECT plan(33);
SET LOCAL search_path = motcua, motcua_internal, public;
SET LOCAL motcua.backdating_window = '3650d';   -- the cases enter past records
SET LOCAL timezone = 'Asia/Ho_Chi_Minh';

-- Tết (lunar 1/1) and Hùng Kings' day (lunar 3/10), 2021-2030.  2030 is a
-- year where the Vietnamese calendar (UTC+7) differs from the Chinese one:
-- the new moon falls at 23:07 in Hà Nội on 2 February, 00:07 on 3 February
-- in Beijing.
SELECT is(lunar_to_solar(y, 1, 1), tet, 'Tết ' || y || ' is ' || tet)
FROM (VALUES (2021, date '2021-02-12'), (2022, '2022-02-01'), (2023, '2023-01-22'), (2024, '2024-02-10'),
			 (2025, '2025-01-29'), (2026, '2026-02-17'), (2027, '2027-02-06'), (2028, '2028-01-26'),
			 (2029, '2029-02-13'), (2030, '2030-02-02')) v(y, tet);
SELECT is(lunar_to_solar(y, 3, 10), hung, 'Hùng Kings'' day ' || y || ' is ' || hung)
FROM (VALUES (2021, date '2021-04-21'), (2022, '2022-04-10'), (2023, '2023-04-29'), (2024, '2024-04-18'),
			 (2025, '2025-04-07'), (2026, '2026-04-26'), (2027, '2027-04-16'), (2028, '2028-04-04'),
			 (2029, '2029-04-23'), (2030, '2030-04-12')) v(y, hung);
SELECT is(lunar_to_solar(1968, 1, 1), date '1968-01-29', 'Tết Mậu Thân 1968 is 29 January in Vietnam (30 January in China)');
SELECT is(lunar_to_solar(1985, 1, 1), date '1985-01-21', 'Tết 1985 is 21 January in Vietnam (20 February in China)');
SELECT is(lunar_to_solar(2007, 1, 1), date '2007-02-17', 'Tết 2007 is 17 February in Vietnam (18 February in China)');

-- Every day of 1968-2100 converts to a lunar date and back to itself.
SELECT is((SELECT count(*) FROM generate_series(date '1968-01-01', date '2100-12-31', interval '1 day') g(d),
				LATERAL solar_to_lunar(g.d::date) l
		   WHERE lunar_to_solar(l.year, l.month, l.day, l.leap) <> g.d::date), 0::bigint,
		  'solar -> lunar -> solar is the identity for every day of 1968-2100');
SELECT is((SELECT count(*) FROM generate_series(1968, 2100) y
		   WHERE lunar_to_solar(y, 1, 1) NOT BETWEEN make_date(y, 1, 19) AND make_date(y, 2, 21)), 0::bigint,
		  'Tết falls between 19 January and 21 February in every year 1968-2100');

SELECT throws_ok($$SELECT lunar_to_solar(2024, 5, 1, true)$$, '22008', NULL, 'a leap month that does not exist is 22008');
SELECT throws_ok($$SELECT lunar_to_solar(1800, 1, 1)$$, '22008', NULL, 'a year outside 1900-2199 is 22008');
SELECT throws_ok($$SELECT add_working_days('2025-01-01', 1, 'nowhere')$$, '42704', 'calendar "nowhere" does not exist', 'unknown calendar is 42704');
SELECT throws_ok($$SELECT add_working_days('2025-01-01', -0.5)$$, '22023', NULL, 'negative days are 22023');
SELECT throws_ok($$SELECT add_working_hours('2025-01-01', 'Infinity')$$, '22023', NULL, 'infinite hours are 22023');
SELECT ok(provolatile = 's', oid::regprocedure || ' is STABLE, not IMMUTABLE: it follows the calendar tables')
FROM pg_proc WHERE oid IN ('motcua.add_working_days(timestamptz,numeric,text)'::regprocedure,
						   'motcua.is_working_day(date,text)'::regprocedure);
SELECT ok((SELECT provolatile = 'i' FROM pg_proc WHERE oid = 'motcua.lunar_to_solar(integer,integer,integer,boolean)'::regprocedure),
		  'lunar_to_solar is IMMUTABLE');

SELECT * FROM finish();
ROLLBACK;

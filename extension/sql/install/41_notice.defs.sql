-- Loading a year's holiday notice [thông báo nghỉ lễ, Tết] as a whole.

-- load_notice replaces a calendar's notice for a year by the one given,
-- atomically, after checking it: every day lies in the year, a day off
-- names a statutory holiday of the calendar in force that year (or none,
-- for a swapped day off), a worked day is a weekly rest day, no day twice;
-- each holiday the notice names keeps at least its statutory number of
-- days off on working days (the rest are compensation); swapped days off
-- balance the worked rest days.  allow_short names holidays the notice
-- deliberately leaves short; allow_unbalanced accepts swaps that do not
-- balance.  It returns, per holiday named and for the swaps, the
-- statutory count and the count in the notice.
CREATE OR REPLACE FUNCTION motcua.load_notice(calendar text, year integer, days jsonb, legal_reference text,
								   allow_short text[] DEFAULT '{}', allow_unbalanced boolean DEFAULT false)
	RETURNS TABLE (item text, statutory integer, in_notice integer)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	c record;
	bad text;
	r record;
	swapped integer;
	worked integer;
BEGIN
	IF calendar IS NULL OR year IS NULL OR days IS NULL OR legal_reference IS NULL OR allow_short IS NULL
	   OR allow_unbalanced IS NULL THEN
		RAISE EXCEPTION 'load_notice needs a calendar, a year, the days and the legal reference'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_length(legal_reference, 500, 'legal_reference');
	IF btrim(legal_reference) = '' THEN
		RAISE EXCEPTION 'legal_reference must name the notice (number and date)' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT x.code, x.rest_days, x.first_year, x.last_year INTO c FROM motcua.calendar x WHERE x.code = calendar;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'calendar % does not exist', calendar USING ERRCODE = 'undefined_object';
	END IF;
	IF year NOT BETWEEN c.first_year AND c.last_year THEN
		RAISE EXCEPTION 'year % is outside calendar %''s years (% to %)', year, calendar, c.first_year, c.last_year
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF jsonb_typeof(days) <> 'array' OR jsonb_array_length(days) = 0 THEN
		RAISE EXCEPTION 'days must be a non-empty JSON array of {"day", "kind", "holiday"} objects'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;

	-- the notice's days, checked one by one
	CREATE TEMPORARY TABLE IF NOT EXISTS motcua_notice_day (
		n integer, day date, kind text, holiday text, name text) ON COMMIT DROP;
	TRUNCATE motcua_notice_day;
	BEGIN
		INSERT INTO motcua_notice_day
		SELECT e.n::integer, (e.v->>'day')::date, e.v->>'kind', e.v->>'holiday', e.v->>'name'
		FROM jsonb_array_elements(days) WITH ORDINALITY e(v, n);
	EXCEPTION WHEN invalid_datetime_format OR datetime_field_overflow OR invalid_parameter_value THEN
		RAISE EXCEPTION 'a day of the notice is not a date: %', SQLERRM
			USING ERRCODE = 'invalid_datetime_format', HINT = 'Write days as "YYYY-MM-DD".';
	END;
	SELECT string_agg(format('entry %s: %s', d.n, d.why), '; ' ORDER BY d.n) INTO bad
	FROM (SELECT x.n,
				 CASE WHEN x.day IS NULL THEN 'no "day"'
					  WHEN NOT isfinite(x.day) OR extract(year FROM x.day) <> year
						  THEN format('%s is not in %s', x.day, year)
					  WHEN x.kind IS NULL OR x.kind NOT IN ('day_off', 'worked')
						  THEN format('kind %s is neither "day_off" nor "worked"', coalesce(x.kind, 'missing'))
					  WHEN x.kind = 'worked' AND x.holiday IS NOT NULL
						  THEN format('worked day %s names holiday %s', x.day, x.holiday)
					  WHEN x.kind = 'worked' AND NOT extract(dow FROM x.day)::smallint = ANY (c.rest_days)
						  THEN format('worked day %s is not a weekly rest day', x.day)
					  WHEN x.holiday IS NOT NULL AND NOT EXISTS (
						  SELECT 1 FROM motcua_internal.holiday_rules_in_force(calendar, year) h WHERE h.code = x.holiday)
						  THEN format('%s is not a statutory holiday of calendar %s in %s', x.holiday, calendar, year)
					  WHEN (SELECT count(*) FROM motcua_notice_day y WHERE y.day = x.day) > 1
						  THEN format('%s is listed more than once', x.day)
					  WHEN length(x.name) > 200 THEN 'name is too long' END AS why
		  FROM motcua_notice_day x) d
	WHERE d.why IS NOT NULL;
	IF bad IS NOT NULL THEN
		RAISE EXCEPTION 'the notice for % in % is not valid', calendar, year
			USING ERRCODE = 'invalid_parameter_value', DETAIL = bad || '.';
	END IF;

	-- the counts: each named holiday's days off on working days against the
	-- statutory number; swapped days off against worked rest days
	FOR r IN
		SELECT h.code, h.length, count(x.day) FILTER (WHERE NOT extract(dow FROM x.day)::smallint = ANY (c.rest_days))::integer AS n
		FROM motcua_internal.holiday_rules_in_force(calendar, year) h
		JOIN motcua_notice_day x ON x.holiday = h.code
		GROUP BY h.code, h.length ORDER BY h.code
	LOOP
		IF r.n < r.length AND NOT r.code = ANY (allow_short) THEN
			RAISE EXCEPTION 'the notice leaves holiday % short: % working days off, the law gives %', r.code, r.n, r.length
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = format('List every day off of %s, or pass allow_short => ''{%s}'' if the notice really gives fewer.',
									r.code, r.code);
		END IF;
		item := r.code; statutory := r.length; in_notice := r.n;
		RETURN NEXT;
	END LOOP;
	SELECT count(*) FILTER (WHERE x.kind = 'day_off' AND x.holiday IS NULL),
		   count(*) FILTER (WHERE x.kind = 'worked') INTO swapped, worked
	FROM motcua_notice_day x;
	IF swapped <> worked AND NOT allow_unbalanced THEN
		RAISE EXCEPTION 'the notice swaps % days off against % worked rest days', swapped, worked
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Each swapped day off is made up on a worked rest day; pass allow_unbalanced => true if the notice really differs.';
	END IF;
	IF swapped > 0 OR worked > 0 THEN
		item := 'swapped days off / worked rest days'; statutory := worked; in_notice := swapped;
		RETURN NEXT;
	END IF;

	-- replace the year's earlier notice
	IF EXISTS (SELECT 1 FROM motcua.calendar_override o WHERE o.calendar = calendar AND o.shipped
			   AND o.day >= make_date(year, 1, 1) AND o.day < make_date(year + 1, 1, 1)) THEN
		RAISE EXCEPTION 'the % notice of calendar % ships with motcua and cannot be replaced', year, calendar
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	DELETE FROM motcua.calendar_override o
	WHERE o.calendar = calendar AND o.day >= make_date(year, 1, 1) AND o.day < make_date(year + 1, 1, 1);
	INSERT INTO motcua.calendar_override (calendar, day, kind, holiday, name, legal_reference)
	SELECT calendar, x.day, CASE x.kind WHEN 'worked' THEN 'working_day' ELSE 'day_off' END, x.holiday,
		   coalesce(x.name,
					CASE WHEN x.holiday IS NOT NULL
						 THEN (SELECT h.name FROM motcua_internal.holiday_rules_in_force(calendar, year) h
							   WHERE h.code = x.holiday LIMIT 1) || ' ' || year
						 WHEN x.kind = 'worked' THEN 'Ngày làm bù'
						 ELSE 'Ngày nghỉ hoán đổi' END),
		   legal_reference
	FROM motcua_notice_day x;
	DROP TABLE motcua_notice_day;
END
$$;
COMMENT ON FUNCTION motcua.load_notice(text, integer, jsonb, text, text[], boolean) IS
	'load a year''s holiday notice for a calendar as a whole, replacing the earlier one, after checking each holiday''s days off against the law and swaps against worked days';

-- holiday_rules_in_force: the statutory holiday rules of a calendar and its
-- ancestors in force in a year (the nearest calendar's rule wins).
CREATE OR REPLACE FUNCTION motcua_internal.holiday_rules_in_force(calendar text, year integer)
	RETURNS TABLE (code text, name text, length integer)
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	WITH RECURSIVE chain(code, parent, depth) AS (
		SELECT c.code, c.parent, 0 FROM motcua.calendar c WHERE c.code = holiday_rules_in_force.calendar
		UNION ALL
		SELECT c.code, c.parent, ch.depth + 1 FROM motcua.calendar c JOIN chain ch ON c.code = ch.parent
		WHERE ch.depth < 20
	)
	SELECT DISTINCT ON (h.code) h.code, h.name, h.length::integer
	FROM chain ch JOIN motcua.calendar_holiday h ON h.calendar = ch.code
	WHERE holiday_rules_in_force.year BETWEEN h.from_year AND coalesce(h.to_year, holiday_rules_in_force.year)
	ORDER BY h.code, ch.depth
$$;

REVOKE ALL ON FUNCTION motcua.load_notice(text, integer, jsonb, text, text[], boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.load_notice(text, integer, jsonb, text, text[], boolean) TO motcua_admin;

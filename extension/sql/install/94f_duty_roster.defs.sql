-- Duty rosters [lịch trực]: the administrator or a leader of the unit
-- puts a staff member at a counter for the working days of a span; the
-- front-desk KPIs count the staff on duty (80_kpi_5_views.defs.sql).

-- require_roster_right refuses (42501) a roster change at a unit the
-- session neither administers nor leads.
CREATE OR REPLACE FUNCTION motcua_internal.require_roster_right(unit motcua.unit_id) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NOT (motcua_internal.session_is_superuser() OR pg_catalog.pg_has_role(session_user, 'motcua_admin', 'MEMBER')
			OR motcua_internal.leads(unit)) THEN
		RAISE EXCEPTION '% may not set the duty roster of unit %', session_user, unit
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'The administrator or a leader of the unit sets its roster.';
	END IF;
END
$$;

-- set_duty puts login at counter of unit on each working day (the unit's
-- calendar) from from_day to to_day, and returns how many days it wrote.
-- The login must be assigned to the unit on each of those days; a
-- counter already taken, or the login on duty elsewhere, that day is
-- refused (23505) and nothing is written.
CREATE OR REPLACE FUNCTION motcua.set_duty(login name, unit motcua.unit_id, counter text, from_day date, to_day date)
	RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	n integer;
	unassigned date;
BEGIN
	IF login IS NULL OR unit IS NULL OR counter IS NULL OR from_day IS NULL OR to_day IS NULL THEN
		RAISE EXCEPTION 'set_duty needs a login, a unit, a counter and two days' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF counter = '' OR length(counter) > 40 THEN
		RAISE EXCEPTION 'a counter is named by 1 to 40 characters' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF to_day < from_day OR to_day - from_day > 366 THEN
		RAISE EXCEPTION 'the span % to % is not a span of at most a year', from_day, to_day
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	PERFORM motcua_internal.require_receiving_unit(unit, 'dossiers');
	PERFORM motcua_internal.require_roster_right(unit);
	SELECT min(c.day) INTO unassigned
	FROM motcua.calendar_days(motcua_internal.calendar_of_unit(unit), from_day, to_day) c
	WHERE c.working AND NOT EXISTS (
		SELECT 1 FROM motcua.staff_assignment a
		WHERE a.login = set_duty.login AND a.unit OPERATOR(motcua.=) set_duty.unit
		  AND a.valid_from <= c.day AND (a.valid_to IS NULL OR a.valid_to >= c.day));
	IF unassigned IS NOT NULL THEN
		RAISE EXCEPTION '% is not assigned to unit % on %', login, unit, unassigned
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Assign the staff member first (motcua.assign_staff).';
	END IF;
	BEGIN
		INSERT INTO motcua.duty_roster (unit, day, counter, login)
		SELECT unit, c.day, counter, login
		FROM motcua.calendar_days(motcua_internal.calendar_of_unit(unit), from_day, to_day) c
		WHERE c.working;
		GET DIAGNOSTICS n = ROW_COUNT;
	EXCEPTION WHEN unique_violation THEN
		RAISE EXCEPTION 'counter % of unit % or % is already on the roster on a day from % to %',
			counter, unit, login, from_day, to_day
			USING ERRCODE = 'unique_violation', HINT = 'Remove the other duty first (motcua.remove_duty).';
	END;
	RETURN n;
END
$$;
COMMENT ON FUNCTION motcua.set_duty(name, motcua.unit_id, text, date, date) IS
	'put a staff member at a counter of a unit on each working day of a span [lịch trực]; returns the days written';

-- remove_duty takes a staff member off a unit's roster for a span and
-- returns how many days it removed.
CREATE OR REPLACE FUNCTION motcua.remove_duty(login name, unit motcua.unit_id, from_day date, to_day date)
	RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	n integer;
BEGIN
	IF login IS NULL OR unit IS NULL OR from_day IS NULL OR to_day IS NULL THEN
		RAISE EXCEPTION 'remove_duty needs a login, a unit and two days' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_roster_right(unit);
	DELETE FROM motcua.duty_roster r
	WHERE r.login = remove_duty.login AND r.unit OPERATOR(motcua.=) remove_duty.unit AND r.day BETWEEN from_day AND to_day;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;
COMMENT ON FUNCTION motcua.remove_duty(name, motcua.unit_id, date, date) IS
	'take a staff member off a unit''s duty roster for a span; returns the days removed';

-- An officer reads the rosters of their own units; the auditor and the
-- administrator every unit's.
SELECT motcua_internal.protect_rows('duty_roster', $rule$unit OPERATOR(motcua.=) ANY ((SELECT motcua_internal.session_units())::motcua.unit_id[])$rule$);

REVOKE ALL ON FUNCTION motcua_internal.require_roster_right(motcua.unit_id),
	motcua.set_duty(name, motcua.unit_id, text, date, date),
	motcua.remove_duty(name, motcua.unit_id, date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.set_duty(name, motcua.unit_id, text, date, date),
	motcua.remove_duty(name, motcua.unit_id, date, date) TO motcua_admin, motcua_officer;
GRANT SELECT ON motcua.duty_roster TO motcua_admin, motcua_auditor, motcua_officer;

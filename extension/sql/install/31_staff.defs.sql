-- Staff assignments (22_staff.ddl.sql): managing them, and what a login
-- role may see and do because of them (after 30_roles: it grants to the roles).

-- assign_staff assigns a login role to a unit in a position from a day
-- (to a day, or open).  motcua_admin only.
CREATE OR REPLACE FUNCTION motcua.assign_staff(login name, unit motcua.unit_id, "position" text,
											   valid_from date DEFAULT NULL, valid_to date DEFAULT NULL)
	RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	since date := coalesce(valid_from, motcua.local_time(now())::date);
BEGIN
	IF login IS NULL OR unit IS NULL THEN
		RAISE EXCEPTION 'assign_staff needs a login role and a unit' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = login AND r.rolcanlogin) THEN
		RAISE EXCEPTION 'login role "%" does not exist', login USING ERRCODE = 'undefined_object',
			HINT = 'Create it first: CREATE ROLE ... LOGIN IN ROLE motcua_officer.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM motcua.unit u WHERE u.id OPERATOR(motcua.=) unit) THEN
		RAISE EXCEPTION 'unit % does not exist', unit USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM motcua_internal.require_term('staff_position', "position", 'position');
	IF valid_to < since THEN
		RAISE EXCEPTION 'valid_to % is before valid_from %', valid_to, since USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF EXISTS (SELECT 1 FROM motcua.staff_assignment a
			   WHERE a.login = login AND a.unit OPERATOR(motcua.=) unit
				 AND daterange(a.valid_from, a.valid_to, '[]') && daterange(since, valid_to, '[]')) THEN
		RAISE EXCEPTION '% is already assigned to unit % for part of that time', login, unit
			USING ERRCODE = 'unique_violation', HINT = 'End the current assignment first (motcua.end_assignment).';
	END IF;
	INSERT INTO motcua.staff_assignment (login, unit, position, valid_from, valid_to, assigned_by, assigned_at)
	VALUES (login, unit, "position", since, valid_to, session_user, now());
END
$$;
COMMENT ON FUNCTION motcua.assign_staff(name, motcua.unit_id, text, date, date) IS
	'assign a login role to a unit [phân công] as front_desk, specialist or leader (a leader works on the whole subtree), from valid_from (today) to valid_to (open)';

-- end_assignment ends a login role's open assignment to a unit on a day.
CREATE OR REPLACE FUNCTION motcua.end_assignment(login name, unit motcua.unit_id, valid_to date DEFAULT NULL)
	RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	until date := coalesce(valid_to, motcua.local_time(now())::date);
	n integer;
BEGIN
	UPDATE motcua.staff_assignment a SET valid_to = until
	WHERE a.login = login AND a.unit OPERATOR(motcua.=) unit AND a.valid_from <= until
	  AND (a.valid_to IS NULL OR a.valid_to > until);
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n = 0 THEN
		RAISE EXCEPTION '% has no assignment to unit % running on %', login, unit, until USING ERRCODE = 'undefined_object';
	END IF;
END
$$;
COMMENT ON FUNCTION motcua.end_assignment(name, motcua.unit_id, date) IS
	'end a login role''s assignment to a unit on a day (today)';

-- require_unit_access refuses (42501), writing nothing, an action at
-- units the session's login role works at none of (works_at, in
-- 89_staff_units.defs.sql: it needs the unit tree's closure).
CREATE OR REPLACE FUNCTION motcua_internal.require_unit_access(units motcua.unit_id[], what text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NOT motcua_internal.works_at(units) THEN
		RAISE EXCEPTION '% may not %: not assigned to unit %', session_user, what,
			array_to_string(ARRAY(SELECT DISTINCT u::text FROM unnest(units) u ORDER BY 1), ' or ')
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'An administrator assigns staff to units with motcua.assign_staff().';
	END IF;
END
$$;

REVOKE ALL ON FUNCTION motcua.assign_staff(name, motcua.unit_id, text, date, date),
	motcua.end_assignment(name, motcua.unit_id, date),
	motcua_internal.require_unit_access(motcua.unit_id[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.assign_staff(name, motcua.unit_id, text, date, date),
	motcua.end_assignment(name, motcua.unit_id, date) TO motcua_admin;
GRANT EXECUTE ON FUNCTION motcua_internal.require_unit_access(motcua.unit_id[], text)
	TO motcua_admin, motcua_officer, motcua_auditor;
GRANT SELECT ON motcua.staff_assignment TO motcua_admin, motcua_auditor;

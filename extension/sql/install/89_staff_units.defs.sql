-- Where each login role works today, from its assignments (22_staff) and
-- the unit tree's closure (80_kpi.ddl.sql, which is why this part comes
-- this late): read by the row-level security policies (90) and by every
-- function that acts at a unit (require_unit_access, 31_staff).

-- staff_unit: each login role with the units it works at today: those it
-- is assigned to, and for a leader everything below them.  One place for
-- the rule; my_units lists the session's units, works_at probes them.
CREATE OR REPLACE VIEW motcua_internal.staff_unit AS
SELECT a.login, c.descendant AS unit
FROM motcua.staff_assignment a
JOIN motcua_internal.unit_closure c ON c.ancestor OPERATOR(motcua.=) a.unit AND (a.position = 'leader' OR c.depth = 0)
-- (today is computed once per query, not per assignment)
CROSS JOIN (SELECT motcua.local_time(now())::date AS today) t
WHERE a.valid_from <= t.today AND (a.valid_to IS NULL OR a.valid_to >= t.today);
COMMENT ON VIEW motcua_internal.staff_unit IS
	'each login role with the units it works at today (assigned, or below a unit it leads)';

-- my_units: the units the session's login role works at today (what the
-- row-level security policies compare with).
CREATE OR REPLACE FUNCTION motcua_internal.my_units() RETURNS motcua.unit_id[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN ARRAY(SELECT DISTINCT s.unit FROM motcua_internal.staff_unit s WHERE s.login = session_user);
END
$$;
COMMENT ON FUNCTION motcua_internal.my_units() IS
	'the units the session''s login role works at today (a leader: the whole subtree)';

-- works_at: does the session's login role work today at one of the
-- units?  Superusers (the DBA, tests, the demo) work everywhere.  One
-- index probe, not the list.  (PL/pgSQL, not SQL: its plans are kept
-- across calls, and every reception and transition calls it.)
CREATE OR REPLACE FUNCTION motcua_internal.works_at(units motcua.unit_id[]) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = session_user), false)
		   OR EXISTS (SELECT 1 FROM motcua_internal.staff_unit s
					  WHERE s.login = session_user AND s.unit OPERATOR(motcua.=) ANY (units));
END
$$;
COMMENT ON FUNCTION motcua_internal.works_at(motcua.unit_id[]) IS
	'whether the session''s login role works today at one of the units (superusers: everywhere)';

-- reads_every_unit: whether the session reads every unit's rows: the
-- superuser, and the roles that are not officers (auditor, administrator,
-- BI).  An officer reads their own units'.
CREATE OR REPLACE FUNCTION motcua_internal.reads_every_unit() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = session_user), false)
		   OR NOT pg_catalog.pg_has_role(session_user, 'motcua_officer', 'MEMBER')
$$;

REVOKE ALL ON FUNCTION motcua_internal.my_units(), motcua_internal.works_at(motcua.unit_id[]),
	motcua_internal.reads_every_unit() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua_internal.my_units(), motcua_internal.works_at(motcua.unit_id[]),
	motcua_internal.reads_every_unit() TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;

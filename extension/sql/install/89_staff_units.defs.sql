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
-- (today, in Vietnam, is computed once per query, not per assignment)
CROSS JOIN (SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS today) t
WHERE a.valid_from <= t.today AND (a.valid_to IS NULL OR a.valid_to >= t.today);
COMMENT ON VIEW motcua_internal.staff_unit IS
	'each login role with the units it works at today (assigned, or below a unit it leads)';

-- my_units: the units the session's login role works at today (read
-- through session_units, which keeps the answer).
CREATE OR REPLACE FUNCTION motcua_internal.my_units() RETURNS motcua.unit_id[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN ARRAY(SELECT DISTINCT s.unit FROM motcua_internal.staff_unit s WHERE s.login = session_user);
END
$$;
COMMENT ON FUNCTION motcua_internal.my_units() IS
	'the units the session''s login role works at today (a leader: the whole subtree)';

-- session_units: my_units(), kept by each backend until an assignment or
-- the unit tree changes, the day changes or the session's user does
-- (staffcache.c); what the row-level security policies compare with.
CREATE OR REPLACE FUNCTION motcua_internal.session_units() RETURNS motcua.unit_id[]
	AS 'MODULE_PATHNAME', 'motcua_session_units'
	LANGUAGE C STABLE;
CREATE OR REPLACE FUNCTION motcua_internal.session_is_superuser() RETURNS boolean
	AS 'MODULE_PATHNAME', 'motcua_session_is_superuser'
	LANGUAGE C STABLE;
CREATE OR REPLACE TRIGGER cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motcua.staff_assignment
	FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.cache_changed();
CREATE OR REPLACE TRIGGER cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motcua.unit
	FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.cache_changed();

-- works_at: does the session's login role work today at one of the
-- units?  Superusers (the DBA, tests, the demo) work everywhere.  (SQL,
-- so that it is inlined into its callers: every reception and transition
-- calls it.)
CREATE OR REPLACE FUNCTION motcua_internal.works_at(units motcua.unit_id[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT motcua_internal.session_is_superuser() OR units OPERATOR(pg_catalog.&&) motcua_internal.session_units()
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
	motcua_internal.reads_every_unit(), motcua_internal.session_units(), motcua_internal.session_is_superuser() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua_internal.my_units(), motcua_internal.works_at(motcua.unit_id[]),
	motcua_internal.reads_every_unit(), motcua_internal.session_units(), motcua_internal.session_is_superuser()
	TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;

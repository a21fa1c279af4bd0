-- The unit tree's closure, for subtree figures by join.

CREATE OR REPLACE FUNCTION motcua_internal.rebuild_unit_closure() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	DELETE FROM motcua_internal.unit_closure;
	INSERT INTO motcua_internal.unit_closure
	WITH RECURSIVE up(ancestor, descendant, depth) AS (
		SELECT u.id, u.id, 0 FROM motcua.unit u
		UNION ALL
		SELECT p.parent, up.descendant, up.depth + 1
		FROM up JOIN motcua.unit p ON p.id OPERATOR(motcua.=) up.ancestor
		WHERE p.parent IS NOT NULL AND up.depth < 50)
	SELECT ancestor, descendant, depth FROM up;
	RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER unit_closure AFTER INSERT OR UPDATE OF parent OR DELETE OR TRUNCATE ON motcua.unit
	FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.rebuild_unit_closure();
COMMENT ON TABLE motcua_internal.unit_closure IS 'each unit with every ancestor (and itself, depth 0); maintained by a trigger on motcua.unit';

-- protect_shipped_rows keeps rows shipped with the extension as shipped:
-- pg_dump leaves them out (CREATE EXTENSION recreates them on restore), so
-- a local edit would silently vanish in a dump.  Local data goes into new
-- rows instead.
CREATE OR REPLACE FUNCTION motcua_internal.protect_shipped_rows() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF OLD.shipped THEN
		RAISE EXCEPTION 'rows shipped with motcua cannot be changed: % of %', lower(TG_OP), TG_TABLE_NAME
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = format('Row: %s', to_jsonb(OLD)),
				  HINT = 'Add a new row instead: a calendar override or a child calendar whose rows take precedence, or a new national database.';
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

-- refuse_truncate: TRUNCATE would bypass row triggers (logs, shipped rows).
CREATE OR REPLACE FUNCTION motcua_internal.refuse_truncate() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'TRUNCATE of % is not allowed', TG_TABLE_NAME
		USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'Delete the rows you mean instead.';
END
$$;
-- ship_table sets up a table that ships rows with the extension: shipped
-- rows are protected, TRUNCATE is refused, and pg_dump keeps only the local
-- rows (CREATE EXTENSION recreates the shipped ones on restore).  Called
-- from the install script only.
CREATE OR REPLACE FUNCTION motcua_internal.ship_table(tbl regclass) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	EXECUTE format('CREATE TRIGGER protect_shipped BEFORE UPDATE OR DELETE ON %s '
				   'FOR EACH ROW EXECUTE FUNCTION motcua_internal.protect_shipped_rows()', tbl);
	EXECUTE format('CREATE TRIGGER no_truncate BEFORE TRUNCATE ON %s '
				   'FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.refuse_truncate()', tbl);
	PERFORM pg_catalog.pg_extension_config_dump(tbl, 'WHERE NOT shipped');
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.ship_table(regclass) FROM PUBLIC;

CREATE OR REPLACE TRIGGER protect_shipped BEFORE UPDATE OR DELETE ON motcua.national_database
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.protect_shipped_rows();

-- check_unit_tree keeps the unit tree a tree: the parent is in the same
-- jurisdiction, at the same or a higher tier, and not a descendant.
CREATE OR REPLACE FUNCTION motcua_internal.check_unit_tree() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p record;
BEGIN
	IF NEW.parent IS NULL THEN
		RETURN NEW;
	END IF;
	SELECT jurisdiction, tier INTO p FROM motcua.unit WHERE id OPERATOR(motcua.=) NEW.parent;
	IF NOT FOUND THEN
		RETURN NEW;			-- the foreign key reports it
	END IF;
	IF p.jurisdiction <> NEW.jurisdiction THEN
		RAISE EXCEPTION 'unit % cannot have parent % from another jurisdiction', NEW.id, NEW.parent
			USING ERRCODE = 'integrity_constraint_violation',
				  DETAIL = format('The unit is in %s, the parent in %s.', NEW.jurisdiction, p.jurisdiction);
	END IF;
	IF p.tier > NEW.tier THEN
		RAISE EXCEPTION 'unit % at tier % cannot have parent % at lower tier %', NEW.id, NEW.tier, NEW.parent, p.tier
			USING ERRCODE = 'integrity_constraint_violation';
	END IF;
	IF TG_OP = 'UPDATE' AND EXISTS (
		WITH RECURSIVE up(id, parent, depth) AS (
			SELECT u.id, u.parent, 1 FROM motcua.unit u WHERE u.id OPERATOR(motcua.=) NEW.parent
			UNION ALL
			SELECT u.id, u.parent, up.depth + 1 FROM motcua.unit u JOIN up ON u.id OPERATOR(motcua.=) up.parent
			WHERE up.depth < 100)
		SELECT 1 FROM up WHERE up.id OPERATOR(motcua.=) NEW.id) THEN
		RAISE EXCEPTION 'unit % cannot have parent %: that would make a cycle', NEW.id, NEW.parent
			USING ERRCODE = 'integrity_constraint_violation';
	END IF;
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER unit_tree BEFORE INSERT OR UPDATE OF parent, tier, jurisdiction ON motcua.unit
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.check_unit_tree();

-- subject_of finds the subject for a personal ID or tax code, creating it
-- when it is new.  The text is classified by shape: 12 digits is a person,
-- 10 digits or the branch form an organization; anything else is 22P02.
CREATE OR REPLACE FUNCTION motcua_internal.subject_of(identifier text) RETURNS bigint
LANGUAGE plpgsql STRICT SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	sid bigint;
BEGIN
	-- (most subjects come back: look first, insert only a new one; two
	-- sessions inserting the same new one meet in ON CONFLICT)
	IF identifier ~ '^[0-9]{12}$' THEN
		SELECT id INTO sid FROM motcua.subject WHERE personal_id OPERATOR(motcua.=) identifier::motcua.personal_id;
		IF sid IS NULL THEN
			INSERT INTO motcua.subject (kind, personal_id) VALUES ('person', identifier::motcua.personal_id)
				ON CONFLICT (personal_id) DO NOTHING RETURNING id INTO sid;
		END IF;
		IF sid IS NULL THEN
			SELECT id INTO sid FROM motcua.subject WHERE personal_id OPERATOR(motcua.=) identifier::motcua.personal_id;
		END IF;
	ELSIF identifier ~ '^[0-9]{10}(-[0-9]{3})?$' THEN
		SELECT id INTO sid FROM motcua.subject WHERE tax_code OPERATOR(motcua.=) identifier::motcua.tax_code;
		IF sid IS NULL THEN
			INSERT INTO motcua.subject (kind, tax_code) VALUES ('organization', identifier::motcua.tax_code)
				ON CONFLICT (tax_code) DO NOTHING RETURNING id INTO sid;
		END IF;
		IF sid IS NULL THEN
			SELECT id INTO sid FROM motcua.subject WHERE tax_code OPERATOR(motcua.=) identifier::motcua.tax_code;
		END IF;
	ELSE
		RAISE EXCEPTION 'invalid subject "%": expected a 12-digit personal ID or a tax code', left(identifier, 40)
			USING ERRCODE = 'invalid_text_representation',
				  HINT = 'A tax code is 10 digits, or 10 digits, a hyphen and 3 digits for a branch.';
	END IF;
	RETURN sid;
END
$$;

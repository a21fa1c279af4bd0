-- Electronic declaration forms [tờ khai điện tử]: a procedure declares
-- its form's fields in a subset of JSON Schema, and receive checks the
-- declaration (details->'declaration') against it, reporting every
-- failing field at once (22023, one DETAIL line per field and rule) and
-- writing nothing.
--
-- The subset: {"type": "object", "required": [...], "properties": {name:
-- {"type": "string" | "integer" | "number" | "boolean", "title",
-- "pattern", "enum", "minLength", "maxLength", "minimum", "maximum",
-- "format": "personal_id" | "tax_code" | "date" | "email" | "phone"}}};
-- no other keyword, and no field outside "properties"
-- ("additionalProperties" is false).

-- identifier_ok: whether text reads as a value of one of motcua's
-- identifier types, or as a date.
CREATE OR REPLACE FUNCTION motcua_internal.identifier_ok(kind text, value text) RETURNS boolean
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	CASE kind
		WHEN 'personal_id' THEN PERFORM value::motcua.personal_id;
		WHEN 'tax_code' THEN PERFORM value::motcua.tax_code;
		WHEN 'date' THEN
			IF value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
				RETURN false;
			END IF;
			PERFORM value::date;
		WHEN 'email' THEN RETURN value ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$';
		WHEN 'phone' THEN RETURN value ~ '^(\+84|0)[0-9]{9,10}$';
	END CASE;
	RETURN true;
EXCEPTION WHEN data_exception THEN
	RETURN false;
END
$$;

-- form_schema_errors: what is wrong with a form schema (empty: nothing).
CREATE OR REPLACE FUNCTION motcua_internal.form_schema_errors(schema jsonb) RETURNS text[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	errs text[] := '{}';
	f record;
	k text;
	r text;
BEGIN
	IF jsonb_typeof(schema) IS DISTINCT FROM 'object' OR schema->>'type' IS DISTINCT FROM 'object'
	   OR jsonb_typeof(schema->'properties') IS DISTINCT FROM 'object' THEN
		RETURN ARRAY['the form must be {"type": "object", "properties": {...}}'];
	END IF;
	FOR k IN SELECT jsonb_object_keys(schema) LOOP
		IF k NOT IN ('type', 'title', 'required', 'properties', 'additionalProperties', '$schema') THEN
			errs := errs || format('unknown keyword "%s"', k);
		END IF;
	END LOOP;
	IF schema ? 'required' AND (jsonb_typeof(schema->'required') <> 'array' OR EXISTS (
			SELECT 1 FROM jsonb_array_elements(schema->'required') e
			WHERE jsonb_typeof(e) <> 'string' OR NOT (schema->'properties') ? (e #>> '{}'))) THEN
		errs := errs || 'required must list fields of properties'::text;
	END IF;
	FOR f IN SELECT * FROM jsonb_each(schema->'properties') LOOP
		IF jsonb_typeof(f.value) <> 'object' OR f.value->>'type' IS NULL
		   OR f.value->>'type' NOT IN ('string', 'integer', 'number', 'boolean') THEN
			errs := errs || format('%s: type must be string, integer, number or boolean', f.key);
			CONTINUE;
		END IF;
		FOR k IN SELECT jsonb_object_keys(f.value) LOOP
			IF k NOT IN ('type', 'title', 'description', 'pattern', 'enum', 'minLength', 'maxLength', 'minimum',
						 'maximum', 'format') THEN
				errs := errs || format('%s: unknown keyword "%s"', f.key, k);
			END IF;
		END LOOP;
		IF f.value ? 'format' AND f.value->>'format' NOT IN ('personal_id', 'tax_code', 'date', 'email', 'phone') THEN
			errs := errs || format('%s: format must be personal_id, tax_code, date, email or phone', f.key);
		END IF;
		IF f.value ? 'enum' AND jsonb_typeof(f.value->'enum') <> 'array' THEN
			errs := errs || format('%s: enum must be an array', f.key);
		END IF;
		IF f.value ? 'pattern' THEN
			BEGIN
				PERFORM '' ~ (f.value->>'pattern');
			EXCEPTION WHEN invalid_regular_expression THEN
				errs := errs || format('%s: pattern is not a regular expression', f.key);
			END;
		END IF;
		FOREACH r IN ARRAY ARRAY['minLength', 'maxLength', 'minimum', 'maximum'] LOOP
			IF f.value ? r AND jsonb_typeof(f.value->r) <> 'number' THEN
				errs := errs || format('%s: %s must be a number', f.key, r);
			END IF;
		END LOOP;
	END LOOP;
	RETURN errs;
END
$$;

-- form_errors: every field of a declaration that breaks the form, one
-- "field: rule" each (empty: the declaration is valid).
CREATE OR REPLACE FUNCTION motcua_internal.form_errors(schema jsonb, declaration jsonb) RETURNS text[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	errs text[] := '{}';
	f record;
	v jsonb;
	s text;
	k text;
BEGIN
	IF declaration IS NULL THEN
		declaration := '{}';
	ELSIF jsonb_typeof(declaration) <> 'object' THEN
		RETURN ARRAY['declaration: must be a JSON object of the form''s fields'];
	END IF;
	FOR k IN SELECT e #>> '{}' FROM jsonb_array_elements(coalesce(schema->'required', '[]')) e LOOP
		IF NOT declaration ? k OR jsonb_typeof(declaration->k) = 'null' OR declaration->>k = '' THEN
			errs := errs || format('%s: is required', k);
		END IF;
	END LOOP;
	FOR k IN SELECT jsonb_object_keys(declaration) LOOP
		IF NOT (schema->'properties') ? k THEN
			errs := errs || format('%s: is not a field of the form', k);
		END IF;
	END LOOP;
	FOR f IN SELECT * FROM jsonb_each(schema->'properties') LOOP
		v := declaration->f.key;
		CONTINUE WHEN v IS NULL OR jsonb_typeof(v) = 'null' OR v = '""'::jsonb;
		CASE f.value->>'type'
			WHEN 'string' THEN
				IF jsonb_typeof(v) <> 'string' THEN
					errs := errs || format('%s: must be text', f.key);
					CONTINUE;
				END IF;
			WHEN 'integer' THEN
				IF jsonb_typeof(v) <> 'number' OR (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric) THEN
					errs := errs || format('%s: must be a whole number', f.key);
					CONTINUE;
				END IF;
			WHEN 'number' THEN
				IF jsonb_typeof(v) <> 'number' THEN
					errs := errs || format('%s: must be a number', f.key);
					CONTINUE;
				END IF;
			WHEN 'boolean' THEN
				IF jsonb_typeof(v) <> 'boolean' THEN
					errs := errs || format('%s: must be true or false', f.key);
				END IF;
				CONTINUE;
		END CASE;
		s := v #>> '{}';
		IF f.value ? 'enum' AND NOT (f.value->'enum') @> jsonb_build_array(v) THEN
			errs := errs || format('%s: must be one of %s', f.key, f.value->'enum');
		END IF;
		IF jsonb_typeof(v) = 'string' THEN
			IF f.value ? 'pattern' AND s !~ (f.value->>'pattern') THEN
				errs := errs || format('%s: does not match the pattern %s', f.key, f.value->>'pattern');
			END IF;
			IF f.value ? 'minLength' AND length(s) < (f.value->>'minLength')::numeric THEN
				errs := errs || format('%s: must have at least %s characters', f.key, f.value->>'minLength');
			END IF;
			IF f.value ? 'maxLength' AND length(s) > (f.value->>'maxLength')::numeric THEN
				errs := errs || format('%s: must have at most %s characters', f.key, f.value->>'maxLength');
			END IF;
			IF f.value ? 'format' AND NOT motcua_internal.identifier_ok(f.value->>'format', s) THEN
				errs := errs || format('%s: is not a valid %s', f.key, f.value->>'format');
			END IF;
		ELSE
			IF f.value ? 'minimum' AND s::numeric < (f.value->>'minimum')::numeric THEN
				errs := errs || format('%s: must be at least %s', f.key, f.value->>'minimum');
			END IF;
			IF f.value ? 'maximum' AND s::numeric > (f.value->>'maximum')::numeric THEN
				errs := errs || format('%s: must be at most %s', f.key, f.value->>'maximum');
			END IF;
		END IF;
	END LOOP;
	RETURN errs;
END
$$;

-- set_declaration_form gives a procedure its declaration form (NULL: none);
-- a schema outside the subset is refused with every fault in the DETAIL.
CREATE OR REPLACE FUNCTION motcua.set_declaration_form(procedure motcua.procedure_code, form jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	errs text[];
BEGIN
	IF procedure IS NULL THEN
		RAISE EXCEPTION 'set_declaration_form needs a procedure' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF form IS NOT NULL THEN
		errs := motcua_internal.form_schema_errors(form);
		IF cardinality(errs) > 0 THEN
			RAISE EXCEPTION 'the declaration form of % is not understood', procedure
				USING ERRCODE = 'invalid_parameter_value', DETAIL = array_to_string(errs, E'\n');
		END IF;
	END IF;
	UPDATE motcua.procedure p SET declaration_form = form WHERE p.code OPERATOR(motcua.=) procedure;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'procedure % does not exist', procedure USING ERRCODE = 'undefined_object';
	END IF;
END
$$;
COMMENT ON FUNCTION motcua.set_declaration_form(motcua.procedure_code, jsonb) IS
	'give a procedure its electronic declaration form [tờ khai] in a JSON Schema subset (types, required, pattern, enum, lengths, bounds, identifier formats); receive checks declarations against it';

-- check_declaration: the declaration of a reception against the
-- procedure's form: every failing field at once, 22023.
CREATE OR REPLACE FUNCTION motcua_internal.check_declaration(procedure motcua.procedure_code, form jsonb, declaration jsonb)
	RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	errs text[] := motcua_internal.form_errors(form, declaration);
BEGIN
	IF cardinality(errs) > 0 THEN
		RAISE EXCEPTION 'the declaration does not fill the form of procedure % (% faults)', procedure, cardinality(errs)
			USING ERRCODE = 'invalid_parameter_value', DETAIL = array_to_string(errs, E'\n'),
				  HINT = 'The form is motcua.procedure.declaration_form; the declaration is details->''declaration''.';
	END IF;
END
$$;

REVOKE ALL ON FUNCTION motcua.set_declaration_form(motcua.procedure_code, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.set_declaration_form(motcua.procedure_code, jsonb) TO motcua_admin;

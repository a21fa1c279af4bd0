-- motcua 0.1, as released: frozen, never edited (later versions change it through their upgrade scripts).
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION motcua" to load this file. \quit

COMMENT ON SCHEMA motcua IS 'motcua: engine of the one-stop shop for administrative procedures [cơ chế một cửa]';

CREATE FUNCTION motcua.is_preloaded() RETURNS boolean
	AS 'MODULE_PATHNAME', 'motcua_is_preloaded'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.is_preloaded() IS
	'true when motcua was loaded through shared_preload_libraries (needed by the background workers)';
-- Identifier types (ONE-STOP.md §3).  Parsing is strict: bad input raises
-- 22P02 naming the rule broken.  The binary wire form is the canonical text.

CREATE TYPE motcua.personal_id;
CREATE TYPE motcua.tax_code;
CREATE TYPE motcua.unit_id;
CREATE TYPE motcua.dossier_code;
CREATE TYPE motcua.procedure_code;

-- personal_id_in is STABLE, not IMMUTABLE: a birth year after the current
-- year is rejected, so the answer can change when the year turns.
CREATE FUNCTION motcua.personal_id_in(cstring) RETURNS motcua.personal_id
	AS 'MODULE_PATHNAME', 'motcua_personal_id_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.personal_id_out(motcua.personal_id) RETURNS cstring
	AS 'MODULE_PATHNAME', 'motcua_personal_id_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.personal_id_recv(internal) RETURNS motcua.personal_id
	AS 'MODULE_PATHNAME', 'motcua_personal_id_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.personal_id_send(motcua.personal_id) RETURNS bytea
	AS 'MODULE_PATHNAME', 'motcua_personal_id_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION motcua.tax_code_in(cstring) RETURNS motcua.tax_code
	AS 'MODULE_PATHNAME', 'motcua_tax_code_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.tax_code_out(motcua.tax_code) RETURNS cstring
	AS 'MODULE_PATHNAME', 'motcua_tax_code_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.tax_code_recv(internal) RETURNS motcua.tax_code
	AS 'MODULE_PATHNAME', 'motcua_tax_code_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.tax_code_send(motcua.tax_code) RETURNS bytea
	AS 'MODULE_PATHNAME', 'motcua_tax_code_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION motcua.unit_id_in(cstring) RETURNS motcua.unit_id
	AS 'MODULE_PATHNAME', 'motcua_unit_id_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.unit_id_out(motcua.unit_id) RETURNS cstring
	AS 'MODULE_PATHNAME', 'motcua_unit_id_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.unit_id_recv(internal) RETURNS motcua.unit_id
	AS 'MODULE_PATHNAME', 'motcua_unit_id_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.unit_id_send(motcua.unit_id) RETURNS bytea
	AS 'MODULE_PATHNAME', 'motcua_unit_id_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION motcua.dossier_code_in(cstring) RETURNS motcua.dossier_code
	AS 'MODULE_PATHNAME', 'motcua_dossier_code_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.dossier_code_out(motcua.dossier_code) RETURNS cstring
	AS 'MODULE_PATHNAME', 'motcua_dossier_code_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.dossier_code_recv(internal) RETURNS motcua.dossier_code
	AS 'MODULE_PATHNAME', 'motcua_dossier_code_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.dossier_code_send(motcua.dossier_code) RETURNS bytea
	AS 'MODULE_PATHNAME', 'motcua_dossier_code_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION motcua.procedure_code_in(cstring) RETURNS motcua.procedure_code
	AS 'MODULE_PATHNAME', 'motcua_procedure_code_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.procedure_code_out(motcua.procedure_code) RETURNS cstring
	AS 'MODULE_PATHNAME', 'motcua_procedure_code_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.procedure_code_recv(internal) RETURNS motcua.procedure_code
	AS 'MODULE_PATHNAME', 'motcua_procedure_code_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.procedure_code_send(motcua.procedure_code) RETURNS bytea
	AS 'MODULE_PATHNAME', 'motcua_procedure_code_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- 8 bytes by value: the number itself (personal_id), base*1000+branch
-- (tax_code), or the hierarchy packed level by level (unit_id).
CREATE TYPE motcua.personal_id (
	INPUT = motcua.personal_id_in, OUTPUT = motcua.personal_id_out,
	RECEIVE = motcua.personal_id_recv, SEND = motcua.personal_id_send,
	INTERNALLENGTH = 8, PASSEDBYVALUE, ALIGNMENT = double, STORAGE = plain);
CREATE TYPE motcua.tax_code (
	INPUT = motcua.tax_code_in, OUTPUT = motcua.tax_code_out,
	RECEIVE = motcua.tax_code_recv, SEND = motcua.tax_code_send,
	INTERNALLENGTH = 8, PASSEDBYVALUE, ALIGNMENT = double, STORAGE = plain);
CREATE TYPE motcua.unit_id (
	INPUT = motcua.unit_id_in, OUTPUT = motcua.unit_id_out,
	RECEIVE = motcua.unit_id_recv, SEND = motcua.unit_id_send,
	INTERNALLENGTH = 8, PASSEDBYVALUE, ALIGNMENT = double, STORAGE = plain);
-- 16 bytes, big-endian field by field so that byte order is value order.
CREATE TYPE motcua.dossier_code (
	INPUT = motcua.dossier_code_in, OUTPUT = motcua.dossier_code_out,
	RECEIVE = motcua.dossier_code_recv, SEND = motcua.dossier_code_send,
	INTERNALLENGTH = 16, ALIGNMENT = char, STORAGE = plain);
CREATE TYPE motcua.procedure_code (
	INPUT = motcua.procedure_code_in, OUTPUT = motcua.procedure_code_out,
	RECEIVE = motcua.procedure_code_recv, SEND = motcua.procedure_code_send,
	INTERNALLENGTH = 16, ALIGNMENT = char, STORAGE = plain);

COMMENT ON TYPE motcua.personal_id IS 'personal identification number [số định danh cá nhân], 12 digits';
COMMENT ON TYPE motcua.tax_code IS 'enterprise/tax code [mã số doanh nghiệp], 10 digits with check digit or 0100109106-001 branch form';
COMMENT ON TYPE motcua.unit_id IS 'agency electronic ID per Decision 20/2020/QĐ-TTg, e.g. 000.00.01.H29 or G09.20';
COMMENT ON TYPE motcua.dossier_code IS 'dossier code [mã hồ sơ]: <unit id>-<yyMMdd>-<sequence>';
COMMENT ON TYPE motcua.procedure_code IS 'administrative procedure code [mã TTHC]: d.dddddd with optional local suffix';

-- Comparison operators, btree and hash operator classes.  The 8-byte types
-- reuse PostgreSQL's int8 functions (their storage is an int8); the 16-byte
-- types share motcua's memcmp-based functions.
DO $types$
DECLARE
	t text;
	op record;
	int8_types text[] := ARRAY['personal_id', 'tax_code', 'unit_id'];
BEGIN
	FOREACH t IN ARRAY int8_types || ARRAY['dossier_code', 'procedure_code']
	LOOP
		FOR op IN SELECT * FROM (VALUES
			('eq', '=', 'int8eq', '<>', '=', 'eqsel', 'eqjoinsel'),
			('ne', '<>', 'int8ne', '=', '<>', 'neqsel', 'neqjoinsel'),
			('lt', '<', 'int8lt', '>=', '>', 'scalarltsel', 'scalarltjoinsel'),
			('le', '<=', 'int8le', '>', '>=', 'scalarlesel', 'scalarlejoinsel'),
			('gt', '>', 'int8gt', '<=', '<', 'scalargtsel', 'scalargtjoinsel'),
			('ge', '>=', 'int8ge', '<', '<=', 'scalargesel', 'scalargejoinsel'))
			AS v(name, sym, int8fn, negator, commutator, rsel, jsel)
		LOOP
			IF t = ANY (int8_types) THEN
				EXECUTE format('CREATE FUNCTION motcua.%1$s_%2$s(motcua.%1$s, motcua.%1$s) RETURNS boolean '
							   'AS %3$L LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF',
							   t, op.name, op.int8fn);
			ELSE
				EXECUTE format('CREATE FUNCTION motcua.%1$s_%2$s(motcua.%1$s, motcua.%1$s) RETURNS boolean '
							   'AS ''MODULE_PATHNAME'', %3$L LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF',
							   t, op.name, 'motcua_fixed16_' || op.name);
			END IF;
			EXECUTE format('CREATE OPERATOR motcua.%2$s (LEFTARG = motcua.%1$s, RIGHTARG = motcua.%1$s, '
						   'FUNCTION = motcua.%1$s_%3$s, COMMUTATOR = OPERATOR(motcua.%4$s), '
						   'NEGATOR = OPERATOR(motcua.%5$s), RESTRICT = %6$s, JOIN = %7$s%8$s)',
						   t, op.sym, op.name, op.commutator, op.negator, op.rsel, op.jsel,
						   CASE WHEN op.name = 'eq' THEN ', HASHES, MERGES' ELSE '' END);
		END LOOP;

		IF t = ANY (int8_types) THEN
			EXECUTE format('CREATE FUNCTION motcua.%1$s_cmp(motcua.%1$s, motcua.%1$s) RETURNS integer '
						   'AS ''btint8cmp'' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE FUNCTION motcua.%1$s_hash(motcua.%1$s) RETURNS integer '
						   'AS ''hashint8'' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE FUNCTION motcua.%1$s_hash_extended(motcua.%1$s, bigint) RETURNS bigint '
						   'AS ''hashint8extended'' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE OPERATOR CLASS motcua.%1$s_ops DEFAULT FOR TYPE motcua.%1$s USING btree AS '
						   'OPERATOR 1 motcua.<, OPERATOR 2 motcua.<=, OPERATOR 3 motcua.=, '
						   'OPERATOR 4 motcua.>=, OPERATOR 5 motcua.>, '
						   'FUNCTION 1 motcua.%1$s_cmp(motcua.%1$s, motcua.%1$s), '
						   'FUNCTION 2 (motcua.%1$s, motcua.%1$s) pg_catalog.btint8sortsupport(internal)', t);
		ELSE
			EXECUTE format('CREATE FUNCTION motcua.%1$s_cmp(motcua.%1$s, motcua.%1$s) RETURNS integer '
						   'AS ''MODULE_PATHNAME'', ''motcua_fixed16_cmp'' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE FUNCTION motcua.%1$s_hash(motcua.%1$s) RETURNS integer '
						   'AS ''MODULE_PATHNAME'', ''motcua_fixed16_hash'' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE FUNCTION motcua.%1$s_hash_extended(motcua.%1$s, bigint) RETURNS bigint '
						   'AS ''MODULE_PATHNAME'', ''motcua_fixed16_hash_extended'' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE OPERATOR CLASS motcua.%1$s_ops DEFAULT FOR TYPE motcua.%1$s USING btree AS '
						   'OPERATOR 1 motcua.<, OPERATOR 2 motcua.<=, OPERATOR 3 motcua.=, '
						   'OPERATOR 4 motcua.>=, OPERATOR 5 motcua.>, '
						   'FUNCTION 1 motcua.%1$s_cmp(motcua.%1$s, motcua.%1$s)', t);
		END IF;
		EXECUTE format('CREATE OPERATOR CLASS motcua.%1$s_hash_ops DEFAULT FOR TYPE motcua.%1$s USING hash AS '
					   'OPERATOR 1 motcua.=, FUNCTION 1 motcua.%1$s_hash(motcua.%1$s), '
					   'FUNCTION 2 motcua.%1$s_hash_extended(motcua.%1$s, bigint)', t);
		EXECUTE format('CREATE CAST (text AS motcua.%1$s) WITH INOUT AS ASSIGNMENT', t);
		EXECUTE format('CREATE CAST (motcua.%1$s AS text) WITH INOUT AS ASSIGNMENT', t);
		EXECUTE format('CREATE CAST (varchar AS motcua.%1$s) WITH INOUT AS ASSIGNMENT', t);
	END LOOP;
END
$types$;

-- Accessors.
CREATE FUNCTION motcua.birth_province(motcua.personal_id) RETURNS text
	AS 'MODULE_PATHNAME', 'motcua_birth_province' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.birth_province(motcua.personal_id) IS '3-digit province code of birth registration, e.g. 001 for Hà Nội';
CREATE FUNCTION motcua.birth_year(motcua.personal_id) RETURNS integer
	AS 'MODULE_PATHNAME', 'motcua_birth_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.sex(motcua.personal_id) RETURNS text
	AS 'MODULE_PATHNAME', 'motcua_sex' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.sex(motcua.personal_id) IS 'male or female, from the century/sex digit';
CREATE FUNCTION motcua.is_branch(motcua.tax_code) RETURNS boolean
	AS 'MODULE_PATHNAME', 'motcua_is_branch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.parent_code(motcua.tax_code) RETURNS motcua.tax_code
	AS 'MODULE_PATHNAME', 'motcua_parent_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.parent_code(motcua.tax_code) IS 'head-office code of a branch; NULL for a head office';
CREATE FUNCTION motcua.unit_root(motcua.unit_id) RETURNS text
	AS 'MODULE_PATHNAME', 'motcua_unit_root' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.unit_root(motcua.unit_id) IS 'level-1 code: the province (H29) or ministry (G09)';
CREATE FUNCTION motcua.unit_of(motcua.dossier_code) RETURNS motcua.unit_id
	AS 'MODULE_PATHNAME', 'motcua_unit_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.received_on(motcua.dossier_code) RETURNS date
	AS 'MODULE_PATHNAME', 'motcua_received_on' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.sequence_of(motcua.dossier_code) RETURNS integer
	AS 'MODULE_PATHNAME', 'motcua_sequence_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua.make_dossier_code(motcua.unit_id, date, integer) RETURNS motcua.dossier_code
	AS 'MODULE_PATHNAME', 'motcua_make_dossier_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.make_dossier_code(motcua.unit_id, date, integer) IS 'builds <unit>-<yyMMdd>-<sequence>';
CREATE FUNCTION motcua.base_code(motcua.procedure_code) RETURNS motcua.procedure_code
	AS 'MODULE_PATHNAME', 'motcua_base_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.base_code(motcua.procedure_code) IS 'national catalogue code without the local suffix';
CREATE FUNCTION motcua.local_unit(motcua.procedure_code) RETURNS motcua.unit_id
	AS 'MODULE_PATHNAME', 'motcua_local_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- Reference schema: national databases, jurisdictions and their tiers, the
-- unit tree, the procedure catalogue with its required components, document
-- types and subjects (ONE-STOP.md §3, §7; DESIGN.md "Schema").
-- Every table a DBA edits is registered with pg_extension_config_dump so
-- pg_dump / pg_restore keep its rows.

-- National databases [Cơ sở dữ liệu quốc gia] that can supply a document.
-- The built-in rows come with the extension; rows a DBA adds are dumped.
CREATE TABLE motcua.national_database (
	code		text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	name_en		text NOT NULL CHECK (name_en <> ''),
	shipped		boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE motcua.national_database IS 'national databases [CSDLQG] and other shared sources that can supply a document';
INSERT INTO motcua.national_database (code, name, name_en, shipped) VALUES
	('population', 'Cơ sở dữ liệu quốc gia về dân cư', 'National population database', true),
	('business_registration', 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp', 'National business registration database', true),
	('social_insurance', 'Cơ sở dữ liệu quốc gia về bảo hiểm', 'National insurance database', true),
	('land', 'Cơ sở dữ liệu quốc gia về đất đai', 'National land database', true),
	('civil_status', 'Cơ sở dữ liệu hộ tịch điện tử', 'Electronic civil-status database', true),
	('tax', 'Cơ sở dữ liệu quốc gia về thuế', 'National tax database', true),
	('procedure_catalogue', 'Cơ sở dữ liệu quốc gia về thủ tục hành chính', 'National database of administrative procedures', true);
SELECT pg_catalog.pg_extension_config_dump('motcua.national_database', 'WHERE NOT shipped');

-- protect_shipped_rows keeps rows shipped with the extension as shipped:
-- pg_dump leaves them out (CREATE EXTENSION recreates them on restore), so
-- a local edit would silently vanish in a dump.  Local data goes into new
-- rows instead.
CREATE FUNCTION motcua.protect_shipped_rows() RETURNS trigger
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
CREATE FUNCTION motcua.refuse_truncate() RETURNS trigger
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
CREATE FUNCTION motcua.ship_table(tbl regclass) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	EXECUTE format('CREATE TRIGGER protect_shipped BEFORE UPDATE OR DELETE ON %s '
				   'FOR EACH ROW EXECUTE FUNCTION motcua.protect_shipped_rows()', tbl);
	EXECUTE format('CREATE TRIGGER no_truncate BEFORE TRUNCATE ON %s '
				   'FOR EACH STATEMENT EXECUTE FUNCTION motcua.refuse_truncate()', tbl);
	PERFORM pg_catalog.pg_extension_config_dump(tbl, 'WHERE NOT shipped');
END
$$;
REVOKE ALL ON FUNCTION motcua.ship_table(regclass) FROM PUBLIC;

CREATE TRIGGER protect_shipped BEFORE UPDATE OR DELETE ON motcua.national_database
	FOR EACH ROW EXECUTE FUNCTION motcua.protect_shipped_rows();

-- A jurisdiction is what one motcua database serves: a province or a
-- ministry.  Its tiers are data, because a pre-2025 province has three
-- (province, district, commune), a merged post-2025 province two, and a
-- ministry has its own (ministry, department/institute, division).
CREATE TABLE motcua.jurisdiction (
	code		text PRIMARY KEY CHECK (code ~ '^[A-Z][0-9]{2}$'),
	name		text NOT NULL CHECK (name <> ''),
	kind		text NOT NULL CHECK (kind IN ('province', 'ministry')),
	admin_code	text CHECK (admin_code ~ '^[0-9]{2}$'),
	calendar	text NOT NULL DEFAULT 'VN',
	valid_from	date,
	valid_to	date,
	note		text,
	CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from),
	CHECK (kind = 'province' OR admin_code IS NULL)
);
COMMENT ON TABLE motcua.jurisdiction IS 'a province or ministry; code is its level-1 electronic ID code (H22, G09)';
COMMENT ON COLUMN motcua.jurisdiction.admin_code IS '2-digit administrative code of a province (79 = Hồ Chí Minh City)';

CREATE TABLE motcua.tier (
	jurisdiction text NOT NULL REFERENCES motcua.jurisdiction ON UPDATE CASCADE ON DELETE CASCADE,
	level		smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
	name		text NOT NULL CHECK (name <> ''),
	name_en		text NOT NULL CHECK (name_en <> ''),
	PRIMARY KEY (jurisdiction, level)
);
COMMENT ON TABLE motcua.tier IS 'the administrative tiers of a jurisdiction, 1 = top (Cấp tỉnh / Cấp bộ)';

-- The unit tree: People's Committees, departments, service centers and
-- one-stop units, each with its electronic ID (Decision 20/2020/QĐ-TTg).
CREATE TABLE motcua.unit (
	id			motcua.unit_id PRIMARY KEY,
	name		text NOT NULL CHECK (name <> ''),
	jurisdiction text NOT NULL,
	tier		smallint NOT NULL,
	parent		motcua.unit_id REFERENCES motcua.unit ON UPDATE CASCADE,
	kind		text NOT NULL CHECK (kind IN ('authority', 'department', 'service_center', 'one_stop')),
	admin_unit_code text CHECK (admin_unit_code ~ '^([0-9]{2}|[0-9]{3}|[0-9]{5})$'),
	staff_count integer NOT NULL DEFAULT 0 CHECK (staff_count >= 0),
	front_desk_staff integer NOT NULL DEFAULT 0 CHECK (front_desk_staff >= 0),
	area_class	text NOT NULL DEFAULT 'other' CHECK (area_class IN ('center', 'city_town', 'other', 'remote')),
	receives_dossiers boolean NOT NULL DEFAULT false,
	calendar	text,
	address		text,
	latitude	numeric(8, 6) CHECK (latitude BETWEEN -90 AND 90),
	longitude	numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
	active		boolean NOT NULL DEFAULT true,
	FOREIGN KEY (jurisdiction, tier) REFERENCES motcua.tier ON UPDATE CASCADE,
	CHECK (parent IS NULL OR parent <> id),
	CHECK (front_desk_staff <= staff_count OR staff_count = 0),
	CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX unit_parent_idx ON motcua.unit (parent);
CREATE INDEX unit_jurisdiction_idx ON motcua.unit (jurisdiction, tier);
COMMENT ON TABLE motcua.unit IS 'agency tree of a jurisdiction; tiers are data (motcua.tier)';
COMMENT ON COLUMN motcua.unit.admin_unit_code IS 'administrative unit code: province 2 digits, district 3, commune 5';
COMMENT ON COLUMN motcua.unit.area_class IS 'for the staff-load targets: center (province center), city_town, other, remote (remote or disadvantaged area)';
COMMENT ON COLUMN motcua.unit.calendar IS 'working-day calendar; NULL means the jurisdiction''s';

-- check_unit_tree keeps the unit tree a tree: the parent is in the same
-- jurisdiction, at the same or a higher tier, and not a descendant.
CREATE FUNCTION motcua.check_unit_tree() RETURNS trigger
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
CREATE TRIGGER unit_tree BEFORE INSERT OR UPDATE OF parent, tier, jurisdiction ON motcua.unit
	FOR EACH ROW EXECUTE FUNCTION motcua.check_unit_tree();

-- Fields of administrative procedures [lĩnh vực].
CREATE TABLE motcua.field (
	code		text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	location_independent_default boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE motcua.field IS 'fields of procedures [lĩnh vực], e.g. hộ tịch, đất đai';

-- Document types: what a component or a result is.
CREATE TABLE motcua.document_type (
	code		text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	category	text NOT NULL CHECK (category IN ('identity', 'civil_status', 'residence', 'business',
												  'land', 'construction', 'transport', 'insurance', 'tax',
												  'justice', 'education', 'health', 'labour', 'form', 'other')),
	is_result	boolean NOT NULL DEFAULT false,
	validity	interval CHECK (validity > interval '0'),
	national_database text REFERENCES motcua.national_database ON UPDATE CASCADE
);
COMMENT ON COLUMN motcua.document_type.is_result IS 'the document is the result of a procedure (digitization categories 1 and 3 of Decision 468)';
COMMENT ON COLUMN motcua.document_type.validity IS 'how long such a document stays valid; NULL = no expiry';

-- The procedure catalogue [danh mục thủ tục hành chính].
CREATE TABLE motcua.procedure (
	code		motcua.procedure_code PRIMARY KEY,
	name		text NOT NULL CHECK (name <> ''),
	field		text NOT NULL REFERENCES motcua.field ON UPDATE CASCADE,
	tier		text NOT NULL CHECK (tier IN ('central', 'province', 'district', 'commune')),
	duration	numeric(8, 2) NOT NULL CHECK (duration >= 0),
	duration_unit text NOT NULL CHECK (duration_unit IN ('working_day', 'working_hour', 'same_day')),
	online_level text NOT NULL CHECK (online_level IN ('full', 'partial', 'none')),
	fee			numeric(14, 0) NOT NULL DEFAULT 0 CHECK (fee >= 0),
	fee_note	text,
	location_independent boolean NOT NULL DEFAULT false,
	receipt_cutoff time CHECK (receipt_cutoff BETWEEN '08:00' AND '17:00'),
	four_on_spot boolean NOT NULL DEFAULT false,
	result_document_type text REFERENCES motcua.document_type ON UPDATE CASCADE,
	legal_basis text,
	code_is_sample boolean NOT NULL DEFAULT false,
	active		boolean NOT NULL DEFAULT true,
	CHECK ((duration_unit = 'same_day') = (duration = 0)),
	CHECK (NOT four_on_spot OR duration_unit IN ('same_day', 'working_hour'))
);
CREATE INDEX procedure_field_idx ON motcua.procedure (field);
COMMENT ON TABLE motcua.procedure IS 'administrative procedures [thủ tục hành chính] with legal duration, online level, fee';
COMMENT ON COLUMN motcua.procedure.duration IS 'legal processing time in duration_unit; 0 with same_day';
COMMENT ON COLUMN motcua.procedure.fee IS 'fee and charge in VND; 0 = free';
COMMENT ON COLUMN motcua.procedure.receipt_cutoff IS 'a dossier received after this time (not at it) counts as received the next working day, for deadlines in days and in hours';
COMMENT ON COLUMN motcua.procedure.four_on_spot IS '"4 tại chỗ": received, appraised, approved and returned on the spot';
COMMENT ON COLUMN motcua.procedure.code_is_sample IS 'true when the code is a sample, not verified against the national catalogue';

-- Components a dossier for a procedure must contain [thành phần hồ sơ].
CREATE TABLE motcua.procedure_component (
	procedure	motcua.procedure_code NOT NULL REFERENCES motcua.procedure ON UPDATE CASCADE ON DELETE CASCADE,
	ordinal		smallint NOT NULL CHECK (ordinal > 0),
	document_type text NOT NULL REFERENCES motcua.document_type ON UPDATE CASCADE,
	mandatory	boolean NOT NULL DEFAULT true,
	reusable	boolean NOT NULL DEFAULT true,
	national_database text REFERENCES motcua.national_database ON UPDATE CASCADE,
	form		text NOT NULL DEFAULT 'original' CHECK (form IN ('original', 'copy', 'certified_copy', 'original_or_copy', 'electronic_form')),
	copies		smallint NOT NULL DEFAULT 1 CHECK (copies BETWEEN 0 AND 20),
	note		text,
	PRIMARY KEY (procedure, ordinal),
	UNIQUE (procedure, document_type)
);
CREATE INDEX procedure_component_type_idx ON motcua.procedure_component (document_type);
COMMENT ON COLUMN motcua.procedure_component.reusable IS 'may be satisfied from the person''s data warehouse instead of being provided again';
COMMENT ON COLUMN motcua.procedure_component.national_database IS 'national database that can supply this component, if connected';

-- Subjects: the person (by personal ID) or organization (by tax code) a
-- dossier belongs to.
CREATE TABLE motcua.subject (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	kind		text NOT NULL CHECK (kind IN ('person', 'organization')),
	personal_id motcua.personal_id UNIQUE,
	tax_code	motcua.tax_code UNIQUE,
	full_name	text CHECK (full_name <> ''),
	birth_date	date,
	created_at	timestamptz NOT NULL DEFAULT now(),
	CHECK ((kind = 'person' AND personal_id IS NOT NULL AND tax_code IS NULL) OR
		   (kind = 'organization' AND tax_code IS NOT NULL AND personal_id IS NULL)),
	CHECK (birth_date IS NULL OR kind = 'person'),
	CHECK (birth_date IS NULL OR extract(year FROM birth_date) = motcua.birth_year(personal_id))
);
COMMENT ON TABLE motcua.subject IS 'persons (personal_id) and organizations (tax_code) that file dossiers';

SELECT pg_catalog.pg_extension_config_dump('motcua.jurisdiction', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.tier', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.unit', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.field', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.document_type', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.procedure', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.procedure_component', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.subject', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.subject_id_seq', '');

-- subject_of finds the subject for a personal ID or tax code, creating it
-- when it is new.  The text is classified by shape: 12 digits is a person,
-- 10 digits or the branch form an organization; anything else is 22P02.
CREATE FUNCTION motcua.subject_of(identifier text) RETURNS bigint
LANGUAGE plpgsql STRICT SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	sid bigint;
BEGIN
	IF identifier ~ '^[0-9]{12}$' THEN
		INSERT INTO motcua.subject (kind, personal_id) VALUES ('person', identifier::motcua.personal_id)
			ON CONFLICT (personal_id) DO NOTHING RETURNING id INTO sid;
		IF sid IS NULL THEN
			SELECT id INTO sid FROM motcua.subject WHERE personal_id OPERATOR(motcua.=) identifier::motcua.personal_id;
		END IF;
	ELSIF identifier ~ '^[0-9]{10}(-[0-9]{3})?$' THEN
		INSERT INTO motcua.subject (kind, tax_code) VALUES ('organization', identifier::motcua.tax_code)
			ON CONFLICT (tax_code) DO NOTHING RETURNING id INTO sid;
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
-- Roles (DESIGN.md "Least privilege").  Roles are cluster-wide, so another
-- database may already have created them: creation tolerates that, also
-- when two databases install motcua at the same moment.
DO $roles$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['motcua_admin', 'motcua_officer', 'motcua_auditor', 'motcua_bi']
	LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
			BEGIN
				EXECUTE format('CREATE ROLE %I NOLOGIN', r);
			EXCEPTION WHEN duplicate_object OR unique_violation THEN
				NULL;			-- created concurrently by another database
			END;
		END IF;
	END LOOP;
END
$roles$;

GRANT USAGE ON SCHEMA motcua TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;

-- Reference data: everyone reads it, the admin maintains it.
GRANT SELECT ON motcua.national_database, motcua.jurisdiction, motcua.tier, motcua.unit,
	motcua.field, motcua.document_type, motcua.procedure, motcua.procedure_component
	TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;
GRANT INSERT, UPDATE, DELETE ON motcua.national_database, motcua.jurisdiction, motcua.tier,
	motcua.unit, motcua.field, motcua.document_type, motcua.procedure, motcua.procedure_component
	TO motcua_admin;

-- Subjects are personal data (Decree 13/2023): officers and auditors only,
-- never the BI role.
GRANT SELECT ON motcua.subject TO motcua_admin, motcua_officer, motcua_auditor;
GRANT INSERT, UPDATE ON motcua.subject TO motcua_admin, motcua_officer;
GRANT USAGE ON SEQUENCE motcua.subject_id_seq TO motcua_admin, motcua_officer;
GRANT EXECUTE ON FUNCTION motcua.subject_of(text) TO motcua_admin, motcua_officer;
REVOKE EXECUTE ON FUNCTION motcua.subject_of(text) FROM PUBLIC;
-- Working-day calendars, the Vietnamese lunar calendar and legal deadlines
-- (ONE-STOP.md §4).  A calendar is data: weekly rest days, office hours,
-- statutory holiday rules (solar or lunar, with the years each rule was law)
-- and per-day overrides from the government's annual notice.  Each backend
-- caches a calendar as a day bitmap with prefix counts (calendar.c), built
-- on first use and dropped when any of these tables changes: a trigger sends
-- a relcache invalidation that every session processes after the commit.

CREATE TABLE motcua.calendar (
	code		text PRIMARY KEY CHECK (code ~ '^[A-Za-z][A-Za-z0-9_.-]{0,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	parent		text REFERENCES motcua.calendar ON UPDATE CASCADE,
	rest_days	smallint[] NOT NULL DEFAULT '{0,6}'
				CHECK (rest_days <@ '{0,1,2,3,4,5,6}' AND cardinality(rest_days) < 7),
	morning_start time NOT NULL DEFAULT '08:00',
	morning_end time NOT NULL DEFAULT '12:00',
	afternoon_start time NOT NULL DEFAULT '13:00',
	afternoon_end time NOT NULL DEFAULT '17:00',
	utc_offset	interval NOT NULL DEFAULT '07:00'
				CHECK (utc_offset BETWEEN '-14:00' AND '14:00'),
	compensate	boolean NOT NULL DEFAULT true,
	first_year	integer NOT NULL DEFAULT 2000,
	last_year	integer NOT NULL DEFAULT 2100,
	note		text,
	shipped		boolean NOT NULL DEFAULT false,
	CHECK (morning_start < morning_end AND morning_end <= afternoon_start
		   AND afternoon_start < afternoon_end),
	CHECK (first_year BETWEEN 1901 AND last_year AND last_year <= 2198
		   AND last_year - first_year <= 200),
	CHECK (parent IS NULL OR parent <> code)
);
COMMENT ON TABLE motcua.calendar IS 'working-day calendars; a child calendar inherits its parent''s holidays and overrides and adds its own';
COMMENT ON COLUMN motcua.calendar.rest_days IS 'weekly rest days, 0 = Sunday .. 6 = Saturday';
COMMENT ON COLUMN motcua.calendar.utc_offset IS 'local time of the offices; Vietnam has used UTC+7 without daylight saving since 1975';
COMMENT ON COLUMN motcua.calendar.compensate IS 'a rule-derived holiday on a weekly rest day is taken on the next working day (Labor Code 2019, Art. 112)';

-- Statutory holidays as rules.  A rule names an anchor day (solar month/day
-- or lunar month/day, lunar day 0 meaning the last day of the previous lunar
-- month), the offset of its first day from the anchor and its length in
-- days, and the years it was law.
CREATE TABLE motcua.calendar_holiday (
	calendar	text NOT NULL REFERENCES motcua.calendar ON UPDATE CASCADE ON DELETE CASCADE,
	code		text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	basis		text NOT NULL CHECK (basis IN ('solar', 'lunar')),
	month		smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
	day			smallint NOT NULL CHECK (day BETWEEN 1 AND 31),
	start_offset smallint NOT NULL DEFAULT 0 CHECK (start_offset BETWEEN -10 AND 10),
	length		smallint NOT NULL DEFAULT 1 CHECK (length BETWEEN 1 AND 15),
	from_year	integer NOT NULL DEFAULT 1901,
	to_year		integer,
	legal_basis text,
	shipped		boolean NOT NULL DEFAULT false,
	CHECK (to_year IS NULL OR from_year <= to_year),
	CHECK (basis = 'lunar' OR day <= 31 AND (month, day) NOT IN ((2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31))),
	CHECK (basis = 'solar' OR day <= 30),
	PRIMARY KEY (calendar, code, from_year)
);
COMMENT ON TABLE motcua.calendar_holiday IS 'statutory holidays as rules, each with the years it applied';
COMMENT ON COLUMN motcua.calendar_holiday.start_offset IS 'days from the anchor to the first holiday day, e.g. -1 for Tết (the last day of the old lunar year)';

-- Per-day overrides from a year's notice.  A day_off row that names a
-- holiday replaces the rule-derived days of that holiday for that year (no
-- double counting, no compensation beyond the notice); one without a holiday
-- is an extra day off.  A working_day row makes a rest day worked.
CREATE TABLE motcua.calendar_override (
	calendar	text NOT NULL REFERENCES motcua.calendar ON UPDATE CASCADE ON DELETE CASCADE,
	day			date NOT NULL,
	kind		text NOT NULL CHECK (kind IN ('day_off', 'working_day')),
	holiday		text CHECK (holiday ~ '^[a-z][a-z0-9_]{0,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	legal_reference text NOT NULL CHECK (legal_reference <> ''),
	shipped		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (calendar, day),
	CHECK (kind = 'day_off' OR holiday IS NULL)
);
COMMENT ON TABLE motcua.calendar_override IS 'days fixed by a year''s notice: days off (replacing a holiday''s rule-derived days when holiday is set) and worked rest days';

-- Every change to a calendar is kept, so a deadline computed under an old
-- version can be explained and recomputed.
CREATE TABLE motcua.calendar_change (
	id			bigint GENERATED ALWAYS AS IDENTITY,
	changed_at	timestamptz NOT NULL DEFAULT now(),
	changed_by	name NOT NULL DEFAULT current_user,
	table_name	text NOT NULL,
	operation	text NOT NULL,
	old_row		jsonb,
	new_row		jsonb,
	-- pg_restore re-inserts calendar rows (which logs them again, at restore
	-- time, with fresh ids) and then the original log with its own ids: the
	-- time keeps both apart.
	PRIMARY KEY (changed_at, id)
);
COMMENT ON TABLE motcua.calendar_change IS 'append-only log of every calendar edit (a restore logs the restored rows too)';

-- The signal of motcua's per-backend caches (cacheinval.c): a relcache
-- invalidation of this empty table, queued by invalidate_caches(), makes
-- every session rebuild its cached calendars and procedure components once
-- the change commits.
CREATE TABLE motcua.cache_signal ();
COMMENT ON TABLE motcua.cache_signal IS 'empty; its invalidation tells every session to rebuild motcua''s caches';
CREATE FUNCTION motcua.invalidate_caches() RETURNS void
	AS 'MODULE_PATHNAME', 'motcua_invalidate_caches'
	LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION motcua.invalidate_caches() IS 'drop every session''s cached calendars and procedure data once this transaction commits';
-- cache_changed: statement trigger for the other tables the caches read.
CREATE FUNCTION motcua.cache_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM motcua.invalidate_caches();
	RETURN NULL;
END
$$;

-- calendar_changed logs a change and invalidates the cached calendars.
CREATE FUNCTION motcua.calendar_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO motcua.calendar_change (table_name, operation, old_row, new_row)
	VALUES (TG_TABLE_NAME, TG_OP,
			CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END,
			CASE WHEN TG_OP IN ('UPDATE', 'INSERT') THEN to_jsonb(NEW) END);
	PERFORM motcua.invalidate_caches();
	RETURN NULL;
END
$$;
-- The national calendar VN: Labor Code 2019 Art. 112 (and the earlier rules
-- with the years they applied), plus the 2025 notice.
INSERT INTO motcua.calendar (code, name, note, shipped) VALUES
	('VN', 'Lịch làm việc của cơ quan hành chính nhà nước', 'national calendar: Saturday and Sunday rest, office hours 08:00-12:00 and 13:00-17:00', true);
INSERT INTO motcua.calendar_holiday (calendar, code, name, basis, month, day, start_offset, length, from_year, to_year, legal_basis, shipped) VALUES
	('VN', 'new_year', 'Tết Dương lịch', 'solar', 1, 1, 0, 1, 2000, NULL, 'Bộ luật Lao động 2019, Điều 112', true),
	('VN', 'tet', 'Tết Âm lịch', 'lunar', 1, 1, -1, 4, 2000, 2012, 'Bộ luật Lao động 1994 (sửa đổi 2007), Điều 73', true),
	('VN', 'tet', 'Tết Âm lịch', 'lunar', 1, 1, -1, 5, 2013, NULL, 'Bộ luật Lao động 2019, Điều 112 (5 ngày từ 2013)', true),
	('VN', 'hung_kings', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'lunar', 3, 10, 0, 1, 2007, NULL, 'Bộ luật Lao động 2019, Điều 112', true),
	('VN', 'reunification', 'Ngày Chiến thắng (30/4)', 'solar', 4, 30, 0, 1, 2000, NULL, 'Bộ luật Lao động 2019, Điều 112', true),
	('VN', 'labour_day', 'Ngày Quốc tế lao động (1/5)', 'solar', 5, 1, 0, 1, 2000, NULL, 'Bộ luật Lao động 2019, Điều 112', true),
	('VN', 'national_day', 'Quốc khánh (2/9)', 'solar', 9, 2, 0, 1, 2000, 2020, 'Bộ luật Lao động 2012, Điều 115', true),
	('VN', 'national_day', 'Quốc khánh (2/9 và 1 ngày liền kề)', 'solar', 9, 2, -1, 2, 2021, NULL, 'Bộ luật Lao động 2019, Điều 112; ngày liền kề do thông báo hằng năm ấn định', true);
INSERT INTO motcua.calendar_override (calendar, day, kind, holiday, name, legal_reference, shipped) VALUES
	('VN', '2025-01-27', 'day_off', 'tet', 'Tết Ất Tỵ 2025', 'Thông báo 6150/TB-LĐTBXH (2024) về lịch nghỉ Tết 2025', true),
	('VN', '2025-01-28', 'day_off', 'tet', 'Tết Ất Tỵ 2025', 'Thông báo 6150/TB-LĐTBXH (2024) về lịch nghỉ Tết 2025', true),
	('VN', '2025-01-29', 'day_off', 'tet', 'Tết Ất Tỵ 2025', 'Thông báo 6150/TB-LĐTBXH (2024) về lịch nghỉ Tết 2025', true),
	('VN', '2025-01-30', 'day_off', 'tet', 'Tết Ất Tỵ 2025', 'Thông báo 6150/TB-LĐTBXH (2024) về lịch nghỉ Tết 2025', true),
	('VN', '2025-01-31', 'day_off', 'tet', 'Tết Ất Tỵ 2025', 'Thông báo 6150/TB-LĐTBXH (2024) về lịch nghỉ Tết 2025', true),
	('VN', '2025-05-02', 'day_off', NULL, 'Nghỉ hoán đổi dịp 30/4-1/5/2025', 'Thông báo hoán đổi ngày làm việc 2025: nghỉ thứ Sáu 2/5, làm bù thứ Bảy 26/4', true),
	('VN', '2025-04-26', 'working_day', NULL, 'Làm bù cho ngày nghỉ 2/5/2025', 'Thông báo hoán đổi ngày làm việc 2025: nghỉ thứ Sáu 2/5, làm bù thứ Bảy 26/4', true);

-- Rows shipped with the extension are maintained by its upgrade scripts;
-- local changes go into new rows or into a child calendar (see
-- motcua.protect_shipped_rows).  Edits are logged and invalidate the caches;
-- TRUNCATE would bypass both, so it is refused.
SELECT motcua.ship_table(t) FROM unnest('{motcua.calendar,motcua.calendar_holiday,motcua.calendar_override}'::regclass[]) t;
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE ON motcua.calendar
	FOR EACH ROW EXECUTE FUNCTION motcua.calendar_changed();
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE ON motcua.calendar_holiday
	FOR EACH ROW EXECUTE FUNCTION motcua.calendar_changed();
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE ON motcua.calendar_override
	FOR EACH ROW EXECUTE FUNCTION motcua.calendar_changed();


SELECT pg_catalog.pg_extension_config_dump('motcua.calendar_change', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.calendar_change_id_seq', '');

ALTER TABLE motcua.jurisdiction ADD FOREIGN KEY (calendar) REFERENCES motcua.calendar ON UPDATE CASCADE;
ALTER TABLE motcua.unit ADD FOREIGN KEY (calendar) REFERENCES motcua.calendar ON UPDATE CASCADE;

-- Lunar calendar (Vietnamese, UTC+7, Hồ Ngọc Đức's astronomical method).
CREATE FUNCTION motcua.lunar_to_solar(year integer, month integer, day integer, leap boolean DEFAULT false)
	RETURNS date AS 'MODULE_PATHNAME', 'motcua_lunar_to_solar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.lunar_to_solar(integer, integer, integer, boolean) IS
	'solar date of a Vietnamese lunar date (years 1900-2199); 22008 for a date that does not exist';
CREATE FUNCTION motcua.solar_to_lunar(date, OUT year integer, OUT month integer, OUT day integer, OUT leap boolean)
	RETURNS record AS 'MODULE_PATHNAME', 'motcua_solar_to_lunar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.solar_to_lunar(date) IS 'Vietnamese lunar date (UTC+7) of a solar date';

-- Working days and deadlines.  STABLE, not IMMUTABLE: the answer follows
-- the calendar tables.
CREATE FUNCTION motcua.is_working_day(date, calendar text DEFAULT 'VN') RETURNS boolean
	AS 'MODULE_PATHNAME', 'motcua_is_working_day'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
CREATE FUNCTION motcua.add_working_days(start timestamptz, days numeric, calendar text DEFAULT 'VN')
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_days(timestamptz, numeric, text) IS
	'deadline of a dossier received at start with a duration of days working days: counted from the next working day, N days end at 17:00 of the Nth, 0.5 at 12:00';
CREATE FUNCTION motcua.add_working_days(start timestamptz, days numeric, calendar text, cutoff time)
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_days(timestamptz, numeric, text, time) IS
	'as add_working_days, a receipt after the procedure''s cut-off (not at it) counting as received the next working day';
-- Integer, float and untyped arguments resolve to this variant (float8 is
-- the preferred numeric type), which skips numeric arithmetic.
CREATE FUNCTION motcua.add_working_days(start timestamptz, days double precision, calendar text DEFAULT 'VN')
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days_float8'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_days(timestamptz, double precision, text) IS
	'add_working_days for integer and untyped arguments; same rules, a multiple of 0.001 day';
CREATE FUNCTION motcua.add_working_days(start timestamptz, days double precision, calendar text, cutoff time)
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_days_float8'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
CREATE FUNCTION motcua.add_working_hours(start timestamptz, hours numeric, calendar text DEFAULT 'VN')
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_hours'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_hours(timestamptz, numeric, text) IS
	'the instant hours of office time after start (a start outside office hours begins at the next office moment)';
CREATE FUNCTION motcua.add_working_hours(start timestamptz, hours numeric, calendar text, cutoff time)
	RETURNS timestamptz AS 'MODULE_PATHNAME', 'motcua_add_working_hours'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.add_working_hours(timestamptz, numeric, text, time) IS
	'deadline in working hours of a dossier received at start: a receipt after the cut-off, after closing or on a day off runs from 08:00 of the next working day';
CREATE FUNCTION motcua.working_days_between(a timestamptz, b timestamptz, calendar text DEFAULT 'VN',
											clock_stops tstzrange[] DEFAULT '{}')
	RETURNS numeric AS 'MODULE_PATHNAME', 'motcua_working_days_between'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.working_days_between(timestamptz, timestamptz, text, tstzrange[]) IS
	'office time between a and b in working days (8 working hours = 1 day), less the office time inside the clock stops';
CREATE FUNCTION motcua.calendar_days(calendar text, from_day date, to_day date,
									 OUT day date, OUT working boolean, OUT reason text, OUT legal_reference text)
	RETURNS SETOF record AS 'MODULE_PATHNAME', 'motcua_calendar_days'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 31;
COMMENT ON FUNCTION motcua.calendar_days(text, date, date) IS
	'each day of a range with whether it is a working day and why not';

-- wall_clock: an instant as the wall-clock time at a UTC offset.  A SQL
-- expression the planner inlines, for queries that already hold the
-- calendar's offset (the KPI facts, millions of rows at a time).
CREATE FUNCTION motcua.wall_clock(at timestamptz, utc_offset interval) RETURNS timestamp
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT (at AT TIME ZONE 'UTC') + utc_offset
$$;

-- local_time: an instant as the wall-clock time of a calendar's offices
-- (its UTC offset, not the session's time zone), the basis of every local
-- date motcua derives: dossier code dates, report days, portal dates.
CREATE FUNCTION motcua.local_time(at timestamptz, calendar text DEFAULT 'VN') RETURNS timestamp
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	off interval;
BEGIN
	SELECT c.utc_offset INTO off FROM motcua.calendar c WHERE c.code = local_time.calendar;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'calendar "%" does not exist', calendar USING ERRCODE = 'undefined_object';
	END IF;
	RETURN motcua.wall_clock(at, off);
END
$$;
COMMENT ON FUNCTION motcua.local_time(timestamptz, text) IS
	'the wall-clock time of an instant in a calendar''s offices (its UTC offset)';

CREATE FUNCTION motcua.effective_receipt_day(start timestamptz, calendar text DEFAULT 'VN')
	RETURNS date AS 'MODULE_PATHNAME', 'motcua_effective_receipt_day'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.effective_receipt_day(timestamptz, text) IS
	'the working day a receipt at start counts as: the same day up to closing time (17:00:00 included), else the next working day';
CREATE FUNCTION motcua.effective_receipt_day(start timestamptz, calendar text, cutoff time)
	RETURNS date AS 'MODULE_PATHNAME', 'motcua_effective_receipt_day'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION motcua.effective_receipt_day(timestamptz, text, time) IS
	'as effective_receipt_day, a receipt after the cut-off (not at it) counting as received the next working day';

-- explain_deadline: one row per calendar day from the receipt to the
-- deadline, what an officer shows a person who disputes a date.
-- With a cut-off (a procedure's receipt_cutoff), a receipt after it counts
-- from the next working day, as receive() counts it.
CREATE FUNCTION motcua.explain_deadline(start timestamptz, days numeric, calendar text DEFAULT 'VN',
										cutoff time DEFAULT NULL)
	RETURNS TABLE (day date, weekday text, counted boolean, working_day_no integer, reason text,
				   legal_reference text, deadline timestamptz)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	WITH p AS (
		SELECT CASE WHEN cutoff IS NULL THEN motcua.add_working_days(start, days, calendar)
					ELSE motcua.add_working_days(start, days, calendar, cutoff) END AS due,
			   CASE WHEN cutoff IS NULL THEN motcua.effective_receipt_day(start, calendar)
					ELSE motcua.effective_receipt_day(start, calendar, cutoff) END AS receipt,
			   motcua.local_time(start, calendar)::date AS first_day),
	d AS (
		SELECT cd.*, p.*, motcua.local_time(p.due, calendar)::date AS last_day
		FROM p, motcua.calendar_days(calendar, p.first_day, motcua.local_time(p.due, calendar)::date) cd)
	SELECT d.day,
		   to_char(d.day, 'FMDay'),
		   d.working AND d.day > d.receipt,
		   CASE WHEN d.working AND d.day > d.receipt
				THEN (count(*) FILTER (WHERE d.working AND d.day > d.receipt) OVER (ORDER BY d.day))::int END,
		   CASE WHEN d.day = d.receipt AND d.day = d.first_day
					THEN 'day of receipt; counting starts the next working day'
				WHEN d.day = d.receipt
					THEN 'counts as the day of receipt (received outside office hours or after the cut-off); counting starts the next working day'
				WHEN d.working AND d.day < d.receipt
					THEN 'received outside office hours'
				ELSE d.reason END,
		   d.legal_reference,
		   CASE WHEN d.day = d.last_day THEN d.due END
	FROM d
	ORDER BY d.day
$$;
COMMENT ON FUNCTION motcua.explain_deadline(timestamptz, numeric, text, time) IS
	'one row per calendar day from receipt to deadline: whether it counted and why not';

GRANT SELECT ON motcua.calendar, motcua.calendar_holiday, motcua.calendar_override
	TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;
GRANT SELECT ON motcua.calendar_change TO motcua_admin, motcua_auditor;
GRANT INSERT, UPDATE, DELETE ON motcua.calendar, motcua.calendar_holiday, motcua.calendar_override TO motcua_admin;
-- Dossier lifecycle (ONE-STOP.md §1-2): reception, the state machine, clock
-- stops, timeliness and the tamper-evident history.

-- The state machine as data: from which state an action leads where, and
-- what it does to the legal clock.  The national portal's TrangThaiHoSo
-- code of each state is in dossier_state.
CREATE TABLE motcua.dossier_state (
	state		text PRIMARY KEY,
	portal_status smallint NOT NULL CHECK (portal_status BETWEEN 1 AND 10),
	name		text NOT NULL,
	final		boolean NOT NULL DEFAULT false,
	ends_processing boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE motcua.dossier_state IS 'dossier states and their national portal status code (TrangThaiHoSo 1-10)';
INSERT INTO motcua.dossier_state VALUES
	('received', 1, 'Mới đăng ký', false, false),
	('accepted', 2, 'Được tiếp nhận', false, false),
	('refused', 3, 'Không được tiếp nhận', true, true),
	('in_progress', 4, 'Đang xử lý', false, false),
	('suspended', 4, 'Đang xử lý (tạm dừng)', false, false),
	('awaiting_supplement', 5, 'Yêu cầu bổ sung giấy tờ', false, false),
	('awaiting_payment', 6, 'Yêu cầu thực hiện nghĩa vụ tài chính', false, false),
	('withdrawn', 7, 'Công dân yêu cầu rút hồ sơ', true, true),
	('stopped', 8, 'Dừng xử lý', true, true),
	('done', 9, 'Đã xử lý xong', false, true),
	('returned', 10, 'Đã trả kết quả', true, true);

CREATE TABLE motcua.dossier_transition (
	from_state	text NOT NULL REFERENCES motcua.dossier_state,
	action		text NOT NULL,
	to_state	text REFERENCES motcua.dossier_state,	-- NULL: state unchanged
	clock		text NOT NULL DEFAULT 'none' CHECK (clock IN ('none', 'stop', 'resume')),
	required	text[] NOT NULL DEFAULT '{}',
	PRIMARY KEY (from_state, action)
);
COMMENT ON TABLE motcua.dossier_transition IS 'allowed actions per state; required lists the details keys the action needs';
INSERT INTO motcua.dossier_transition (from_state, action, to_state, clock, required)
SELECT s.from_state, a.action, a.to_state, a.clock, a.required
FROM (VALUES
		('accept', 'accepted', 'none', '{}'::text[]),
		('refuse_reception', 'refused', 'none', '{reason}'),
		('assign', 'in_progress', 'none', '{}'),
		('transfer', 'in_progress', 'none', '{to_unit,channel}'),
		('request_supplement', 'awaiting_supplement', 'stop', '{reason}'),
		('supplement_received', 'in_progress', 'resume', '{}'),
		('request_payment', 'awaiting_payment', 'none', '{amount}'),
		('payment_received', 'in_progress', 'none', '{method,amount}'),
		('suspend', 'suspended', 'stop', '{reason}'),
		('resume', 'in_progress', 'resume', '{}'),
		('extend', NULL, 'none', '{new_promised_at,apology_letter}'),
		('withdraw', 'withdrawn', 'none', '{}'),
		('stop', 'stopped', 'none', '{reason}'),
		('complete', 'done', 'none', '{}'),
		('return_result', 'returned', 'none', '{channel}'))
	AS a(action, to_state, clock, required)
JOIN (VALUES
		('received', '{accept,refuse_reception,withdraw}'::text[]),
		('accepted', '{assign,transfer,request_supplement,request_payment,suspend,extend,withdraw,stop,complete}'),
		('in_progress', '{assign,transfer,request_supplement,request_payment,suspend,extend,withdraw,stop,complete}'),
		('awaiting_supplement', '{supplement_received,withdraw,stop}'),
		('awaiting_payment', '{payment_received,withdraw,stop}'),
		('suspended', '{resume,withdraw,stop}'),
		('done', '{return_result}'))
	AS s(from_state, actions) ON a.action = ANY (s.actions);
-- assign keeps an accepted dossier's progress state moving to in_progress,
-- but a dossier already in progress stays there (to_state is the same).

-- Per unit and day reception counters.  A reception locks only its own
-- unit's counter row for the day, so receptions at different units never
-- wait for each other, and a rolled-back reception gives its number back.
CREATE TABLE motcua.dossier_counter (
	unit		motcua.unit_id NOT NULL,
	day			date NOT NULL,
	last_seq	integer NOT NULL,
	PRIMARY KEY (unit, day)
);

-- Dossiers, partitioned by month of receipt.  received_on is the date the
-- dossier code carries; lookups by code add it so only one partition is
-- searched.
CREATE TABLE motcua.dossier (
	code		motcua.dossier_code NOT NULL,
	received_on date NOT NULL,
	unit		motcua.unit_id NOT NULL,
	procedure	motcua.procedure_code NOT NULL,
	subject		bigint NOT NULL,
	channel		text NOT NULL CHECK (channel IN ('direct', 'online', 'postal')),
	received_at timestamptz NOT NULL,
	calendar	text NOT NULL,
	state		text NOT NULL,
	promised_at timestamptz NOT NULL,
	first_promised_at timestamptz NOT NULL,
	due_at		timestamptz NOT NULL,
	second_supplement_at timestamptz,
	current_unit motcua.unit_id NOT NULL,
	assigned_to text,
	supplement_count smallint NOT NULL DEFAULT 0,
	extension_count smallint NOT NULL DEFAULT 0,
	clock_stopped_at timestamptz,
	clock_stops tstzrange[] NOT NULL DEFAULT '{}',
	finished_at timestamptz,
	returned_at timestamptz,
	fee			numeric(14, 0) NOT NULL DEFAULT 0 CHECK (fee >= 0),
	paid_amount numeric(14, 0) NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
	paid_online boolean NOT NULL DEFAULT false,
	transfers_electronic smallint NOT NULL DEFAULT 0,
	transfers_paper smallint NOT NULL DEFAULT 0,
	result_esigned boolean,
	results		jsonb NOT NULL DEFAULT '[]',
	details		jsonb NOT NULL DEFAULT '{}',
	event_count integer NOT NULL DEFAULT 0,
	last_hash	bytea,
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CHECK (received_on = motcua.received_on(code)),
	CHECK (unit = motcua.unit_of(code)),
	CHECK (finished_at IS NULL OR finished_at >= received_at),
	CHECK ((state IN ('awaiting_supplement', 'suspended')) = (clock_stopped_at IS NOT NULL))
) PARTITION BY RANGE (received_on);
COMMENT ON TABLE motcua.dossier IS 'dossiers [hồ sơ], partitioned by month of receipt; change them only through motcua.receive and motcua.transition';
COMMENT ON COLUMN motcua.dossier.promised_at IS
	'the return date the person holds [ngày hẹn trả] and the portal gets: moved by clock stops and by extensions with an apology letter';
COMMENT ON COLUMN motcua.dossier.due_at IS
	'the legal deadline timeliness is judged against: the first promised date moved only by clock stops that began before it was reached, never by an extension (Decree 61/2018 Art. 19)';
COMMENT ON COLUMN motcua.dossier.second_supplement_at IS
	'when a second supplement request made the dossier late (Decision 766: more than one request is late)';
-- The parent has no keys or indexes of its own: each month partition gets
-- them when it is created (ensure_dossier_partition).  Partitions are the
-- installation's own tables, so pg_dump writes them with their keys; keys
-- inherited from a parent that belongs to the extension would be written
-- twice and break pg_restore.  A code is unique overall because its date
-- names the one partition it can live in (the CHECK above).

-- The append-only, hash-chained history of each dossier.
CREATE TABLE motcua.dossier_event (
	dossier		motcua.dossier_code NOT NULL,
	seq			integer NOT NULL CHECK (seq > 0),
	at			timestamptz NOT NULL,
	actor		text NOT NULL CHECK (actor <> ''),
	action		text NOT NULL,
	from_state	text,
	to_state	text NOT NULL,
	details		jsonb NOT NULL DEFAULT '{}',
	prev_hash	bytea,
	hash		bytea NOT NULL CHECK (length(hash) = 32),
	PRIMARY KEY (dossier, seq)
);
COMMENT ON TABLE motcua.dossier_event IS 'append-only history: each event''s hash is SHA-256 over the previous hash and the event, so an altered row breaks the chain (motcua.verify_history)';

-- event_hash computes an event's link in the chain (C, OpenSSL SHA-256).
CREATE FUNCTION motcua.event_hash(prev bytea, dossier motcua.dossier_code, seq integer, at timestamptz,
								  actor text, action text, from_state text, to_state text, details jsonb)
	RETURNS bytea AS 'MODULE_PATHNAME', 'motcua_event_hash'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION motcua.event_hash(bytea, motcua.dossier_code, integer, timestamptz, text, text, text, text, jsonb) IS
	'SHA-256 of the previous hash and a length-prefixed encoding of the event (NULL previous hash for the first event)';

CREATE FUNCTION motcua.refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'insufficient_privilege',
			  HINT = 'History cannot be changed; a correction is a new event.';
END
$$;
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON motcua.dossier_event
	FOR EACH ROW EXECUTE FUNCTION motcua.refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON motcua.dossier_event
	FOR EACH STATEMENT EXECUTE FUNCTION motcua.refuse_change();

-- Components the dossier holds, one row per required component of its
-- procedure, with how each was supplied.  eligible records that the state
-- already held it at reception (the reuse check said reusable or
-- from_national_db): supplying it any other way is asking again.
CREATE TABLE motcua.dossier_component (
	dossier		motcua.dossier_code NOT NULL,
	ordinal		smallint NOT NULL,
	document_type text NOT NULL,
	supplied_by text CHECK (supplied_by IN ('reused_warehouse', 'national_db', 'digitized_at_counter',
											'uploaded_online', 'paper')),
	digitized	boolean NOT NULL DEFAULT false,
	reusable	boolean NOT NULL DEFAULT false,
	eligible	boolean NOT NULL DEFAULT false,
	document_id bigint,
	PRIMARY KEY (dossier, ordinal)
);

-- ensure_dossier_partition creates the month partition that holds day, if
-- it is missing.  Receptions call it only when the month has no partition
-- yet; a DBA can create months ahead.  Two sessions racing to create the
-- same month are fine: the loser finds it made.
CREATE FUNCTION motcua.ensure_dossier_partition(day date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	first date := date_trunc('month', day)::date;
	name text := format('dossier_%s', to_char(first, 'YYYYMM'));
BEGIN
	IF to_regclass(format('motcua.%I', name)) IS NULL THEN
		BEGIN
			EXECUTE format('CREATE TABLE motcua.%I PARTITION OF motcua.dossier FOR VALUES FROM (%L) TO (%L)',
						   name, first, (first + interval '1 month')::date);
			EXECUTE format('ALTER TABLE motcua.%I ADD PRIMARY KEY (code)', name);
			EXECUTE format('CREATE INDEX ON motcua.%I (unit, received_on)', name);
			EXECUTE format('CREATE INDEX ON motcua.%I (subject)', name);
			EXECUTE format('CREATE INDEX ON motcua.%I (due_at) WHERE finished_at IS NULL', name);
		EXCEPTION WHEN duplicate_table THEN
			NULL;
		END;
	END IF;
	RETURN name;
END
$$;
COMMENT ON FUNCTION motcua.ensure_dossier_partition(date) IS 'create the monthly partition of motcua.dossier holding day, if missing';

-- require_receiving_unit raises the proper error unless the unit exists,
-- is active and receives dossiers (a one-stop unit).
CREATE FUNCTION motcua.require_receiving_unit(unit motcua.unit_id, what text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	u record;
BEGIN
	SELECT x.receives_dossiers, x.active INTO u FROM motcua.unit x WHERE x.id OPERATOR(motcua.=) unit;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unit % does not exist', unit USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT (u.receives_dossiers AND u.active) THEN
		RAISE EXCEPTION 'unit % does not receive %', unit, what
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Use a one-stop unit (receives_dossiers = true).';
	END IF;
END
$$;

-- calendar_of_unit: the unit's calendar, else its jurisdiction's.
CREATE FUNCTION motcua.calendar_of_unit(unit motcua.unit_id) RETURNS text
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT coalesce(u.calendar, j.calendar)
	FROM motcua.unit u JOIN motcua.jurisdiction j ON j.code = u.jurisdiction
	WHERE u.id OPERATOR(motcua.=) unit
$$;

-- office_hours_per_day of a calendar, to turn working days into hours.
CREATE FUNCTION motcua.office_hours_per_day(calendar text) RETURNS numeric
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT (extract(epoch FROM (morning_end - morning_start) + (afternoon_end - afternoon_start)) / 3600)::numeric
	FROM motcua.calendar c WHERE c.code = office_hours_per_day.calendar
$$;

-- append_event adds the next link of a dossier's history and returns its
-- hash.  Only receive and transition call it.
CREATE FUNCTION motcua.append_event(d motcua.dossier_code, seq integer, prev bytea, at timestamptz,
									actor text, action text, from_state text, to_state text, details jsonb)
	RETURNS bytea
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	h bytea := motcua.event_hash(prev, d, seq, at, actor, action, from_state, to_state, details);
BEGIN
	INSERT INTO motcua.dossier_event (dossier, seq, at, actor, action, from_state, to_state, details, prev_hash, hash)
	VALUES (d, seq, at, actor, action, from_state, to_state, details, prev, h);
	RETURN h;
END
$$;
REVOKE ALL ON FUNCTION motcua.append_event(motcua.dossier_code, integer, bytea, timestamptz, text, text, text, text, jsonb) FROM PUBLIC;

-- receive registers a dossier at a one-stop unit and returns its code
-- (ONE-STOP.md §2): subject is a personal ID or tax code (created when
-- new), channel direct, online or postal.  The promised return date comes
-- from the procedure's legal duration, the unit's calendar and the
-- procedure's receipt cut-off.
CREATE FUNCTION motcua.receive(procedure motcua.procedure_code, subject text, unit motcua.unit_id,
							   channel text, received_at timestamptz DEFAULT now(), details jsonb DEFAULT '{}')
	RETURNS motcua.dossier_code
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	p record;
	cal text;
	local_day date;
	seq integer;
	code motcua.dossier_code;
	promised timestamptz;
	sid bigint;
	actor text := coalesce(details->>'actor', session_user);
	h bytea;
BEGIN
	IF channel IS NULL OR channel NOT IN ('direct', 'online', 'postal') THEN
		RAISE EXCEPTION 'invalid channel "%"', channel
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Channel is direct, online or postal.';
	END IF;
	IF procedure IS NULL OR subject IS NULL OR unit IS NULL OR received_at IS NULL OR details IS NULL THEN
		RAISE EXCEPTION 'receive needs a procedure, subject, unit, channel and reception time'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF jsonb_typeof(details) <> 'object' THEN
		RAISE EXCEPTION 'details must be a JSON object' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT x.duration, x.duration_unit, x.receipt_cutoff, x.fee, x.active INTO p
	FROM motcua.procedure x WHERE x.code OPERATOR(motcua.=) procedure;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'procedure % does not exist', procedure USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT p.active THEN
		RAISE EXCEPTION 'procedure % is no longer in force', procedure USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	PERFORM motcua.require_receiving_unit(unit, 'dossiers');
	cal := motcua.calendar_of_unit(unit);
	sid := motcua.subject_of(subject);
	local_day := motcua.local_time(received_at, cal)::date;

	-- the receipt rules (office hours, the cut-off) apply to deadlines in
	-- hours and in days alike (ONE-STOP.md §4)
	promised := CASE WHEN p.duration_unit = 'working_hour' AND p.receipt_cutoff IS NULL
						 THEN motcua.add_working_hours(received_at, p.duration, cal)
					 WHEN p.duration_unit = 'working_hour'
						 THEN motcua.add_working_hours(received_at, p.duration, cal, p.receipt_cutoff)
					 WHEN p.receipt_cutoff IS NULL
						 THEN motcua.add_working_days(received_at, p.duration, cal)
					 ELSE motcua.add_working_days(received_at, p.duration, cal, p.receipt_cutoff) END;

	PERFORM motcua.ensure_dossier_partition(local_day)
	WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i
					  JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
					  WHERE i.inhparent = 'motcua.dossier'::regclass
						AND c.relname = format('dossier_%s', to_char(local_day, 'YYYYMM')));

	INSERT INTO motcua.dossier_counter AS c (unit, day, last_seq) VALUES (unit, local_day, 1)
	ON CONFLICT ON CONSTRAINT dossier_counter_pkey DO UPDATE SET last_seq = c.last_seq + 1
	RETURNING c.last_seq INTO seq;
	code := motcua.make_dossier_code(unit, local_day, seq);

	h := motcua.append_event(code, 1, NULL, received_at, actor, 'receive', NULL, 'received',
							 jsonb_build_object('procedure', procedure::text, 'channel', channel,
												'promised_at', promised) || details);
	INSERT INTO motcua.dossier (code, received_on, unit, procedure, subject, channel, received_at, calendar,
								state, promised_at, first_promised_at, due_at, current_unit, fee, details,
								event_count, last_hash, updated_at)
	VALUES (code, local_day, unit, procedure, sid, channel, received_at, cal,
			'received', promised, promised, promised, unit, p.fee, details, 1, h, received_at);
	-- components the state already holds are pre-filled from the reuse
	-- check (75_warehouse.sql); the rest are recorded as supplied later
	INSERT INTO motcua.dossier_component (dossier, ordinal, document_type, reusable, supplied_by, document_id,
										  digitized, eligible)
	SELECT code, pc.ordinal, pc.document_type, pc.reusable,
		   CASE r.status WHEN 'reusable' THEN 'reused_warehouse' WHEN 'from_national_db' THEN 'national_db' END,
		   CASE WHEN r.status = 'reusable' THEN r.document_id END,
		   r.status IN ('reusable', 'from_national_db'), r.status IN ('reusable', 'from_national_db')
	FROM motcua.procedure_component pc
	JOIN motcua.reuse_status(sid, procedure, received_at) r ON r.ordinal = pc.ordinal
	WHERE pc.procedure OPERATOR(motcua.=) procedure;
	RETURN code;
END
$$;
COMMENT ON FUNCTION motcua.receive(motcua.procedure_code, text, motcua.unit_id, text, timestamptz, jsonb) IS
	'receive a dossier: assigns its code, computes the promised return date, records the expected components';

-- transition applies an action to a dossier and returns the new state.  The
-- dossier row is locked first, so concurrent actions on one dossier run one
-- after the other and each sees the state the previous one left.
CREATE FUNCTION motcua.transition(dossier motcua.dossier_code, action text, actor text, details jsonb DEFAULT '{}')
	RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d motcua.dossier;
	t motcua.dossier_transition;
	new_state text;
	at timestamptz;
	missing text[];
	stopped numeric;
	n numeric;
	h bytea;
	v text;
	promised_before timestamptz;
BEGIN
	IF dossier IS NULL OR action IS NULL OR actor IS NULL OR actor = '' OR details IS NULL THEN
		RAISE EXCEPTION 'transition needs a dossier, an action and an actor' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF jsonb_typeof(details) <> 'object' THEN
		RAISE EXCEPTION 'details must be a JSON object' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM motcua.dossier_transition x WHERE x.action = action) THEN
		RAISE EXCEPTION 'unknown action "%"', action
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Actions: ' || (SELECT string_agg(DISTINCT x.action, ', ' ORDER BY x.action) FROM motcua.dossier_transition x) || '.';
	END IF;
	SELECT * INTO d FROM motcua.dossier x
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier)
	FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	SELECT * INTO t FROM motcua.dossier_transition x WHERE x.from_state = d.state AND x.action = action;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'action % is not allowed on dossier % in state %', action, dossier, d.state
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = coalesce('Allowed actions: ' || (SELECT string_agg(x.action, ', ' ORDER BY x.action)
											 FROM motcua.dossier_transition x WHERE x.from_state = d.state) || '.',
									'The dossier is closed: no action is allowed.');
	END IF;
	SELECT array_agg(k) INTO missing FROM unnest(t.required) k
	WHERE NOT details ? k OR jsonb_typeof(details->k) = 'null' OR details->>k = '';
	IF missing IS NOT NULL THEN
		RAISE EXCEPTION 'action % needs %', action, array_to_string(missing, ', ')
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Pass them as keys of details.';
	END IF;

	at := CASE WHEN details ? 'at' THEN (details->>'at')::timestamptz ELSE now() END;
	IF at < d.updated_at THEN
		RAISE EXCEPTION 'event time % is before the dossier''s last event at %', at, d.updated_at
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	new_state := coalesce(t.to_state, d.state);
	promised_before := d.promised_at;

	-- the legal clock: stop, or resume and move the promised date by the
	-- office time it stood still
	IF t.clock = 'stop' THEN
		d.clock_stopped_at := at;
	ELSIF d.clock_stopped_at IS NOT NULL THEN
		-- resuming, or ending the dossier (withdraw, stop) while the clock
		-- stands still: the stop closes either way
		stopped := motcua.working_days_between(d.clock_stopped_at, at, d.calendar);
		IF stopped > 0 THEN
			d.promised_at := motcua.add_working_hours(d.promised_at, stopped * motcua.office_hours_per_day(d.calendar), d.calendar);
		END IF;
		d.clock_stops := d.clock_stops || tstzrange(d.clock_stopped_at, at);
		d.clock_stopped_at := NULL;
		d.due_at := motcua.legal_due(d.first_promised_at, d.clock_stops, NULL, d.calendar, at);
	END IF;

	CASE action
	WHEN 'assign' THEN
		d.assigned_to := coalesce(details->>'officer', details->>'department', d.assigned_to);
	WHEN 'transfer' THEN
		v := details->>'channel';
		IF v NOT IN ('electronic', 'paper') THEN
			RAISE EXCEPTION 'transfer channel must be electronic or paper, not "%"', v USING ERRCODE = 'invalid_parameter_value';
		END IF;
		IF NOT EXISTS (SELECT 1 FROM motcua.unit u WHERE u.id OPERATOR(motcua.=) (details->>'to_unit')::motcua.unit_id) THEN
			RAISE EXCEPTION 'unit % does not exist', details->>'to_unit' USING ERRCODE = 'undefined_object';
		END IF;
		d.current_unit := (details->>'to_unit')::motcua.unit_id;
		IF v = 'electronic' THEN
			d.transfers_electronic := d.transfers_electronic + 1;
		ELSE
			d.transfers_paper := d.transfers_paper + 1;
		END IF;
	WHEN 'request_supplement' THEN
		d.supplement_count := d.supplement_count + 1;
		IF d.supplement_count = 2 THEN
			d.second_supplement_at := at;
		END IF;
	WHEN 'request_payment' THEN
		n := (details->>'amount')::numeric;
		IF n < 0 THEN
			RAISE EXCEPTION 'amount must not be negative' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		d.fee := n;
	WHEN 'payment_received' THEN
		n := (details->>'amount')::numeric;
		v := details->>'method';
		IF v NOT IN ('online', 'offline') THEN
			RAISE EXCEPTION 'payment method must be online or offline, not "%"', v USING ERRCODE = 'invalid_parameter_value';
		END IF;
		IF n < 0 THEN
			RAISE EXCEPTION 'amount must not be negative' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		d.paid_amount := d.paid_amount + n;
		d.paid_online := d.paid_online OR v = 'online';
	WHEN 'extend' THEN
		IF (details->>'new_promised_at')::timestamptz <= d.promised_at THEN
			RAISE EXCEPTION 'the new promised date % is not after the current one %',
				(details->>'new_promised_at')::timestamptz, d.promised_at
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		d.promised_at := (details->>'new_promised_at')::timestamptz;
		d.extension_count := d.extension_count + 1;
	WHEN 'complete' THEN
		IF details ? 'results' AND jsonb_typeof(details->'results') <> 'array' THEN
			RAISE EXCEPTION 'results must be a JSON array' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		d.results := coalesce(details->'results', '[]');
		d.result_esigned := coalesce((details->>'esigned')::boolean, false);
		PERFORM motcua.deposit_results(d.code, d.subject, d.procedure, d.current_unit, d.results, at);
	WHEN 'return_result' THEN
		v := details->>'channel';
		IF v NOT IN ('direct', 'online', 'postal') THEN
			RAISE EXCEPTION 'return channel must be direct, online or postal, not "%"', v USING ERRCODE = 'invalid_parameter_value';
		END IF;
		d.returned_at := at;
	ELSE
		NULL;
	END CASE;
	IF d.finished_at IS NULL AND (SELECT s.ends_processing FROM motcua.dossier_state s WHERE s.state = new_state) THEN
		d.finished_at := at;
	END IF;

	-- the history keeps every move of the promised date (portal_record's
	-- supplement history reads it back)
	IF d.promised_at IS DISTINCT FROM promised_before THEN
		details := details || jsonb_build_object('promised_at_before', promised_before,
												 'promised_at_after', d.promised_at);
	END IF;
	h := motcua.append_event(dossier, d.event_count + 1, d.last_hash, at, actor, action, d.state, new_state, details);
	UPDATE motcua.dossier x SET
		state = new_state, promised_at = d.promised_at, due_at = d.due_at,
		second_supplement_at = d.second_supplement_at, assigned_to = d.assigned_to,
		current_unit = d.current_unit, supplement_count = d.supplement_count,
		extension_count = d.extension_count, clock_stopped_at = d.clock_stopped_at,
		clock_stops = d.clock_stops, finished_at = d.finished_at, returned_at = d.returned_at,
		fee = d.fee, paid_amount = d.paid_amount, paid_online = d.paid_online,
		transfers_electronic = d.transfers_electronic, transfers_paper = d.transfers_paper,
		result_esigned = d.result_esigned, results = d.results,
		event_count = d.event_count + 1, last_hash = h, updated_at = at
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = d.received_on;
	RETURN new_state;
END
$$;
COMMENT ON FUNCTION motcua.transition(motcua.dossier_code, text, text, jsonb) IS
	'apply an action (accept, refuse_reception, assign, transfer, request_supplement, supplement_received, request_payment, payment_received, suspend, resume, extend, withdraw, stop, complete, return_result) and return the new state';

-- portal_status: the national portal's TrangThaiHoSo code of a state.
CREATE FUNCTION motcua.portal_status(state text) RETURNS smallint
LANGUAGE sql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT portal_status FROM motcua.dossier_state WHERE dossier_state.state = portal_status.state
$$;

-- legal_due: the legal deadline as it stands at as_of (ONE-STOP.md §2).
-- The first promised date moves by the office time of each clock stop up
-- to as_of (closed stops, then the one still running since
-- open_stop_since), but only by a stop that began before the deadline was
-- reached: once the deadline has passed, the dossier is late, and a later
-- supplement request or suspension does not make it on time again.
-- Extensions never move it.  transition() keeps dossier.due_at with it and
-- timeliness() asks it about any instant of the past.
CREATE FUNCTION motcua.legal_due(first_promised timestamptz, closed_stops tstzrange[],
								 open_stop_since timestamptz, calendar text, as_of timestamptz)
	RETURNS timestamptz
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	due timestamptz := first_promised;
	stop tstzrange;
	stopped numeric;
BEGIN
	FOR stop IN
		SELECT x FROM unnest(closed_stops || CASE WHEN open_stop_since IS NOT NULL
												  THEN tstzrange(open_stop_since, NULL) END) x
		WHERE x IS NOT NULL AND lower(x) < as_of ORDER BY lower(x)
	LOOP
		-- (no office time between the stop's start and the deadline: the
		-- deadline had been reached when the clock stopped)
		EXIT WHEN motcua.working_days_between(lower(stop), due, calendar) <= 0;
		stopped := motcua.working_days_between(lower(stop), least(coalesce(upper(stop), as_of), as_of), calendar);
		IF stopped > 0 THEN
			due := motcua.add_working_hours(due, stopped * motcua.office_hours_per_day(calendar), calendar);
		END IF;
	END LOOP;
	RETURN due;
END
$$;
COMMENT ON FUNCTION motcua.legal_due(timestamptz, tstzrange[], timestamptz, text, timestamptz) IS
	'the legal deadline at as_of: the first promised date moved by the clock stops up to as_of that began before it was reached; extensions never move it';

-- timeliness judges a dossier as it stood at a time, by the Decision 766
-- rule (ONE-STOP.md §2): finished ones are early (a calendar day or more
-- before the legal deadline), on_time or late; unfinished ones are
-- in_progress, or in_progress_overdue once the legal deadline as it stood
-- then (legal_due) has passed or a second supplement request was made.
-- A clock stop running at as_of holds the deadline back, so a dossier
-- waiting for the person's supplement is not overdue.  An extension with
-- an apology letter does not cure lateness: the deadline is the first
-- promised date moved only by clock stops.  The KPIs count the same.
CREATE FUNCTION motcua.timeliness(dossier motcua.dossier_code, as_of timestamptz DEFAULT now()) RETURNS text
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d record;
BEGIN
	SELECT x.finished_at, x.first_promised_at, x.due_at, x.supplement_count, x.second_supplement_at,
		   x.clock_stops, x.clock_stopped_at, x.calendar, x.received_at INTO d
	FROM motcua.dossier x
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	IF as_of < d.received_at THEN
		RAISE EXCEPTION 'dossier % was received after %', dossier, as_of USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF d.finished_at IS NOT NULL AND d.finished_at <= as_of THEN
		RETURN motcua.finished_outcome(d.finished_at, d.due_at, d.supplement_count,
									   (SELECT c.utc_offset FROM motcua.calendar c WHERE c.code = d.calendar));
	END IF;
	RETURN CASE WHEN d.second_supplement_at <= as_of
					 OR as_of > motcua.legal_due(d.first_promised_at, d.clock_stops, d.clock_stopped_at,
												 d.calendar, as_of)
				THEN 'in_progress_overdue' ELSE 'in_progress' END;
END
$$;
COMMENT ON FUNCTION motcua.timeliness(motcua.dossier_code, timestamptz) IS
	'early, on_time or late once finished, in_progress or in_progress_overdue before: the dossier as it stood at as_of, judged against its legal deadline (clock stops hold it back, extensions do not)';

-- verify_history recomputes a dossier's hash chain.  It returns valid true,
-- or false with the first event that does not match and why.
CREATE FUNCTION motcua.verify_history(dossier motcua.dossier_code,
									  OUT valid boolean, OUT first_broken_seq integer, OUT reason text)
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	e record;
	prev bytea := NULL;
	expect integer := 1;
	d record;
BEGIN
	SELECT x.event_count, x.last_hash INTO d FROM motcua.dossier x
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	FOR e IN SELECT * FROM motcua.dossier_event x WHERE x.dossier OPERATOR(motcua.=) dossier ORDER BY x.seq LOOP
		IF e.seq <> expect THEN
			valid := false; first_broken_seq := expect; reason := format('event %s is missing', expect);
			RETURN;
		END IF;
		IF e.prev_hash IS DISTINCT FROM prev THEN
			valid := false; first_broken_seq := e.seq; reason := 'its link to the previous event was altered';
			RETURN;
		END IF;
		IF e.hash <> motcua.event_hash(e.prev_hash, e.dossier, e.seq, e.at, e.actor, e.action,
									   e.from_state, e.to_state, e.details) THEN
			valid := false; first_broken_seq := e.seq; reason := 'its content does not match its hash';
			RETURN;
		END IF;
		prev := e.hash;
		expect := expect + 1;
	END LOOP;
	IF expect - 1 <> d.event_count OR prev IS DISTINCT FROM d.last_hash THEN
		valid := false; first_broken_seq := expect;
		reason := format('the dossier records %s events ending in another hash; %s are present',
						 d.event_count, expect - 1);
		RETURN;
	END IF;
	valid := true;
END
$$;
COMMENT ON FUNCTION motcua.verify_history(motcua.dossier_code) IS
	'recompute the SHA-256 chain of a dossier''s events: valid, or the first broken event and why';

SELECT pg_catalog.pg_extension_config_dump('motcua.dossier_counter', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.dossier_event', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.dossier_component', '');

REVOKE ALL ON FUNCTION motcua.receive(motcua.procedure_code, text, motcua.unit_id, text, timestamptz, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION motcua.transition(motcua.dossier_code, text, text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION motcua.ensure_dossier_partition(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.receive(motcua.procedure_code, text, motcua.unit_id, text, timestamptz, jsonb),
	motcua.transition(motcua.dossier_code, text, text, jsonb) TO motcua_officer, motcua_admin;
GRANT EXECUTE ON FUNCTION motcua.ensure_dossier_partition(date) TO motcua_admin;
GRANT SELECT ON motcua.dossier, motcua.dossier_event, motcua.dossier_component TO motcua_officer, motcua_auditor, motcua_admin;
GRANT SELECT ON motcua.dossier_state, motcua.dossier_transition TO motcua_officer, motcua_auditor, motcua_admin, motcua_bi;

-- portal_time formats an instant as the national portal does:
-- yyyyMMddHHmmss in the dossier calendar's local time.
CREATE FUNCTION motcua.portal_time(ts timestamptz, calendar text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT to_char(motcua.local_time(ts, calendar), 'YYYYMMDDHH24MISS')
$$;

-- portal_record builds the national portal's DongBoHoSoMC record of a
-- dossier (ONE-STOP.md §6); the sync worker sends exactly this.
CREATE FUNCTION motcua.portal_record(dossier motcua.dossier_code) RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d record;
	rec jsonb;
BEGIN
	SELECT x.*, s.kind AS subject_kind, s.full_name,
		   coalesce(s.personal_id::text, s.tax_code::text) AS subject_id
	INTO d
	FROM motcua.dossier x JOIN motcua.subject s ON s.id = x.subject
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	rec := jsonb_build_object(
		'MaHoSo', d.code::text,
		'MaTTHC', d.procedure::text,
		'MaCoQuan', d.unit::text,
		'ChuHoSo', coalesce(d.full_name, d.subject_id),
		'MaDinhDanhChuHoSo', d.subject_id,
		'LoaiDoiTuong', CASE d.subject_kind WHEN 'person' THEN 1 ELSE 2 END,
		'NgayTiepNhan', motcua.portal_time(d.received_at, d.calendar),
		'NgayHenTra', motcua.portal_time(d.promised_at, d.calendar),
		'NgayKetThucXuLy', motcua.portal_time(d.finished_at, d.calendar),
		'NgayTra', motcua.portal_time(d.returned_at, d.calendar),
		'TrangThaiHoSo', motcua.portal_status(d.state),
		'KenhThucHien', CASE d.channel WHEN 'direct' THEN 1 WHEN 'online' THEN 2 ELSE 3 END,
		'HoSoCoThanhPhanSoHoa', EXISTS (SELECT 1 FROM motcua.dossier_component c
										WHERE c.dossier OPERATOR(motcua.=) d.code AND c.digitized),
		'DuocThanhToanTrucTuyen', d.paid_online,
		'PhiLePhi', jsonb_build_object('SoTien', d.fee, 'DaThanhToan', d.paid_amount,
									   'HinhThuc', CASE WHEN d.paid_amount = 0 THEN NULL
													   WHEN d.paid_online THEN 'TrucTuyen' ELSE 'TrucTiep' END),
		'ThanhPhanHoSo', coalesce((
			SELECT jsonb_agg(jsonb_build_object(
						'STT', c.ordinal,
						'MaGiayTo', c.document_type,
						'DuocSoHoa', c.digitized,
						'DuocTaiSuDung', coalesce(c.supplied_by = 'reused_warehouse', false),
						'DuocLayTuKhoDMQG', coalesce(c.supplied_by = 'national_db', false)) ORDER BY c.ordinal)
			FROM motcua.dossier_component c WHERE c.dossier OPERATOR(motcua.=) d.code), '[]'),
		'QuaTrinhBoSung', coalesce((
			SELECT jsonb_agg(jsonb_build_object(
						'NgayYeuCau', motcua.portal_time(req.at, d.calendar),
						'LyDo', req.details->>'reason',
						'NgayBoSung', motcua.portal_time(rcv.at, d.calendar),
						'NgayHenTraCu', motcua.portal_time((rcv.details->>'promised_at_before')::timestamptz, d.calendar),
						'NgayHenTraMoi', motcua.portal_time((rcv.details->>'promised_at_after')::timestamptz, d.calendar))
					ORDER BY req.seq)
			FROM motcua.dossier_event req
			LEFT JOIN LATERAL (
				SELECT r.at, r.details FROM motcua.dossier_event r
				WHERE r.dossier OPERATOR(motcua.=) d.code AND r.seq > req.seq AND r.action = 'supplement_received'
				ORDER BY r.seq LIMIT 1) rcv ON true
			WHERE req.dossier OPERATOR(motcua.=) d.code AND req.action = 'request_supplement'), '[]'),
		'GiaHan', coalesce((
			SELECT jsonb_agg(jsonb_build_object(
						'NgayGiaHan', motcua.portal_time(e.at, d.calendar),
						'VanBanXinLoi', e.details->>'apology_letter',
						'NgayHenTraCu', motcua.portal_time((e.details->>'promised_at_before')::timestamptz, d.calendar),
						'NgayHenTraMoi', motcua.portal_time((e.details->>'promised_at_after')::timestamptz, d.calendar))
					ORDER BY e.seq)
			FROM motcua.dossier_event e
			WHERE e.dossier OPERATOR(motcua.=) d.code AND e.action = 'extend'), '[]'),
		'KetQua', jsonb_build_object('DanhSach', d.results, 'KySo', d.result_esigned),
		'LuanChuyen', jsonb_build_object('DienTu', d.transfers_electronic, 'Giay', d.transfers_paper));
	RETURN jsonb_strip_nulls(rec);
END
$$;
COMMENT ON FUNCTION motcua.portal_record(motcua.dossier_code) IS
	'the dossier as the national portal''s DongBoHoSoMC record: status code, channel code, yyyyMMddHHmmss dates, component flags, fees, supplement history, results';
GRANT EXECUTE ON FUNCTION motcua.portal_record(motcua.dossier_code) TO motcua_officer, motcua_admin, motcua_auditor;
-- Front office (ONE-STOP.md §5 "Satisfaction", the waiting-time targets of
-- the plans, §8 "Front office"): queue tickets with priority service and
-- booked slots, satisfaction ratings of dossiers, and feedback and
-- complaints with their handling deadline.
--
-- Tables are written only through the functions below (SECURITY DEFINER,
-- pinned search_path); officers, auditors and the admin read them, BI reads
-- the views, which carry no personal content.

-- local_day: the calendar day an instant falls on in a unit's calendar
-- (the offices' UTC offset, not the session's time zone).
CREATE FUNCTION motcua.unit_local_day(unit motcua.unit_id, at timestamptz) RETURNS date
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT motcua.local_time(at, motcua.calendar_of_unit(unit))::date
$$;
COMMENT ON FUNCTION motcua.unit_local_day(motcua.unit_id, timestamptz) IS
	'the day an instant falls on in the unit''s calendar (its offices'' UTC offset)';
REVOKE ALL ON FUNCTION motcua.unit_local_day(motcua.unit_id, timestamptz) FROM PUBLIC;

-- check_dossier_ref stands in for a foreign key to motcua.dossier, which
-- has no key of its own to reference (its month partitions carry the keys,
-- see 50_dossier.sql): a row that names a dossier must name one that
-- exists.  Dossiers are never deleted, so checking the referencing side is
-- enough.  Its received_on makes the lookup touch one partition.
CREATE FUNCTION motcua.check_dossier_ref() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.dossier IS NOT NULL AND NOT EXISTS (
			SELECT 1 FROM motcua.dossier d
			WHERE d.code OPERATOR(motcua.=) NEW.dossier AND d.received_on = motcua.received_on(NEW.dossier)) THEN
		RAISE EXCEPTION 'dossier % does not exist', NEW.dossier
			USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION motcua.check_dossier_ref() IS
	'trigger: the dossier a row names exists (a foreign key to the partitioned motcua.dossier, which has no key of its own)';

------------------------------------------------------------------------
-- Queue tickets [phiếu xếp hàng, lấy số thứ tự]
------------------------------------------------------------------------

-- Per unit and day ticket counters, the pattern of motcua.dossier_counter:
-- issuing a ticket locks only its unit's row for the day, and a rolled-back
-- issue gives its number back.
CREATE TABLE motcua.queue_counter (
	unit		motcua.unit_id NOT NULL REFERENCES motcua.unit ON UPDATE CASCADE,
	day			date NOT NULL,
	last_number integer NOT NULL CHECK (last_number > 0),
	PRIMARY KEY (unit, day)
);
COMMENT ON TABLE motcua.queue_counter IS 'last queue number [số thứ tự] issued per unit and day';

-- Priority groups served before the others (Luật Người cao tuổi 2009, Luật
-- Người khuyết tật 2010, Luật Trẻ em 2016, and the one-stop units' own
-- rules): none, elderly [người cao tuổi], pregnant [phụ nữ mang thai],
-- disability [người khuyết tật], child_under_6 [người đi cùng trẻ em dưới
-- 6 tuổi], meritorious [người có công với cách mạng].
CREATE TABLE motcua.queue_ticket (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	unit		motcua.unit_id NOT NULL REFERENCES motcua.unit ON UPDATE CASCADE,
	day			date NOT NULL,
	number		integer NOT NULL CHECK (number > 0),
	priority	text NOT NULL DEFAULT 'none'
				CHECK (priority IN ('none', 'elderly', 'pregnant', 'disability', 'child_under_6', 'meritorious')),
	service		text CHECK (service <> ''),
	booked_for	timestamptz,
	issued_at	timestamptz NOT NULL,
	called_at	timestamptz,
	served_at	timestamptz,
	finished_at timestamptz,
	counter		text CHECK (counter <> ''),
	dossier		motcua.dossier_code,
	status		text NOT NULL DEFAULT 'waiting'
				CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show')),
	UNIQUE (unit, day, number),
	CHECK (called_at >= issued_at),
	CHECK (served_at >= called_at),
	CHECK (finished_at >= coalesce(served_at, called_at, issued_at)),
	CHECK ((called_at IS NULL) = (counter IS NULL)),
	CHECK (CASE status
		   WHEN 'waiting' THEN called_at IS NULL AND served_at IS NULL AND finished_at IS NULL
		   WHEN 'called' THEN called_at IS NOT NULL AND served_at IS NULL AND finished_at IS NULL
		   WHEN 'serving' THEN served_at IS NOT NULL AND finished_at IS NULL
		   WHEN 'done' THEN served_at IS NOT NULL AND finished_at IS NOT NULL
		   WHEN 'no_show' THEN served_at IS NULL AND finished_at IS NOT NULL
		   END),
	CHECK (dossier IS NULL OR status = 'done')
);
CREATE INDEX queue_ticket_waiting_idx ON motcua.queue_ticket (unit, day, issued_at) WHERE status = 'waiting';
CREATE INDEX queue_ticket_dossier_idx ON motcua.queue_ticket (dossier) WHERE dossier IS NOT NULL;
CREATE TRIGGER dossier_ref BEFORE INSERT OR UPDATE OF dossier ON motcua.queue_ticket
	FOR EACH ROW EXECUTE FUNCTION motcua.check_dossier_ref();
COMMENT ON TABLE motcua.queue_ticket IS 'queue tickets [phiếu xếp hàng] of a one-stop unit: issued, called to a counter, served, done or no-show';
COMMENT ON COLUMN motcua.queue_ticket.day IS 'the day of issue in the unit''s calendar; number restarts at 1 each day';
COMMENT ON COLUMN motcua.queue_ticket.number IS 'queue number [số thứ tự] per unit and day, from 1';
COMMENT ON COLUMN motcua.queue_ticket.priority IS 'priority group [đối tượng ưu tiên]: none, elderly, pregnant, disability, child_under_6, meritorious';
COMMENT ON COLUMN motcua.queue_ticket.service IS 'field code [lĩnh vực] or free text naming what the visit is for';
COMMENT ON COLUMN motcua.queue_ticket.booked_for IS 'booked time slot [hẹn giờ], if the visit was booked';
COMMENT ON COLUMN motcua.queue_ticket.finished_at IS 'when the visit ended: served to the end (done) or marked no-show';
COMMENT ON COLUMN motcua.queue_ticket.dossier IS 'the dossier received during the visit, if any';

-- issue_ticket hands a visitor the next number of the unit for the day.
CREATE FUNCTION motcua.issue_ticket(unit motcua.unit_id, priority text DEFAULT 'none', service text DEFAULT NULL,
									at timestamptz DEFAULT now(), booked_for timestamptz DEFAULT NULL)
	RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	local_day date;
	n integer;
	tid bigint;
BEGIN
	IF unit IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'issue_ticket needs a unit and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF priority IS NULL OR priority NOT IN ('none', 'elderly', 'pregnant', 'disability', 'child_under_6', 'meritorious') THEN
		RAISE EXCEPTION 'invalid priority "%"', priority
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Priority is none, elderly, pregnant, disability, child_under_6 or meritorious.';
	END IF;
	IF service = '' THEN
		RAISE EXCEPTION 'service must not be empty' USING ERRCODE = 'invalid_parameter_value', HINT = 'Pass NULL for none.';
	END IF;
	PERFORM motcua.require_receiving_unit(unit, 'visitors');
	local_day := motcua.unit_local_day(unit, at);
	IF booked_for IS NOT NULL AND motcua.unit_local_day(unit, booked_for) <> local_day THEN
		RAISE EXCEPTION 'booked slot % is not on the day of the visit %', booked_for, local_day
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Issue the ticket on the day of the booking.';
	END IF;

	INSERT INTO motcua.queue_counter AS c (unit, day, last_number) VALUES (unit, local_day, 1)
	ON CONFLICT ON CONSTRAINT queue_counter_pkey DO UPDATE SET last_number = c.last_number + 1
	RETURNING c.last_number INTO n;
	INSERT INTO motcua.queue_ticket (unit, day, number, priority, service, booked_for, issued_at)
	VALUES (unit, local_day, n, priority, service, booked_for, at)
	RETURNING id INTO tid;
	RETURN tid;
END
$$;
COMMENT ON FUNCTION motcua.issue_ticket(motcua.unit_id, text, text, timestamptz, timestamptz) IS
	'issue a queue ticket [cấp số thứ tự]: the unit''s next number for the day; returns the ticket id';

-- lock_ticket locks a ticket for a move and checks it exists and is in one
-- of the expected states; the move's name goes into the error.
CREATE FUNCTION motcua.lock_ticket(ticket bigint, expected text[], move text) RETURNS motcua.queue_ticket
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	t motcua.queue_ticket;
BEGIN
	IF ticket IS NULL THEN
		RAISE EXCEPTION 'no ticket given' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT * INTO t FROM motcua.queue_ticket x WHERE x.id = ticket FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'ticket % does not exist', ticket USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT t.status = ANY (expected) THEN
		RAISE EXCEPTION 'ticket % is %: it cannot be %', ticket, t.status, move
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = format('Only a ticket that is %s can be %s.', array_to_string(expected, ' or '), move);
	END IF;
	RETURN t;
END
$$;
REVOKE ALL ON FUNCTION motcua.lock_ticket(bigint, text[], text) FROM PUBLIC;
COMMENT ON FUNCTION motcua.lock_ticket(bigint, text[], text) IS
	'internal: lock a ticket and check its status before a move (42704 unknown, 55000 wrong status)';

-- ticket_time_check refuses a move dated before the ticket's last step.
CREATE FUNCTION motcua.ticket_time_check(t motcua.queue_ticket, at timestamptz, move text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	since timestamptz := coalesce(t.served_at, t.called_at, t.issued_at);
BEGIN
	IF at IS NULL THEN
		RAISE EXCEPTION 'no time given' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF at < since THEN
		RAISE EXCEPTION 'ticket % is % since %: it cannot be % at an earlier time %', t.id, t.status, since, move, at
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
END
$$;
REVOKE ALL ON FUNCTION motcua.ticket_time_check(motcua.queue_ticket, timestamptz, text) FROM PUBLIC;
COMMENT ON FUNCTION motcua.ticket_time_check(motcua.queue_ticket, timestamptz, text) IS
	'internal: 55000 when a move is dated before the ticket''s last step';

-- call_ticket calls a waiting ticket to a counter [gọi số].
CREATE FUNCTION motcua.call_ticket(ticket bigint, counter text, at timestamptz DEFAULT now()) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	t motcua.queue_ticket;
BEGIN
	IF counter IS NULL OR counter = '' THEN
		RAISE EXCEPTION 'a ticket is called to a counter: counter must be given' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	t := motcua.lock_ticket(ticket, '{waiting}', 'called');
	PERFORM motcua.ticket_time_check(t, at, 'called');
	UPDATE motcua.queue_ticket x SET status = 'called', called_at = at, counter = counter WHERE x.id = ticket;
END
$$;
COMMENT ON FUNCTION motcua.call_ticket(bigint, text, timestamptz) IS
	'call a waiting ticket to a counter [gọi số vào quầy]';

-- next_ticket calls the next waiting ticket of the unit's day to a counter:
-- priority groups first, then booked tickets whose slot has come, then the
-- others first come first served, and last the booked tickets that came
-- early (only when nobody else waits).  SKIP LOCKED: two counters pressing
-- "next" at once get two different tickets, without waiting for each other.
CREATE FUNCTION motcua.next_ticket(unit motcua.unit_id, counter text, at timestamptz DEFAULT now()) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	u record;
	tid bigint;
BEGIN
	IF unit IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'next_ticket needs a unit and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF counter IS NULL OR counter = '' THEN
		RAISE EXCEPTION 'a ticket is called to a counter: counter must be given' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT x.receives_dossiers, x.active INTO u FROM motcua.unit x WHERE x.id OPERATOR(motcua.=) unit;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unit % does not exist', unit USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT (u.receives_dossiers AND u.active) THEN
		RAISE EXCEPTION 'unit % does not receive visitors', unit USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT x.id INTO tid
	FROM motcua.queue_ticket x
	WHERE x.unit OPERATOR(motcua.=) unit AND x.day = motcua.unit_local_day(unit, at)
	  AND x.status = 'waiting' AND x.issued_at <= at
	ORDER BY CASE WHEN x.priority <> 'none' THEN 0
				  WHEN x.booked_for <= at THEN 1
				  WHEN x.booked_for IS NULL THEN 2
				  ELSE 3 END,
			 CASE WHEN x.priority = 'none' AND x.booked_for IS NOT NULL THEN x.booked_for END,
			 x.issued_at, x.number
	LIMIT 1
	FOR UPDATE SKIP LOCKED;
	IF tid IS NULL THEN
		RETURN NULL;
	END IF;
	UPDATE motcua.queue_ticket x SET status = 'called', called_at = at, counter = counter WHERE x.id = tid;
	RETURN tid;
END
$$;
COMMENT ON FUNCTION motcua.next_ticket(motcua.unit_id, text, timestamptz) IS
	'call the next waiting ticket to a counter: priority groups [đối tượng ưu tiên], then booked slots [hẹn giờ] that are due, then first come first served; NULL when nobody waits';

-- serve_ticket: the visitor came to the counter and is being served.
CREATE FUNCTION motcua.serve_ticket(ticket bigint, at timestamptz DEFAULT now()) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	t motcua.queue_ticket;
BEGIN
	t := motcua.lock_ticket(ticket, '{called}', 'served');
	PERFORM motcua.ticket_time_check(t, at, 'served');
	UPDATE motcua.queue_ticket x SET status = 'serving', served_at = at WHERE x.id = ticket;
END
$$;
COMMENT ON FUNCTION motcua.serve_ticket(bigint, timestamptz) IS 'a called visitor is at the counter and being served';

-- finish_ticket ends a visit, with the dossier received during it if any.
CREATE FUNCTION motcua.finish_ticket(ticket bigint, dossier motcua.dossier_code DEFAULT NULL, at timestamptz DEFAULT now())
	RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	t motcua.queue_ticket;
	d record;
BEGIN
	t := motcua.lock_ticket(ticket, '{serving}', 'finished');
	PERFORM motcua.ticket_time_check(t, at, 'finished');
	IF dossier IS NOT NULL THEN
		SELECT x.unit INTO d FROM motcua.dossier x
		WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier);
		IF NOT FOUND THEN
			RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
		END IF;
		IF d.unit OPERATOR(motcua.<>) t.unit THEN
			RAISE EXCEPTION 'dossier % was received at unit %, not at the ticket''s unit %', dossier, d.unit, t.unit
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
	END IF;
	UPDATE motcua.queue_ticket x SET status = 'done', finished_at = at, dossier = dossier WHERE x.id = ticket;
END
$$;
COMMENT ON FUNCTION motcua.finish_ticket(bigint, motcua.dossier_code, timestamptz) IS
	'end a visit being served, recording the dossier received during it, if any';

-- no_show: the visitor did not come when called (or left before).
CREATE FUNCTION motcua.no_show(ticket bigint, at timestamptz DEFAULT now()) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	t motcua.queue_ticket;
BEGIN
	t := motcua.lock_ticket(ticket, '{waiting,called}', 'marked no-show');
	PERFORM motcua.ticket_time_check(t, at, 'marked no-show');
	UPDATE motcua.queue_ticket x SET status = 'no_show', finished_at = at WHERE x.id = ticket;
END
$$;
COMMENT ON FUNCTION motcua.no_show(bigint, timestamptz) IS
	'close a waiting or called ticket whose visitor did not come [vắng mặt khi gọi số]';

-- Waiting time per visit, for the plans' targets (average wait ≤ 15-30
-- minutes, share served in under 10 minutes).  The wait runs from issue to
-- call; a booked visitor who came early waits from the booked slot.
CREATE VIEW motcua.queue_wait AS
SELECT t.id AS ticket, t.unit, t.day, t.priority, t.status,
	   t.booked_for IS NOT NULL AS booked,
	   w.minutes AS waiting_minutes,
	   round((extract(epoch FROM t.finished_at - t.served_at) / 60)::numeric, 1) AS service_minutes,
	   w.minutes < 10 AS served_under_10_min
FROM motcua.queue_ticket t
CROSS JOIN LATERAL (
	SELECT CASE WHEN t.called_at IS NOT NULL
				THEN round((greatest(extract(epoch FROM t.called_at - greatest(t.issued_at, t.booked_for)), 0)
							/ 60)::numeric, 1) END AS minutes) w;
COMMENT ON VIEW motcua.queue_wait IS
	'waiting time per ticket in minutes (issue, or booked slot if later, to call) and whether it was under 10 minutes; NULL until called; no personal data';

------------------------------------------------------------------------
-- Satisfaction ratings [đánh giá mức độ hài lòng]
------------------------------------------------------------------------

-- The 4-level scale the public-service portals show, best first:
-- 1 rất hài lòng (very satisfied), 2 hài lòng (satisfied), 3 bình thường
-- (neutral), 4 không hài lòng (dissatisfied).  satisfied counts levels 1-2
-- (the satisfaction targets of the plans); dislike is level 4 (the
-- "không hài lòng" that Decision 766 subtracts).
CREATE TABLE motcua.rating (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier		motcua.dossier_code NOT NULL,
	received_on date NOT NULL GENERATED ALWAYS AS (motcua.received_on(dossier)) STORED,
	rated_at	timestamptz NOT NULL,
	channel		text NOT NULL CHECK (channel IN ('kiosk', 'online', 'sms', 'paper')),
	score		smallint NOT NULL CHECK (score BETWEEN 1 AND 4),
	satisfied	boolean NOT NULL GENERATED ALWAYS AS (score <= 2) STORED,
	dislike		boolean NOT NULL GENERATED ALWAYS AS (score = 4) STORED,
	comment		text CHECK (comment <> ''),
	officer		text CHECK (officer <> ''),
	CONSTRAINT rating_dossier_key UNIQUE (dossier)
);
CREATE INDEX rating_officer_idx ON motcua.rating (officer) WHERE officer IS NOT NULL;
CREATE TRIGGER dossier_ref BEFORE INSERT OR UPDATE OF dossier ON motcua.rating
	FOR EACH ROW EXECUTE FUNCTION motcua.check_dossier_ref();
COMMENT ON TABLE motcua.rating IS 'satisfaction rating [đánh giá mức độ hài lòng] of a dossier, one per dossier, given once its processing has ended';
COMMENT ON COLUMN motcua.rating.score IS '1 rất hài lòng, 2 hài lòng, 3 bình thường, 4 không hài lòng';
COMMENT ON COLUMN motcua.rating.satisfied IS 'score 1 or 2 (rất hài lòng or hài lòng)';
COMMENT ON COLUMN motcua.rating.dislike IS 'score 4 (không hài lòng): counts against Decision 766 satisfaction with reception and resolution';
COMMENT ON COLUMN motcua.rating.received_on IS 'the day the dossier code carries: its partition of motcua.dossier';
COMMENT ON COLUMN motcua.rating.officer IS 'the officer rated, if the rating names one';

-- rate records the rating of a dossier whose processing has ended.
CREATE FUNCTION motcua.rate(dossier motcua.dossier_code, score integer, channel text DEFAULT 'online',
							comment text DEFAULT NULL, officer text DEFAULT NULL, at timestamptz DEFAULT now())
	RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d record;
	rid bigint;
BEGIN
	IF dossier IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'rate needs a dossier and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF score IS NULL OR score NOT BETWEEN 1 AND 4 THEN
		RAISE EXCEPTION 'score % is out of range', coalesce(score::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Score is 1 rất hài lòng, 2 hài lòng, 3 bình thường or 4 không hài lòng.';
	END IF;
	IF channel IS NULL OR channel NOT IN ('kiosk', 'online', 'sms', 'paper') THEN
		RAISE EXCEPTION 'invalid rating channel "%"', channel
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Channel is kiosk, online, sms or paper.';
	END IF;
	IF comment = '' OR officer = '' THEN
		RAISE EXCEPTION 'comment and officer must not be empty' USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Pass NULL for none.';
	END IF;
	SELECT x.state, x.finished_at INTO d FROM motcua.dossier x
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	IF d.finished_at IS NULL THEN
		RAISE EXCEPTION 'dossier % is %: it can be rated once its processing has ended', dossier, d.state
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF at < d.finished_at THEN
		RAISE EXCEPTION 'dossier % ended at %: it cannot be rated at an earlier time %', dossier, d.finished_at, at
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	INSERT INTO motcua.rating (dossier, rated_at, channel, score, comment, officer)
	VALUES (dossier, at, channel, score, comment, officer)
	ON CONFLICT ON CONSTRAINT rating_dossier_key DO NOTHING
	RETURNING id INTO rid;
	IF rid IS NULL THEN
		RAISE EXCEPTION 'dossier % is already rated', dossier
			USING ERRCODE = 'object_not_in_prerequisite_state', DETAIL = 'A dossier is rated once.';
	END IF;
	RETURN rid;
END
$$;
COMMENT ON FUNCTION motcua.rate(motcua.dossier_code, integer, text, text, text, timestamptz) IS
	'rate a dossier whose processing has ended [đánh giá mức độ hài lòng], once: 1 rất hài lòng .. 4 không hài lòng; returns the rating id';

------------------------------------------------------------------------
-- Feedback and complaints [phản ánh, kiến nghị — PAKN]
------------------------------------------------------------------------

CREATE TABLE motcua.feedback (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	unit		motcua.unit_id NOT NULL REFERENCES motcua.unit ON UPDATE CASCADE,
	dossier		motcua.dossier_code,
	received_on date GENERATED ALWAYS AS (motcua.received_on(dossier)) STORED,
	kind		text NOT NULL CHECK (kind IN ('feedback', 'petition', 'complaint', 'dislike')),
	channel		text NOT NULL CHECK (channel IN ('online', 'direct', 'phone', 'email', 'postal', 'kiosk', 'sms')),
	content		text NOT NULL CHECK (content <> ''),
	submitted_at timestamptz NOT NULL,
	due_at		timestamptz NOT NULL,
	handled_at	timestamptz,
	response	text CHECK (response <> ''),
	handler		text CHECK (handler <> ''),
	satisfied	boolean,
	status		text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
	CHECK (due_at > submitted_at),
	CHECK (handled_at >= submitted_at),
	CHECK ((status = 'handled') = (handled_at IS NOT NULL)),
	CHECK ((status = 'handled') = (response IS NOT NULL AND handler IS NOT NULL)),
	CHECK (satisfied IS NULL OR status = 'handled')
);
CREATE INDEX feedback_unit_idx ON motcua.feedback (unit, submitted_at);
CREATE INDEX feedback_open_idx ON motcua.feedback (due_at) WHERE status = 'open';
CREATE INDEX feedback_dossier_idx ON motcua.feedback (dossier) WHERE dossier IS NOT NULL;
CREATE TRIGGER dossier_ref BEFORE INSERT OR UPDATE OF dossier ON motcua.feedback
	FOR EACH ROW EXECUTE FUNCTION motcua.check_dossier_ref();
COMMENT ON TABLE motcua.feedback IS 'feedback and complaints [phản ánh, kiến nghị] about a unit or a dossier, with the handling deadline and the submitter''s satisfaction with the handling';
COMMENT ON COLUMN motcua.feedback.kind IS 'feedback [phản ánh], petition [kiến nghị], complaint [khiếu nại], dislike [không hài lòng]';
COMMENT ON COLUMN motcua.feedback.due_at IS 'handling deadline: the given number of working days in the unit''s calendar from submission';
COMMENT ON COLUMN motcua.feedback.satisfied IS 'the submitter''s satisfaction with the handling, given after it';

-- submit_feedback records feedback and its handling deadline.
CREATE FUNCTION motcua.submit_feedback(unit motcua.unit_id, kind text, content text,
									   dossier motcua.dossier_code DEFAULT NULL, channel text DEFAULT 'online',
									   at timestamptz DEFAULT now(), handling_days integer DEFAULT 10)
	RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	due timestamptz;
	fid bigint;
BEGIN
	IF unit IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'submit_feedback needs a unit and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF kind IS NULL OR kind NOT IN ('feedback', 'petition', 'complaint', 'dislike') THEN
		RAISE EXCEPTION 'invalid feedback kind "%"', kind
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Kind is feedback, petition, complaint or dislike.';
	END IF;
	IF channel IS NULL OR channel NOT IN ('online', 'direct', 'phone', 'email', 'postal', 'kiosk', 'sms') THEN
		RAISE EXCEPTION 'invalid feedback channel "%"', channel
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Channel is online, direct, phone, email, postal, kiosk or sms.';
	END IF;
	IF content IS NULL OR btrim(content) = '' THEN
		RAISE EXCEPTION 'feedback content must not be empty' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF handling_days IS NULL OR handling_days < 1 THEN
		RAISE EXCEPTION 'handling days must be at least 1, not %', coalesce(handling_days::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM motcua.unit x WHERE x.id OPERATOR(motcua.=) unit) THEN
		RAISE EXCEPTION 'unit % does not exist', unit USING ERRCODE = 'undefined_object';
	END IF;
	IF dossier IS NOT NULL AND NOT EXISTS (
			SELECT 1 FROM motcua.dossier x
			WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier)) THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	due := motcua.add_working_days(at, handling_days::numeric, motcua.calendar_of_unit(unit));
	INSERT INTO motcua.feedback (unit, dossier, kind, channel, content, submitted_at, due_at)
	VALUES (unit, dossier, kind, channel, content, at, due)
	RETURNING id INTO fid;
	RETURN fid;
END
$$;
COMMENT ON FUNCTION motcua.submit_feedback(motcua.unit_id, text, text, motcua.dossier_code, text, timestamptz, integer) IS
	'record feedback or a complaint [phản ánh, kiến nghị]; due handling_days working days later in the unit''s calendar; returns its id';

-- handle_feedback records the answer to open feedback.
CREATE FUNCTION motcua.handle_feedback(id bigint, response text, handler text, at timestamptz DEFAULT now())
	RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	f record;
BEGIN
	IF id IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'handle_feedback needs a feedback id and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF response IS NULL OR btrim(response) = '' OR handler IS NULL OR handler = '' THEN
		RAISE EXCEPTION 'handling needs a response and a handler' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT x.status, x.submitted_at INTO f FROM motcua.feedback x WHERE x.id = id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'feedback % does not exist', id USING ERRCODE = 'undefined_object';
	END IF;
	IF f.status <> 'open' THEN
		RAISE EXCEPTION 'feedback % is %: it cannot be handled again', id, f.status
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF at < f.submitted_at THEN
		RAISE EXCEPTION 'feedback % is open since %: it cannot be handled at an earlier time %', id, f.submitted_at, at
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	UPDATE motcua.feedback x SET status = 'handled', handled_at = at, response = response, handler = handler
	WHERE x.id = id;
END
$$;
COMMENT ON FUNCTION motcua.handle_feedback(bigint, text, text, timestamptz) IS
	'answer open feedback [xử lý phản ánh, kiến nghị]; on time when handled by its due date';

-- rate_feedback_handling records, once, whether the submitter was
-- satisfied with the handling (Decision 766: satisfaction with feedback
-- handling).
CREATE FUNCTION motcua.rate_feedback_handling(id bigint, satisfied boolean) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	f record;
BEGIN
	IF id IS NULL OR satisfied IS NULL THEN
		RAISE EXCEPTION 'rate_feedback_handling needs a feedback id and whether the submitter is satisfied'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT x.status, x.satisfied INTO f FROM motcua.feedback x WHERE x.id = id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'feedback % does not exist', id USING ERRCODE = 'undefined_object';
	END IF;
	IF f.status <> 'handled' THEN
		RAISE EXCEPTION 'feedback % is %: its handling can be rated once it is handled', id, f.status
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF f.satisfied IS NOT NULL THEN
		RAISE EXCEPTION 'the handling of feedback % is already rated', id
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	UPDATE motcua.feedback x SET satisfied = satisfied WHERE x.id = id;
END
$$;
COMMENT ON FUNCTION motcua.rate_feedback_handling(bigint, boolean) IS
	'record once whether the submitter is satisfied with the handling of their feedback [hài lòng với việc xử lý PAKN]';

-- Deadline status of feedback, without its content.  on_time: handled by
-- the due date; false when handled late or open past the due date; NULL
-- while open and not yet due.
CREATE VIEW motcua.feedback_status AS
SELECT f.id, f.unit, f.kind, f.channel, f.status, f.submitted_at, f.due_at, f.handled_at,
	   CASE WHEN f.handled_at IS NOT NULL THEN f.handled_at <= f.due_at
			WHEN now() > f.due_at THEN false END AS on_time,
	   coalesce(f.handled_at, now()) > f.due_at AS overdue,
	   f.satisfied AS satisfied_with_handling
FROM motcua.feedback f;
COMMENT ON VIEW motcua.feedback_status IS
	'feedback deadlines: on_time (NULL while open and not yet due), overdue as of now(), satisfaction with the handling; no personal content';

------------------------------------------------------------------------
-- pg_dump registration and privileges
------------------------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('motcua.queue_counter', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.queue_ticket', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.queue_ticket_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.rating', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.rating_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.feedback', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.feedback_id_seq', '');

REVOKE ALL ON FUNCTION
	motcua.issue_ticket(motcua.unit_id, text, text, timestamptz, timestamptz),
	motcua.call_ticket(bigint, text, timestamptz),
	motcua.next_ticket(motcua.unit_id, text, timestamptz),
	motcua.serve_ticket(bigint, timestamptz),
	motcua.finish_ticket(bigint, motcua.dossier_code, timestamptz),
	motcua.no_show(bigint, timestamptz),
	motcua.rate(motcua.dossier_code, integer, text, text, text, timestamptz),
	motcua.submit_feedback(motcua.unit_id, text, text, motcua.dossier_code, text, timestamptz, integer),
	motcua.handle_feedback(bigint, text, text, timestamptz),
	motcua.rate_feedback_handling(bigint, boolean)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	motcua.issue_ticket(motcua.unit_id, text, text, timestamptz, timestamptz),
	motcua.call_ticket(bigint, text, timestamptz),
	motcua.next_ticket(motcua.unit_id, text, timestamptz),
	motcua.serve_ticket(bigint, timestamptz),
	motcua.finish_ticket(bigint, motcua.dossier_code, timestamptz),
	motcua.no_show(bigint, timestamptz),
	motcua.rate(motcua.dossier_code, integer, text, text, text, timestamptz),
	motcua.submit_feedback(motcua.unit_id, text, text, motcua.dossier_code, text, timestamptz, integer),
	motcua.handle_feedback(bigint, text, text, timestamptz),
	motcua.rate_feedback_handling(bigint, boolean)
	TO motcua_officer, motcua_admin;
GRANT SELECT ON motcua.queue_counter, motcua.queue_ticket, motcua.rating, motcua.feedback
	TO motcua_officer, motcua_auditor, motcua_admin;
GRANT SELECT ON motcua.queue_wait, motcua.feedback_status
	TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;
-- Signatures on digitized documents [số hoá hồ sơ]: a detached CMS
-- (PKCS#7) signature, DER or PEM, checked against the CA certificates in
-- the file named by motcua.trust_store.  A bad signature is a row with
-- valid = false and a reason, never an error; the signer and signing time
-- are filled in whenever they can be read.
CREATE FUNCTION motcua.verify_signature(content bytea, signature bytea,
	OUT valid boolean, OUT signer text, OUT signed_at timestamptz, OUT reason text)
	RETURNS record
	AS 'MODULE_PATHNAME', 'motcua_verify_signature'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.verify_signature(bytea, bytea) IS
	'checks a detached CMS signature (DER or PEM) over content against motcua.trust_store: valid, signer subject (RFC 2253), signingTime, reason when not valid';
REVOKE EXECUTE ON FUNCTION motcua.verify_signature(bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.verify_signature(bytea, bytea)
	TO motcua_officer, motcua_auditor, motcua_admin;
-- The personal electronic data warehouse [Kho quản lý dữ liệu điện tử của
-- tổ chức, cá nhân], cached national-database records, the lookup queue for
-- the workers, and the reuse-eligibility check (ONE-STOP.md §1 "Reuse").

-- National sources as the workers see them: which national database, how
-- long a cached record stays fresh, and the connector settings (the workers
-- issue fills in the rest).
CREATE TABLE motcua.national_source (
	database	text PRIMARY KEY REFERENCES motcua.national_database ON UPDATE CASCADE,
	freshness	interval NOT NULL DEFAULT '30 days' CHECK (freshness > interval '0'),
	enabled		boolean NOT NULL DEFAULT false,
	endpoint	text,
	note		text
);
COMMENT ON TABLE motcua.national_source IS 'connector settings per national database; freshness = how long a cached record may be reused without asking again';

-- Records fetched from a national database, one per source, subject and
-- document type they can stand for.  A record the source no longer vouches
-- for (a dissolved business, a person who moved) is revoked, which also
-- stops reuse of warehouse copies of that document.
CREATE TABLE motcua.national_record (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	source		text NOT NULL REFERENCES motcua.national_database ON UPDATE CASCADE,
	subject		bigint NOT NULL REFERENCES motcua.subject,
	document_type text NOT NULL REFERENCES motcua.document_type ON UPDATE CASCADE,
	record		jsonb NOT NULL DEFAULT '{}',
	fetched_at	timestamptz NOT NULL,
	revoked_at	timestamptz,
	revoked_reason text,
	UNIQUE (subject, document_type, source),
	CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
COMMENT ON TABLE motcua.national_record IS 'registry facts cached from national databases, with when they were fetched and whether the source revoked them';

-- Lookups the reuse check asks the workers to make.
CREATE TABLE motcua.lookup_request (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	source		text NOT NULL REFERENCES motcua.national_database ON UPDATE CASCADE,
	subject		bigint NOT NULL REFERENCES motcua.subject,
	document_type text NOT NULL REFERENCES motcua.document_type ON UPDATE CASCADE,
	requested_at timestamptz NOT NULL DEFAULT now(),
	reason		text NOT NULL,
	status		text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
	finished_at timestamptz
);
CREATE UNIQUE INDEX lookup_request_pending_idx ON motcua.lookup_request (source, subject, document_type)
	WHERE status IN ('pending', 'running');
COMMENT ON TABLE motcua.lookup_request IS 'queue of national-database lookups for the background workers; one pending request per source, subject and document type';

-- The warehouse: documents of a subject with their provenance.
CREATE TABLE motcua.document (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	subject		bigint NOT NULL REFERENCES motcua.subject,
	document_type text NOT NULL REFERENCES motcua.document_type ON UPDATE CASCADE,
	result_code text CHECK (result_code ~ '^KQ\.[A-Z][0-9]{2}(\.[0-9A-Z]{1,3})*\.[0-9]{6}$'),
	issuing_unit motcua.unit_id,
	issued_at	timestamptz NOT NULL,
	valid_until timestamptz,
	revoked_at	timestamptz,
	revoked_reason text,
	sha256		bytea NOT NULL CHECK (length(sha256) = 32),
	content		bytea,
	content_ref text,
	signature	bytea,
	signature_valid boolean,
	signature_signer text,
	signature_reason text,
	provenance	text NOT NULL CHECK (provenance IN ('dossier_result', 'national_db', 'digitized_at_counter', 'uploaded_online')),
	dossier		motcua.dossier_code,
	national_source text REFERENCES motcua.national_database ON UPDATE CASCADE,
	fetched_at	timestamptz,
	reusable	boolean NOT NULL DEFAULT false,
	created_at	timestamptz NOT NULL DEFAULT now(),
	CHECK (content IS NOT NULL OR content_ref IS NOT NULL),
	CHECK (content IS NULL OR sha256 = sha256(content)),
	CHECK (valid_until IS NULL OR valid_until > issued_at),
	CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)),
	CHECK ((signature IS NULL) = (signature_valid IS NULL)),
	CHECK (provenance <> 'national_db' OR (national_source IS NOT NULL AND fetched_at IS NOT NULL)),
	CHECK (provenance = 'national_db' OR dossier IS NOT NULL)
);
CREATE INDEX document_subject_idx ON motcua.document (subject, document_type);
CREATE INDEX document_dossier_idx ON motcua.document (dossier) WHERE dossier IS NOT NULL;
CREATE UNIQUE INDEX document_result_code_idx ON motcua.document (result_code) WHERE result_code IS NOT NULL;
CREATE TRIGGER dossier_ref BEFORE INSERT OR UPDATE OF dossier ON motcua.document
	FOR EACH ROW EXECUTE FUNCTION motcua.check_dossier_ref();
COMMENT ON TABLE motcua.document IS 'the personal electronic data warehouse: digitized documents and e-copies of results, with provenance, validity, SHA-256 and signature status';
COMMENT ON COLUMN motcua.document.dossier IS 'the dossier whose result this is, or for which it was digitized or uploaded';
COMMENT ON COLUMN motcua.document.reusable IS 'may stand in for a component of a later dossier: results, and documents digitized for a dossier that was resolved successfully';

-- subject_id finds a subject without creating it (NULL when unknown); the
-- identifier must still be well formed.
CREATE FUNCTION motcua.subject_id(identifier text) RETURNS bigint
LANGUAGE plpgsql STABLE STRICT AS $$
BEGIN
	IF identifier ~ '^[0-9]{12}$' THEN
		RETURN (SELECT id FROM motcua.subject WHERE personal_id OPERATOR(motcua.=) identifier::motcua.personal_id);
	ELSIF identifier ~ '^[0-9]{10}(-[0-9]{3})?$' THEN
		RETURN (SELECT id FROM motcua.subject WHERE tax_code OPERATOR(motcua.=) identifier::motcua.tax_code);
	END IF;
	RAISE EXCEPTION 'invalid subject "%": expected a 12-digit personal ID or a tax code', left(identifier, 40)
		USING ERRCODE = 'invalid_text_representation';
END
$$;

-- reuse_status is the heart of the reuse-eligibility check (reuse.c): one
-- row per required component of the procedure, saying whether the state
-- already holds it for the subject, in order of precedence not_reusable,
-- revoked (by the national database), reusable, from_national_db,
-- needs_refresh, revoked or expired (the warehouse copy), missing.  The
-- four-argument form, with enqueue true, also queues the lookups.
CREATE FUNCTION motcua.reuse_status(sid bigint, procedure motcua.procedure_code, as_of timestamptz)
	RETURNS TABLE (ordinal smallint, component text, status text, source text, document_id bigint,
				   national_record_id bigint, valid_until timestamptz, reason text)
	AS 'MODULE_PATHNAME', 'motcua_reuse_evaluate'
	LANGUAGE C STABLE STRICT;
CREATE FUNCTION motcua.reuse_status(sid bigint, procedure motcua.procedure_code, as_of timestamptz, enqueue boolean)
	RETURNS TABLE (ordinal smallint, component text, status text, source text, document_id bigint,
				   national_record_id bigint, valid_until timestamptz, reason text)
	AS 'MODULE_PATHNAME', 'motcua_reuse_evaluate'
	LANGUAGE C VOLATILE STRICT;
REVOKE ALL ON FUNCTION motcua.reuse_status(bigint, motcua.procedure_code, timestamptz, boolean) FROM PUBLIC;
-- the procedure components and national source settings are cached per
-- session: changes to them raise the cache signal
CREATE TRIGGER cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motcua.procedure
	FOR EACH STATEMENT EXECUTE FUNCTION motcua.cache_changed();
CREATE TRIGGER cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motcua.procedure_component
	FOR EACH STATEMENT EXECUTE FUNCTION motcua.cache_changed();
CREATE TRIGGER cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motcua.document_type
	FOR EACH STATEMENT EXECUTE FUNCTION motcua.cache_changed();
CREATE TRIGGER cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motcua.national_source
	FOR EACH STATEMENT EXECUTE FUNCTION motcua.cache_changed();
REVOKE ALL ON FUNCTION motcua.reuse_status(bigint, motcua.procedure_code, timestamptz) FROM PUBLIC;

-- reuse_check: the reuse-eligibility check for a subject (personal ID or
-- tax code) and a procedure.  Components that need a fresh national record
-- get a lookup queued for the workers (at most one pending per record).
CREATE FUNCTION motcua.reuse_check(subject text, procedure motcua.procedure_code, as_of timestamptz DEFAULT now())
	RETURNS TABLE (component text, status text, source text, document_id bigint, national_record_id bigint,
				   valid_until timestamptz, reason text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	sid bigint;
BEGIN
	IF reuse_check.subject ~ '^[0-9]{12}$' THEN
		SELECT s.id INTO sid FROM motcua.subject s
		WHERE s.personal_id OPERATOR(motcua.=) reuse_check.subject::motcua.personal_id;
	ELSE
		sid := motcua.subject_id(reuse_check.subject);
	END IF;
	IF sid IS NULL THEN
		sid := motcua.subject_of(reuse_check.subject);
	END IF;
	RETURN QUERY
	SELECT r.component, r.status, r.source, r.document_id, r.national_record_id, r.valid_until, r.reason
	FROM motcua.reuse_status(sid, reuse_check.procedure, reuse_check.as_of, true) r;
END
$$;
COMMENT ON FUNCTION motcua.reuse_check(text, motcua.procedure_code, timestamptz) IS
	'which required components the state already holds for this person: reusable, from_national_db, needs_refresh (lookup queued), expired, revoked, not_reusable, missing';

-- store_national_record: what a worker (or a test) writes after a lookup.
CREATE FUNCTION motcua.store_national_record(source text, subject text, document_type text, record jsonb,
											 fetched_at timestamptz DEFAULT now(), revoked_reason text DEFAULT NULL)
	RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	sid bigint := motcua.subject_of(subject);
	rid bigint;
BEGIN
	INSERT INTO motcua.national_record AS n (source, subject, document_type, record, fetched_at, revoked_at, revoked_reason)
	VALUES (source, sid, document_type, record, fetched_at,
			CASE WHEN revoked_reason IS NOT NULL THEN fetched_at END, revoked_reason)
	ON CONFLICT ON CONSTRAINT national_record_subject_document_type_source_key DO UPDATE
		SET record = EXCLUDED.record, fetched_at = EXCLUDED.fetched_at,
			revoked_at = EXCLUDED.revoked_at, revoked_reason = EXCLUDED.revoked_reason
	RETURNING n.id INTO rid;
	UPDATE motcua.lookup_request l SET status = 'done', finished_at = fetched_at
	WHERE l.source = source AND l.subject = sid AND l.document_type = document_type
	  AND l.status IN ('pending', 'running');
	RETURN rid;
END
$$;
COMMENT ON FUNCTION motcua.store_national_record(text, text, text, jsonb, timestamptz, text) IS
	'cache a national-database answer (revoked_reason set when the source no longer vouches for it) and close pending lookups';

-- revoke_document: a document stops standing for anything (annulled,
-- replaced, found forged).
CREATE FUNCTION motcua.revoke_document(document bigint, reason text, at timestamptz DEFAULT now()) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	UPDATE motcua.document d SET revoked_at = at, revoked_reason = reason
	WHERE d.id = document AND d.revoked_at IS NULL;
	IF NOT FOUND THEN
		IF EXISTS (SELECT 1 FROM motcua.document d WHERE d.id = document) THEN
			RAISE EXCEPTION 'document % is already revoked', document USING ERRCODE = 'object_not_in_prerequisite_state';
		END IF;
		RAISE EXCEPTION 'document % does not exist', document USING ERRCODE = 'undefined_object';
	END IF;
END
$$;

-- deposit_document puts a document into a subject's warehouse and returns
-- its id.  The content's SHA-256 is computed here; a detached signature is
-- verified at once and its outcome kept with the document.
CREATE FUNCTION motcua.deposit_document(subject bigint, document_type text, provenance text, dossier motcua.dossier_code,
										content bytea, issued_at timestamptz, reusable boolean,
										result_code text DEFAULT NULL, valid_until timestamptz DEFAULT NULL,
										issuing_unit motcua.unit_id DEFAULT NULL, signature bytea DEFAULT NULL,
										content_ref text DEFAULT NULL, sha256 bytea DEFAULT NULL)
	RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	sig_valid boolean;
	sig_signer text;
	sig_reason text;
	id bigint;
	validity interval;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM motcua.document_type t WHERE t.code = document_type) THEN
		RAISE EXCEPTION 'document type % does not exist', document_type USING ERRCODE = 'undefined_object';
	END IF;
	IF content IS NULL AND (content_ref IS NULL OR sha256 IS NULL) THEN
		RAISE EXCEPTION 'a document needs its content, or a reference to it and its SHA-256'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF signature IS NOT NULL THEN
		IF content IS NULL THEN
			RAISE EXCEPTION 'a signature can only be verified against the content'
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		SELECT v.valid, v.signer, v.reason INTO sig_valid, sig_signer, sig_reason
		FROM motcua.verify_signature(content, signature) v;
	END IF;
	SELECT t.validity INTO validity FROM motcua.document_type t WHERE t.code = document_type;
	INSERT INTO motcua.document AS d (subject, document_type, result_code, issuing_unit, issued_at, valid_until,
									  sha256, content, content_ref, signature, signature_valid, signature_signer,
									  signature_reason, provenance, dossier, reusable)
	VALUES (subject, document_type, result_code, issuing_unit, issued_at,
			coalesce(valid_until, issued_at + validity),
			coalesce(pg_catalog.sha256(content), sha256), content, content_ref, signature,
			sig_valid, sig_signer, sig_reason, provenance, dossier, reusable)
	RETURNING d.id INTO id;
	RETURN id;
END
$$;
REVOKE ALL ON FUNCTION motcua.deposit_document(bigint, text, text, motcua.dossier_code, bytea, timestamptz, boolean,
											   text, timestamptz, motcua.unit_id, bytea, text, bytea) FROM PUBLIC;
COMMENT ON FUNCTION motcua.deposit_document(bigint, text, text, motcua.dossier_code, bytea, timestamptz, boolean,
											text, timestamptz, motcua.unit_id, bytea, text, bytea) IS
	'store a document in a subject''s warehouse (SHA-256 computed, signature verified); used by supply_component and on completion';

-- supply_component records how a dossier component was supplied (ONE-STOP.md
-- §1-2): reused from the warehouse, taken from a national database,
-- digitized at the counter, uploaded online, or on paper.  Digitized and
-- uploaded content goes into the warehouse at once and becomes reusable
-- when the dossier is resolved.
CREATE FUNCTION motcua.supply_component(dossier motcua.dossier_code, ordinal integer, supplied_by text,
										content bytea DEFAULT NULL, document_id bigint DEFAULT NULL,
										signature bytea DEFAULT NULL, at timestamptz DEFAULT now())
	RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d record;
	c record;
	doc bigint;
	st record;
	needed text;
BEGIN
	SELECT x.subject, x.finished_at, x.procedure INTO d FROM motcua.dossier x
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier) FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	IF d.finished_at IS NOT NULL THEN
		RAISE EXCEPTION 'dossier % is closed', dossier USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	SELECT * INTO c FROM motcua.dossier_component x
	WHERE x.dossier OPERATOR(motcua.=) dossier AND x.ordinal = supply_component.ordinal;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % has no component %', dossier, ordinal USING ERRCODE = 'undefined_object';
	END IF;
	CASE supplied_by
	WHEN 'digitized_at_counter', 'uploaded_online' THEN
		IF content IS NULL THEN
			RAISE EXCEPTION '% needs the digitized content', supplied_by USING ERRCODE = 'invalid_parameter_value';
		END IF;
		doc := motcua.deposit_document(d.subject, c.document_type, supplied_by, dossier, content, at, false,
									   signature => signature);
	WHEN 'reused_warehouse', 'national_db' THEN
		SELECT * INTO st FROM motcua.reuse_status(d.subject, d.procedure, at) r WHERE r.ordinal = c.ordinal;
		needed := CASE supplied_by WHEN 'reused_warehouse' THEN 'reusable' ELSE 'from_national_db' END;
		IF st.status IS DISTINCT FROM needed THEN
			RAISE EXCEPTION 'component % of dossier % cannot be supplied as %: %', ordinal, dossier,
				supplied_by, coalesce(st.reason, 'not eligible')
				USING ERRCODE = 'object_not_in_prerequisite_state';
		END IF;
		doc := CASE WHEN supplied_by = 'reused_warehouse' THEN st.document_id END;
	WHEN 'paper' THEN
		doc := NULL;
	ELSE
		RAISE EXCEPTION 'invalid supply "%"', supplied_by
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'reused_warehouse, national_db, digitized_at_counter, uploaded_online or paper.';
	END CASE;
	UPDATE motcua.dossier_component x
	SET supplied_by = supply_component.supplied_by, document_id = doc,
		digitized = supply_component.supplied_by <> 'paper'
	WHERE x.dossier OPERATOR(motcua.=) dossier AND x.ordinal = supply_component.ordinal;
	RETURN supplied_by;
END
$$;
COMMENT ON FUNCTION motcua.supply_component(motcua.dossier_code, integer, text, bytea, bigint, bytea, timestamptz) IS
	'record how a component was supplied; digitized content goes into the warehouse';

-- deposit_results runs when a dossier is completed: every digitized
-- result (with its content, or a reference and its SHA-256) goes into the
-- subject's warehouse as reusable, and so do the components digitized or
-- uploaded for this dossier, now that it was resolved successfully.
-- A result is {"document_type", "result_code", "content_base64" | ("content_ref"
-- and "sha256" hex), "valid_until", "signature_base64"}; the document type
-- defaults to the procedure's result type.
CREATE FUNCTION motcua.deposit_results(dossier motcua.dossier_code, subject bigint, procedure motcua.procedure_code,
									   unit motcua.unit_id, results jsonb, at timestamptz)
	RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	r jsonb;
	n integer := 0;
	dtype text;
BEGIN
	FOR r IN SELECT * FROM jsonb_array_elements(results) LOOP
		IF jsonb_typeof(r) <> 'object' OR NOT (r ? 'content_base64' OR (r ? 'content_ref' AND r ? 'sha256')) THEN
			CONTINUE;			-- a result on paper only: nothing to deposit
		END IF;
		dtype := coalesce(r->>'document_type',
						  (SELECT p.result_document_type FROM motcua.procedure p WHERE p.code OPERATOR(motcua.=) procedure));
		IF dtype IS NULL THEN
			RAISE EXCEPTION 'result % of dossier % has no document type', r, dossier
				USING ERRCODE = 'invalid_parameter_value', HINT = 'Give "document_type" in the result.';
		END IF;
		PERFORM motcua.deposit_document(subject, dtype, 'dossier_result', dossier,
										decode(r->>'content_base64', 'base64'), at, true,
										r->>'result_code', (r->>'valid_until')::timestamptz, unit,
										decode(r->>'signature_base64', 'base64'), r->>'content_ref',
										decode(r->>'sha256', 'hex'));
		n := n + 1;
	END LOOP;
	UPDATE motcua.document d SET reusable = true
	WHERE d.dossier OPERATOR(motcua.=) dossier AND d.provenance IN ('digitized_at_counter', 'uploaded_online')
	  AND NOT d.reusable;
	RETURN n;
END
$$;
REVOKE ALL ON FUNCTION motcua.deposit_results(motcua.dossier_code, bigint, motcua.procedure_code, motcua.unit_id, jsonb, timestamptz) FROM PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('motcua.national_source', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.national_record', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.national_record_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.lookup_request', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.lookup_request_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.document', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.document_id_seq', '');

REVOKE ALL ON FUNCTION motcua.reuse_check(text, motcua.procedure_code, timestamptz),
	motcua.store_national_record(text, text, text, jsonb, timestamptz, text),
	motcua.revoke_document(bigint, text, timestamptz),
	motcua.supply_component(motcua.dossier_code, integer, text, bytea, bigint, bytea, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.reuse_check(text, motcua.procedure_code, timestamptz),
	motcua.supply_component(motcua.dossier_code, integer, text, bytea, bigint, bytea, timestamptz)
	TO motcua_officer, motcua_admin;
GRANT EXECUTE ON FUNCTION motcua.store_national_record(text, text, text, jsonb, timestamptz, text),
	motcua.revoke_document(bigint, text, timestamptz) TO motcua_admin;
GRANT SELECT ON motcua.document, motcua.national_record, motcua.lookup_request TO motcua_officer, motcua_auditor, motcua_admin;
GRANT SELECT ON motcua.national_source TO motcua_officer, motcua_auditor, motcua_admin;
GRANT INSERT, UPDATE, DELETE ON motcua.national_source TO motcua_admin;
-- KPI engine, part one: incremental facts (ONE-STOP.md §5).
--
-- Every change to a dossier or its components appends its code to
-- motcua.kpi_dirty inside the same transaction (an insert, no unique key, so
-- it never waits for anything).  motcua.refresh_kpis() takes the codes
-- queued so far, subtracts each dossier's previous contribution
-- (motcua.kpi_dossier) from the period aggregates (motcua.kpi_unit_period),
-- adds its current one, and remembers it: the cost follows the number of
-- changed dossiers, not the history.  motcua.rebuild_kpis() recomputes from
-- the dossiers themselves, for repair, and must agree exactly.

-- outcome of a finished dossier by the Decision 766 rule, against its
-- legal deadline (dossier.due_at: clock stops move it, extensions do not);
-- timeliness() and the facts share it
CREATE FUNCTION motcua.finished_outcome(finished_at timestamptz, due_at timestamptz,
										supplement_count integer, utc_offset interval) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN supplement_count > 1 OR finished_at > due_at THEN 'late'
				WHEN motcua.wall_clock(finished_at, utc_offset)::date
					 < motcua.wall_clock(due_at, utc_offset)::date THEN 'early'
				ELSE 'on_time' END
$$;
COMMENT ON FUNCTION motcua.finished_outcome(timestamptz, timestamptz, integer, interval) IS
	'early (a calendar day or more before the legal deadline), on_time or late; more than one supplement request is late';

-- overdue_since: the instant after which a dossier counts as overdue while
-- it is open, as timeliness() judges it, or NULL if it is not (yet).  An
-- open dossier is overdue after its legal deadline unless a clock stop
-- that began before the deadline is running (the deadline is not running
-- either); a finished one was overdue after its deadline if it ended
-- later; a second supplement request makes it overdue from that moment.
CREATE FUNCTION motcua.overdue_since(finished_at timestamptz, due_at timestamptz, second_supplement_at timestamptz,
									 clock_stopped_at timestamptz, calendar text) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
	SELECT least(CASE WHEN CASE WHEN finished_at IS NOT NULL THEN finished_at > due_at
								ELSE clock_stopped_at IS NULL
									 OR motcua.working_days_between(clock_stopped_at, due_at, calendar) <= 0 END
					  THEN due_at END,
				 second_supplement_at)
$$;

CREATE TABLE motcua.kpi_dirty (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier		motcua.dossier_code NOT NULL
);
COMMENT ON TABLE motcua.kpi_dirty IS 'dossiers changed since the last refresh_kpis(); appended by triggers, emptied by the refresh';
-- (not dumped: a restore re-inserts the dossiers, which queues them again)

CREATE FUNCTION motcua.mark_kpi_dirty() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_TABLE_NAME = 'dossier_component' THEN
		INSERT INTO motcua.kpi_dirty (dossier) VALUES (NEW.dossier);
	ELSE
		INSERT INTO motcua.kpi_dirty (dossier) VALUES (NEW.code);
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER kpi_dirty AFTER INSERT OR UPDATE ON motcua.dossier
	FOR EACH ROW EXECUTE FUNCTION motcua.mark_kpi_dirty();
CREATE TRIGGER kpi_dirty AFTER UPDATE ON motcua.dossier_component
	FOR EACH ROW EXECUTE FUNCTION motcua.mark_kpi_dirty();

-- Tickets, ratings and feedback change the waiting-time and satisfaction
-- figures the compliance snapshots hold; they queue their unit and day
-- here, and refresh_kpis() redoes the snapshots of those periods for the
-- units above them.
CREATE TABLE motcua.kpi_front_dirty (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	unit		motcua.unit_id NOT NULL,
	day			date NOT NULL
);
COMMENT ON TABLE motcua.kpi_front_dirty IS 'units and days whose tickets, ratings or feedback changed since the last refresh_kpis()';

CREATE FUNCTION motcua.mark_kpi_front_dirty() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	old_unit motcua.unit_id;
	old_day date;
	new_unit motcua.unit_id;
	new_day date;
BEGIN
	IF TG_TABLE_NAME = 'queue_ticket' THEN
		IF TG_OP <> 'INSERT' THEN old_unit := OLD.unit; old_day := OLD.day; END IF;
		IF TG_OP <> 'DELETE' THEN new_unit := NEW.unit; new_day := NEW.day; END IF;
	ELSIF TG_TABLE_NAME = 'rating' THEN
		IF TG_OP <> 'INSERT' THEN
			old_unit := motcua.unit_of(OLD.dossier); old_day := motcua.local_time(OLD.rated_at)::date;
		END IF;
		IF TG_OP <> 'DELETE' THEN
			new_unit := motcua.unit_of(NEW.dossier); new_day := motcua.local_time(NEW.rated_at)::date;
		END IF;
	ELSE
		IF TG_OP <> 'INSERT' THEN old_unit := OLD.unit; old_day := motcua.local_time(OLD.submitted_at)::date; END IF;
		IF TG_OP <> 'DELETE' THEN new_unit := NEW.unit; new_day := motcua.local_time(NEW.submitted_at)::date; END IF;
	END IF;
	INSERT INTO motcua.kpi_front_dirty (unit, day)
	SELECT DISTINCT x.unit, x.day FROM (VALUES (old_unit, old_day), (new_unit, new_day)) x(unit, day)
	WHERE x.unit IS NOT NULL;
	RETURN NULL;
END
$$;
CREATE TRIGGER kpi_front_dirty AFTER INSERT OR UPDATE OR DELETE ON motcua.queue_ticket
	FOR EACH ROW EXECUTE FUNCTION motcua.mark_kpi_front_dirty();
CREATE TRIGGER kpi_front_dirty AFTER INSERT OR UPDATE OR DELETE ON motcua.rating
	FOR EACH ROW EXECUTE FUNCTION motcua.mark_kpi_front_dirty();
CREATE TRIGGER kpi_front_dirty AFTER INSERT OR UPDATE OR DELETE ON motcua.feedback
	FOR EACH ROW EXECUTE FUNCTION motcua.mark_kpi_front_dirty();

-- The contribution last added to the aggregates, per dossier.  Keyed by
-- the day of receipt first, so that a rebuild reads a range of days and a
-- refresh finds a dossier by its code (whose date names the day).
CREATE TABLE motcua.kpi_dossier (
	received_day date NOT NULL,
	code		motcua.dossier_code NOT NULL,
	unit		motcua.unit_id NOT NULL,
	procedure	motcua.procedure_code NOT NULL,
	channel		text NOT NULL,
	finished_day date,
	outcome		text,
	processing_days numeric,
	overdue_from date,
	extended	boolean NOT NULL,
	components	integer NOT NULL,
	components_digitized integer NOT NULL,
	components_reusable integer NOT NULL,
	components_reused integer NOT NULL,
	components_eligible integer NOT NULL,
	eligible_reprovided integer NOT NULL,
	resolved	boolean NOT NULL,
	result_digitized boolean NOT NULL,
	result_esigned boolean NOT NULL,
	transfers_electronic integer NOT NULL,
	transfers_paper integer NOT NULL,
	fee_bearing boolean NOT NULL,
	paid_online boolean NOT NULL,
	population_db_procedure boolean NOT NULL,
	population_db_used boolean NOT NULL,
	PRIMARY KEY (received_day, code)
);
COMMENT ON TABLE motcua.kpi_dossier IS 'each dossier''s contribution as last folded into kpi_unit_period';
COMMENT ON COLUMN motcua.kpi_dossier.overdue_from IS
	'the local day from whose end the dossier counts as open and overdue (overdue_since), until it finished; NULL if it never was';
COMMENT ON COLUMN motcua.kpi_dossier.extended IS 'the dossier was extended with an apology letter';

-- kpi_component_counts: a dossier's components, counted the way the facts
-- need them (a query restricted to one dossier reads only its rows).
CREATE VIEW motcua.kpi_component_counts AS
SELECT x.dossier,
	   count(*) AS components,
	   count(*) FILTER (WHERE x.digitized) AS digitized,
	   count(*) FILTER (WHERE x.reusable) AS reusable,
	   count(*) FILTER (WHERE x.supplied_by IN ('reused_warehouse', 'national_db')) AS reused,
	   count(*) FILTER (WHERE x.eligible) AS eligible,
	   count(*) FILTER (WHERE x.eligible AND x.supplied_by IS DISTINCT FROM 'reused_warehouse'
						AND x.supplied_by IS DISTINCT FROM 'national_db') AS eligible_reprovided,
	   count(*) FILTER (WHERE x.supplied_by = 'national_db' AND t.national_database = 'population')
		   AS from_population_db
FROM motcua.dossier_component x
LEFT JOIN motcua.document_type t ON t.code = x.document_type
GROUP BY x.dossier;

-- population_db_procedure: the procedures connected to the national
-- population database (a component it can supply), the denominator of
-- Decision 766's "dossiers using the population database".
CREATE VIEW motcua.population_db_procedure AS
SELECT DISTINCT pc.procedure
FROM motcua.procedure_component pc
JOIN motcua.document_type t ON t.code = pc.document_type
WHERE coalesce(pc.national_database, t.national_database) = 'population';

-- The rebuild filters components by the day in their dossier's code;
-- without statistics on that expression the planner guesses a handful of
-- rows and hashes millions in memory it does not have.
CREATE STATISTICS motcua.dossier_component_received_on ON (motcua.received_on(dossier)) FROM motcua.dossier_component;

-- kpi_fact: what a dossier contributes, from its row, its calendar's UTC
-- offset, its component counts, whether its result is in the warehouse and
-- whether its procedure is connected to the population database.
-- Received-side measures count on the day of receipt, resolution-side ones
-- on the day processing ended, the overdue count from the day it became
-- overdue (overdue_since) to the day it ended.  A one-row SQL function, so the
-- planner inlines it into the refresh (a few dossiers, by index) and the
-- rebuild (all of them, by hash joins) alike.
CREATE FUNCTION motcua.kpi_fact(d motcua.dossier, utc_offset interval, k motcua.kpi_component_counts,
								result_digitized boolean, population_db_procedure boolean)
	RETURNS SETOF motcua.kpi_dossier
LANGUAGE sql STABLE ROWS 1 AS $$
	SELECT d.received_on, d.code, d.unit, d.procedure, d.channel,
		   motcua.wall_clock(d.finished_at, utc_offset)::date,
		   CASE WHEN d.finished_at IS NOT NULL
				THEN motcua.finished_outcome(d.finished_at, d.due_at, d.supplement_count, utc_offset) END,
		   CASE WHEN d.finished_at IS NOT NULL
				THEN motcua.working_days_between(d.received_at, d.finished_at, d.calendar, d.clock_stops) END,
		   motcua.wall_clock(motcua.overdue_since(d.finished_at, d.due_at, d.second_supplement_at,
												  d.clock_stopped_at, d.calendar), utc_offset)::date,
		   d.extension_count > 0,
		   coalesce(k.components, 0)::integer, coalesce(k.digitized, 0)::integer,
		   coalesce(k.reusable, 0)::integer, coalesce(k.reused, 0)::integer,
		   coalesce(k.eligible, 0)::integer, coalesce(k.eligible_reprovided, 0)::integer,
		   d.state IN ('done', 'returned'), result_digitized, coalesce(d.result_esigned, false),
		   d.transfers_electronic::integer, d.transfers_paper::integer, d.fee > 0, d.paid_online,
		   population_db_procedure, coalesce(k.from_population_db, 0) > 0
$$;

-- kpi_facts_of: the current facts of the given dossiers (the refresh's
-- path: one index probe per dossier and table).
CREATE FUNCTION motcua.kpi_facts_of(codes motcua.dossier_code[]) RETURNS SETOF motcua.kpi_dossier
LANGUAGE sql STABLE AS $$
	SELECT f.*
	FROM unnest(codes) c(code)
	-- (OFFSET 0 keeps each subquery a per-dossier index probe: the planner
	-- would otherwise hash whole tables, not counting that each probe of
	-- the dossiers reaches only the partition its code's date names)
	CROSS JOIN LATERAL (SELECT x.* FROM motcua.dossier x
						WHERE x.code OPERATOR(motcua.=) c.code AND x.received_on = motcua.received_on(c.code)
						OFFSET 0) d
	JOIN motcua.calendar cal ON cal.code = d.calendar
	LEFT JOIN LATERAL (SELECT * FROM motcua.kpi_component_counts x
					   WHERE x.dossier OPERATOR(motcua.=) c.code OFFSET 0) k ON true
	LEFT JOIN LATERAL (SELECT true AS found FROM motcua.document r
					   WHERE r.dossier OPERATOR(motcua.=) c.code AND r.provenance = 'dossier_result'
					   LIMIT 1) r ON true
	LEFT JOIN motcua.population_db_procedure pp ON pp.procedure OPERATOR(motcua.=) d.procedure
	CROSS JOIN LATERAL motcua.kpi_fact(d::motcua.dossier, cal.utc_offset, k, r.found IS NOT NULL,
									   pp.procedure IS NOT NULL) f
$$;

-- kpi_facts_received: the current facts of every dossier received in a
-- range of days (the rebuild's path: hash joins over whole tables).
CREATE FUNCTION motcua.kpi_facts_received(from_day date, to_day date) RETURNS SETOF motcua.kpi_dossier
LANGUAGE sql STABLE AS $$
	SELECT f.*
	FROM motcua.dossier d
	JOIN motcua.calendar cal ON cal.code = d.calendar
	LEFT JOIN motcua.kpi_component_counts k ON k.dossier OPERATOR(motcua.=) d.code
		 AND motcua.received_on(k.dossier) BETWEEN from_day AND to_day
	LEFT JOIN (SELECT DISTINCT r.dossier FROM motcua.document r
			   WHERE r.provenance = 'dossier_result' AND r.dossier IS NOT NULL) r
		 ON r.dossier OPERATOR(motcua.=) d.code
	LEFT JOIN motcua.population_db_procedure pp ON pp.procedure OPERATOR(motcua.=) d.procedure
	CROSS JOIN LATERAL motcua.kpi_fact(d, cal.utc_offset, k, r.dossier IS NOT NULL, pp.procedure IS NOT NULL) f
	WHERE d.received_on BETWEEN from_day AND to_day
$$;

-- Sums per unit and period (d day, w ISO week, m month, q quarter, y year).
-- overdue_delta: dossiers that became overdue in the period minus those
-- that stopped being overdue (finished) in it; its running total up to a
-- day is the number open and overdue at the end of that day.
CREATE TABLE motcua.kpi_unit_period (
	unit		motcua.unit_id NOT NULL,
	kind		"char" NOT NULL CHECK (kind IN ('d', 'w', 'm', 'q', 'y')),
	period_start date NOT NULL,
	received	bigint NOT NULL DEFAULT 0,
	received_direct bigint NOT NULL DEFAULT 0,
	received_online bigint NOT NULL DEFAULT 0,
	received_postal bigint NOT NULL DEFAULT 0,
	dossiers_digitized bigint NOT NULL DEFAULT 0,
	components	bigint NOT NULL DEFAULT 0,
	components_digitized bigint NOT NULL DEFAULT 0,
	components_reusable bigint NOT NULL DEFAULT 0,
	components_reused bigint NOT NULL DEFAULT 0,
	dossiers_with_eligible bigint NOT NULL DEFAULT 0,
	dossiers_nothing_reprovided bigint NOT NULL DEFAULT 0,
	fee_bearing bigint NOT NULL DEFAULT 0,
	paid_online bigint NOT NULL DEFAULT 0,
	population_db_dossiers bigint NOT NULL DEFAULT 0,
	population_db_used bigint NOT NULL DEFAULT 0,
	finished	bigint NOT NULL DEFAULT 0,
	resolved	bigint NOT NULL DEFAULT 0,
	early		bigint NOT NULL DEFAULT 0,
	on_time		bigint NOT NULL DEFAULT 0,
	late		bigint NOT NULL DEFAULT 0,
	processing_days numeric NOT NULL DEFAULT 0,
	results_digitized bigint NOT NULL DEFAULT 0,
	results_esigned bigint NOT NULL DEFAULT 0,
	transfers_electronic bigint NOT NULL DEFAULT 0,
	transfers_total bigint NOT NULL DEFAULT 0,
	overdue_delta bigint NOT NULL DEFAULT 0,
	extended	bigint NOT NULL DEFAULT 0,
	finished_extended bigint NOT NULL DEFAULT 0,
	PRIMARY KEY (unit, kind, period_start)
);
CREATE INDEX kpi_unit_period_period_idx ON motcua.kpi_unit_period (kind, period_start);
COMMENT ON TABLE motcua.kpi_unit_period IS 'KPI sums per unit and day, ISO week, month, quarter and year, kept up to date by refresh_kpis()';

-- Fee-bearing dossiers per unit, month/quarter/year and procedure: which
-- procedures had online payments is not a sum over units, so it is kept
-- per procedure (Decision 766, "procedures with online payments").
CREATE TABLE motcua.kpi_unit_procedure_period (
	unit		motcua.unit_id NOT NULL,
	kind		"char" NOT NULL CHECK (kind IN ('m', 'q', 'y')),
	period_start date NOT NULL,
	procedure	motcua.procedure_code NOT NULL,
	fee_bearing bigint NOT NULL,
	paid_online bigint NOT NULL,
	PRIMARY KEY (unit, kind, period_start, procedure)
);
CREATE INDEX kpi_unit_procedure_period_period_idx ON motcua.kpi_unit_procedure_period (kind, period_start);
COMMENT ON TABLE motcua.kpi_unit_procedure_period IS 'fee-bearing dossiers received and those paid online, per unit, month/quarter/year and procedure';

-- kpi_period_end: the last day of a period.
CREATE FUNCTION motcua.kpi_period_end(kind "char", period_start date) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT CASE kind WHEN 'd' THEN period_start WHEN 'w' THEN period_start + 6
					 WHEN 'm' THEN (period_start + interval '1 month - 1 day')::date
					 WHEN 'q' THEN (period_start + interval '3 months - 1 day')::date
					 ELSE (period_start + interval '1 year - 1 day')::date END
$$;

-- kpi_apply folds facts into the sums: the facts of `source`, a FROM item
-- of kpi_dossier rows with a column sign (-1 to take a contribution away,
-- 1 to add it), are summed per unit and day (each fact counts on up to
-- three days: received, finished, became overdue), then each day's sums
-- into its day, week, month, quarter and year (and the fee-bearing ones
-- per procedure, month, quarter and year), and only sums that change are
-- written.  The refresh passes its arrays ($1 old facts, $2 new ones),
-- the rebuild a query on the fact table itself, so that one statement sums
-- millions of facts without building arrays of them.  With a window ($3,
-- $4), only the periods overlapping it are touched.  A row exists for a
-- period while some fact counts in it: received, finished or overdue
-- events (every other sum is part of one of those).  Returns the months,
-- quarters and years whose sums changed and the units whose subtree they
-- belong to (whose snapshots are stale).
CREATE FUNCTION motcua.kpi_apply(source text, old_facts motcua.kpi_dossier[], new_facts motcua.kpi_dossier[],
								 window_from date, window_to date,
								 OUT kinds "char"[], OUT starts date[], OUT units motcua.unit_id[])
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	empty_units motcua.unit_id[];
	empty_kinds "char"[];
	empty_starts date[];
	p_units motcua.unit_id[];
	p_kinds "char"[];
	p_starts date[];
	p_procedures motcua.procedure_code[];
BEGIN
	-- (the facts are read four times: a copy of millions would spill)
	EXECUTE format($q$
	WITH f AS NOT MATERIALIZED (SELECT * FROM %s),
	changed AS (
	INSERT INTO motcua.kpi_unit_period AS k
	SELECT d.* FROM (
		SELECT s.unit, p.kind, p.start,
			   sum(s.sign * s.received) AS received, sum(s.sign * s.received_direct) AS received_direct,
			   sum(s.sign * s.received_online) AS received_online,
			   sum(s.sign * s.received_postal) AS received_postal,
			   sum(s.sign * s.dossiers_digitized) AS dossiers_digitized,
			   sum(s.sign * s.components) AS components,
			   sum(s.sign * s.components_digitized) AS components_digitized,
			   sum(s.sign * s.components_reusable) AS components_reusable,
			   sum(s.sign * s.components_reused) AS components_reused,
			   sum(s.sign * s.dossiers_with_eligible) AS dossiers_with_eligible,
			   sum(s.sign * s.dossiers_nothing_reprovided) AS dossiers_nothing_reprovided,
			   sum(s.sign * s.fee_bearing) AS fee_bearing, sum(s.sign * s.paid_online) AS paid_online,
			   sum(s.sign * s.population_db_dossiers) AS population_db_dossiers,
			   sum(s.sign * s.population_db_used) AS population_db_used,
			   sum(s.sign * s.finished) AS finished, sum(s.sign * s.resolved) AS resolved,
			   sum(s.sign * s.early) AS early, sum(s.sign * s.on_time) AS on_time,
			   sum(s.sign * s.late) AS late, sum(s.sign * s.processing_days) AS processing_days,
			   sum(s.sign * s.results_digitized) AS results_digitized,
			   sum(s.sign * s.results_esigned) AS results_esigned,
			   sum(s.sign * s.transfers_electronic) AS transfers_electronic,
			   sum(s.sign * s.transfers_total) AS transfers_total,
			   sum(s.sign * s.overdue_delta) AS overdue_delta,
			   sum(s.sign * s.extended) AS extended, sum(s.sign * s.finished_extended) AS finished_extended
		FROM (SELECT f.unit, f.received_day AS day, f.sign, count(*) AS received,
					 count(*) FILTER (WHERE f.channel = 'direct') AS received_direct,
					 count(*) FILTER (WHERE f.channel = 'online') AS received_online,
					 count(*) FILTER (WHERE f.channel = 'postal') AS received_postal,
					 count(*) FILTER (WHERE f.components_digitized > 0) AS dossiers_digitized,
					 sum(f.components) AS components, sum(f.components_digitized) AS components_digitized,
					 sum(f.components_reusable) AS components_reusable, sum(f.components_reused) AS components_reused,
					 count(*) FILTER (WHERE f.components_eligible > 0) AS dossiers_with_eligible,
					 count(*) FILTER (WHERE f.components_eligible > 0 AND f.eligible_reprovided = 0)
						 AS dossiers_nothing_reprovided,
					 count(*) FILTER (WHERE f.fee_bearing) AS fee_bearing,
					 count(*) FILTER (WHERE f.fee_bearing AND f.paid_online) AS paid_online,
					 count(*) FILTER (WHERE f.population_db_procedure) AS population_db_dossiers,
					 count(*) FILTER (WHERE f.population_db_procedure AND f.population_db_used) AS population_db_used,
					 0 AS finished, 0 AS resolved, 0 AS early, 0 AS on_time, 0 AS late, 0 AS processing_days,
					 0 AS results_digitized, 0 AS results_esigned, 0 AS transfers_electronic, 0 AS transfers_total,
					 0 AS overdue_delta, count(*) FILTER (WHERE f.extended) AS extended, 0 AS finished_extended
			  FROM f GROUP BY f.unit, f.received_day, f.sign
			  UNION ALL
			  SELECT f.unit, f.finished_day, f.sign, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					 count(*), count(*) FILTER (WHERE f.resolved), count(*) FILTER (WHERE f.outcome = 'early'),
					 count(*) FILTER (WHERE f.outcome = 'on_time'), count(*) FILTER (WHERE f.outcome = 'late'),
					 sum(f.processing_days), count(*) FILTER (WHERE f.resolved AND f.result_digitized),
					 count(*) FILTER (WHERE f.resolved AND f.result_esigned), sum(f.transfers_electronic),
					 sum(f.transfers_electronic + f.transfers_paper),
					 -count(*) FILTER (WHERE f.overdue_from IS NOT NULL), 0, count(*) FILTER (WHERE f.extended)
			  FROM f WHERE f.finished_day IS NOT NULL GROUP BY f.unit, f.finished_day, f.sign
			  UNION ALL
			  SELECT f.unit, f.overdue_from, f.sign, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					 0, 0, 0, 0, 0, 0, count(*), 0, 0
			  FROM f WHERE f.overdue_from IS NOT NULL GROUP BY f.unit, f.overdue_from, f.sign) s
		CROSS JOIN LATERAL (VALUES ('d'::"char", s.day), ('w', date_trunc('week', s.day)::date),
								   ('m', date_trunc('month', s.day)::date), ('q', date_trunc('quarter', s.day)::date),
								   ('y', date_trunc('year', s.day)::date)) p(kind, start)
		WHERE $3 IS NULL OR (p.start <= $4 AND motcua.kpi_period_end(p.kind, p.start) >= $3)
		GROUP BY s.unit, p.kind, p.start) d
	-- (a dossier changed in one respect leaves its other sums as they were)
	WHERE (d.received <> 0 OR d.received_direct <> 0 OR d.received_online <> 0 OR
		   d.received_postal <> 0 OR d.dossiers_digitized <> 0 OR d.components <> 0 OR
		   d.components_digitized <> 0 OR d.components_reusable <> 0 OR d.components_reused <> 0 OR
		   d.dossiers_with_eligible <> 0 OR d.dossiers_nothing_reprovided <> 0 OR d.fee_bearing <> 0 OR
		   d.paid_online <> 0 OR d.population_db_dossiers <> 0 OR d.population_db_used <> 0 OR
		   d.finished <> 0 OR d.resolved <> 0 OR d.early <> 0 OR d.on_time <> 0 OR d.late <> 0 OR
		   d.processing_days <> 0 OR d.results_digitized <> 0 OR d.results_esigned <> 0 OR
		   d.transfers_electronic <> 0 OR d.transfers_total <> 0 OR d.overdue_delta <> 0 OR
		   d.extended <> 0 OR d.finished_extended <> 0)
	ON CONFLICT (unit, kind, period_start) DO UPDATE SET
		received = k.received + EXCLUDED.received,
		received_direct = k.received_direct + EXCLUDED.received_direct,
		received_online = k.received_online + EXCLUDED.received_online,
		received_postal = k.received_postal + EXCLUDED.received_postal,
		dossiers_digitized = k.dossiers_digitized + EXCLUDED.dossiers_digitized,
		components = k.components + EXCLUDED.components,
		components_digitized = k.components_digitized + EXCLUDED.components_digitized,
		components_reusable = k.components_reusable + EXCLUDED.components_reusable,
		components_reused = k.components_reused + EXCLUDED.components_reused,
		dossiers_with_eligible = k.dossiers_with_eligible + EXCLUDED.dossiers_with_eligible,
		dossiers_nothing_reprovided = k.dossiers_nothing_reprovided + EXCLUDED.dossiers_nothing_reprovided,
		fee_bearing = k.fee_bearing + EXCLUDED.fee_bearing,
		paid_online = k.paid_online + EXCLUDED.paid_online,
		population_db_dossiers = k.population_db_dossiers + EXCLUDED.population_db_dossiers,
		population_db_used = k.population_db_used + EXCLUDED.population_db_used,
		finished = k.finished + EXCLUDED.finished,
		resolved = k.resolved + EXCLUDED.resolved,
		early = k.early + EXCLUDED.early,
		on_time = k.on_time + EXCLUDED.on_time,
		late = k.late + EXCLUDED.late,
		processing_days = k.processing_days + EXCLUDED.processing_days,
		results_digitized = k.results_digitized + EXCLUDED.results_digitized,
		results_esigned = k.results_esigned + EXCLUDED.results_esigned,
		transfers_electronic = k.transfers_electronic + EXCLUDED.transfers_electronic,
		transfers_total = k.transfers_total + EXCLUDED.transfers_total,
		overdue_delta = k.overdue_delta + EXCLUDED.overdue_delta,
		extended = k.extended + EXCLUDED.extended,
		finished_extended = k.finished_extended + EXCLUDED.finished_extended
	RETURNING k.unit, k.kind, k.period_start, k.received = 0 AND k.finished = 0 AND k.overdue_delta = 0 AS emptied),
	by_procedure AS (
	INSERT INTO motcua.kpi_unit_procedure_period AS k
	SELECT d.* FROM (
		SELECT f.unit, p.kind, p.start, f.procedure, sum(f.sign) AS fee_bearing,
			   sum(CASE WHEN f.paid_online THEN f.sign ELSE 0 END) AS paid_online
		FROM f
		CROSS JOIN LATERAL (VALUES ('m'::"char", date_trunc('month', f.received_day)::date),
								   ('q', date_trunc('quarter', f.received_day)::date),
								   ('y', date_trunc('year', f.received_day)::date)) p(kind, start)
		WHERE f.fee_bearing
		  AND ($3 IS NULL OR (p.start <= $4 AND motcua.kpi_period_end(p.kind, p.start) >= $3))
		GROUP BY f.unit, p.kind, p.start, f.procedure) d
	WHERE d.fee_bearing <> 0 OR d.paid_online <> 0
	ON CONFLICT (unit, kind, period_start, procedure) DO UPDATE SET
		fee_bearing = k.fee_bearing + EXCLUDED.fee_bearing,
		paid_online = k.paid_online + EXCLUDED.paid_online
	RETURNING k.unit, k.kind, k.period_start, k.procedure, k.fee_bearing = 0 AS emptied),
	stale AS (
		SELECT c.kind, c.period_start FROM changed c WHERE c.kind IN ('m', 'q', 'y')
		UNION SELECT b.kind, b.period_start FROM by_procedure b)
	SELECT (SELECT array_agg(c.unit) FROM changed c WHERE c.emptied),
		   (SELECT array_agg(c.kind) FROM changed c WHERE c.emptied),
		   (SELECT array_agg(c.period_start) FROM changed c WHERE c.emptied),
		   (SELECT array_agg(b.unit) FROM by_procedure b WHERE b.emptied),
		   (SELECT array_agg(b.kind) FROM by_procedure b WHERE b.emptied),
		   (SELECT array_agg(b.period_start) FROM by_procedure b WHERE b.emptied),
		   (SELECT array_agg(b.procedure) FROM by_procedure b WHERE b.emptied),
		   (SELECT array_agg(x.kind) FROM stale x),
		   (SELECT array_agg(x.period_start) FROM stale x),
		   (SELECT array_agg(DISTINCT uc.ancestor)
			FROM (SELECT c.unit FROM changed c UNION SELECT b.unit FROM by_procedure b) x
			JOIN motcua.unit_closure uc ON uc.descendant OPERATOR(motcua.=) x.unit)
	$q$, source) INTO empty_units, empty_kinds, empty_starts, p_units, p_kinds, p_starts, p_procedures, kinds, starts,
					  units
		USING old_facts, new_facts, window_from, window_to;
	-- a period no fact counts in any more has no row (as after a rebuild)
	IF empty_units IS NOT NULL THEN
		DELETE FROM motcua.kpi_unit_period k USING unnest(empty_units, empty_kinds, empty_starts) e(unit, kind, start)
		WHERE k.unit OPERATOR(motcua.=) e.unit AND k.kind = e.kind AND k.period_start = e.start;
	END IF;
	IF p_units IS NOT NULL THEN
		DELETE FROM motcua.kpi_unit_procedure_period k
		USING unnest(p_units, p_kinds, p_starts, p_procedures) e(unit, kind, start, procedure)
		WHERE k.unit OPERATOR(motcua.=) e.unit AND k.kind = e.kind AND k.period_start = e.start
		  AND k.procedure OPERATOR(motcua.=) e.procedure;
	END IF;
END
$fn$;
REVOKE ALL ON FUNCTION motcua.kpi_apply(text, motcua.kpi_dossier[], motcua.kpi_dossier[], date, date) FROM PUBLIC;

-- refresh_kpis folds the dossiers changed since the last refresh into the
-- aggregates and returns how many it folded.  One refresh runs at a time
-- (an advisory lock); receptions and transitions never wait for it: they
-- only append to kpi_dirty, and the refresh takes only the rows its
-- snapshot sees.  The dossiers' current facts are read once, into a
-- variable, so what is added and what is remembered are the same version
-- even if a dossier changes meanwhile (that change is queued again).
-- A batch is small work done by index probes: compiling it (JIT) would
-- cost more than it saves.
CREATE FUNCTION motcua.refresh_kpis() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off AS $$
DECLARE
	codes motcua.dossier_code[];
	old_facts motcua.kpi_dossier[];
	new_facts motcua.kpi_dossier[];
	stale record;
	front record;
	total bigint := 0;
BEGIN
	PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('motcua.refresh_kpis'));
	-- in batches, so that a large queue (after a restore, say) never needs
	-- more than a batch's facts in memory
	LOOP
		WITH claimed AS (
			-- a range of the key, whatever the (often stale) statistics
			-- of this short-lived queue say
			DELETE FROM motcua.kpi_dirty q
			WHERE q.id <= (SELECT max(x.id) FROM (SELECT y.id FROM motcua.kpi_dirty y ORDER BY y.id LIMIT 50000) x)
			RETURNING q.dossier)
		SELECT array_agg(DISTINCT dossier) INTO codes FROM claimed;
		EXIT WHEN codes IS NULL;
		WITH gone AS (
			DELETE FROM motcua.kpi_dossier k USING unnest(codes) c(code)
			WHERE k.received_day = motcua.received_on(c.code) AND k.code OPERATOR(motcua.=) c.code
			RETURNING k.*)
		SELECT array_agg(gone::motcua.kpi_dossier) INTO old_facts FROM gone;
		SELECT array_agg(f) INTO new_facts FROM motcua.kpi_facts_of(codes) f;
		INSERT INTO motcua.kpi_dossier SELECT * FROM unnest(new_facts);
		stale := motcua.kpi_apply('(SELECT o.*, -1 AS sign FROM unnest($1) o
									UNION ALL SELECT n.*, 1 FROM unnest($2) n) x', old_facts, new_facts, NULL, NULL);
		PERFORM motcua.refresh_snapshots(stale.kinds, stale.starts, stale.units);
		total := total + cardinality(codes);
	END LOOP;
	-- the snapshots whose front-desk figures changed
	WITH claimed AS (
		DELETE FROM motcua.kpi_front_dirty q
		WHERE q.id <= (SELECT max(x.id) FROM motcua.kpi_front_dirty x)
		RETURNING q.unit, q.day),
	periods AS (
		SELECT DISTINCT p.kind, p.start
		FROM (SELECT DISTINCT c.day FROM claimed c) d
		CROSS JOIN LATERAL (VALUES ('m'::"char", date_trunc('month', d.day)::date),
								   ('q', date_trunc('quarter', d.day)::date),
								   ('y', date_trunc('year', d.day)::date)) p(kind, start))
	SELECT (SELECT array_agg(p.kind) FROM periods p) AS kinds, (SELECT array_agg(p.start) FROM periods p) AS starts,
		   (SELECT array_agg(DISTINCT uc.ancestor) FROM claimed c
			JOIN motcua.unit_closure uc ON uc.descendant OPERATOR(motcua.=) c.unit) AS units
	INTO front;
	IF front.kinds IS NOT NULL THEN
		PERFORM motcua.refresh_snapshots(front.kinds, front.starts, front.units);
	END IF;
	RETURN total;
END
$$;
COMMENT ON FUNCTION motcua.refresh_kpis() IS
	'fold the dossiers changed since the last refresh into the KPI aggregates; cost follows the number of changed dossiers';

-- rebuild_kpis recomputes from the dossiers themselves the facts of those
-- received in [from_day, to_day], then every aggregate of a period that
-- overlaps the days those facts (old and new) fall on, from all facts that
-- count in it, and the compliance snapshots of those periods.  For repair;
-- the result equals the incremental one.  Returns the dossiers recomputed.
-- When the range holds every fact, the fact table is emptied with TRUNCATE
-- (only refresh and rebuild use it, under the same advisory lock) and
-- every aggregate is summed again.
CREATE FUNCTION motcua.rebuild_kpis(from_day date, to_day date) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET work_mem = '256MB' AS $$
DECLARE
	everything boolean;
	key_name name;
	key_def text;
	last_day date := to_day;
	lo date;
	hi date;
	n bigint;
BEGIN
	-- (a NULL bound would make the range look like everything: refuse it)
	IF from_day IS NULL OR to_day IS NULL THEN
		RAISE EXCEPTION 'rebuild range needs both days' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF from_day > to_day THEN
		RAISE EXCEPTION 'rebuild range % to % is empty', from_day, to_day USING ERRCODE = 'invalid_parameter_value';
	END IF;
	PERFORM motcua.refresh_kpis();
	everything := NOT EXISTS (SELECT 1 FROM motcua.kpi_dossier k WHERE k.received_day < from_day)
				  AND NOT EXISTS (SELECT 1 FROM motcua.kpi_dossier k WHERE k.received_day > to_day);
	IF everything THEN
		-- every fact is redone, so every aggregate is summed again; the
		-- facts are loaded without their key, which is then built in one
		-- sorted pass (several times faster than inserting into it)
		SELECT c.conname, pg_catalog.pg_get_constraintdef(c.oid) INTO key_name, key_def
		FROM pg_catalog.pg_constraint c
		WHERE c.conrelid = 'motcua.kpi_dossier'::regclass AND c.contype = 'p';
		TRUNCATE motcua.kpi_dossier;
		EXECUTE format('ALTER TABLE motcua.kpi_dossier DROP CONSTRAINT %I', key_name);
		INSERT INTO motcua.kpi_dossier SELECT * FROM motcua.kpi_facts_received(from_day, to_day);
		GET DIAGNOSTICS n = ROW_COUNT;
		EXECUTE format('ALTER TABLE motcua.kpi_dossier ADD CONSTRAINT %I %s', key_name, key_def);
		DELETE FROM motcua.kpi_unit_period;
		DELETE FROM motcua.kpi_unit_procedure_period;
		PERFORM motcua.kpi_apply('(SELECT k.*, 1 AS sign FROM motcua.kpi_dossier k) x', NULL, NULL, NULL, NULL);
		SELECT greatest(to_day, max(k.period_start)) INTO last_day FROM motcua.kpi_unit_period k WHERE k.kind = 'd';
	ELSE
		-- the facts of the range are redone; the periods they counted in,
		-- before and now, are summed again from all the facts that count
		-- in them (received in them, or earlier and ended or turned
		-- overdue in them)
		WITH gone AS (
			DELETE FROM motcua.kpi_dossier k WHERE k.received_day BETWEEN from_day AND to_day
			RETURNING greatest(k.finished_day, k.overdue_from) AS last)
		SELECT greatest(last_day, max(gone.last)) INTO last_day FROM gone;
		WITH made AS (
			INSERT INTO motcua.kpi_dossier SELECT * FROM motcua.kpi_facts_received(from_day, to_day)
			RETURNING greatest(finished_day, overdue_from) AS last)
		SELECT count(*), greatest(last_day, max(made.last)) INTO n, last_day FROM made;
		-- every period overlapping [from_day, last_day] lies within [lo, hi]
		lo := date_trunc('year', from_day)::date - 6;
		hi := (date_trunc('year', last_day) + interval '1 year')::date + 6;
		DELETE FROM motcua.kpi_unit_period k
		WHERE k.period_start <= last_day AND motcua.kpi_period_end(k.kind, k.period_start) >= from_day;
		DELETE FROM motcua.kpi_unit_procedure_period k
		WHERE k.period_start <= last_day AND motcua.kpi_period_end(k.kind, k.period_start) >= from_day;
		PERFORM motcua.kpi_apply(format('(SELECT k.*, 1 AS sign FROM motcua.kpi_dossier k
										  WHERE k.received_day BETWEEN %L AND %L OR k.finished_day BETWEEN %1$L AND %2$L
											 OR k.overdue_from BETWEEN %1$L AND %2$L) x', lo, hi),
								 NULL, NULL, from_day, last_day);
	END IF;
	-- the snapshots of every month, quarter and year overlapping the range
	PERFORM motcua.refresh_snapshots(array_agg(p.kind), array_agg(p.start))
	FROM (SELECT k.kind, generate_series(date_trunc(k.unit, from_day::timestamp), last_day::timestamp, k.step)::date AS start
		  FROM (VALUES ('m'::"char", 'month', interval '1 month'), ('q', 'quarter', interval '3 months'),
					   ('y', 'year', interval '1 year')) k(kind, unit, step)) p;
	RETURN n;
END
$$;
COMMENT ON FUNCTION motcua.rebuild_kpis(date, date) IS
	'recompute the KPI facts of dossiers received in the range and the aggregates of every period overlapping it, from scratch';

-- The unit tree's closure (every unit with each of its ancestors and
-- itself), rebuilt whenever the tree changes, so a subtree's figures are a
-- join, not a recursive walk per query.
CREATE TABLE motcua.unit_closure (
	ancestor	motcua.unit_id NOT NULL,
	descendant	motcua.unit_id NOT NULL,
	depth		integer NOT NULL,
	PRIMARY KEY (ancestor, descendant)
);
CREATE FUNCTION motcua.rebuild_unit_closure() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	DELETE FROM motcua.unit_closure;
	INSERT INTO motcua.unit_closure
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
CREATE TRIGGER unit_closure AFTER INSERT OR UPDATE OF parent OR DELETE OR TRUNCATE ON motcua.unit
	FOR EACH STATEMENT EXECUTE FUNCTION motcua.rebuild_unit_closure();
COMMENT ON TABLE motcua.unit_closure IS 'each unit with every ancestor (and itself, depth 0); maintained by a trigger on motcua.unit';

-- ratio: a percentage with two decimals, NULL when there is no denominator.
CREATE FUNCTION motcua.ratio(num numeric, den numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN den > 0 THEN round(100 * num / den, 2) END
$$;

-- kpi_period_name: the word for a period kind.
CREATE FUNCTION motcua.kpi_period_name(kind "char") RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT CASE kind WHEN 'd' THEN 'day' WHEN 'w' THEN 'week' WHEN 'm' THEN 'month'
					 WHEN 'q' THEN 'quarter' ELSE 'year' END
$$;

-- motcua.kpi_core: per unit, counting its whole subtree, and per period
-- with activity, the dossier figures of ONE-STOP.md §5 from the
-- incremental aggregates (what motcua.kpi and the compliance snapshots
-- read).  Filters on unit, period_kind and period_start reach the indexes
-- below the aggregation.
CREATE VIEW motcua.kpi_core AS
SELECT c.ancestor AS unit,
	   motcua.kpi_period_name(k.kind) AS period,
	   k.kind AS period_kind,
	   k.period_start,
	   motcua.kpi_period_end(k.kind, k.period_start) AS period_end,
	   sum(k.received) AS received,
	   sum(k.received_direct) AS received_direct,
	   sum(k.received_online) AS received_online,
	   sum(k.received_postal) AS received_postal,
	   motcua.ratio(sum(k.received_online), sum(k.received)) AS online_rate,
	   sum(k.finished) AS finished,
	   sum(k.resolved) AS resolved,
	   sum(k.early) AS early,
	   sum(k.on_time) AS on_time,
	   sum(k.late) AS late,
	   motcua.ratio(sum(k.early) + sum(k.on_time), sum(k.finished)) AS on_time_rate,
	   round(sum(k.processing_days) / nullif(sum(k.finished), 0), 2) AS avg_processing_days,
	   motcua.ratio(sum(k.dossiers_digitized), sum(k.received)) AS digitized_dossier_rate,
	   motcua.ratio(sum(k.results_digitized), sum(k.resolved)) AS digitized_result_rate,
	   motcua.ratio(sum(k.results_esigned), sum(k.resolved)) AS esigned_result_rate,
	   motcua.ratio(sum(k.transfers_electronic), sum(k.transfers_total)) AS electronic_transfer_rate,
	   motcua.ratio(sum(k.components_digitized), sum(k.components)) AS component_digitization_rate,
	   motcua.ratio(sum(k.components_reused), sum(k.components_reusable)) AS component_reuse_rate,
	   motcua.ratio(sum(k.dossiers_nothing_reprovided), sum(k.dossiers_with_eligible)) AS not_reprovided_rate,
	   sum(k.fee_bearing) AS fee_bearing,
	   sum(k.paid_online) AS paid_online,
	   motcua.ratio(sum(k.paid_online), sum(k.fee_bearing)) AS online_payment_rate,
	   sum(k.population_db_dossiers) AS population_db_dossiers,
	   motcua.ratio(sum(k.population_db_used), sum(k.population_db_dossiers)) AS population_db_rate,
	   sum(k.extended) AS extended,
	   sum(k.finished_extended) AS finished_extended
FROM motcua.unit_closure c
JOIN motcua.kpi_unit_period k ON k.unit OPERATOR(motcua.=) c.descendant
GROUP BY c.ancestor, k.kind, k.period_start;
COMMENT ON VIEW motcua.kpi_core IS 'the dossier figures of motcua.kpi per unit subtree and period, without the live waiting, rating and overdue figures';

-- per_staff_year: dossiers received per front-desk staff, annualized.
CREATE FUNCTION motcua.per_staff_year(received numeric, kind "char", start date, staff bigint) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT round(received * 365.0 / (motcua.kpi_period_end(kind, start) - start + 1) / nullif(staff, 0), 1)
$$;

-- kpi_front: the front-desk figures of a unit subtree over a period, read
-- live from the (small) ticket, rating and unit tables.
CREATE FUNCTION motcua.kpi_front(unit motcua.unit_id, kind "char", start date)
	RETURNS TABLE (visits bigint, avg_wait_minutes numeric, served_under_10_rate numeric, ratings bigint,
				   satisfaction_rate numeric, dislike_rate numeric, front_desk_staff bigint)
LANGUAGE sql STABLE AS $$
	SELECT q.visits, q.avg_wait_minutes, q.served_under_10_rate, r.ratings, r.satisfaction_rate, r.dislike_rate,
		   st.front_desk_staff
	FROM (SELECT count(*) AS visits,
				 round(avg(w.waiting_minutes), 1) AS avg_wait_minutes,
				 motcua.ratio(count(*) FILTER (WHERE w.served_under_10_min), count(w.waiting_minutes)) AS served_under_10_rate
		  FROM motcua.unit_closure uc
		  JOIN motcua.queue_wait w ON w.unit OPERATOR(motcua.=) uc.descendant
		  WHERE uc.ancestor OPERATOR(motcua.=) kpi_front.unit
			AND w.day BETWEEN kpi_front.start AND motcua.kpi_period_end(kpi_front.kind, kpi_front.start)) q,
		 (SELECT count(*) AS ratings,
				 motcua.ratio(count(*) FILTER (WHERE rt.satisfied), count(*)) AS satisfaction_rate,
				 motcua.ratio(count(*) FILTER (WHERE rt.dislike), count(*)) AS dislike_rate
		  FROM motcua.unit_closure uc
		  JOIN motcua.rating rt ON motcua.unit_of(rt.dossier) OPERATOR(motcua.=) uc.descendant
		  WHERE uc.ancestor OPERATOR(motcua.=) kpi_front.unit
			AND rt.rated_at >= (kpi_front.start::timestamp - interval '7 hours') AT TIME ZONE 'UTC'
			AND rt.rated_at < ((motcua.kpi_period_end(kpi_front.kind, kpi_front.start) + 1)::timestamp
							   - interval '7 hours') AT TIME ZONE 'UTC') r,
		 (SELECT sum(u.front_desk_staff)::bigint AS front_desk_staff
		  FROM motcua.unit_closure uc JOIN motcua.unit u ON u.id OPERATOR(motcua.=) uc.descendant
		  WHERE uc.ancestor OPERATOR(motcua.=) kpi_front.unit) st
$$;

-- kpi_overdue: dossiers of a unit subtree open and overdue at the end of
-- a period (at this moment, for the current period), as timeliness()
-- judges them: the running total of overdue_delta, read as whole years
-- before the period's end, months of its year, and days of its month.  A
-- period in which nothing happened has no sums of its own and still gets
-- the dossiers that were overdue through it.  Today's row also holds
-- dossiers whose deadline passes later today, which are not overdue yet.
CREATE FUNCTION motcua.kpi_overdue(unit motcua.unit_id, kind "char", start date) RETURNS bigint
LANGUAGE sql STABLE AS $$
	WITH e AS (
		SELECT least(motcua.kpi_period_end(kind, start), t.today) AS day, t.today
		FROM (SELECT motcua.local_time(now())::date AS today) t)
	SELECT (SELECT coalesce(sum(k.overdue_delta), 0)::bigint
			FROM motcua.unit_closure uc
			JOIN motcua.kpi_unit_period k ON k.unit OPERATOR(motcua.=) uc.descendant
			WHERE uc.ancestor OPERATOR(motcua.=) kpi_overdue.unit
			  AND ((k.kind = 'y' AND k.period_start < date_trunc('year', e.day))
				   OR (k.kind = 'm' AND k.period_start >= date_trunc('year', e.day)
					   AND k.period_start < date_trunc('month', e.day))
				   OR (k.kind = 'd' AND k.period_start >= date_trunc('month', e.day) AND k.period_start <= e.day)))
		 - (SELECT count(*)
			FROM motcua.unit_closure uc
			JOIN motcua.dossier d ON d.unit OPERATOR(motcua.=) uc.descendant
			JOIN motcua.calendar c ON c.code = d.calendar
			CROSS JOIN LATERAL (SELECT motcua.overdue_since(d.finished_at, d.due_at, d.second_supplement_at,
															d.clock_stopped_at, d.calendar) AS at) o
			WHERE uc.ancestor OPERATOR(motcua.=) kpi_overdue.unit AND e.day = e.today
			  AND d.finished_at IS NULL AND d.due_at >= now() AND d.due_at < now() + interval '1 day'
			  AND o.at >= now() AND motcua.wall_clock(o.at, c.utc_offset)::date = e.day)
	FROM e
$$;

-- kpi_periods: every day, ISO week, month, quarter and year from the first
-- day with KPI sums to today (or the last day with sums, if later), so
-- that a period in which nothing happened is reported too.
CREATE FUNCTION motcua.kpi_periods() RETURNS TABLE (kind "char", period_start date)
LANGUAGE sql STABLE AS $$
	SELECT p.kind, g::date
	FROM (SELECT min(k.period_start) AS first,
				 greatest(max(k.period_start), motcua.local_time(now())::date) AS last
		  FROM motcua.kpi_unit_period k WHERE k.kind = 'd') r
	CROSS JOIN (VALUES ('d'::"char", 'day', interval '1 day'), ('w', 'week', interval '1 week'),
					   ('m', 'month', interval '1 month'), ('q', 'quarter', interval '3 months'),
					   ('y', 'year', interval '1 year')) p(kind, unit, step)
	CROSS JOIN LATERAL generate_series(date_trunc(p.unit, r.first), r.last, p.step) g
$$;

-- motcua.kpi: one row per unit (with its whole subtree) and per period,
-- active or quiet, with the figures of ONE-STOP.md §5.  Filter on unit,
-- period_kind and period_start.  Counts are 0 and rates NULL where nothing
-- happened; the overdue figure holds whatever was open and overdue then.
-- Waiting times and ratings are read live from their small tables for the
-- rows asked for.
CREATE VIEW motcua.kpi AS
SELECT u.id AS unit,
	   motcua.kpi_period_name(p.kind) AS period,
	   p.kind AS period_kind,
	   p.period_start,
	   motcua.kpi_period_end(p.kind, p.period_start) AS period_end,
	   coalesce(g.received, 0) AS received,
	   coalesce(g.received_direct, 0) AS received_direct,
	   coalesce(g.received_online, 0) AS received_online,
	   coalesce(g.received_postal, 0) AS received_postal,
	   g.online_rate,
	   coalesce(g.finished, 0) AS finished,
	   coalesce(g.resolved, 0) AS resolved,
	   coalesce(g.early, 0) AS early,
	   coalesce(g.on_time, 0) AS on_time,
	   coalesce(g.late, 0) AS late,
	   g.on_time_rate,
	   g.avg_processing_days,
	   g.digitized_dossier_rate,
	   g.digitized_result_rate,
	   g.esigned_result_rate,
	   g.electronic_transfer_rate,
	   g.component_digitization_rate,
	   g.component_reuse_rate,
	   g.not_reprovided_rate,
	   coalesce(g.fee_bearing, 0) AS fee_bearing,
	   coalesce(g.paid_online, 0) AS paid_online,
	   g.online_payment_rate,
	   coalesce(g.population_db_dossiers, 0) AS population_db_dossiers,
	   g.population_db_rate,
	   coalesce(g.extended, 0) AS extended,
	   coalesce(g.finished_extended, 0) AS finished_extended,
	   motcua.kpi_overdue(u.id, p.kind, p.period_start) AS in_progress_overdue,
	   f.visits,
	   f.avg_wait_minutes,
	   f.served_under_10_rate,
	   f.ratings,
	   f.satisfaction_rate,
	   f.dislike_rate,
	   f.front_desk_staff,
	   motcua.per_staff_year(coalesce(g.received, 0), p.kind, p.period_start, f.front_desk_staff)
		   AS received_per_front_desk_staff_year
FROM motcua.unit u
CROSS JOIN motcua.kpi_periods() p
-- (the filters on unit, period_kind and period_start reach kpi_core's
-- grouping through these equalities)
LEFT JOIN motcua.kpi_core g ON g.unit OPERATOR(motcua.=) u.id AND g.period_kind = p.kind
	 AND g.period_start = p.period_start
CROSS JOIN LATERAL motcua.kpi_front(u.id, p.kind, p.period_start) f;
COMMENT ON VIEW motcua.kpi IS
	'KPIs per unit (with its whole subtree) and period, quiet periods included: received by channel, online rate, early/on time/late against the legal deadline, on-time rate, in-progress overdue, extended dossiers (received in the period / finished in it), average processing working days, digitization, e-signature, electronic transfers, reuse, online payment, waiting time, satisfaction, dossiers per front-desk staff (annualized)';

SELECT pg_catalog.pg_extension_config_dump('motcua.kpi_dossier', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.kpi_unit_period', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.kpi_unit_procedure_period', '');

REVOKE ALL ON FUNCTION motcua.refresh_kpis(), motcua.rebuild_kpis(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.refresh_kpis(), motcua.rebuild_kpis(date, date) TO motcua_admin;
GRANT SELECT ON motcua.kpi, motcua.kpi_unit_period, motcua.kpi_unit_procedure_period, motcua.unit_closure TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;
-- The national index of Decision 766/QĐ-TTg (ONE-STOP.md §5), materialized:
-- refresh_kpis() recomputes the rows of the months, quarters and years it
-- touched, so BI dashboards read motcua.index_766 at once.  Every
-- sub-indicator keeps its maximum, its "X% or more earns full points"
-- threshold, the measured value and the points; one whose inputs motcua does
-- not hold has NULL value and points and says why.

CREATE TABLE motcua.index_766_indicator (
	grp			smallint NOT NULL CHECK (grp BETWEEN 1 AND 6),
	group_name	text NOT NULL,
	code		text PRIMARY KEY,
	name		text NOT NULL,
	max_points	numeric NOT NULL CHECK (max_points > 0),
	full_at		numeric NOT NULL DEFAULT 100 CHECK (full_at > 0 AND full_at <= 100),
	unavailable_reason text
);
COMMENT ON TABLE motcua.index_766_indicator IS 'sub-indicators of the Decision 766 index with their points; full_at = the rate (percent) that earns full points';
INSERT INTO motcua.index_766_indicator (grp, group_name, code, name, max_points, full_at, unavailable_reason) VALUES
	(1, 'Công khai, minh bạch', 'published_on_time', 'Công bố TTHC đúng hạn', 6, 100, 'publication of procedure decisions is not recorded in motcua'),
	(1, 'Công khai, minh bạch', 'made_public_on_time', 'Công khai TTHC đúng hạn', 4, 100, 'public posting of procedures is not recorded in motcua'),
	(1, 'Công khai, minh bạch', 'complete_content', 'Công khai đầy đủ nội dung', 2, 100, 'completeness of published content is not recorded in motcua'),
	(1, 'Công khai, minh bạch', 'synced_to_portal', 'Đồng bộ hồ sơ lên Cổng DVC quốc gia', 6, 100, 'portal synchronization is recorded by the sync worker, not yet installed'),
	(2, 'Tiến độ giải quyết', 'on_time', 'Hồ sơ giải quyết đúng hạn', 20, 100, NULL),
	(3, 'Dịch vụ công trực tuyến', 'online_dossiers', 'Hồ sơ trực tuyến', 12, 50, 'the rate is multiplied by the portal sync rate, which the sync worker records (not yet installed)'),
	(4, 'Thanh toán trực tuyến', 'payment_integrated', 'TTHC có phí tích hợp thanh toán trực tuyến', 2, 100, 'payment-gateway integration of procedures is not recorded in motcua'),
	(4, 'Thanh toán trực tuyến', 'procedures_paid_online', 'TTHC có phát sinh thanh toán trực tuyến', 2, 100, NULL),
	(4, 'Thanh toán trực tuyến', 'dossiers_paid_online', 'Hồ sơ thanh toán trực tuyến', 6, 100, NULL),
	(5, 'Số hóa hồ sơ', 'electronic_result', 'Cấp kết quả điện tử', 6, 100, NULL),
	(5, 'Số hóa hồ sơ', 'dossier_digitized', 'Số hóa hồ sơ', 4, 80, NULL),
	(5, 'Số hóa hồ sơ', 'ecertified_copy', 'Chứng thực bản sao điện tử', 2, 100, 'electronic certified copies are not recorded in motcua'),
	(5, 'Số hóa hồ sơ', 'reuse', 'Khai thác, tái sử dụng dữ liệu số hóa', 2, 80, NULL),
	(5, 'Số hóa hồ sơ', 'warehouse_linked', 'Kết quả đồng bộ vào Kho dữ liệu cá nhân', 4, 100, NULL),
	(5, 'Số hóa hồ sơ', 'procedures_population_db', 'TTHC kết nối CSDL quốc gia về dân cư', 2, 100, NULL),
	(5, 'Số hóa hồ sơ', 'dossiers_population_db', 'Hồ sơ khai thác CSDL quốc gia về dân cư', 2, 100, NULL),
	(6, 'Mức độ hài lòng', 'feedback_on_time', 'Xử lý phản ánh, kiến nghị đúng hạn', 6, 100, NULL),
	(6, 'Mức độ hài lòng', 'feedback_satisfaction', 'Hài lòng về xử lý phản ánh, kiến nghị', 6, 100, NULL),
	(6, 'Mức độ hài lòng', 'service_satisfaction', 'Hài lòng về tiếp nhận, giải quyết', 6, 90, NULL);

CREATE TABLE motcua.index_766_snapshot (
	unit		motcua.unit_id NOT NULL,
	period_kind "char" NOT NULL CHECK (period_kind IN ('m', 'q', 'y')),
	period_start date NOT NULL,
	indicator	text NOT NULL REFERENCES motcua.index_766_indicator,
	value		numeric,
	points		numeric,
	reason		text,
	as_of		timestamptz NOT NULL,
	PRIMARY KEY (unit, period_kind, period_start, indicator)
);
COMMENT ON TABLE motcua.index_766_snapshot IS 'Decision 766 sub-indicator values and points per unit subtree and period, as of the last refresh_kpis()';

-- index_766_points: "reaching X% or more earns full points; below,
-- points = rate × max ÷ X%".
CREATE FUNCTION motcua.index_766_points(rate numeric, max_points numeric, full_at numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN rate IS NULL THEN NULL
				WHEN rate >= full_at THEN max_points
				ELSE round(rate * max_points / full_at, 2) END
$$;

-- compute_index_766 recomputes the snapshot rows of one period for every
-- unit that has figures in it, or only for the given units (a refresh
-- passes the units whose subtree changed).
CREATE FUNCTION motcua.compute_index_766(kind "char", start date, units motcua.unit_id[] DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n bigint;
	stamp timestamptz := clock_timestamp();
	first_ts timestamptz := (start::timestamp - interval '7 hours') AT TIME ZONE 'UTC';
	last_ts timestamptz := ((motcua.kpi_period_end(kind, start) + 1)::timestamp - interval '7 hours') AT TIME ZONE 'UTC';
BEGIN
	DELETE FROM motcua.index_766_snapshot s
	WHERE s.period_kind = kind AND s.period_start = start AND (units IS NULL OR s.unit OPERATOR(motcua.=) ANY (units));
	INSERT INTO motcua.index_766_snapshot (unit, period_kind, period_start, indicator, value, points, reason, as_of)
	WITH k AS (
		SELECT * FROM motcua.kpi_core x
		WHERE x.period_kind = kind AND x.period_start = start AND (units IS NULL OR x.unit OPERATOR(motcua.=) ANY (units))),
	rt AS (
		SELECT uc.ancestor AS unit, count(*) FILTER (WHERE r.dislike) AS dislikes
		FROM motcua.rating r
		JOIN motcua.unit_closure uc ON uc.descendant OPERATOR(motcua.=) motcua.unit_of(r.dossier)
		WHERE r.rated_at >= first_ts AND r.rated_at < last_ts
		GROUP BY uc.ancestor),
	fb AS (
		SELECT uc.ancestor AS unit,
			   motcua.ratio(count(*) FILTER (WHERE f.on_time), count(f.on_time)) AS on_time_rate,
			   motcua.ratio(count(*) FILTER (WHERE f.satisfied_with_handling), count(f.satisfied_with_handling)) AS satisfied_rate,
			   count(*) FILTER (WHERE f.kind IN ('complaint', 'dislike')) AS complaints
		FROM motcua.feedback_status f
		JOIN motcua.unit_closure uc ON uc.descendant OPERATOR(motcua.=) f.unit
		WHERE f.submitted_at >= first_ts AND f.submitted_at < last_ts
		GROUP BY uc.ancestor),
	-- fee-bearing procedures with dossiers in the period, and those of
	-- them with at least one paid online
	paid AS (
		SELECT x.unit, motcua.ratio(count(*) FILTER (WHERE x.paid_online > 0), count(*)) AS rate
		FROM (SELECT uc.ancestor AS unit, p.procedure, sum(p.paid_online) AS paid_online
			  FROM motcua.kpi_unit_procedure_period p
			  JOIN motcua.unit_closure uc ON uc.descendant OPERATOR(motcua.=) p.unit
			  WHERE p.kind = compute_index_766.kind AND p.period_start = compute_index_766.start
			  GROUP BY uc.ancestor, p.procedure
			  HAVING sum(p.fee_bearing) > 0) x
		GROUP BY x.unit),
	pop AS (
		SELECT motcua.ratio((SELECT count(*) FROM motcua.population_db_procedure),
							(SELECT count(DISTINCT pc.procedure) FROM motcua.procedure_component pc)) AS rate),
	vals AS (
		SELECT k.unit, v.code, v.value
		FROM k
		LEFT JOIN fb ON fb.unit OPERATOR(motcua.=) k.unit
		LEFT JOIN rt ON rt.unit OPERATOR(motcua.=) k.unit
		LEFT JOIN paid ON paid.unit OPERATOR(motcua.=) k.unit
		CROSS JOIN pop
		CROSS JOIN LATERAL (VALUES
			('on_time', k.on_time_rate),
			('online_dossiers', k.online_rate),
			('dossiers_paid_online', k.online_payment_rate),
			('procedures_paid_online', paid.rate),
			('electronic_result', k.digitized_result_rate),
			('dossier_digitized', k.digitized_dossier_rate),
			('reuse', k.component_reuse_rate),
			('warehouse_linked', k.digitized_result_rate),
			('procedures_population_db', pop.rate),
			-- dossiers of connected procedures with a component the
			-- population database supplied
			('dossiers_population_db', k.population_db_rate),
			('feedback_on_time', fb.on_time_rate),
			('feedback_satisfaction', fb.satisfied_rate),
			-- 100% minus the overdue rate minus the rate of dossiers with a
			-- complaint or a dislike
			('service_satisfaction',
			 CASE WHEN k.finished > 0 THEN greatest(0, 100 - motcua.ratio(k.late, k.finished)
								- motcua.ratio(coalesce(fb.complaints, 0) + coalesce(rt.dislikes, 0), k.finished)) END)) v(code, value))
	SELECT k.unit, kind, start, i.code,
		   CASE WHEN i.unavailable_reason IS NULL THEN v.value END,
		   CASE WHEN i.unavailable_reason IS NULL THEN motcua.index_766_points(v.value, i.max_points, i.full_at) END,
		   coalesce(i.unavailable_reason, CASE WHEN v.value IS NULL THEN 'no dossiers or events to measure in this period' END),
		   stamp
	FROM k CROSS JOIN motcua.index_766_indicator i
	LEFT JOIN vals v ON v.unit OPERATOR(motcua.=) k.unit AND v.code = i.code;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;
REVOKE ALL ON FUNCTION motcua.compute_index_766("char", date, motcua.unit_id[]) FROM PUBLIC;

-- motcua.index_766: the snapshot with each group's and the total's points
-- (NULL points count as 0 in the totals, and the totals say how many points
-- could not be measured).
CREATE VIEW motcua.index_766 AS
SELECT s.unit, s.period_kind, s.period_start, i.grp AS "group", i.group_name, i.code AS indicator, i.name,
	   i.max_points, i.full_at, s.value, s.points, s.reason,
	   sum(coalesce(s.points, 0)) OVER w_group AS group_points,
	   sum(i.max_points) OVER w_group AS group_max,
	   sum(coalesce(s.points, 0)) OVER w_total AS total_points,
	   sum(i.max_points) FILTER (WHERE s.points IS NULL) OVER w_total AS unmeasured_points,
	   s.as_of
FROM motcua.index_766_snapshot s JOIN motcua.index_766_indicator i ON i.code = s.indicator
WINDOW w_group AS (PARTITION BY s.unit, s.period_kind, s.period_start, i.grp),
	   w_total AS (PARTITION BY s.unit, s.period_kind, s.period_start);
COMMENT ON VIEW motcua.index_766 IS
	'Decision 766 index per unit subtree and month/quarter/year: sub-indicators, group and total points (NULL with a reason where motcua does not hold the inputs)';

GRANT SELECT ON motcua.index_766, motcua.index_766_snapshot, motcua.index_766_indicator
	TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;
-- KPI indicators and reform plans as data (ONE-STOP.md §5 "Plan targets").
-- Each province or ministry localizes Decision 468/QĐ-TTg with its own
-- numbers, years and tiers; motcua evaluates whatever plan is loaded.  The
-- five plans motcua was specified from ship as reference rows (shipped =
-- true, protected like the national calendar); a DBA adds a local plan as
-- new rows, which pg_dump keeps.

-- What motcua can compute.  The codes are what the KPI code evaluates.
CREATE TABLE motcua.kpi_indicator (
	code		text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,60}$'),
	name		text NOT NULL CHECK (name <> ''),
	name_en		text NOT NULL CHECK (name_en <> ''),
	unit		text NOT NULL CHECK (unit IN ('percent', 'minutes', 'dossiers_per_staff_year', 'count')),
	direction	text NOT NULL CHECK (direction IN ('at_least', 'at_most')),
	description text NOT NULL CHECK (description <> ''),
	shipped		boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE motcua.kpi_indicator IS 'indicators a plan can set targets for, with how motcua computes each';
COMMENT ON COLUMN motcua.kpi_indicator.name IS 'Vietnamese name';
COMMENT ON COLUMN motcua.kpi_indicator.direction IS 'at_least: the target is a floor (rates); at_most: a ceiling (waiting time)';
COMMENT ON COLUMN motcua.kpi_indicator.description IS 'how motcua computes it: numerator ÷ denominator';

-- A reform plan: a province's or ministry's plan implementing Decision 468,
-- or a campaign.
CREATE TABLE motcua.plan (
	code		text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$'),
	name		text NOT NULL CHECK (name <> ''),
	issuer		text NOT NULL CHECK (issuer <> ''),
	jurisdiction text CHECK (jurisdiction ~ '^[A-Z][0-9]{2}$'),
	legal_reference text NOT NULL CHECK (legal_reference <> ''),
	issued_on	date,
	note		text,
	shipped		boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE motcua.plan IS 'reform plans (Decision 468/QĐ-TTg as localized by a province or ministry, or a campaign) whose targets motcua evaluates';
COMMENT ON COLUMN motcua.plan.jurisdiction IS 'jurisdiction code (H22, G17) when known; no foreign key, so plans can be loaded before the unit tree';
COMMENT ON COLUMN motcua.plan.issued_on IS 'date of signature; NULL when the text leaves it blank';

-- One target of a plan: an indicator, for a tier and area class, over a
-- range of years.
CREATE TABLE motcua.plan_target (
	plan		text NOT NULL REFERENCES motcua.plan ON UPDATE CASCADE ON DELETE CASCADE,
	indicator	text NOT NULL REFERENCES motcua.kpi_indicator ON UPDATE CASCADE,
	tier		text NOT NULL DEFAULT 'all'
				CHECK (tier IN ('all', 'province', 'district', 'commune', 'ministry', 'department')),
	area_class	text NOT NULL DEFAULT 'all'
				CHECK (area_class IN ('all', 'center', 'city_town', 'other', 'remote')),
	year_from	integer NOT NULL CHECK (year_from BETWEEN 2020 AND 2030),
	year_to		integer NOT NULL,
	target		numeric CHECK (target >= 0),
	increase_per_year numeric,
	quote		text NOT NULL CHECK (quote <> ''),
	note		text,
	shipped		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (plan, indicator, tier, area_class, year_from),
	CHECK (year_to >= year_from),
	CHECK (target IS NOT NULL OR increase_per_year IS NOT NULL OR note IS NOT NULL)
);
CREATE INDEX plan_target_indicator_idx ON motcua.plan_target (indicator);
COMMENT ON TABLE motcua.plan_target IS 'targets of a plan: indicator, tier, area class and years, with the plan''s own words';
COMMENT ON COLUMN motcua.plan_target.tier IS 'tier the target applies to; all = every tier of the plan';
COMMENT ON COLUMN motcua.plan_target.area_class IS 'for staff-load targets (matches motcua.unit.area_class); all = every unit';
COMMENT ON COLUMN motcua.plan_target.year_to IS 'last year the target applies; a target "by 2025" is year_from = year_to = 2025';
COMMENT ON COLUMN motcua.plan_target.target IS 'the number in the indicator''s unit, a floor or a ceiling by the indicator''s direction; NULL when the plan states a goal without a number (see note)';
COMMENT ON COLUMN motcua.plan_target.increase_per_year IS 'for "+20%/year" targets: percentage points to add each year over the previous year''s rate';
COMMENT ON COLUMN motcua.plan_target.quote IS 'the plan''s own words (Vietnamese), shortened';
COMMENT ON COLUMN motcua.plan_target.note IS 'how motcua reads the target where the plan is ambiguous';

INSERT INTO motcua.kpi_indicator (code, name, name_en, unit, direction, description, shipped) VALUES
	('component_digitization_rate',
	 'Tỷ lệ số hóa thành phần hồ sơ, kết quả giải quyết TTHC còn hiệu lực',
	 'Valid dossier components and results digitized', 'percent', 'at_least',
	 'valid dossier components and results that are digitized ÷ all dossier components and results, in the period', true),
	('dossier_digitization_rate',
	 'Tỷ lệ hồ sơ, kết quả giải quyết TTHC được số hóa',
	 'Resolved dossiers digitized', 'percent', 'at_least',
	 'dossiers resolved in the period whose components and result are all digitized ÷ dossiers resolved in the period', true),
	('not_reprovided_rate',
	 'Tỷ lệ người dân, doanh nghiệp không phải cung cấp lại thông tin, giấy tờ đã được chấp nhận',
	 'Persons not re-providing documents the state already holds', 'percent', 'at_least',
	 'dossiers in which the person re-provided no component the state already held (warehouse or national database) ÷ dossiers with at least one reusable component', true),
	('online_rate',
	 'Tỷ lệ hồ sơ TTHC tiếp nhận trực tuyến',
	 'Online dossiers', 'percent', 'at_least',
	 'dossiers received online ÷ all dossiers received in the period', true),
	('electronic_transfer_rate',
	 'Tỷ lệ hồ sơ luân chuyển giữa các cơ quan bằng phương thức điện tử',
	 'Inter-agency transfers made electronically', 'percent', 'at_least',
	 'transfers of a dossier between agencies made electronically ÷ all such transfers in the period', true),
	('esigned_result_rate',
	 'Tỷ lệ kết quả giải quyết TTHC được ký số',
	 'Results digitally signed', 'percent', 'at_least',
	 'results issued with a valid digital signature ÷ results issued in the period (all procedures; a plan that counts only eligible procedures says so in its note)', true),
	('online_payment_rate',
	 'Tỷ lệ hồ sơ thanh toán trực tuyến',
	 'Dossiers paid online', 'percent', 'at_least',
	 'dossiers whose fees were paid online ÷ dossiers with non-zero fees, in the period', true),
	('avg_wait_minutes',
	 'Thời gian chờ đợi trung bình của người dân, doanh nghiệp (phút/lượt giao dịch)',
	 'Average waiting time per visit', 'minutes', 'at_most',
	 'minutes waited per visit (queue ticket issued to called), summed ÷ visits to the front desk in the period', true),
	('served_under_10_rate',
	 'Tỷ lệ lượt giao dịch dưới 10 phút',
	 'Visits served in under 10 minutes', 'percent', 'at_least',
	 'visits (queue tickets) served in under 10 minutes ÷ visits in the period', true),
	('processing_time_cut_minutes',
	 'Thời gian tiếp nhận, xử lý hồ sơ được cắt giảm (phút/hồ sơ)',
	 'Processing time cut per dossier', 'minutes', 'at_least',
	 'average processing minutes per dossier of a procedure in a baseline period minus the same in the period; motcua cannot measure a cut without a baseline, so this is reported only where a baseline has been recorded', true),
	('dossiers_per_front_desk_staff',
	 'Năng suất tiếp nhận hồ sơ trung bình của 01 nhân sự Bộ phận Một cửa (hồ sơ/năm)',
	 'Dossiers received per front-desk staff per year', 'dossiers_per_staff_year', 'at_least',
	 'dossiers received by a unit in the year ÷ the unit''s front-desk staff (motcua.unit.front_desk_staff)', true),
	('satisfaction_rate',
	 'Mức độ hài lòng của tổ chức, cá nhân',
	 'Satisfaction with public services', 'percent', 'at_least',
	 'satisfied ratings ÷ all ratings in the period', true);

INSERT INTO motcua.plan (code, name, issuer, jurisdiction, legal_reference, issued_on, note, shipped) VALUES
	('QN-KH140-2021',
	 'Kế hoạch thực hiện Quyết định 468/QĐ-TTg phê duyệt Đề án đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính trên địa bàn tỉnh Quảng Ninh',
	 'UBND tỉnh Quảng Ninh', 'H22', 'Kế hoạch 140/KH-UBND ngày 29/7/2021', '2021-07-29',
	 'targets per year (2021, 2022, 2023-2025) and tier (province, district, commune) in section II.2, tasks in the appendix; where they differ the section II figures are stored and the difference noted', true),
	('BN-QD717-2021',
	 'Đề án "Đổi mới hoạt động, nâng cao chất lượng cung cấp dịch vụ hành chính công tại Trung tâm Hành chính công và Bộ phận một cửa, góp phần cải thiện các chỉ số đánh giá địa phương của tỉnh Bắc Ninh giai đoạn 2021-2025"',
	 'UBND tỉnh Bắc Ninh', NULL, 'Quyết định 717/QĐ-UBND ngày 16/6/2021', '2021-06-16',
	 'targets taken from a news item of 16/7/2021 summarizing the decision; also: at least 90% of citizens able to use one-stop services (2021) and a 2022 pilot of reception independent of administrative boundaries, which motcua does not measure', true),
	('BG-SNGV-2021',
	 'Kế hoạch triển khai thực hiện Kế hoạch số 129/KH-UBND ngày 29/4/2021 của UBND tỉnh về triển khai Đề án đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính (Sở Ngoại vụ)',
	 'Sở Ngoại vụ tỉnh Bắc Giang', NULL,
	 'Kế hoạch số .../KH-SNgV tháng 5/2021 của Sở Ngoại vụ tỉnh Bắc Giang, thực hiện Kế hoạch 129/KH-UBND ngày 29/4/2021 của UBND tỉnh Bắc Giang', NULL,
	 'a department-level plan; the text leaves the number and the day blank ("Số: /KH-SNgV", "ngày tháng 5 năm 2021"); targets in the appendix by year', true),
	('BKHCN-468-2021',
	 'Phụ lục nhiệm vụ, mục tiêu đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính tại Bộ phận Một cửa của Bộ Khoa học và Công nghệ',
	 'Bộ Khoa học và Công nghệ', 'G17',
	 'Phụ lục Kế hoạch của Bộ Khoa học và Công nghệ thực hiện Quyết định 468/QĐ-TTg ngày 27/3/2021 (năm 2021)', NULL,
	 'appendix of tasks and targets for the ministry''s one-stop units; the number and date of the plan are not in the text; tasks run to 2025', true),
	('BT-KH7386-2023',
	 'Kế hoạch triển khai chiến dịch cao điểm 30 ngày đêm "Nâng cao hiệu quả sử dụng dịch vụ công trực tuyến trên địa bàn tỉnh Bến Tre"',
	 'UBND tỉnh Bến Tre', NULL, 'Kế hoạch 7386/KH-UBND ngày 29/11/2023', '2023-11-29',
	 'a 30-day campaign, 01/12/2023-31/12/2023; weekly reports before 10:00 Friday, final reports by 10/01/2024 (units) and 20/01/2024 (Sở Thông tin và Truyền thông)', true);

-- Quảng Ninh, Kế hoạch 140/KH-UBND (section II.2 and the appendix).
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('QN-KH140-2021', 'component_digitization_rate', 'province', 'all', 2021, 2021, 60, NULL,
	 'Năm 2021: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 60%, 50%, 40% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'district', 'all', 2021, 2021, 50, NULL,
	 'Năm 2021: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 60%, 50%, 40% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'commune', 'all', 2021, 2021, 40, NULL,
	 'Năm 2021: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 60%, 50%, 40% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'province', 'all', 2022, 2022, 80, NULL,
	 'Năm 2022: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 80%, 70%, 50% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'district', 'all', 2022, 2022, 70, NULL,
	 'Năm 2022: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 80%, 70%, 50% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'commune', 'all', 2022, 2022, 50, NULL,
	 'Năm 2022: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 80%, 70%, 50% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'province', 'all', 2023, 2025, 100, NULL,
	 'Năm 2023-2025: số hóa kết quả giải quyết TTHC còn hiệu lực đạt 100% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'district', 'all', 2023, 2025, 100, NULL,
	 'Năm 2023-2025: số hóa kết quả giải quyết TTHC còn hiệu lực đạt 100% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'commune', 'all', 2023, 2025, 100, NULL,
	 'Năm 2023-2025: số hóa kết quả giải quyết TTHC còn hiệu lực đạt 100% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'dossier_digitization_rate', 'all', 'all', 2023, 2025, 100, NULL,
	 '100% hồ sơ thủ tục hành chính đã giải quyết thành công được số hóa, lưu trữ và có giá trị tái sử dụng',
	 'denominator: dossiers resolved successfully; "stored and reusable" is read as digitized into the warehouse', true),
	('QN-KH140-2021', 'esigned_result_rate', 'all', 'all', 2022, 2022, 50, NULL,
	 'Tối thiểu 50% kết quả giải quyết TTHC các cấp được ký số điện tử thay cho ký tay (áp dụng đối với những thủ tục đủ điều kiện thực hiện)',
	 'the plan counts only results of procedures eligible for digital signing; motcua''s rate divides by all results, so it understates the plan''s rate where some procedures are not eligible', true),
	('QN-KH140-2021', 'not_reprovided_rate', 'all', 'all', 2022, 2022, 40, NULL,
	 'Năm 2022: tối thiểu 40% người dân, doanh nghiệp ... không phải cung cấp lại các thông tin, giấy tờ, tài liệu đã được chấp nhận',
	 'section II.2.b and appendix item 2.5 agree on 40% for 2022', true),
	('QN-KH140-2021', 'not_reprovided_rate', 'all', 'all', 2023, 2025, 90, NULL,
	 'Năm 2023-2025: tối thiểu 90% người dân, doanh nghiệp ... không phải cung cấp lại các thông tin, giấy tờ, tài liệu',
	 'stored as section II.2.c states it (90%); the appendix (item 2.5) contradicts it and itself: its task column says "tăng tối thiểu mỗi năm tiếp theo 20%" (+20 points a year: 60/80/100%), its result column "Năm 2023 trở đi mỗi năm tăng tỷ lệ lên 2%" (+2 points a year: 42/44/46%)', true),
	('QN-KH140-2021', 'online_rate', 'all', 'all', 2023, 2025, 70, NULL,
	 'Tỷ lệ người dân thực hiện các dịch vụ công trực tuyến ... tối thiểu đạt 70% so với tổng số hồ sơ tiếp nhận', NULL, true),
	('QN-KH140-2021', 'electronic_transfer_rate', 'all', 'all', 2023, 2025, 100, NULL,
	 '100% trở lên hồ sơ giải quyết TTHC được luân chuyển trong nội bộ giữa các cơ quan ... được thực hiện bằng phương thức điện tử',
	 'the text says "100% trở lên" (100% or more); read as 100%', true),
	('QN-KH140-2021', 'avg_wait_minutes', 'all', 'all', 2022, 2022, 25, NULL,
	 'Năm 2022: giảm thời gian chờ đợi ... xuống trung bình còn tối đa 25 phút/01 lần đến giao dịch', NULL, true),
	('QN-KH140-2021', 'avg_wait_minutes', 'all', 'all', 2023, 2025, 15, NULL,
	 'Năm 2023-2025: giảm thời gian chờ đợi ... xuống trung bình còn tối đa 15 phút/01 lượt giao dịch',
	 'appendix item 4.3 gives 15 minutes for 2021-2025 as a whole; the yearly figures of section II.2 (25 in 2022, 15 from 2023) are stored', true),
	('QN-KH140-2021', 'served_under_10_rate', 'all', 'all', 2022, 2022, 50, NULL,
	 'Tỉnh Quảng Ninh phấn đấu đạt trên 50% số lượng giao dịch dưới 10 phút/01 lần',
	 'strictly more than 50% ("trên 50%"); an aspiration ("phấn đấu")', true),
	('QN-KH140-2021', 'served_under_10_rate', 'all', 'all', 2023, 2025, 70, NULL,
	 'Tỉnh Quảng Ninh phấn đấu đạt trên 70% số lượng giao dịch dưới 10 phút/01 lần',
	 'strictly more than 70% ("trên 70%"); an aspiration ("phấn đấu")', true),
	('QN-KH140-2021', 'processing_time_cut_minutes', 'all', 'all', 2021, 2025, 30, NULL,
	 'Thời gian tiếp nhận, xử lý hồ sơ tối thiểu 30 phút/01 hồ sơ',
	 'the text reads "processing time at least 30 minutes per dossier"; Decision 468 means a cut of at least 30 minutes per dossier, which is how it is stored (appendix item 4.3, 2021-2025)', true),
	('QN-KH140-2021', 'satisfaction_rate', 'all', 'all', 2025, 2025, 98, NULL,
	 'Mức độ hài lòng của tổ chức, cá nhân đối với chất lượng cung cấp dịch vụ công ... đạt tối thiểu 98% vào năm 2025', NULL, true);

-- Quảng Ninh staff load, 2023-2025.  The exception for units that receive
-- fewer dossiers in total applies to every row.
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'province', 'center', 2023, 2025, 2000, NULL,
	 'Năng suất tiếp nhận hồ sơ trung bình trong 01 năm ... của 01 nhân sự trực tại Trung tâm Phục vụ hành chính công tỉnh ... là 2.000 hồ sơ',
	 'the province public administration service center; unless the unit''s total for the year is lower ("trừ trường hợp tổng số hồ sơ tiếp nhận trong năm/01 đơn vị ít hơn chỉ tiêu trên")', true),
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'district', 'city_town', 2023, 2025, 2000, NULL,
	 '... và Trung tâm Phục vụ hành chính công của các thị xã, thành phố là 2.000 hồ sơ',
	 'district-tier centers of cities and towns; unless the unit''s total for the year is lower', true),
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'district', 'other', 2023, 2025, 1600, NULL,
	 'Trung tâm hành chính công của các huyện còn lại là 1.600 hồ sơ',
	 'centers of the other districts; unless the unit''s total for the year is lower', true),
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'commune', 'city_town', 2023, 2025, 1200, NULL,
	 'Bộ phận tiếp nhận và trả kết quả hiện đại cấp xã của các thành phố, thị xã là 1.200 hồ sơ',
	 'commune-tier units in cities and towns; unless the unit''s total for the year is lower', true),
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'commune', 'other', 2023, 2025, 1000, NULL,
	 'Bộ phận tiếp nhận và trả kết quả hiện đại cấp xã của các huyện là 1.000 hồ sơ',
	 'commune-tier units of the districts; unless the unit''s total for the year is lower', true),
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'all', 'remote', 2023, 2025, 800, NULL,
	 'vùng sâu, xa, đặc biệt khó khăn 800 hồ sơ (trừ trường hợp tổng số hồ sơ tiếp nhận trong năm/01 đơn vị ít hơn chỉ tiêu trên)',
	 'any unit in a remote or especially disadvantaged area, whatever its tier (read as taking precedence over the tier rows); unless the unit''s total for the year is lower', true);

-- Bắc Ninh, Quyết định 717/QĐ-UBND (as summarized in the news item).
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('BN-QD717-2021', 'component_digitization_rate', 'province', 'all', 2021, 2021, 50, NULL,
	 'Năm 2021: số hóa thành phần hồ sơ, kết quả giải quyết ... tối thiểu đạt 50% đối với cấp tỉnh; 30% đối với cấp huyện và 20% ở cấp xã', NULL, true),
	('BN-QD717-2021', 'component_digitization_rate', 'district', 'all', 2021, 2021, 30, NULL,
	 'Năm 2021: số hóa thành phần hồ sơ, kết quả giải quyết ... tối thiểu đạt 50% đối với cấp tỉnh; 30% đối với cấp huyện và 20% ở cấp xã', NULL, true),
	('BN-QD717-2021', 'component_digitization_rate', 'commune', 'all', 2021, 2021, 20, NULL,
	 'Năm 2021: số hóa thành phần hồ sơ, kết quả giải quyết ... tối thiểu đạt 50% đối với cấp tỉnh; 30% đối với cấp huyện và 20% ở cấp xã', NULL, true),
	('BN-QD717-2021', 'component_digitization_rate', 'all', 'all', 2022, 2022, NULL, NULL,
	 'Năm 2022: hoàn thành việc số hóa thành phần hồ sơ, kết quả giải quyết đối với các TTHC còn hiệu lực ... ở cả 3 cấp',
	 'the plan says digitization is to be completed at all three tiers but writes no percentage; completion suggests 100%, which is not stated, so no number is stored', true),
	('BN-QD717-2021', 'not_reprovided_rate', 'all', 'all', 2023, 2025, 100, NULL,
	 'Giai đoạn 2023-2025: 100% người dân, doanh nghiệp khi thực hiện TTHC không phải cung cấp lại các thông tin, giấy tờ, tài liệu đã được chấp nhận', NULL, true),
	('BN-QD717-2021', 'online_rate', 'all', 'all', 2023, 2025, 60, NULL,
	 'Tỷ lệ người dân thực hiện các dịch vụ công trực tuyến ... tối thiểu đạt 60% so với tổng số hồ sơ tiếp nhận', NULL, true),
	('BN-QD717-2021', 'electronic_transfer_rate', 'all', 'all', 2023, 2025, 80, NULL,
	 'Tối thiểu từ 80% trở lên hồ sơ giải quyết TTHC được luân chuyển nội bộ giữa các cơ quan có thẩm quyền giải quyết',
	 'the item speaks of dossiers transferred internally between the competent agencies and does not say electronically; stored against electronic transfers, the nearest indicator motcua computes (Decision 468''s wording is "bằng phương thức điện tử")', true),
	('BN-QD717-2021', 'avg_wait_minutes', 'all', 'all', 2022, 2022, 30, NULL,
	 'Năm 2022: giảm thời gian chờ đợi ... xuống còn tối đa 30 phút/01 lần đến giao dịch', NULL, true),
	('BN-QD717-2021', 'satisfaction_rate', 'all', 'all', 2025, 2025, 95, NULL,
	 'Mức độ hài lòng của tổ chức, cá nhân đối với chất lượng dịch vụ công đạt tối thiểu 95% vào năm 2025', NULL, true);

-- Bắc Giang Department of Foreign Affairs (appendix, by year).  The plan
-- covers one department's one-stop unit, so its targets are for all tiers.
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('BG-SNGV-2021', 'component_digitization_rate', 'all', 'all', 2022, 2022, NULL, 20,
	 'Tiếp tục triển khai số hóa kết quả giải quyết TTHC còn hiệu lực (tăng 20%)',
	 'read as 20 percentage points over the 2021 rate (the 2021 rate itself has no target); whether the 20% is points or a relative increase is not said', true),
	('BG-SNGV-2021', 'component_digitization_rate', 'all', 'all', 2023, 2025, 100, NULL,
	 'Tiếp tục triển khai số hóa kết quả giải quyết TTHC còn hiệu lực cho đến khi đạt tỉ lệ 100%',
	 '"until 100% is reached" within 2023-2025; no yearly steps given', true),
	('BG-SNGV-2021', 'avg_wait_minutes', 'all', 'all', 2022, 2022, 20, NULL,
	 'Giảm thời gian chờ đợi của công dân xuống còn tối đa 20 phút/1 lần giao dịch', NULL, true),
	('BG-SNGV-2021', 'avg_wait_minutes', 'all', 'all', 2023, 2025, 15, NULL,
	 'Giảm thời gian chờ đợi của người dân, doanh nghiệp xuống còn tối đa 15 phút/1 lượt giao dịch', NULL, true),
	('BG-SNGV-2021', 'processing_time_cut_minutes', 'all', 'all', 2023, 2025, 30, NULL,
	 'Thời gian tiếp nhận, xử lý hồ sơ tối thiểu 30 phút/1 hồ sơ',
	 'same wording as Quảng Ninh: read as a cut of at least 30 minutes per dossier, as in Decision 468', true);

-- Ministry of Science and Technology (appendix, items III.2, III.4, IV.1
-- and II.2.3).  Its targets are for all of the ministry's one-stop units.
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('BKHCN-468-2021', 'component_digitization_rate', 'all', 'all', 2021, 2021, 40, NULL,
	 'Thực hiện số hóa kết quả giải quyết TTHC còn hiệu lực ... đảm bảo đạt 40% vào năm 2021 và 100% vào năm 2022', NULL, true),
	('BKHCN-468-2021', 'component_digitization_rate', 'all', 'all', 2022, 2022, 100, NULL,
	 'Thực hiện số hóa kết quả giải quyết TTHC còn hiệu lực ... đảm bảo đạt 40% vào năm 2021 và 100% vào năm 2022', NULL, true),
	('BKHCN-468-2021', 'dossier_digitization_rate', 'all', 'all', 2023, 2025, NULL, 20,
	 'Tăng tỷ lệ số hóa, ký số và lưu trữ điện tử đối với hồ sơ, giấy tờ, kết quả giải quyết TTHC đã được giải quyết thành công trong mỗi năm tăng thêm 20% kể từ năm 2023',
	 'ONE-STOP.md §5 lists this in the component row, but it counts dossiers resolved successfully (digitized, signed and archived), which is dossier_digitization_rate; with valid results already at 100% in 2022 the component rate cannot rise 20 points.  Read as +20 percentage points a year over the previous year''s rate; digital signing and electronic archiving are not checked separately', true),
	('BKHCN-468-2021', 'not_reprovided_rate', 'all', 'all', 2022, 2022, 30, NULL,
	 'Giảm tỷ lệ người dân, doanh nghiệp cung cấp lại các thông tin, giấy tờ, tài liệu đã được chấp nhận ..., đạt tối thiểu 30% vào năm 2022',
	 'literally "reduce the rate of persons re-providing ..., reaching at least 30%"; read as at least 30% not re-providing, as in Decision 468', true),
	('BKHCN-468-2021', 'not_reprovided_rate', 'all', 'all', 2025, 2025, 80, NULL,
	 'Giảm tỷ lệ người dân, doanh nghiệp cung cấp lại các thông tin, giấy tờ, tài liệu đã được chấp nhận ..., đạt ... 80% vào năm 2025',
	 'read as at least 80% not re-providing by 2025; nothing is written for 2023-2024', true),
	('BKHCN-468-2021', 'online_rate', 'all', 'all', 2021, 2025, 50, NULL,
	 'Tỷ lệ người dân thực hiện TTHC trên môi trường điện tử đạt tối thiểu 50% so với tổng số hồ sơ tiếp nhận',
	 'the item''s deadline is "Hằng năm" (every year) with no year written; stored over the plan''s horizon 2021-2025', true),
	('BKHCN-468-2021', 'electronic_transfer_rate', 'all', 'all', 2023, 2025, 80, NULL,
	 'Tăng tỷ lệ luân chuyển hồ sơ giải quyết TTHC bằng phương thức điện tử đạt tối thiểu từ 80% (đối với hồ sơ luân chuyển trong nội bộ giữa các cơ quan ...)', NULL, true),
	('BKHCN-468-2021', 'avg_wait_minutes', 'all', 'all', 2022, 2022, 30, NULL,
	 'Giảm thời gian chờ đợi ... đảm bảo tối đa 30 phút/01 lượt giao dịch vào năm 2022', NULL, true),
	('BKHCN-468-2021', 'avg_wait_minutes', 'all', 'all', 2025, 2025, 15, NULL,
	 '... và còn 15 phút/01 lượt giao dịch vào năm 2025', 'nothing is written for 2023-2024', true),
	('BKHCN-468-2021', 'processing_time_cut_minutes', 'all', 'all', 2025, 2025, 30, NULL,
	 'Giảm thời gian tiếp nhận, xử lý hồ sơ tối thiểu 30 phút/01 hồ sơ vào năm 2025', NULL, true),
	('BKHCN-468-2021', 'dossiers_per_front_desk_staff', 'all', 'all', 2023, 2023, 2000, NULL,
	 'Tăng năng suất tiếp nhận hồ sơ trung bình của 01 nhân sự làm việc tại BPMC đạt tối thiểu 2.000 hồ sơ/năm vào năm 2023',
	 'stated for 2023 only ("vào năm 2023")', true),
	('BKHCN-468-2021', 'satisfaction_rate', 'all', 'all', 2025, 2025, 95, NULL,
	 'Tăng mức độ hài lòng của tổ chức, cá nhân ... đến năm 2025 đạt tối thiểu 95%', NULL, true);

-- Bến Tre, campaign of 01/12/2023-31/12/2023 (section IV).
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('BT-KH7386-2023', 'online_rate', 'all', 'all', 2023, 2023, 50, NULL,
	 'Tỷ lệ hồ sơ thủ tục hành chính được người dân, doanh nghiệp thực hiện trực tuyến đạt tối thiểu 50%',
	 'by the end of the campaign (31/12/2023); baseline 29% (the plan gives no period or counts)', true),
	('BT-KH7386-2023', 'online_payment_rate', 'all', 'all', 2023, 2023, 30, NULL,
	 'Tỷ lệ hồ sơ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công đạt tối thiểu 30%',
	 'by 31/12/2023; baseline 4.31% = 4,048 dossiers paid online of 93,990 dossiers with financial obligations, 01/01-01/11/2023; the target divides by payment transactions, the baseline (and motcua) by dossiers with non-zero fees', true),
	('BT-KH7386-2023', 'dossier_digitization_rate', 'all', 'all', 2023, 2023, 100, NULL,
	 'Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100%',
	 'by 31/12/2023; baseline 33.2% = 65,465 of 196,960 dossiers, 15/12/2022-14/9/2023 (province 52,463/101,110, district 13,004/95,850; the parts add to 65,467)', true);

-- Shipped rows are maintained by the extension's upgrade scripts; local
-- plans go into new rows (see motcua.protect_shipped_rows).
SELECT motcua.ship_table(t) FROM unnest('{motcua.kpi_indicator,motcua.plan,motcua.plan_target}'::regclass[]) t;


GRANT SELECT ON motcua.kpi_indicator, motcua.plan, motcua.plan_target
	TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;
GRANT INSERT, UPDATE, DELETE ON motcua.kpi_indicator, motcua.plan, motcua.plan_target TO motcua_admin;
-- Plan compliance and the reports units send upward (ONE-STOP.md §5),
-- and the refresh of the compliance snapshots.

-- kpi_value: the figure that measures a plan indicator, from a row of
-- motcua.kpi_core joined with motcua.kpi_front (as jsonb).
CREATE FUNCTION motcua.kpi_value(figures jsonb, indicator text) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT (figures ->> CASE indicator
		WHEN 'dossier_digitization_rate' THEN 'digitized_dossier_rate'
		WHEN 'dossiers_per_front_desk_staff' THEN 'received_per_front_desk_staff_year'
		WHEN 'processing_time_cut_minutes' THEN NULL
		ELSE indicator END)::numeric
$$;

-- Which jurisdictions a plan is measured in, besides the one it names: a
-- province that adopts a plan, or a shipped plan whose jurisdiction is not
-- in this database under that code.  Local data (dumped).
CREATE TABLE motcua.plan_scope (
	plan		text NOT NULL REFERENCES motcua.plan ON UPDATE CASCADE ON DELETE CASCADE,
	jurisdiction text NOT NULL REFERENCES motcua.jurisdiction ON UPDATE CASCADE ON DELETE CASCADE,
	PRIMARY KEY (plan, jurisdiction)
);
COMMENT ON TABLE motcua.plan_scope IS 'jurisdictions a plan is measured in, in addition to plan.jurisdiction';
SELECT pg_catalog.pg_extension_config_dump('motcua.plan_scope', '');
GRANT SELECT ON motcua.plan_scope TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;
GRANT INSERT, UPDATE, DELETE ON motcua.plan_scope TO motcua_admin;

CREATE TABLE motcua.plan_compliance_snapshot (
	plan		text NOT NULL,
	indicator	text NOT NULL,
	tier		text NOT NULL,
	area_class	text NOT NULL,
	unit		motcua.unit_id NOT NULL,
	year		integer NOT NULL,
	actual		numeric,
	target		numeric,
	met			boolean,
	gap			numeric,
	reason		text,
	as_of		timestamptz NOT NULL,
	PRIMARY KEY (plan, indicator, tier, area_class, unit, year)
);
COMMENT ON TABLE motcua.plan_compliance_snapshot IS 'each plan target measured at each unit it applies to, per year, as of the last refresh_kpis()';

-- compute_plan_compliance measures every loaded plan's targets for one
-- year, in the plan's jurisdiction and those of motcua.plan_scope.  A
-- target applies to the receiving units of its tier (tier names
-- are matched with motcua.tier.name_en), or to the root of the plan's
-- jurisdiction for tier 'all'; area_class narrows it further.  A
-- "+N points a year" target is last year's figure plus N.
CREATE FUNCTION motcua.compute_plan_compliance(year integer, units motcua.unit_id[] DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	n bigint;
	stamp timestamptz := clock_timestamp();
	y_start date := make_date(compute_plan_compliance.year, 1, 1);
BEGIN
	DELETE FROM motcua.plan_compliance_snapshot s
	WHERE s.year = compute_plan_compliance.year
	  AND (compute_plan_compliance.units IS NULL OR s.unit OPERATOR(motcua.=) ANY (compute_plan_compliance.units));
	IF NOT EXISTS (SELECT 1 FROM motcua.plan_target t
				   WHERE compute_plan_compliance.year BETWEEN t.year_from AND t.year_to) THEN
		RETURN 0;	-- no loaded plan sets a target for this year
	END IF;
	INSERT INTO motcua.plan_compliance_snapshot
	-- the figures of the year (and the one before, for "+N a year"
	-- targets) of every unit some plan measures, computed once per unit
	-- (with a list of units: those, and any unit the year has no rows for
	-- yet, so that every unit a plan applies to has its rows)
	WITH measured AS (
		SELECT DISTINCT u.id FROM motcua.plan p
		JOIN motcua.unit u ON u.jurisdiction = p.jurisdiction
			 OR u.jurisdiction IN (SELECT ps.jurisdiction FROM motcua.plan_scope ps WHERE ps.plan = p.code)
		WHERE compute_plan_compliance.units IS NULL OR u.id OPERATOR(motcua.=) ANY (compute_plan_compliance.units)
		   OR NOT EXISTS (SELECT 1 FROM motcua.plan_compliance_snapshot s
						  WHERE s.unit OPERATOR(motcua.=) u.id AND s.year = compute_plan_compliance.year)),
	figures AS MATERIALIZED (
		SELECT g.unit, extract(year FROM g.period_start)::int AS year,
			   to_jsonb(g) || to_jsonb(fr) || jsonb_build_object('received_per_front_desk_staff_year',
					motcua.per_staff_year(g.received, g.period_kind, g.period_start, fr.front_desk_staff)) AS f
		FROM measured JOIN motcua.kpi_core g ON g.unit OPERATOR(motcua.=) measured.id
		CROSS JOIN LATERAL motcua.kpi_front(g.unit, g.period_kind, g.period_start) fr
		WHERE g.period_kind = 'y'
		  AND g.period_start IN (y_start, (y_start - interval '1 year')::date))
	SELECT t.plan, t.indicator, t.tier, t.area_class, u.id, compute_plan_compliance.year,
		   a.actual, x.target,
		   CASE WHEN a.actual IS NULL OR x.target IS NULL THEN NULL
				WHEN i.direction = 'at_least' THEN a.actual >= x.target ELSE a.actual <= x.target END,
		   a.actual - x.target,
		   CASE WHEN t.indicator = 'processing_time_cut_minutes' THEN 'needs a recorded baseline of processing minutes'
				WHEN x.target IS NULL THEN coalesce(t.note, 'the plan states no number')
				WHEN a.actual IS NULL THEN 'no activity to measure in the year' END,
		   stamp
	FROM motcua.plan_target t
	JOIN motcua.plan p ON p.code = t.plan
	JOIN motcua.kpi_indicator i ON i.code = t.indicator
	JOIN motcua.unit u ON u.jurisdiction = p.jurisdiction
		 OR u.jurisdiction IN (SELECT ps.jurisdiction FROM motcua.plan_scope ps WHERE ps.plan = p.code)
	LEFT JOIN motcua.tier tr ON tr.jurisdiction = u.jurisdiction AND tr.level = u.tier
	LEFT JOIN figures fy ON fy.unit OPERATOR(motcua.=) u.id AND fy.year = compute_plan_compliance.year
	LEFT JOIN figures fp ON fp.unit OPERATOR(motcua.=) u.id AND fp.year = compute_plan_compliance.year - 1
	CROSS JOIN LATERAL (SELECT motcua.kpi_value(fy.f, t.indicator) AS actual) a
	CROSS JOIN LATERAL (
		SELECT coalesce(t.target, motcua.kpi_value(fp.f, t.indicator) + t.increase_per_year) AS target) x
	WHERE compute_plan_compliance.year BETWEEN t.year_from AND t.year_to
	  AND u.id OPERATOR(motcua.=) ANY (ARRAY(SELECT m.id FROM measured m))
	  AND CASE WHEN t.tier = 'all' THEN u.parent IS NULL
			   ELSE u.receives_dossiers AND tr.name_en = t.tier END
	  AND (t.area_class = 'all' OR t.area_class = u.area_class);
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;
REVOKE ALL ON FUNCTION motcua.compute_plan_compliance(integer, motcua.unit_id[]) FROM PUBLIC;

CREATE VIEW motcua.plan_compliance AS
SELECT s.plan, p.name AS plan_name, s.indicator, i.name AS indicator_name, i.direction,
	   s.tier, s.area_class, s.unit, u.name AS unit_name, s.year AS period, s.actual, s.target, s.met, s.gap,
	   s.reason, s.as_of
FROM motcua.plan_compliance_snapshot s
JOIN motcua.plan p ON p.code = s.plan
JOIN motcua.kpi_indicator i ON i.code = s.indicator
JOIN motcua.unit u ON u.id OPERATOR(motcua.=) s.unit;
COMMENT ON VIEW motcua.plan_compliance IS
	'each loaded plan''s targets against the measured figures, per unit and year: actual, target, met, gap';

-- refresh_snapshots recomputes the Decision 766 and plan compliance
-- snapshots of the given periods (kinds[i], starts[i]: months, quarters
-- and years, each starting on its first day), for every unit or the given
-- ones.  refresh_kpis() calls it for the periods whose sums changed and the
-- units whose subtree they belong to; an administrator, after editing the
-- procedure catalogue or the plans (which queue nothing).
CREATE FUNCTION motcua.refresh_snapshots(kinds "char"[], starts date[], units motcua.unit_id[] DEFAULT NULL)
	RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p record;
BEGIN
	IF cardinality(kinds) IS DISTINCT FROM cardinality(starts) THEN
		RAISE EXCEPTION 'kinds and starts must have the same length' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT u.kind, u.start INTO p FROM unnest(kinds, starts) u(kind, start)
	WHERE u.kind IS NOT NULL
	  AND (u.kind NOT IN ('m', 'q', 'y') OR u.start IS NULL
		   OR u.start <> date_trunc(CASE u.kind WHEN 'm' THEN 'month' WHEN 'q' THEN 'quarter' ELSE 'year' END,
									u.start)::date)
	LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'no snapshot period "%" starting %', p.kind, p.start
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Snapshots are kept for months (m), quarters (q) and years (y), from their first day.';
	END IF;
	FOR p IN SELECT DISTINCT u.kind, u.start FROM unnest(kinds, starts) u(kind, start) WHERE u.kind IS NOT NULL LOOP
		PERFORM motcua.compute_index_766(p.kind, p.start, units);
		IF p.kind = 'y' THEN
			PERFORM motcua.compute_plan_compliance(extract(year FROM p.start)::int, units);
		END IF;
	END LOOP;
END
$$;
REVOKE ALL ON FUNCTION motcua.refresh_snapshots("char"[], date[], motcua.unit_id[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.refresh_snapshots("char"[], date[], motcua.unit_id[]) TO motcua_admin;

-- report_weekly and report_quarterly: the rows a unit sends upward, one per
-- unit directly under it (with their own subtrees aggregated: communes
-- into districts) and a total row for the unit itself.  The overdue
-- figure is read for every unit, with or without activity in the period.
CREATE TYPE motcua.report_row AS (
	unit motcua.unit_id, unit_name text, is_total boolean, received numeric, received_online numeric,
	online_rate numeric, finished numeric, early numeric, on_time numeric, late numeric, on_time_rate numeric,
	in_progress_overdue bigint, digitized_dossier_rate numeric, digitized_result_rate numeric,
	not_reprovided_rate numeric, online_payment_rate numeric, avg_wait_minutes numeric, satisfaction_rate numeric);
CREATE FUNCTION motcua.report_period(unit motcua.unit_id, kind "char", start date)
	RETURNS SETOF motcua.report_row
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT uc.descendant, u.name, uc.depth = 0,
		   coalesce(k.received, 0)::numeric, coalesce(k.received_online, 0), k.online_rate, coalesce(k.finished, 0),
		   coalesce(k.early, 0), coalesce(k.on_time, 0), coalesce(k.late, 0), k.on_time_rate,
		   motcua.kpi_overdue(uc.descendant, report_period.kind, report_period.start), k.digitized_dossier_rate, k.digitized_result_rate,
		   k.not_reprovided_rate, k.online_payment_rate, k.avg_wait_minutes, k.satisfaction_rate
	FROM motcua.unit_closure uc
	JOIN motcua.unit u ON u.id OPERATOR(motcua.=) uc.descendant
	LEFT JOIN motcua.kpi k ON k.unit OPERATOR(motcua.=) uc.descendant AND k.period_kind = report_period.kind
		 AND k.period_start = report_period.start
	WHERE uc.ancestor OPERATOR(motcua.=) report_period.unit AND uc.depth <= 1
	ORDER BY uc.depth DESC, uc.descendant
$$;

CREATE FUNCTION motcua.report_weekly(unit motcua.unit_id, week_start date)
	RETURNS SETOF motcua.report_row
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF extract(isodow FROM week_start) <> 1 THEN
		RAISE EXCEPTION 'week_start % is not a Monday', week_start
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Reporting weeks are ISO weeks, Monday to Sunday.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM motcua.unit u WHERE u.id OPERATOR(motcua.=) report_weekly.unit) THEN
		RAISE EXCEPTION 'unit % does not exist', unit USING ERRCODE = 'undefined_object';
	END IF;
	RETURN QUERY SELECT * FROM motcua.report_period(unit, 'w', week_start);
END
$$;

CREATE FUNCTION motcua.report_quarterly(unit motcua.unit_id, year integer, quarter integer)
	RETURNS SETOF motcua.report_row
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF quarter NOT BETWEEN 1 AND 4 THEN
		RAISE EXCEPTION 'quarter % is not 1 to 4', quarter USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF year NOT BETWEEN 2000 AND 2100 THEN
		RAISE EXCEPTION 'year % is outside 2000 to 2100', year USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM motcua.unit u WHERE u.id OPERATOR(motcua.=) report_quarterly.unit) THEN
		RAISE EXCEPTION 'unit % does not exist', unit USING ERRCODE = 'undefined_object';
	END IF;
	RETURN QUERY SELECT * FROM motcua.report_period(unit, 'q', make_date(year, 3 * quarter - 2, 1));
END
$$;

GRANT SELECT ON motcua.plan_compliance, motcua.plan_compliance_snapshot TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;
GRANT EXECUTE ON FUNCTION motcua.report_weekly(motcua.unit_id, date), motcua.report_quarterly(motcua.unit_id, integer, integer)
	TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;
-- Sample reference data (ONE-STOP.md §3, §7): fields, document types, three
-- jurisdictions with their tiers and unit trees, and about fifty procedures
-- with their dossier components, modelled on the national catalogue's
-- most-used procedures.  load_sample_data() is idempotent: every insert is
-- ON CONFLICT DO NOTHING, so a second call inserts nothing and a DBA's own
-- rows are never overwritten.
--
-- Codes: only the procedure codes marked code_is_sample = false are believed
-- to be real national catalogue codes (1.001193 khai sinh, 1.000894 kết hôn).
-- Every other procedure code is an invented sample in the range 9.900001 to 9.999999, or
-- the sample local-suffix code 1.001612.000.00.00.H22.  Unit electronic IDs
-- below level 1 are invented too.  Province codes 22 and 79 and the district
-- codes 193 (Hạ Long), 196 (Uông Bí) and 202 (Ba Chẽ) follow the national
-- list; all 5-digit commune/ward codes are plausible but invented.
CREATE FUNCTION motcua.load_sample_data() RETURNS TABLE(item text, rows bigint)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	n_field		bigint := 0;
	n_doctype	bigint := 0;
	n_jur		bigint := 0;
	n_tier		bigint := 0;
	n_unit		bigint := 0;
	n_proc		bigint := 0;
	n_comp		bigint := 0;
	n			bigint;
BEGIN
	-- Fields [lĩnh vực].  Location-independent by default (nộp hồ sơ không
	-- phụ thuộc địa giới hành chính): hộ tịch, cư trú, xuất nhập cảnh,
	-- bảo hiểm xã hội, thuế.
	INSERT INTO motcua.field (code, name, location_independent_default) VALUES
		('ho_tich', 'Hộ tịch', true),
		('chung_thuc', 'Chứng thực', false),
		('cu_tru', 'Đăng ký, quản lý cư trú', true),
		('xuat_nhap_canh', 'Quản lý xuất nhập cảnh', true),
		('dang_ky_doanh_nghiep', 'Thành lập và hoạt động của doanh nghiệp', false),
		('ho_kinh_doanh', 'Thành lập và hoạt động của hộ kinh doanh', false),
		('dat_dai', 'Đất đai', false),
		('xay_dung', 'Hoạt động xây dựng', false),
		('duong_bo', 'Đường bộ', false),
		('bao_hiem_xa_hoi', 'Bảo hiểm xã hội', true),
		('viec_lam', 'Việc làm', false),
		('lao_dong', 'Lao động', false),
		('thue', 'Thuế', true),
		('ly_lich_tu_phap', 'Lý lịch tư pháp', false),
		('van_bang', 'Văn bằng, chứng chỉ', false),
		('kham_chua_benh', 'Khám bệnh, chữa bệnh', false),
		('hoat_dong_khcn', 'Hoạt động khoa học và công nghệ', false),
		('so_huu_tri_tue', 'Sở hữu trí tuệ', false),
		('an_toan_buc_xa', 'An toàn bức xạ và hạt nhân', false),
		('ngoai_vu', 'Ngoại vụ', false)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_field := n;

	-- Document types.  is_result: the document is the result of some
	-- procedure (whether or not that procedure is in this sample); forms
	-- (category 'form') are filled in anew for every dossier.
	INSERT INTO motcua.document_type (code, name, category, is_result, validity, national_database)
	SELECT v.code, v.name, v.category, v.is_result, v.validity::interval, v.ndb
	FROM (VALUES
		-- identity and civil status
		('CCCD', 'Thẻ căn cước công dân / Thẻ căn cước', 'identity', true, NULL, 'population'),
		('HO_CHIEU', 'Hộ chiếu phổ thông', 'identity', true, '10 years', NULL),
		('ANH_THE', 'Ảnh chân dung (ảnh thẻ)', 'identity', false, '6 months', NULL),
		('GIAY_KHAI_SINH', 'Giấy khai sinh', 'civil_status', true, NULL, 'civil_status'),
		('GIAY_CN_KET_HON', 'Giấy chứng nhận kết hôn', 'civil_status', true, NULL, 'civil_status'),
		('TRICH_LUC_KHAI_TU', 'Trích lục khai tử', 'civil_status', true, NULL, 'civil_status'),
		('TRICH_LUC_HO_TICH', 'Trích lục hộ tịch (bản sao trích lục, trích lục thay đổi, cải chính)', 'civil_status', true, NULL, 'civil_status'),
		('XAC_NHAN_TINH_TRANG_HON_NHAN', 'Giấy xác nhận tình trạng hôn nhân', 'civil_status', true, '6 months', 'civil_status'),
		('GIAY_CHUNG_SINH', 'Giấy chứng sinh', 'health', false, NULL, NULL),
		('GIAY_BAO_TU', 'Giấy báo tử hoặc giấy tờ thay thế giấy báo tử', 'health', false, NULL, NULL),
		-- residence
		('GIAY_TO_CHO_O_HOP_PHAP', 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp', 'residence', false, NULL, NULL),
		('XAC_NHAN_CU_TRU', 'Giấy xác nhận thông tin về cư trú', 'residence', true, '6 months', 'population'),
		-- business, tax
		('GIAY_CN_DKDN', 'Giấy chứng nhận đăng ký doanh nghiệp', 'business', true, NULL, 'business_registration'),
		('GIAY_CN_DK_HKD', 'Giấy chứng nhận đăng ký hộ kinh doanh', 'business', true, NULL, NULL),
		('DIEU_LE_CONG_TY', 'Điều lệ công ty', 'business', false, NULL, NULL),
		('DANH_SACH_THANH_VIEN', 'Danh sách thành viên công ty trách nhiệm hữu hạn', 'business', false, NULL, NULL),
		('DANH_SACH_CO_DONG', 'Danh sách cổ đông sáng lập', 'business', false, NULL, NULL),
		('NGHI_QUYET_THAY_DOI_DN', 'Nghị quyết, quyết định về việc thay đổi nội dung đăng ký doanh nghiệp', 'business', false, NULL, NULL),
		('THONG_BAO_MA_SO_THUE', 'Thông báo mã số thuế', 'tax', true, NULL, 'tax'),
		-- land, construction, transport
		('GIAY_CN_QSDD', 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'land', true, NULL, 'land'),
		('HOP_DONG_CHUYEN_NHUONG_QSDD', 'Hợp đồng chuyển nhượng quyền sử dụng đất (đã công chứng, chứng thực)', 'land', false, NULL, NULL),
		('VAN_BAN_THUA_KE', 'Văn bản khai nhận, thỏa thuận phân chia di sản thừa kế', 'justice', false, NULL, NULL),
		('GIAY_TO_NGUON_GOC_DAT', 'Giấy tờ về quyền sử dụng đất, nguồn gốc đất', 'land', false, NULL, NULL),
		('BAN_VE_THIET_KE', 'Bản vẽ thiết kế xây dựng', 'construction', false, NULL, NULL),
		('GIAY_PHEP_XAY_DUNG', 'Giấy phép xây dựng', 'construction', true, '12 months', NULL),
		('GIAY_PHEP_LAI_XE', 'Giấy phép lái xe', 'transport', true, NULL, NULL),
		('GIAY_PHEP_LAI_XE_QUOC_TE', 'Giấy phép lái xe quốc tế', 'transport', true, '3 years', NULL),
		-- insurance, labour, health
		('SO_BHXH', 'Sổ bảo hiểm xã hội', 'insurance', true, NULL, 'social_insurance'),
		('QUYET_DINH_HUONG_BHXH', 'Quyết định hưởng bảo hiểm xã hội một lần', 'insurance', true, NULL, 'social_insurance'),
		('QUYET_DINH_THOI_VIEC', 'Quyết định thôi việc hoặc giấy tờ chứng minh chấm dứt hợp đồng lao động', 'labour', false, NULL, NULL),
		('QUYET_DINH_TRO_CAP_THAT_NGHIEP', 'Quyết định hưởng trợ cấp thất nghiệp', 'labour', true, NULL, NULL),
		('GIAY_PHEP_LAO_DONG', 'Giấy phép lao động cho người lao động nước ngoài', 'labour', true, '2 years', NULL),
		('VAN_BAN_CHAP_THUAN_NHU_CAU_LD', 'Văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài', 'labour', true, NULL, NULL),
		('GIAY_KHAM_SUC_KHOE', 'Giấy khám sức khỏe', 'health', false, '6 months', NULL),
		('CHUNG_CHI_HANH_NGHE_KCB', 'Chứng chỉ hành nghề (giấy phép hành nghề) khám bệnh, chữa bệnh', 'health', true, NULL, NULL),
		('XAC_NHAN_THUC_HANH_KCB', 'Giấy xác nhận hoàn thành quá trình thực hành khám bệnh, chữa bệnh', 'health', false, NULL, NULL),
		-- justice, education
		('PHIEU_LY_LICH_TU_PHAP', 'Phiếu lý lịch tư pháp', 'justice', true, '6 months', NULL),
		('BAN_SAO_CHUNG_THUC', 'Bản sao được chứng thực từ bản chính', 'justice', true, NULL, NULL),
		('BAN_CHINH_GIAY_TO', 'Bản chính giấy tờ, văn bản cần chứng thực', 'other', false, NULL, NULL),
		('VAN_BAN_CHUNG_THUC_CHU_KY', 'Giấy tờ, văn bản cần chứng thực chữ ký', 'other', false, NULL, NULL),
		('HOP_DONG_GIAO_DICH', 'Dự thảo hợp đồng, giao dịch', 'other', false, NULL, NULL),
		('VAN_BANG', 'Văn bằng, chứng chỉ giáo dục', 'education', true, NULL, NULL),
		('BAN_SAO_VAN_BANG', 'Bản sao văn bằng, chứng chỉ từ sổ gốc', 'education', true, NULL, NULL),
		-- science and technology, foreign affairs
		('BAO_CAO_KET_QUA_KHCN', 'Báo cáo tổng hợp kết quả thực hiện nhiệm vụ khoa học và công nghệ', 'other', false, NULL, NULL),
		('GIAY_CN_DK_KET_QUA_KHCN', 'Giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ', 'other', true, NULL, NULL),
		('GIAY_PHEP_BUC_XA', 'Giấy phép tiến hành công việc bức xạ', 'other', true, '3 years', NULL),
		('BAO_CAO_DANH_GIA_AN_TOAN', 'Báo cáo đánh giá an toàn bức xạ', 'other', false, NULL, NULL),
		('CHUNG_CHI_NHAN_VIEN_BUC_XA', 'Chứng chỉ nhân viên bức xạ', 'other', true, NULL, NULL),
		('MAU_NHAN_HIEU', 'Mẫu nhãn hiệu và danh mục hàng hóa, dịch vụ', 'other', false, NULL, NULL),
		('GIAY_CN_DK_NHAN_HIEU', 'Giấy chứng nhận đăng ký nhãn hiệu', 'other', true, '10 years', NULL),
		('BAN_MO_TA_SANG_CHE', 'Bản mô tả sáng chế và yêu cầu bảo hộ', 'other', false, NULL, NULL),
		('BANG_DOC_QUYEN_SANG_CHE', 'Bằng độc quyền sáng chế', 'other', true, '20 years', NULL),
		('CHUNG_TU_NOP_PHI', 'Chứng từ nộp phí, lệ phí', 'other', false, NULL, NULL),
		('DE_AN_HOI_NGHI', 'Đề án tổ chức hội nghị, hội thảo quốc tế', 'other', false, NULL, NULL),
		('VAN_BAN_CHO_PHEP_HOI_NGHI', 'Văn bản cho phép tổ chức hội nghị, hội thảo quốc tế', 'other', true, NULL, NULL),
		('GIAY_UY_QUYEN', 'Văn bản ủy quyền', 'other', false, NULL, NULL),
		-- forms and declarations: filled in for each dossier, never reused
		('TO_KHAI_KHAI_SINH', 'Tờ khai đăng ký khai sinh', 'form', false, NULL, NULL),
		('TO_KHAI_KET_HON', 'Tờ khai đăng ký kết hôn', 'form', false, NULL, NULL),
		('TO_KHAI_KHAI_TU', 'Tờ khai đăng ký khai tử', 'form', false, NULL, NULL),
		('TO_KHAI_XAC_NHAN_TTHN', 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', 'form', false, NULL, NULL),
		('TO_KHAI_HO_TICH', 'Tờ khai yêu cầu cấp bản sao trích lục, thay đổi, cải chính hộ tịch', 'form', false, NULL, NULL),
		('TO_KHAI_THAY_DOI_CU_TRU', 'Tờ khai thay đổi thông tin cư trú (mẫu CT01)', 'form', false, NULL, NULL),
		('TO_KHAI_HO_CHIEU', 'Tờ khai đề nghị cấp hộ chiếu phổ thông (mẫu TK01)', 'form', false, NULL, NULL),
		('GIAY_DE_NGHI_DKDN', 'Giấy đề nghị đăng ký doanh nghiệp', 'form', false, NULL, NULL),
		('THONG_BAO_THAY_DOI_DKDN', 'Thông báo thay đổi nội dung đăng ký doanh nghiệp', 'form', false, NULL, NULL),
		('GIAY_DE_NGHI_DK_HKD', 'Giấy đề nghị đăng ký hộ kinh doanh', 'form', false, NULL, NULL),
		('DON_DANG_KY_DAT_DAI', 'Đơn đăng ký đất đai, tài sản gắn liền với đất (mẫu 04/ĐK)', 'form', false, NULL, NULL),
		('DON_DANG_KY_BIEN_DONG', 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất', 'form', false, NULL, NULL),
		('DON_DE_NGHI_CAP_GPXD', 'Đơn đề nghị cấp giấy phép xây dựng', 'form', false, NULL, NULL),
		('DON_DE_NGHI_GPLX', 'Đơn đề nghị đổi, cấp lại giấy phép lái xe', 'form', false, NULL, NULL),
		('TO_KHAI_LY_LICH_TU_PHAP', 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 'form', false, NULL, NULL),
		('TO_KHAI_DANG_KY_THUE', 'Tờ khai đăng ký thuế', 'form', false, NULL, NULL),
		('TO_KHAI_BHXH', 'Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế (mẫu TK1-TS)', 'form', false, NULL, NULL),
		('DON_DE_NGHI_HUONG_BHXH', 'Đơn đề nghị hưởng bảo hiểm xã hội một lần', 'form', false, NULL, NULL),
		('DE_NGHI_TRO_CAP_THAT_NGHIEP', 'Đề nghị hưởng trợ cấp thất nghiệp', 'form', false, NULL, NULL),
		('VAN_BAN_DE_NGHI_GPLD', 'Văn bản đề nghị cấp giấy phép lao động', 'form', false, NULL, NULL),
		('DON_DE_NGHI_CCHN', 'Đơn đề nghị cấp chứng chỉ hành nghề khám bệnh, chữa bệnh', 'form', false, NULL, NULL),
		('DE_NGHI_CAP_BAN_SAO_VB', 'Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc', 'form', false, NULL, NULL),
		('PHIEU_YEU_CAU_CHUNG_THUC', 'Phiếu yêu cầu chứng thực hợp đồng, giao dịch', 'form', false, NULL, NULL),
		('TO_KHAI_DANG_KY_NHAN_HIEU', 'Tờ khai đăng ký nhãn hiệu', 'form', false, NULL, NULL),
		('TO_KHAI_DANG_KY_SANG_CHE', 'Tờ khai đăng ký sáng chế', 'form', false, NULL, NULL),
		('DON_DE_NGHI_GP_BUC_XA', 'Đơn đề nghị cấp giấy phép tiến hành công việc bức xạ', 'form', false, NULL, NULL),
		('PHIEU_DANG_KY_KET_QUA_KHCN', 'Phiếu đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ', 'form', false, NULL, NULL),
		('VAN_BAN_DE_NGHI_HOI_NGHI', 'Văn bản đề nghị cho phép tổ chức hội nghị, hội thảo quốc tế', 'form', false, NULL, NULL)
	) AS v(code, name, category, is_result, validity, ndb)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_doctype := n;

	-- Jurisdictions and their tiers.  H22 is a pre-2025 three-tier province,
	-- H79 a merged post-2025 two-tier province, G17 a ministry.
	INSERT INTO motcua.jurisdiction (code, name, kind, admin_code, valid_from, valid_to, note) VALUES
		('H22', 'Tỉnh Quảng Ninh', 'province', '22', NULL, '2025-07-01',
		 'Dữ liệu mẫu: cơ cấu ba cấp (tỉnh, huyện, xã) trước ngày 01/7/2025'),
		('H79', 'Thành phố Hồ Chí Minh', 'province', '79', '2025-07-01', NULL,
		 'Dữ liệu mẫu: cơ cấu hai cấp (tỉnh, xã) sau sắp xếp đơn vị hành chính năm 2025'),
		('G17', 'Bộ Khoa học và Công nghệ', 'ministry', NULL, NULL, NULL,
		 'Dữ liệu mẫu: bộ, cục/vụ/viện, phòng/trung tâm')
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_jur := n;

	INSERT INTO motcua.tier (jurisdiction, level, name, name_en) VALUES
		('H22', 1, 'Cấp tỉnh', 'province'),
		('H22', 2, 'Cấp huyện', 'district'),
		('H22', 3, 'Cấp xã', 'commune'),
		('H79', 1, 'Cấp tỉnh', 'province'),
		('H79', 2, 'Cấp xã', 'commune'),
		('G17', 1, 'Cấp bộ', 'ministry'),
		('G17', 2, 'Cấp cục, vụ, viện', 'department'),
		('G17', 3, 'Cấp phòng, trung tâm', 'division')
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_tier := n;

	-- Units, inserted level by level so that every parent exists (and is
	-- visible to the unit_tree trigger) before its children.  IDs below
	-- level 1 are invented samples.  Commune/ward codes (5 digits) are
	-- plausible but INVENTED: 06646, 06649, 06661 (Hạ Long), 06793, 06796
	-- (Uông Bí), 06940, 06946 (Ba Chẽ), 26734, 26740, 26743, 27673 (HCM).
	-- Roots.
	INSERT INTO motcua.unit (id, name, jurisdiction, tier, parent, kind, admin_unit_code,
							 staff_count, front_desk_staff, area_class, receives_dossiers,
							 address, latitude, longitude)
	SELECT v.id::motcua.unit_id, v.name, v.jur, v.tier::smallint, v.parent::motcua.unit_id, v.kind,
		   v.auc, v.staff, v.desk, v.area, v.recv, v.address, v.lat::numeric, v.lon::numeric
	FROM (VALUES
		('000.00.00.H22', 'Ủy ban nhân dân tỉnh Quảng Ninh', 'H22', 1, NULL, 'authority', '22',
		 0, 0, 'center', false, 'Trụ sở Liên cơ quan số 3, phường Hồng Hà, thành phố Hạ Long, tỉnh Quảng Ninh', 20.948600, 107.112200),
		('000.00.00.H79', 'Ủy ban nhân dân Thành phố Hồ Chí Minh', 'H79', 1, NULL, 'authority', '79',
		 0, 0, 'center', false, '86 Lê Thánh Tôn, phường Sài Gòn, Thành phố Hồ Chí Minh', 10.776400, 106.700900),
		('000.00.00.G17', 'Bộ Khoa học và Công nghệ', 'G17', 1, NULL, 'authority', NULL,
		 0, 0, 'center', false, '113 Trần Duy Hưng, Hà Nội', 21.011700, 105.799700)
	) AS v(id, name, jur, tier, parent, kind, auc, staff, desk, area, recv, address, lat, lon)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_unit := n;

	-- Children of the roots: service centers, departments, district
	-- People's Committees (H22), wards and communes (H79), the ministry's
	-- one-stop unit and departments (G17).
	INSERT INTO motcua.unit (id, name, jurisdiction, tier, parent, kind, admin_unit_code,
							 staff_count, front_desk_staff, area_class, receives_dossiers,
							 address, latitude, longitude)
	SELECT v.id::motcua.unit_id, v.name, v.jur, v.tier::smallint, v.parent::motcua.unit_id, v.kind,
		   v.auc, v.staff, v.desk, v.area, v.recv, v.address, v.lat::numeric, v.lon::numeric
	FROM (VALUES
		('000.00.01.H22', 'Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'service_center', NULL,
		 80, 60, 'center', true, 'Tầng 1, Trụ sở Liên cơ quan số 3, phường Hồng Hà, thành phố Hạ Long, tỉnh Quảng Ninh', 20.949200, 107.112800),
		('000.00.02.H22', 'Sở Tư pháp tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.03.H22', 'Sở Kế hoạch và Đầu tư tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.04.H22', 'Sở Tài nguyên và Môi trường tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.05.H22', 'Sở Xây dựng tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.06.H22', 'Sở Giao thông vận tải tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.10.H22', 'Ủy ban nhân dân thành phố Hạ Long', 'H22', 2, '000.00.00.H22', 'authority', '193',
		 0, 0, 'city_town', false, 'Phường Hồng Gai, thành phố Hạ Long, tỉnh Quảng Ninh', 20.952000, 107.080000),
		('000.00.11.H22', 'Ủy ban nhân dân thành phố Uông Bí', 'H22', 2, '000.00.00.H22', 'authority', '196',
		 0, 0, 'city_town', false, 'Phường Quang Trung, thành phố Uông Bí, tỉnh Quảng Ninh', 21.036000, 106.773000),
		('000.00.12.H22', 'Ủy ban nhân dân huyện Ba Chẽ', 'H22', 2, '000.00.00.H22', 'authority', '202',
		 0, 0, 'remote', false, 'Thị trấn Ba Chẽ, huyện Ba Chẽ, tỉnh Quảng Ninh', 21.270000, 107.286000),
		('000.00.01.H79', 'Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh', 'H79', 1, '000.00.00.H79', 'service_center', NULL,
		 120, 90, 'center', true, 'Phường Sài Gòn, Thành phố Hồ Chí Minh (địa chỉ mẫu)', 10.778000, 106.701500),
		('000.00.02.H79', 'Sở Tư pháp Thành phố Hồ Chí Minh', 'H79', 1, '000.00.00.H79', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.03.H79', 'Sở Tài chính Thành phố Hồ Chí Minh', 'H79', 1, '000.00.00.H79', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.04.H79', 'Sở Xây dựng Thành phố Hồ Chí Minh', 'H79', 1, '000.00.00.H79', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.31.H79', 'Ủy ban nhân dân phường Sài Gòn', 'H79', 2, '000.00.00.H79', 'authority', '26740',
		 40, 12, 'city_town', true, 'Phường Sài Gòn, Thành phố Hồ Chí Minh (địa chỉ mẫu)', 10.775000, 106.703000),
		('000.00.32.H79', 'Ủy ban nhân dân phường Bến Thành', 'H79', 2, '000.00.00.H79', 'authority', '26743',
		 38, 12, 'city_town', true, 'Phường Bến Thành, Thành phố Hồ Chí Minh (địa chỉ mẫu)', 10.772500, 106.698000),
		('000.00.33.H79', 'Ủy ban nhân dân phường Tân Định', 'H79', 2, '000.00.00.H79', 'authority', '26734',
		 35, 10, 'city_town', true, 'Phường Tân Định, Thành phố Hồ Chí Minh (địa chỉ mẫu)', 10.790000, 106.690000),
		('000.00.34.H79', 'Ủy ban nhân dân xã Cần Giờ', 'H79', 2, '000.00.00.H79', 'authority', '27673',
		 25, 6, 'other', true, 'Xã Cần Giờ, Thành phố Hồ Chí Minh (địa chỉ mẫu)', 10.411000, 106.953000),
		('000.00.01.G17', 'Bộ phận Một cửa Bộ Khoa học và Công nghệ', 'G17', 1, '000.00.00.G17', 'one_stop', NULL,
		 12, 6, 'center', true, '113 Trần Duy Hưng, Hà Nội', 21.011700, 105.799700),
		('000.00.02.G17', 'Cục Sở hữu trí tuệ', 'G17', 2, '000.00.00.G17', 'department', NULL,
		 0, 0, 'center', false, '384-386 Nguyễn Trãi, Hà Nội', 20.993000, 105.807000),
		('000.00.03.G17', 'Cục Năng lượng nguyên tử', 'G17', 2, '000.00.00.G17', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.04.G17', 'Ủy ban Tiêu chuẩn Đo lường Chất lượng quốc gia', 'G17', 2, '000.00.00.G17', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.05.G17', 'Cục An toàn bức xạ và hạt nhân', 'G17', 2, '000.00.00.G17', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.06.G17', 'Văn phòng Bộ Khoa học và Công nghệ', 'G17', 2, '000.00.00.G17', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL)
	) AS v(id, name, jur, tier, parent, kind, auc, staff, desk, area, recv, address, lat, lon)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_unit := n_unit + n;

	-- Grandchildren: district one-stop centers and communes/wards (H22),
	-- divisions of the Intellectual Property Office (G17).
	INSERT INTO motcua.unit (id, name, jurisdiction, tier, parent, kind, admin_unit_code,
							 staff_count, front_desk_staff, area_class, receives_dossiers,
							 address, latitude, longitude)
	SELECT v.id::motcua.unit_id, v.name, v.jur, v.tier::smallint, v.parent::motcua.unit_id, v.kind,
		   v.auc, v.staff, v.desk, v.area, v.recv, v.address, v.lat::numeric, v.lon::numeric
	FROM (VALUES
		('000.01.10.H22', 'Trung tâm Hành chính công thành phố Hạ Long', 'H22', 2, '000.00.10.H22', 'one_stop', NULL,
		 35, 25, 'city_town', true, 'Phường Hồng Gai, thành phố Hạ Long, tỉnh Quảng Ninh', 20.951500, 107.081000),
		('000.11.10.H22', 'Ủy ban nhân dân phường Hồng Gai', 'H22', 3, '000.00.10.H22', 'authority', '06646',
		 14, 5, 'city_town', true, 'Phường Hồng Gai, thành phố Hạ Long, tỉnh Quảng Ninh', 20.953000, 107.078000),
		('000.12.10.H22', 'Ủy ban nhân dân phường Hà Khánh', 'H22', 3, '000.00.10.H22', 'authority', '06649',
		 12, 4, 'city_town', true, 'Phường Hà Khánh, thành phố Hạ Long, tỉnh Quảng Ninh', 20.973000, 107.125000),
		('000.13.10.H22', 'Ủy ban nhân dân phường Bãi Cháy', 'H22', 3, '000.00.10.H22', 'authority', '06661',
		 15, 5, 'city_town', true, 'Phường Bãi Cháy, thành phố Hạ Long, tỉnh Quảng Ninh', 20.956000, 107.045000),
		('000.01.11.H22', 'Trung tâm Hành chính công thành phố Uông Bí', 'H22', 2, '000.00.11.H22', 'one_stop', NULL,
		 20, 15, 'city_town', true, 'Phường Quang Trung, thành phố Uông Bí, tỉnh Quảng Ninh', 21.035000, 106.774500),
		('000.11.11.H22', 'Ủy ban nhân dân phường Quang Trung', 'H22', 3, '000.00.11.H22', 'authority', '06793',
		 12, 4, 'city_town', true, 'Phường Quang Trung, thành phố Uông Bí, tỉnh Quảng Ninh', 21.034000, 106.776000),
		('000.12.11.H22', 'Ủy ban nhân dân phường Thanh Sơn', 'H22', 3, '000.00.11.H22', 'authority', '06796',
		 11, 4, 'city_town', true, 'Phường Thanh Sơn, thành phố Uông Bí, tỉnh Quảng Ninh', 21.040000, 106.760000),
		('000.01.12.H22', 'Trung tâm Hành chính công huyện Ba Chẽ', 'H22', 2, '000.00.12.H22', 'one_stop', NULL,
		 10, 6, 'remote', true, 'Thị trấn Ba Chẽ, huyện Ba Chẽ, tỉnh Quảng Ninh', 21.270500, 107.285500),
		('000.11.12.H22', 'Ủy ban nhân dân thị trấn Ba Chẽ', 'H22', 3, '000.00.12.H22', 'authority', '06940',
		 9, 3, 'remote', true, 'Thị trấn Ba Chẽ, huyện Ba Chẽ, tỉnh Quảng Ninh', 21.271000, 107.287000),
		('000.12.12.H22', 'Ủy ban nhân dân xã Đồn Đạc', 'H22', 3, '000.00.12.H22', 'authority', '06946',
		 7, 2, 'remote', true, 'Xã Đồn Đạc, huyện Ba Chẽ, tỉnh Quảng Ninh', 21.230000, 107.310000),
		('000.01.02.G17', 'Phòng Tiếp nhận và Quản lý đơn, Cục Sở hữu trí tuệ', 'G17', 3, '000.00.02.G17', 'department', NULL,
		 15, 10, 'center', true, '384-386 Nguyễn Trãi, Hà Nội', 20.993000, 105.807000),
		('000.02.02.G17', 'Trung tâm Thẩm định sáng chế, Cục Sở hữu trí tuệ', 'G17', 3, '000.00.02.G17', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL)
	) AS v(id, name, jur, tier, parent, kind, auc, staff, desk, area, recv, address, lat, lon)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_unit := n_unit + n;

	-- Procedures.  code_is_sample = false only for 1.001193 (khai sinh) and
	-- 1.000894 (kết hôn), believed to be real national catalogue codes; all
	-- others are invented samples (9.9000NN) or the sample local-suffix code.
	-- Fees in VND; "theo nghị quyết HĐND" fees are typical sample amounts.
	INSERT INTO motcua.procedure (code, name, field, tier, duration, duration_unit, online_level,
								  fee, fee_note, location_independent, receipt_cutoff, four_on_spot,
								  result_document_type, legal_basis, code_is_sample)
	SELECT v.code::motcua.procedure_code, v.name, v.field, v.tier, v.dur::numeric, v.dunit, v.online,
		   v.fee::numeric, v.fee_note, v.li, v.cutoff::time, v.four, v.result, v.legal, v.sample
	FROM (VALUES
		-- hộ tịch
		('1.001193', 'Thủ tục đăng ký khai sinh', 'ho_tich', 'commune', 0, 'same_day', 'full',
		 0, 'Miễn lệ phí đăng ký khai sinh đúng hạn', true, '15:00', false, 'GIAY_KHAI_SINH',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', false),
		('1.000894', 'Thủ tục đăng ký kết hôn', 'ho_tich', 'commune', 0, 'same_day', 'partial',
		 0, 'Miễn lệ phí đăng ký kết hôn giữa công dân Việt Nam cư trú ở trong nước', true, '15:00', false, 'GIAY_CN_KET_HON',
		 'Luật Hộ tịch 2014; Luật Hôn nhân và gia đình 2014; Nghị định 123/2015/NĐ-CP', false),
		('9.900001', 'Thủ tục đăng ký khai tử', 'ho_tich', 'commune', 0, 'same_day', 'full',
		 0, 'Miễn lệ phí đăng ký khai tử đúng hạn', true, '15:00', false, 'TRICH_LUC_KHAI_TU',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', true),
		('9.900002', 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân', 'ho_tich', 'commune', 3, 'working_day', 'full',
		 0, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', true, NULL, false, 'XAC_NHAN_TINH_TRANG_HON_NHAN',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', true),
		('9.900003', 'Thủ tục cấp bản sao trích lục hộ tịch', 'ho_tich', 'commune', 4, 'working_hour', 'full',
		 8000, '8.000 đồng/bản sao trích lục', true, '15:00', false, 'TRICH_LUC_HO_TICH',
		 'Luật Hộ tịch 2014; Thông tư 281/2016/TT-BTC', true),
		('9.900004', 'Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch', 'ho_tich', 'commune', 3, 'working_day', 'full',
		 15000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', true, NULL, false, 'TRICH_LUC_HO_TICH',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', true),
		('9.900005', 'Thủ tục đăng ký lại khai sinh', 'ho_tich', 'commune', 5, 'working_day', 'partial',
		 0, NULL, true, NULL, false, 'GIAY_KHAI_SINH',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', true),
		('9.900006', 'Thủ tục đăng ký kết hôn có yếu tố nước ngoài', 'ho_tich', 'district', 15, 'working_day', 'partial',
		 1000000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', true, NULL, false, 'GIAY_CN_KET_HON',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', true),
		('9.900007', 'Liên thông các thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
		 'ho_tich', 'commune', 5, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'GIAY_KHAI_SINH',
		 'Luật Hộ tịch 2014; Luật Cư trú 2020; Nghị định 63/2024/NĐ-CP', true),
		-- chứng thực
		('1.001612.000.00.00.H22', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản (quy trình áp dụng tại tỉnh Quảng Ninh)',
		 'chung_thuc', 'commune', 0, 'same_day', 'partial',
		 2000, '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản', false, '15:00', true, 'BAN_SAO_CHUNG_THUC',
		 'Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC', true),
		('9.900008', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'chung_thuc', 'commune', 8, 'working_hour', 'none',
		 10000, '10.000 đồng/trường hợp', false, '15:00', false, NULL,
		 'Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC', true),
		('9.900009', 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản', 'chung_thuc', 'commune', 2, 'working_day', 'none',
		 50000, '50.000 đồng/hợp đồng, giao dịch', false, NULL, false, NULL,
		 'Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC', true),
		('9.900049', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của nước ngoài cấp',
		 'chung_thuc', 'district', 2, 'working_day', 'none',
		 2000, '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản', false, NULL, false, 'BAN_SAO_CHUNG_THUC',
		 'Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC', true),
		-- cư trú
		('9.900010', 'Đăng ký thường trú', 'cu_tru', 'commune', 7, 'working_day', 'full',
		 20000, '20.000 đồng/lần; nộp trực tuyến 10.000 đồng/lần', true, NULL, false, NULL,
		 'Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP; Thông tư 75/2022/TT-BTC', true),
		('9.900011', 'Đăng ký tạm trú', 'cu_tru', 'commune', 3, 'working_day', 'full',
		 15000, '15.000 đồng/lần; nộp trực tuyến 7.000 đồng/lần', true, NULL, false, NULL,
		 'Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP; Thông tư 75/2022/TT-BTC', true),
		('9.900012', 'Xác nhận thông tin về cư trú', 'cu_tru', 'commune', 1, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'XAC_NHAN_CU_TRU',
		 'Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP', true),
		('9.900013', 'Khai báo tạm vắng', 'cu_tru', 'commune', 1, 'working_day', 'full',
		 0, NULL, true, NULL, false, NULL,
		 'Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP', true),
		-- xuất nhập cảnh
		('9.900014', 'Cấp hộ chiếu phổ thông ở trong nước', 'xuat_nhap_canh', 'province', 8, 'working_day', 'full',
		 200000, '200.000 đồng/lần cấp', true, NULL, false, 'HO_CHIEU',
		 'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 2019; Thông tư 25/2021/TT-BTC', true),
		('9.900015', 'Cấp lại hộ chiếu phổ thông bị mất', 'xuat_nhap_canh', 'province', 8, 'working_day', 'full',
		 400000, '400.000 đồng/lần cấp lại do bị mất, hư hỏng', true, NULL, false, 'HO_CHIEU',
		 'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 2019; Thông tư 25/2021/TT-BTC', true),
		-- doanh nghiệp, hộ kinh doanh
		('9.900016', 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên', 'dang_ky_doanh_nghiep', 'province', 3, 'working_day', 'full',
		 50000, '50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng điện tử', false, NULL, false, 'GIAY_CN_DKDN',
		 'Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP; Thông tư 47/2019/TT-BTC', true),
		('9.900017', 'Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên', 'dang_ky_doanh_nghiep', 'province', 3, 'working_day', 'full',
		 50000, '50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng điện tử', false, NULL, false, 'GIAY_CN_DKDN',
		 'Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP; Thông tư 47/2019/TT-BTC', true),
		('9.900018', 'Đăng ký thành lập công ty cổ phần', 'dang_ky_doanh_nghiep', 'province', 3, 'working_day', 'full',
		 50000, '50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng điện tử', false, NULL, false, 'GIAY_CN_DKDN',
		 'Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP; Thông tư 47/2019/TT-BTC', true),
		('9.900019', 'Đăng ký thành lập doanh nghiệp tư nhân', 'dang_ky_doanh_nghiep', 'province', 3, 'working_day', 'full',
		 50000, '50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng điện tử', false, NULL, false, 'GIAY_CN_DKDN',
		 'Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP; Thông tư 47/2019/TT-BTC', true),
		('9.900020', 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp', 'dang_ky_doanh_nghiep', 'province', 3, 'working_day', 'full',
		 50000, '50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng điện tử', false, NULL, false, 'GIAY_CN_DKDN',
		 'Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP; Thông tư 47/2019/TT-BTC', true),
		('9.900021', 'Đăng ký thành lập hộ kinh doanh', 'ho_kinh_doanh', 'district', 3, 'working_day', 'full',
		 100000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', false, '15:00', false, 'GIAY_CN_DK_HKD',
		 'Nghị định 01/2021/NĐ-CP', true),
		('9.900022', 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 'ho_kinh_doanh', 'district', 3, 'working_day', 'full',
		 50000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', false, '15:00', false, 'GIAY_CN_DK_HKD',
		 'Nghị định 01/2021/NĐ-CP', true),
		-- đất đai, xây dựng
		('9.900023', 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu',
		 'dat_dai', 'district', 20, 'working_day', 'partial',
		 100000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh; không tính thời gian thực hiện nghĩa vụ tài chính', false, NULL, false, 'GIAY_CN_QSDD',
		 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP', true),
		('9.900024', 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng', 'dat_dai', 'district', 10, 'working_day', 'partial',
		 50000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh; không tính thời gian thực hiện nghĩa vụ tài chính', false, NULL, false, 'GIAY_CN_QSDD',
		 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP', true),
		('9.900025', 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do thừa kế', 'dat_dai', 'district', 10, 'working_day', 'partial',
		 50000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', false, NULL, false, 'GIAY_CN_QSDD',
		 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP', true),
		('9.900026', 'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'dat_dai', 'district', 7, 'working_day', 'partial',
		 50000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', false, NULL, false, 'GIAY_CN_QSDD',
		 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP', true),
		('9.900027', 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ', 'xay_dung', 'district', 15, 'working_day', 'partial',
		 75000, '75.000 đồng/giấy phép (theo nghị quyết của Hội đồng nhân dân cấp tỉnh)', false, NULL, false, 'GIAY_PHEP_XAY_DUNG',
		 'Luật Xây dựng 2014 (sửa đổi 2020); Nghị định 15/2021/NĐ-CP', true),
		('9.900028', 'Cấp giấy phép xây dựng mới đối với công trình cấp II, cấp III', 'xay_dung', 'province', 20, 'working_day', 'partial',
		 150000, '150.000 đồng/giấy phép (theo nghị quyết của Hội đồng nhân dân cấp tỉnh)', false, NULL, false, 'GIAY_PHEP_XAY_DUNG',
		 'Luật Xây dựng 2014 (sửa đổi 2020); Nghị định 15/2021/NĐ-CP', true),
		-- đường bộ
		('9.900029', 'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp', 'duong_bo', 'province', 5, 'working_day', 'full',
		 135000, '135.000 đồng/lần', false, NULL, false, 'GIAY_PHEP_LAI_XE',
		 'Luật Trật tự, an toàn giao thông đường bộ 2024; Thông tư 37/2023/TT-BTC', true),
		('9.900030', 'Cấp lại giấy phép lái xe', 'duong_bo', 'province', 10, 'working_day', 'partial',
		 135000, '135.000 đồng/lần', false, NULL, false, 'GIAY_PHEP_LAI_XE',
		 'Luật Trật tự, an toàn giao thông đường bộ 2024; Thông tư 37/2023/TT-BTC', true),
		('9.900031', 'Cấp giấy phép lái xe quốc tế', 'duong_bo', 'province', 5, 'working_day', 'full',
		 135000, '135.000 đồng/lần', false, NULL, false, 'GIAY_PHEP_LAI_XE_QUOC_TE',
		 'Công ước Viên 1968 về giao thông đường bộ; Thông tư 37/2023/TT-BTC', true),
		-- bảo hiểm xã hội, việc làm, lao động
		('9.900032', 'Cấp lại sổ bảo hiểm xã hội do mất, hỏng', 'bao_hiem_xa_hoi', 'district', 10, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'SO_BHXH',
		 'Luật Bảo hiểm xã hội 2024; Quyết định 595/QĐ-BHXH', true),
		('9.900033', 'Đăng ký tham gia bảo hiểm xã hội tự nguyện', 'bao_hiem_xa_hoi', 'district', 5, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'SO_BHXH',
		 'Luật Bảo hiểm xã hội 2024', true),
		('9.900034', 'Giải quyết hưởng bảo hiểm xã hội một lần', 'bao_hiem_xa_hoi', 'district', 10, 'working_day', 'partial',
		 0, NULL, true, NULL, false, 'QUYET_DINH_HUONG_BHXH',
		 'Luật Bảo hiểm xã hội 2024', true),
		('9.900035', 'Giải quyết hưởng trợ cấp thất nghiệp', 'viec_lam', 'province', 20, 'working_day', 'partial',
		 0, NULL, false, NULL, false, 'QUYET_DINH_TRO_CAP_THAT_NGHIEP',
		 'Luật Việc làm 2013; Nghị định 28/2015/NĐ-CP', true),
		('9.900036', 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam', 'lao_dong', 'province', 10, 'working_day', 'full',
		 600000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', false, NULL, false, 'GIAY_PHEP_LAO_DONG',
		 'Bộ luật Lao động 2019; Nghị định 152/2020/NĐ-CP; Nghị định 70/2023/NĐ-CP', true),
		-- thuế, lý lịch tư pháp, văn bằng, y tế
		('9.900037', 'Đăng ký thuế lần đầu đối với cá nhân', 'thue', 'district', 3, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'THONG_BAO_MA_SO_THUE',
		 'Luật Quản lý thuế 2019; Thông tư 86/2024/TT-BTC', true),
		('9.900038', 'Đăng ký thay đổi thông tin đăng ký thuế', 'thue', 'district', 3, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'THONG_BAO_MA_SO_THUE',
		 'Luật Quản lý thuế 2019; Thông tư 86/2024/TT-BTC', true),
		('9.900039', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
		 'ly_lich_tu_phap', 'province', 10, 'working_day', 'full',
		 200000, '200.000 đồng/lần/người; sinh viên, người có công với cách mạng 100.000 đồng', false, NULL, false, 'PHIEU_LY_LICH_TU_PHAP',
		 'Luật Lý lịch tư pháp 2009; Thông tư 244/2016/TT-BTC', true),
		('9.900040', 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc', 'van_bang', 'province', 1, 'working_day', 'partial',
		 0, NULL, false, '15:00', false, 'BAN_SAO_VAN_BANG',
		 'Nghị định 23/2015/NĐ-CP; Thông tư 21/2019/TT-BGDĐT', true),
		('9.900041', 'Cấp chứng chỉ hành nghề (giấy phép hành nghề) khám bệnh, chữa bệnh', 'kham_chua_benh', 'province', 30, 'working_day', 'partial',
		 360000, 'Phí thẩm định cấp giấy phép hành nghề (mức mẫu)', false, NULL, false, 'CHUNG_CHI_HANH_NGHE_KCB',
		 'Luật Khám bệnh, chữa bệnh 2023; Nghị định 96/2023/NĐ-CP', true),
		-- Bộ Khoa học và Công nghệ
		('9.900042', 'Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước', 'hoat_dong_khcn', 'central', 5, 'working_day', 'full',
		 0, NULL, false, NULL, false, 'GIAY_CN_DK_KET_QUA_KHCN',
		 'Luật Khoa học và công nghệ 2013; Thông tư 14/2014/TT-BKHCN', true),
		('9.900043', 'Cấp giấy phép tiến hành công việc bức xạ (sử dụng thiết bị X-quang chẩn đoán trong y tế)', 'an_toan_buc_xa', 'central', 15, 'working_day', 'full',
		 1500000, 'Phí thẩm định an toàn bức xạ theo quy định của Bộ Tài chính (mức mẫu)', false, NULL, false, 'GIAY_PHEP_BUC_XA',
		 'Luật Năng lượng nguyên tử 2008; Nghị định 142/2020/NĐ-CP', true),
		('9.900044', 'Cấp chứng chỉ nhân viên bức xạ', 'an_toan_buc_xa', 'central', 15, 'working_day', 'full',
		 0, NULL, false, NULL, false, 'CHUNG_CHI_NHAN_VIEN_BUC_XA',
		 'Luật Năng lượng nguyên tử 2008; Nghị định 142/2020/NĐ-CP', true),
		('9.900045', 'Đăng ký nhãn hiệu', 'so_huu_tri_tue', 'central', 250, 'working_day', 'full',
		 150000, 'Lệ phí nộp đơn 150.000 đồng; phí thẩm định và lệ phí cấp văn bằng thu riêng; thời hạn xử lý đơn khoảng 12 tháng', false, NULL, false, 'GIAY_CN_DK_NHAN_HIEU',
		 'Luật Sở hữu trí tuệ 2005 (sửa đổi 2022); Nghị định 65/2023/NĐ-CP', true),
		('9.900046', 'Đăng ký sáng chế', 'so_huu_tri_tue', 'central', 390, 'working_day', 'full',
		 150000, 'Lệ phí nộp đơn 150.000 đồng; phí thẩm định và lệ phí cấp văn bằng thu riêng; thẩm định nội dung khoảng 18 tháng', false, NULL, false, 'BANG_DOC_QUYEN_SANG_CHE',
		 'Luật Sở hữu trí tuệ 2005 (sửa đổi 2022); Nghị định 65/2023/NĐ-CP', true),
		-- ngoại vụ
		('9.900047', 'Cho phép tổ chức hội nghị, hội thảo quốc tế thuộc thẩm quyền cho phép của Chủ tịch Ủy ban nhân dân cấp tỉnh',
		 'ngoai_vu', 'province', 15, 'working_day', 'partial',
		 0, NULL, false, NULL, false, 'VAN_BAN_CHO_PHEP_HOI_NGHI',
		 'Quyết định 06/2020/QĐ-TTg', true),
		('9.900048', 'Cho phép tổ chức hội nghị, hội thảo quốc tế thuộc thẩm quyền cho phép của Bộ trưởng Bộ Khoa học và Công nghệ',
		 'ngoai_vu', 'central', 15, 'working_day', 'partial',
		 0, NULL, false, NULL, false, 'VAN_BAN_CHO_PHEP_HOI_NGHI',
		 'Quyết định 06/2020/QĐ-TTg', true)
	) AS v(code, name, field, tier, dur, dunit, online, fee, fee_note, li, cutoff, four, result, legal, sample)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_proc := n;

	-- Dossier components [thành phần hồ sơ].  reusable: the state already
	-- holds the document (identity cards, certificates, results), so it may
	-- come from the person's data warehouse; forms, declarations, photos
	-- and private papers are not reusable.
	INSERT INTO motcua.procedure_component (procedure, ordinal, document_type, mandatory, reusable,
											national_database, form, copies, note)
	SELECT v.proc::motcua.procedure_code, v.ord::smallint, v.doc, v.mand, v.reuse,
		   v.ndb, v.form, v.copies::smallint, v.note
	FROM (VALUES
		('1.001193', 1, 'TO_KHAI_KHAI_SINH', true, false, NULL, 'electronic_form', 1, NULL),
		('1.001193', 2, 'GIAY_CHUNG_SINH', true, false, NULL, 'original', 1, 'hoặc văn bản của người làm chứng nếu không có giấy chứng sinh'),
		('1.001193', 3, 'CCCD', true, true, 'population', 'original', 1, 'xuất trình; khai thác từ Cơ sở dữ liệu quốc gia về dân cư'),
		('1.001193', 4, 'GIAY_CN_KET_HON', false, true, 'civil_status', 'copy', 1, 'nếu cha, mẹ của trẻ đã đăng ký kết hôn'),
		('1.000894', 1, 'TO_KHAI_KET_HON', true, false, NULL, 'electronic_form', 1, NULL),
		('1.000894', 2, 'CCCD', true, true, 'population', 'original', 2, 'của hai bên nam, nữ'),
		('1.000894', 3, 'XAC_NHAN_TINH_TRANG_HON_NHAN', false, true, 'civil_status', 'original', 1, 'nếu đăng ký kết hôn tại nơi không thường trú'),
		('9.900001', 1, 'TO_KHAI_KHAI_TU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900001', 2, 'GIAY_BAO_TU', true, false, NULL, 'original', 1, NULL),
		('9.900001', 3, 'CCCD', true, true, 'population', 'original', 1, 'của người đi đăng ký khai tử'),
		('9.900002', 1, 'TO_KHAI_XAC_NHAN_TTHN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900002', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900002', 3, 'XAC_NHAN_TINH_TRANG_HON_NHAN', false, true, 'civil_status', 'original', 1, 'giấy đã được cấp trước đây, nếu đề nghị cấp lại'),
		('9.900003', 1, 'TO_KHAI_HO_TICH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900003', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900004', 1, 'TO_KHAI_HO_TICH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900004', 2, 'GIAY_KHAI_SINH', true, true, 'civil_status', 'original', 1, 'giấy tờ hộ tịch cần thay đổi, cải chính'),
		('9.900004', 3, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900004', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền thực hiện'),
		('9.900005', 1, 'TO_KHAI_KHAI_SINH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900005', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900005', 3, 'VAN_BANG', false, true, NULL, 'copy', 1, 'giấy tờ có thông tin khai sinh của người yêu cầu'),
		('9.900006', 1, 'TO_KHAI_KET_HON', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900006', 2, 'CCCD', true, true, 'population', 'original', 1, 'của bên là công dân Việt Nam'),
		('9.900006', 3, 'HO_CHIEU', true, true, NULL, 'certified_copy', 1, 'của bên là người nước ngoài'),
		('9.900006', 4, 'XAC_NHAN_TINH_TRANG_HON_NHAN', true, true, 'civil_status', 'original', 1, NULL),
		('9.900006', 5, 'GIAY_KHAM_SUC_KHOE', true, false, NULL, 'original', 2, 'xác nhận không mắc bệnh tâm thần'),
		('9.900007', 1, 'TO_KHAI_KHAI_SINH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900007', 2, 'GIAY_CHUNG_SINH', true, false, NULL, 'original', 1, NULL),
		('9.900007', 3, 'TO_KHAI_THAY_DOI_CU_TRU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900007', 4, 'TO_KHAI_BHXH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900007', 5, 'CCCD', true, true, 'population', 'original', 1, 'của cha hoặc mẹ'),
		('1.001612.000.00.00.H22', 1, 'BAN_CHINH_GIAY_TO', true, false, NULL, 'original', 1, 'kèm bản sao cần chứng thực'),
		('1.001612.000.00.00.H22', 2, 'CHUNG_TU_NOP_PHI', false, false, NULL, 'copy', 1, 'nếu đã nộp phí trực tuyến'),
		('9.900008', 1, 'VAN_BAN_CHUNG_THUC_CHU_KY', true, false, NULL, 'original', 1, NULL),
		('9.900008', 2, 'CCCD', true, true, 'population', 'original', 1, 'của người yêu cầu chứng thực'),
		('9.900009', 1, 'PHIEU_YEU_CAU_CHUNG_THUC', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900009', 2, 'HOP_DONG_GIAO_DICH', true, false, NULL, 'original', 1, NULL),
		('9.900009', 3, 'CCCD', true, true, 'population', 'copy', 2, 'của các bên tham gia hợp đồng'),
		('9.900049', 1, 'BAN_CHINH_GIAY_TO', true, false, NULL, 'original', 1, 'đã được hợp pháp hóa lãnh sự, trừ trường hợp được miễn'),
		('9.900049', 2, 'CHUNG_TU_NOP_PHI', false, false, NULL, 'copy', 1, NULL),
		('9.900010', 1, 'TO_KHAI_THAY_DOI_CU_TRU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900010', 2, 'GIAY_TO_CHO_O_HOP_PHAP', true, false, NULL, 'original_or_copy', 1, NULL),
		('9.900010', 3, 'GIAY_CN_QSDD', false, true, 'land', 'copy', 1, 'khi chỗ ở thuộc quyền sử dụng của người đăng ký'),
		('9.900010', 4, 'CCCD', true, true, 'population', 'original', 1, 'khai thác từ Cơ sở dữ liệu quốc gia về dân cư'),
		('9.900011', 1, 'TO_KHAI_THAY_DOI_CU_TRU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900011', 2, 'GIAY_TO_CHO_O_HOP_PHAP', true, false, NULL, 'original_or_copy', 1, NULL),
		('9.900012', 1, 'TO_KHAI_THAY_DOI_CU_TRU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900012', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900013', 1, 'TO_KHAI_THAY_DOI_CU_TRU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900013', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900014', 1, 'TO_KHAI_HO_CHIEU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900014', 2, 'ANH_THE', true, false, NULL, 'original', 2, 'ảnh 4x6 cm, phông nền trắng'),
		('9.900014', 3, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900014', 4, 'GIAY_KHAI_SINH', false, true, 'civil_status', 'copy', 1, 'đối với trẻ em dưới 14 tuổi'),
		('9.900015', 1, 'TO_KHAI_HO_CHIEU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900015', 2, 'ANH_THE', true, false, NULL, 'original', 2, NULL),
		('9.900015', 3, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900016', 1, 'GIAY_DE_NGHI_DKDN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900016', 2, 'DIEU_LE_CONG_TY', true, false, NULL, 'original', 1, NULL),
		('9.900016', 3, 'CCCD', true, true, 'population', 'copy', 1, 'của chủ sở hữu và người đại diện theo pháp luật'),
		('9.900016', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền nộp hồ sơ'),
		('9.900017', 1, 'GIAY_DE_NGHI_DKDN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900017', 2, 'DIEU_LE_CONG_TY', true, false, NULL, 'original', 1, NULL),
		('9.900017', 3, 'DANH_SACH_THANH_VIEN', true, false, NULL, 'original', 1, NULL),
		('9.900017', 4, 'CCCD', true, true, 'population', 'copy', 1, 'của các thành viên là cá nhân'),
		('9.900017', 5, 'GIAY_CN_DKDN', false, true, 'business_registration', 'copy', 1, 'của thành viên là tổ chức'),
		('9.900018', 1, 'GIAY_DE_NGHI_DKDN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900018', 2, 'DIEU_LE_CONG_TY', true, false, NULL, 'original', 1, NULL),
		('9.900018', 3, 'DANH_SACH_CO_DONG', true, false, NULL, 'original', 1, NULL),
		('9.900018', 4, 'CCCD', true, true, 'population', 'copy', 1, 'của cổ đông sáng lập là cá nhân'),
		('9.900018', 5, 'GIAY_CN_DKDN', false, true, 'business_registration', 'copy', 1, 'của cổ đông sáng lập là tổ chức'),
		('9.900019', 1, 'GIAY_DE_NGHI_DKDN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900019', 2, 'CCCD', true, true, 'population', 'copy', 1, 'của chủ doanh nghiệp tư nhân'),
		('9.900020', 1, 'THONG_BAO_THAY_DOI_DKDN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900020', 2, 'NGHI_QUYET_THAY_DOI_DN', true, false, NULL, 'original', 1, NULL),
		('9.900020', 3, 'GIAY_CN_DKDN', true, true, 'business_registration', 'copy', 1, NULL),
		('9.900020', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền nộp hồ sơ'),
		('9.900021', 1, 'GIAY_DE_NGHI_DK_HKD', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900021', 2, 'CCCD', true, true, 'population', 'copy', 1, 'của chủ hộ kinh doanh'),
		('9.900021', 3, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền nộp hồ sơ'),
		('9.900022', 1, 'GIAY_DE_NGHI_DK_HKD', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900022', 2, 'GIAY_CN_DK_HKD', true, true, NULL, 'original', 1, NULL),
		('9.900022', 3, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900023', 1, 'DON_DANG_KY_DAT_DAI', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900023', 2, 'GIAY_TO_NGUON_GOC_DAT', true, false, NULL, 'certified_copy', 1, NULL),
		('9.900023', 3, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900023', 4, 'CHUNG_TU_NOP_PHI', false, false, NULL, 'original', 1, 'chứng từ thực hiện nghĩa vụ tài chính, nếu có'),
		('9.900024', 1, 'DON_DANG_KY_BIEN_DONG', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900024', 2, 'HOP_DONG_CHUYEN_NHUONG_QSDD', true, false, NULL, 'original', 1, NULL),
		('9.900024', 3, 'GIAY_CN_QSDD', true, true, 'land', 'original', 1, 'bản gốc Giấy chứng nhận đã cấp'),
		('9.900024', 4, 'CCCD', true, true, 'population', 'copy', 2, 'của bên chuyển nhượng và bên nhận chuyển nhượng'),
		('9.900024', 5, 'CHUNG_TU_NOP_PHI', false, false, NULL, 'original', 1, NULL),
		('9.900025', 1, 'DON_DANG_KY_BIEN_DONG', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900025', 2, 'VAN_BAN_THUA_KE', true, false, NULL, 'original', 1, NULL),
		('9.900025', 3, 'GIAY_CN_QSDD', true, true, 'land', 'original', 1, NULL),
		('9.900025', 4, 'TRICH_LUC_KHAI_TU', true, true, 'civil_status', 'copy', 1, 'của người để lại di sản'),
		('9.900025', 5, 'CCCD', true, true, 'population', 'copy', 1, 'của người nhận thừa kế'),
		('9.900026', 1, 'DON_DANG_KY_BIEN_DONG', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900026', 2, 'GIAY_CN_QSDD', true, true, 'land', 'original', 1, NULL),
		('9.900026', 3, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900027', 1, 'DON_DE_NGHI_CAP_GPXD', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900027', 2, 'GIAY_CN_QSDD', true, true, 'land', 'certified_copy', 1, NULL),
		('9.900027', 3, 'BAN_VE_THIET_KE', true, false, NULL, 'original', 2, NULL),
		('9.900027', 4, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900028', 1, 'DON_DE_NGHI_CAP_GPXD', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900028', 2, 'GIAY_CN_QSDD', true, true, 'land', 'certified_copy', 1, NULL),
		('9.900028', 3, 'BAN_VE_THIET_KE', true, false, NULL, 'original', 2, NULL),
		('9.900028', 4, 'GIAY_CN_DKDN', false, true, 'business_registration', 'copy', 1, 'nếu chủ đầu tư là doanh nghiệp'),
		('9.900029', 1, 'DON_DE_NGHI_GPLX', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900029', 2, 'GIAY_PHEP_LAI_XE', true, true, NULL, 'original', 1, 'giấy phép lái xe cần đổi'),
		('9.900029', 3, 'GIAY_KHAM_SUC_KHOE', true, false, NULL, 'original', 1, NULL),
		('9.900029', 4, 'ANH_THE', false, false, NULL, 'original', 1, 'nếu không nộp hồ sơ trực tuyến'),
		('9.900029', 5, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900030', 1, 'DON_DE_NGHI_GPLX', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900030', 2, 'GIAY_KHAM_SUC_KHOE', true, false, NULL, 'original', 1, NULL),
		('9.900030', 3, 'ANH_THE', true, false, NULL, 'original', 1, NULL),
		('9.900030', 4, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900031', 1, 'DON_DE_NGHI_GPLX', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900031', 2, 'GIAY_PHEP_LAI_XE', true, true, NULL, 'copy', 1, NULL),
		('9.900031', 3, 'ANH_THE', true, false, NULL, 'original', 1, NULL),
		('9.900031', 4, 'HO_CHIEU', true, true, NULL, 'copy', 1, NULL),
		('9.900032', 1, 'TO_KHAI_BHXH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900032', 2, 'SO_BHXH', false, true, 'social_insurance', 'original', 1, 'sổ bị hỏng, nếu còn'),
		('9.900032', 3, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900033', 1, 'TO_KHAI_BHXH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900033', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900034', 1, 'DON_DE_NGHI_HUONG_BHXH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900034', 2, 'SO_BHXH', true, true, 'social_insurance', 'original', 1, NULL),
		('9.900034', 3, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900035', 1, 'DE_NGHI_TRO_CAP_THAT_NGHIEP', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900035', 2, 'QUYET_DINH_THOI_VIEC', true, false, NULL, 'certified_copy', 1, NULL),
		('9.900035', 3, 'SO_BHXH', true, true, 'social_insurance', 'original', 1, NULL),
		('9.900035', 4, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900036', 1, 'VAN_BAN_DE_NGHI_GPLD', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900036', 2, 'VAN_BAN_CHAP_THUAN_NHU_CAU_LD', true, true, NULL, 'copy', 1, NULL),
		('9.900036', 3, 'GIAY_KHAM_SUC_KHOE', true, false, NULL, 'original', 1, NULL),
		('9.900036', 4, 'PHIEU_LY_LICH_TU_PHAP', true, true, NULL, 'original', 1, 'hoặc văn bản xác nhận tương đương của nước ngoài'),
		('9.900036', 5, 'HO_CHIEU', true, true, NULL, 'certified_copy', 1, NULL),
		('9.900036', 6, 'ANH_THE', true, false, NULL, 'original', 2, 'ảnh 4x6 cm'),
		('9.900037', 1, 'TO_KHAI_DANG_KY_THUE', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900037', 2, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900038', 1, 'TO_KHAI_DANG_KY_THUE', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900038', 2, 'THONG_BAO_MA_SO_THUE', true, true, 'tax', 'copy', 1, NULL),
		('9.900038', 3, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900039', 1, 'TO_KHAI_LY_LICH_TU_PHAP', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900039', 2, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900039', 3, 'XAC_NHAN_CU_TRU', false, true, 'population', 'original', 1, 'nếu không khai thác được từ Cơ sở dữ liệu quốc gia về dân cư'),
		('9.900039', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền thực hiện'),
		('9.900040', 1, 'DE_NGHI_CAP_BAN_SAO_VB', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900040', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900040', 3, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền thực hiện'),
		('9.900041', 1, 'DON_DE_NGHI_CCHN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900041', 2, 'VAN_BANG', true, true, NULL, 'certified_copy', 1, 'văn bằng chuyên môn y'),
		('9.900041', 3, 'XAC_NHAN_THUC_HANH_KCB', true, false, NULL, 'original', 1, NULL),
		('9.900041', 4, 'GIAY_KHAM_SUC_KHOE', true, false, NULL, 'original', 1, NULL),
		('9.900041', 5, 'ANH_THE', true, false, NULL, 'original', 2, NULL),
		('9.900041', 6, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900042', 1, 'PHIEU_DANG_KY_KET_QUA_KHCN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900042', 2, 'BAO_CAO_KET_QUA_KHCN', true, false, NULL, 'original', 2, NULL),
		('9.900042', 3, 'GIAY_CN_DKDN', false, true, 'business_registration', 'copy', 1, 'nếu tổ chức chủ trì là doanh nghiệp'),
		('9.900043', 1, 'DON_DE_NGHI_GP_BUC_XA', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900043', 2, 'BAO_CAO_DANH_GIA_AN_TOAN', true, false, NULL, 'original', 1, NULL),
		('9.900043', 3, 'CHUNG_CHI_NHAN_VIEN_BUC_XA', true, true, NULL, 'copy', 1, 'của người phụ trách an toàn'),
		('9.900043', 4, 'GIAY_CN_DKDN', false, true, 'business_registration', 'copy', 1, 'nếu cơ sở là doanh nghiệp'),
		('9.900043', 5, 'CHUNG_TU_NOP_PHI', true, false, NULL, 'copy', 1, NULL),
		('9.900044', 1, 'VAN_BANG', true, true, NULL, 'certified_copy', 1, 'văn bằng chuyên môn phù hợp'),
		('9.900044', 2, 'ANH_THE', true, false, NULL, 'original', 2, NULL),
		('9.900044', 3, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900045', 1, 'TO_KHAI_DANG_KY_NHAN_HIEU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900045', 2, 'MAU_NHAN_HIEU', true, false, NULL, 'original', 5, NULL),
		('9.900045', 3, 'CHUNG_TU_NOP_PHI', true, false, NULL, 'copy', 1, NULL),
		('9.900045', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu nộp đơn thông qua đại diện'),
		('9.900046', 1, 'TO_KHAI_DANG_KY_SANG_CHE', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900046', 2, 'BAN_MO_TA_SANG_CHE', true, false, NULL, 'original', 2, NULL),
		('9.900046', 3, 'CHUNG_TU_NOP_PHI', true, false, NULL, 'copy', 1, NULL),
		('9.900046', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu nộp đơn thông qua đại diện'),
		('9.900047', 1, 'VAN_BAN_DE_NGHI_HOI_NGHI', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900047', 2, 'DE_AN_HOI_NGHI', true, false, NULL, 'original', 1, NULL),
		('9.900048', 1, 'VAN_BAN_DE_NGHI_HOI_NGHI', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900048', 2, 'DE_AN_HOI_NGHI', true, false, NULL, 'original', 1, NULL)
	) AS v(proc, ord, doc, mand, reuse, ndb, form, copies, note)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_comp := n;

	RETURN QUERY VALUES
		('field'::text, n_field),
		('document_type', n_doctype),
		('jurisdiction', n_jur),
		('tier', n_tier),
		('unit', n_unit),
		('procedure', n_proc),
		('procedure_component', n_comp);
END
$$;
COMMENT ON FUNCTION motcua.load_sample_data() IS 'loads sample reference data (fields, document types, jurisdictions H22, H79, G17 with tiers and units, about 50 procedures and their components); idempotent, returns rows inserted per table; procedure codes other than 1.001193 and 1.000894 are samples (code_is_sample)';
REVOKE EXECUTE ON FUNCTION motcua.load_sample_data() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.load_sample_data() TO motcua_admin;

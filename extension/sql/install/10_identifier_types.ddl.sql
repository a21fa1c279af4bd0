-- Identifier types (docs/domain.md §3).  Parsing is strict: bad input raises
-- 22P02 naming the rule broken.  The binary wire form is the canonical text.

CREATE TYPE motcua.personal_id;
CREATE TYPE motcua.tax_code;
CREATE TYPE motcua.unit_id;
CREATE TYPE motcua.dossier_code;
CREATE TYPE motcua.procedure_code;

-- personal_id_in is STABLE, not IMMUTABLE: a birth year after the current
-- year is rejected, so the answer can change when the year turns.
CREATE FUNCTION motcua_internal.personal_id_in(cstring) RETURNS motcua.personal_id
	AS 'MODULE_PATHNAME', 'motcua_personal_id_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.personal_id_out(motcua.personal_id) RETURNS cstring
	AS 'MODULE_PATHNAME', 'motcua_personal_id_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.personal_id_recv(internal) RETURNS motcua.personal_id
	AS 'MODULE_PATHNAME', 'motcua_personal_id_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.personal_id_send(motcua.personal_id) RETURNS bytea
	AS 'MODULE_PATHNAME', 'motcua_personal_id_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION motcua_internal.tax_code_in(cstring) RETURNS motcua.tax_code
	AS 'MODULE_PATHNAME', 'motcua_tax_code_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.tax_code_out(motcua.tax_code) RETURNS cstring
	AS 'MODULE_PATHNAME', 'motcua_tax_code_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.tax_code_recv(internal) RETURNS motcua.tax_code
	AS 'MODULE_PATHNAME', 'motcua_tax_code_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.tax_code_send(motcua.tax_code) RETURNS bytea
	AS 'MODULE_PATHNAME', 'motcua_tax_code_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION motcua_internal.unit_id_in(cstring) RETURNS motcua.unit_id
	AS 'MODULE_PATHNAME', 'motcua_unit_id_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.unit_id_out(motcua.unit_id) RETURNS cstring
	AS 'MODULE_PATHNAME', 'motcua_unit_id_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.unit_id_recv(internal) RETURNS motcua.unit_id
	AS 'MODULE_PATHNAME', 'motcua_unit_id_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.unit_id_send(motcua.unit_id) RETURNS bytea
	AS 'MODULE_PATHNAME', 'motcua_unit_id_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION motcua_internal.dossier_code_in(cstring) RETURNS motcua.dossier_code
	AS 'MODULE_PATHNAME', 'motcua_dossier_code_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.dossier_code_out(motcua.dossier_code) RETURNS cstring
	AS 'MODULE_PATHNAME', 'motcua_dossier_code_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.dossier_code_recv(internal) RETURNS motcua.dossier_code
	AS 'MODULE_PATHNAME', 'motcua_dossier_code_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.dossier_code_send(motcua.dossier_code) RETURNS bytea
	AS 'MODULE_PATHNAME', 'motcua_dossier_code_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION motcua_internal.procedure_code_in(cstring) RETURNS motcua.procedure_code
	AS 'MODULE_PATHNAME', 'motcua_procedure_code_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.procedure_code_out(motcua.procedure_code) RETURNS cstring
	AS 'MODULE_PATHNAME', 'motcua_procedure_code_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.procedure_code_recv(internal) RETURNS motcua.procedure_code
	AS 'MODULE_PATHNAME', 'motcua_procedure_code_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION motcua_internal.procedure_code_send(motcua.procedure_code) RETURNS bytea
	AS 'MODULE_PATHNAME', 'motcua_procedure_code_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- 8 bytes by value: the number itself (personal_id), base*1000+branch
-- (tax_code), or the hierarchy packed level by level (unit_id).
CREATE TYPE motcua.personal_id (
	INPUT = motcua_internal.personal_id_in, OUTPUT = motcua_internal.personal_id_out,
	RECEIVE = motcua_internal.personal_id_recv, SEND = motcua_internal.personal_id_send,
	INTERNALLENGTH = 8, PASSEDBYVALUE, ALIGNMENT = double, STORAGE = plain);
CREATE TYPE motcua.tax_code (
	INPUT = motcua_internal.tax_code_in, OUTPUT = motcua_internal.tax_code_out,
	RECEIVE = motcua_internal.tax_code_recv, SEND = motcua_internal.tax_code_send,
	INTERNALLENGTH = 8, PASSEDBYVALUE, ALIGNMENT = double, STORAGE = plain);
CREATE TYPE motcua.unit_id (
	INPUT = motcua_internal.unit_id_in, OUTPUT = motcua_internal.unit_id_out,
	RECEIVE = motcua_internal.unit_id_recv, SEND = motcua_internal.unit_id_send,
	INTERNALLENGTH = 8, PASSEDBYVALUE, ALIGNMENT = double, STORAGE = plain);
-- 16 bytes, big-endian field by field so that byte order is value order.
CREATE TYPE motcua.dossier_code (
	INPUT = motcua_internal.dossier_code_in, OUTPUT = motcua_internal.dossier_code_out,
	RECEIVE = motcua_internal.dossier_code_recv, SEND = motcua_internal.dossier_code_send,
	INTERNALLENGTH = 16, ALIGNMENT = char, STORAGE = plain);
CREATE TYPE motcua.procedure_code (
	INPUT = motcua_internal.procedure_code_in, OUTPUT = motcua_internal.procedure_code_out,
	RECEIVE = motcua_internal.procedure_code_recv, SEND = motcua_internal.procedure_code_send,
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
				EXECUTE format('CREATE FUNCTION motcua_internal.%1$s_%2$s(motcua.%1$s, motcua.%1$s) RETURNS boolean '
							   'AS %3$L LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF',
							   t, op.name, op.int8fn);
			ELSE
				EXECUTE format('CREATE FUNCTION motcua_internal.%1$s_%2$s(motcua.%1$s, motcua.%1$s) RETURNS boolean '
							   'AS ''MODULE_PATHNAME'', %3$L LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF',
							   t, op.name, 'motcua_fixed16_' || op.name);
			END IF;
			EXECUTE format('CREATE OPERATOR motcua.%2$s (LEFTARG = motcua.%1$s, RIGHTARG = motcua.%1$s, '
						   'FUNCTION = motcua_internal.%1$s_%3$s, COMMUTATOR = OPERATOR(motcua.%4$s), '
						   'NEGATOR = OPERATOR(motcua.%5$s), RESTRICT = %6$s, JOIN = %7$s%8$s)',
						   t, op.sym, op.name, op.commutator, op.negator, op.rsel, op.jsel,
						   CASE WHEN op.name = 'eq' THEN ', HASHES, MERGES' ELSE '' END);
		END LOOP;

		IF t = ANY (int8_types) THEN
			EXECUTE format('CREATE FUNCTION motcua_internal.%1$s_cmp(motcua.%1$s, motcua.%1$s) RETURNS integer '
						   'AS ''btint8cmp'' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE FUNCTION motcua_internal.%1$s_hash(motcua.%1$s) RETURNS integer '
						   'AS ''hashint8'' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE FUNCTION motcua_internal.%1$s_hash_extended(motcua.%1$s, bigint) RETURNS bigint '
						   'AS ''hashint8extended'' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE OPERATOR CLASS motcua.%1$s_ops DEFAULT FOR TYPE motcua.%1$s USING btree AS '
						   'OPERATOR 1 motcua.<, OPERATOR 2 motcua.<=, OPERATOR 3 motcua.=, '
						   'OPERATOR 4 motcua.>=, OPERATOR 5 motcua.>, '
						   'FUNCTION 1 motcua_internal.%1$s_cmp(motcua.%1$s, motcua.%1$s), '
						   'FUNCTION 2 (motcua.%1$s, motcua.%1$s) pg_catalog.btint8sortsupport(internal)', t);
		ELSE
			EXECUTE format('CREATE FUNCTION motcua_internal.%1$s_cmp(motcua.%1$s, motcua.%1$s) RETURNS integer '
						   'AS ''MODULE_PATHNAME'', ''motcua_fixed16_cmp'' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE FUNCTION motcua_internal.%1$s_hash(motcua.%1$s) RETURNS integer '
						   'AS ''MODULE_PATHNAME'', ''motcua_fixed16_hash'' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE FUNCTION motcua_internal.%1$s_hash_extended(motcua.%1$s, bigint) RETURNS bigint '
						   'AS ''MODULE_PATHNAME'', ''motcua_fixed16_hash_extended'' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE', t);
			EXECUTE format('CREATE OPERATOR CLASS motcua.%1$s_ops DEFAULT FOR TYPE motcua.%1$s USING btree AS '
						   'OPERATOR 1 motcua.<, OPERATOR 2 motcua.<=, OPERATOR 3 motcua.=, '
						   'OPERATOR 4 motcua.>=, OPERATOR 5 motcua.>, '
						   'FUNCTION 1 motcua_internal.%1$s_cmp(motcua.%1$s, motcua.%1$s)', t);
		END IF;
		EXECUTE format('CREATE OPERATOR CLASS motcua.%1$s_hash_ops DEFAULT FOR TYPE motcua.%1$s USING hash AS '
					   'OPERATOR 1 motcua.=, FUNCTION 1 motcua_internal.%1$s_hash(motcua.%1$s), '
					   'FUNCTION 2 motcua_internal.%1$s_hash_extended(motcua.%1$s, bigint)', t);
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

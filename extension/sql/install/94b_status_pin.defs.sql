-- The citizen's status look-up [tra cứu tình trạng hồ sơ]: the receipt
-- carries the dossier code and a PIN; with both, anyone may read the
-- dossier's state, its promised date and what is awaited from the person,
-- and nothing else.  Wrong PINs are counted per dossier: after
-- motcua_internal.pin_max_failures() in a row the dossier is locked for
-- motcua_internal.pin_lock_time().

CREATE OR REPLACE FUNCTION motcua_internal.pin_max_failures() RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT 5';
CREATE OR REPLACE FUNCTION motcua_internal.pin_lock_time() RETURNS interval
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$SELECT interval '15 minutes'$$;

-- pin_hash: the salted hash a PIN is kept as.
CREATE OR REPLACE FUNCTION motcua_internal.pin_hash(salt bytea, pin text) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT pg_catalog.sha256(salt || pg_catalog.convert_to(pin, 'UTF8'))
$$;

-- issue_status_pin: a new PIN for a dossier's receipt (replacing the one
-- before), returned once to be printed; only its hash is kept.
CREATE OR REPLACE FUNCTION motcua.issue_status_pin(dossier motcua.dossier_code) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d record;
	pin text;
	salt bytea;
BEGIN
	IF dossier IS NULL THEN
		RAISE EXCEPTION 'issue_status_pin needs a dossier' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT x.unit, x.current_unit INTO d FROM motcua.dossier x
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM motcua_internal.require_unit_access(ARRAY[d.unit, d.current_unit], 'issue a PIN for dossier ' || dossier);
	-- six digits and a 16-byte salt from the server's strong random source
	pin := lpad((('x' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 8))::bit(32)::bigint % 1000000)::text, 6, '0');
	salt := decode(replace(gen_random_uuid()::text, '-', ''), 'hex');
	INSERT INTO motcua_internal.dossier_pin AS p (dossier, salt, pin_hash, issued_at, issued_by)
	VALUES (dossier, salt, motcua_internal.pin_hash(salt, pin), now(), session_user)
	ON CONFLICT ON CONSTRAINT dossier_pin_pkey DO UPDATE
	SET salt = EXCLUDED.salt, pin_hash = EXCLUDED.pin_hash, issued_at = EXCLUDED.issued_at,
		issued_by = EXCLUDED.issued_by, failures = 0, locked_until = NULL;
	RETURN pin;
END
$$;
COMMENT ON FUNCTION motcua.issue_status_pin(motcua.dossier_code) IS
	'a new six-digit PIN for a dossier''s receipt, for the citizen''s status look-up (dossier_status); returned once, kept only as a salted hash';

-- dossier_status: what the person may know of their dossier, given its
-- code and the receipt's PIN.  outcome is ok, wrong_pin (also for a code
-- unknown here: nothing tells the two apart) or locked (retry_after says
-- when to try again).  The wrong tries are counted, so they are not an
-- error: an error would undo the count.
CREATE OR REPLACE FUNCTION motcua.dossier_status(code text, pin text,
												 OUT outcome text, OUT state text, OUT state_name text,
												 OUT promised_at timestamptz, OUT awaiting text, OUT amount_due numeric,
												 OUT retry_after timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	dc motcua.dossier_code;
	p motcua_internal.dossier_pin;
	d record;
BEGIN
	IF code IS NULL OR pin IS NULL THEN
		RAISE EXCEPTION 'dossier_status needs a dossier code and a PIN' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	dc := code::motcua.dossier_code;
	SELECT * INTO p FROM motcua_internal.dossier_pin x WHERE x.dossier OPERATOR(motcua.=) dc FOR UPDATE;
	IF NOT FOUND THEN
		outcome := 'wrong_pin';
		RETURN;
	END IF;
	IF p.locked_until > now() THEN
		outcome := 'locked';
		retry_after := p.locked_until;
		RETURN;
	END IF;
	IF motcua_internal.pin_hash(p.salt, pin) <> p.pin_hash THEN
		IF p.failures + 1 >= motcua_internal.pin_max_failures() THEN
			UPDATE motcua_internal.dossier_pin x SET failures = 0, locked_until = now() + motcua_internal.pin_lock_time()
			WHERE x.dossier OPERATOR(motcua.=) dc
			RETURNING x.locked_until INTO retry_after;
			outcome := 'locked';
		ELSE
			UPDATE motcua_internal.dossier_pin x SET failures = p.failures + 1 WHERE x.dossier OPERATOR(motcua.=) dc;
			outcome := 'wrong_pin';
		END IF;
		RETURN;
	END IF;
	IF p.failures > 0 OR p.locked_until IS NOT NULL THEN
		UPDATE motcua_internal.dossier_pin x SET failures = 0, locked_until = NULL WHERE x.dossier OPERATOR(motcua.=) dc;
	END IF;
	SELECT x.state, s.name AS state_name, x.promised_at, x.fee, x.paid_amount INTO d
	FROM motcua.dossier x JOIN motcua.dossier_state s ON s.state = x.state
	WHERE x.code OPERATOR(motcua.=) dc AND x.received_on = motcua.received_on(dc);
	outcome := 'ok';
	state := d.state;
	state_name := d.state_name;
	promised_at := d.promised_at;
	IF d.state = 'awaiting_supplement' THEN
		SELECT 'supplement: ' || (e.details->>'reason') INTO awaiting
		FROM motcua.dossier_event e
		WHERE e.dossier OPERATOR(motcua.=) dc AND e.action = 'request_supplement'
		ORDER BY e.seq DESC LIMIT 1;
	ELSIF d.state = 'awaiting_payment' THEN
		awaiting := 'payment';
		amount_due := greatest(d.fee - d.paid_amount, 0);
	END IF;
END
$$;
COMMENT ON FUNCTION motcua.dossier_status(text, text) IS
	'the citizen''s status look-up with the receipt''s code and PIN: state, promised date, what is awaited (supplement, payment); outcome wrong_pin or locked otherwise';

REVOKE ALL ON FUNCTION motcua.issue_status_pin(motcua.dossier_code), motcua.dossier_status(text, text),
	motcua_internal.pin_hash(bytea, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.issue_status_pin(motcua.dossier_code) TO motcua_officer, motcua_admin;
GRANT EXECUTE ON FUNCTION motcua.dossier_status(text, text) TO motcua_public, motcua_officer, motcua_admin;
GRANT USAGE ON SCHEMA motcua TO motcua_public;

-- Subjects after their creation: audited corrections of who they are, and
-- the pseudonyms analytics get instead of their identifiers.

-- correct_subject corrects a subject's identifier (a personal ID or tax
-- code keyed in wrong), name or birth date.  The old and new values, the
-- login role and the reason go into motcua.subject_correction, and every
-- dossier of the subject gets a correct_subject event in its history.  An
-- officer may correct the subjects of their units' dossiers; the
-- administrator any subject.  An identifier another subject holds is
-- refused (23505): two records of one person are merged by hand, not here.
CREATE OR REPLACE FUNCTION motcua.correct_subject(subject text, reason text, new_identifier text DEFAULT NULL,
									   new_name text DEFAULT NULL, new_birth_date date DEFAULT NULL)
	RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	s motcua.subject;
	units motcua.unit_id[];
	before jsonb;
	after jsonb;
	cid bigint;
	d record;
BEGIN
	IF subject IS NULL OR reason IS NULL OR btrim(reason) = '' THEN
		RAISE EXCEPTION 'correct_subject needs the subject and a reason' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_length(reason, 2000, 'reason');
	PERFORM motcua_internal.require_length(new_name, 200, 'new_name');
	IF new_identifier IS NULL AND new_name IS NULL AND new_birth_date IS NULL THEN
		RAISE EXCEPTION 'correct_subject needs a new identifier, name or birth date' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF new_birth_date IS NOT NULL AND (NOT isfinite(new_birth_date) OR new_birth_date > current_date) THEN
		RAISE EXCEPTION 'new_birth_date % is not a past date', new_birth_date USING ERRCODE = 'invalid_datetime_format';
	END IF;
	SELECT * INTO s FROM motcua.subject x
	WHERE (subject ~ '^[0-9]{12}$' AND x.personal_id OPERATOR(motcua.=) subject::motcua.personal_id)
	   OR (subject ~ '^[0-9]{10}(-[0-9]{3})?$' AND x.tax_code OPERATOR(motcua.=) subject::motcua.tax_code)
	FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no subject has the identifier %', left(subject, 40) USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT pg_catalog.pg_has_role(session_user, 'motcua_admin', 'MEMBER') THEN
		units := ARRAY(SELECT DISTINCT u FROM motcua.dossier x, LATERAL (VALUES (x.unit), (x.current_unit)) v(u)
					   WHERE x.subject = s.id);
		PERFORM motcua_internal.require_unit_access(units, 'correct subject ' || left(subject, 40));
	END IF;

	before := jsonb_strip_nulls(jsonb_build_object('identifier', coalesce(s.personal_id::text, s.tax_code::text),
												   'full_name', s.full_name, 'birth_date', s.birth_date));
	BEGIN
		IF new_identifier IS NOT NULL AND s.kind = 'person' THEN
			s.personal_id := new_identifier::motcua.personal_id;
		ELSIF new_identifier IS NOT NULL THEN
			s.tax_code := new_identifier::motcua.tax_code;
		END IF;
		s.full_name := coalesce(normalize(new_name, NFC), s.full_name);
		s.birth_date := coalesce(new_birth_date, s.birth_date);
		UPDATE motcua.subject x SET personal_id = s.personal_id, tax_code = s.tax_code, full_name = s.full_name,
									birth_date = s.birth_date
		WHERE x.id = s.id;
	EXCEPTION WHEN unique_violation THEN
		RAISE EXCEPTION 'another subject already has the identifier %', new_identifier
			USING ERRCODE = 'unique_violation', HINT = 'Two records of one person are merged by an administrator, not by a correction.';
	END;
	after := jsonb_strip_nulls(jsonb_build_object('identifier', coalesce(s.personal_id::text, s.tax_code::text),
												  'full_name', s.full_name, 'birth_date', s.birth_date));
	INSERT INTO motcua.subject_correction (subject, old_values, new_values, reason)
	VALUES (s.id, before, after, reason) RETURNING id INTO cid;

	-- each dossier's history says it too
	FOR d IN SELECT x.code FROM motcua.dossier x WHERE x.subject = s.id ORDER BY x.code FOR UPDATE LOOP
		PERFORM motcua_internal.append_note_event(d.code, 'correct_subject',
			jsonb_build_object('correction', cid, 'reason', reason, 'before', before, 'after', after));
	END LOOP;
	RETURN cid;
END
$$;
COMMENT ON FUNCTION motcua.correct_subject(text, text, text, text, date) IS
	'correct a subject''s identifier, name or birth date with a reason: logged in subject_correction with the old values, and an event in each of its dossiers'' histories';

-- rotate_pseudonym_key makes the pseudonyms' key (the first time: until
-- then motcua.dossier_pseudonymized says so) or replaces it: every
-- pseudonym changes, and the earlier ones can no longer be linked to the
-- new ones.  The key is 32 bytes of the server's strong random source.
CREATE OR REPLACE FUNCTION motcua.rotate_pseudonym_key() RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	made timestamptz;
BEGIN
	INSERT INTO motcua_internal.pseudonym_key AS k (key)
	VALUES (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
	ON CONFLICT ON CONSTRAINT pseudonym_key_pkey DO UPDATE SET key = EXCLUDED.key, made_at = now()
	RETURNING k.made_at INTO made;
	RETURN made;
END
$$;
COMMENT ON FUNCTION motcua.rotate_pseudonym_key() IS
	'make, or replace, the secret key of the pseudonyms in motcua.dossier_pseudonymized (every pseudonym changes)';

-- missing_pseudonym_key: the error of a pseudonym asked before the key
-- was made.
CREATE OR REPLACE FUNCTION motcua_internal.missing_pseudonym_key() RETURNS bytea
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'the pseudonyms'' key has not been made'
		USING ERRCODE = 'object_not_in_prerequisite_state',
			  HINT = 'An administrator runs SELECT motcua.rotate_pseudonym_key(); once.';
END
$$;

CREATE OR REPLACE FUNCTION motcua_internal.hmac_sha256(key bytea, message bytea) RETURNS bytea
	AS 'MODULE_PATHNAME', 'motcua_hmac_sha256'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Dossiers for analytics: no identifier, no name; the person or
-- organization is a pseudonym (HMAC-SHA256 of the identifier under the
-- installation's secret key, 32 hex digits), the same for every dossier of
-- one subject, so repeat filings and reuse can be counted.  The view reads
-- the key with its owner's rights and never shows it; hmac_sha256 alone is
-- of no use to its callers.
CREATE OR REPLACE VIEW motcua.dossier_pseudonymized AS
SELECT d.unit, d.current_unit, d.procedure, d.channel, d.received_on, d.received_at, d.state,
	   d.promised_at, d.due_at, d.finished_at, d.returned_at, d.supplement_count, d.extension_count,
	   d.fee, d.paid_amount, d.paid_online, s.kind AS subject_kind,
	   left(encode(motcua_internal.hmac_sha256(coalesce(k.key, motcua_internal.missing_pseudonym_key()),
											convert_to(coalesce(s.personal_id::text, s.tax_code::text), 'UTF8')),
				'hex'), 32) AS subject_pseudonym
FROM motcua.dossier d
JOIN motcua.subject s ON s.id = d.subject
LEFT JOIN motcua_internal.pseudonym_key k ON true;
COMMENT ON VIEW motcua.dossier_pseudonymized IS
	'every dossier without personal data: the subject is a keyed pseudonym (the same for all of one subject''s dossiers), for BI analytics';

COMMENT ON COLUMN motcua.dossier_pseudonymized.unit IS 'the unit that received the dossier';
COMMENT ON COLUMN motcua.dossier_pseudonymized.current_unit IS 'the unit holding it now';
COMMENT ON COLUMN motcua.dossier_pseudonymized.procedure IS 'the procedure';
COMMENT ON COLUMN motcua.dossier_pseudonymized.channel IS 'how it was filed: direct, online or postal';
COMMENT ON COLUMN motcua.dossier_pseudonymized.received_on IS 'the local day of reception';
COMMENT ON COLUMN motcua.dossier_pseudonymized.received_at IS 'when it was received';
COMMENT ON COLUMN motcua.dossier_pseudonymized.state IS 'its state now';
COMMENT ON COLUMN motcua.dossier_pseudonymized.promised_at IS 'the return date the person holds';
COMMENT ON COLUMN motcua.dossier_pseudonymized.due_at IS 'the legal deadline';
COMMENT ON COLUMN motcua.dossier_pseudonymized.finished_at IS 'when processing ended';
COMMENT ON COLUMN motcua.dossier_pseudonymized.returned_at IS 'when the result was returned';
COMMENT ON COLUMN motcua.dossier_pseudonymized.supplement_count IS 'supplement requests made';
COMMENT ON COLUMN motcua.dossier_pseudonymized.extension_count IS 'extensions granted';
COMMENT ON COLUMN motcua.dossier_pseudonymized.fee IS 'the fee asked';
COMMENT ON COLUMN motcua.dossier_pseudonymized.paid_amount IS 'the amount paid';
COMMENT ON COLUMN motcua.dossier_pseudonymized.paid_online IS 'whether it was paid online';
COMMENT ON COLUMN motcua.dossier_pseudonymized.subject_kind IS 'person or organization';
COMMENT ON COLUMN motcua.dossier_pseudonymized.subject_pseudonym IS
	'HMAC-SHA256 of the subject''s identifier under the installation''s secret key (32 hex digits): the same for one subject''s dossiers, not reversible without the key';

CREATE OR REPLACE TRIGGER append_only BEFORE UPDATE OR DELETE ON motcua.subject_correction
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.refuse_change();
CREATE OR REPLACE TRIGGER append_only_truncate BEFORE TRUNCATE ON motcua.subject_correction
	FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.refuse_change();

REVOKE ALL ON FUNCTION motcua.correct_subject(text, text, text, text, date), motcua.rotate_pseudonym_key(),
	motcua_internal.missing_pseudonym_key(), motcua_internal.hmac_sha256(bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua_internal.missing_pseudonym_key(), motcua_internal.hmac_sha256(bytea, bytea)
	TO motcua_bi, motcua_auditor, motcua_admin;
GRANT EXECUTE ON FUNCTION motcua.correct_subject(text, text, text, text, date) TO motcua_officer, motcua_admin;
GRANT EXECUTE ON FUNCTION motcua.rotate_pseudonym_key() TO motcua_admin;
GRANT SELECT ON motcua.dossier_pseudonymized TO motcua_bi, motcua_auditor, motcua_admin;
GRANT SELECT ON motcua.subject_correction TO motcua_officer, motcua_auditor, motcua_admin;
GRANT SELECT ON motcua_internal.pseudonym_key TO motcua_admin;

-- Corrections of a person's or organization's identity, and the key of
-- the pseudonyms BI gets instead of identifiers (0.2).

-- Each correction of a subject's identifier, name or birth date, with the
-- old and new values, who made it (the session's login role) and why.
-- Append-only: the old value stays.
CREATE TABLE motcua.subject_correction (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	subject		bigint NOT NULL REFERENCES motcua.subject,
	corrected_at timestamptz NOT NULL DEFAULT clock_timestamp(),
	actor		text NOT NULL DEFAULT session_user,
	old_values	jsonb NOT NULL,
	new_values	jsonb NOT NULL,
	reason		text NOT NULL CHECK (btrim(reason) <> '' AND length(reason) <= 2000)
);
CREATE INDEX subject_correction_subject_idx ON motcua.subject_correction (subject);
COMMENT ON TABLE motcua.subject_correction IS
	'append-only log of corrections of a subject''s identifier, name or birth date (motcua.correct_subject): old and new values, who and why';
SELECT pg_catalog.pg_extension_config_dump('motcua.subject_correction', '');

-- The secret key of the pseudonyms: 32 random bytes the administrator
-- makes once with motcua.rotate_pseudonym_key (not CREATE EXTENSION, so
-- that a restore brings the installation's own key back), readable by
-- motcua_admin only.  Replacing it unlinks every pseudonym from the
-- earlier ones.
CREATE TABLE motcua_internal.pseudonym_key (
	id			integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
	key			bytea NOT NULL CHECK (length(key) >= 16),
	made_at		timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE motcua_internal.pseudonym_key IS
	'the HMAC key of the pseudonyms BI sees instead of personal IDs and tax codes (one row)';
SELECT pg_catalog.pg_extension_config_dump('motcua_internal.pseudonym_key', '');

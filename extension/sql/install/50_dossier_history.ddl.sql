-- Who really acted and when (0.2): every event records the session's login
-- role as its actor and the server's clock when it was written; a name or
-- a time the caller supplies is kept beside them, never instead of them.
-- Each day's dossier heads fold into a digest an archive keeps outside the
-- database (motcua.seal_history).
ALTER TABLE motcua.dossier_event
	ADD COLUMN recorded_at timestamptz,
	ADD COLUMN claimed_actor text CHECK (length(claimed_actor) BETWEEN 1 AND 200);
COMMENT ON COLUMN motcua.dossier_event.actor IS
	'the login role of the session that wrote the event (session_user)';
COMMENT ON COLUMN motcua.dossier_event.at IS
	'when the event happened: the server''s clock, or an earlier time the caller supplied within motcua.backdating_window';
COMMENT ON COLUMN motcua.dossier_event.recorded_at IS
	'the server''s clock when the event was written (NULL for events written by version 0.1)';
COMMENT ON COLUMN motcua.dossier_event.claimed_actor IS
	'the name the caller gave for who acted (an officer entering a colleague''s paper reception), kept beside actor';
CREATE INDEX dossier_event_recorded_idx ON motcua.dossier_event USING brin ((coalesce(recorded_at, at)));

CREATE TABLE motcua_internal.history_digest (
	day			date PRIMARY KEY,
	dossiers	integer NOT NULL CHECK (dossiers >= 0),
	events		bigint NOT NULL CHECK (events >= 0),
	digest		bytea NOT NULL CHECK (length(digest) = 32),
	sealed_at	timestamptz NOT NULL DEFAULT now(),
	sealed_by	text NOT NULL DEFAULT session_user
);
COMMENT ON TABLE motcua_internal.history_digest IS
	'one sealed digest per day over the heads of the dossiers whose history grew that day (motcua.seal_history)';
SELECT pg_catalog.pg_extension_config_dump('motcua_internal.history_digest', '');

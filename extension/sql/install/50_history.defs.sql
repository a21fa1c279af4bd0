-- The dossier history: the hash chain and its append-only guard; who and
-- when an event records (the session's login role, the server's clock, a
-- caller's claim beside them); verify_history, which checks the chain and
-- replays it into the dossier row; the daily digest an archive keeps.

-- event_hash computes an event's link in the chain (C, OpenSSL SHA-256):
-- the 0.1 layout, still used to verify events written by 0.1 ...
CREATE OR REPLACE FUNCTION motcua_internal.event_hash(prev bytea, dossier motcua.dossier_code, seq integer, at timestamptz,
								  actor text, action text, from_state text, to_state text, details jsonb)
	RETURNS bytea AS 'MODULE_PATHNAME', 'motcua_event_hash'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION motcua_internal.event_hash(bytea, motcua.dossier_code, integer, timestamptz, text, text, text, text, jsonb) IS
	'SHA-256 of the previous hash and a length-prefixed encoding of a version 0.1 event (NULL previous hash for the first event)';

-- ... and the 0.2 layout, which also covers the server time the event was
-- written and the caller's claimed actor.
CREATE OR REPLACE FUNCTION motcua_internal.event_hash(prev bytea, dossier motcua.dossier_code, seq integer, at timestamptz,
								  recorded_at timestamptz, actor text, claimed_actor text, action text,
								  from_state text, to_state text, details jsonb)
	RETURNS bytea AS 'MODULE_PATHNAME', 'motcua_event_hash'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION motcua_internal.event_hash(bytea, motcua.dossier_code, integer, timestamptz, timestamptz, text, text, text, text, text, jsonb) IS
	'SHA-256 of the previous hash and a length-prefixed encoding of the event, its recording time and claimed actor included';

CREATE OR REPLACE FUNCTION motcua_internal.refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'insufficient_privilege',
			  HINT = 'History cannot be changed; a correction is a new event.';
END
$$;
CREATE OR REPLACE TRIGGER append_only BEFORE UPDATE OR DELETE ON motcua.dossier_event
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.refuse_change();
CREATE OR REPLACE TRIGGER append_only_truncate BEFORE TRUNCATE ON motcua.dossier_event
	FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.refuse_change();

-- backdating_window reads motcua.backdating_window (C: calling it loads the
-- library, so the setting is always defined).
CREATE OR REPLACE FUNCTION motcua_internal.backdating_window() RETURNS interval
	AS 'MODULE_PATHNAME', 'motcua_backdating_window_fn'
	LANGUAGE C STABLE PARALLEL SAFE;

-- event_time decides when an event happened: the server's clock, or a time
-- the caller supplied (a paper record entered later) if it lies in the
-- past, not before the dossier's previous event, and within the
-- back-dating window.  Anything else is refused before anything is
-- written.  A server clock that went back never puts an event before its
-- predecessor.
CREATE OR REPLACE FUNCTION motcua_internal.event_time(supplied timestamptz, previous timestamptz, what text)
	RETURNS timestamptz
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	clock timestamptz := clock_timestamp();
	win interval := motcua_internal.backdating_window();
BEGIN
	IF supplied IS NULL THEN
		RETURN greatest(clock, previous);
	END IF;
	-- the start of this transaction is the server's clock too (the default
	-- of receive's received_at)
	IF supplied = now() AND supplied >= previous IS NOT FALSE THEN
		RETURN supplied;
	END IF;
	PERFORM motcua_internal.require_finite(supplied, what);
	IF supplied > clock THEN
		RAISE EXCEPTION '% % is in the future', what, supplied
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('The server''s clock reads %s.', clock),
				  HINT = 'Leave the time out: an event carries the server''s clock.';
	END IF;
	IF supplied < previous THEN
		RAISE EXCEPTION '% % is before the dossier''s last event at %', what, supplied, previous
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF supplied < clock - win THEN
		RAISE EXCEPTION '% % lies more than % in the past', what, supplied, justify_hours(win)
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'A record may be entered late only within motcua.backdating_window.',
				  HINT = 'A superuser can widen motcua.backdating_window for a session that loads older records.';
	END IF;
	RETURN supplied;
END
$$;

-- append_event adds the next link of a dossier's history and returns its
-- hash.  The actor is the session's login role; claimed is the name the
-- caller gave, kept beside it.  Only receive and transition call it.
CREATE OR REPLACE FUNCTION motcua_internal.append_event(d motcua.dossier_code, seq integer, prev bytea, at timestamptz,
									claimed text, action text, from_state text, to_state text, details jsonb)
	RETURNS bytea
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	recorded timestamptz := clock_timestamp();
	h bytea;
BEGIN
	claimed := nullif(claimed, '');
	PERFORM motcua_internal.require_length(claimed, 200, 'actor');
	PERFORM motcua_internal.require_length(details::text, 32768, 'details');
	h := motcua_internal.event_hash(prev, d, seq, at, recorded, session_user, claimed, action, from_state, to_state, details);
	INSERT INTO motcua.dossier_event (dossier, seq, at, actor, action, from_state, to_state, details, prev_hash, hash,
									  recorded_at, claimed_actor)
	VALUES (d, seq, at, session_user, action, from_state, to_state, details, prev, h, recorded, claimed);
	RETURN h;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.append_event(motcua.dossier_code, integer, bytea, timestamptz, text, text, text, text, jsonb) FROM PUBLIC;

-- append_note_event adds to a dossier's history an event that leaves its
-- state as it is (a correction of its subject, a report of the postal
-- service), at the given time or the server's clock, and returns the
-- event's time.  The dossier's row is locked for it.
CREATE OR REPLACE FUNCTION motcua_internal.append_note_event(dossier motcua.dossier_code, action text, details jsonb,
															  at timestamptz DEFAULT NULL)
	RETURNS timestamptz
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d record;
	h bytea;
BEGIN
	SELECT x.code, x.received_on, x.state, x.event_count, x.last_hash, x.updated_at INTO d
	FROM motcua.dossier x
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier)
	FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	at := motcua_internal.event_time(at, d.updated_at, 'the event time (at)');
	h := motcua_internal.append_event(d.code, d.event_count + 1, d.last_hash, at, NULL, action, d.state, d.state, details);
	UPDATE motcua.dossier x SET event_count = d.event_count + 1, last_hash = h, updated_at = at
	WHERE x.code OPERATOR(motcua.=) d.code AND x.received_on = d.received_on;
	RETURN at;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.append_note_event(motcua.dossier_code, text, jsonb, timestamptz) FROM PUBLIC;

-- verify_history recomputes a dossier's hash chain, then replays the
-- history into the dossier's state, promised date, finish and return
-- times, current unit, the units it was passed to and results and compares them with the dossier row.
-- It returns valid true, or false with the first event that does not
-- match (or the last one, for a row that disagrees with its history) and
-- why.
CREATE OR REPLACE FUNCTION motcua.verify_history(dossier motcua.dossier_code,
									  OUT valid boolean, OUT first_broken_seq integer, OUT reason text)
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	e record;
	prev bytea := NULL;
	expect integer := 1;
	d record;
	ending text[] := ARRAY(SELECT s.state FROM motcua.dossier_state s WHERE s.ends_processing);
	r_state text;
	r_promised timestamptz;
	r_finished timestamptz;
	r_returned timestamptz;
	r_unit text;
	r_transferred text[] := '{}';
	r_results jsonb := '[]';
	h bytea;
	diff text;
BEGIN
	SELECT x.event_count, x.last_hash, x.state, x.promised_at, x.finished_at, x.returned_at,
		   x.current_unit::text AS current_unit, x.transferred_to::text[] AS transferred_to, x.results INTO d
	FROM motcua.dossier x
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
		IF e.recorded_at IS NULL THEN
			h := motcua_internal.event_hash(e.prev_hash, e.dossier, e.seq, e.at, e.actor, e.action,
											e.from_state, e.to_state, e.details);
		ELSE
			h := motcua_internal.event_hash(e.prev_hash, e.dossier, e.seq, e.at, e.recorded_at, e.actor,
											e.claimed_actor, e.action, e.from_state, e.to_state, e.details);
		END IF;
		IF e.hash IS DISTINCT FROM h THEN
			valid := false; first_broken_seq := e.seq; reason := 'its content does not match its hash';
			RETURN;
		END IF;
		-- the replay
		r_state := e.to_state;
		IF e.seq = 1 THEN
			r_promised := (e.details->>'promised_at')::timestamptz;
			r_unit := (SELECT x.unit::text FROM motcua.dossier x WHERE x.code OPERATOR(motcua.=) dossier
						 AND x.received_on = motcua.received_on(dossier));
		END IF;
		IF e.details ? 'promised_at_after' THEN
			r_promised := (e.details->>'promised_at_after')::timestamptz;
		END IF;
		IF r_finished IS NULL AND e.to_state = ANY (ending) THEN
			r_finished := e.at;
		END IF;
		CASE e.action
		WHEN 'transfer' THEN
			r_unit := e.details->>'to_unit';
			r_transferred := r_transferred || r_unit;
		WHEN 'complete' THEN r_results := coalesce(e.details->'results', '[]');
		WHEN 'return_result' THEN r_returned := e.at;
		ELSE NULL;
		END CASE;
		prev := e.hash;
		expect := expect + 1;
	END LOOP;
	IF expect - 1 <> d.event_count OR prev IS DISTINCT FROM d.last_hash THEN
		valid := false; first_broken_seq := expect;
		reason := format('the dossier records %s events ending in another hash; %s are present',
						 d.event_count, expect - 1);
		RETURN;
	END IF;
	-- (compared as text: one session's text of a time or a jsonb value is
	-- one-to-one with the value)
	SELECT string_agg(format('%s %s %s, the history leads to %s', f.name, CASE f.name WHEN 'results' THEN 'are' ELSE 'is' END,
							 coalesce(f.in_row, 'NULL'), coalesce(f.replayed, 'NULL')), '; ' ORDER BY f.n)
	INTO diff
	FROM (VALUES (1, 'state', d.state, r_state),
				 (2, 'promised_at', d.promised_at::text, r_promised::text),
				 (3, 'finished_at', d.finished_at::text, r_finished::text),
				 (4, 'returned_at', d.returned_at::text, r_returned::text),
				 (5, 'current_unit', d.current_unit, r_unit),
				 (6, 'transferred_to', d.transferred_to::text, r_transferred::text),
				 (7, 'results', d.results::text, r_results::text)) f(n, name, in_row, replayed)
	WHERE f.in_row IS DISTINCT FROM f.replayed;
	IF diff IS NOT NULL THEN
		valid := false; first_broken_seq := expect - 1;
		reason := 'the dossier row differs from its history: ' || diff;
		RETURN;
	END IF;
	valid := true;
END
$$;
COMMENT ON FUNCTION motcua.verify_history(motcua.dossier_code) IS
	'recompute the SHA-256 chain of a dossier''s events and replay them into the dossier row: valid, or the first broken event and why';

-- day_bounds: the instants a calendar day of Vietnam (UTC+7) starts and
-- ends, which the daily digest groups events by.
CREATE OR REPLACE FUNCTION motcua_internal.day_bounds(day date) RETURNS tstzrange
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT tstzrange(day::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh', (day + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
$$;

-- history_digest folds one day's dossier heads into a digest: for every
-- dossier whose history grew that day (by the server's recording time),
-- its last event of the day; the digest is SHA-256 over the lines
-- "<code> <seq> " followed by that event's 32-byte hash, in code order.
-- A cut tail or a rewritten chain changes some head, so the digest kept
-- outside the database no longer matches.
CREATE OR REPLACE FUNCTION motcua.history_digest(day date, OUT dossiers integer, OUT events bigint, OUT digest text)
LANGUAGE sql STABLE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	WITH day_events AS (
		SELECT e.dossier::text AS code, e.seq, e.hash
		FROM motcua.dossier_event e
		WHERE coalesce(e.recorded_at, e.at) <@ motcua_internal.day_bounds(day)
	), heads AS (
		SELECT DISTINCT ON (code) code, seq, hash FROM day_events ORDER BY code, seq DESC
	)
	SELECT (SELECT count(*) FROM heads)::integer, (SELECT count(*) FROM day_events),
		   encode(sha256(coalesce((SELECT string_agg(convert_to(h.code || ' ' || h.seq || ' ', 'UTF8') || h.hash, ''
													 ORDER BY h.code COLLATE "C")
								   FROM heads h), '')), 'hex')
$$;
COMMENT ON FUNCTION motcua.history_digest(date) IS
	'the digest of one day''s history (SHA-256 over each grown dossier''s last event of the day), with the number of dossiers and events';

-- seal_history stores a finished day's digest, once; sealing it again
-- returns what was sealed.  The scheduler (or a DBA's cron) seals every
-- day; an archive copies motcua.history_digests out of the database.
CREATE OR REPLACE FUNCTION motcua.seal_history(day date DEFAULT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1)
	RETURNS TABLE (sealed_day date, dossiers integer, events bigint, digest text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
	IF day IS NULL OR NOT isfinite(day) THEN
		RAISE EXCEPTION 'seal_history needs a day' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF upper(motcua_internal.day_bounds(day)) > now() THEN
		RAISE EXCEPTION 'day % is not over yet', day
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Seal a day once it has ended (the default is yesterday).';
	END IF;
	INSERT INTO motcua_internal.history_digest (day, dossiers, events, digest)
	SELECT seal_history.day, g.dossiers, g.events, decode(g.digest, 'hex') FROM motcua.history_digest(seal_history.day) g
	ON CONFLICT ON CONSTRAINT history_digest_pkey DO NOTHING;
	RETURN QUERY SELECT h.day, h.dossiers, h.events, encode(h.digest, 'hex')
	FROM motcua_internal.history_digest h WHERE h.day = seal_history.day;
END
$$;
COMMENT ON FUNCTION motcua.seal_history(date) IS
	'store a finished day''s history digest (default yesterday); sealing a day twice returns the first seal';

-- verify_history_day recomputes a sealed day's digest and compares.
CREATE OR REPLACE FUNCTION motcua.verify_history_day(day date, OUT valid boolean, OUT sealed text, OUT recomputed text,
										  OUT sealed_events bigint, OUT events bigint)
LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	h record;
	g record;
BEGIN
	SELECT * INTO h FROM motcua_internal.history_digest x WHERE x.day = day;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'day % has not been sealed', day
			USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'motcua.seal_history(day) seals a finished day.';
	END IF;
	SELECT * INTO g FROM motcua.history_digest(day);
	sealed := encode(h.digest, 'hex');
	recomputed := g.digest;
	sealed_events := h.events;
	events := g.events;
	valid := sealed = recomputed;
END
$$;
COMMENT ON FUNCTION motcua.verify_history_day(date) IS
	'recompute a sealed day''s history digest: valid when it matches the seal';

CREATE OR REPLACE VIEW motcua.history_digests AS
	SELECT h.day, h.dossiers, h.events, encode(h.digest, 'hex') AS digest, h.sealed_at, h.sealed_by
	FROM motcua_internal.history_digest h;
COMMENT ON VIEW motcua.history_digests IS
	'the sealed daily digests of the history, for an archive outside the database to keep and compare';
COMMENT ON COLUMN motcua.history_digests.day IS 'the calendar day of Vietnam (UTC+7) the digest covers';
COMMENT ON COLUMN motcua.history_digests.dossiers IS 'dossiers whose history grew that day';
COMMENT ON COLUMN motcua.history_digests.events IS 'events recorded that day';
COMMENT ON COLUMN motcua.history_digests.digest IS 'hex SHA-256 over each grown dossier''s code, last sequence number and last hash of the day, in code order';
COMMENT ON COLUMN motcua.history_digests.sealed_at IS 'when the day was sealed';
COMMENT ON COLUMN motcua.history_digests.sealed_by IS 'the login that sealed it';

REVOKE ALL ON FUNCTION motcua.history_digest(date), motcua.seal_history(date), motcua.verify_history_day(date),
	motcua_internal.event_time(timestamptz, timestamptz, text), motcua_internal.backdating_window() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.history_digest(date), motcua.verify_history_day(date) TO motcua_auditor, motcua_admin;
GRANT EXECUTE ON FUNCTION motcua.seal_history(date) TO motcua_admin;
GRANT SELECT ON motcua.history_digests TO motcua_auditor, motcua_admin;

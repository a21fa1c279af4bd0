-- Dossier helpers: the hash chain of the history and its append-only guard,
-- month partitions, the receiving unit and its calendar, appending an
-- event; verify_history; the grants on the dossier tables.

-- event_hash computes an event's link in the chain (C, OpenSSL SHA-256).
CREATE OR REPLACE FUNCTION motcua_internal.event_hash(prev bytea, dossier motcua.dossier_code, seq integer, at timestamptz,
								  actor text, action text, from_state text, to_state text, details jsonb)
	RETURNS bytea AS 'MODULE_PATHNAME', 'motcua_event_hash'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION motcua_internal.event_hash(bytea, motcua.dossier_code, integer, timestamptz, text, text, text, text, jsonb) IS
	'SHA-256 of the previous hash and a length-prefixed encoding of the event (NULL previous hash for the first event)';

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

-- ensure_dossier_partition creates the month partition that holds day, if
-- it is missing.  Receptions call it only when the month has no partition
-- yet; a DBA can create months ahead.  Two sessions racing to create the
-- same month are fine: the loser finds it made.
CREATE OR REPLACE FUNCTION motcua.ensure_dossier_partition(day date) RETURNS text
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
CREATE OR REPLACE FUNCTION motcua_internal.require_receiving_unit(unit motcua.unit_id, what text) RETURNS void
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
CREATE OR REPLACE FUNCTION motcua_internal.calendar_of_unit(unit motcua.unit_id) RETURNS text
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT coalesce(u.calendar, j.calendar)
	FROM motcua.unit u JOIN motcua.jurisdiction j ON j.code = u.jurisdiction
	WHERE u.id OPERATOR(motcua.=) unit
$$;

-- office_hours_per_day of a calendar, to turn working days into hours.
CREATE OR REPLACE FUNCTION motcua_internal.office_hours_per_day(calendar text) RETURNS numeric
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT (extract(epoch FROM (morning_end - morning_start) + (afternoon_end - afternoon_start)) / 3600)::numeric
	FROM motcua.calendar c WHERE c.code = office_hours_per_day.calendar
$$;

-- append_event adds the next link of a dossier's history and returns its
-- hash.  Only receive and transition call it.
CREATE OR REPLACE FUNCTION motcua_internal.append_event(d motcua.dossier_code, seq integer, prev bytea, at timestamptz,
									actor text, action text, from_state text, to_state text, details jsonb)
	RETURNS bytea
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	h bytea := motcua_internal.event_hash(prev, d, seq, at, actor, action, from_state, to_state, details);
BEGIN
	INSERT INTO motcua.dossier_event (dossier, seq, at, actor, action, from_state, to_state, details, prev_hash, hash)
	VALUES (d, seq, at, actor, action, from_state, to_state, details, prev, h);
	RETURN h;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.append_event(motcua.dossier_code, integer, bytea, timestamptz, text, text, text, text, jsonb) FROM PUBLIC;

-- verify_history recomputes a dossier's hash chain.  It returns valid true,
-- or false with the first event that does not match and why.
CREATE OR REPLACE FUNCTION motcua.verify_history(dossier motcua.dossier_code,
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
		IF e.hash <> motcua_internal.event_hash(e.prev_hash, e.dossier, e.seq, e.at, e.actor, e.action,
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
REVOKE ALL ON FUNCTION motcua.ensure_dossier_partition(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.ensure_dossier_partition(date) TO motcua_admin;
GRANT SELECT ON motcua.dossier, motcua.dossier_event, motcua.dossier_component TO motcua_officer, motcua_auditor, motcua_admin;
GRANT SELECT ON motcua.dossier_state, motcua.dossier_transition TO motcua_officer, motcua_auditor, motcua_admin, motcua_bi;

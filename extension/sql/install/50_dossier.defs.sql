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

-- receive registers a dossier at a one-stop unit and returns its code
-- (ONE-STOP.md §2): subject is a personal ID or tax code (created when
-- new), channel direct, online or postal.  The promised return date comes
-- from the procedure's legal duration, the unit's calendar and the
-- procedure's receipt cut-off.
CREATE OR REPLACE FUNCTION motcua.receive(procedure motcua.procedure_code, subject text, unit motcua.unit_id,
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
	PERFORM motcua_internal.require_term('channel', channel, 'channel');
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
	PERFORM motcua_internal.require_receiving_unit(unit, 'dossiers');
	cal := motcua_internal.calendar_of_unit(unit);
	sid := motcua_internal.subject_of(subject);
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

	INSERT INTO motcua_internal.dossier_counter AS c (unit, day, last_seq) VALUES (unit, local_day, 1)
	ON CONFLICT ON CONSTRAINT dossier_counter_pkey DO UPDATE SET last_seq = c.last_seq + 1
	RETURNING c.last_seq INTO seq;
	code := motcua.make_dossier_code(unit, local_day, seq);

	h := motcua_internal.append_event(code, 1, NULL, received_at, actor, 'receive', NULL, 'received',
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
	JOIN motcua_internal.reuse_status(sid, procedure, received_at) r ON r.ordinal = pc.ordinal
	WHERE pc.procedure OPERATOR(motcua.=) procedure;
	RETURN code;
END
$$;
COMMENT ON FUNCTION motcua.receive(motcua.procedure_code, text, motcua.unit_id, text, timestamptz, jsonb) IS
	'receive a dossier: assigns its code, computes the promised return date, records the expected components';

-- transition applies an action to a dossier and returns the new state.  The
-- dossier row is locked first, so concurrent actions on one dossier run one
-- after the other and each sees the state the previous one left.
CREATE OR REPLACE FUNCTION motcua.transition(dossier motcua.dossier_code, action text, actor text, details jsonb DEFAULT '{}')
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
			d.promised_at := motcua.add_working_hours(d.promised_at, stopped * motcua_internal.office_hours_per_day(d.calendar), d.calendar);
		END IF;
		d.clock_stops := d.clock_stops || tstzrange(d.clock_stopped_at, at);
		d.clock_stopped_at := NULL;
		d.due_at := motcua_internal.legal_due(d.first_promised_at, d.clock_stops, NULL, d.calendar, at);
	END IF;

	CASE action
	WHEN 'assign' THEN
		d.assigned_to := coalesce(details->>'officer', details->>'department', d.assigned_to);
	WHEN 'transfer' THEN
		v := details->>'channel';
		PERFORM motcua_internal.require_term('transfer_channel', v, 'transfer channel');
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
		PERFORM motcua_internal.require_term('payment_method', v, 'payment method');
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
		PERFORM motcua_internal.deposit_results(d.code, d.subject, d.procedure, d.current_unit, d.results, at);
	WHEN 'return_result' THEN
		v := details->>'channel';
		PERFORM motcua_internal.require_term('channel', v, 'return channel');
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
	h := motcua_internal.append_event(dossier, d.event_count + 1, d.last_hash, at, actor, action, d.state, new_state, details);
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
CREATE OR REPLACE FUNCTION motcua.portal_status(state text) RETURNS smallint
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
CREATE OR REPLACE FUNCTION motcua_internal.legal_due(first_promised timestamptz, closed_stops tstzrange[],
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
			due := motcua.add_working_hours(due, stopped * motcua_internal.office_hours_per_day(calendar), calendar);
		END IF;
	END LOOP;
	RETURN due;
END
$$;
COMMENT ON FUNCTION motcua_internal.legal_due(timestamptz, tstzrange[], timestamptz, text, timestamptz) IS
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
CREATE OR REPLACE FUNCTION motcua.timeliness(dossier motcua.dossier_code, as_of timestamptz DEFAULT now()) RETURNS text
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
		RETURN motcua_internal.finished_outcome(d.finished_at, d.due_at, d.supplement_count,
									   (SELECT c.utc_offset FROM motcua.calendar c WHERE c.code = d.calendar));
	END IF;
	RETURN CASE WHEN d.second_supplement_at <= as_of
					 OR as_of > motcua_internal.legal_due(d.first_promised_at, d.clock_stops, d.clock_stopped_at,
												 d.calendar, as_of)
				THEN 'in_progress_overdue' ELSE 'in_progress' END;
END
$$;
COMMENT ON FUNCTION motcua.timeliness(motcua.dossier_code, timestamptz) IS
	'early, on_time or late once finished, in_progress or in_progress_overdue before: the dossier as it stood at as_of, judged against its legal deadline (clock stops hold it back, extensions do not)';

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
CREATE OR REPLACE FUNCTION motcua_internal.portal_time(ts timestamptz, calendar text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT to_char(motcua.local_time(ts, calendar), 'YYYYMMDDHH24MISS')
$$;

-- portal_record builds the national portal's DongBoHoSoMC record of a
-- dossier (ONE-STOP.md §6); the sync worker sends exactly this.
CREATE OR REPLACE FUNCTION motcua.portal_record(dossier motcua.dossier_code) RETURNS jsonb
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
		'NgayTiepNhan', motcua_internal.portal_time(d.received_at, d.calendar),
		'NgayHenTra', motcua_internal.portal_time(d.promised_at, d.calendar),
		'NgayKetThucXuLy', motcua_internal.portal_time(d.finished_at, d.calendar),
		'NgayTra', motcua_internal.portal_time(d.returned_at, d.calendar),
		'TrangThaiHoSo', motcua.portal_status(d.state),
		'KenhThucHien', (SELECT c.portal_code FROM motcua.channel c WHERE c.code = d.channel),
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
						'NgayYeuCau', motcua_internal.portal_time(req.at, d.calendar),
						'LyDo', req.details->>'reason',
						'NgayBoSung', motcua_internal.portal_time(rcv.at, d.calendar),
						'NgayHenTraCu', motcua_internal.portal_time((rcv.details->>'promised_at_before')::timestamptz, d.calendar),
						'NgayHenTraMoi', motcua_internal.portal_time((rcv.details->>'promised_at_after')::timestamptz, d.calendar))
					ORDER BY req.seq)
			FROM motcua.dossier_event req
			LEFT JOIN LATERAL (
				SELECT r.at, r.details FROM motcua.dossier_event r
				WHERE r.dossier OPERATOR(motcua.=) d.code AND r.seq > req.seq AND r.action = 'supplement_received'
				ORDER BY r.seq LIMIT 1) rcv ON true
			WHERE req.dossier OPERATOR(motcua.=) d.code AND req.action = 'request_supplement'), '[]'),
		'GiaHan', coalesce((
			SELECT jsonb_agg(jsonb_build_object(
						'NgayGiaHan', motcua_internal.portal_time(e.at, d.calendar),
						'VanBanXinLoi', e.details->>'apology_letter',
						'NgayHenTraCu', motcua_internal.portal_time((e.details->>'promised_at_before')::timestamptz, d.calendar),
						'NgayHenTraMoi', motcua_internal.portal_time((e.details->>'promised_at_after')::timestamptz, d.calendar))
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

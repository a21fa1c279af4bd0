-- The state machine: every action on a dossier after its reception.

-- transition applies an action to a dossier and returns the new state.  The
-- history records the session's login role as the actor; the actor passed
-- is the caller's claim, kept beside it.  The dossier row is locked first,
-- so concurrent actions on one dossier run one after the other and each
-- sees the state the previous one left.
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
	IF dossier IS NULL OR action IS NULL OR details IS NULL THEN
		RAISE EXCEPTION 'transition needs a dossier and an action' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF jsonb_typeof(details) <> 'object' THEN
		RAISE EXCEPTION 'details must be a JSON object' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- the moves of the promised date are the history's to record
	details := details - 'promised_at_before' - 'promised_at_after';
	PERFORM motcua_internal.require_length(details->>'reason', 2000, 'reason');
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
	-- (the receiving unit returns the result; the unit it was passed to processes it)
	PERFORM motcua_internal.require_unit_access(ARRAY[d.unit, d.current_unit], 'act on dossier ' || dossier);
	SELECT * INTO t FROM motcua.dossier_transition x WHERE x.from_state = d.state AND x.action = action;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'action % is not allowed on dossier % in state %', action, dossier, d.state
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = coalesce('Allowed actions: ' || (SELECT string_agg(x.action, ', ' ORDER BY x.action)
											 FROM motcua.dossier_transition x WHERE x.from_state = d.state) || '.',
									'The dossier is closed: no action is allowed.');
	END IF;
	IF cardinality(t.required) > 0 THEN
		SELECT array_agg(k) INTO missing FROM unnest(t.required) k
		WHERE NOT details ? k OR jsonb_typeof(details->k) = 'null' OR details->>k = '';
	END IF;
	IF missing IS NOT NULL THEN
		RAISE EXCEPTION 'action % needs %', action, array_to_string(missing, ', ')
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Pass them as keys of details.';
	END IF;

	-- the server's clock, or a paper record entered late (50_history.defs.sql)
	at := motcua_internal.event_time((details->>'at')::timestamptz, d.updated_at, 'the event time (at)');
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
		d.transferred_to := d.transferred_to || d.current_unit;
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
		PERFORM motcua_internal.require_amount(n, 'amount');
		d.fee := n;
	WHEN 'payment_received' THEN
		n := (details->>'amount')::numeric;
		v := details->>'method';
		PERFORM motcua_internal.require_term('payment_method', v, 'payment method');
		PERFORM motcua_internal.require_amount(n, 'amount');
		d.paid_amount := d.paid_amount + n;
		d.paid_online := d.paid_online OR v = 'online';
	WHEN 'assist_online' THEN
		IF d.channel <> 'direct' THEN
			RAISE EXCEPTION 'dossier % came % : only a walk-in is turned into an assisted online filing', dossier, d.channel
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		d.channel := 'online';
		d.details := d.details || '{"filing": "assisted"}';
	WHEN 'refund' THEN
		n := (details->>'amount')::numeric;
		v := details->>'method';
		PERFORM motcua_internal.require_term('payment_method', v, 'payment method');
		PERFORM motcua_internal.require_amount(n, 'amount');
		IF n > d.paid_amount THEN
			RAISE EXCEPTION 'a refund of % is more than the % paid for dossier %', n, d.paid_amount, dossier
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		d.paid_amount := d.paid_amount - n;
	WHEN 'extend' THEN
		PERFORM motcua_internal.require_finite((details->>'new_promised_at')::timestamptz, 'new_promised_at');
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
		-- a result sent back by post starts its shipment (94h_postal.defs.sql)
		IF v = 'postal' AND details ? 'tracking_no' THEN
			PERFORM motcua_internal.postal_link(dossier, d.unit, details->>'tracking_no', false, details->>'carrier', at);
		END IF;
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
		current_unit = d.current_unit, transferred_to = d.transferred_to, supplement_count = d.supplement_count,
		extension_count = d.extension_count, clock_stopped_at = d.clock_stopped_at,
		clock_stops = d.clock_stops, finished_at = d.finished_at, returned_at = d.returned_at,
		fee = d.fee, paid_amount = d.paid_amount, paid_online = d.paid_online,
		transfers_electronic = d.transfers_electronic, transfers_paper = d.transfers_paper,
		result_esigned = d.result_esigned, results = d.results,
		-- (only assist_online changes how the dossier came in)
		channel = CASE WHEN action = 'assist_online' THEN d.channel ELSE x.channel END,
		details = CASE WHEN action = 'assist_online' THEN d.details ELSE x.details END,
		event_count = d.event_count + 1, last_hash = h, updated_at = at
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = d.received_on;
	RETURN new_state;
END
$$;
COMMENT ON FUNCTION motcua.transition(motcua.dossier_code, text, text, jsonb) IS
	'apply an action (accept, refuse_reception, assign, transfer, request_supplement, supplement_received, request_payment, payment_received, refund, assist_online, suspend, resume, extend, withdraw, stop, complete, return_result) and return the new state';
REVOKE ALL ON FUNCTION motcua.transition(motcua.dossier_code, text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.receive(motcua.procedure_code, text, motcua.unit_id, text, timestamptz, jsonb),
	motcua.transition(motcua.dossier_code, text, text, jsonb) TO motcua_officer, motcua_admin;

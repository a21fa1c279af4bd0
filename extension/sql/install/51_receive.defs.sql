-- Reception of a dossier [tiếp nhận hồ sơ].

-- receive registers a dossier at a one-stop unit and returns its code
-- (docs/domain.md §2): subject is a personal ID or tax code (created when
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
	claimed text := details->>'actor';
	h bytea;
	queued bigint;
BEGIN
	-- (one probe of the channel table; the vocabulary check, with its
	-- message listing the channels, only when it fails)
	IF channel IS NULL OR NOT EXISTS (SELECT 1 FROM motcua.channel c WHERE c.code = receive.channel) THEN
		PERFORM motcua_internal.require_term('channel', channel, 'channel');
	END IF;
	IF procedure IS NULL OR subject IS NULL OR unit IS NULL OR received_at IS NULL OR details IS NULL THEN
		RAISE EXCEPTION 'receive needs a procedure, subject, unit, channel and reception time'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF jsonb_typeof(details) <> 'object' THEN
		RAISE EXCEPTION 'details must be a JSON object' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- the server's clock, or a paper reception entered late (50_history.defs.sql)
	received_at := motcua_internal.event_time(received_at, NULL, 'received_at');
	details := details - 'actor';
	SELECT x.duration, x.duration_unit, x.receipt_cutoff, x.fee, x.active, x.version, x.version_from,
		   x.next_version_from, x.declaration_form, x.four_on_spot INTO p
	FROM motcua.procedure x WHERE x.code OPERATOR(motcua.=) procedure;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'procedure % does not exist', procedure USING ERRCODE = 'undefined_object';
	END IF;
	-- the catalogue version in force at the reception, when it is not the
	-- one on the procedure row (94_catalogue.defs.sql)
	IF received_at < p.version_from OR received_at >= p.next_version_from THEN
		SELECT v.duration, v.duration_unit, v.fee, v.version INTO p.duration, p.duration_unit, p.fee, p.version
		FROM motcua.procedure_version v
		WHERE v.procedure OPERATOR(motcua.=) procedure AND v.valid_from <= received_at
		ORDER BY v.valid_from DESC, v.version DESC LIMIT 1;
	END IF;
	IF NOT p.active THEN
		RAISE EXCEPTION 'procedure % is no longer in force', procedure USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	PERFORM motcua_internal.require_receiving_unit(unit, 'dossiers');
	PERFORM motcua_internal.require_unit_access(ARRAY[unit], 'receive dossiers there');
	-- an online filing made at a kiosk of the center or by an officer for
	-- the person is online, and says so
	IF details ? 'filing' AND (channel <> 'online' OR details->>'filing' NOT IN ('self', 'kiosk', 'assisted')) THEN
		RAISE EXCEPTION 'filing % does not go with channel %', details->>'filing', channel
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'An online dossier''s filing is self, kiosk or assisted; other channels have none.';
	END IF;
	-- the electronic declaration, against the procedure's form (94g_eform.defs.sql)
	IF p.declaration_form IS NOT NULL THEN
		PERFORM motcua_internal.check_declaration(procedure, p.declaration_form, details->'declaration');
	END IF;
	cal := motcua_internal.calendar_of_unit(unit);
	sid := motcua_internal.subject_of(subject);
	local_day := motcua.local_time(received_at, cal)::date;

	-- the receipt rules (office hours, the cut-off) apply to deadlines in
	-- hours and in days alike (docs/domain.md §4)
	-- "4 tại chỗ": returned the same day, whatever the legal duration
	IF p.four_on_spot THEN
		p.duration := 0;
		p.duration_unit := 'same_day';
		details := details || '{"four_on_spot": true}';
	END IF;
	promised := CASE WHEN p.duration_unit = 'working_hour' AND p.receipt_cutoff IS NULL
						 THEN motcua.add_working_hours(received_at, p.duration, cal)
					 WHEN p.duration_unit = 'working_hour'
						 THEN motcua.add_working_hours(received_at, p.duration, cal, p.receipt_cutoff)
					 WHEN p.receipt_cutoff IS NULL
						 THEN motcua.add_working_days(received_at, p.duration, cal)
					 ELSE motcua.add_working_days(received_at, p.duration, cal, p.receipt_cutoff) END;

	IF to_regclass(format('motcua.dossier_%s', to_char(local_day, 'YYYYMM'))) IS NULL THEN
		PERFORM motcua.ensure_dossier_partition(local_day);
	END IF;

	INSERT INTO motcua_internal.dossier_counter AS c (unit, day, last_seq) VALUES (unit, local_day, 1)
	ON CONFLICT ON CONSTRAINT dossier_counter_pkey DO UPDATE SET last_seq = c.last_seq + 1
	RETURNING c.last_seq INTO seq;
	code := motcua.make_dossier_code(unit, local_day, seq);

	h := motcua_internal.append_event(code, 1, NULL, received_at, claimed, 'receive', NULL, 'received',
							 details || jsonb_build_object('procedure', procedure::text, 'channel', channel,
														   'promised_at', promised)
									 || CASE WHEN p.version IS NOT NULL
											 THEN jsonb_build_object('procedure_version', p.version) ELSE '{}' END);
	INSERT INTO motcua.dossier (code, received_on, unit, procedure, subject, channel, received_at, calendar,
								state, promised_at, first_promised_at, due_at, current_unit, fee, details,
								event_count, last_hash, updated_at)
	VALUES (code, local_day, unit, procedure, sid, channel, received_at, cal,
			'received', promised, promised, promised, unit, p.fee, details, 1, h, received_at);
	-- components the state already holds are pre-filled from the reuse
	-- check (75_warehouse.sql); the rest are recorded as supplied later,
	-- and those a national database can supply are looked up for this
	-- dossier (93_connectors.defs.sql)
	-- a dossier the postal service handed over (94h_postal.defs.sql)
	IF channel = 'postal' AND details ? 'tracking_no' THEN
		PERFORM motcua_internal.postal_link(code, unit, details->>'tracking_no', true, NULL, received_at);
	END IF;
	WITH r AS (
		SELECT * FROM motcua_internal.reuse_status(sid, procedure, received_at)),
	components AS (
		INSERT INTO motcua.dossier_component (dossier, ordinal, document_type, reusable, supplied_by, document_id,
											  digitized, eligible)
		SELECT code, pc.ordinal, pc.document_type, pc.reusable,
			   CASE r.status WHEN 'reusable' THEN 'reused_warehouse' WHEN 'from_national_db' THEN 'national_db' END,
			   CASE WHEN r.status = 'reusable' THEN r.document_id END,
			   r.status IN ('reusable', 'from_national_db'), r.status IN ('reusable', 'from_national_db')
		FROM motcua.procedure_component pc
		JOIN r ON r.ordinal = pc.ordinal
		WHERE pc.procedure OPERATOR(motcua.=) procedure)
	SELECT count(motcua_internal.queue_lookup(r.source, sid, r.component, NULL, code, 'reception of the dossier'))
	INTO queued
	FROM r WHERE r.status = 'needs_refresh';
	RETURN code;
END
$$;
COMMENT ON FUNCTION motcua.receive(motcua.procedure_code, text, motcua.unit_id, text, timestamptz, jsonb) IS
	'receive a dossier: assigns its code, computes the promised return date, records the expected components';

REVOKE ALL ON FUNCTION motcua.receive(motcua.procedure_code, text, motcua.unit_id, text, timestamptz, jsonb) FROM PUBLIC;

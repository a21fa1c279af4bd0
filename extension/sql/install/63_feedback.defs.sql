-- Feedback and complaints [phản ánh, kiến nghị]; the grants of the front desk.

CREATE OR REPLACE TRIGGER dossier_ref BEFORE INSERT OR UPDATE OF dossier ON motcua.feedback
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.check_dossier_ref();
COMMENT ON TABLE motcua.feedback IS 'feedback and complaints [phản ánh, kiến nghị] about a unit or a dossier, with the handling deadline and the submitter''s satisfaction with the handling';
COMMENT ON COLUMN motcua.feedback.kind IS 'feedback [phản ánh], petition [kiến nghị], complaint [khiếu nại], dislike [không hài lòng]';
COMMENT ON COLUMN motcua.feedback.due_at IS 'handling deadline: the given number of working days in the unit''s calendar from submission';
COMMENT ON COLUMN motcua.feedback.satisfied IS 'the submitter''s satisfaction with the handling, given after it';

-- submit_feedback records feedback and its handling deadline.
CREATE OR REPLACE FUNCTION motcua.submit_feedback(unit motcua.unit_id, kind text, content text,
									   dossier motcua.dossier_code DEFAULT NULL, channel text DEFAULT 'online',
									   at timestamptz DEFAULT now(), handling_days integer DEFAULT 10)
	RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	due timestamptz;
	fid bigint;
BEGIN
	PERFORM motcua_internal.require_finite(at, 'at');
	PERFORM motcua_internal.require_length(content, 10000, 'content');
	IF unit IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'submit_feedback needs a unit and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_unit_access(ARRAY[unit], 'record feedback there');
	PERFORM motcua_internal.require_term('feedback_kind', kind, 'feedback kind');
	PERFORM motcua_internal.require_term('feedback_channel', channel, 'feedback channel');
	IF content IS NULL OR btrim(content) = '' THEN
		RAISE EXCEPTION 'feedback content must not be empty' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF handling_days IS NULL OR handling_days < 1 THEN
		RAISE EXCEPTION 'handling days must be at least 1, not %', coalesce(handling_days::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM motcua.unit x WHERE x.id OPERATOR(motcua.=) unit) THEN
		RAISE EXCEPTION 'unit % does not exist', unit USING ERRCODE = 'undefined_object';
	END IF;
	IF dossier IS NOT NULL AND NOT EXISTS (
			SELECT 1 FROM motcua.dossier x
			WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier)) THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	due := motcua.add_working_days(at, handling_days::numeric, motcua_internal.calendar_of_unit(unit));
	INSERT INTO motcua.feedback (unit, dossier, kind, channel, content, submitted_at, due_at)
	VALUES (unit, dossier, kind, channel, content, at, due)
	RETURNING id INTO fid;
	RETURN fid;
END
$$;
COMMENT ON FUNCTION motcua.submit_feedback(motcua.unit_id, text, text, motcua.dossier_code, text, timestamptz, integer) IS
	'record feedback or a complaint [phản ánh, kiến nghị]; due handling_days working days later in the unit''s calendar; returns its id';

-- handle_feedback records the answer to open feedback.
CREATE OR REPLACE FUNCTION motcua.handle_feedback(id bigint, response text, handler text, at timestamptz DEFAULT now())
	RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	f record;
BEGIN
	PERFORM motcua_internal.require_finite(at, 'at');
	PERFORM motcua_internal.require_length(response, 10000, 'response');
	PERFORM motcua_internal.require_length(handler, 200, 'handler');
	IF id IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'handle_feedback needs a feedback id and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF response IS NULL OR btrim(response) = '' OR handler IS NULL OR handler = '' THEN
		RAISE EXCEPTION 'handling needs a response and a handler' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT x.status, x.submitted_at, x.unit INTO f FROM motcua.feedback x WHERE x.id = id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'feedback % does not exist', id USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM motcua_internal.require_unit_access(ARRAY[f.unit], 'handle feedback ' || id);
	IF f.status <> 'open' THEN
		RAISE EXCEPTION 'feedback % is %: it cannot be handled again', id, f.status
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF at < f.submitted_at THEN
		RAISE EXCEPTION 'feedback % is open since %: it cannot be handled at an earlier time %', id, f.submitted_at, at
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	UPDATE motcua.feedback x SET status = 'handled', handled_at = at, response = response, handler = handler
	WHERE x.id = id;
END
$$;
COMMENT ON FUNCTION motcua.handle_feedback(bigint, text, text, timestamptz) IS
	'answer open feedback [xử lý phản ánh, kiến nghị]; on time when handled by its due date';

-- rate_feedback_handling records, once, whether the submitter was
-- satisfied with the handling (Decision 766: satisfaction with feedback
-- handling).
CREATE OR REPLACE FUNCTION motcua.rate_feedback_handling(id bigint, satisfied boolean) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	f record;
BEGIN
	IF id IS NULL OR satisfied IS NULL THEN
		RAISE EXCEPTION 'rate_feedback_handling needs a feedback id and whether the submitter is satisfied'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT x.status, x.satisfied INTO f FROM motcua.feedback x WHERE x.id = id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'feedback % does not exist', id USING ERRCODE = 'undefined_object';
	END IF;
	IF f.status <> 'handled' THEN
		RAISE EXCEPTION 'feedback % is %: its handling can be rated once it is handled', id, f.status
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF f.satisfied IS NOT NULL THEN
		RAISE EXCEPTION 'the handling of feedback % is already rated', id
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	UPDATE motcua.feedback x SET satisfied = satisfied WHERE x.id = id;
END
$$;
COMMENT ON FUNCTION motcua.rate_feedback_handling(bigint, boolean) IS
	'record once whether the submitter is satisfied with the handling of their feedback [hài lòng với việc xử lý PAKN]';

-- Deadline status of feedback, without its content.  on_time: handled by
-- the due date; false when handled late or open past the due date; NULL
-- while open and not yet due.  The index reads every unit's;
-- motcua.feedback_status (90_row_security.defs.sql) shows an officer
-- their own units'.
CREATE OR REPLACE VIEW motcua_internal.feedback_deadline AS
SELECT f.id, f.unit, f.kind, f.channel, f.status, f.submitted_at, f.due_at, f.handled_at,
	   CASE WHEN f.handled_at IS NOT NULL THEN f.handled_at <= f.due_at
			WHEN now() > f.due_at THEN false END AS on_time,
	   coalesce(f.handled_at, now()) > f.due_at AS overdue,
	   f.satisfied AS satisfied_with_handling
FROM motcua.feedback f;
COMMENT ON VIEW motcua_internal.feedback_deadline IS
	'feedback deadlines of every unit (motcua.feedback_status shows a session its own)';
GRANT SELECT ON motcua_internal.queue_counter, motcua.queue_ticket, motcua.rating, motcua.feedback
	TO motcua_officer, motcua_auditor, motcua_admin;

-- every front-office function: run as its owner, by officers and admins only
REVOKE ALL ON FUNCTION
	motcua.issue_ticket(motcua.unit_id, text, text, timestamptz, timestamptz),
	motcua.call_ticket(bigint, text, timestamptz),
	motcua.next_ticket(motcua.unit_id, text, timestamptz),
	motcua.serve_ticket(bigint, timestamptz),
	motcua.finish_ticket(bigint, motcua.dossier_code, timestamptz),
	motcua.no_show(bigint, timestamptz),
	motcua.rate(motcua.dossier_code, integer, text, text, text, timestamptz),
	motcua.submit_feedback(motcua.unit_id, text, text, motcua.dossier_code, text, timestamptz, integer),
	motcua.handle_feedback(bigint, text, text, timestamptz),
	motcua.rate_feedback_handling(bigint, boolean)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	motcua.issue_ticket(motcua.unit_id, text, text, timestamptz, timestamptz),
	motcua.call_ticket(bigint, text, timestamptz),
	motcua.next_ticket(motcua.unit_id, text, timestamptz),
	motcua.serve_ticket(bigint, timestamptz),
	motcua.finish_ticket(bigint, motcua.dossier_code, timestamptz),
	motcua.no_show(bigint, timestamptz),
	motcua.rate(motcua.dossier_code, integer, text, text, text, timestamptz),
	motcua.submit_feedback(motcua.unit_id, text, text, motcua.dossier_code, text, timestamptz, integer),
	motcua.handle_feedback(bigint, text, text, timestamptz),
	motcua.rate_feedback_handling(bigint, boolean)
	TO motcua_officer, motcua_admin;

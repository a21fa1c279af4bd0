-- Front office (ONE-STOP.md §5 "Satisfaction", the waiting-time targets of
-- the plans, §8 "Front office"): queue tickets with priority service and
-- booked slots, satisfaction ratings of dossiers, and feedback and
-- complaints with their handling deadline.
--
-- Tables are written only through the functions below (SECURITY DEFINER,
-- pinned search_path); officers, auditors and the admin read them, BI reads
-- the views, which carry no personal content.

-- local_day: the calendar day an instant falls on in a unit's calendar
-- (the offices' UTC offset, not the session's time zone).
CREATE OR REPLACE FUNCTION motcua_internal.unit_local_day(unit motcua.unit_id, at timestamptz) RETURNS date
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT motcua.local_time(at, motcua_internal.calendar_of_unit(unit))::date
$$;
COMMENT ON FUNCTION motcua_internal.unit_local_day(motcua.unit_id, timestamptz) IS
	'the day an instant falls on in the unit''s calendar (its offices'' UTC offset)';
REVOKE ALL ON FUNCTION motcua_internal.unit_local_day(motcua.unit_id, timestamptz) FROM PUBLIC;

-- check_dossier_ref stands in for a foreign key to motcua.dossier, which
-- has no key of its own to reference (its month partitions carry the keys,
-- see 50_dossier.sql): a row that names a dossier must name one that
-- exists.  Dossiers are never deleted, so checking the referencing side is
-- enough.  Its received_on makes the lookup touch one partition.
CREATE OR REPLACE FUNCTION motcua_internal.check_dossier_ref() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.dossier IS NOT NULL AND NOT EXISTS (
			SELECT 1 FROM motcua.dossier d
			WHERE d.code OPERATOR(motcua.=) NEW.dossier AND d.received_on = motcua.received_on(NEW.dossier)) THEN
		RAISE EXCEPTION 'dossier % does not exist', NEW.dossier
			USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION motcua_internal.check_dossier_ref() IS
	'trigger: the dossier a row names exists (a foreign key to the partitioned motcua.dossier, which has no key of its own)';
CREATE OR REPLACE TRIGGER dossier_ref BEFORE INSERT OR UPDATE OF dossier ON motcua.queue_ticket
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.check_dossier_ref();
COMMENT ON TABLE motcua.queue_ticket IS 'queue tickets [phiếu xếp hàng] of a one-stop unit: issued, called to a counter, served, done or no-show';
COMMENT ON COLUMN motcua.queue_ticket.day IS 'the day of issue in the unit''s calendar; number restarts at 1 each day';
COMMENT ON COLUMN motcua.queue_ticket.number IS 'queue number [số thứ tự] per unit and day, from 1';
COMMENT ON COLUMN motcua.queue_ticket.priority IS 'priority group [đối tượng ưu tiên]: none, elderly, pregnant, disability, child_under_6, meritorious';
COMMENT ON COLUMN motcua.queue_ticket.service IS 'field code [lĩnh vực] or free text naming what the visit is for';
COMMENT ON COLUMN motcua.queue_ticket.booked_for IS 'booked time slot [hẹn giờ], if the visit was booked';
COMMENT ON COLUMN motcua.queue_ticket.finished_at IS 'when the visit ended: served to the end (done) or marked no-show';
COMMENT ON COLUMN motcua.queue_ticket.dossier IS 'the dossier received during the visit, if any';

-- issue_ticket hands a visitor the next number of the unit for the day.
CREATE OR REPLACE FUNCTION motcua.issue_ticket(unit motcua.unit_id, priority text DEFAULT 'none', service text DEFAULT NULL,
									at timestamptz DEFAULT now(), booked_for timestamptz DEFAULT NULL)
	RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	local_day date;
	n integer;
	tid bigint;
BEGIN
	IF unit IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'issue_ticket needs a unit and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_term('ticket_priority', priority, 'priority');
	IF service = '' THEN
		RAISE EXCEPTION 'service must not be empty' USING ERRCODE = 'invalid_parameter_value', HINT = 'Pass NULL for none.';
	END IF;
	PERFORM motcua_internal.require_receiving_unit(unit, 'visitors');
	local_day := motcua_internal.unit_local_day(unit, at);
	IF booked_for IS NOT NULL AND motcua_internal.unit_local_day(unit, booked_for) <> local_day THEN
		RAISE EXCEPTION 'booked slot % is not on the day of the visit %', booked_for, local_day
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Issue the ticket on the day of the booking.';
	END IF;

	INSERT INTO motcua_internal.queue_counter AS c (unit, day, last_number) VALUES (unit, local_day, 1)
	ON CONFLICT ON CONSTRAINT queue_counter_pkey DO UPDATE SET last_number = c.last_number + 1
	RETURNING c.last_number INTO n;
	INSERT INTO motcua.queue_ticket (unit, day, number, priority, service, booked_for, issued_at)
	VALUES (unit, local_day, n, priority, service, booked_for, at)
	RETURNING id INTO tid;
	RETURN tid;
END
$$;
COMMENT ON FUNCTION motcua.issue_ticket(motcua.unit_id, text, text, timestamptz, timestamptz) IS
	'issue a queue ticket [cấp số thứ tự]: the unit''s next number for the day; returns the ticket id';

-- lock_ticket locks a ticket for a move and checks it exists and is in one
-- of the expected states; the move's name goes into the error.
CREATE OR REPLACE FUNCTION motcua_internal.lock_ticket(ticket bigint, expected text[], move text) RETURNS motcua.queue_ticket
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	t motcua.queue_ticket;
BEGIN
	IF ticket IS NULL THEN
		RAISE EXCEPTION 'no ticket given' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT * INTO t FROM motcua.queue_ticket x WHERE x.id = ticket FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'ticket % does not exist', ticket USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT t.status = ANY (expected) THEN
		RAISE EXCEPTION 'ticket % is %: it cannot be %', ticket, t.status, move
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = format('Only a ticket that is %s can be %s.', array_to_string(expected, ' or '), move);
	END IF;
	RETURN t;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.lock_ticket(bigint, text[], text) FROM PUBLIC;
COMMENT ON FUNCTION motcua_internal.lock_ticket(bigint, text[], text) IS
	'internal: lock a ticket and check its status before a move (42704 unknown, 55000 wrong status)';

-- ticket_time_check refuses a move dated before the ticket's last step.
CREATE OR REPLACE FUNCTION motcua_internal.ticket_time_check(t motcua.queue_ticket, at timestamptz, move text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	since timestamptz := coalesce(t.served_at, t.called_at, t.issued_at);
BEGIN
	IF at IS NULL THEN
		RAISE EXCEPTION 'no time given' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF at < since THEN
		RAISE EXCEPTION 'ticket % is % since %: it cannot be % at an earlier time %', t.id, t.status, since, move, at
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.ticket_time_check(motcua.queue_ticket, timestamptz, text) FROM PUBLIC;
COMMENT ON FUNCTION motcua_internal.ticket_time_check(motcua.queue_ticket, timestamptz, text) IS
	'internal: 55000 when a move is dated before the ticket''s last step';

-- call_ticket calls a waiting ticket to a counter [gọi số].
CREATE OR REPLACE FUNCTION motcua.call_ticket(ticket bigint, counter text, at timestamptz DEFAULT now()) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	t motcua.queue_ticket;
BEGIN
	IF counter IS NULL OR counter = '' THEN
		RAISE EXCEPTION 'a ticket is called to a counter: counter must be given' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	t := motcua_internal.lock_ticket(ticket, '{waiting}', 'called');
	PERFORM motcua_internal.ticket_time_check(t, at, 'called');
	UPDATE motcua.queue_ticket x SET status = 'called', called_at = at, counter = counter WHERE x.id = ticket;
END
$$;
COMMENT ON FUNCTION motcua.call_ticket(bigint, text, timestamptz) IS
	'call a waiting ticket to a counter [gọi số vào quầy]';

-- next_ticket calls the next waiting ticket of the unit's day to a counter:
-- priority groups first, then booked tickets whose slot has come, then the
-- others first come first served, and last the booked tickets that came
-- early (only when nobody else waits).  SKIP LOCKED: two counters pressing
-- "next" at once get two different tickets, without waiting for each other.
CREATE OR REPLACE FUNCTION motcua.next_ticket(unit motcua.unit_id, counter text, at timestamptz DEFAULT now()) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	u record;
	tid bigint;
BEGIN
	IF unit IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'next_ticket needs a unit and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF counter IS NULL OR counter = '' THEN
		RAISE EXCEPTION 'a ticket is called to a counter: counter must be given' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT x.receives_dossiers, x.active INTO u FROM motcua.unit x WHERE x.id OPERATOR(motcua.=) unit;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unit % does not exist', unit USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT (u.receives_dossiers AND u.active) THEN
		RAISE EXCEPTION 'unit % does not receive visitors', unit USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT x.id INTO tid
	FROM motcua.queue_ticket x
	WHERE x.unit OPERATOR(motcua.=) unit AND x.day = motcua_internal.unit_local_day(unit, at)
	  AND x.status = 'waiting' AND x.issued_at <= at
	ORDER BY CASE WHEN x.priority <> 'none' THEN 0
				  WHEN x.booked_for <= at THEN 1
				  WHEN x.booked_for IS NULL THEN 2
				  ELSE 3 END,
			 CASE WHEN x.priority = 'none' AND x.booked_for IS NOT NULL THEN x.booked_for END,
			 x.issued_at, x.number
	LIMIT 1
	FOR UPDATE SKIP LOCKED;
	IF tid IS NULL THEN
		RETURN NULL;
	END IF;
	UPDATE motcua.queue_ticket x SET status = 'called', called_at = at, counter = counter WHERE x.id = tid;
	RETURN tid;
END
$$;
COMMENT ON FUNCTION motcua.next_ticket(motcua.unit_id, text, timestamptz) IS
	'call the next waiting ticket to a counter: priority groups [đối tượng ưu tiên], then booked slots [hẹn giờ] that are due, then first come first served; NULL when nobody waits';

-- serve_ticket: the visitor came to the counter and is being served.
CREATE OR REPLACE FUNCTION motcua.serve_ticket(ticket bigint, at timestamptz DEFAULT now()) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	t motcua.queue_ticket;
BEGIN
	t := motcua_internal.lock_ticket(ticket, '{called}', 'served');
	PERFORM motcua_internal.ticket_time_check(t, at, 'served');
	UPDATE motcua.queue_ticket x SET status = 'serving', served_at = at WHERE x.id = ticket;
END
$$;
COMMENT ON FUNCTION motcua.serve_ticket(bigint, timestamptz) IS 'a called visitor is at the counter and being served';

-- finish_ticket ends a visit, with the dossier received during it if any.
CREATE OR REPLACE FUNCTION motcua.finish_ticket(ticket bigint, dossier motcua.dossier_code DEFAULT NULL, at timestamptz DEFAULT now())
	RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	t motcua.queue_ticket;
	d record;
BEGIN
	t := motcua_internal.lock_ticket(ticket, '{serving}', 'finished');
	PERFORM motcua_internal.ticket_time_check(t, at, 'finished');
	IF dossier IS NOT NULL THEN
		SELECT x.unit INTO d FROM motcua.dossier x
		WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier);
		IF NOT FOUND THEN
			RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
		END IF;
		IF d.unit OPERATOR(motcua.<>) t.unit THEN
			RAISE EXCEPTION 'dossier % was received at unit %, not at the ticket''s unit %', dossier, d.unit, t.unit
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
	END IF;
	UPDATE motcua.queue_ticket x SET status = 'done', finished_at = at, dossier = dossier WHERE x.id = ticket;
END
$$;
COMMENT ON FUNCTION motcua.finish_ticket(bigint, motcua.dossier_code, timestamptz) IS
	'end a visit being served, recording the dossier received during it, if any';

-- no_show: the visitor did not come when called (or left before).
CREATE OR REPLACE FUNCTION motcua.no_show(ticket bigint, at timestamptz DEFAULT now()) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	t motcua.queue_ticket;
BEGIN
	t := motcua_internal.lock_ticket(ticket, '{waiting,called}', 'marked no-show');
	PERFORM motcua_internal.ticket_time_check(t, at, 'marked no-show');
	UPDATE motcua.queue_ticket x SET status = 'no_show', finished_at = at WHERE x.id = ticket;
END
$$;
COMMENT ON FUNCTION motcua.no_show(bigint, timestamptz) IS
	'close a waiting or called ticket whose visitor did not come [vắng mặt khi gọi số]';

-- Waiting time per visit, for the plans' targets (average wait ≤ 15-30
-- minutes, share served in under 10 minutes).  The wait runs from issue to
-- call; a booked visitor who came early waits from the booked slot.
CREATE OR REPLACE VIEW motcua.queue_wait AS
SELECT t.id AS ticket, t.unit, t.day, t.priority, t.status,
	   t.booked_for IS NOT NULL AS booked,
	   w.minutes AS waiting_minutes,
	   round((extract(epoch FROM t.finished_at - t.served_at) / 60)::numeric, 1) AS service_minutes,
	   w.minutes < 10 AS served_under_10_min
FROM motcua.queue_ticket t
CROSS JOIN LATERAL (
	SELECT CASE WHEN t.called_at IS NOT NULL
				THEN round((greatest(extract(epoch FROM t.called_at - greatest(t.issued_at, t.booked_for)), 0)
							/ 60)::numeric, 1) END AS minutes) w;
COMMENT ON VIEW motcua.queue_wait IS
	'waiting time per ticket in minutes (issue, or booked slot if later, to call) and whether it was under 10 minutes; NULL until called; no personal data';
CREATE OR REPLACE TRIGGER dossier_ref BEFORE INSERT OR UPDATE OF dossier ON motcua.rating
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.check_dossier_ref();
COMMENT ON TABLE motcua.rating IS 'satisfaction rating [đánh giá mức độ hài lòng] of a dossier, one per dossier, given once its processing has ended';
COMMENT ON COLUMN motcua.rating.score IS '1 rất hài lòng, 2 hài lòng, 3 bình thường, 4 không hài lòng';
COMMENT ON COLUMN motcua.rating.satisfied IS 'score 1 or 2 (rất hài lòng or hài lòng)';
COMMENT ON COLUMN motcua.rating.dislike IS 'score 4 (không hài lòng): counts against Decision 766 satisfaction with reception and resolution';
COMMENT ON COLUMN motcua.rating.received_on IS 'the day the dossier code carries: its partition of motcua.dossier';
COMMENT ON COLUMN motcua.rating.officer IS 'the officer rated, if the rating names one';

-- rate records the rating of a dossier whose processing has ended.
CREATE OR REPLACE FUNCTION motcua.rate(dossier motcua.dossier_code, score integer, channel text DEFAULT 'online',
							comment text DEFAULT NULL, officer text DEFAULT NULL, at timestamptz DEFAULT now())
	RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d record;
	rid bigint;
BEGIN
	IF dossier IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'rate needs a dossier and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF score IS NULL OR NOT EXISTS (SELECT 1 FROM motcua.rating_scale r WHERE r.score = rate.score) THEN
		RAISE EXCEPTION 'score % is out of range', coalesce(score::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Score is ' || (SELECT string_agg(r.score || ' ' || r.name, ', ' ORDER BY r.score) FROM motcua.rating_scale r) || '.';
	END IF;
	PERFORM motcua_internal.require_term('rating_channel', channel, 'rating channel');
	IF comment = '' OR officer = '' THEN
		RAISE EXCEPTION 'comment and officer must not be empty' USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Pass NULL for none.';
	END IF;
	SELECT x.state, x.finished_at INTO d FROM motcua.dossier x
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	IF d.finished_at IS NULL THEN
		RAISE EXCEPTION 'dossier % is %: it can be rated once its processing has ended', dossier, d.state
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF at < d.finished_at THEN
		RAISE EXCEPTION 'dossier % ended at %: it cannot be rated at an earlier time %', dossier, d.finished_at, at
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	INSERT INTO motcua.rating (dossier, rated_at, channel, score, comment, officer)
	VALUES (dossier, at, channel, score, comment, officer)
	ON CONFLICT ON CONSTRAINT rating_dossier_key DO NOTHING
	RETURNING id INTO rid;
	IF rid IS NULL THEN
		RAISE EXCEPTION 'dossier % is already rated', dossier
			USING ERRCODE = 'object_not_in_prerequisite_state', DETAIL = 'A dossier is rated once.';
	END IF;
	RETURN rid;
END
$$;
COMMENT ON FUNCTION motcua.rate(motcua.dossier_code, integer, text, text, text, timestamptz) IS
	'rate a dossier whose processing has ended [đánh giá mức độ hài lòng], once: 1 rất hài lòng .. 4 không hài lòng; returns the rating id';
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
	IF unit IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'submit_feedback needs a unit and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
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
	IF id IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'handle_feedback needs a feedback id and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF response IS NULL OR btrim(response) = '' OR handler IS NULL OR handler = '' THEN
		RAISE EXCEPTION 'handling needs a response and a handler' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT x.status, x.submitted_at INTO f FROM motcua.feedback x WHERE x.id = id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'feedback % does not exist', id USING ERRCODE = 'undefined_object';
	END IF;
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
-- while open and not yet due.
CREATE OR REPLACE VIEW motcua.feedback_status AS
SELECT f.id, f.unit, f.kind, f.channel, f.status, f.submitted_at, f.due_at, f.handled_at,
	   CASE WHEN f.handled_at IS NOT NULL THEN f.handled_at <= f.due_at
			WHEN now() > f.due_at THEN false END AS on_time,
	   coalesce(f.handled_at, now()) > f.due_at AS overdue,
	   f.satisfied AS satisfied_with_handling
FROM motcua.feedback f;
COMMENT ON VIEW motcua.feedback_status IS
	'feedback deadlines: on_time (NULL while open and not yet due), overdue as of now(), satisfaction with the handling; no personal content';

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
GRANT SELECT ON motcua_internal.queue_counter, motcua.queue_ticket, motcua.rating, motcua.feedback
	TO motcua_officer, motcua_auditor, motcua_admin;
GRANT SELECT ON motcua.queue_wait, motcua.feedback_status
	TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;

-- The queue [xếp hàng]: tickets, calls, waiting times.

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
	PERFORM motcua_internal.require_finite(at, 'at');
	PERFORM motcua_internal.require_finite(booked_for, 'booked_for');
	PERFORM motcua_internal.require_length(service, 200, 'service');
	IF unit IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'issue_ticket needs a unit and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_term('ticket_priority', priority, 'priority');
	IF service = '' THEN
		RAISE EXCEPTION 'service must not be empty' USING ERRCODE = 'invalid_parameter_value', HINT = 'Pass NULL for none.';
	END IF;
	PERFORM motcua_internal.require_receiving_unit(unit, 'visitors');
	PERFORM motcua_internal.require_unit_access(ARRAY[unit], 'issue tickets there');
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
	PERFORM motcua_internal.require_unit_access(ARRAY[t.unit], 'move ticket ' || ticket);
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
	PERFORM motcua_internal.require_finite(at, 'at');
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
	PERFORM motcua_internal.require_unit_access(ARRAY[unit], 'call tickets there');
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
-- call; a booked visitor who came early waits from the booked slot.  The
-- KPIs read every unit's; motcua.queue_wait (90_row_security.defs.sql)
-- shows an officer their own units'.
CREATE OR REPLACE VIEW motcua_internal.ticket_wait AS
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
COMMENT ON VIEW motcua_internal.ticket_wait IS
	'waiting time per ticket in minutes (issue, or booked slot if later, to call) and whether it was under 10 minutes; NULL until called; every unit (motcua.queue_wait shows a session its own)';

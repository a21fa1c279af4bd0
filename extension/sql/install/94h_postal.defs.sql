-- The postal channel [dịch vụ bưu chính công ích]: the postal company
-- accepts a dossier for a unit and reports on it (digitized, handed over);
-- the unit receives it with channel postal and its tracking number; a
-- result returned by post (return_result with channel postal and a
-- tracking number) is picked up and delivered.  Reports come in in order,
-- only from the carrier of the shipment, and are history events of the
-- dossier once it has one.

-- postal_rank: the order of a shipment's reports.
CREATE OR REPLACE FUNCTION motcua_internal.postal_rank(direction text, status text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE direction
		WHEN 'inbound' THEN CASE status WHEN 'accepted' THEN 1 WHEN 'digitized' THEN 2 WHEN 'handed_over' THEN 3 END
		WHEN 'outbound' THEN CASE status WHEN 'picked_up' THEN 1 WHEN 'delivered' THEN 2 WHEN 'returned_to_sender' THEN 2 END
	END
$$;

-- postal_carrier_of_session: the carrier the session's login reports for
-- (42501 for anyone else).
CREATE OR REPLACE FUNCTION motcua_internal.postal_carrier_of_session() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	c text;
BEGIN
	SELECT a.carrier INTO c FROM motcua.postal_agent a WHERE a.login = session_user;
	IF c IS NULL THEN
		RAISE EXCEPTION '% reports for no postal carrier', session_user
			USING ERRCODE = 'insufficient_privilege', HINT = 'The administrator lists the postal staff in motcua.postal_agent.';
	END IF;
	RETURN c;
END
$$;

-- postal_accept: the postal company has accepted a dossier from a person
-- for a unit; returns the shipment's id.
CREATE OR REPLACE FUNCTION motcua.postal_accept(unit motcua.unit_id, tracking_no text, postal_receipt_no text,
												at timestamptz DEFAULT now())
	RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	carrier text := motcua_internal.postal_carrier_of_session();
	sid bigint;
BEGIN
	IF unit IS NULL OR tracking_no IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'postal_accept needs a unit, a tracking number and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_finite(at, 'at');
	PERFORM motcua_internal.require_receiving_unit(unit, 'dossiers');
	IF tracking_no !~ '^[A-Za-z0-9-]{4,40}$' OR postal_receipt_no !~ '^[A-Za-z0-9/.-]{1,40}$' THEN
		RAISE EXCEPTION 'tracking number % or postal receipt % is malformed', tracking_no, postal_receipt_no
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	INSERT INTO motcua.postal_shipment (direction, carrier, tracking_no, postal_receipt_no, unit, status, status_at, reports)
	VALUES ('inbound', carrier, tracking_no, postal_receipt_no, unit, 'accepted', at,
			jsonb_build_array(jsonb_build_object('status', 'accepted', 'at', at, 'by', session_user)))
	RETURNING id INTO sid;
	RETURN sid;
EXCEPTION WHEN unique_violation THEN
	RAISE EXCEPTION 'tracking number % is already in use', tracking_no USING ERRCODE = 'unique_violation';
END
$$;
COMMENT ON FUNCTION motcua.postal_accept(motcua.unit_id, text, text, timestamptz) IS
	'the postal service accepted a dossier from a person for a unit (its tracking and receipt numbers); returns the shipment''s id';

-- postal_report: the postal company's report on a shipment it carries, in
-- order (inbound: accepted, digitized, handed_over; outbound: picked_up,
-- then delivered or returned_to_sender).  A report on another carrier's
-- shipment is refused (42501), one out of order too (55000); each is kept
-- with the shipment and, once the shipment has a dossier, in its history.
CREATE OR REPLACE FUNCTION motcua.postal_report(tracking_no text, status text, at timestamptz DEFAULT now(),
												note text DEFAULT NULL)
	RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	carrier text := motcua_internal.postal_carrier_of_session();
	sh motcua.postal_shipment;
	rank integer;
	report jsonb;
BEGIN
	IF tracking_no IS NULL OR status IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'postal_report needs a tracking number, a status and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_finite(at, 'at');
	PERFORM motcua_internal.require_length(note, 2000, 'note');
	SELECT * INTO sh FROM motcua.postal_shipment s WHERE s.tracking_no = postal_report.tracking_no FOR UPDATE;
	IF NOT FOUND OR sh.carrier <> carrier THEN
		RAISE EXCEPTION '% does not carry a shipment numbered %', carrier, tracking_no
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	rank := motcua_internal.postal_rank(sh.direction, status);
	IF rank IS NULL THEN
		RAISE EXCEPTION 'status % is not one of an % shipment', status, sh.direction
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = CASE sh.direction WHEN 'inbound' THEN 'accepted, digitized, handed_over'
										   ELSE 'picked_up, delivered, returned_to_sender' END;
	END IF;
	IF rank <= motcua_internal.postal_rank(sh.direction, sh.status) OR at < sh.status_at THEN
		RAISE EXCEPTION 'shipment % is %: a report % (at %) comes out of order', tracking_no, sh.status, status, at
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	report := jsonb_strip_nulls(jsonb_build_object('status', status, 'at', at, 'by', session_user, 'note', note));
	IF sh.dossier IS NOT NULL THEN
		at := motcua_internal.append_note_event(sh.dossier, 'postal_report',
			jsonb_strip_nulls(jsonb_build_object('tracking_no', tracking_no, 'carrier', carrier, 'status', status,
												 'note', note, 'at', at)), at);
	END IF;
	UPDATE motcua.postal_shipment s SET status = postal_report.status, status_at = at, reports = s.reports || report
	WHERE s.id = sh.id;
END
$$;
COMMENT ON FUNCTION motcua.postal_report(text, text, timestamptz, text) IS
	'the postal service''s report on a shipment it carries, in order (inbound: accepted, digitized, handed_over; outbound: picked_up, delivered or returned_to_sender); an event in the dossier''s history once it has one';

-- postal_link: a reception by post (receive, channel postal) takes the
-- shipment the postal company handed over, and the return of a result
-- by post (return_result, channel postal) starts the shipment back.
CREATE OR REPLACE FUNCTION motcua_internal.postal_link(dossier motcua.dossier_code, unit motcua.unit_id, tracking_no text,
													   inbound boolean, carrier text, at timestamptz)
	RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	sh motcua.postal_shipment;
BEGIN
	IF tracking_no IS NULL THEN
		RAISE EXCEPTION 'a dossier sent by post needs its tracking number (details tracking_no)'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF inbound THEN
		SELECT * INTO sh FROM motcua.postal_shipment s WHERE s.tracking_no = postal_link.tracking_no FOR UPDATE;
		IF NOT FOUND OR sh.direction <> 'inbound' OR sh.unit OPERATOR(motcua.<>) unit THEN
			RAISE EXCEPTION 'no shipment % was sent to unit %', tracking_no, unit USING ERRCODE = 'undefined_object';
		END IF;
		IF sh.status <> 'handed_over' OR sh.dossier IS NOT NULL THEN
			RAISE EXCEPTION 'shipment % is %: it is received once it is handed over, once', tracking_no,
				CASE WHEN sh.dossier IS NOT NULL THEN 'received already' ELSE sh.status END
				USING ERRCODE = 'object_not_in_prerequisite_state';
		END IF;
		UPDATE motcua.postal_shipment s SET dossier = postal_link.dossier WHERE s.id = sh.id;
	ELSE
		IF carrier IS NULL OR carrier !~ '^[A-Za-z][A-Za-z0-9_-]{1,30}$' THEN
			RAISE EXCEPTION 'a result returned by post needs its carrier (details carrier)'
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		-- (handed to the postal staff at the counter: picked up)
		INSERT INTO motcua.postal_shipment (direction, carrier, tracking_no, unit, dossier, status, status_at, reports)
		VALUES ('outbound', carrier, tracking_no, unit, dossier, 'picked_up', at,
				jsonb_build_array(jsonb_build_object('status', 'picked_up', 'at', at, 'by', session_user)));
	END IF;
EXCEPTION WHEN unique_violation THEN
	RAISE EXCEPTION 'tracking number % is already in use', tracking_no USING ERRCODE = 'unique_violation';
END
$$;

-- Who reads shipments: the officers of the shipment's unit, the auditor
-- and the administrator; the postal staff read their carrier's.
SELECT motcua_internal.protect_rows('postal_shipment', $rule$unit OPERATOR(motcua.=) ANY ((SELECT motcua_internal.session_units())::motcua.unit_id[])$rule$);
DROP POLICY IF EXISTS own_carrier ON motcua.postal_shipment;
CREATE POLICY own_carrier ON motcua.postal_shipment FOR SELECT TO motcua_postal
	USING (carrier = (SELECT motcua_internal.postal_carrier_of_session()));

REVOKE ALL ON FUNCTION motcua_internal.postal_rank(text, text), motcua_internal.postal_carrier_of_session(),
	motcua_internal.postal_link(motcua.dossier_code, motcua.unit_id, text, boolean, text, timestamptz),
	motcua.postal_accept(motcua.unit_id, text, text, timestamptz),
	motcua.postal_report(text, text, timestamptz, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.postal_accept(motcua.unit_id, text, text, timestamptz),
	motcua.postal_report(text, text, timestamptz, text) TO motcua_postal;
GRANT EXECUTE ON FUNCTION motcua_internal.postal_carrier_of_session() TO motcua_postal;
GRANT USAGE ON SCHEMA motcua TO motcua_postal;
GRANT USAGE ON SCHEMA motcua_internal TO motcua_postal;
GRANT SELECT ON motcua.postal_shipment TO motcua_postal, motcua_officer, motcua_auditor, motcua_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON motcua.postal_agent TO motcua_admin;
GRANT SELECT ON motcua.postal_agent TO motcua_auditor;

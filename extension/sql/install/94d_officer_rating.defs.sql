-- Ratings of the individual officers who handled a dossier, besides the
-- unit's rating (62_rating.defs.sql).  An officer's ratings are personal
-- data about that officer: they read their own, and the leaders of the
-- dossier's unit (or of a unit above it) read their staff's.

-- leads: whether the session's login role is today a leader of the unit
-- or of a unit above it.
CREATE OR REPLACE FUNCTION motcua_internal.leads(unit motcua.unit_id) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT EXISTS (
		SELECT 1 FROM motcua.staff_assignment a
		JOIN motcua_internal.unit_closure uc ON uc.ancestor OPERATOR(motcua.=) a.unit
		WHERE a.login = session_user AND a.position = 'leader'
		  AND a.valid_from <= current_date AND (a.valid_to IS NULL OR a.valid_to >= current_date)
		  AND uc.descendant OPERATOR(motcua.=) leads.unit)
$$;

-- rate_officer records a person's rating of one officer who acted on
-- their dossier (the dossier's history names them), once the dossier's
-- processing has ended; once per dossier and officer.
CREATE OR REPLACE FUNCTION motcua.rate_officer(dossier motcua.dossier_code, officer name, score integer,
											   channel text DEFAULT 'online', comment text DEFAULT NULL,
											   at timestamptz DEFAULT now())
	RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	unit motcua.unit_id;
	rid bigint;
BEGIN
	IF dossier IS NULL OR officer IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'rate_officer needs a dossier, an officer and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_finite(at, 'at');
	PERFORM motcua_internal.require_length(comment, 2000, 'comment');
	PERFORM motcua_internal.require_rating(score, channel);
	unit := motcua_internal.require_rateable(dossier, at);
	IF NOT EXISTS (SELECT 1 FROM motcua.dossier_event e WHERE e.dossier OPERATOR(motcua.=) dossier AND e.actor = officer) THEN
		RAISE EXCEPTION '% did not act on dossier %', officer, dossier
			USING ERRCODE = 'invalid_parameter_value', HINT = 'An officer is rated on a dossier their history names.';
	END IF;
	INSERT INTO motcua.officer_rating (dossier, unit, officer, rated_at, channel, score, comment)
	VALUES (dossier, unit, officer, at, channel, score, comment)
	ON CONFLICT ON CONSTRAINT officer_rating_dossier_officer_key DO NOTHING
	RETURNING id INTO rid;
	IF rid IS NULL THEN
		RAISE EXCEPTION '% is already rated on dossier %', officer, dossier
			USING ERRCODE = 'object_not_in_prerequisite_state', DETAIL = 'An officer is rated once per dossier.';
	END IF;
	RETURN rid;
END
$$;
COMMENT ON FUNCTION motcua.rate_officer(motcua.dossier_code, name, integer, text, text, timestamptz) IS
	'rate one officer who acted on a dossier whose processing has ended (1 rất hài lòng .. 4 không hài lòng), once per dossier and officer; returns the rating id';

-- The officer rated and the leaders of the dossier's unit read a rating;
-- the auditor and the administrator read all.
SELECT motcua_internal.protect_rows('officer_rating', $rule$officer = session_user OR motcua_internal.leads(unit)$rule$);

REVOKE ALL ON FUNCTION motcua_internal.leads(motcua.unit_id),
	motcua.rate_officer(motcua.dossier_code, name, integer, text, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua_internal.leads(motcua.unit_id) TO motcua_officer, motcua_admin, motcua_auditor;
GRANT EXECUTE ON FUNCTION motcua.rate_officer(motcua.dossier_code, name, integer, text, text, timestamptz)
	TO motcua_officer, motcua_admin;
GRANT SELECT ON motcua.officer_rating TO motcua_officer, motcua_auditor, motcua_admin;

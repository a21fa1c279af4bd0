-- Satisfaction ratings of dossiers [đánh giá mức độ hài lòng].

CREATE OR REPLACE TRIGGER dossier_ref BEFORE INSERT OR UPDATE OF dossier ON motcua.rating
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.check_dossier_ref();
COMMENT ON TABLE motcua.rating IS 'satisfaction rating [đánh giá mức độ hài lòng] of a dossier, one per dossier, given once its processing has ended';
COMMENT ON COLUMN motcua.rating.score IS '1 rất hài lòng, 2 hài lòng, 3 bình thường, 4 không hài lòng';
COMMENT ON COLUMN motcua.rating.satisfied IS 'score 1 or 2 (rất hài lòng or hài lòng)';
COMMENT ON COLUMN motcua.rating.dislike IS 'score 4 (không hài lòng): counts against Decision 766 satisfaction with reception and resolution';
COMMENT ON COLUMN motcua.rating.received_on IS 'the day the dossier code carries: its partition of motcua.dossier';
COMMENT ON COLUMN motcua.rating.officer IS 'the officer rated, if the rating names one';

-- require_rating refuses (22023) a score off the rating scale or an
-- unknown rating channel.
CREATE OR REPLACE FUNCTION motcua_internal.require_rating(score integer, channel text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF score IS NULL OR NOT EXISTS (SELECT 1 FROM motcua.rating_scale r WHERE r.score = require_rating.score) THEN
		RAISE EXCEPTION 'score % is out of range', coalesce(score::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Score is ' || (SELECT string_agg(r.score || ' ' || r.name, ', ' ORDER BY r.score) FROM motcua.rating_scale r) || '.';
	END IF;
	PERFORM motcua_internal.require_term('rating_channel', channel, 'rating channel');
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.require_rating(integer, text) FROM PUBLIC;

-- require_rateable refuses a rating of a dossier that does not exist
-- (42704), of another unit (42501), still in processing or dated before
-- its processing ended (55000); it returns the dossier's receiving unit.
CREATE OR REPLACE FUNCTION motcua_internal.require_rateable(dossier motcua.dossier_code, at timestamptz)
	RETURNS motcua.unit_id
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d record;
BEGIN
	SELECT x.state, x.finished_at, x.unit INTO d FROM motcua.dossier x
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM motcua_internal.require_unit_access(ARRAY[d.unit], 'record a rating of dossier ' || dossier);
	IF d.finished_at IS NULL THEN
		RAISE EXCEPTION 'dossier % is %: it can be rated once its processing has ended', dossier, d.state
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF at < d.finished_at THEN
		RAISE EXCEPTION 'dossier % ended at %: it cannot be rated at an earlier time %', dossier, d.finished_at, at
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	RETURN d.unit;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.require_rateable(motcua.dossier_code, timestamptz) FROM PUBLIC;

-- rate records the rating of a dossier whose processing has ended.
CREATE OR REPLACE FUNCTION motcua.rate(dossier motcua.dossier_code, score integer, channel text DEFAULT 'online',
							comment text DEFAULT NULL, officer text DEFAULT NULL, at timestamptz DEFAULT now())
	RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	rid bigint;
BEGIN
	PERFORM motcua_internal.require_finite(at, 'at');
	PERFORM motcua_internal.require_length(comment, 2000, 'comment');
	PERFORM motcua_internal.require_length(officer, 200, 'officer');
	IF dossier IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'rate needs a dossier and a time' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_rating(score, channel);
	IF comment = '' OR officer = '' THEN
		RAISE EXCEPTION 'comment and officer must not be empty' USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Pass NULL for none.';
	END IF;
	PERFORM motcua_internal.require_rateable(dossier, at);
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

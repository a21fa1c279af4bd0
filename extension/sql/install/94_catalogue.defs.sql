-- The procedure catalogue's versions and Decision 766's transparency
-- indicators: what catalogue_sync (workers/connector.c) calls to apply
-- the national catalogue, the terms a reception takes, the deadlines of
-- publication and posting, and the officer's record of a posting.

-- transparency_days: a jurisdiction's publication lead or posting time in
-- working days, its own setting or the default of its kind (Decree
-- 63/2010/NĐ-CP as amended by Decree 92/2017/NĐ-CP).
CREATE OR REPLACE FUNCTION motcua_internal.transparency_days(j motcua.jurisdiction, what text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE what
		WHEN 'publication' THEN coalesce(j.publication_lead_days, CASE j.kind WHEN 'ministry' THEN 20 ELSE 5 END)
		WHEN 'posting' THEN coalesce(j.posting_days, 5) END
$$;

-- publication_due: the last day a publication decision is on time, the
-- day before the lead-th working day before the legal document takes
-- effect (lead working days then lie strictly between the two).
CREATE OR REPLACE FUNCTION motcua_internal.publication_due(effective_on date, lead integer, calendar text) RETURNS date
LANGUAGE sql STABLE PARALLEL RESTRICTED AS $$
	SELECT CASE WHEN lead <= 0 THEN effective_on - 1
		ELSE (SELECT c.day - 1 FROM motcua.calendar_days(calendar, effective_on - (lead * 2 + 60), effective_on - 1) c
			  WHERE c.working ORDER BY c.day DESC OFFSET lead - 1 LIMIT 1) END
$$;

-- posting_due: the last day a unit makes a procedure public on time, the
-- days-th working day after its publication decision.
CREATE OR REPLACE FUNCTION motcua_internal.posting_due(published_on date, days integer, calendar text) RETURNS date
LANGUAGE sql STABLE PARALLEL RESTRICTED AS $$
	SELECT CASE WHEN days <= 0 THEN published_on
		ELSE (SELECT c.day FROM motcua.calendar_days(calendar, published_on + 1, published_on + (days * 2 + 60)) c
			  WHERE c.working ORDER BY c.day OFFSET days - 1 LIMIT 1) END
$$;

-- publication_status: each catalogue version judged for each
-- jurisdiction: the publication deadline and whether it was met (NULL
-- while not published and not yet due).
CREATE OR REPLACE VIEW motcua_internal.publication_status AS
SELECT j.code AS jurisdiction, v.procedure, v.version, v.effective_on, v.published_on, due.day AS due_on,
	   CASE WHEN v.published_on IS NOT NULL THEN v.published_on <= due.day
			WHEN due.day < current_date THEN false END AS on_time
FROM motcua.procedure_version v CROSS JOIN motcua.jurisdiction j
CROSS JOIN LATERAL (SELECT motcua_internal.publication_due(v.effective_on,
								motcua_internal.transparency_days(j, 'publication'), j.calendar) AS day) due
WHERE v.source = 'catalogue' AND v.effective_on IS NOT NULL;

-- posting_status: what each unit must make public, by when, and whether
-- it did: every published catalogue version of a procedure at the unit's
-- tier (province and central procedures at tier 1, district ones at tier
-- 2, commune ones at the jurisdiction's lowest tier), for each active
-- unit that receives dossiers.
CREATE OR REPLACE VIEW motcua_internal.posting_status AS
SELECT u.id AS unit, v.procedure, v.version, v.published_on, due.day AS due_on, pp.made_public_on,
	   CASE WHEN pp.made_public_on IS NOT NULL THEN pp.made_public_on <= due.day
			WHEN due.day < current_date THEN false END AS on_time
FROM motcua.procedure_version v
JOIN motcua.procedure p ON p.code OPERATOR(motcua.=) v.procedure
JOIN motcua.unit u ON u.receives_dossiers AND u.active
JOIN motcua.jurisdiction j ON j.code = u.jurisdiction
CROSS JOIN LATERAL (SELECT motcua_internal.posting_due(v.published_on, motcua_internal.transparency_days(j, 'posting'),
													   coalesce(u.calendar, j.calendar)) AS day) due
LEFT JOIN motcua.procedure_posting pp
	   ON pp.procedure OPERATOR(motcua.=) v.procedure AND pp.version = v.version AND pp.unit OPERATOR(motcua.=) u.id
WHERE v.source = 'catalogue' AND v.published_on IS NOT NULL
  AND u.tier = CASE p.tier WHEN 'commune' THEN (SELECT max(t.level) FROM motcua.tier t WHERE t.jurisdiction = u.jurisdiction)
						   WHEN 'district' THEN 2 ELSE 1 END;

-- procedure_transparency: each catalogue version with its dates, the
-- publication deadline of each jurisdiction and whether it was met, and
-- whether its content is complete.
CREATE OR REPLACE VIEW motcua.procedure_transparency AS
SELECT s.jurisdiction, v.procedure, v.version, v.name, v.valid_from, v.decision_on, v.effective_on, v.published_on,
	   s.due_on AS publication_due_on, s.on_time AS published_on_time, v.content_complete
FROM motcua.procedure_version v
JOIN motcua_internal.publication_status s ON s.procedure OPERATOR(motcua.=) v.procedure AND s.version = v.version;
COMMENT ON VIEW motcua.procedure_transparency IS
	'each catalogue version per jurisdiction: decision, effect and publication dates, the publication deadline and whether it was met (NULL while not published and not yet due), complete content';

-- procedure_posting_status: what each unit must make public, by when,
-- and when it did.
CREATE OR REPLACE VIEW motcua.procedure_posting_status AS
SELECT s.unit, s.procedure, s.version, s.published_on, s.due_on, s.made_public_on, s.on_time
FROM motcua_internal.posting_status s;
COMMENT ON VIEW motcua.procedure_posting_status IS
	'per unit and catalogue version: the day it must be made public by, the day it was (record_made_public), on time (NULL while not posted and not yet due)';

-- catalogue_roll puts on each procedure row (or on the given ones) the
-- version in force now and when the next one starts; it returns how many
-- rows changed.
CREATE OR REPLACE FUNCTION motcua_internal.catalogue_roll(procs motcua.procedure_code[] DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n integer;
BEGIN
	UPDATE motcua.procedure p
	SET name = v.name, duration = v.duration, duration_unit = v.duration_unit, fee = v.fee,
		version = v.version, version_from = v.valid_from, next_version_from = v.next_from
	FROM (SELECT DISTINCT ON (x.procedure) x.*,
				 (SELECT min(y.valid_from) FROM motcua.procedure_version y
				  WHERE y.procedure OPERATOR(motcua.=) x.procedure AND y.valid_from > now()) AS next_from
		  FROM motcua.procedure_version x
		  WHERE x.valid_from <= now() AND (procs IS NULL OR x.procedure OPERATOR(motcua.=) ANY (procs))
		  ORDER BY x.procedure, x.valid_from DESC, x.version DESC) v
	WHERE p.code OPERATOR(motcua.=) v.procedure
	  AND (p.name, p.duration, p.duration_unit, p.fee, p.version, p.version_from, p.next_version_from)
		  IS DISTINCT FROM (v.name, v.duration, v.duration_unit, v.fee, v.version, v.valid_from, v.next_from);
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

-- catalogue_apply applies one answer of the national procedure database
-- ({"procedures": [{"code", "version", "name", "duration", "duration_unit"
-- or "duration_days", "fee", "decision_date", "effective_date",
-- "published_at", "content_complete", "updated_at"}]}) and moves the
-- source's cursor, in the caller's one transaction.  A procedure this
-- jurisdiction does not run is skipped (unknown); an entry that does not
-- make sense is skipped whole (rejected) and the others still apply.  A
-- version applies to dossiers received from 00:00 of the day its legal
-- document takes effect (Vietnam's time), never before an earlier
-- version's start.
CREATE OR REPLACE FUNCTION motcua_internal.catalogue_apply(source text, page text)
	RETURNS TABLE (seen integer, applied integer, unknown integer, rejected integer, next_cursor text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	body jsonb := page::jsonb;
	item jsonb;
	proc record;
	pcode motcua.procedure_code;
	ver integer;
	dur numeric;
	dunit text;
	new_fee numeric;
	changed integer;
	eff date;
	starts timestamptz;
	stamp timestamptz;
	latest timestamptz;
	touched motcua.procedure_code[] := '{}';
BEGIN
	seen := 0;
	applied := 0;
	unknown := 0;
	rejected := 0;
	IF jsonb_typeof(body->'procedures') IS DISTINCT FROM 'array' THEN
		RAISE EXCEPTION 'the procedure catalogue''s answer from % is not understood', catalogue_apply.source
			USING ERRCODE = 'invalid_parameter_value', DETAIL = 'A JSON object with a "procedures" array is expected.';
	END IF;
	SELECT f.cursor INTO next_cursor FROM motcua.source_feed f WHERE f.source = catalogue_apply.source;
	next_cursor := coalesce(next_cursor, '0');
	FOR item IN SELECT e FROM jsonb_array_elements(body->'procedures') e LOOP
		seen := seen + 1;
		BEGIN
			IF jsonb_typeof(item) IS DISTINCT FROM 'object' THEN
				RAISE EXCEPTION 'not an object' USING ERRCODE = 'invalid_parameter_value';
			END IF;
			stamp := (item->>'updated_at')::timestamptz;
			IF stamp IS NOT NULL AND (latest IS NULL OR stamp > latest) THEN
				latest := stamp;
			END IF;
			pcode := (item->>'code')::motcua.procedure_code;
			SELECT p.four_on_spot, p.name INTO proc FROM motcua.procedure p WHERE p.code OPERATOR(motcua.=) pcode;
			IF NOT FOUND THEN
				unknown := unknown + 1;
				CONTINUE;
			END IF;
			ver := (item->>'version')::integer;
			dur := coalesce((item->>'duration')::numeric, (item->>'duration_days')::numeric);
			dunit := coalesce(item->>'duration_unit', CASE WHEN dur = 0 THEN 'same_day' ELSE 'working_day' END);
			new_fee := coalesce((item->>'fee')::numeric, 0);
			eff := (item->>'effective_date')::date;
			IF ver IS NULL OR ver < 1 OR dur IS NULL OR dur < 0 OR dunit NOT IN ('working_day', 'working_hour', 'same_day')
			   OR (dunit = 'same_day') <> (dur = 0) OR new_fee < 0 OR new_fee <> trunc(new_fee)
			   OR (proc.four_on_spot AND dunit = 'working_day') THEN
				RAISE EXCEPTION 'terms not understood' USING ERRCODE = 'invalid_parameter_value';
			END IF;
			-- the terms before the first synchronization stay as version 0
			INSERT INTO motcua.procedure_version (procedure, version, valid_from, name, duration, duration_unit, fee, source)
			SELECT p.code, 0, '-infinity', p.name, p.duration, p.duration_unit, p.fee, 'local'
			FROM motcua.procedure p
			WHERE p.code OPERATOR(motcua.=) pcode
			  AND NOT EXISTS (SELECT 1 FROM motcua.procedure_version v WHERE v.procedure OPERATOR(motcua.=) pcode);
			starts := CASE WHEN eff IS NOT NULL THEN (eff::timestamp - interval '7 hours') AT TIME ZONE 'UTC' ELSE now() END;
			starts := greatest(starts, (SELECT max(v.valid_from) FROM motcua.procedure_version v
										WHERE v.procedure OPERATOR(motcua.=) pcode AND v.version < ver));
			INSERT INTO motcua.procedure_version AS v (procedure, version, valid_from, name, duration, duration_unit, fee,
													   decision_on, effective_on, published_on, content_complete, source)
			VALUES (pcode, ver, starts, coalesce(nullif(item->>'name', ''), proc.name), dur, dunit, new_fee,
					(item->>'decision_date')::date, eff, (item->>'published_at')::date,
					(item->>'content_complete')::boolean, 'catalogue')
			ON CONFLICT (procedure, version) DO UPDATE
			SET valid_from = EXCLUDED.valid_from, name = EXCLUDED.name, duration = EXCLUDED.duration,
				duration_unit = EXCLUDED.duration_unit, fee = EXCLUDED.fee, decision_on = EXCLUDED.decision_on,
				effective_on = EXCLUDED.effective_on, published_on = EXCLUDED.published_on,
				content_complete = EXCLUDED.content_complete, synced_at = now()
			WHERE (v.valid_from, v.name, v.duration, v.duration_unit, v.fee, v.decision_on, v.effective_on,
				   v.published_on, v.content_complete)
				  IS DISTINCT FROM (EXCLUDED.valid_from, EXCLUDED.name, EXCLUDED.duration, EXCLUDED.duration_unit,
									EXCLUDED.fee, EXCLUDED.decision_on, EXCLUDED.effective_on, EXCLUDED.published_on,
									EXCLUDED.content_complete);
			GET DIAGNOSTICS changed = ROW_COUNT;
			IF changed > 0 THEN
				touched := touched || pcode;
				applied := applied + 1;
			END IF;
		EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
			rejected := rejected + 1;
		END;
	END LOOP;
	PERFORM motcua_internal.catalogue_roll(touched);
	IF latest IS NOT NULL THEN
		next_cursor := greatest(next_cursor, to_char(latest AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS.US"Z"'));
	END IF;
	INSERT INTO motcua.source_feed AS f (source, cursor, polled_at, changes)
	VALUES (catalogue_apply.source, next_cursor, now(), applied)
	ON CONFLICT (source) DO UPDATE SET cursor = EXCLUDED.cursor, polled_at = now(), changes = f.changes + applied;
	RETURN NEXT;
END
$$;

-- record_made_public: an officer of the unit records the day the unit
-- made a procedure version public (at its counter, on its site).
CREATE OR REPLACE FUNCTION motcua.record_made_public(procedure motcua.procedure_code, version integer,
													unit motcua.unit_id, made_public_on date DEFAULT current_date)
	RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	published date;
BEGIN
	IF procedure IS NULL OR version IS NULL OR unit IS NULL OR made_public_on IS NULL THEN
		RAISE EXCEPTION 'record_made_public needs a procedure, a version, a unit and a day'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT v.published_on INTO published FROM motcua.procedure_version v
	WHERE v.procedure OPERATOR(motcua.=) procedure AND v.version = version AND v.source = 'catalogue';
	IF NOT FOUND THEN
		RAISE EXCEPTION 'procedure % has no catalogue version %', procedure, version
			USING ERRCODE = 'undefined_object', HINT = 'The versions are in motcua.procedure_transparency.';
	END IF;
	PERFORM motcua_internal.require_receiving_unit(unit, 'dossiers');
	PERFORM motcua_internal.require_unit_access(ARRAY[unit], 'record what the unit made public');
	IF made_public_on > motcua.local_time(now(), motcua_internal.calendar_of_unit(unit))::date THEN
		RAISE EXCEPTION 'a posting cannot be recorded for a day to come (%)', made_public_on
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF published IS NULL OR made_public_on < published THEN
		RAISE EXCEPTION 'procedure % version % cannot have been made public on %', procedure, version, made_public_on
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = CASE WHEN published IS NULL THEN 'Its publication decision is not recorded yet.'
								ELSE format('It was published on %s.', published) END;
	END IF;
	INSERT INTO motcua.procedure_posting AS pp (procedure, version, unit, made_public_on)
	VALUES (procedure, version, unit, made_public_on)
	ON CONFLICT ON CONSTRAINT procedure_posting_pkey DO UPDATE
	SET made_public_on = EXCLUDED.made_public_on, recorded_by = session_user, recorded_at = now();
END
$$;
COMMENT ON FUNCTION motcua.record_made_public(motcua.procedure_code, integer, motcua.unit_id, date) IS
	'record the day a unit made a procedure version public [công khai TTHC] (Decision 766: made public on time)';

REVOKE ALL ON FUNCTION motcua_internal.catalogue_roll(motcua.procedure_code[]),
	motcua_internal.catalogue_apply(text, text),
	motcua.record_made_public(motcua.procedure_code, integer, motcua.unit_id, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua_internal.catalogue_roll(motcua.procedure_code[]),
	motcua_internal.catalogue_apply(text, text) TO motcua_admin;
GRANT EXECUTE ON FUNCTION motcua.record_made_public(motcua.procedure_code, integer, motcua.unit_id, date)
	TO motcua_officer, motcua_admin;
GRANT SELECT ON motcua.procedure_version, motcua.procedure_posting, motcua.procedure_transparency,
	motcua.procedure_posting_status TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;

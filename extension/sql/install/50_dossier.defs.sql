-- Dossier helpers: month partitions, the receiving unit and its calendar;
-- the grants on the dossier tables (the history: 50_history.defs.sql).

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
-- (PL/pgSQL: its plan is kept across calls; every reception calls it.)
CREATE OR REPLACE FUNCTION motcua_internal.calendar_of_unit(unit motcua.unit_id) RETURNS text
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (SELECT coalesce(u.calendar, j.calendar)
			FROM motcua.unit u JOIN motcua.jurisdiction j ON j.code = u.jurisdiction
			WHERE u.id OPERATOR(motcua.=) calendar_of_unit.unit);
END
$$;

-- office_hours_per_day of a calendar, to turn working days into hours.
CREATE OR REPLACE FUNCTION motcua_internal.office_hours_per_day(calendar text) RETURNS numeric
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- (PL/pgSQL, not SQL: see portal_time)
	RETURN (SELECT (extract(epoch FROM (c.morning_end - c.morning_start) + (c.afternoon_end - c.afternoon_start)) / 3600)::numeric
			FROM motcua.calendar c WHERE c.code = office_hours_per_day.calendar);
END
$$;

REVOKE ALL ON FUNCTION motcua.ensure_dossier_partition(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.ensure_dossier_partition(date) TO motcua_admin;
GRANT SELECT ON motcua.dossier, motcua.dossier_event, motcua.dossier_component TO motcua_officer, motcua_auditor, motcua_admin;
GRANT SELECT ON motcua.dossier_state, motcua.dossier_transition TO motcua_officer, motcua_auditor, motcua_admin, motcua_bi;

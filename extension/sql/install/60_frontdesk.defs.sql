-- Front-desk helpers shared by the queue, ratings and feedback.

-- Front office (docs/domain.md §5 "Satisfaction", the waiting-time targets of
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
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- (PL/pgSQL, not SQL: see portal_time)
	RETURN motcua.local_time(at, motcua_internal.calendar_of_unit(unit))::date;
END
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

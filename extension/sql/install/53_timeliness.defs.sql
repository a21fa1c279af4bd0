-- The legal deadline and the Decision 766 judgement of a dossier.

-- legal_due: the legal deadline as it stands at as_of (docs/domain.md §2).
-- The first promised date moves by the office time of each clock stop up
-- to as_of (closed stops, then the one still running since
-- open_stop_since), but only by a stop that began before the deadline was
-- reached: once the deadline has passed, the dossier is late, and a later
-- supplement request or suspension does not make it on time again.
-- Extensions never move it.  transition() keeps dossier.due_at with it and
-- timeliness() asks it about any instant of the past.
CREATE OR REPLACE FUNCTION motcua_internal.legal_due(first_promised timestamptz, closed_stops tstzrange[],
								 open_stop_since timestamptz, calendar text, as_of timestamptz)
	RETURNS timestamptz
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	due timestamptz := first_promised;
	stop tstzrange;
	stopped numeric;
BEGIN
	FOR stop IN
		SELECT x FROM unnest(closed_stops || CASE WHEN open_stop_since IS NOT NULL
												  THEN tstzrange(open_stop_since, NULL) END) x
		WHERE x IS NOT NULL AND lower(x) < as_of ORDER BY lower(x)
	LOOP
		-- (no office time between the stop's start and the deadline: the
		-- deadline had been reached when the clock stopped)
		EXIT WHEN motcua.working_days_between(lower(stop), due, calendar) <= 0;
		stopped := motcua.working_days_between(lower(stop), least(coalesce(upper(stop), as_of), as_of), calendar);
		IF stopped > 0 THEN
			due := motcua.add_working_hours(due, stopped * motcua_internal.office_hours_per_day(calendar), calendar);
		END IF;
	END LOOP;
	RETURN due;
END
$$;
COMMENT ON FUNCTION motcua_internal.legal_due(timestamptz, tstzrange[], timestamptz, text, timestamptz) IS
	'the legal deadline at as_of: the first promised date moved by the clock stops up to as_of that began before it was reached; extensions never move it';

-- timeliness judges a dossier as it stood at a time, by the Decision 766
-- rule (docs/domain.md §2): finished ones are early (a calendar day or more
-- before the legal deadline), on_time or late; unfinished ones are
-- in_progress, or in_progress_overdue once the legal deadline as it stood
-- then (legal_due) has passed or a second supplement request was made.
-- A clock stop running at as_of holds the deadline back, so a dossier
-- waiting for the person's supplement is not overdue.  An extension with
-- an apology letter does not cure lateness: the deadline is the first
-- promised date moved only by clock stops.  The KPIs count the same.
CREATE OR REPLACE FUNCTION motcua.timeliness(dossier motcua.dossier_code, as_of timestamptz DEFAULT now()) RETURNS text
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d record;
BEGIN
	SELECT x.finished_at, x.first_promised_at, x.due_at, x.supplement_count, x.second_supplement_at,
		   x.clock_stops, x.clock_stopped_at, x.calendar, x.received_at INTO d
	FROM motcua.dossier x
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	IF as_of < d.received_at THEN
		RAISE EXCEPTION 'dossier % was received after %', dossier, as_of USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF d.finished_at IS NOT NULL AND d.finished_at <= as_of THEN
		RETURN motcua_internal.finished_outcome(d.finished_at, d.due_at, d.supplement_count,
									   (SELECT c.utc_offset FROM motcua.calendar c WHERE c.code = d.calendar));
	END IF;
	RETURN CASE WHEN d.second_supplement_at <= as_of
					 OR as_of > motcua_internal.legal_due(d.first_promised_at, d.clock_stops, d.clock_stopped_at,
												 d.calendar, as_of)
				THEN 'in_progress_overdue' ELSE 'in_progress' END;
END
$$;
COMMENT ON FUNCTION motcua.timeliness(motcua.dossier_code, timestamptz) IS
	'early, on_time or late once finished, in_progress or in_progress_overdue before: the dossier as it stood at as_of, judged against its legal deadline (clock stops hold it back, extensions do not)';

-- The SQL side of the jobs: scheduling them (schedule_job, alter_job,
-- unschedule_job, run_job), what the scheduler and the run workers call
-- (workers/scheduler.c, workers/jobrun.c), the handlers of the kinds, and
-- the views jobs and job_runs.

CREATE OR REPLACE FUNCTION motcua_internal.cron_next(expr text, after timestamptz) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'motcua_cron_next'
	LANGUAGE C STABLE STRICT;
COMMENT ON FUNCTION motcua_internal.cron_next(text, timestamptz) IS
	'the first instant after "after" that a 5-field cron expression names, in the session''s time zone (22023 naming the bad field)';
CREATE OR REPLACE FUNCTION motcua_internal.wake_scheduler_at_commit() RETURNS void
	AS 'MODULE_PATHNAME', 'motcua_wake_scheduler_at_commit'
	LANGUAGE C VOLATILE;
CREATE OR REPLACE FUNCTION motcua_internal.extension_created() RETURNS void
	AS 'MODULE_PATHNAME', 'motcua_extension_created'
	LANGUAGE C VOLATILE;
CREATE OR REPLACE FUNCTION motcua_internal.note_kpi_dirty() RETURNS void
	AS 'MODULE_PATHNAME', 'motcua_note_kpi_dirty'
	LANGUAGE C VOLATILE;
CREATE OR REPLACE FUNCTION motcua_internal.scheduler_state() RETURNS text
	AS 'MODULE_PATHNAME', 'motcua_scheduler_state'
	LANGUAGE C STABLE;

-- parse_schedule: a schedule is a cron expression (5 fields, or @daily
-- and the like), returned with a NULL interval, or an interval of at least
-- one second ('30 seconds'); anything else is 22023.
CREATE OR REPLACE FUNCTION motcua_internal.parse_schedule(schedule text) RETURNS interval
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	every interval;
BEGIN
	IF schedule IS NULL OR btrim(schedule) = '' THEN
		RAISE EXCEPTION 'schedule must be a cron expression or an interval' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF btrim(schedule) ~ '^@' OR array_length(regexp_split_to_array(btrim(schedule), '\s+'), 1) = 5 THEN
		PERFORM motcua_internal.cron_next(schedule, now());
		RETURN NULL;
	END IF;
	BEGIN
		every := schedule::interval;
	EXCEPTION WHEN invalid_datetime_format OR datetime_field_overflow OR interval_field_overflow THEN
		RAISE EXCEPTION 'schedule "%" is neither a cron expression nor an interval', schedule
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Write a cron expression ("*/5 * * * *", in the database''s time zone) or an interval ("30 seconds").';
	END;
	IF every < interval '1 second' OR NOT isfinite(now() + every) THEN
		RAISE EXCEPTION 'schedule interval % must be at least one second', every USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN every;
END
$$;

-- schedule_next: a job's next due instant after a given one.
CREATE OR REPLACE FUNCTION motcua_internal.schedule_next(schedule text, every interval, after timestamptz)
	RETURNS timestamptz
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN every IS NOT NULL THEN after + every ELSE motcua_internal.cron_next(schedule, after) END
$$;

-- check_job_config refuses a config key the kind does not know (22023).
CREATE OR REPLACE FUNCTION motcua_internal.check_job_config(kind text, config jsonb) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	k record;
	bad text;
BEGIN
	SELECT * INTO k FROM motcua.job_kind x WHERE x.kind = check_job_config.kind;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown job kind "%"', kind
			USING ERRCODE = 'undefined_object',
				  HINT = 'Kinds: ' || (SELECT string_agg(x.kind, ', ' ORDER BY x.kind) FROM motcua.job_kind x) || '.';
	END IF;
	IF config IS NULL OR jsonb_typeof(config) <> 'object' THEN
		RAISE EXCEPTION 'config must be a JSON object' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT string_agg(key, ', ' ORDER BY key) INTO bad FROM jsonb_object_keys(config) key WHERE NOT key = ANY (k.config_keys);
	IF bad IS NOT NULL THEN
		RAISE EXCEPTION 'job kind % does not know config key %', kind, bad
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = coalesce('Its keys: ' || nullif(array_to_string(k.config_keys, ', '), '') || '.', 'It takes no config.');
	END IF;
	IF kind = 'sql' AND coalesce(btrim(config->>'command'), '') = '' THEN
		RAISE EXCEPTION 'a sql job needs config.command' USING ERRCODE = 'invalid_parameter_value';
	END IF;
END
$$;

-- require_job finds a job by name or raises 42704.
CREATE OR REPLACE FUNCTION motcua_internal.require_job(name text) RETURNS motcua_internal.job
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	j motcua_internal.job;
BEGIN
	SELECT * INTO j FROM motcua_internal.job x WHERE x.name = require_job.name;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no job is named "%"', name USING ERRCODE = 'undefined_object';
	END IF;
	RETURN j;
END
$$;

-- schedule_job schedules a job, or updates the one of that name; the
-- scheduler looks again once this commits.  Its owner (the role its runs
-- act as) is the session's login role.
CREATE OR REPLACE FUNCTION motcua.schedule_job(name text, kind text, schedule text, config jsonb DEFAULT '{}')
	RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	every interval;
	jid bigint;
BEGIN
	IF name IS NULL OR name !~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$' THEN
		RAISE EXCEPTION 'job name "%" is not valid', name
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Letters, digits, "_", "." and "-", at most 63.';
	END IF;
	PERFORM motcua_internal.check_job_config(kind, config);
	every := motcua_internal.parse_schedule(schedule);
	INSERT INTO motcua_internal.job AS j (name, kind, schedule, every, config, owner, next_run_at)
	VALUES (name, kind, schedule, every, config, session_user,
			motcua_internal.schedule_next(schedule, every, now()))
	ON CONFLICT ON CONSTRAINT job_pkey DO UPDATE
		SET kind = EXCLUDED.kind, schedule = EXCLUDED.schedule, every = EXCLUDED.every, config = EXCLUDED.config,
			owner = EXCLUDED.owner, next_run_at = EXCLUDED.next_run_at, enabled = true, disabled_reason = NULL,
			retries = 0, is_default = false
	RETURNING j.id INTO jid;
	PERFORM motcua_internal.wake_scheduler_at_commit();
	RETURN jid;
END
$$;
COMMENT ON FUNCTION motcua.schedule_job(text, text, text, jsonb) IS
	'schedule a job (a cron expression in the database''s time zone, or an interval); an existing name is updated; returns its id';

-- alter_job changes what is given and leaves the rest; only the job's
-- owner (or a superuser) changes its config.
CREATE OR REPLACE FUNCTION motcua.alter_job(name text, schedule text DEFAULT NULL, config jsonb DEFAULT NULL,
								 enabled boolean DEFAULT NULL, max_runtime interval DEFAULT NULL)
	RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	j motcua_internal.job := motcua_internal.require_job(name);
	new_every interval := j.every;
BEGIN
	IF schedule IS NOT NULL THEN
		new_every := motcua_internal.parse_schedule(schedule);
	END IF;
	IF config IS NOT NULL THEN
		PERFORM motcua_internal.check_job_config(j.kind, config);
		-- what a job runs is its owner's to change: another administrator
		-- would otherwise run a command with the owner's rights
		IF j.owner <> session_user AND NOT motcua_internal.session_is_superuser() THEN
			RAISE EXCEPTION 'job % belongs to %: only its owner changes what it runs', name, j.owner
				USING ERRCODE = 'insufficient_privilege',
					  HINT = 'Schedule it again with schedule_job: you become its owner and it runs with your rights.';
		END IF;
	END IF;
	IF max_runtime IS NOT NULL AND max_runtime < interval '1 second' THEN
		RAISE EXCEPTION 'max_runtime % must be at least one second', max_runtime USING ERRCODE = 'invalid_parameter_value';
	END IF;
	UPDATE motcua_internal.job x SET
		schedule = coalesce(alter_job.schedule, x.schedule), every = new_every,
		config = coalesce(alter_job.config, x.config), max_runtime = coalesce(alter_job.max_runtime, x.max_runtime),
		enabled = coalesce(alter_job.enabled, x.enabled),
		disabled_reason = CASE WHEN alter_job.enabled THEN NULL ELSE x.disabled_reason END,
		retries = CASE WHEN alter_job.enabled THEN 0 ELSE x.retries END,
		next_run_at = CASE WHEN alter_job.schedule IS NOT NULL OR alter_job.enabled
						   THEN motcua_internal.schedule_next(coalesce(alter_job.schedule, x.schedule), new_every, now())
						   ELSE x.next_run_at END
	WHERE x.name = alter_job.name;
	PERFORM motcua_internal.wake_scheduler_at_commit();
END
$$;
COMMENT ON FUNCTION motcua.alter_job(text, text, jsonb, boolean, interval) IS
	'change a job''s schedule, config, enabled flag or max_runtime (what is NULL stays)';

CREATE OR REPLACE FUNCTION motcua.unschedule_job(name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM motcua_internal.require_job(name);
	DELETE FROM motcua_internal.job x WHERE x.name = unschedule_job.name;
	PERFORM motcua_internal.wake_scheduler_at_commit();
END
$$;
COMMENT ON FUNCTION motcua.unschedule_job(text) IS 'remove a job and its run history';

-- run_job asks for a run now and returns its id; the scheduler starts it
-- once this commits (a job already running is not started twice).
CREATE OR REPLACE FUNCTION motcua.run_job(name text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	j motcua_internal.job := motcua_internal.require_job(name);
	rid bigint;
BEGIN
	IF j.run_requested IS NOT NULL THEN
		RETURN j.run_requested;
	END IF;
	INSERT INTO motcua_internal.job_run (job, due_at, status, message)
	VALUES (j.id, now(), 'started', 'asked for by run_job')
	RETURNING id INTO rid;
	UPDATE motcua_internal.job x SET run_requested = rid WHERE x.id = j.id;
	PERFORM motcua_internal.wake_scheduler_at_commit();
	RETURN rid;
END
$$;
COMMENT ON FUNCTION motcua.run_job(text) IS 'start a run of a job now (once this commits); returns the run''s id';

-- --- what the scheduler calls ----------------------------------------------

-- jobs_mark_crashed: at a scheduler's start, the runs that never
-- reported their end (their process is gone) are crashed.
CREATE OR REPLACE FUNCTION motcua_internal.jobs_mark_crashed() RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n bigint;
BEGIN
	UPDATE motcua_internal.job_run r
	SET status = 'crashed', ended_at = clock_timestamp(),
		message = 'the run never reported its end (its process was killed or the server restarted)'
	WHERE r.status IN ('started', 'running')
	  AND NOT EXISTS (SELECT 1 FROM motcua_internal.job j WHERE j.run_requested = r.id)
	  AND (r.pid IS NULL OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity a WHERE a.pid = r.pid));
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

-- jobs_claim_due starts the runs that are due: at most max_new, jobs with
-- no run in progress, and the jobs of the woken kinds (kpi_refresh when
-- the KPI queue has grown, national_lookup when a lookup was queued).  A
-- job whose owner role no longer exists is disabled with the reason.
-- Each run's started row is written here and committed before its worker
-- starts.
CREATE OR REPLACE FUNCTION motcua_internal.jobs_claim_due(max_new integer, woken text[])
	RETURNS TABLE (run_id bigint, job_name text, owner name, max_runtime interval)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	j record;
	rid bigint;
BEGIN
	FOR j IN
		SELECT x.* FROM motcua_internal.job x
		WHERE x.enabled
		  AND (x.next_run_at <= now() OR x.run_requested IS NOT NULL OR x.kind = ANY (woken))
		  AND NOT EXISTS (SELECT 1 FROM motcua_internal.job_run r
						  WHERE r.job = x.id AND r.status IN ('started', 'running')
							AND r.id IS DISTINCT FROM x.run_requested)
		ORDER BY x.run_requested IS NULL, x.next_run_at NULLS FIRST
		LIMIT greatest(max_new, 0)
		FOR UPDATE OF x SKIP LOCKED
	LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = j.owner AND r.rolcanlogin OR r.rolname = j.owner AND r.rolsuper) THEN
			UPDATE motcua_internal.job x SET enabled = false, run_requested = NULL,
				disabled_reason = format('its owner role %s no longer exists or cannot log in', j.owner)
			WHERE x.id = j.id;
			UPDATE motcua_internal.job_run r SET status = 'failed', ended_at = clock_timestamp(),
				message = format('not run: the owner role %s no longer exists or cannot log in', j.owner)
			WHERE r.id = j.run_requested;
			CONTINUE;
		END IF;
		IF j.run_requested IS NOT NULL THEN
			rid := j.run_requested;
		ELSE
			INSERT INTO motcua_internal.job_run (job, due_at, status)
			VALUES (j.id, coalesce(j.next_run_at, now()), 'started') RETURNING id INTO rid;
		END IF;
		UPDATE motcua_internal.job x SET run_requested = NULL,
			next_run_at = CASE WHEN j.run_requested IS NOT NULL AND j.next_run_at > now() THEN j.next_run_at
							   ELSE motcua_internal.schedule_next(j.schedule, j.every, greatest(now(), coalesce(j.next_run_at, now()))) END
		WHERE x.id = j.id;
		run_id := rid; job_name := j.name; owner := j.owner; max_runtime := j.max_runtime;
		RETURN NEXT;
	END LOOP;
END
$$;

-- job_run_settle: the last word on a run, from its worker (job_run_end)
-- or from the scheduler when the worker stopped without reporting, could
-- not start, or ran too long.  Only a run still started or running is
-- settled, once.  A failed run is retried after an exponentially growing
-- delay, 10 s doubling up to an hour, and never later than the job's next
-- scheduled time; a success clears the count.
CREATE OR REPLACE FUNCTION motcua_internal.job_run_settle(run_id bigint, outcome text, detail text DEFAULT NULL)
	RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r motcua_internal.job_run;
BEGIN
	UPDATE motcua_internal.job_run x
	SET status = outcome, ended_at = clock_timestamp(), message = coalesce(detail, x.message)
	WHERE x.id = run_id AND x.status IN ('started', 'running')
	RETURNING * INTO r;
	IF NOT FOUND THEN
		RETURN (SELECT x.status FROM motcua_internal.job_run x WHERE x.id = run_id);
	END IF;
	IF r.status = 'succeeded' THEN
		UPDATE motcua_internal.job j SET retries = 0 WHERE j.id = r.job AND j.retries <> 0;
	ELSE
		UPDATE motcua_internal.job j
		SET retries = j.retries + 1,
			next_run_at = least(j.next_run_at,
								clock_timestamp() + least(interval '10 seconds' * (2 ^ least(j.retries, 20)), interval '1 hour'))
		WHERE j.id = r.job;
	END IF;
	RETURN r.status;
END
$$;

-- jobs_next_wake: when the scheduler must look again.  A job whose run
-- is still going does not count, however late its next run is: that
-- run's end wakes the scheduler (counting it kept the scheduler looking
-- again and again while a long kpi_refresh caught up).
CREATE OR REPLACE FUNCTION motcua_internal.jobs_next_wake() RETURNS timestamptz
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT min(CASE WHEN x.run_requested IS NOT NULL THEN now() ELSE x.next_run_at END)
	FROM motcua_internal.job x
	WHERE x.enabled
	  AND NOT EXISTS (SELECT 1 FROM motcua_internal.job_run r
					  WHERE r.job = x.id AND r.status IN ('started', 'running')
						AND r.id IS DISTINCT FROM x.run_requested)
$$;

-- --- what a run worker calls (as the job's owner) ---------------------------

-- job_run_begin marks a run running and returns what to do (no row when
-- the run is gone: its job was unscheduled meanwhile).
CREATE OR REPLACE FUNCTION motcua_internal.job_run_begin(run_id bigint, pid integer)
	RETURNS TABLE (kind text, handler text, entry text, config jsonb, job_name text, drains boolean)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	WITH r AS (
		UPDATE motcua_internal.job_run r SET status = 'running', pid = job_run_begin.pid
		WHERE r.id = job_run_begin.run_id AND r.status = 'started'
		RETURNING r.job)
	SELECT j.kind, k.handler, k.entry, j.config, j.name, k.drains
	FROM r JOIN motcua_internal.job j ON j.id = r.job JOIN motcua.job_kind k ON k.kind = j.kind
$$;

-- job_run_end records how a run ended, as its worker saw it.
CREATE OR REPLACE FUNCTION motcua_internal.job_run_end(run_id bigint, status text, message text, rows bigint)
	RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	UPDATE motcua_internal.job_run r
	SET message = left(job_run_end.message, 2000), rows = job_run_end.rows
	WHERE r.id = run_id AND r.status = 'running';
	IF FOUND THEN
		PERFORM motcua_internal.job_run_settle(run_id, status);
	END IF;
END
$$;

-- --- the kinds' handlers -----------------------------------------------------

-- job_kpi_refresh folds one batch of the KPI queue; the run calls it
-- again, each pass its own transaction, until it folds nothing (the kind
-- drains), so every pass's figures are visible as soon as it is done.
-- The Decision 766 and plan snapshots follow within ten seconds, and at
-- once when the queue is empty: under a steady load a pass a second
-- would otherwise spend most of its time recomputing them.
CREATE OR REPLACE FUNCTION motcua_internal.job_kpi_refresh(config jsonb) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN format('%s dossiers folded', motcua_internal.fold_kpi_queue(interval '10 seconds'));
END
$$;

-- job_snapshot_refresh recomputes what time passing changes: the queue
-- first, then the Decision 766 and plan compliance snapshots of the
-- current and previous month, quarter and year (feedback turning late,
-- dossiers turning overdue).
CREATE OR REPLACE FUNCTION motcua_internal.job_snapshot_refresh(config jsonb) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	today date := (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
	kinds "char"[] := '{m,m,q,q,y,y}';
	starts date[];
BEGIN
	PERFORM motcua.refresh_kpis();
	starts := ARRAY[date_trunc('month', today)::date, (date_trunc('month', today) - interval '1 month')::date,
					date_trunc('quarter', today)::date, (date_trunc('quarter', today) - interval '3 months')::date,
					date_trunc('year', today)::date, (date_trunc('year', today) - interval '1 year')::date];
	PERFORM motcua.refresh_snapshots(kinds, starts);
	RETURN format('snapshots of %s periods recomputed', cardinality(kinds));
END
$$;

-- job_retention deletes old job runs and finished lookups.
CREATE OR REPLACE FUNCTION motcua_internal.job_retention(config jsonb) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	runs bigint;
	lookups bigint;
BEGIN
	DELETE FROM motcua_internal.job_run r
	WHERE r.started_at < now() - make_interval(days => current_setting('motcua.job_history_days')::integer)
	  AND r.status NOT IN ('started', 'running');
	GET DIAGNOSTICS runs = ROW_COUNT;
	DELETE FROM motcua.lookup_request l
	WHERE l.status IN ('succeeded', 'failed')
	  AND l.finished_at < now() - make_interval(days => current_setting('motcua.lookup_history_days')::integer);
	GET DIAGNOSTICS lookups = ROW_COUNT;
	RETURN format('%s job runs and %s finished lookups deleted', runs, lookups);
END
$$;

-- --- the views ---------------------------------------------------------------

CREATE OR REPLACE VIEW motcua.jobs AS
SELECT j.name, j.kind, j.schedule, j.owner, j.enabled, j.disabled_reason,
	   CASE WHEN j.run_requested IS NOT NULL THEN now() ELSE j.next_run_at END AS next_run_at,
	   j.max_runtime, j.config, j.retries,
	   last.status AS last_status, last.started_at AS last_started_at, last.ended_at AS last_ended_at,
	   CASE WHEN last.status IN ('failed', 'crashed', 'timed_out', 'no_worker_slot') THEN last.message END AS last_error,
	   coalesce(t.runs, 0) AS runs, coalesce(t.succeeded, 0) AS succeeded, coalesce(t.failed, 0) AS failed,
	   motcua_internal.scheduler_state() AS scheduler
FROM motcua_internal.job j
LEFT JOIN LATERAL (SELECT r.status, r.started_at, r.ended_at, r.message FROM motcua_internal.job_run r
				   WHERE r.job = j.id ORDER BY r.started_at DESC, r.id DESC LIMIT 1) last ON true
LEFT JOIN LATERAL (SELECT count(*) AS runs, count(*) FILTER (WHERE r.status = 'succeeded') AS succeeded,
						  count(*) FILTER (WHERE r.status IN ('failed', 'crashed', 'timed_out', 'no_worker_slot')) AS failed
				   FROM motcua_internal.job_run r WHERE r.job = j.id) t ON true;
COMMENT ON VIEW motcua.jobs IS 'the jobs of this database: schedule, owner, next run, last outcome, totals over the kept history, and whether a scheduler runs';
COMMENT ON COLUMN motcua.jobs.name IS 'the job''s name';
COMMENT ON COLUMN motcua.jobs.kind IS 'what it does (motcua.job_kind)';
COMMENT ON COLUMN motcua.jobs.schedule IS 'a cron expression (database time zone) or an interval';
COMMENT ON COLUMN motcua.jobs.owner IS 'the role its runs act as (who scheduled it)';
COMMENT ON COLUMN motcua.jobs.enabled IS 'whether it runs';
COMMENT ON COLUMN motcua.jobs.disabled_reason IS 'why the scheduler disabled it (its owner dropped), if it did';
COMMENT ON COLUMN motcua.jobs.next_run_at IS 'when it runs next (earlier after a failure: the retry)';
COMMENT ON COLUMN motcua.jobs.max_runtime IS 'a run longer than this is stopped and recorded timed_out';
COMMENT ON COLUMN motcua.jobs.config IS 'its settings (the keys its kind takes)';
COMMENT ON COLUMN motcua.jobs.retries IS 'failures in a row; the retry delay doubles with each (10 s to 1 h)';
COMMENT ON COLUMN motcua.jobs.last_status IS 'the status of its last run';
COMMENT ON COLUMN motcua.jobs.last_started_at IS 'when its last run started';
COMMENT ON COLUMN motcua.jobs.last_ended_at IS 'when its last run ended';
COMMENT ON COLUMN motcua.jobs.last_error IS 'the message of its last run if that failed';
COMMENT ON COLUMN motcua.jobs.runs IS 'its runs in the kept history';
COMMENT ON COLUMN motcua.jobs.succeeded IS 'of which succeeded';
COMMENT ON COLUMN motcua.jobs.failed IS 'of which failed, crashed, timed out or found no worker slot';
COMMENT ON COLUMN motcua.jobs.scheduler IS 'whether a scheduler runs in this database, and if not, why';

CREATE OR REPLACE VIEW motcua.job_runs AS
SELECT j.name AS job, r.id AS run_id, r.due_at, r.started_at, r.ended_at, r.status, r.message, r.rows, r.pid
FROM motcua_internal.job_run r JOIN motcua_internal.job j ON j.id = r.job;
COMMENT ON VIEW motcua.job_runs IS 'every run of every job, kept for motcua.job_history_days days';
COMMENT ON COLUMN motcua.job_runs.job IS 'the job''s name';
COMMENT ON COLUMN motcua.job_runs.run_id IS 'the run''s id (run_job returns it)';
COMMENT ON COLUMN motcua.job_runs.due_at IS 'when the run was due';
COMMENT ON COLUMN motcua.job_runs.started_at IS 'when its started row was written (before its worker began)';
COMMENT ON COLUMN motcua.job_runs.ended_at IS 'when it ended (for a crashed run: when the scheduler found it dead)';
COMMENT ON COLUMN motcua.job_runs.status IS 'started, running, succeeded, failed, crashed, timed_out or no_worker_slot';
COMMENT ON COLUMN motcua.job_runs.message IS 'what the run reported, or why it failed';
COMMENT ON COLUMN motcua.job_runs.rows IS 'rows a sql job''s command affected';
COMMENT ON COLUMN motcua.job_runs.pid IS 'the process that ran it';

REVOKE ALL ON FUNCTION motcua.schedule_job(text, text, text, jsonb), motcua.alter_job(text, text, jsonb, boolean, interval),
	motcua.unschedule_job(text), motcua.run_job(text),
	motcua_internal.wake_scheduler_at_commit(), motcua_internal.extension_created(), motcua_internal.note_kpi_dirty(),
	motcua_internal.job_run_begin(bigint, integer), motcua_internal.job_run_end(bigint, text, text, bigint),
	motcua_internal.job_kpi_refresh(jsonb), motcua_internal.job_snapshot_refresh(jsonb), motcua_internal.job_retention(jsonb)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.schedule_job(text, text, text, jsonb), motcua.alter_job(text, text, jsonb, boolean, interval),
	motcua.unschedule_job(text), motcua.run_job(text),
	motcua_internal.job_run_begin(bigint, integer), motcua_internal.job_run_end(bigint, text, text, bigint),
	motcua_internal.job_kpi_refresh(jsonb), motcua_internal.job_snapshot_refresh(jsonb), motcua_internal.job_retention(jsonb)
	TO motcua_admin;
GRANT EXECUTE ON FUNCTION motcua_internal.note_kpi_dirty() TO motcua_admin, motcua_officer;
GRANT SELECT ON motcua.jobs, motcua.job_runs, motcua.job_kind TO motcua_admin, motcua_auditor;

-- the defaults get their first due time; the launcher starts this
-- database's scheduler once the install (or upgrade) commits
UPDATE motcua_internal.job SET next_run_at = motcua_internal.schedule_next(schedule, every, now())
WHERE next_run_at IS NULL AND enabled;
SELECT motcua_internal.extension_created();

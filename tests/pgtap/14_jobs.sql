-- The jobs' SQL side: scheduling and its bad input, cron and interval
-- schedules in the database's time zone, the claim of due runs, the
-- retry delay, crashed runs, the views.  (tests/sh/008_jobs.sh runs the
-- workers themselves.)
BEGIN;
SELECT plan(35);
SET LOCAL search_path = motcua, motcua_internal, public;
SET LOCAL timezone = 'Asia/Ho_Chi_Minh';

-- cron schedules, read in the session's time zone
SELECT is(cron_next('*/5 * * * *', '2026-03-02 10:03:20+07'), '2026-03-02 10:05:00+07'::timestamptz, 'every 5 minutes: 10:03:20 → 10:05');
SELECT is(cron_next('0 9 * * 1-5', '2026-03-06 09:00:00+07'), '2026-03-09 09:00:00+07'::timestamptz, 'weekdays at 9: Friday 9:00 → Monday 9:00 (strictly after)');
SELECT is(cron_next('@daily', '2026-12-31 23:59:59+07'), '2027-01-01 00:00:00+07'::timestamptz, '@daily across the year');
SET LOCAL timezone = 'America/New_York';
SELECT is(cron_next('30 2 * * *', '2026-03-08 00:00:00-05'), '2026-03-08 03:30:00-04'::timestamptz,
		  'a local time skipped by a daylight-saving change runs at the shifted instant');
SELECT is(cron_next('0 12 * * *', '2026-07-01 13:00:00-04'), '2026-07-02 12:00:00-04'::timestamptz, 'noon in the session''s zone');
SET LOCAL timezone = 'Asia/Ho_Chi_Minh';
SELECT throws_ok($$SELECT cron_next('0 25 * * *', now())$$, '22023', 'invalid cron expression "0 25 * * *": hour field "25" is out of range 0-23',
				 'a bad field is named');
SELECT throws_ok($$SELECT cron_next('0 0 30 2 *', now())$$, '22023', NULL, 'an expression that never fires is refused');
SELECT is(parse_schedule('30 seconds'), '30 seconds'::interval, 'an interval schedule');
SELECT is(parse_schedule('*/10 * * * *'), NULL, 'a cron schedule');
SELECT throws_ok($$SELECT parse_schedule('every day')$$, '22023', NULL, 'neither is refused');
SELECT throws_ok($$SELECT parse_schedule('0.5 seconds')$$, '22023', NULL, 'an interval under a second is refused');
SELECT throws_ok($$SELECT parse_schedule('* * * *')$$, '22023', NULL, 'four fields are neither');

-- scheduling and its bad input
SELECT ok(schedule_job('t_sql', 'sql', '1 hour', '{"command": "SELECT 1"}') > 0, 'schedule_job returns the job''s id');
SELECT is((SELECT (kind, schedule, owner = session_user, enabled, next_run_at > now())::text FROM jobs WHERE name = 't_sql'),
		  '(sql,"1 hour",t,t,t)', 'the job is listed with its owner and next run');
SELECT is(schedule_job('t_sql', 'sql', '*/15 * * * *', '{"command": "SELECT 2"}'), (SELECT id FROM job WHERE name = 't_sql'),
		  'scheduling an existing name updates it');
SELECT is((SELECT schedule || ' ' || (config->>'command') FROM jobs WHERE name = 't_sql'), '*/15 * * * * SELECT 2', 'with the new schedule and config');
SELECT throws_ok($$SELECT schedule_job('t_bad', 'nope', '1 hour')$$, '42704', NULL, 'an unknown kind is 42704');
SELECT throws_ok($$SELECT schedule_job('t_bad', 'sql', '1 hour', '{"cmd": "SELECT 1"}')$$, '22023', 'job kind sql does not know config key cmd',
				 'an unknown config key is 22023 naming it');
SELECT throws_ok($$SELECT schedule_job('t_bad', 'sql', '1 hour')$$, '22023', 'a sql job needs config.command', 'a sql job needs its command');
SELECT throws_ok($$SELECT schedule_job('t bad!', 'sql', '1 hour', '{"command": "SELECT 1"}')$$, '22023', NULL, 'a bad name is refused');
SELECT throws_ok($$SELECT schedule_job('t_bad', 'sql', '0 0 32 * *', '{"command": "SELECT 1"}')$$, '22023', NULL, 'a bad cron field is 22023');
SELECT ok(NOT EXISTS (SELECT 1 FROM job WHERE name = 't_bad'), 'and the refused calls wrote nothing');
SELECT throws_ok($$SELECT alter_job('nope', enabled => false)$$, '42704', NULL, 'alter_job of an unknown name is 42704');
SELECT throws_ok($$SELECT unschedule_job('nope')$$, '42704', NULL, 'so is unschedule_job');
SELECT throws_ok($$SELECT run_job('nope')$$, '42704', NULL, 'and run_job');
SELECT throws_ok($$SELECT alter_job('t_sql', max_runtime => '0 seconds')$$, '22023', NULL, 'a max_runtime under a second is refused');

-- run_job and the claim
SELECT run_job('t_sql') AS r1 \gset
SELECT is(run_job('t_sql'), :r1::bigint, 'asking twice before it starts gives the same run');
SELECT is((SELECT count(*) FROM jobs_claim_due(10, '{}') c WHERE c.job_name = 't_sql'), 1::bigint, 'the claim starts the asked-for run');
SELECT is((SELECT count(*) FROM jobs_claim_due(10, '{}') c WHERE c.job_name = 't_sql'), 0::bigint, 'and never twice while it runs');
SELECT is((SELECT status FROM job_runs WHERE run_id = :r1), 'started', 'its started row is written by the claim');

-- a crash, the retry delay, success
SELECT is(job_run_settle(:r1, 'crashed', 'killed'), 'crashed', 'a run its worker did not close is crashed');
SELECT ok((SELECT j.retries = 1 AND round(extract(epoch FROM j.next_run_at - r.ended_at)) = 10
		   FROM jobs j JOIN job_runs r ON r.job = j.name AND r.run_id = :r1 WHERE j.name = 't_sql'), 'and retried 10 s after it ended');
SELECT is(job_run_settle(:r1, 'failed', 'late word') || (SELECT retries FROM jobs WHERE name = 't_sql'), 'crashed1',
		  'a run is settled once: a second word on it changes nothing');
UPDATE job SET retries = 30, next_run_at = 'infinity' WHERE name = 't_sql';
SELECT run_job('t_sql') AS r2 \gset
SELECT count(*) AS claimed FROM jobs_claim_due(10, '{}') \gset
SELECT job_run_settle(:r2, 'failed');
SELECT ok((SELECT next_run_at BETWEEN now() + interval '59 minutes' AND now() + interval '61 minutes'
		   FROM jobs WHERE name = 't_sql'), 'the delay stops growing at an hour (10 s doubled 30 times would be years)');

SELECT unschedule_job('t_sql');
SELECT ok(NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 't_sql'), 'unscheduling removes the job and its runs');
SELECT * FROM finish();
ROLLBACK;

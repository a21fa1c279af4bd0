-- What make demo prints after Quảng Ninh's simulated 2025: the year's
-- figures, the plan's compliance per tier, the Decision 766 ranking of the
-- units, reuse at work, and the background jobs.  Every figure is read
-- from motcua's views, as a BI tool would.
\pset footer off
\pset null '—'

\echo
\echo '== Tỉnh Quảng Ninh, năm 2025 (motcua.kpi, the province and its three tiers)'
SELECT CASE WHEN u.parent IS NULL THEN 'tỉnh (cả tỉnh)' ELSE u.name END AS "unit",
	   k.received AS "received", k.finished AS "finished",
	   k.on_time_rate AS "on time %", k.online_rate AS "online %",
	   k.digitized_dossier_rate AS "digitized %", k.component_reuse_rate AS "reused %",
	   k.online_payment_rate AS "paid online %", k.avg_wait_minutes AS "wait (min)",
	   k.satisfaction_rate AS "satisfied %", k.in_progress_overdue AS "overdue now"
FROM motcua.kpi k JOIN motcua.unit u ON u.id OPERATOR(motcua.=) k.unit
WHERE u.jurisdiction = 'H22' AND k.period_kind = 'y' AND k.period_start = '2025-01-01'
  AND (u.parent IS NULL OR u.receives_dossiers AND u.tier = 1 OR u.id::text LIKE '000.00.1_.H22')
ORDER BY u.tier, u.id;

\echo
\echo '== The province plan (KH 140/2021), 2025: compliance per tier (motcua.plan_compliance)'
SELECT c.indicator_name AS "indicator", c.tier AS "tier", count(*) AS "units",
	   count(*) FILTER (WHERE c.met) AS "met", count(*) FILTER (WHERE NOT c.met) AS "not met",
	   round(min(c.actual), 1) AS "lowest", round(max(c.actual), 1) AS "highest",
	   min(c.target) AS "target", min(c.direction) AS "rule"
FROM motcua.plan_compliance c
WHERE c.plan = 'QN-KH140-2021' AND c.period = 2025 AND c.actual IS NOT NULL
GROUP BY c.indicator_name, c.tier
ORDER BY c.indicator_name, c.tier;

\echo
\echo '== Decision 766 index, 2025: ranking of the one-stop units (motcua.index_766, 100 points)'
SELECT rank() OVER (ORDER BY s.total DESC) AS "rank", u.name AS "unit", s.total AS "points",
	   s.measured AS "of points measured"
FROM (SELECT i.unit, max(i.total_points) AS total, 100 - max(i.unmeasured_points) AS measured
	  FROM motcua.index_766 i
	  WHERE i.period_kind = 'y' AND i.period_start = '2025-01-01'
	  GROUP BY i.unit) s
JOIN motcua.unit u ON u.id OPERATOR(motcua.=) s.unit
WHERE u.jurisdiction = 'H22' AND u.receives_dossiers
ORDER BY s.total DESC, u.name;

\echo
\echo '== Reuse at work: components the state already held, taken instead of asking again'
SELECT x.supplied_by AS "supplied by", count(*) AS "components", count(DISTINCT x.dossier) AS "dossiers"
FROM motcua.dossier_component x
WHERE x.supplied_by IS NOT NULL
GROUP BY x.supplied_by ORDER BY count(*) DESC;
\echo 'three people who came back in 2025, and what motcua.reuse_check says for their next dossier:'
WITH back AS (
	SELECT s.personal_id::text AS person, d.procedure
	FROM motcua.dossier d JOIN motcua.subject s ON s.id = d.subject
	WHERE EXISTS (SELECT 1 FROM motcua.dossier_component c
				  WHERE c.dossier OPERATOR(motcua.=) d.code AND c.supplied_by = 'reused_warehouse')
	ORDER BY d.code LIMIT 3)
SELECT b.person AS "person", b.procedure AS "procedure", r.component AS "component", r.status AS "status",
	   coalesce(r.source, '') AS "source"
FROM back b, motcua.reuse_check(b.person, b.procedure) r
ORDER BY 1, 2, 3;

\echo
\echo '== What the connectors did meanwhile: national lookups (motcua.lookup_request) and the national portal (motcua.portal_outbox)'
SELECT n.name AS "national database", count(*) FILTER (WHERE l.status = 'succeeded') AS "answered",
	   count(*) FILTER (WHERE l.status = 'failed') AS "failed", count(*) FILTER (WHERE l.status NOT IN ('succeeded', 'failed')) AS "waiting"
FROM motcua.lookup_request l JOIN motcua.national_database n ON n.code = l.source
GROUP BY n.name ORDER BY count(*) DESC;
-- (a record carries the events one transaction added to a dossier: here
-- a dossier's whole simulated life, entered at once)
SELECT count(*) FILTER (WHERE o.status = 'delivered') AS "portal records delivered",
	   coalesce(sum(o.last_seq - o.seq + 1) FILTER (WHERE o.status = 'delivered'), 0) AS "the events they carry",
	   count(*) FILTER (WHERE o.status <> 'delivered') AS "records still to deliver",
	   count(DISTINCT o.dossier) - count(DISTINCT o.dossier) FILTER (WHERE o.status <> 'delivered') AS "dossiers up to date"
FROM motcua.portal_outbox o;
\echo
\echo '== The background jobs (motcua.jobs)'
SELECT j.name AS "job", j.schedule AS "schedule", j.runs AS "runs", j.succeeded AS "succeeded", j.failed AS "failed",
	   j.last_status AS "last run",
	   (SELECT r.message FROM motcua.job_runs r WHERE r.job = j.name AND r.message IS NOT NULL
		ORDER BY r.run_id DESC LIMIT 1) AS "its message"
FROM motcua.jobs j ORDER BY j.name;

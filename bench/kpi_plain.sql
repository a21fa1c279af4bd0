-- The plain-SQL KPI view the incremental engine replaces, for bench/kpi.sh:
-- the same sums as motcua_internal.kpi_unit_period (per unit, for every day, ISO
-- week, month, quarter and year), straight from the dossiers, written the
-- way a DBA would without motcua: each dossier's figures, summed per unit
-- and day, then rolled up into the longer periods.
CREATE MATERIALIZED VIEW plain_kpi AS
WITH facts AS (
	SELECT d.unit, d.received_on, d.channel, d.state IN ('done', 'returned') AS resolved,
		   ((d.finished_at AT TIME ZONE 'UTC') + interval '7 hours')::date AS finished_day,
		   -- overdue after the legal deadline unless a clock stop begun
		   -- before it is running; from a second supplement request
		   ((least(CASE WHEN d.finished_at > d.due_at
						 OR (d.finished_at IS NULL
							 AND (d.clock_stopped_at IS NULL
								  OR motcua.working_days_between(d.clock_stopped_at, d.due_at, d.calendar) <= 0))
						THEN d.due_at END, d.second_supplement_at)
			 AT TIME ZONE 'UTC') + interval '7 hours')::date AS overdue_from,
		   CASE WHEN d.supplement_count > 1 OR d.finished_at > d.due_at THEN 'late'
				WHEN ((d.finished_at AT TIME ZONE 'UTC') + interval '7 hours')::date
					 < ((d.due_at AT TIME ZONE 'UTC') + interval '7 hours')::date THEN 'early'
				ELSE 'on_time' END AS outcome,
		   d.extension_count > 0 AS extended,
		   motcua.working_days_between(d.received_at, d.finished_at, d.calendar, d.clock_stops) AS processing_days,
		   coalesce(c.n, 0) AS components, coalesce(c.digitized, 0) AS digitized, coalesce(c.reusable, 0) AS reusable,
		   coalesce(c.reused, 0) AS reused, coalesce(c.eligible, 0) AS eligible,
		   coalesce(c.reprovided, 0) AS reprovided,
		   r.dossier IS NOT NULL AS result_digitized, coalesce(d.result_esigned, false) AS esigned,
		   d.transfers_electronic, d.transfers_paper, d.fee > 0 AS fee_bearing, d.paid_online,
		   d.procedure IN (SELECT pc.procedure FROM motcua.procedure_component pc
						   JOIN motcua.document_type t ON t.code = pc.document_type
						   WHERE coalesce(pc.national_database, t.national_database) = 'population') AS pop_procedure,
		   coalesce(c.pop, 0) > 0 AS pop_used,
		   -- its reception delivered to the national portal
		   EXISTS (SELECT 1 FROM motcua.portal_outbox o WHERE o.dossier = d.code AND o.seq = 1 AND o.status = 'delivered') AS portal_synced,
		   coalesce((d.details->>'four_on_spot')::boolean, false) AS four_on_spot,
		   CASE WHEN d.channel = 'online' THEN coalesce(d.details->>'filing', 'self') END AS filing
	FROM motcua.dossier d
	LEFT JOIN (SELECT dossier, count(*) AS n, count(*) FILTER (WHERE digitized) AS digitized,
					  count(*) FILTER (WHERE reusable) AS reusable,
					  count(*) FILTER (WHERE supplied_by IN ('reused_warehouse', 'national_db')) AS reused,
					  count(*) FILTER (WHERE eligible) AS eligible,
					  count(*) FILTER (WHERE eligible AND coalesce(supplied_by, '') NOT IN ('reused_warehouse', 'national_db')) AS reprovided,
					  count(*) FILTER (WHERE supplied_by = 'national_db' AND t.national_database = 'population') AS pop
			   FROM motcua.dossier_component LEFT JOIN motcua.document_type t ON t.code = document_type
			   GROUP BY dossier) c ON c.dossier = d.code
	LEFT JOIN (SELECT DISTINCT dossier FROM motcua.document WHERE provenance = 'dossier_result') r ON r.dossier = d.code),
days AS (
	SELECT unit, received_on AS day, count(*) AS received,
		   count(*) FILTER (WHERE channel = 'direct') AS received_direct,
		   count(*) FILTER (WHERE channel = 'online') AS received_online,
		   count(*) FILTER (WHERE channel = 'postal') AS received_postal,
		   count(*) FILTER (WHERE digitized > 0) AS dossiers_digitized,
		   sum(components) AS components, sum(digitized) AS components_digitized,
		   sum(reusable) AS components_reusable, sum(reused) AS components_reused,
		   count(*) FILTER (WHERE eligible > 0) AS dossiers_with_eligible,
		   count(*) FILTER (WHERE eligible > 0 AND reprovided = 0) AS dossiers_nothing_reprovided,
		   count(*) FILTER (WHERE fee_bearing) AS fee_bearing,
		   count(*) FILTER (WHERE fee_bearing AND paid_online) AS paid_online,
		   count(*) FILTER (WHERE pop_procedure) AS population_db_dossiers,
		   count(*) FILTER (WHERE pop_procedure AND pop_used) AS population_db_used,
		   0 AS finished, 0 AS resolved, 0 AS early, 0 AS on_time, 0 AS late, 0 AS processing_days,
		   0 AS results_digitized, 0 AS results_esigned, 0 AS transfers_electronic, 0 AS transfers_total,
		   0 AS overdue_delta, count(*) FILTER (WHERE extended) AS extended, 0 AS finished_extended,
		   count(*) FILTER (WHERE portal_synced) AS portal_synced, count(*) FILTER (WHERE four_on_spot) AS received_four_on_spot,
		   0 AS finished_four_on_spot, 0 AS four_on_spot_in_time,
		   count(*) FILTER (WHERE filing = 'kiosk') AS received_online_kiosk,
		   count(*) FILTER (WHERE filing = 'assisted') AS received_online_assisted
	FROM facts GROUP BY unit, received_on
	UNION ALL
	SELECT unit, finished_day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		   count(*), count(*) FILTER (WHERE resolved), count(*) FILTER (WHERE outcome = 'early'),
		   count(*) FILTER (WHERE outcome = 'on_time'), count(*) FILTER (WHERE outcome = 'late'),
		   sum(processing_days), count(*) FILTER (WHERE resolved AND result_digitized),
		   count(*) FILTER (WHERE resolved AND esigned), sum(transfers_electronic),
		   sum(transfers_electronic + transfers_paper), -count(*) FILTER (WHERE overdue_from IS NOT NULL),
		   0, count(*) FILTER (WHERE extended),
		   0, 0, count(*) FILTER (WHERE four_on_spot), count(*) FILTER (WHERE four_on_spot AND outcome IN ('early', 'on_time')), 0, 0
	FROM facts WHERE finished_day IS NOT NULL GROUP BY unit, finished_day
	UNION ALL
	SELECT unit, overdue_from, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*), 0, 0,
		   0, 0, 0, 0, 0, 0
	FROM facts WHERE overdue_from IS NOT NULL GROUP BY unit, overdue_from)
SELECT unit, p.kind, p.start AS period_start,
	   sum(received) AS received, sum(received_direct) AS received_direct, sum(received_online) AS received_online,
	   sum(received_postal) AS received_postal, sum(dossiers_digitized) AS dossiers_digitized,
	   sum(components) AS components, sum(components_digitized) AS components_digitized,
	   sum(components_reusable) AS components_reusable, sum(components_reused) AS components_reused,
	   sum(dossiers_with_eligible) AS dossiers_with_eligible, sum(dossiers_nothing_reprovided) AS dossiers_nothing_reprovided,
	   sum(fee_bearing) AS fee_bearing, sum(paid_online) AS paid_online,
	   sum(population_db_dossiers) AS population_db_dossiers, sum(population_db_used) AS population_db_used,
	   sum(finished) AS finished,
	   sum(resolved) AS resolved, sum(early) AS early, sum(on_time) AS on_time, sum(late) AS late,
	   sum(processing_days) AS processing_days, sum(results_digitized) AS results_digitized,
	   sum(results_esigned) AS results_esigned, sum(transfers_electronic) AS transfers_electronic,
	   sum(transfers_total) AS transfers_total, sum(overdue_delta) AS overdue_delta,
	   sum(extended) AS extended, sum(finished_extended) AS finished_extended,
	   sum(portal_synced) AS portal_synced, sum(received_four_on_spot) AS received_four_on_spot,
	   sum(finished_four_on_spot) AS finished_four_on_spot, sum(four_on_spot_in_time) AS four_on_spot_in_time,
	   sum(received_online_kiosk) AS received_online_kiosk, sum(received_online_assisted) AS received_online_assisted
FROM days
CROSS JOIN LATERAL (VALUES ('d'::"char", day), ('w', date_trunc('week', day)::date), ('m', date_trunc('month', day)::date),
						   ('q', date_trunc('quarter', day)::date), ('y', date_trunc('year', day)::date)) p(kind, start)
GROUP BY unit, p.kind, p.start
WITH NO DATA;

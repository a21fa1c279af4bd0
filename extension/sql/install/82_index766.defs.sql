-- index_766_points: "reaching X% or more earns full points; below,
-- points = rate × max ÷ X%".
CREATE OR REPLACE FUNCTION motcua_internal.index_766_points(rate numeric, max_points numeric, full_at numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN rate IS NULL THEN NULL
				WHEN rate = 'NaN' OR rate < 0 THEN motcua_internal.invalid_selector('rate', rate::text, NULL::numeric)
				WHEN max_points IS NULL OR max_points = 'NaN' OR max_points < 0
					THEN motcua_internal.invalid_selector('maximum points', max_points::text, NULL::numeric)
				WHEN full_at IS NULL OR full_at = 'NaN' OR full_at <= 0
					THEN motcua_internal.invalid_selector('full-points rate', full_at::text, NULL::numeric)
				WHEN rate >= full_at THEN max_points
				ELSE round(rate * max_points / full_at, 2) END
$$;

-- compute_index_766 recomputes the snapshot rows of one period for every
-- unit that has figures in it, or only for the given units (a refresh
-- passes the units whose subtree changed).
CREATE OR REPLACE FUNCTION motcua_internal.compute_index_766(kind "char", start date, units motcua.unit_id[] DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n bigint;
	stamp timestamptz := clock_timestamp();
	first_ts timestamptz := (start::timestamp - interval '7 hours') AT TIME ZONE 'UTC';
	last_ts timestamptz;
	last_day date;
BEGIN
	PERFORM motcua_internal.require_period(kind, start, '{m,q,y}');
	last_day := motcua_internal.kpi_period_end(kind, start);
	last_ts := ((last_day + 1)::timestamp - interval '7 hours') AT TIME ZONE 'UTC';
	DELETE FROM motcua_internal.index_766_snapshot s
	WHERE s.period_kind = kind AND s.period_start = start AND (units IS NULL OR s.unit OPERATOR(motcua.=) ANY (units));
	INSERT INTO motcua_internal.index_766_snapshot (unit, period_kind, period_start, indicator, value, points, reason, as_of)
	WITH k AS (
		SELECT * FROM motcua_internal.kpi_core x
		WHERE x.period_kind = kind AND x.period_start = start AND (units IS NULL OR x.unit OPERATOR(motcua.=) ANY (units))),
	rt AS (
		SELECT uc.ancestor AS unit, count(*) FILTER (WHERE r.dislike) AS dislikes
		FROM motcua.rating r
		JOIN motcua_internal.unit_closure uc ON uc.descendant OPERATOR(motcua.=) motcua.unit_of(r.dossier)
		WHERE r.rated_at >= first_ts AND r.rated_at < last_ts
		GROUP BY uc.ancestor),
	fb AS (
		SELECT uc.ancestor AS unit,
			   motcua_internal.ratio(count(*) FILTER (WHERE f.on_time), count(f.on_time)) AS on_time_rate,
			   motcua_internal.ratio(count(*) FILTER (WHERE f.satisfied_with_handling), count(f.satisfied_with_handling)) AS satisfied_rate,
			   count(*) FILTER (WHERE f.kind IN ('complaint', 'dislike')) AS complaints
		FROM motcua_internal.feedback_deadline f
		JOIN motcua_internal.unit_closure uc ON uc.descendant OPERATOR(motcua.=) f.unit
		WHERE f.submitted_at >= first_ts AND f.submitted_at < last_ts
		GROUP BY uc.ancestor),
	-- fee-bearing procedures with dossiers in the period: those of them
	-- with at least one paid online, and those integrated with the
	-- payment gateway
	paid AS (
		SELECT x.unit, motcua_internal.ratio(count(*) FILTER (WHERE x.paid_online > 0), count(*)) AS rate,
			   motcua_internal.ratio(count(*) FILTER (WHERE x.integrated), count(*)) AS integrated_rate
		FROM (SELECT uc.ancestor AS unit, p.procedure, sum(p.paid_online) AS paid_online,
					 bool_or(pr.payment_integrated) AS integrated
			  FROM motcua_internal.kpi_unit_procedure_period p
			  JOIN motcua_internal.unit_closure uc ON uc.descendant OPERATOR(motcua.=) p.unit
			  JOIN motcua.procedure pr ON pr.code OPERATOR(motcua.=) p.procedure
			  WHERE p.kind = compute_index_766.kind AND p.period_start = compute_index_766.start
			  GROUP BY uc.ancestor, p.procedure
			  HAVING sum(p.fee_bearing) > 0) x
		GROUP BY x.unit),
	pop AS (
		SELECT motcua_internal.ratio((SELECT count(*) FROM motcua_internal.population_db_procedure),
							(SELECT count(DISTINCT pc.procedure) FROM motcua.procedure_component pc)) AS rate),
	-- transparency (94_catalogue.defs.sql): publications and postings
	-- that fell due in the period (the deadline comes at most 261 days
	-- before the effect and after the publication), and the content of
	-- the versions in force at its end
	cat AS (
		SELECT EXISTS (SELECT 1 FROM motcua.procedure_version v WHERE v.source = 'catalogue') AS synced),
	pub AS (
		SELECT s.jurisdiction, motcua_internal.ratio(count(*) FILTER (WHERE s.on_time), count(s.on_time)) AS rate
		FROM motcua_internal.publication_status s
		WHERE s.effective_on BETWEEN start AND last_day + 261 AND s.due_on BETWEEN start AND last_day
		GROUP BY s.jurisdiction),
	post AS (
		SELECT uc.ancestor AS unit, motcua_internal.ratio(count(*) FILTER (WHERE s.on_time), count(s.on_time)) AS rate
		FROM motcua_internal.posting_status s
		JOIN motcua_internal.unit_closure uc ON uc.descendant OPERATOR(motcua.=) s.unit
		WHERE s.published_on BETWEEN start - 261 AND last_day AND s.due_on BETWEEN start AND last_day
		GROUP BY uc.ancestor),
	complete AS (
		SELECT motcua_internal.ratio(count(*) FILTER (WHERE x.content_complete), count(x.content_complete)) AS rate
		FROM (SELECT DISTINCT ON (v.procedure) v.content_complete
			  FROM motcua.procedure_version v
			  WHERE v.source = 'catalogue' AND v.valid_from < last_ts
			  ORDER BY v.procedure, v.valid_from DESC, v.version DESC) x),
	-- copies certified in the period: electronic ones of all
	cert AS (
		SELECT uc.ancestor AS unit, motcua_internal.ratio(count(*) FILTER (WHERE c.electronic), count(*)) AS rate
		FROM motcua.copy_certification c
		JOIN motcua_internal.unit_closure uc ON uc.descendant OPERATOR(motcua.=) c.unit
		WHERE c.certified_at >= first_ts AND c.certified_at < last_ts
		GROUP BY uc.ancestor),
	-- the portal indicators are measured once a portal source is configured
	portal AS (
		SELECT EXISTS (SELECT 1 FROM motcua.national_source n WHERE n.kind = 'portal') AS configured),
	vals AS (
		SELECT k.unit, v.code, v.value
		FROM k
		LEFT JOIN fb ON fb.unit OPERATOR(motcua.=) k.unit
		LEFT JOIN rt ON rt.unit OPERATOR(motcua.=) k.unit
		LEFT JOIN paid ON paid.unit OPERATOR(motcua.=) k.unit
		LEFT JOIN motcua.unit u ON u.id OPERATOR(motcua.=) k.unit
		LEFT JOIN pub ON pub.jurisdiction = u.jurisdiction
		LEFT JOIN post ON post.unit OPERATOR(motcua.=) k.unit
		LEFT JOIN cert ON cert.unit OPERATOR(motcua.=) k.unit
		CROSS JOIN complete
		CROSS JOIN pop
		CROSS JOIN portal
		CROSS JOIN LATERAL (VALUES
			('published_on_time', pub.rate),
			('made_public_on_time', post.rate),
			('complete_content', complete.rate),
			('on_time', k.on_time_rate),
			-- online dossiers count as far as they reached the portal
			('online_dossiers', CASE WHEN portal.configured THEN round(k.online_rate * k.portal_sync_rate / 100, 2) END),
			('synced_to_portal', CASE WHEN portal.configured THEN k.portal_sync_rate END),
			('dossiers_paid_online', k.online_payment_rate),
			('procedures_paid_online', paid.rate),
			('payment_integrated', paid.integrated_rate),
			('electronic_result', k.digitized_result_rate),
			('dossier_digitized', k.digitized_dossier_rate),
			('ecertified_copy', cert.rate),
			('reuse', k.component_reuse_rate),
			('warehouse_linked', k.digitized_result_rate),
			('procedures_population_db', pop.rate),
			-- dossiers of connected procedures with a component the
			-- population database supplied
			('dossiers_population_db', k.population_db_rate),
			('feedback_on_time', fb.on_time_rate),
			('feedback_satisfaction', fb.satisfied_rate),
			-- 100% minus the overdue rate minus the rate of dossiers with a
			-- complaint or a dislike
			('service_satisfaction',
			 CASE WHEN k.finished > 0 THEN greatest(0, 100 - motcua_internal.ratio(k.late, k.finished)
								- motcua_internal.ratio(coalesce(fb.complaints, 0) + coalesce(rt.dislikes, 0), k.finished)) END)) v(code, value))
	SELECT k.unit, kind, start, i.code,
		   CASE WHEN i.unavailable_reason IS NULL THEN v.value END,
		   CASE WHEN i.unavailable_reason IS NULL THEN motcua_internal.index_766_points(v.value, i.max_points, i.full_at) END,
		   coalesce(i.unavailable_reason,
					CASE WHEN i.code IN ('online_dossiers', 'synced_to_portal') AND NOT portal.configured
						 THEN 'no national portal source is configured (motcua.configure_source)'
						 WHEN i.code IN ('published_on_time', 'made_public_on_time', 'complete_content') AND NOT cat.synced
						 THEN 'the procedure catalogue was never synchronized (job catalogue_sync)'
						 WHEN i.code IN ('published_on_time', 'made_public_on_time') AND v.value IS NULL
						 THEN 'no publication or posting fell due in this period'
						 WHEN i.code = 'ecertified_copy' AND v.value IS NULL
						 THEN 'no copy was certified in this period'
						 WHEN v.value IS NULL THEN 'no dossiers or events to measure in this period' END),
		   stamp
	FROM k CROSS JOIN motcua.index_766_indicator i CROSS JOIN portal CROSS JOIN cat
	LEFT JOIN vals v ON v.unit OPERATOR(motcua.=) k.unit AND v.code = i.code;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.compute_index_766("char", date, motcua.unit_id[]) FROM PUBLIC;

-- motcua.index_766: the snapshot with each group's and the total's points
-- (NULL points count as 0 in the totals, and the totals say how many points
-- could not be measured).
CREATE OR REPLACE VIEW motcua.index_766 AS
SELECT s.unit, s.period_kind, s.period_start, i.grp AS "group", i.group_name, i.code AS indicator, i.name,
	   i.max_points, i.full_at, s.value, s.points, s.reason,
	   sum(coalesce(s.points, 0)) OVER w_group AS group_points,
	   sum(i.max_points) OVER w_group AS group_max,
	   sum(coalesce(s.points, 0)) OVER w_total AS total_points,
	   sum(i.max_points) FILTER (WHERE s.points IS NULL) OVER w_total AS unmeasured_points,
	   s.as_of
FROM motcua_internal.index_766_snapshot s JOIN motcua.index_766_indicator i ON i.code = s.indicator
WINDOW w_group AS (PARTITION BY s.unit, s.period_kind, s.period_start, i.grp),
	   w_total AS (PARTITION BY s.unit, s.period_kind, s.period_start);
COMMENT ON VIEW motcua.index_766 IS
	'Decision 766 index per unit subtree and month/quarter/year: sub-indicators, group and total points (NULL with a reason where motcua does not hold the inputs)';

GRANT SELECT ON motcua.index_766, motcua_internal.index_766_snapshot, motcua.index_766_indicator
	TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;

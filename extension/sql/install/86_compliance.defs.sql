-- Plan compliance and the reports units send upward (docs/domain.md §5),
-- and the refresh of the compliance snapshots.

-- kpi_value: the figure that measures a plan indicator, from a row of
-- motcua_internal.kpi_core joined with motcua_internal.kpi_front (as jsonb).
CREATE OR REPLACE FUNCTION motcua_internal.kpi_value(figures jsonb, indicator text) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT (figures ->> CASE indicator
		WHEN 'dossier_digitization_rate' THEN 'digitized_dossier_rate'
		WHEN 'dossiers_per_front_desk_staff' THEN 'received_per_front_desk_staff_year'
		WHEN 'processing_time_cut_minutes' THEN NULL
		ELSE indicator END)::numeric
$$;
GRANT SELECT ON motcua.plan_scope TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;
GRANT INSERT, UPDATE, DELETE ON motcua.plan_scope TO motcua_admin;

-- compute_plan_compliance measures every loaded plan's targets for one
-- year, in the plan's jurisdiction and those of motcua.plan_scope.  A
-- target applies to the receiving units of its tier (tier names
-- are matched with motcua.tier.name_en), or to the root of the plan's
-- jurisdiction for tier 'all'; area_class narrows it further.  A
-- "+N points a year" target is last year's figure plus N.
CREATE OR REPLACE FUNCTION motcua_internal.compute_plan_compliance(year integer, units motcua.unit_id[] DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	n bigint;
	stamp timestamptz := clock_timestamp();
	y_start date := make_date(compute_plan_compliance.year, 1, 1);
BEGIN
	DELETE FROM motcua_internal.plan_compliance_snapshot s
	WHERE s.year = compute_plan_compliance.year
	  AND (compute_plan_compliance.units IS NULL OR s.unit OPERATOR(motcua.=) ANY (compute_plan_compliance.units));
	IF NOT EXISTS (SELECT 1 FROM motcua.plan_target t
				   WHERE compute_plan_compliance.year BETWEEN t.year_from AND t.year_to) THEN
		RETURN 0;	-- no loaded plan sets a target for this year
	END IF;
	INSERT INTO motcua_internal.plan_compliance_snapshot
	-- the figures of the year (and the one before, for "+N a year"
	-- targets) of every unit some plan measures, computed once per unit
	-- (with a list of units: those, and any unit the year has no rows for
	-- yet, so that every unit a plan applies to has its rows)
	WITH measured AS (
		SELECT DISTINCT u.id FROM motcua.plan p
		JOIN motcua.unit u ON u.jurisdiction = p.jurisdiction
			 OR u.jurisdiction IN (SELECT ps.jurisdiction FROM motcua.plan_scope ps WHERE ps.plan = p.code)
		WHERE compute_plan_compliance.units IS NULL OR u.id OPERATOR(motcua.=) ANY (compute_plan_compliance.units)
		   OR NOT EXISTS (SELECT 1 FROM motcua_internal.plan_compliance_snapshot s
						  WHERE s.unit OPERATOR(motcua.=) u.id AND s.year = compute_plan_compliance.year)),
	figures AS MATERIALIZED (
		SELECT g.unit, extract(year FROM g.period_start)::int AS year,
			   to_jsonb(g) || to_jsonb(fr) || jsonb_build_object('received_per_front_desk_staff_year',
					motcua_internal.per_staff_year(g.received, g.period_kind, g.period_start, fr.front_desk_staff)) AS f
		FROM measured JOIN motcua_internal.kpi_core g ON g.unit OPERATOR(motcua.=) measured.id
		CROSS JOIN LATERAL motcua_internal.kpi_front(g.unit, g.period_kind, g.period_start) fr
		WHERE g.period_kind = 'y'
		  AND g.period_start IN (y_start, (y_start - interval '1 year')::date))
	SELECT t.plan, t.indicator, t.tier, t.area_class, u.id, compute_plan_compliance.year,
		   a.actual, x.target,
		   CASE WHEN a.actual IS NULL OR x.target IS NULL THEN NULL
				WHEN i.direction = 'at_least' THEN a.actual >= x.target ELSE a.actual <= x.target END,
		   a.actual - x.target,
		   CASE WHEN t.indicator = 'processing_time_cut_minutes' THEN 'needs a recorded baseline of processing minutes'
				WHEN x.target IS NULL THEN coalesce(t.note, 'the plan states no number')
				WHEN a.actual IS NULL THEN 'no activity to measure in the year' END,
		   stamp
	FROM motcua.plan_target t
	JOIN motcua.plan p ON p.code = t.plan
	JOIN motcua.kpi_indicator i ON i.code = t.indicator
	JOIN motcua.unit u ON u.jurisdiction = p.jurisdiction
		 OR u.jurisdiction IN (SELECT ps.jurisdiction FROM motcua.plan_scope ps WHERE ps.plan = p.code)
	LEFT JOIN motcua.tier tr ON tr.jurisdiction = u.jurisdiction AND tr.level = u.tier
	LEFT JOIN figures fy ON fy.unit OPERATOR(motcua.=) u.id AND fy.year = compute_plan_compliance.year
	LEFT JOIN figures fp ON fp.unit OPERATOR(motcua.=) u.id AND fp.year = compute_plan_compliance.year - 1
	CROSS JOIN LATERAL (SELECT motcua_internal.kpi_value(fy.f, t.indicator) AS actual) a
	CROSS JOIN LATERAL (
		SELECT coalesce(t.target, motcua_internal.kpi_value(fp.f, t.indicator) + t.increase_per_year) AS target) x
	WHERE compute_plan_compliance.year BETWEEN t.year_from AND t.year_to
	  AND u.id OPERATOR(motcua.=) ANY (ARRAY(SELECT m.id FROM measured m))
	  AND CASE WHEN t.tier = 'all' THEN u.parent IS NULL
			   ELSE u.receives_dossiers AND tr.name_en = t.tier END
	  AND (t.area_class = 'all' OR t.area_class = u.area_class);
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.compute_plan_compliance(integer, motcua.unit_id[]) FROM PUBLIC;

CREATE OR REPLACE VIEW motcua.plan_compliance AS
SELECT s.plan, p.name AS plan_name, s.indicator, i.name AS indicator_name, i.direction,
	   s.tier, s.area_class, s.unit, u.name AS unit_name, s.year AS period, s.actual, s.target, s.met, s.gap,
	   s.reason, s.as_of
FROM motcua_internal.plan_compliance_snapshot s
JOIN motcua.plan p ON p.code = s.plan
JOIN motcua.kpi_indicator i ON i.code = s.indicator
JOIN motcua.unit u ON u.id OPERATOR(motcua.=) s.unit;
COMMENT ON VIEW motcua.plan_compliance IS
	'each loaded plan''s targets against the measured figures, per unit and year: actual, target, met, gap';

-- refresh_snapshots recomputes the Decision 766 and plan compliance
-- snapshots of the given periods (kinds[i], starts[i]: months, quarters
-- and years, each starting on its first day), for every unit or the given
-- ones.  refresh_kpis() calls it for the periods whose sums changed and the
-- units whose subtree they belong to; an administrator, after editing the
-- procedure catalogue or the plans (which queue nothing).
CREATE OR REPLACE FUNCTION motcua.refresh_snapshots(kinds "char"[], starts date[], units motcua.unit_id[] DEFAULT NULL)
	RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p record;
BEGIN
	IF cardinality(kinds) IS DISTINCT FROM cardinality(starts) THEN
		RAISE EXCEPTION 'kinds and starts must have the same length' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	FOR p IN SELECT u.kind, u.start FROM unnest(kinds, starts) u(kind, start) WHERE u.kind IS NOT NULL LOOP
		PERFORM motcua_internal.require_period(p.kind, p.start, '{m,q,y}');
	END LOOP;
	FOR p IN SELECT DISTINCT u.kind, u.start FROM unnest(kinds, starts) u(kind, start) WHERE u.kind IS NOT NULL LOOP
		PERFORM motcua_internal.compute_index_766(p.kind, p.start, units);
		IF p.kind = 'y' THEN
			PERFORM motcua_internal.compute_plan_compliance(extract(year FROM p.start)::int, units);
		END IF;
	END LOOP;
END
$$;
REVOKE ALL ON FUNCTION motcua.refresh_snapshots("char"[], date[], motcua.unit_id[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.refresh_snapshots("char"[], date[], motcua.unit_id[]) TO motcua_admin;
CREATE OR REPLACE FUNCTION motcua_internal.report_period(unit motcua.unit_id, kind "char", start date)
	RETURNS SETOF motcua.report_row
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT uc.descendant, u.name, uc.depth = 0,
		   coalesce(k.received, 0)::numeric, coalesce(k.received_online, 0), k.online_rate, coalesce(k.finished, 0),
		   coalesce(k.early, 0), coalesce(k.on_time, 0), coalesce(k.late, 0), k.on_time_rate,
		   motcua_internal.kpi_overdue(uc.descendant, report_period.kind, report_period.start), k.digitized_dossier_rate, k.digitized_result_rate,
		   k.not_reprovided_rate, k.online_payment_rate, k.avg_wait_minutes, k.satisfaction_rate
	FROM motcua_internal.unit_closure uc
	JOIN motcua.unit u ON u.id OPERATOR(motcua.=) uc.descendant
	LEFT JOIN motcua.kpi k ON k.unit OPERATOR(motcua.=) uc.descendant AND k.period_kind = report_period.kind
		 AND k.period_start = report_period.start
	WHERE uc.ancestor OPERATOR(motcua.=) report_period.unit AND uc.depth <= 1
	ORDER BY uc.depth DESC, uc.descendant
$$;

CREATE OR REPLACE FUNCTION motcua.report_weekly(unit motcua.unit_id, week_start date)
	RETURNS SETOF motcua.report_row
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF extract(isodow FROM week_start) <> 1 THEN
		RAISE EXCEPTION 'week_start % is not a Monday', week_start
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Reporting weeks are ISO weeks, Monday to Sunday.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM motcua.unit u WHERE u.id OPERATOR(motcua.=) report_weekly.unit) THEN
		RAISE EXCEPTION 'unit % does not exist', unit USING ERRCODE = 'undefined_object';
	END IF;
	RETURN QUERY SELECT * FROM motcua_internal.report_period(unit, 'w', week_start);
END
$$;

CREATE OR REPLACE FUNCTION motcua.report_quarterly(unit motcua.unit_id, year integer, quarter integer)
	RETURNS SETOF motcua.report_row
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF quarter NOT BETWEEN 1 AND 4 THEN
		RAISE EXCEPTION 'quarter % is not 1 to 4', quarter USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF year NOT BETWEEN 2000 AND 2100 THEN
		RAISE EXCEPTION 'year % is outside 2000 to 2100', year USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM motcua.unit u WHERE u.id OPERATOR(motcua.=) report_quarterly.unit) THEN
		RAISE EXCEPTION 'unit % does not exist', unit USING ERRCODE = 'undefined_object';
	END IF;
	RETURN QUERY SELECT * FROM motcua_internal.report_period(unit, 'q', make_date(year, 3 * quarter - 2, 1));
END
$$;

GRANT SELECT ON motcua.plan_compliance, motcua_internal.plan_compliance_snapshot TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;
GRANT EXECUTE ON FUNCTION motcua.report_weekly(motcua.unit_id, date), motcua.report_quarterly(motcua.unit_id, integer, integer)
	TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;

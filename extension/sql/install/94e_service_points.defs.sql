-- Service points [điểm tiếp nhận]: each active unit that receives
-- dossiers, where it is, when it opens, how many counters, how long its
-- queue is now and its on-time rate this month; as a view BI tools draw
-- as a map, and as GeoJSON.

CREATE OR REPLACE VIEW motcua.service_points AS
SELECT u.id AS unit, u.name, u.jurisdiction, u.tier, u.kind, u.area_class, u.address, u.latitude, u.longitude,
	   u.opening_hours, u.counters,
	   (SELECT count(*) FROM motcua.queue_ticket t
		WHERE t.unit OPERATOR(motcua.=) u.id AND t.status = 'waiting'
		  AND t.day = motcua.local_time(now(), motcua_internal.calendar_of_unit(u.id))::date) AS queue_length,
	   k.on_time_rate AS on_time_rate_month
FROM motcua.unit u
LEFT JOIN motcua_internal.kpi_core k ON k.unit OPERATOR(motcua.=) u.id AND k.period_kind = 'm'
	 AND k.period_start = date_trunc('month', motcua.local_time(now(), motcua_internal.calendar_of_unit(u.id)))::date
WHERE u.receives_dossiers AND u.active;
COMMENT ON VIEW motcua.service_points IS
	'each active unit that receives dossiers: address, coordinates, opening hours, counters, the tickets waiting now and the on-time rate of this month (for a map)';

-- service_points_geojson: the service points that have coordinates, as a
-- GeoJSON FeatureCollection (longitude first, as GeoJSON wants).
CREATE OR REPLACE FUNCTION motcua.service_points_geojson() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT jsonb_build_object('type', 'FeatureCollection', 'features', coalesce(jsonb_agg(
		jsonb_build_object('type', 'Feature',
						   'geometry', jsonb_build_object('type', 'Point',
														  'coordinates', jsonb_build_array(s.longitude, s.latitude)),
						   'properties', jsonb_build_object('unit', s.unit::text, 'name', s.name, 'address', s.address,
															'opening_hours', s.opening_hours, 'counters', s.counters,
															'queue_length', s.queue_length,
															'on_time_rate_month', s.on_time_rate_month))
		ORDER BY s.unit::text), '[]'::jsonb))
	FROM motcua.service_points s
	WHERE s.latitude IS NOT NULL
$$;
COMMENT ON FUNCTION motcua.service_points_geojson() IS
	'the service points with coordinates as a GeoJSON FeatureCollection (Point [longitude, latitude]; unit, name, address, opening hours, counters, queue length, on-time rate this month)';

COMMENT ON COLUMN motcua.service_points.unit IS 'the unit''s electronic ID';
COMMENT ON COLUMN motcua.service_points.name IS 'the unit''s name';
COMMENT ON COLUMN motcua.service_points.jurisdiction IS 'its province or ministry';
COMMENT ON COLUMN motcua.service_points.tier IS 'its tier (1 = province or ministry)';
COMMENT ON COLUMN motcua.service_points.kind IS 'authority, department, service_center or one_stop';
COMMENT ON COLUMN motcua.service_points.area_class IS 'center, city_town, other or remote (the staff-load targets)';
COMMENT ON COLUMN motcua.service_points.address IS 'its address';
COMMENT ON COLUMN motcua.service_points.latitude IS 'latitude (WGS 84)';
COMMENT ON COLUMN motcua.service_points.longitude IS 'longitude (WGS 84)';
COMMENT ON COLUMN motcua.service_points.opening_hours IS 'opening hours as posted';
COMMENT ON COLUMN motcua.service_points.counters IS 'number of reception counters';
COMMENT ON COLUMN motcua.service_points.queue_length IS 'tickets waiting now (today, in the unit''s time)';
COMMENT ON COLUMN motcua.service_points.on_time_rate_month IS 'on-time rate (percent) of this month''s finished dossiers of its subtree, as of the last KPI refresh';

REVOKE ALL ON FUNCTION motcua.service_points_geojson() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.service_points_geojson() TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;
GRANT SELECT ON motcua.service_points TO motcua_bi, motcua_auditor, motcua_admin, motcua_officer;

-- Scale-out (0.2): the province's publication and heartbeat, the hub's
-- subscriptions, the national views and hub_status (94j_hub.ddl.sql has
-- the tables; docs/operations.md, "Scale-out", the operations).

-- hub_tables: what a province publishes to the hub.  Aggregates,
-- snapshots and the reference the national views need, keyed by the
-- national unit id or by the jurisdiction; no row about a person (no
-- dossier, subject, history, document, payment, ticket, rating,
-- feedback), and no table the extension seeds (the hub has those too).
CREATE OR REPLACE FUNCTION motcua_internal.hub_tables() RETURNS regclass[]
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ARRAY['motcua.jurisdiction', 'motcua.tier', 'motcua.unit',
				 'motcua_internal.kpi_unit_period', 'motcua_internal.kpi_unit_procedure_period',
				 'motcua_internal.index_766_snapshot', 'motcua_internal.plan_compliance_snapshot',
				 'motcua_internal.hub_procedure_version', 'motcua_internal.hub_heartbeat']::regclass[]
$$;

-- hub_slot_limit reads a size (bytes, or '64MB', '1GB'); 22023 otherwise.
CREATE OR REPLACE FUNCTION motcua_internal.hub_slot_limit(size text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	b bigint;
BEGIN
	IF size IS NULL THEN
		RETURN pg_size_bytes('1GB');
	END IF;
	BEGIN
		b := pg_size_bytes(size);
	EXCEPTION WHEN invalid_parameter_value OR numeric_value_out_of_range OR invalid_text_representation THEN
		b := NULL;
	END;
	IF b IS NULL OR b < 0 THEN
		RAISE EXCEPTION 'slot_warning % is not a size', size USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Give bytes or a size with its unit, e.g. ''512MB'' or ''2GB''.';
	END IF;
	RETURN b;
END
$$;

-- hub_jurisdiction: the one jurisdiction this database serves (a province
-- or a ministry feeds the hub alone).
CREATE OR REPLACE FUNCTION motcua_internal.hub_jurisdiction() RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	codes text[];
BEGIN
	SELECT array_agg(code ORDER BY code) INTO codes FROM motcua.jurisdiction;
	IF cardinality(codes) IS DISTINCT FROM 1 THEN
		RAISE EXCEPTION 'a database that feeds the hub serves one jurisdiction; this one holds %',
			coalesce(array_to_string(codes, ', '), 'none') USING ERRCODE = 'object_not_in_prerequisite_state',
			HINT = 'Keep only the province''s or ministry''s own jurisdiction, tiers and units in its database.';
	END IF;
	RETURN codes[1];
END
$$;

-- hub_heartbeat writes the province's heartbeat (clock, version, the
-- largest retained WAL of its hub slots against the limit, with a WARNING
-- in the server log past it) and brings hub_procedure_version in step
-- with the catalogue.  Returns what it found, for the job's message.
CREATE OR REPLACE FUNCTION motcua_internal.hub_heartbeat(slot_warning bigint) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	jur text := motcua_internal.hub_jurisdiction();
	s record;
	over boolean;
	changed bigint;
	gone bigint;
BEGIN
	SELECT r.slot_name, r.active,
		   CASE WHEN r.restart_lsn IS NOT NULL THEN pg_wal_lsn_diff(pg_current_wal_lsn(), r.restart_lsn)::bigint END AS retained
	INTO s
	FROM pg_replication_slots r
	WHERE r.slot_type = 'logical' AND r.database = current_database() AND r.slot_name LIKE 'motcua\_hub\_%'
	ORDER BY retained DESC NULLS LAST, r.slot_name
	LIMIT 1;
	over := coalesce(s.retained > slot_warning, false);
	INSERT INTO motcua_internal.hub_heartbeat AS h (jurisdiction, sent_at, extension_version, slot_name,
												   slot_retained_bytes, slot_active, slot_warning_bytes, slot_over_limit)
	VALUES (jur, clock_timestamp(), (SELECT extversion FROM pg_extension WHERE extname = 'motcua'),
			s.slot_name, s.retained, s.active, slot_warning, over)
	ON CONFLICT (jurisdiction) DO UPDATE
		SET sent_at = EXCLUDED.sent_at, extension_version = EXCLUDED.extension_version, slot_name = EXCLUDED.slot_name,
			slot_retained_bytes = EXCLUDED.slot_retained_bytes, slot_active = EXCLUDED.slot_active,
			slot_warning_bytes = EXCLUDED.slot_warning_bytes, slot_over_limit = EXCLUDED.slot_over_limit;
	DELETE FROM motcua_internal.hub_heartbeat h WHERE h.jurisdiction <> jur;
	IF over THEN
		RAISE WARNING 'replication slot % of the national hub retains % of WAL, more than the limit of %',
			s.slot_name, pg_size_pretty(s.retained), pg_size_pretty(slot_warning)
			USING DETAIL = CASE WHEN s.active THEN 'The hub is connected but behind.' ELSE 'The hub is not connected.' END,
				  HINT = 'Check the hub (motcua.hub_status there); a hub that is gone for good: drop its slot with pg_drop_replication_slot so the WAL is freed.';
	END IF;

	-- the catalogue versions, keyed by the jurisdiction
	DELETE FROM motcua_internal.hub_procedure_version h
	WHERE h.jurisdiction <> jur
	   OR NOT EXISTS (SELECT 1 FROM motcua.procedure_version v
					  WHERE v.procedure OPERATOR(motcua.=) h.procedure AND v.version = h.version);
	GET DIAGNOSTICS gone = ROW_COUNT;
	INSERT INTO motcua_internal.hub_procedure_version AS h
	SELECT jur, v.procedure, v.version, v.valid_from, v.name, v.duration, v.duration_unit, v.fee,
		   v.effective_on, v.published_on, v.content_complete, v.source
	FROM motcua.procedure_version v
	ON CONFLICT (jurisdiction, procedure, version) DO UPDATE
		SET valid_from = EXCLUDED.valid_from, name = EXCLUDED.name, duration = EXCLUDED.duration,
			duration_unit = EXCLUDED.duration_unit, fee = EXCLUDED.fee, effective_on = EXCLUDED.effective_on,
			published_on = EXCLUDED.published_on, content_complete = EXCLUDED.content_complete, source = EXCLUDED.source
		WHERE (h.valid_from, h.name, h.duration, h.duration_unit, h.fee, h.effective_on, h.published_on,
			   h.content_complete, h.source) IS DISTINCT FROM
			  (EXCLUDED.valid_from, EXCLUDED.name, EXCLUDED.duration, EXCLUDED.duration_unit, EXCLUDED.fee,
			   EXCLUDED.effective_on, EXCLUDED.published_on, EXCLUDED.content_complete, EXCLUDED.source);
	GET DIAGNOSTICS changed = ROW_COUNT;
	RETURN format('heartbeat of %s: %s; %s catalogue versions changed, %s removed', jur,
				  CASE WHEN s.slot_name IS NULL THEN 'no hub slot'
					   ELSE format('slot %s retains %s (limit %s)%s', s.slot_name, pg_size_pretty(s.retained),
								   pg_size_pretty(slot_warning), CASE WHEN over THEN ', over the limit' ELSE '' END) END,
				  changed, gone);
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.hub_heartbeat(bigint) FROM PUBLIC;

-- job_hub_heartbeat: the handler of the kind hub_heartbeat.
CREATE OR REPLACE FUNCTION motcua_internal.job_hub_heartbeat(config jsonb) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN motcua_internal.hub_heartbeat(motcua_internal.hub_slot_limit(config->>'slot_warning'));
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.job_hub_heartbeat(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua_internal.job_hub_heartbeat(jsonb) TO motcua_admin;

-- motcua.publish_to_hub: the province's publication motcua_hub of the
-- tables the nation needs (made, or set back to that list), a first
-- heartbeat, and the heartbeat job (every 10 seconds) if there is none.
-- Inserts, updates and deletes are published, never TRUNCATE (on the hub
-- it would empty every province's rows).
CREATE OR REPLACE FUNCTION motcua.publish_to_hub() RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	tables text := (SELECT string_agg(t::text, ', ') FROM unnest(motcua_internal.hub_tables()) t);
	jur text := motcua_internal.hub_jurisdiction();
	made text;
BEGIN
	IF current_setting('wal_level') <> 'logical' THEN
		RAISE WARNING 'wal_level is %, the hub cannot subscribe until it is logical', current_setting('wal_level')
			USING HINT = 'ALTER SYSTEM SET wal_level = logical, and restart the server.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'motcua_hub') THEN
		EXECUTE format('CREATE PUBLICATION motcua_hub FOR TABLE %s WITH (publish = %L)', tables, 'insert, update, delete');
		made := 'made';
	ELSIF (SELECT array_agg(c.oid ORDER BY c.oid) FROM pg_publication_rel r JOIN pg_class c ON c.oid = r.prrelid
		   WHERE r.prpubid = (SELECT oid FROM pg_publication WHERE pubname = 'motcua_hub')) IS DISTINCT FROM
		  (SELECT array_agg(t::oid ORDER BY t::oid) FROM unnest(motcua_internal.hub_tables()) t)
		  -- (a row filter or a column list would hide rows or columns from the hub)
		  OR EXISTS (SELECT 1 FROM pg_publication_rel r WHERE r.prpubid = (SELECT oid FROM pg_publication WHERE pubname = 'motcua_hub')
					 AND (r.prqual IS NOT NULL OR r.prattrs IS NOT NULL))
		  OR (SELECT NOT (pubinsert AND pubupdate AND pubdelete) OR pubtruncate OR puballtables
			  FROM pg_publication WHERE pubname = 'motcua_hub') THEN
		EXECUTE format('ALTER PUBLICATION motcua_hub SET TABLE %s', tables);
		EXECUTE format('ALTER PUBLICATION motcua_hub SET (publish = %L)', 'insert, update, delete');
		made := 'set back to the tables the hub needs';
	ELSE
		made := 'already there';
	END IF;
	PERFORM motcua_internal.hub_heartbeat(motcua_internal.hub_slot_limit(
		(SELECT j.config->>'slot_warning' FROM motcua_internal.job j WHERE j.kind = 'hub_heartbeat' ORDER BY j.id LIMIT 1)));
	IF NOT EXISTS (SELECT 1 FROM motcua_internal.job j WHERE j.kind = 'hub_heartbeat') THEN
		PERFORM motcua.schedule_job('hub_heartbeat', 'hub_heartbeat', '10 seconds');
	END IF;
	RETURN format('publication motcua_hub of %s %s (%s tables)', jur, made, cardinality(motcua_internal.hub_tables()));
END
$$;
COMMENT ON FUNCTION motcua.publish_to_hub() IS
	'on a province or ministry: publish to the national hub (publication motcua_hub) the KPI sums, the Decision 766 and plan snapshots, the unit tree, jurisdiction and tiers, the catalogue versions and the heartbeat, no personal data; idempotent; schedules the hub_heartbeat job';
REVOKE ALL ON FUNCTION motcua.publish_to_hub() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.publish_to_hub() TO motcua_admin;

-- hub_prepare_slot: hubslot.c.
CREATE OR REPLACE FUNCTION motcua_internal.hub_prepare_slot(conninfo text, slot name, create_slot boolean) RETURNS text
	AS 'MODULE_PATHNAME', 'motcua_hub_prepare_slot'
	LANGUAGE C VOLATILE STRICT;
REVOKE ALL ON FUNCTION motcua_internal.hub_prepare_slot(text, name, boolean) FROM PUBLIC;

-- motcua.subscribe_province: on the hub, subscribe to the province's
-- publication.  The name (lower case) names the subscription and the slot
-- on the province, motcua_hub_<name>.  Idempotent: a province already
-- subscribed keeps its subscription (a new conninfo replaces the old).
-- Checks the province first (wal_level, publication, one jurisdiction not
-- already fed by another), makes its slot last.  A superuser's act, as
-- CREATE SUBSCRIPTION is: it makes the server connect where it is told.
CREATE OR REPLACE FUNCTION motcua.subscribe_province(name text, conninfo text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	sub name := 'motcua_hub_' || name;
	jurs text[];
	other text;
BEGIN
	IF name IS NULL OR name !~ '^[a-z][a-z0-9_]{0,40}$' THEN
		RAISE EXCEPTION 'province name "%" is not a lower-case identifier', name USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Use letters, digits and _, starting with a letter, e.g. ''h22''.';
	END IF;
	IF conninfo IS NULL OR btrim(conninfo) = '' THEN
		RAISE EXCEPTION 'conninfo of province % is empty', name USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Give a libpq connection string, e.g. ''host=10.0.0.22 dbname=motcua user=hub''.';
	END IF;
	IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
		RAISE EXCEPTION 'only a superuser may subscribe the hub to a province' USING ERRCODE = 'insufficient_privilege',
			DETAIL = 'A subscription makes the server connect where it is told, as CREATE SUBSCRIPTION does.';
	END IF;
	IF EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'motcua_hub') THEN
		RAISE EXCEPTION 'this database publishes to a hub itself' USING ERRCODE = 'object_not_in_prerequisite_state',
			HINT = 'Run subscribe_province in the hub''s database, which holds no province.';
	END IF;
	IF EXISTS (SELECT 1 FROM pg_subscription s WHERE s.subname = sub AND s.subdbid =
			   (SELECT oid FROM pg_database WHERE datname = current_database())) THEN
		IF (SELECT s.subconninfo FROM pg_subscription s WHERE s.subname = sub) IS DISTINCT FROM conninfo THEN
			EXECUTE format('ALTER SUBSCRIPTION %I CONNECTION %L', sub, conninfo);
			RETURN format('province %s: subscription %s now connects with the new conninfo', name, sub);
		END IF;
		RETURN format('province %s: subscription %s already there', name, sub);
	END IF;
	-- the province, before anything is made here
	jurs := string_to_array(motcua_internal.hub_prepare_slot(conninfo, sub, false), ',');
	SELECT p.name || ' (' || array_to_string(p.jurisdictions, ', ') || ')' INTO other
	FROM motcua_internal.hub_province p WHERE p.jurisdictions && jurs AND p.name <> subscribe_province.name LIMIT 1;
	IF other IS NOT NULL THEN
		RAISE EXCEPTION 'jurisdiction % already comes to this hub from province %', array_to_string(jurs, ', '), other
			USING ERRCODE = 'unique_violation',
			HINT = 'One database feeds the hub for each jurisdiction.';
	END IF;
	EXECUTE format('CREATE SUBSCRIPTION %I CONNECTION %L PUBLICATION motcua_hub WITH (create_slot = false, slot_name = %L, copy_data = true, enabled = true)',
				   sub, conninfo, sub);
	INSERT INTO motcua_internal.hub_province (name, subscription, jurisdictions) VALUES (name, sub, jurs)
	ON CONFLICT ON CONSTRAINT hub_province_pkey DO UPDATE SET subscription = EXCLUDED.subscription, jurisdictions = EXCLUDED.jurisdictions;
	-- a hub computes no KPIs of its own: its rows come from the provinces
	UPDATE motcua_internal.job j SET enabled = false, disabled_reason = 'a national hub: its KPI rows come from the provinces'
	WHERE j.kind IN ('kpi_refresh', 'snapshot_refresh') AND j.enabled;
	-- the slot last: a failure before leaves nothing on the province
	PERFORM motcua_internal.hub_prepare_slot(conninfo, sub, true);
	RETURN format('province %s (%s) subscribed: subscription and slot %s', name, array_to_string(jurs, ', '), sub);
END
$$;
COMMENT ON FUNCTION motcua.subscribe_province(text, text) IS
	'on the national hub, as a superuser: subscribe to a province''s or ministry''s publication motcua_hub (logical replication, subscription and slot motcua_hub_<name>); idempotent';
REVOKE ALL ON FUNCTION motcua.subscribe_province(text, text) FROM PUBLIC;

-- motcua.national_kpi: the KPI sums of every jurisdiction the hub holds,
-- per jurisdiction and for the nation (jurisdiction NULL), per period;
-- rates are computed from the summed counts.
CREATE OR REPLACE VIEW motcua.national_kpi AS
SELECT j.code AS jurisdiction,
	   CASE WHEN GROUPING(j.code) = 1 THEN 'nation' ELSE min(j.kind) END AS scope,
	   motcua_internal.kpi_period_name(k.kind) AS period,
	   k.kind AS period_kind,
	   k.period_start,
	   count(DISTINCT k.unit) AS units,
	   sum(k.received) AS received,
	   sum(k.received_online) AS received_online,
	   motcua_internal.ratio(sum(k.received_online), sum(k.received)) AS online_rate,
	   sum(k.finished) AS finished,
	   sum(k.early) AS early,
	   sum(k.on_time) AS on_time,
	   sum(k.late) AS late,
	   motcua_internal.ratio(sum(k.early) + sum(k.on_time), sum(k.finished)) AS on_time_rate,
	   motcua_internal.ratio(sum(k.dossiers_digitized), sum(k.received)) AS digitized_dossier_rate,
	   motcua_internal.ratio(sum(k.components_reused), sum(k.components_reusable)) AS component_reuse_rate,
	   sum(k.fee_bearing) AS fee_bearing,
	   sum(k.paid_online) AS paid_online,
	   motcua_internal.ratio(sum(k.paid_online), sum(k.fee_bearing)) AS online_payment_rate
FROM motcua_internal.kpi_unit_period k
JOIN motcua.unit u ON u.id OPERATOR(motcua.=) k.unit
JOIN motcua.jurisdiction j ON j.code = u.jurisdiction
GROUP BY GROUPING SETS ((j.code, k.kind, k.period_start), (k.kind, k.period_start));
COMMENT ON VIEW motcua.national_kpi IS
	'on the national hub: KPI sums per jurisdiction and for the whole nation (jurisdiction NULL) per period, rates from the summed counts';
COMMENT ON COLUMN motcua.national_kpi.jurisdiction IS 'province or ministry code (H22, G17); NULL on the nation''s row';
COMMENT ON COLUMN motcua.national_kpi.scope IS 'province, ministry, or nation (the sum of all)';
COMMENT ON COLUMN motcua.national_kpi.period IS 'day, week, month, quarter or year';
COMMENT ON COLUMN motcua.national_kpi.period_kind IS 'd, w, m, q or y';
COMMENT ON COLUMN motcua.national_kpi.period_start IS 'first day of the period';
COMMENT ON COLUMN motcua.national_kpi.units IS 'units with activity in the period';
COMMENT ON COLUMN motcua.national_kpi.received IS 'dossiers received';
COMMENT ON COLUMN motcua.national_kpi.received_online IS 'dossiers received online';
COMMENT ON COLUMN motcua.national_kpi.online_rate IS 'received online / received, percent';
COMMENT ON COLUMN motcua.national_kpi.finished IS 'dossiers whose processing ended';
COMMENT ON COLUMN motcua.national_kpi.early IS 'finished before the deadline';
COMMENT ON COLUMN motcua.national_kpi.on_time IS 'finished on the deadline''s day';
COMMENT ON COLUMN motcua.national_kpi.late IS 'finished after the deadline';
COMMENT ON COLUMN motcua.national_kpi.on_time_rate IS '(early + on time) / finished, percent';
COMMENT ON COLUMN motcua.national_kpi.digitized_dossier_rate IS 'dossiers with every component digitized / received, percent';
COMMENT ON COLUMN motcua.national_kpi.component_reuse_rate IS 'components reused / reusable components, percent';
COMMENT ON COLUMN motcua.national_kpi.fee_bearing IS 'fee-bearing dossiers received';
COMMENT ON COLUMN motcua.national_kpi.paid_online IS 'of them, paid online';
COMMENT ON COLUMN motcua.national_kpi.online_payment_rate IS 'paid online / fee-bearing, percent';

-- motcua.national_index_766: Decision 766 per jurisdiction (its root
-- unit's index, computed by the province from its own sums) and period,
-- ranked among provinces and among ministries.
CREATE OR REPLACE VIEW motcua.national_index_766 AS
WITH t AS (
	SELECT u.jurisdiction, s.period_kind, s.period_start,
		   sum(coalesce(s.points, 0)) AS total_points,
		   sum(i.max_points) AS max_points,
		   coalesce(sum(i.max_points) FILTER (WHERE s.points IS NULL), 0) AS unmeasured_points,
		   max(s.as_of) AS as_of
	FROM motcua_internal.index_766_snapshot s
	JOIN motcua.index_766_indicator i ON i.code = s.indicator
	JOIN motcua.unit u ON u.id OPERATOR(motcua.=) s.unit AND u.parent IS NULL
	GROUP BY u.jurisdiction, s.period_kind, s.period_start)
SELECT t.jurisdiction, j.name, j.kind, t.period_kind, t.period_start, t.total_points, t.max_points,
	   t.unmeasured_points,
	   rank() OVER (PARTITION BY j.kind, t.period_kind, t.period_start ORDER BY t.total_points DESC) AS rank,
	   t.as_of
FROM t JOIN motcua.jurisdiction j ON j.code = t.jurisdiction;
COMMENT ON VIEW motcua.national_index_766 IS
	'on the national hub: the Decision 766 index of each province and ministry (its top unit''s, as it computed it) per month/quarter/year, ranked among provinces and among ministries';
COMMENT ON COLUMN motcua.national_index_766.jurisdiction IS 'province or ministry code';
COMMENT ON COLUMN motcua.national_index_766.name IS 'its name';
COMMENT ON COLUMN motcua.national_index_766.kind IS 'province or ministry: each is ranked among its kind';
COMMENT ON COLUMN motcua.national_index_766.period_kind IS 'm, q or y';
COMMENT ON COLUMN motcua.national_index_766.period_start IS 'first day of the period';
COMMENT ON COLUMN motcua.national_index_766.total_points IS 'points earned (unmeasured indicators count 0)';
COMMENT ON COLUMN motcua.national_index_766.max_points IS 'points the index can give';
COMMENT ON COLUMN motcua.national_index_766.unmeasured_points IS 'points of indicators motcua could not measure';
COMMENT ON COLUMN motcua.national_index_766.rank IS 'rank among the jurisdictions of its kind in the period, 1 = most points';
COMMENT ON COLUMN motcua.national_index_766.as_of IS 'when the province last computed it';

-- motcua.national_plan_compliance: per jurisdiction (and for the nation,
-- jurisdiction NULL), plan, year and target, the units it applies to and
-- how many met it: counts, summed.
CREATE OR REPLACE VIEW motcua.national_plan_compliance AS
SELECT u.jurisdiction, s.plan, s.year AS period, s.indicator, s.tier, s.area_class,
	   count(*) AS units,
	   count(s.met) AS units_measured,
	   count(*) FILTER (WHERE s.met) AS units_met,
	   motcua_internal.ratio(count(*) FILTER (WHERE s.met), count(s.met)) AS met_rate,
	   max(s.as_of) AS as_of
FROM motcua_internal.plan_compliance_snapshot s
JOIN motcua.unit u ON u.id OPERATOR(motcua.=) s.unit
GROUP BY GROUPING SETS ((u.jurisdiction, s.plan, s.year, s.indicator, s.tier, s.area_class),
						(s.plan, s.year, s.indicator, s.tier, s.area_class));
COMMENT ON VIEW motcua.national_plan_compliance IS
	'on the national hub: plan compliance per jurisdiction and for the nation (jurisdiction NULL): per plan, year and target, the units measured and those that met it';
COMMENT ON COLUMN motcua.national_plan_compliance.jurisdiction IS 'province or ministry code; NULL on the nation''s rows';
COMMENT ON COLUMN motcua.national_plan_compliance.plan IS 'the plan (motcua.plan)';
COMMENT ON COLUMN motcua.national_plan_compliance.period IS 'the year';
COMMENT ON COLUMN motcua.national_plan_compliance.indicator IS 'the plan''s indicator (motcua.kpi_indicator)';
COMMENT ON COLUMN motcua.national_plan_compliance.tier IS 'the tier the target applies to';
COMMENT ON COLUMN motcua.national_plan_compliance.area_class IS 'the area class the target applies to';
COMMENT ON COLUMN motcua.national_plan_compliance.units IS 'units the target applies to';
COMMENT ON COLUMN motcua.national_plan_compliance.units_measured IS 'of them, units with a measured figure';
COMMENT ON COLUMN motcua.national_plan_compliance.units_met IS 'of them, units that met the target';
COMMENT ON COLUMN motcua.national_plan_compliance.met_rate IS 'units that met / units measured, percent';
COMMENT ON COLUMN motcua.national_plan_compliance.as_of IS 'when the province last computed it';

-- motcua.hub_status: per province the hub subscribes to, and each of its
-- jurisdictions: the subscription's state, the last message received, the
-- heartbeat's lag and the province's slot (from the heartbeat).
CREATE OR REPLACE VIEW motcua.hub_status AS
SELECT p.name AS province, jur AS jurisdiction, p.subscription,
	   coalesce(s.subenabled, false) AS enabled,
	   st.pid IS NOT NULL AS receiving,
	   greatest(st.last_msg_receipt_time, h.received_at) AS last_received,
	   h.sent_at AS heartbeat_sent_at,
	   h.received_at AS heartbeat_received_at,
	   h.received_at - h.sent_at AS lag,
	   now() - h.sent_at AS behind,
	   h.extension_version AS province_version,
	   h.slot_name,
	   h.slot_retained_bytes,
	   h.slot_warning_bytes,
	   coalesce(h.slot_over_limit, false) AS slot_over_limit,
	   CASE WHEN s.oid IS NULL THEN 'the subscription is gone'
			WHEN NOT s.subenabled THEN 'the subscription is disabled'
			WHEN h.sent_at IS NULL THEN 'no heartbeat received yet'
			WHEN h.slot_over_limit THEN 'the province''s slot is over its limit'
			WHEN st.pid IS NULL THEN 'not receiving' END AS warning
FROM motcua_internal.hub_province p
CROSS JOIN LATERAL unnest(p.jurisdictions) jur
LEFT JOIN pg_subscription s ON s.subname = p.subscription
	 AND s.subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
LEFT JOIN pg_stat_subscription st ON st.subid = s.oid AND st.relid IS NULL
LEFT JOIN motcua_internal.hub_heartbeat h ON h.jurisdiction = jur;
COMMENT ON VIEW motcua.hub_status IS
	'on the national hub: each province subscribed, with the last message received, the heartbeat''s lag, how far behind the hub is, and the province''s slot size against its warning limit';
COMMENT ON COLUMN motcua.hub_status.province IS 'the name given to subscribe_province';
COMMENT ON COLUMN motcua.hub_status.jurisdiction IS 'a jurisdiction its database serves';
COMMENT ON COLUMN motcua.hub_status.subscription IS 'the subscription (and the slot on the province), motcua_hub_<province>';
COMMENT ON COLUMN motcua.hub_status.enabled IS 'the subscription is enabled';
COMMENT ON COLUMN motcua.hub_status.receiving IS 'its apply worker is running';
COMMENT ON COLUMN motcua.hub_status.last_received IS 'the last message or heartbeat received from the province';
COMMENT ON COLUMN motcua.hub_status.heartbeat_sent_at IS 'the province''s clock when it wrote its last heartbeat the hub holds';
COMMENT ON COLUMN motcua.hub_status.heartbeat_received_at IS 'the hub''s clock when that heartbeat arrived';
COMMENT ON COLUMN motcua.hub_status.lag IS 'replication lag: how long the last heartbeat took from the province to the hub';
COMMENT ON COLUMN motcua.hub_status.behind IS 'age of the newest heartbeat the hub holds (grows while the province or the link is down)';
COMMENT ON COLUMN motcua.hub_status.province_version IS 'the motcua version installed at the province';
COMMENT ON COLUMN motcua.hub_status.slot_name IS 'the province''s hub slot with the most WAL retained';
COMMENT ON COLUMN motcua.hub_status.slot_retained_bytes IS 'WAL the province keeps for that slot, in bytes, as of its heartbeat';
COMMENT ON COLUMN motcua.hub_status.slot_warning_bytes IS 'the province''s limit (job hub_heartbeat, config slot_warning)';
COMMENT ON COLUMN motcua.hub_status.slot_over_limit IS 'the slot retains more than the limit (the province logs a WARNING)';
COMMENT ON COLUMN motcua.hub_status.warning IS 'what a DBA should look at, NULL when all is well';

GRANT SELECT ON motcua.national_kpi, motcua.national_index_766, motcua.national_plan_compliance, motcua.hub_status
	TO motcua_bi, motcua_auditor, motcua_admin;

-- The list of KPI measures (79_kpi_measure.ddl.sql), and the columns of
-- the sums table made from it.  Re-run by every upgrade: a measure added
-- here gets its column (appended) and its place in the refresh.
INSERT INTO motcua_internal.kpi_measure AS m
	(ordinal, name, type, keeps_row, on_received, on_finished, on_overdue, description)
VALUES
	(1, 'received', 'bigint', true, 'count(*)', NULL, NULL, 'dossiers received'),
	(2, 'received_direct', 'bigint', false, 'count(*) FILTER (WHERE f.channel = ''direct'')', NULL, NULL, 'received in person'),
	(3, 'received_online', 'bigint', false, 'count(*) FILTER (WHERE f.channel = ''online'')', NULL, NULL, 'received online'),
	(4, 'received_postal', 'bigint', false, 'count(*) FILTER (WHERE f.channel = ''postal'')', NULL, NULL, 'received through the postal service'),
	(5, 'dossiers_digitized', 'bigint', false, 'count(*) FILTER (WHERE f.components_digitized > 0)', NULL, NULL, 'received dossiers with a digitized component'),
	(6, 'components', 'bigint', false, 'sum(f.components)', NULL, NULL, 'components of the dossiers received'),
	(7, 'components_digitized', 'bigint', false, 'sum(f.components_digitized)', NULL, NULL, 'of them digitized'),
	(8, 'components_reusable', 'bigint', false, 'sum(f.components_reusable)', NULL, NULL, 'of them reusable'),
	(9, 'components_reused', 'bigint', false, 'sum(f.components_reused)', NULL, NULL, 'of them reused from the warehouse or a national database'),
	(10, 'dossiers_with_eligible', 'bigint', false, 'count(*) FILTER (WHERE f.components_eligible > 0)', NULL, NULL, 'received dossiers with a component the state already held'),
	(11, 'dossiers_nothing_reprovided', 'bigint', false, 'count(*) FILTER (WHERE f.components_eligible > 0 AND f.eligible_reprovided = 0)', NULL, NULL, 'of them, those whose person was asked for none of it again'),
	(12, 'fee_bearing', 'bigint', false, 'count(*) FILTER (WHERE f.fee_bearing)', NULL, NULL, 'received dossiers with a fee'),
	(13, 'paid_online', 'bigint', false, 'count(*) FILTER (WHERE f.fee_bearing AND f.paid_online)', NULL, NULL, 'of them paid online'),
	(14, 'population_db_dossiers', 'bigint', false, 'count(*) FILTER (WHERE f.population_db_procedure)', NULL, NULL, 'received dossiers of procedures connected to the population database'),
	(15, 'population_db_used', 'bigint', false, 'count(*) FILTER (WHERE f.population_db_procedure AND f.population_db_used)', NULL, NULL, 'of them using it'),
	(16, 'finished', 'bigint', true, NULL, 'count(*)', NULL, 'dossiers whose processing ended'),
	(17, 'resolved', 'bigint', false, NULL, 'count(*) FILTER (WHERE f.resolved)', NULL, 'of them done or returned'),
	(18, 'early', 'bigint', false, NULL, 'count(*) FILTER (WHERE f.outcome = ''early'')', NULL, 'finished early'),
	(19, 'on_time', 'bigint', false, NULL, 'count(*) FILTER (WHERE f.outcome = ''on_time'')', NULL, 'finished on time'),
	(20, 'late', 'bigint', false, NULL, 'count(*) FILTER (WHERE f.outcome = ''late'')', NULL, 'finished late'),
	(21, 'processing_days', 'numeric', false, NULL, 'sum(f.processing_days)', NULL, 'working days of processing of the finished dossiers'),
	(22, 'results_digitized', 'bigint', false, NULL, 'count(*) FILTER (WHERE f.resolved AND f.result_digitized)', NULL, 'resolved dossiers with a digitized result'),
	(23, 'results_esigned', 'bigint', false, NULL, 'count(*) FILTER (WHERE f.resolved AND f.result_esigned)', NULL, 'resolved dossiers with a digitally signed result'),
	(24, 'transfers_electronic', 'bigint', false, NULL, 'sum(f.transfers_electronic)', NULL, 'electronic transfers of the finished dossiers'),
	(25, 'transfers_total', 'bigint', false, NULL, 'sum(f.transfers_electronic + f.transfers_paper)', NULL, 'all their transfers'),
	(26, 'overdue_delta', 'bigint', true, NULL, '-count(*) FILTER (WHERE f.overdue_from IS NOT NULL)', 'count(*)', 'dossiers that became overdue minus those that stopped being (finished)'),
	(27, 'extended', 'bigint', false, 'count(*) FILTER (WHERE f.extended)', NULL, NULL, 'received dossiers extended with an apology letter'),
	(28, 'finished_extended', 'bigint', false, NULL, 'count(*) FILTER (WHERE f.extended)', NULL, 'finished dossiers that had been extended'),
	(29, 'portal_synced', 'bigint', false, 'count(*) FILTER (WHERE f.portal_synced)', NULL, NULL, 'received dossiers whose reception reached the national portal'),
	(30, 'received_four_on_spot', 'bigint', false, 'count(*) FILTER (WHERE f.four_on_spot)', NULL, NULL, 'received dossiers of "4 tại chỗ" procedures'),
	(31, 'finished_four_on_spot', 'bigint', false, NULL, 'count(*) FILTER (WHERE f.four_on_spot)', NULL, 'finished dossiers of "4 tại chỗ" procedures'),
	(32, 'four_on_spot_in_time', 'bigint', false, NULL, 'count(*) FILTER (WHERE f.four_on_spot AND f.outcome IN (''early'', ''on_time''))', NULL, 'of them finished early or on time (the same day)'),
	(33, 'received_online_kiosk', 'bigint', false, 'count(*) FILTER (WHERE f.filing = ''kiosk'')', NULL, NULL, 'received online at a kiosk of the center'),
	(34, 'received_online_assisted', 'bigint', false, 'count(*) FILTER (WHERE f.filing = ''assisted'')', NULL, NULL, 'received online with an officer''s help')
ON CONFLICT (name) DO UPDATE SET ordinal = EXCLUDED.ordinal, type = EXCLUDED.type, keeps_row = EXCLUDED.keeps_row,
	on_received = EXCLUDED.on_received, on_finished = EXCLUDED.on_finished, on_overdue = EXCLUDED.on_overdue,
	description = EXCLUDED.description;

-- kpi_measure_columns adds to the sums table the column of every measure
-- that has none yet, in the list's order.
CREATE OR REPLACE FUNCTION motcua_internal.kpi_measure_columns() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	m record;
BEGIN
	FOR m IN
		SELECT x.name, x.type FROM motcua_internal.kpi_measure x
		WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
						  WHERE a.attrelid = 'motcua_internal.kpi_unit_period'::regclass AND a.attname = x.name
							AND NOT a.attisdropped)
		ORDER BY x.ordinal
	LOOP
		EXECUTE format('ALTER TABLE motcua_internal.kpi_unit_period ADD COLUMN %I %s NOT NULL DEFAULT 0', m.name, m.type);
	END LOOP;
END
$$;
SELECT motcua_internal.kpi_measure_columns();

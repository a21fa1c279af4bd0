-- Keeps one jurisdiction of the sample reference data, as a province's
-- own database holds (tests/sh/018_hub.sh, bench/replication_lag.sh):
--   psql -v jurisdiction=H22 -f tools/keep_jurisdiction.sql
-- Units go leaves first, so a unit of another jurisdiction above one of
-- the kept ones stays.
\set ON_ERROR_STOP on
SELECT format($do$DO $$ BEGIN
	LOOP
		DELETE FROM motcua.unit u WHERE u.jurisdiction <> %1$L
		   AND NOT EXISTS (SELECT 1 FROM motcua.unit c WHERE c.parent OPERATOR(motcua.=) u.id);
		EXIT WHEN NOT FOUND;
	END LOOP;
	DELETE FROM motcua.jurisdiction WHERE code <> %1$L;
END $$$do$, :'jurisdiction') \gexec

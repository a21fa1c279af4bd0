-- motcua install script, assembled from extension/sql/install/*.sql: run-once
-- DDL (*.ddl.sql) and re-runnable definitions (*.defs.sql), in file order.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION motcua" to load this file. \quit

-- Vietnamese names are kept in Unicode NFC, which only a UTF8 database can
-- hold (normalize() refuses other server encodings).
DO $$
BEGIN
	IF pg_catalog.current_setting('server_encoding') <> 'UTF8' THEN
		RAISE EXCEPTION 'motcua needs a UTF8 database, not %', pg_catalog.current_setting('server_encoding')
			USING ERRCODE = 'feature_not_supported',
				  HINT = 'CREATE DATABASE ... ENCODING ''UTF8'' TEMPLATE template0; clients may use any encoding PostgreSQL converts.';
	END IF;
END
$$;

COMMENT ON SCHEMA motcua IS 'motcua: engine of the one-stop shop for administrative procedures [cơ chế một cửa]';

-- Everything that is not the public API (type support functions, KPI
-- internals, triggers, helpers, queues) lives here, on no user's
-- search_path; the public functions and views reach into it.
CREATE SCHEMA motcua_internal;
COMMENT ON SCHEMA motcua_internal IS 'motcua internals: not an API, may change in any release';

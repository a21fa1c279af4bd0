-- motcua install script, assembled from extension/sql/install/*.sql: run-once
-- DDL (*.ddl.sql) and re-runnable definitions (*.defs.sql), in file order.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION motcua" to load this file. \quit

COMMENT ON SCHEMA motcua IS 'motcua: engine of the one-stop shop for administrative procedures [cơ chế một cửa]';

-- Everything that is not the public API (type support functions, KPI
-- internals, triggers, helpers, queues) lives here, on no user's
-- search_path; the public functions and views reach into it.
CREATE SCHEMA motcua_internal;
COMMENT ON SCHEMA motcua_internal IS 'motcua internals: not an API, may change in any release';

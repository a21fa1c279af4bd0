-- motcua install script, assembled from extension/sql/install/*.sql.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION motcua" to load this file. \quit

COMMENT ON SCHEMA motcua IS 'motcua: engine of the one-stop shop for administrative procedures [cơ chế một cửa]';

CREATE FUNCTION motcua.is_preloaded() RETURNS boolean
	AS 'MODULE_PATHNAME', 'motcua_is_preloaded'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.is_preloaded() IS
	'true when motcua was loaded through shared_preload_libraries (needed by the background workers)';

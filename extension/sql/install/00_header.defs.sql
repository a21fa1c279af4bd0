CREATE OR REPLACE FUNCTION motcua.is_preloaded() RETURNS boolean
	AS 'MODULE_PATHNAME', 'motcua_is_preloaded'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.is_preloaded() IS
	'true when motcua was loaded through shared_preload_libraries (needed by the background workers)';

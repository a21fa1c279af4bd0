-- The trigram index behind search_procedures (87_search.defs.sql).
CREATE INDEX procedure_name_search_idx ON motcua.procedure USING gin (motcua_internal.fold(name) gin_trgm_ops);

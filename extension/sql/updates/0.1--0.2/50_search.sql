-- 0.2: names in NFC, and the procedure search index (after the
-- definitions: the triggers and motcua_internal.fold exist by now).
-- unaccent and pg_trgm must be installed first (CREATE EXTENSION unaccent;
-- CREATE EXTENSION pg_trgm;): ALTER EXTENSION does not install what a
-- version newly requires.
UPDATE motcua.procedure SET name = normalize(name, NFC) WHERE name IS NOT NFC NORMALIZED;
UPDATE motcua.unit SET name = normalize(name, NFC) WHERE name IS NOT NFC NORMALIZED;
UPDATE motcua.jurisdiction SET name = normalize(name, NFC) WHERE name IS NOT NFC NORMALIZED;
UPDATE motcua.subject SET full_name = normalize(full_name, NFC) WHERE full_name IS NOT NFC NORMALIZED;
CREATE INDEX procedure_name_search_idx ON motcua.procedure USING gin (motcua_internal.fold(name) gin_trgm_ops);

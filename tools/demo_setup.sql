-- The database `make demo` makes (and tests/sh/004_docs.sh, which runs the
-- docs against one like it): motcua with the extensions it requires, the
-- search_path and time zone its users get, and the sample reference data.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION motcua;
CREATE EXTENSION motcua_sample;        -- the sample reference data (load_sample_data)
-- the operators of motcua's types live in schema motcua: new sessions find them
SELECT format('ALTER DATABASE %I SET search_path = "$user", public, motcua', current_database()) \gexec
SELECT format('ALTER DATABASE %I SET timezone = %L', current_database(), 'Asia/Ho_Chi_Minh') \gexec
SELECT motcua.rotate_pseudonym_key() IS NOT NULL AS pseudonym_key_made \gset
\pset footer off
SELECT item AS "table", rows AS "rows loaded" FROM motcua.load_sample_data();

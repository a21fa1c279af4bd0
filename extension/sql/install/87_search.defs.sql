-- Vietnamese text: names stored in Unicode NFC whatever the client sends,
-- and the procedure catalogue searched without accents or case
-- ("dang ky ket hon" finds "Thủ tục đăng ký kết hôn").  Accents are folded
-- with PostgreSQL's unaccent and matched with pg_trgm trigrams (both
-- required by motcua.control); their functions are called by schema,
-- whichever schema they were installed in, so no caller needs them on its
-- search_path.

-- store_nfc: a BEFORE INSERT OR UPDATE trigger that rewrites the text
-- columns named in its arguments in NFC (fired only for a name that is
-- not NFC already: the WHEN clause costs nothing on the usual row).  A name typed on one keyboard
-- and pasted from another then compares equal (Vietnamese letters such as
-- "ế" arrive precomposed or as e + circumflex + acute).
CREATE OR REPLACE FUNCTION motcua_internal.store_nfc() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	col text;
	v text;
BEGIN
	FOREACH col IN ARRAY TG_ARGV LOOP
		v := pg_catalog.to_jsonb(NEW) ->> col;
		IF v IS NOT NULL AND v IS NOT NFC NORMALIZED THEN
			NEW := pg_catalog.jsonb_populate_record(NEW, pg_catalog.jsonb_build_object(col, normalize(v, NFC)));
		END IF;
	END LOOP;
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER store_nfc BEFORE INSERT OR UPDATE OF name ON motcua.procedure
	FOR EACH ROW WHEN (NEW.name IS NOT NFC NORMALIZED) EXECUTE FUNCTION motcua_internal.store_nfc('name');
CREATE OR REPLACE TRIGGER store_nfc BEFORE INSERT OR UPDATE OF name ON motcua.unit
	FOR EACH ROW WHEN (NEW.name IS NOT NFC NORMALIZED) EXECUTE FUNCTION motcua_internal.store_nfc('name');
CREATE OR REPLACE TRIGGER store_nfc BEFORE INSERT OR UPDATE OF name ON motcua.jurisdiction
	FOR EACH ROW WHEN (NEW.name IS NOT NFC NORMALIZED) EXECUTE FUNCTION motcua_internal.store_nfc('name');
CREATE OR REPLACE TRIGGER store_nfc BEFORE INSERT OR UPDATE OF full_name ON motcua.subject
	FOR EACH ROW WHEN (NEW.full_name IS NOT NFC NORMALIZED) EXECUTE FUNCTION motcua_internal.store_nfc('full_name');

DO $search$
DECLARE
	ua text := (SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
				WHERE e.extname = 'unaccent');
	tg text := (SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
				WHERE e.extname = 'pg_trgm');
BEGIN
	-- fold: the search key of a text: NFC, accents off (đ becomes d),
	-- lower case.  IMMUTABLE so that an index can hold it; unaccent's
	-- dictionary is fixed by the installation.
	EXECUTE format($def$
		CREATE OR REPLACE FUNCTION motcua_internal.fold(t text) RETURNS text
		LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
		AS $body$SELECT pg_catalog.lower(%1$I.unaccent(%2$L::regdictionary, pg_catalog.normalize(t, 'NFC')))$body$
		$def$, ua, format('%I.unaccent', ua));
	COMMENT ON FUNCTION motcua_internal.fold(text) IS
		'search key of a Vietnamese text: NFC, without accents (đ -> d), lower case';

	-- procedure_search: the catalogue entries in force whose folded name
	-- contains words like the folded query, best first.  A plain SQL
	-- function, so the planner inlines it and uses the trigram index.
	EXECUTE format($def$
		CREATE OR REPLACE FUNCTION motcua_internal.procedure_search(folded text, max_results integer)
			RETURNS TABLE (code motcua.procedure_code, name text, field text, tier text, score real)
		LANGUAGE sql STABLE PARALLEL SAFE AS $body$
			SELECT p.code, p.name, p.field, p.tier, %1$I.word_similarity(folded, motcua_internal.fold(p.name))
			FROM motcua.procedure p
			WHERE folded OPERATOR(%1$I.<%%) motcua_internal.fold(p.name) AND p.active
			ORDER BY 5 DESC, %1$I.similarity(folded, motcua_internal.fold(p.name)) DESC, p.code
			LIMIT max_results
		$body$
		$def$, tg);
END
$search$;

-- search_procedures: the catalogue as an officer or a citizen searches it,
-- with or without accents, in any case, in NFC or decomposed Unicode.
CREATE OR REPLACE FUNCTION motcua.search_procedures(query text, max_results integer DEFAULT 20)
	RETURNS TABLE (code motcua.procedure_code, name text, field text, tier text, score real)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF query IS NULL OR btrim(query) = '' THEN
		RAISE EXCEPTION 'search text is empty' USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Pass words of the procedure''s name, with or without accents.';
	END IF;
	IF max_results IS NULL OR max_results NOT BETWEEN 1 AND 1000 THEN
		RAISE EXCEPTION 'max_results % is outside 1 to 1000', max_results USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN QUERY SELECT * FROM motcua_internal.procedure_search(motcua_internal.fold(query), max_results);
END
$$;
COMMENT ON FUNCTION motcua.search_procedures(text, integer) IS
	'search the procedure catalogue [thủ tục hành chính] by name, accent- and case-insensitive ("dang ky ket hon" finds "Đăng ký kết hôn"), best matches first with their word-similarity score';

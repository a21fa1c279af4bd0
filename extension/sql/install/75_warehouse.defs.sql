CREATE OR REPLACE TRIGGER dossier_ref BEFORE INSERT OR UPDATE OF dossier ON motcua.document
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.check_dossier_ref();
COMMENT ON TABLE motcua.document IS 'the personal electronic data warehouse: digitized documents and e-copies of results, with provenance, validity, SHA-256 and signature status';
COMMENT ON COLUMN motcua.document.dossier IS 'the dossier whose result this is, or for which it was digitized or uploaded';
COMMENT ON COLUMN motcua.document.reusable IS 'may stand in for a component of a later dossier: results, and documents digitized for a dossier that was resolved successfully';

-- subject_id finds a subject without creating it (NULL when unknown); the
-- identifier must still be well formed.
CREATE OR REPLACE FUNCTION motcua_internal.subject_id(identifier text) RETURNS bigint
LANGUAGE plpgsql STABLE STRICT AS $$
BEGIN
	IF identifier ~ '^[0-9]{12}$' THEN
		RETURN (SELECT id FROM motcua.subject WHERE personal_id OPERATOR(motcua.=) identifier::motcua.personal_id);
	ELSIF identifier ~ '^[0-9]{10}(-[0-9]{3})?$' THEN
		RETURN (SELECT id FROM motcua.subject WHERE tax_code OPERATOR(motcua.=) identifier::motcua.tax_code);
	END IF;
	RAISE EXCEPTION 'invalid subject "%": expected a 12-digit personal ID or a tax code', left(identifier, 40)
		USING ERRCODE = 'invalid_text_representation';
END
$$;

-- reuse_status is the heart of the reuse-eligibility check (reuse.c): one
-- row per required component of the procedure, saying whether the state
-- already holds it for the subject, in order of precedence not_reusable,
-- revoked (by the national database), reusable, from_national_db,
-- needs_refresh, revoked or expired (the warehouse copy), missing.  The
-- four-argument form, with enqueue true, also queues the lookups.
CREATE OR REPLACE FUNCTION motcua_internal.reuse_status(sid bigint, procedure motcua.procedure_code, as_of timestamptz)
	RETURNS TABLE (ordinal smallint, component text, status text, source text, document_id bigint,
				   national_record_id bigint, valid_until timestamptz, reason text)
	AS 'MODULE_PATHNAME', 'motcua_reuse_evaluate'
	LANGUAGE C STABLE STRICT;
CREATE OR REPLACE FUNCTION motcua_internal.reuse_status(sid bigint, procedure motcua.procedure_code, as_of timestamptz, enqueue boolean)
	RETURNS TABLE (ordinal smallint, component text, status text, source text, document_id bigint,
				   national_record_id bigint, valid_until timestamptz, reason text)
	AS 'MODULE_PATHNAME', 'motcua_reuse_evaluate'
	LANGUAGE C VOLATILE STRICT;
REVOKE ALL ON FUNCTION motcua_internal.reuse_status(bigint, motcua.procedure_code, timestamptz, boolean) FROM PUBLIC;
-- the procedure components and national source settings are cached per
-- session: changes to them raise the cache signal
CREATE OR REPLACE TRIGGER cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motcua.procedure
	FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.cache_changed();
CREATE OR REPLACE TRIGGER cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motcua.procedure_component
	FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.cache_changed();
CREATE OR REPLACE TRIGGER cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motcua.document_type
	FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.cache_changed();
CREATE OR REPLACE TRIGGER cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motcua.national_source
	FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.cache_changed();
REVOKE ALL ON FUNCTION motcua_internal.reuse_status(bigint, motcua.procedure_code, timestamptz) FROM PUBLIC;

-- reuse_check: the reuse-eligibility check for a subject (personal ID or
-- tax code) and a procedure.  Components that need a fresh national record
-- get a lookup queued for the workers (at most one pending per record).
CREATE OR REPLACE FUNCTION motcua.reuse_check(subject text, procedure motcua.procedure_code, as_of timestamptz DEFAULT now())
	RETURNS TABLE (component text, status text, source text, document_id bigint, national_record_id bigint,
				   valid_until timestamptz, reason text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	sid bigint;
BEGIN
	IF reuse_check.subject ~ '^[0-9]{12}$' THEN
		SELECT s.id INTO sid FROM motcua.subject s
		WHERE s.personal_id OPERATOR(motcua.=) reuse_check.subject::motcua.personal_id;
	ELSE
		sid := motcua_internal.subject_id(reuse_check.subject);
	END IF;
	IF sid IS NULL THEN
		sid := motcua_internal.subject_of(reuse_check.subject);
	END IF;
	RETURN QUERY
	SELECT r.component, r.status, r.source, r.document_id, r.national_record_id, r.valid_until, r.reason
	FROM motcua_internal.reuse_status(sid, reuse_check.procedure, reuse_check.as_of, true) r;
END
$$;
COMMENT ON FUNCTION motcua.reuse_check(text, motcua.procedure_code, timestamptz) IS
	'which required components the state already holds for this person: reusable, from_national_db, needs_refresh (lookup queued), expired, revoked, not_reusable, missing';

-- store_national_record: what a worker (or a test) writes after a lookup.
CREATE OR REPLACE FUNCTION motcua.store_national_record(source text, subject text, document_type text, record jsonb,
											 fetched_at timestamptz DEFAULT now(), revoked_reason text DEFAULT NULL)
	RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	sid bigint := motcua_internal.subject_of(subject);
	rid bigint;
BEGIN
	INSERT INTO motcua.national_record AS n (source, subject, document_type, record, fetched_at, revoked_at, revoked_reason)
	VALUES (source, sid, document_type, record, fetched_at,
			CASE WHEN revoked_reason IS NOT NULL THEN fetched_at END, revoked_reason)
	ON CONFLICT ON CONSTRAINT national_record_subject_document_type_source_key DO UPDATE
		SET record = EXCLUDED.record, fetched_at = EXCLUDED.fetched_at,
			revoked_at = EXCLUDED.revoked_at, revoked_reason = EXCLUDED.revoked_reason
	RETURNING n.id INTO rid;
	UPDATE motcua.lookup_request l SET status = 'succeeded', finished_at = fetched_at
	WHERE l.source = source AND l.subject = sid AND l.document_type = document_type
	  AND l.status IN ('pending', 'running');
	RETURN rid;
END
$$;
COMMENT ON FUNCTION motcua.store_national_record(text, text, text, jsonb, timestamptz, text) IS
	'cache a national-database answer (revoked_reason set when the source no longer vouches for it) and close pending lookups';

-- revoke_document: a document stops standing for anything (annulled,
-- replaced, found forged).
CREATE OR REPLACE FUNCTION motcua.revoke_document(document bigint, reason text, at timestamptz DEFAULT now()) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM motcua_internal.require_finite(at, 'at');
	PERFORM motcua_internal.require_length(reason, 2000, 'reason');
	UPDATE motcua.document d SET revoked_at = at, revoked_reason = reason
	WHERE d.id = document AND d.revoked_at IS NULL;
	IF NOT FOUND THEN
		IF EXISTS (SELECT 1 FROM motcua.document d WHERE d.id = document) THEN
			RAISE EXCEPTION 'document % is already revoked', document USING ERRCODE = 'object_not_in_prerequisite_state';
		END IF;
		RAISE EXCEPTION 'document % does not exist', document USING ERRCODE = 'undefined_object';
	END IF;
END
$$;

-- deposit_document puts a document into a subject's warehouse and returns
-- its id.  The content's SHA-256 is computed here; a detached signature is
-- verified at once and its outcome kept with the document.
CREATE OR REPLACE FUNCTION motcua.deposit_document(subject bigint, document_type text, provenance text, dossier motcua.dossier_code,
										content bytea, issued_at timestamptz, reusable boolean,
										result_code text DEFAULT NULL, valid_until timestamptz DEFAULT NULL,
										issuing_unit motcua.unit_id DEFAULT NULL, signature bytea DEFAULT NULL,
										content_ref text DEFAULT NULL, sha256 bytea DEFAULT NULL)
	RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	sig_valid boolean;
	sig_signer text;
	sig_reason text;
	id bigint;
	validity interval;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM motcua.document_type t WHERE t.code = document_type) THEN
		RAISE EXCEPTION 'document type % does not exist', document_type USING ERRCODE = 'undefined_object';
	END IF;
	IF content IS NULL AND (content_ref IS NULL OR sha256 IS NULL) THEN
		RAISE EXCEPTION 'a document needs its content, or a reference to it and its SHA-256'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF signature IS NOT NULL THEN
		IF content IS NULL THEN
			RAISE EXCEPTION 'a signature can only be verified against the content'
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		SELECT v.valid, v.signer, v.reason INTO sig_valid, sig_signer, sig_reason
		FROM motcua.verify_signature(content, signature) v;
	END IF;
	SELECT t.validity INTO validity FROM motcua.document_type t WHERE t.code = document_type;
	INSERT INTO motcua.document AS d (subject, document_type, result_code, issuing_unit, issued_at, valid_until,
									  sha256, content, content_ref, signature, signature_valid, signature_signer,
									  signature_reason, provenance, dossier, reusable)
	VALUES (subject, document_type, result_code, issuing_unit, issued_at,
			coalesce(valid_until, issued_at + validity),
			coalesce(pg_catalog.sha256(content), sha256), content, content_ref, signature,
			sig_valid, sig_signer, sig_reason, provenance, dossier, reusable)
	RETURNING d.id INTO id;
	RETURN id;
END
$$;
REVOKE ALL ON FUNCTION motcua.deposit_document(bigint, text, text, motcua.dossier_code, bytea, timestamptz, boolean,
											   text, timestamptz, motcua.unit_id, bytea, text, bytea) FROM PUBLIC;
COMMENT ON FUNCTION motcua.deposit_document(bigint, text, text, motcua.dossier_code, bytea, timestamptz, boolean,
											text, timestamptz, motcua.unit_id, bytea, text, bytea) IS
	'store a document in a subject''s warehouse (SHA-256 computed, signature verified); used by supply_component and on completion';

-- supply_component records how a dossier component was supplied (docs/domain.md
-- §1-2): reused from the warehouse, taken from a national database,
-- digitized at the counter, uploaded online, or on paper.  Digitized and
-- uploaded content goes into the warehouse at once and becomes reusable
-- when the dossier is resolved.
CREATE OR REPLACE FUNCTION motcua.supply_component(dossier motcua.dossier_code, ordinal integer, supplied_by text,
										content bytea DEFAULT NULL, document_id bigint DEFAULT NULL,
										signature bytea DEFAULT NULL, at timestamptz DEFAULT now())
	RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d record;
	c record;
	doc bigint;
	st record;
	needed text;
BEGIN
	PERFORM motcua_internal.require_finite(at, 'at');
	SELECT x.subject, x.finished_at, x.procedure, x.unit, x.current_unit INTO d FROM motcua.dossier x
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier) FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM motcua_internal.require_unit_access(ARRAY[d.unit, d.current_unit], 'supply components of dossier ' || dossier);
	IF d.finished_at IS NOT NULL THEN
		RAISE EXCEPTION 'dossier % is closed', dossier USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	SELECT * INTO c FROM motcua.dossier_component x
	WHERE x.dossier OPERATOR(motcua.=) dossier AND x.ordinal = supply_component.ordinal;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % has no component %', dossier, ordinal USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM motcua_internal.require_term('supply_method', supplied_by, 'supply method');
	CASE supplied_by
	WHEN 'digitized_at_counter', 'uploaded_online' THEN
		IF content IS NULL THEN
			RAISE EXCEPTION '% needs the digitized content', supplied_by USING ERRCODE = 'invalid_parameter_value';
		END IF;
		doc := motcua.deposit_document(d.subject, c.document_type, supplied_by, dossier, content, at, false,
									   signature => signature);
	WHEN 'reused_warehouse', 'national_db' THEN
		SELECT * INTO st FROM motcua_internal.reuse_status(d.subject, d.procedure, at) r WHERE r.ordinal = c.ordinal;
		needed := CASE supplied_by WHEN 'reused_warehouse' THEN 'reusable' ELSE 'from_national_db' END;
		IF st.status IS DISTINCT FROM needed THEN
			RAISE EXCEPTION 'component % of dossier % cannot be supplied as %: %', ordinal, dossier,
				supplied_by, coalesce(st.reason, 'not eligible')
				USING ERRCODE = 'object_not_in_prerequisite_state';
		END IF;
		doc := CASE WHEN supplied_by = 'reused_warehouse' THEN st.document_id END;
	WHEN 'paper' THEN
		doc := NULL;
	ELSE
		-- (a method added to motcua.supply_method without its handling here)
		RAISE EXCEPTION 'supply method "%" is not handled', supplied_by USING ERRCODE = 'feature_not_supported';
	END CASE;
	UPDATE motcua.dossier_component x
	SET supplied_by = supply_component.supplied_by, document_id = doc,
		digitized = supply_component.supplied_by <> 'paper'
	WHERE x.dossier OPERATOR(motcua.=) dossier AND x.ordinal = supply_component.ordinal;
	RETURN supplied_by;
END
$$;
COMMENT ON FUNCTION motcua.supply_component(motcua.dossier_code, integer, text, bytea, bigint, bytea, timestamptz) IS
	'record how a component was supplied; digitized content goes into the warehouse';

-- deposit_results runs when a dossier is completed: every digitized
-- result (with its content, or a reference and its SHA-256) goes into the
-- subject's warehouse as reusable, and so do the components digitized or
-- uploaded for this dossier, now that it was resolved successfully.
-- A result is {"document_type", "result_code", "content_base64" | ("content_ref"
-- and "sha256" hex), "valid_until", "signature_base64"}; the document type
-- defaults to the procedure's result type.
CREATE OR REPLACE FUNCTION motcua_internal.deposit_results(dossier motcua.dossier_code, subject bigint, procedure motcua.procedure_code,
									   unit motcua.unit_id, results jsonb, at timestamptz)
	RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	r jsonb;
	n integer := 0;
	dtype text;
BEGIN
	FOR r IN SELECT * FROM jsonb_array_elements(results) LOOP
		IF jsonb_typeof(r) <> 'object' OR NOT (r ? 'content_base64' OR (r ? 'content_ref' AND r ? 'sha256')) THEN
			CONTINUE;			-- a result on paper only: nothing to deposit
		END IF;
		dtype := coalesce(r->>'document_type',
						  (SELECT p.result_document_type FROM motcua.procedure p WHERE p.code OPERATOR(motcua.=) procedure));
		IF dtype IS NULL THEN
			RAISE EXCEPTION 'result % of dossier % has no document type', r, dossier
				USING ERRCODE = 'invalid_parameter_value', HINT = 'Give "document_type" in the result.';
		END IF;
		PERFORM motcua.deposit_document(subject, dtype, 'dossier_result', dossier,
										decode(r->>'content_base64', 'base64'), at, true,
										r->>'result_code', (r->>'valid_until')::timestamptz, unit,
										decode(r->>'signature_base64', 'base64'), r->>'content_ref',
										decode(r->>'sha256', 'hex'));
		n := n + 1;
	END LOOP;
	UPDATE motcua.document d SET reusable = true
	WHERE d.dossier OPERATOR(motcua.=) dossier AND d.provenance IN ('digitized_at_counter', 'uploaded_online')
	  AND NOT d.reusable;
	RETURN n;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.deposit_results(motcua.dossier_code, bigint, motcua.procedure_code, motcua.unit_id, jsonb, timestamptz) FROM PUBLIC;

REVOKE ALL ON FUNCTION motcua.reuse_check(text, motcua.procedure_code, timestamptz),
	motcua.store_national_record(text, text, text, jsonb, timestamptz, text),
	motcua.revoke_document(bigint, text, timestamptz),
	motcua.supply_component(motcua.dossier_code, integer, text, bytea, bigint, bytea, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.reuse_check(text, motcua.procedure_code, timestamptz),
	motcua.supply_component(motcua.dossier_code, integer, text, bytea, bigint, bytea, timestamptz)
	TO motcua_officer, motcua_admin;
GRANT EXECUTE ON FUNCTION motcua.store_national_record(text, text, text, jsonb, timestamptz, text),
	motcua.revoke_document(bigint, text, timestamptz) TO motcua_admin;
GRANT SELECT ON motcua.document, motcua.national_record, motcua.lookup_request TO motcua_officer, motcua_auditor, motcua_admin;
GRANT SELECT ON motcua.national_source TO motcua_officer, motcua_auditor, motcua_admin;
GRANT INSERT, UPDATE, DELETE ON motcua.national_source TO motcua_admin;

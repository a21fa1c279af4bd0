-- Certification of copies from originals [chứng thực bản sao từ bản
-- chính] at the counter.  An electronic copy (the officer's scan of the
-- original, signed with CMS) is verified like any other signature, goes
-- into the person's warehouse with its provenance and can be reused; a
-- paper certification is only numbered.  Both count in Decision 766's
-- e-certified copy indicator (electronic ÷ all).

-- certify_copy certifies a copy for a person (personal ID or tax code) at
-- a unit and returns its certification number, unit/CT/year/sequence.
CREATE OR REPLACE FUNCTION motcua.certify_copy(subject text, document_type text, unit motcua.unit_id,
											   content bytea DEFAULT NULL, signature bytea DEFAULT NULL,
											   dossier motcua.dossier_code DEFAULT NULL, at timestamptz DEFAULT NULL)
	RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	sid bigint;
	sig record;
	n record;
	doc bigint;
BEGIN
	IF subject IS NULL OR document_type IS NULL OR unit IS NULL THEN
		RAISE EXCEPTION 'certify_copy needs a subject, a document type and a unit' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM motcua.document_type t WHERE t.code = document_type) THEN
		RAISE EXCEPTION 'document type % does not exist', document_type USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM motcua_internal.require_receiving_unit(unit, 'dossiers');
	PERFORM motcua_internal.require_unit_access(ARRAY[unit], 'certify copies there');
	IF (content IS NULL) <> (signature IS NULL) THEN
		RAISE EXCEPTION 'an electronic copy needs its content and its signature; a paper one neither'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF content IS NOT NULL THEN
		SELECT * INTO sig FROM motcua.verify_signature(content, signature) v;
		IF NOT sig.valid THEN
			RAISE EXCEPTION 'the certified copy''s signature does not verify: %', sig.reason
				USING ERRCODE = 'invalid_parameter_value', HINT = 'Sign the scan again with the unit''s certificate.';
		END IF;
	END IF;
	at := motcua_internal.event_time(at, NULL, 'the certification time (at)');
	sid := motcua_internal.subject_of(subject);
	n := motcua_internal.next_number(unit, 'certification', at, 'CT');
	IF content IS NOT NULL THEN
		doc := motcua.deposit_document(sid, document_type, 'certified_copy', dossier, content, at, true, NULL, NULL,
									   unit, signature);
	END IF;
	INSERT INTO motcua.copy_certification (unit, certification_year, certification_seq, certification_no, subject,
										   document_type, electronic, document, dossier, certified_at)
	VALUES (unit, n.year, n.seq, n.number, sid, document_type, content IS NOT NULL, doc, dossier, at);
	RETURN n.number;
END
$$;
COMMENT ON FUNCTION motcua.certify_copy(text, text, motcua.unit_id, bytea, bytea, motcua.dossier_code, timestamptz) IS
	'certify a copy from the original [chứng thực bản sao từ bản chính] at a unit: electronic (signed scan, verified, stored in the person''s warehouse, reusable) or on paper; returns its certification number';

-- Officers read their units' certifications; the auditor and the
-- administrator every unit's.
SELECT motcua_internal.protect_rows('copy_certification', $rule$unit OPERATOR(motcua.=) ANY ((SELECT motcua_internal.session_units())::motcua.unit_id[])$rule$);

REVOKE ALL ON FUNCTION motcua.certify_copy(text, text, motcua.unit_id, bytea, bytea, motcua.dossier_code, timestamptz)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.certify_copy(text, text, motcua.unit_id, bytea, bytea, motcua.dossier_code, timestamptz)
	TO motcua_officer, motcua_admin;
GRANT SELECT ON motcua.copy_certification TO motcua_officer, motcua_auditor, motcua_admin;

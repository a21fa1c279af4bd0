-- motcua.vocabulary: every list of 21_vocabulary.ddl.sql at once, with the
-- dossier states (50_dossier.ddl.sql, which is why this part comes after it).
CREATE OR REPLACE VIEW motcua.vocabulary AS
SELECT 'channel'::text AS vocabulary, code, name, name_en FROM motcua.channel
UNION ALL SELECT 'supply_method', code, name, name_en FROM motcua.supply_method
UNION ALL SELECT 'document_provenance', code, name, name_en FROM motcua.document_provenance
UNION ALL SELECT 'transfer_channel', code, name, name_en FROM motcua.transfer_channel
UNION ALL SELECT 'payment_method', code, name, name_en FROM motcua.payment_method
UNION ALL SELECT 'ticket_priority', code, name, name_en FROM motcua.ticket_priority
UNION ALL SELECT 'rating_channel', code, name, name_en FROM motcua.rating_channel
UNION ALL SELECT 'rating_scale', score::text, name, name_en FROM motcua.rating_scale
UNION ALL SELECT 'feedback_kind', code, name, name_en FROM motcua.feedback_kind
UNION ALL SELECT 'feedback_channel', code, name, name_en FROM motcua.feedback_channel
UNION ALL SELECT 'staff_position', code, name, name_en FROM motcua.staff_position
UNION ALL SELECT 'dossier_state', state, name, NULL FROM motcua.dossier_state;
COMMENT ON VIEW motcua.vocabulary IS 'every closed list of codes motcua uses, with its Vietnamese and English names (each list is a table of its own)';
COMMENT ON COLUMN motcua.vocabulary.vocabulary IS 'the list: its table in schema motcua (dossier_state for the dossier states)';
COMMENT ON COLUMN motcua.vocabulary.code IS 'the code functions take and tables store';
COMMENT ON COLUMN motcua.vocabulary.name IS 'the Vietnamese name';
COMMENT ON COLUMN motcua.vocabulary.name_en IS 'the English name (NULL for dossier states, which carry their portal name only)';
GRANT SELECT ON motcua.vocabulary, motcua.channel, motcua.supply_method, motcua.document_provenance,
	motcua.transfer_channel, motcua.payment_method, motcua.ticket_priority, motcua.rating_channel,
	motcua.rating_scale, motcua.feedback_kind, motcua.feedback_channel, motcua.staff_position
	TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;

-- require_term raises 22023 unless code is in the named list, naming the
-- codes it accepts (read from the list, so no function keeps its own).
-- The lists the functions check at every call are read directly, each
-- by its own statement: through the view, every call would start all
-- twelve of its branches (a generic plan keeps them), a twentieth of a
-- dossier's reception in make demo.
CREATE OR REPLACE FUNCTION motcua_internal.require_term(vocabulary text, code text, what text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	known boolean;
BEGIN
	IF code IS NOT NULL THEN
		CASE vocabulary
		WHEN 'channel' THEN known := EXISTS (SELECT 1 FROM motcua.channel v WHERE v.code = require_term.code);
		WHEN 'supply_method' THEN known := EXISTS (SELECT 1 FROM motcua.supply_method v WHERE v.code = require_term.code);
		WHEN 'payment_method' THEN known := EXISTS (SELECT 1 FROM motcua.payment_method v WHERE v.code = require_term.code);
		WHEN 'ticket_priority' THEN known := EXISTS (SELECT 1 FROM motcua.ticket_priority v WHERE v.code = require_term.code);
		WHEN 'transfer_channel' THEN known := EXISTS (SELECT 1 FROM motcua.transfer_channel v WHERE v.code = require_term.code);
		ELSE
			-- (each list of the view is read only when it is the one asked
			-- for: the others are cut by a one-time filter on the name)
			known := EXISTS (SELECT 1 FROM motcua.vocabulary v
							 WHERE v.vocabulary = require_term.vocabulary AND v.code = require_term.code);
		END CASE;
		IF known THEN
			RETURN;
		END IF;
	END IF;
	RAISE EXCEPTION 'invalid % "%"', what, coalesce(code, 'NULL')
		USING ERRCODE = 'invalid_parameter_value',
			HINT = format('%s is one of: %s.', upper(left(what, 1)) || substr(what, 2),
						(SELECT string_agg(v.code, ', ' ORDER BY v.code) FROM motcua.vocabulary v
						 WHERE v.vocabulary = require_term.vocabulary));
END
$$;

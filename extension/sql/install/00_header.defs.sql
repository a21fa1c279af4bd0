CREATE OR REPLACE FUNCTION motcua.is_preloaded() RETURNS boolean
	AS 'MODULE_PATHNAME', 'motcua_is_preloaded'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION motcua.is_preloaded() IS
	'true when motcua was loaded through shared_preload_libraries (needed by the background workers)';

-- require_finite refuses a time that is not a point in time (infinity,
-- -infinity): one such value would freeze a dossier for ever or stop the
-- KPI refresh.  NULL passes (callers check presence themselves).
CREATE OR REPLACE FUNCTION motcua_internal.require_finite(at timestamptz, what text) RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF at IS NOT NULL AND NOT isfinite(at) THEN
		RAISE EXCEPTION '% must be a finite time, not %', what, at
			USING ERRCODE = 'invalid_datetime_format', HINT = 'Pass a real date and time.';
	END IF;
END
$$;

-- require_amount refuses an amount of money that is negative or NaN.
CREATE OR REPLACE FUNCTION motcua_internal.require_amount(amount numeric, what text) RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF amount IS NOT NULL AND (amount = 'NaN' OR amount < 0) THEN
		RAISE EXCEPTION '% must be a number not below zero, not %', what, amount
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
END
$$;

-- require_length refuses free text longer than a sane size (characters),
-- naming the field: one runaway value must not bloat the history or the
-- reports.  NULL passes.
CREATE OR REPLACE FUNCTION motcua_internal.require_length(value text, max_chars integer, what text) RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF length(value) > max_chars THEN
		RAISE EXCEPTION '% is too long: % characters, at most % allowed', what, length(value), max_chars
			USING ERRCODE = 'string_data_right_truncation';
	END IF;
END
$$;

-- invalid_selector raises 22023 for a selector (a period kind, a rate) a
-- function does not know, so that it never returns a plausible value for
-- it.  It returns the type of its last argument so that SQL functions can
-- call it in a CASE arm and stay inlinable.
CREATE OR REPLACE FUNCTION motcua_internal.invalid_selector(what text, value text, result_type anyelement)
	RETURNS anyelement
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'unknown %: %', what, coalesce(value, 'NULL') USING ERRCODE = 'invalid_parameter_value';
END
$$;

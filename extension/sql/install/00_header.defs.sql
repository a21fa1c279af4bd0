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

-- bench_ms(query, repeats): median wall-clock milliseconds of a query, run
-- once to warm up and then repeats times.
CREATE FUNCTION bench_ms(query text, repeats int DEFAULT 5) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	times numeric[] := '{}';
BEGIN
	EXECUTE query;
	FOR i IN 1..repeats LOOP
		t0 := clock_timestamp();
		EXECUTE query;
		times := times || (extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric;
	END LOOP;
	RETURN (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x)::numeric, 1) FROM unnest(times) x);
END
$$;

-- bench_once(query): wall-clock milliseconds of one run of a query (for
-- work that changes what a second run would do: refreshes, rebuilds).
CREATE FUNCTION bench_once(query text) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz := clock_timestamp();
BEGIN
	EXECUTE query;
	RETURN round((extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric, 1);
END
$$;

-- The national-database connectors, SQL side: configuring a source and
-- its secrets, asking for a lookup, what the connector (workers/
-- connector.c) calls to take lookups and to record how each ended, and
-- the personal-data access log a citizen may be shown.

CREATE OR REPLACE FUNCTION motcua_internal.note_lookup_queued() RETURNS void
	AS 'MODULE_PATHNAME', 'motcua_note_lookup_queued'
	LANGUAGE C VOLATILE;
CREATE OR REPLACE FUNCTION motcua_internal.note_portal_queued() RETURNS void
	AS 'MODULE_PATHNAME', 'motcua_note_portal_queued'
	LANGUAGE C VOLATILE;

-- configure_source sets how a national source is reached.  settings is a
-- JSON object with any of: kind, endpoint, auth, ca_bundle,
-- connect_timeout, total_timeout, max_response_bytes, rate_per_second,
-- max_concurrency, max_attempts, breaker_threshold, breaker_open,
-- freshness, mapping, enabled; what is absent stays.  Anything wrong is
-- 22023 naming the setting.  Secrets go through set_source_secret.
CREATE OR REPLACE FUNCTION motcua.configure_source(source text, settings jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	known text[] := '{kind,endpoint,auth,ca_bundle,connect_timeout,total_timeout,max_response_bytes,rate_per_second,'
					'max_concurrency,max_attempts,breaker_threshold,breaker_open,freshness,mapping,enabled}';
	bad text;
	s motcua.national_source;
	v interval;
BEGIN
	IF settings IS NULL OR jsonb_typeof(settings) <> 'object' THEN
		RAISE EXCEPTION 'settings must be a JSON object' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT k INTO bad FROM jsonb_object_keys(settings) k WHERE k <> ALL (known) LIMIT 1;
	IF bad IS NOT NULL THEN
		RAISE EXCEPTION 'unknown source setting "%"', bad USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Settings: ' || array_to_string(known, ', ') || '; secrets go through motcua.set_source_secret.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM motcua.national_database d WHERE d.code = source) THEN
		RAISE EXCEPTION 'unknown national database "%"', source USING ERRCODE = 'invalid_parameter_value';
	END IF;
	INSERT INTO motcua.national_source (database) VALUES (source) ON CONFLICT DO NOTHING;
	SELECT * INTO s FROM motcua.national_source n WHERE n.database = source FOR UPDATE;
	BEGIN
		s.kind := coalesce(settings->>'kind', s.kind);
		IF s.kind NOT IN ('population', 'enterprise', 'social_insurance', 'land', 'civil_status', 'tax',
						  'procedure_catalogue', 'portal') THEN
			RAISE EXCEPTION 'unknown source kind "%"', s.kind USING ERRCODE = 'invalid_parameter_value',
				HINT = 'Kinds: population, enterprise, social_insurance, land, civil_status, tax, procedure_catalogue, portal.';
		END IF;
		s.endpoint := coalesce(settings->>'endpoint', s.endpoint);
		IF s.endpoint !~ '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$' THEN
			RAISE EXCEPTION 'endpoint "%" is not an http:// or https:// URL without query or credentials', s.endpoint
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		s.auth := coalesce(settings->>'auth', s.auth);
		IF s.auth NOT IN ('none', 'bearer', 'hmac', 'mtls') THEN
			RAISE EXCEPTION 'unknown auth "%"', s.auth USING ERRCODE = 'invalid_parameter_value',
				HINT = 'auth is none, bearer, hmac or mtls.';
		END IF;
		IF s.auth = 'mtls' AND s.endpoint !~ '^https://' THEN
			RAISE EXCEPTION 'auth mtls needs an https:// endpoint' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		s.ca_bundle := CASE WHEN settings ? 'ca_bundle' THEN settings->>'ca_bundle' ELSE s.ca_bundle END;
		IF s.ca_bundle IS NOT NULL AND s.ca_bundle !~ '^/' THEN
			RAISE EXCEPTION 'ca_bundle must be an absolute path on the database server' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		FOREACH bad IN ARRAY ARRAY['connect_timeout', 'total_timeout', 'breaker_open', 'freshness'] LOOP
			IF settings ? bad THEN
				v := (settings->>bad)::interval;
				IF v <= interval '0' THEN
					RAISE EXCEPTION '% must be positive, not %', bad, v USING ERRCODE = 'invalid_parameter_value';
				END IF;
			END IF;
		END LOOP;
		s.connect_timeout := coalesce((settings->>'connect_timeout')::interval, s.connect_timeout);
		s.total_timeout := coalesce((settings->>'total_timeout')::interval, s.total_timeout);
		IF s.total_timeout < s.connect_timeout OR s.total_timeout > interval '10 minutes' THEN
			RAISE EXCEPTION 'total_timeout % must be at least connect_timeout % and at most 10 minutes',
				s.total_timeout, s.connect_timeout USING ERRCODE = 'invalid_parameter_value';
		END IF;
		s.breaker_open := coalesce((settings->>'breaker_open')::interval, s.breaker_open);
		IF s.breaker_open < interval '100 milliseconds' THEN
			RAISE EXCEPTION 'breaker_open must be at least 100 ms' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		s.freshness := coalesce((settings->>'freshness')::interval, s.freshness);
		s.max_response_bytes := coalesce((settings->>'max_response_bytes')::integer, s.max_response_bytes);
		IF s.max_response_bytes NOT BETWEEN 1024 AND 67108864 THEN
			RAISE EXCEPTION 'max_response_bytes must be between 1 KiB and 64 MiB' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		s.rate_per_second := coalesce((settings->>'rate_per_second')::real, s.rate_per_second);
		IF s.rate_per_second < 0 OR s.rate_per_second = 'NaN' OR s.rate_per_second = 'Infinity' THEN
			RAISE EXCEPTION 'rate_per_second must be 0 (no limit) or positive' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		s.max_concurrency := coalesce((settings->>'max_concurrency')::integer, s.max_concurrency);
		IF s.max_concurrency NOT BETWEEN 1 AND 1000 THEN
			RAISE EXCEPTION 'max_concurrency must be between 1 and 1000' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		s.max_attempts := coalesce((settings->>'max_attempts')::integer, s.max_attempts);
		IF s.max_attempts NOT BETWEEN 1 AND 20 THEN
			RAISE EXCEPTION 'max_attempts must be between 1 and 20' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		s.breaker_threshold := coalesce((settings->>'breaker_threshold')::integer, s.breaker_threshold);
		IF s.breaker_threshold < 1 THEN
			RAISE EXCEPTION 'breaker_threshold must be at least 1' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		IF settings ? 'mapping' THEN
			IF jsonb_typeof(settings->'mapping') <> 'object' THEN
				RAISE EXCEPTION 'mapping must be an object of field: jsonpath' USING ERRCODE = 'invalid_parameter_value';
			END IF;
			SELECT m.key INTO bad FROM jsonb_each(settings->'mapping') m
			WHERE jsonb_typeof(m.value) <> 'string' OR m.key !~ '^[a-z][a-z0-9_]{0,62}$' LIMIT 1;
			IF bad IS NOT NULL THEN
				RAISE EXCEPTION 'mapping field "%" must be a lower-case name with a jsonpath string', bad
					USING ERRCODE = 'invalid_parameter_value';
			END IF;
			-- (each path must parse)
			PERFORM m.value::text::jsonpath FROM jsonb_each_text(settings->'mapping') m;
			s.mapping := settings->'mapping';
		END IF;
		s.enabled := coalesce((settings->>'enabled')::boolean, s.enabled);
		IF s.enabled AND (s.kind IS NULL OR s.endpoint IS NULL) THEN
			RAISE EXCEPTION 'source % needs a kind and an endpoint before it is enabled', source
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
	EXCEPTION
		WHEN invalid_datetime_format OR invalid_text_representation OR datetime_field_overflow
			 OR numeric_value_out_of_range OR interval_field_overflow OR syntax_error THEN
			RAISE EXCEPTION 'source setting value not understood: %', SQLERRM USING ERRCODE = 'invalid_parameter_value';
	END;
	UPDATE motcua.national_source n SET
		kind = s.kind, endpoint = s.endpoint, auth = s.auth, ca_bundle = s.ca_bundle,
		connect_timeout = s.connect_timeout, total_timeout = s.total_timeout, max_response_bytes = s.max_response_bytes,
		rate_per_second = s.rate_per_second, max_concurrency = s.max_concurrency, max_attempts = s.max_attempts,
		breaker_threshold = s.breaker_threshold, breaker_open = s.breaker_open, freshness = s.freshness,
		mapping = s.mapping, enabled = s.enabled
	WHERE n.database = source;
END
$$;
COMMENT ON FUNCTION motcua.configure_source(text, jsonb) IS
	'set how a national source is reached (kind, endpoint, auth, timeouts, limits, circuit breaker, mapping, enabled); 22023 naming a bad setting';

-- set_source_secret stores one credential of a source: bearer_token,
-- hmac_secret, client_cert or client_key (the last two: paths of PEM
-- files on the database server).  The value is never echoed.
CREATE OR REPLACE FUNCTION motcua.set_source_secret(source text, name text, value text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM motcua.national_source n WHERE n.database = source) THEN
		RAISE EXCEPTION 'source % is not configured', source USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Configure it first with motcua.configure_source.';
	END IF;
	IF name NOT IN ('bearer_token', 'hmac_secret', 'client_cert', 'client_key') THEN
		RAISE EXCEPTION 'unknown secret "%"', name USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Secrets: bearer_token, hmac_secret, client_cert, client_key.';
	END IF;
	IF value IS NULL OR value = '' OR length(value) > 4096 OR value ~ '[\r\n]' THEN
		RAISE EXCEPTION 'the % of source % must be one line of at most 4096 characters', name, source
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF name IN ('client_cert', 'client_key') AND value !~ '^/' THEN
		RAISE EXCEPTION 'the % of source % must be an absolute path on the database server', name, source
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	INSERT INTO motcua_internal.national_source_secret AS x (database) VALUES (source) ON CONFLICT DO NOTHING;
	UPDATE motcua_internal.national_source_secret x SET
		bearer_token = CASE WHEN name = 'bearer_token' THEN value ELSE x.bearer_token END,
		hmac_secret = CASE WHEN name = 'hmac_secret' THEN value ELSE x.hmac_secret END,
		client_cert = CASE WHEN name = 'client_cert' THEN value ELSE x.client_cert END,
		client_key = CASE WHEN name = 'client_key' THEN value ELSE x.client_key END,
		updated_at = now()
	WHERE x.database = source;
END
$$;
COMMENT ON FUNCTION motcua.set_source_secret(text, text, text) IS
	'store a credential of a national source (bearer_token, hmac_secret, client_cert, client_key); readable by motcua_admin only';
-- a new credential reaches the connector's next claim, as a change of the
-- source's settings does (workers/connector.c ends a run whose sources
-- went stale)
CREATE OR REPLACE TRIGGER cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motcua_internal.national_source_secret
	FOR EACH STATEMENT EXECUTE FUNCTION motcua_internal.cache_changed();

-- queue_lookup queues a lookup of a subject's record for the connector,
-- or finds the one already pending for the same source, subject and
-- document type, and returns its id; the connector is woken when a new
-- one commits.  Every lookup is queued here: request_lookup, reuse_check
-- (reuse.c) and each reception (receive).
CREATE OR REPLACE FUNCTION motcua_internal.queue_lookup(src text, sid bigint, doc_type text, lookup_key text,
														 for_dossier motcua.dossier_code, why text)
	RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	rid bigint;
BEGIN
	INSERT INTO motcua.lookup_request AS l (source, subject, document_type, reason, key, dossier)
	VALUES (src, sid, doc_type, why, lookup_key, for_dossier)
	ON CONFLICT (source, subject, document_type) WHERE status IN ('pending', 'running') DO NOTHING
	RETURNING l.id INTO rid;
	IF rid IS NULL THEN
		SELECT l.id INTO rid FROM motcua.lookup_request l
		WHERE l.source = src AND l.subject = sid AND l.document_type = doc_type AND l.status IN ('pending', 'running');
	ELSE
		PERFORM motcua_internal.note_lookup_queued();
	END IF;
	RETURN rid;
END
$$;
REVOKE ALL ON FUNCTION motcua_internal.queue_lookup(text, bigint, text, text, motcua.dossier_code, text) FROM PUBLIC;

-- request_lookup asks the connector to fetch a subject's record from a
-- source, for a dossier and a purpose, and returns the request's id (the
-- one already pending for the same source, subject and document type, if
-- any).  The connector is woken when this commits.
CREATE OR REPLACE FUNCTION motcua.request_lookup(source text, key text, dossier motcua.dossier_code DEFAULT NULL,
									   purpose text DEFAULT 'dossier processing')
	RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	doc_type text;
	sid bigint;
	d_unit motcua.unit_id;
BEGIN
	PERFORM motcua_internal.require_length(request_lookup.purpose, 500, 'purpose');
	IF request_lookup.key IS NULL OR request_lookup.key !~ '^[0-9A-Za-z-]{1,40}$' THEN
		RAISE EXCEPTION 'lookup key % is not an identifier', coalesce(request_lookup.key, 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT min(t.code) INTO doc_type FROM motcua.document_type t WHERE t.national_database = request_lookup.source;
	IF doc_type IS NULL THEN
		RAISE EXCEPTION 'national database "%" supplies no document type', request_lookup.source
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF request_lookup.dossier IS NOT NULL THEN
		SELECT d.current_unit INTO d_unit FROM motcua.dossier d WHERE d.code OPERATOR(motcua.=) request_lookup.dossier;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'dossier % does not exist', request_lookup.dossier USING ERRCODE = 'undefined_object';
		END IF;
		PERFORM motcua_internal.require_unit_access(ARRAY[d_unit], 'look up data for dossier ' || request_lookup.dossier);
	END IF;
	sid := motcua_internal.subject_of(request_lookup.key);
	RETURN motcua_internal.queue_lookup(request_lookup.source, sid, doc_type, request_lookup.key,
										request_lookup.dossier, request_lookup.purpose);
END
$$;
COMMENT ON FUNCTION motcua.request_lookup(text, text, motcua.dossier_code, text) IS
	'ask the connector to fetch a subject''s record from a national source (for a dossier and a purpose); returns the request''s id';

-- The sources as the connector sees them, secrets included: only for
-- the connector's job owner (motcua_admin) and superusers.
CREATE OR REPLACE FUNCTION motcua_internal.connector_sources()
	RETURNS TABLE (source text, kind text, endpoint text, auth text, ca_bundle text,
				   connect_timeout_ms integer, total_timeout_ms integer, max_response_bytes integer,
				   rate_per_second real, max_concurrency integer, max_attempts integer,
				   breaker_threshold integer, breaker_open_ms integer,
				   bearer_token text, hmac_secret text, client_cert text, client_key text,
				   breaker text, breaker_failures integer, breaker_opened_ms bigint, breaker_opens bigint,
				   feed_cursor text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT n.database, n.kind, n.endpoint, n.auth, n.ca_bundle,
		   (extract(epoch FROM n.connect_timeout) * 1000)::integer, (extract(epoch FROM n.total_timeout) * 1000)::integer,
		   n.max_response_bytes, n.rate_per_second, n.max_concurrency, n.max_attempts,
		   n.breaker_threshold, (extract(epoch FROM n.breaker_open) * 1000)::integer,
		   x.bearer_token, x.hmac_secret, x.client_cert, x.client_key,
		   coalesce(h.breaker, 'closed'), coalesce(h.failures, 0),
		   (extract(epoch FROM h.opened_at - timestamptz '2000-01-01 00:00:00+00') * 1000)::bigint, coalesce(h.opens, 0),
		   coalesce(f.cursor, '0')
	FROM motcua.national_source n LEFT JOIN motcua_internal.national_source_secret x ON x.database = n.database
	LEFT JOIN motcua.source_health h ON h.source = n.database
	LEFT JOIN motcua.source_feed f ON f.source = n.database
	WHERE n.enabled AND n.endpoint IS NOT NULL
	ORDER BY n.database
$$;

-- connector_claim takes up to max_new lookups of the given sources (those
-- the run has loaded) for the run: pending ones, and running ones whose
-- run has ended without finishing them (a crash).  (Like the portal's
-- claim, it runs every second under load, without parallel workers: with
-- a backlog the planner chose a parallel scan, and starting two processes
-- for every claim cost more than the claim.)
CREATE OR REPLACE FUNCTION motcua_internal.connector_claim(run bigint, max_new integer, sources text[])
	RETURNS TABLE (id bigint, source text, key text)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET max_parallel_workers_per_gather = 0 AS $$
	WITH c AS (
		SELECT l.id FROM motcua.lookup_request l
		JOIN motcua.national_source n ON n.database = l.source AND n.enabled AND n.endpoint IS NOT NULL
			 AND n.kind NOT IN ('portal', 'procedure_catalogue')
		WHERE l.status IN ('pending', 'running') AND l.source = ANY (sources)
		  AND (l.status = 'pending' OR l.run IS DISTINCT FROM connector_claim.run
			   AND NOT EXISTS (SELECT 1 FROM motcua_internal.job_run r WHERE r.id = l.run AND r.status IN ('started', 'running')))
		ORDER BY l.id
		LIMIT max_new
		FOR UPDATE OF l SKIP LOCKED)
	UPDATE motcua.lookup_request l SET status = 'running', run = connector_claim.run
	FROM c WHERE l.id = c.id
	RETURNING l.id, l.source,
		coalesce(l.key, (SELECT coalesce(s.personal_id::text, s.tax_code::text) FROM motcua.subject s WHERE s.id = l.subject))
$$;

-- connector_finish records how lookups ended, each once: a success
-- stores the record (through the source's mapping) and closes the
-- lookup; a failure closes it with its reason.  Only lookups this run
-- holds are touched; each gets its line in data_access.  Returns how
-- many it closed.
CREATE OR REPLACE FUNCTION motcua_internal.connector_finish(run bigint, ids bigint[], outcomes text[],
													  http_statuses integer[], attempts integer[], bodies text[])
	RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n bigint;
BEGIN
	WITH f AS (
		SELECT u.id, u.outcome, u.http, u.attempts, u.body
		FROM unnest(ids, outcomes, http_statuses, attempts, bodies) u(id, outcome, http, attempts, body)),
	mine AS (
		SELECT l.*, f.outcome, f.http, f.attempts AS tries,
			   CASE WHEN f.outcome = 'ok' THEN
					CASE WHEN n.mapping = '{}' THEN coalesce(f.body::jsonb->'record', f.body::jsonb)
						 ELSE (SELECT jsonb_object_agg(m.key, jsonb_path_query_first(f.body::jsonb, m.value::jsonpath))
							   FROM jsonb_each_text(n.mapping) m) END END AS rec
		FROM f JOIN motcua.lookup_request l ON l.id = f.id
		JOIN motcua.national_source n ON n.database = l.source
		WHERE l.status = 'running' AND l.run = connector_finish.run
		FOR UPDATE OF l),
	stored AS (
		INSERT INTO motcua.national_record AS r (source, subject, document_type, record, fetched_at)
		SELECT m.source, m.subject, m.document_type, m.rec, now() FROM mine m WHERE m.outcome = 'ok'
		ON CONFLICT ON CONSTRAINT national_record_subject_document_type_source_key DO UPDATE
			SET record = EXCLUDED.record, fetched_at = EXCLUDED.fetched_at, revoked_at = NULL, revoked_reason = NULL
		RETURNING r.id, r.source, r.subject, r.document_type),
	closed AS (
		UPDATE motcua.lookup_request l
		SET status = CASE WHEN m.outcome = 'ok' THEN 'succeeded' ELSE 'failed' END,
			failure = CASE WHEN m.outcome = 'ok' THEN NULL ELSE m.outcome END,
			finished_at = clock_timestamp(), http_status = m.http, attempts = l.attempts + m.tries,
			record = s.id
		FROM mine m LEFT JOIN stored s ON s.source = m.source AND s.subject = m.subject AND s.document_type = m.document_type
		WHERE l.id = m.id
		RETURNING l.*)
	INSERT INTO motcua.data_access (subject, source, document_type, requested_by, unit, dossier, purpose,
									requested_at, answered_at, outcome, lookup)
	SELECT c.subject, c.source, c.document_type, c.requested_by,
		   (SELECT d.current_unit FROM motcua.dossier d WHERE d.code OPERATOR(motcua.=) c.dossier), c.dossier, c.reason,
		   c.requested_at, c.finished_at, coalesce(c.failure, 'succeeded'), c.id
	FROM closed c;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

-- connector_health keeps each source's breaker and last answers for the
-- next run and for monitoring (opened_ms: milliseconds since 2000-01-01,
-- PostgreSQL's epoch, as the connector counts them).  A run sends only the
-- sources it asked, with the openings and requests since its last save:
-- runs of other jobs asking other sources at the same time keep theirs.
CREATE OR REPLACE FUNCTION motcua_internal.connector_health(sources text[], breakers text[], failures integer[],
													  opened_ms bigint[], opens bigint[], requests bigint[],
													  last_failures text[], last_success_ms bigint[],
													  last_failure_ms bigint[])
	RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO motcua.source_health AS h (source, breaker, failures, opened_at, opens, requests, last_failure,
										   last_success_at, last_failure_at, updated_at)
	SELECT u.source, u.breaker, u.failures,
		   timestamptz '2000-01-01 00:00:00+00' + u.opened_ms * interval '1 millisecond', u.opens, u.requests, u.last_failure,
		   timestamptz '2000-01-01 00:00:00+00' + u.success_ms * interval '1 millisecond',
		   timestamptz '2000-01-01 00:00:00+00' + u.failure_ms * interval '1 millisecond', now()
	FROM unnest(sources, breakers, failures, opened_ms, opens, requests, last_failures, last_success_ms, last_failure_ms)
		 u(source, breaker, failures, opened_ms, opens, requests, last_failure, success_ms, failure_ms)
	WHERE EXISTS (SELECT 1 FROM motcua.national_source n WHERE n.database = u.source)
	ON CONFLICT (source) DO UPDATE SET
		breaker = EXCLUDED.breaker, failures = EXCLUDED.failures, opened_at = EXCLUDED.opened_at, opens = h.opens + EXCLUDED.opens,
		requests = h.requests + EXCLUDED.requests,
		last_failure = coalesce(EXCLUDED.last_failure, h.last_failure),
		last_success_at = coalesce(EXCLUDED.last_success_at, h.last_success_at),
		last_failure_at = coalesce(EXCLUDED.last_failure_at, h.last_failure_at), updated_at = now()
$$;

-- connector_apply_changes applies one page of a source's change feed
-- ({"cursor": ..., "changes": [{"key", "change", "at", "record"}]}) and
-- moves the source's cursor, in the caller's one transaction.  A subject
-- this database never saw is skipped.  dissolved or revoked: the cached
-- record and the warehouse documents it backs are revoked; moved or
-- updated: the record is replaced and those documents expire at the
-- change (the next reuse_check asks again).
CREATE OR REPLACE FUNCTION motcua_internal.connector_apply_changes(source text, page text)
	RETURNS TABLE (changes integer, next_cursor text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	body jsonb := page::jsonb;
	c jsonb;
	sid bigint;
	at timestamptz;
	what text;
	n integer := 0;
BEGIN
	next_cursor := coalesce(body->>'cursor', '0');
	IF next_cursor !~ '^[0-9A-Za-z._-]{1,100}$' OR jsonb_typeof(body->'changes') IS DISTINCT FROM 'array' THEN
		RAISE EXCEPTION 'change feed page of % is not understood', connector_apply_changes.source
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	FOR c IN SELECT e FROM jsonb_array_elements(body->'changes') e LOOP
		n := n + 1;
		what := c->>'change';
		BEGIN
			sid := motcua_internal.subject_id(c->>'key');
			at := least(coalesce((c->>'at')::timestamptz, now()), now());
		EXCEPTION WHEN invalid_text_representation OR invalid_datetime_format OR datetime_field_overflow
						OR invalid_parameter_value THEN
			sid := NULL;
		END;
		CONTINUE WHEN sid IS NULL OR what IS NULL;
		IF what IN ('dissolved', 'revoked') THEN
			UPDATE motcua.national_record r
			SET record = coalesce(c->'record', r.record), revoked_at = at, revoked_reason = what || ' (change feed)'
			WHERE r.source = connector_apply_changes.source AND r.subject = sid AND r.revoked_at IS NULL;
			UPDATE motcua.document d SET revoked_at = at, revoked_reason = what || ' (change feed of ' || d.national_source || ')'
			WHERE d.subject = sid AND d.national_source = connector_apply_changes.source AND d.revoked_at IS NULL;
		ELSE
			UPDATE motcua.national_record r SET record = coalesce(c->'record', r.record), fetched_at = at
			WHERE r.source = connector_apply_changes.source AND r.subject = sid;
			UPDATE motcua.document d SET valid_until = at
			WHERE d.subject = sid AND d.national_source = connector_apply_changes.source AND d.revoked_at IS NULL
			  AND d.issued_at < at AND (d.valid_until IS NULL OR d.valid_until > at);
		END IF;
	END LOOP;
	INSERT INTO motcua.source_feed AS f (source, cursor, polled_at, changes)
	VALUES (connector_apply_changes.source, next_cursor, now(), n)
	ON CONFLICT (source) DO UPDATE SET cursor = EXCLUDED.cursor, polled_at = now(), changes = f.changes + n;
	changes := n;
	RETURN NEXT;
END
$$;

CREATE OR REPLACE FUNCTION motcua_internal.portal_sync_on() RETURNS boolean
	AS 'MODULE_PATHNAME', 'motcua_portal_sync_on'
	LANGUAGE C STABLE;
COMMENT ON FUNCTION motcua_internal.portal_sync_on() IS
	'whether an enabled portal source exists (cached per session, dropped when motcua.national_source changes)';

-- queue_portal_event: the outbox row of the events a transaction added
-- to a dossier, while a portal source is enabled (the trigger's WHEN
-- clause asks the cached flag, so without a portal an event costs nothing
-- more), with the record to send as the transaction leaves the dossier
-- (the trigger waits for the commit: a reception's components come after
-- its event); portal_sync is woken at commit.  The first of the
-- transaction's events to fire builds the record once and queues one row
-- for it and the events after it (the dossier is locked until the commit,
-- so those are this transaction's), and the others find themselves
-- covered.  (Under SET CONSTRAINTS ... IMMEDIATE the events added after
-- the firing are not covered yet, and get a row of their own.)
CREATE OR REPLACE FUNCTION motcua_internal.queue_portal_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	last integer;
BEGIN
	IF EXISTS (SELECT 1 FROM motcua.portal_outbox o WHERE o.dossier OPERATOR(motcua.=) NEW.dossier AND o.last_seq >= NEW.seq) THEN
		RETURN NULL;
	END IF;
	SELECT max(e.seq) INTO last FROM motcua.dossier_event e
	WHERE e.dossier OPERATOR(motcua.=) NEW.dossier AND e.seq >= NEW.seq;
	INSERT INTO motcua.portal_outbox (dossier, seq, last_seq, method, payload)
	VALUES (NEW.dossier, NEW.seq, last, CASE WHEN NEW.seq = 1 THEN 'DongBoHoSoMC' ELSE 'CapNhatTienDoHoSoMC' END,
			motcua.portal_record(NEW.dossier) || jsonb_build_object('first_seq', NEW.seq, 'seq', last))
	ON CONFLICT (dossier, seq) DO NOTHING;
	PERFORM motcua_internal.note_portal_queued();
	RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS queue_portal_event ON motcua.dossier_event;
CREATE CONSTRAINT TRIGGER queue_portal_event AFTER INSERT ON motcua.dossier_event
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW WHEN (motcua_internal.portal_sync_on()) EXECUTE FUNCTION motcua_internal.queue_portal_event();

-- a reception the portal took counts in the KPIs (synced_to_portal)
CREATE OR REPLACE TRIGGER kpi_dirty AFTER UPDATE OF status ON motcua.portal_outbox
	FOR EACH ROW WHEN (NEW.seq = 1 AND NEW.status = 'delivered' AND OLD.status <> 'delivered')
	EXECUTE FUNCTION motcua_internal.mark_kpi_dirty();

-- connector_portal_claim: the next row of each dossier whose earlier
-- rows are delivered, due now, with the record to send, the attempts so
-- far and the last event it covers; at most max_new.  No parallel
-- workers (see connector_claim).
CREATE OR REPLACE FUNCTION motcua_internal.connector_portal_claim(max_new integer)
	RETURNS TABLE (id bigint, method text, payload text, attempts integer, last_seq integer)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET max_parallel_workers_per_gather = 0 AS $$
	SELECT o.id, o.method, o.payload::text, o.attempts, o.last_seq
	FROM motcua.portal_outbox o
	WHERE o.status = 'pending' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= now())
	  AND NOT EXISTS (SELECT 1 FROM motcua.portal_outbox b
					  WHERE b.dossier OPERATOR(motcua.=) o.dossier AND b.seq < o.seq AND b.status <> 'delivered')
	ORDER BY o.id
	LIMIT max_new
$$;

-- connector_portal_done records deliveries: delivered, retry (attempts
-- counted, the next attempt after delay_ms) or failed (a refusal: the
-- dossier's later rows wait until an administrator requeues it).
CREATE OR REPLACE FUNCTION motcua_internal.connector_portal_done(ids bigint[], outcomes text[], errors text[], delays_ms bigint[])
	RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	UPDATE motcua.portal_outbox o SET
		status = CASE u.outcome WHEN 'delivered' THEN 'delivered' WHEN 'failed' THEN 'failed' ELSE 'pending' END,
		attempts = o.attempts + 1,
		delivered_at = CASE WHEN u.outcome = 'delivered' THEN clock_timestamp() END,
		next_attempt_at = CASE WHEN u.outcome = 'retry' THEN clock_timestamp() + u.delay_ms * interval '1 millisecond' END,
		last_error = nullif(u.error, '')
	FROM unnest(ids, outcomes, errors, delays_ms) u(id, outcome, error, delay_ms)
	WHERE o.id = u.id AND o.status = 'pending'
$$;

-- requeue_portal sends a dossier's refused portal events again (once
-- the cause is fixed); it returns how many.
CREATE OR REPLACE FUNCTION motcua.requeue_portal(dossier motcua.dossier_code) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n bigint;
BEGIN
	UPDATE motcua.portal_outbox o SET status = 'pending', attempts = 0, next_attempt_at = NULL, last_error = NULL
	WHERE o.dossier OPERATOR(motcua.=) requeue_portal.dossier AND o.status = 'failed';
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n > 0 THEN
		PERFORM motcua_internal.note_portal_queued();
	END IF;
	RETURN n;
END
$$;
COMMENT ON FUNCTION motcua.requeue_portal(motcua.dossier_code) IS
	'send a dossier''s refused national-portal events again, once the cause is fixed; returns how many';

-- data_access_log: who looked up a subject's data, for which dossier and
-- why (what an officer shows a citizen who asks).  The subject is a
-- personal identification number or a tax code.
CREATE OR REPLACE FUNCTION motcua.data_access_log(subject text)
	RETURNS TABLE (requested_at timestamptz, source text, source_name text, document_type text, unit text,
				   unit_name text, dossier text, purpose text, requested_by name, outcome text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT a.requested_at, a.source, db.name, a.document_type, a.unit::text, u.name, a.dossier::text, a.purpose,
		   a.requested_by, a.outcome
	FROM motcua.data_access a
	JOIN motcua.national_database db ON db.code = a.source
	LEFT JOIN motcua.unit u ON u.id OPERATOR(motcua.=) a.unit
	WHERE a.subject = motcua_internal.subject_id(data_access_log.subject)
	ORDER BY a.requested_at, a.id
$$;
COMMENT ON FUNCTION motcua.data_access_log(text) IS
	'every national-database look-up of a person''s or organization''s data: when, which source, which unit, dossier and purpose, and the outcome (Decree 13/2023)';

REVOKE ALL ON FUNCTION motcua.configure_source(text, jsonb), motcua.set_source_secret(text, text, text),
	motcua.requeue_portal(motcua.dossier_code), motcua_internal.queue_portal_event(),
	motcua.request_lookup(text, text, motcua.dossier_code, text), motcua.data_access_log(text),
	motcua_internal.note_lookup_queued(), motcua_internal.note_portal_queued(), motcua_internal.connector_sources(),
	motcua_internal.connector_claim(bigint, integer, text[]),
	motcua_internal.connector_finish(bigint, bigint[], text[], integer[], integer[], text[]),
	motcua_internal.connector_health(text[], text[], integer[], bigint[], bigint[], bigint[], text[], bigint[], bigint[]),
	motcua_internal.connector_apply_changes(text, text),
	motcua_internal.connector_portal_claim(integer), motcua_internal.connector_portal_done(bigint[], text[], text[], bigint[])
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.configure_source(text, jsonb), motcua.set_source_secret(text, text, text),
	motcua.requeue_portal(motcua.dossier_code), motcua_internal.connector_sources(), motcua_internal.connector_claim(bigint, integer, text[]),
	motcua_internal.connector_finish(bigint, bigint[], text[], integer[], integer[], text[]),
	motcua_internal.connector_health(text[], text[], integer[], bigint[], bigint[], bigint[], text[], bigint[], bigint[]),
	motcua_internal.connector_apply_changes(text, text),
	motcua_internal.connector_portal_claim(integer), motcua_internal.connector_portal_done(bigint[], text[], text[], bigint[])
	TO motcua_admin;
GRANT EXECUTE ON FUNCTION motcua.request_lookup(text, text, motcua.dossier_code, text), motcua.data_access_log(text),
	motcua_internal.note_lookup_queued()
	TO motcua_admin, motcua_officer;
GRANT SELECT ON motcua.data_access TO motcua_admin, motcua_auditor;
GRANT SELECT ON motcua.source_health, motcua.source_feed, motcua.portal_outbox TO motcua_admin, motcua_auditor;
REVOKE ALL ON motcua_internal.national_source_secret FROM PUBLIC;

-- The national-database connectors (0.2): how each source is reached, its
-- secrets, the lookup queue's end states and the personal-data access log
-- (Decree 13/2023: who looked up whose data, for which dossier and why).

-- How a source is reached.  kind says which protocol the connector
-- speaks; the secrets live apart (national_source_secret), readable by
-- motcua_admin only.  A source enabled without a kind and an endpoint
-- (before 0.2 the flag only told reuse_check to queue lookups) keeps its
-- lookups queued until it is configured.
ALTER TABLE motcua.national_source
	ADD COLUMN kind text CHECK (kind IN ('population', 'enterprise', 'social_insurance', 'land', 'civil_status',
										 'tax', 'procedure_catalogue', 'portal')),
	ADD COLUMN auth text NOT NULL DEFAULT 'none' CHECK (auth IN ('none', 'bearer', 'hmac', 'mtls')),
	ADD COLUMN ca_bundle text,
	ADD COLUMN connect_timeout interval NOT NULL DEFAULT '5 seconds',
	ADD COLUMN total_timeout interval NOT NULL DEFAULT '30 seconds',
	ADD COLUMN max_response_bytes integer NOT NULL DEFAULT 1048576,
	ADD COLUMN rate_per_second real NOT NULL DEFAULT 0,
	ADD COLUMN max_concurrency integer NOT NULL DEFAULT 16,
	ADD COLUMN max_attempts integer NOT NULL DEFAULT 5,
	ADD COLUMN breaker_threshold integer NOT NULL DEFAULT 5,
	ADD COLUMN breaker_open interval NOT NULL DEFAULT '30 seconds',
	ADD COLUMN mapping jsonb NOT NULL DEFAULT '{}',
	ADD CONSTRAINT national_source_endpoint_check
		CHECK (endpoint IS NULL OR endpoint ~ '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$'),
	ADD CONSTRAINT national_source_timeouts_check
		CHECK (connect_timeout > interval '0' AND total_timeout >= connect_timeout AND total_timeout <= interval '10 minutes'),
	ADD CONSTRAINT national_source_limits_check
		CHECK (max_response_bytes BETWEEN 1024 AND 67108864 AND rate_per_second >= 0 AND max_concurrency BETWEEN 1 AND 1000
			   AND max_attempts BETWEEN 1 AND 20 AND breaker_threshold >= 1 AND breaker_open >= interval '100 milliseconds'),
	ADD CONSTRAINT national_source_mapping_check CHECK (jsonb_typeof(mapping) = 'object');
COMMENT ON COLUMN motcua.national_source.mapping IS
	'the cached record''s fields: {"field": "jsonpath into the response"}; empty = the response''s "record" object as it is';

CREATE TABLE motcua_internal.national_source_secret (
	database	text PRIMARY KEY REFERENCES motcua.national_source ON DELETE CASCADE ON UPDATE CASCADE,
	bearer_token text,
	hmac_secret text,
	client_cert text,
	client_key	text,
	updated_at	timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE motcua_internal.national_source_secret IS
	'the credentials of each national source: only motcua_admin reads them, and they appear in no log, view or error';
SELECT pg_catalog.pg_extension_config_dump('motcua_internal.national_source_secret', '');

-- Each source's health as the connector last saw it: its circuit
-- breaker (kept from one run to the next) and its last answers.
CREATE TABLE motcua.source_health (
	source		text PRIMARY KEY REFERENCES motcua.national_source ON DELETE CASCADE ON UPDATE CASCADE,
	breaker		text NOT NULL DEFAULT 'closed' CHECK (breaker IN ('closed', 'open', 'half_open')),
	failures	integer NOT NULL DEFAULT 0,
	opened_at	timestamptz,
	opens		bigint NOT NULL DEFAULT 0,
	requests	bigint NOT NULL DEFAULT 0,
	last_success_at timestamptz,
	last_failure_at timestamptz,
	last_failure text,
	updated_at	timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE motcua.source_health IS
	'each national source''s circuit breaker (closed, open, half_open; failures in a row; how often it opened) and its last success and failure, as the connector last saw them';

-- Where each source's change feed was left: the cursor moves in the
-- transaction that applies the page it ends, so a page is applied once.
CREATE TABLE motcua.source_feed (
	source		text PRIMARY KEY REFERENCES motcua.national_source ON DELETE CASCADE ON UPDATE CASCADE,
	cursor		text NOT NULL DEFAULT '0' CHECK (cursor ~ '^[0-9A-Za-z._-]{1,100}$'),
	polled_at	timestamptz,
	changes		bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE motcua.source_feed IS
	'each national source''s change feed: the cursor it was left at, when it was last read and how many changes it brought';
SELECT pg_catalog.pg_extension_config_dump('motcua.source_feed', '');

-- The national public service portal, a source like the databases.
INSERT INTO motcua.national_database (code, name, name_en, shipped) VALUES
	('portal', 'Cổng Dịch vụ công quốc gia', 'National public service portal', true);


-- Decision 766's portal indicators are measured from the portal outbox
-- (while no portal source is configured they say so).
UPDATE motcua.index_766_indicator SET unavailable_reason = NULL WHERE code IN ('synced_to_portal', 'online_dossiers');

-- The queue's end states: succeeded (the record is stored) or failed
-- with its reason, each exactly once.  run is the job run that holds a
-- running lookup (a crashed run's lookups are taken again).
ALTER TABLE motcua.lookup_request
	DROP CONSTRAINT lookup_request_status_check,
	ADD COLUMN key text CHECK (key ~ '^[0-9A-Za-z-]{1,40}$'),
	ADD COLUMN dossier motcua.dossier_code,
	ADD COLUMN requested_by name NOT NULL DEFAULT session_user,
	ADD COLUMN attempts integer NOT NULL DEFAULT 0,
	ADD COLUMN failure text,
	ADD COLUMN http_status integer,
	ADD COLUMN run bigint,
	ADD COLUMN record bigint;
UPDATE motcua.lookup_request SET status = 'succeeded' WHERE status = 'done';
ALTER TABLE motcua.lookup_request
	ADD CONSTRAINT lookup_request_status_check CHECK (status IN ('pending', 'running', 'succeeded', 'failed')),
	ADD CONSTRAINT lookup_request_failure_check CHECK ((status = 'failed') = (failure IS NOT NULL)),
	ADD CONSTRAINT lookup_request_finished_check CHECK ((status IN ('succeeded', 'failed')) = (finished_at IS NOT NULL));
CREATE INDEX lookup_request_queue_idx ON motcua.lookup_request (id) WHERE status IN ('pending', 'running');

-- Every look-up of a person's or an organization's data, kept for the
-- subject to see (data_access_log): which unit's officer asked, for which
-- dossier and why, and what came of it.
CREATE TABLE motcua.data_access (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	subject		bigint NOT NULL REFERENCES motcua.subject,
	source		text NOT NULL REFERENCES motcua.national_database ON UPDATE CASCADE,
	document_type text NOT NULL,
	requested_by name NOT NULL,
	unit		motcua.unit_id,
	dossier		motcua.dossier_code,
	purpose		text NOT NULL,
	requested_at timestamptz NOT NULL,
	answered_at timestamptz NOT NULL,
	outcome		text NOT NULL,
	lookup		bigint NOT NULL UNIQUE
);
CREATE INDEX data_access_subject_idx ON motcua.data_access (subject, requested_at);
COMMENT ON TABLE motcua.data_access IS
	'every national-database look-up of a subject''s data, one row per lookup (Decree 13/2023): who, for which dossier, why, and the outcome';
SELECT pg_catalog.pg_extension_config_dump('motcua.data_access', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.data_access_id_seq', '');

-- the connector's job kind: no SQL handler, its C entry runs outside any
-- transaction and stores results in short ones
INSERT INTO motcua.job_kind (kind, entry, config_keys, description) VALUES
	('national_lookup', 'motcua_connector_lookups', '{batch}',
	 'answer the queued national-database lookups over HTTP (libcurl), each ending once: succeeded with the record stored, or failed with its reason');
INSERT INTO motcua_internal.job (name, kind, schedule, next_run_at, is_default, max_runtime)
VALUES ('national_lookup', 'national_lookup', '* * * * *', now(), true, '10 minutes');

INSERT INTO motcua.job_kind (kind, entry, config_keys, description) VALUES
	('national_feed', 'motcua_connector_feeds', '{}',
	 'read each national source''s change feed from its cursor (a person moved, a business dissolved, a certificate revoked) and apply it to the cached records and the warehouse documents they back');
INSERT INTO motcua_internal.job (name, kind, schedule, next_run_at, is_default, max_runtime)
VALUES ('national_feed', 'national_feed', '* * * * *', now(), true, '10 minutes');
INSERT INTO motcua.job_kind (kind, entry, config_keys, description) VALUES
	('portal_sync', 'motcua_connector_portal', '{}',
	 'deliver the portal outbox to the national portal, in order per dossier and each event once (DongBoHoSoMC, CapNhatTienDoHoSoMC)');
INSERT INTO motcua_internal.job (name, kind, schedule, next_run_at, is_default, max_runtime)
VALUES ('portal_sync', 'portal_sync', '* * * * *', now(), true, '10 minutes');

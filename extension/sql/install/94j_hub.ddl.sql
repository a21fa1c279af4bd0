-- Scale-out (0.2): one database per province or ministry, a national hub
-- fed by PostgreSQL's logical replication (docs/operations.md,
-- "Scale-out").  The province publishes its KPI sums, its Decision 766
-- and plan snapshots, its unit tree and these two tables; the hub
-- subscribes to each province and holds their rows side by side, keyed by
-- the national unit id (which ends with the jurisdiction's code) or by the
-- jurisdiction itself.

-- The province's heartbeat: written by the job hub_heartbeat (kind
-- hub_heartbeat) with the province's clock and its replication slots'
-- retained WAL, which the hub cannot read; replicated to the hub, where
-- motcua.hub_status reads it.  received_at is stamped where the row is
-- written: on the hub, by the apply worker when the row arrives.
CREATE TABLE motcua_internal.hub_heartbeat (
	jurisdiction text PRIMARY KEY,
	sent_at		timestamptz NOT NULL,
	received_at timestamptz,
	extension_version text NOT NULL,
	slot_name	name,
	slot_retained_bytes bigint,
	slot_active boolean,
	slot_warning_bytes bigint,
	slot_over_limit boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE motcua_internal.hub_heartbeat IS
	'the province''s heartbeat for the national hub: its clock, its extension version and its hub slots'' retained WAL (job hub_heartbeat)';

-- hub_heartbeat_stamp sets received_at to the time the row is written
-- here: on the hub the apply worker writes it, so the trigger fires
-- always, in replica sessions too.
CREATE OR REPLACE FUNCTION motcua_internal.hub_heartbeat_stamp() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	NEW.received_at := clock_timestamp();
	RETURN NEW;
END
$$;
CREATE TRIGGER hub_heartbeat_stamp BEFORE INSERT OR UPDATE ON motcua_internal.hub_heartbeat
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.hub_heartbeat_stamp();
ALTER TABLE motcua_internal.hub_heartbeat ENABLE ALWAYS TRIGGER hub_heartbeat_stamp;

-- The catalogue versions the province uses, keyed by its jurisdiction: a
-- national procedure (1.000894) is run by every province, each with its
-- own versions, so motcua.procedure_version (keyed by the code) cannot be
-- published as it is.  Kept in step by the heartbeat.
CREATE TABLE motcua_internal.hub_procedure_version (
	jurisdiction text NOT NULL,
	procedure	motcua.procedure_code NOT NULL,
	version		integer NOT NULL,
	valid_from	timestamptz NOT NULL,
	name		text NOT NULL,
	duration	numeric(8, 2) NOT NULL,
	duration_unit text NOT NULL,
	fee			numeric(14, 0) NOT NULL,
	effective_on date,
	published_on date,
	content_complete boolean,
	source		text NOT NULL,
	PRIMARY KEY (jurisdiction, procedure, version)
);
COMMENT ON TABLE motcua_internal.hub_procedure_version IS
	'the procedure catalogue versions of this database''s jurisdiction, for the national hub (kept in step with motcua.procedure_version by the heartbeat)';

-- The hub's provinces: each subscription motcua.subscribe_province made
-- and the jurisdictions its database holds.
CREATE TABLE motcua_internal.hub_province (
	name		text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{0,40}$'),
	subscription name NOT NULL UNIQUE,
	jurisdictions text[] NOT NULL,
	added_at	timestamptz NOT NULL DEFAULT now(),
	added_by	name NOT NULL DEFAULT session_user
);
COMMENT ON TABLE motcua_internal.hub_province IS 'the provinces and ministries this hub subscribes to (motcua.subscribe_province)';
SELECT pg_catalog.pg_extension_config_dump('motcua_internal.hub_province', '');

INSERT INTO motcua.job_kind (kind, handler, config_keys, drains, description) VALUES
	('hub_heartbeat', 'job_hub_heartbeat', '{slot_warning}', false,
	 'write the province''s heartbeat for the national hub (clock, version, hub slots'' retained WAL, with a WARNING when one holds more than config.slot_warning, default 1GB) and keep its catalogue versions in step');

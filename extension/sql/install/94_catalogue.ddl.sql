-- The procedure catalogue kept in step with the national procedure
-- database (0.2): versions of each procedure (a changed duration or fee
-- applies to dossiers received from the version's start; earlier dossiers
-- keep theirs), the dates Decision 766's transparency indicators judge (the
-- legal document's effect, the publication decision, the posting at each
-- unit) and whether the published content is complete.

-- The version in force is copied on the procedure row, so reception reads
-- one row; version_from and next_version_from say when another version
-- applies instead (a reception entered late, a version not yet in force).
ALTER TABLE motcua.procedure
	ADD COLUMN version integer CHECK (version >= 0),
	ADD COLUMN version_from timestamptz,
	ADD COLUMN next_version_from timestamptz,
	ADD CONSTRAINT procedure_version_window_check
		CHECK ((version IS NULL) = (version_from IS NULL) AND (next_version_from IS NULL OR version_from < next_version_from));
COMMENT ON COLUMN motcua.procedure.version IS
	'the catalogue version in force (motcua.procedure_version); NULL: the procedure was never synchronized';
COMMENT ON COLUMN motcua.procedure.next_version_from IS
	'when a later version comes into force; receptions from then on take that version''s terms';

-- How long before the legal document takes effect a jurisdiction must
-- publish a procedure, and how soon after publication each unit must make
-- it public (Decree 63/2010/NĐ-CP as amended by Decree 92/2017/NĐ-CP).
-- NULL: the default of the jurisdiction's kind (motcua_internal.
-- transparency_days).
ALTER TABLE motcua.jurisdiction
	ADD COLUMN publication_lead_days smallint CHECK (publication_lead_days BETWEEN 0 AND 100),
	ADD COLUMN posting_days smallint CHECK (posting_days BETWEEN 0 AND 100);
COMMENT ON COLUMN motcua.jurisdiction.publication_lead_days IS
	'working days that must lie between the publication decision and the day the legal document takes effect; NULL = 20 for a ministry, 5 for a province';
COMMENT ON COLUMN motcua.jurisdiction.posting_days IS
	'working days after the publication decision within which each unit makes the procedure public; NULL = 5';

-- One version of a procedure: its terms, from when they apply, and the
-- transparency dates.  Version 0 is the procedure as it was before its
-- first synchronization (source local).
CREATE TABLE motcua.procedure_version (
	procedure	motcua.procedure_code NOT NULL REFERENCES motcua.procedure ON UPDATE CASCADE ON DELETE CASCADE,
	version		integer NOT NULL CHECK (version >= 0),
	valid_from	timestamptz NOT NULL,
	name		text NOT NULL CHECK (name <> ''),
	duration	numeric(8, 2) NOT NULL CHECK (duration >= 0),
	duration_unit text NOT NULL CHECK (duration_unit IN ('working_day', 'working_hour', 'same_day')),
	fee			numeric(14, 0) NOT NULL CHECK (fee >= 0),
	decision_on date,
	effective_on date,
	published_on date,
	content_complete boolean,
	source		text NOT NULL CHECK (source IN ('local', 'catalogue')),
	synced_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (procedure, version),
	CHECK ((duration_unit = 'same_day') = (duration = 0)),
	CHECK (source = 'catalogue' OR version = 0)
);
CREATE INDEX procedure_version_effective_idx ON motcua.procedure_version (effective_on) WHERE source = 'catalogue';
COMMENT ON TABLE motcua.procedure_version IS
	'versions of each procedure from the national catalogue: terms (duration, fee) applying to dossiers received from valid_from, and the decision, effect and publication dates Decision 766 judges';
COMMENT ON COLUMN motcua.procedure_version.decision_on IS 'date of the decision that made this version (the national catalogue''s)';
COMMENT ON COLUMN motcua.procedure_version.effective_on IS 'the day the legal document behind this version takes effect';
COMMENT ON COLUMN motcua.procedure_version.published_on IS 'the day the jurisdiction''s publication decision [quyết định công bố] was signed';
COMMENT ON COLUMN motcua.procedure_version.content_complete IS 'the published content is complete (all the parts the law requires)';
SELECT pg_catalog.pg_extension_config_dump('motcua.procedure_version', '');

-- The day each unit made a procedure version public [công khai] (at its
-- counter, on its site): recorded by the unit's officers.
CREATE TABLE motcua.procedure_posting (
	procedure	motcua.procedure_code NOT NULL,
	version		integer NOT NULL,
	unit		motcua.unit_id NOT NULL REFERENCES motcua.unit ON UPDATE CASCADE,
	made_public_on date NOT NULL,
	recorded_by name NOT NULL DEFAULT session_user,
	recorded_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (procedure, version, unit),
	FOREIGN KEY (procedure, version) REFERENCES motcua.procedure_version ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX procedure_posting_unit_idx ON motcua.procedure_posting (unit);
COMMENT ON TABLE motcua.procedure_posting IS
	'the day each unit made each procedure version public [công khai], and who recorded it';
SELECT pg_catalog.pg_extension_config_dump('motcua.procedure_posting', '');

-- Decision 766's transparency indicators are measured from the versions.
UPDATE motcua.index_766_indicator SET unavailable_reason = NULL
WHERE code IN ('published_on_time', 'made_public_on_time', 'complete_content');

-- catalogue_sync: a C entry like the other connectors.
INSERT INTO motcua.job_kind (kind, entry, config_keys, description) VALUES
	('catalogue_sync', 'motcua_connector_catalogue', '{}',
	 'bring the procedure catalogue in step with the national procedure database: new versions (duration, fee) with the dates they apply from, publication dates and content completeness');
INSERT INTO motcua_internal.job (name, kind, schedule, next_run_at, is_default, max_runtime)
VALUES ('catalogue_sync', 'catalogue_sync', '20 * * * *', now(), true, '10 minutes');

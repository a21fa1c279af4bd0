-- Reference schema: national databases, jurisdictions and their tiers, the
-- unit tree, the procedure catalogue with its required components, document
-- types and subjects (docs/domain.md §3, §9; docs/architecture.md "Schema").
-- Every table a DBA edits is registered with pg_extension_config_dump so
-- pg_dump / pg_restore keep its rows.

-- National databases [Cơ sở dữ liệu quốc gia] that can supply a document.
-- The built-in rows come with the extension; rows a DBA adds are dumped.
CREATE TABLE motcua.national_database (
	code		text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	name_en		text NOT NULL CHECK (name_en <> ''),
	shipped		boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE motcua.national_database IS 'national databases [CSDLQG] and other shared sources that can supply a document';
INSERT INTO motcua.national_database (code, name, name_en, shipped) VALUES
	('population', 'Cơ sở dữ liệu quốc gia về dân cư', 'National population database', true),
	('business_registration', 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp', 'National business registration database', true),
	('social_insurance', 'Cơ sở dữ liệu quốc gia về bảo hiểm', 'National insurance database', true),
	('land', 'Cơ sở dữ liệu quốc gia về đất đai', 'National land database', true),
	('civil_status', 'Cơ sở dữ liệu hộ tịch điện tử', 'Electronic civil-status database', true),
	('tax', 'Cơ sở dữ liệu quốc gia về thuế', 'National tax database', true),
	('procedure_catalogue', 'Cơ sở dữ liệu quốc gia về thủ tục hành chính', 'National database of administrative procedures', true);
SELECT pg_catalog.pg_extension_config_dump('motcua.national_database', 'WHERE NOT shipped');

-- A jurisdiction is what one motcua database serves: a province or a
-- ministry.  Its tiers are data, because a pre-2025 province has three
-- (province, district, commune), a merged post-2025 province two, and a
-- ministry has its own (ministry, department/institute, division).
CREATE TABLE motcua.jurisdiction (
	code		text PRIMARY KEY CHECK (code ~ '^[A-Z][0-9]{2}$'),
	name		text NOT NULL CHECK (name <> ''),
	kind		text NOT NULL CHECK (kind IN ('province', 'ministry')),
	admin_code	text CHECK (admin_code ~ '^[0-9]{2}$'),
	calendar	text NOT NULL DEFAULT 'VN',
	valid_from	date,
	valid_to	date,
	note		text,
	CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from),
	CHECK (kind = 'province' OR admin_code IS NULL)
);
COMMENT ON TABLE motcua.jurisdiction IS 'a province or ministry; code is its level-1 electronic ID code (H22, G09)';
COMMENT ON COLUMN motcua.jurisdiction.admin_code IS '2-digit administrative code of a province (79 = Hồ Chí Minh City)';

CREATE TABLE motcua.tier (
	jurisdiction text NOT NULL REFERENCES motcua.jurisdiction ON UPDATE CASCADE ON DELETE CASCADE,
	level		smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
	name		text NOT NULL CHECK (name <> ''),
	name_en		text NOT NULL CHECK (name_en <> ''),
	PRIMARY KEY (jurisdiction, level)
);
COMMENT ON TABLE motcua.tier IS 'the administrative tiers of a jurisdiction, 1 = top (Cấp tỉnh / Cấp bộ)';

-- The unit tree: People's Committees, departments, service centers and
-- one-stop units, each with its electronic ID (Decision 20/2020/QĐ-TTg).
CREATE TABLE motcua.unit (
	id			motcua.unit_id PRIMARY KEY,
	name		text NOT NULL CHECK (name <> ''),
	jurisdiction text NOT NULL,
	tier		smallint NOT NULL,
	parent		motcua.unit_id REFERENCES motcua.unit ON UPDATE CASCADE,
	kind		text NOT NULL CHECK (kind IN ('authority', 'department', 'service_center', 'one_stop')),
	admin_unit_code text CHECK (admin_unit_code ~ '^([0-9]{2}|[0-9]{3}|[0-9]{5})$'),
	staff_count integer NOT NULL DEFAULT 0 CHECK (staff_count >= 0),
	front_desk_staff integer NOT NULL DEFAULT 0 CHECK (front_desk_staff >= 0),
	area_class	text NOT NULL DEFAULT 'other' CHECK (area_class IN ('center', 'city_town', 'other', 'remote')),
	receives_dossiers boolean NOT NULL DEFAULT false,
	calendar	text,
	address		text,
	latitude	numeric(8, 6) CHECK (latitude BETWEEN -90 AND 90),
	longitude	numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
	active		boolean NOT NULL DEFAULT true,
	FOREIGN KEY (jurisdiction, tier) REFERENCES motcua.tier ON UPDATE CASCADE,
	CHECK (parent IS NULL OR parent <> id),
	CHECK (front_desk_staff <= staff_count OR staff_count = 0),
	CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX unit_parent_idx ON motcua.unit (parent);
CREATE INDEX unit_jurisdiction_idx ON motcua.unit (jurisdiction, tier);
COMMENT ON TABLE motcua.unit IS 'agency tree of a jurisdiction; tiers are data (motcua.tier)';
COMMENT ON COLUMN motcua.unit.admin_unit_code IS 'administrative unit code: province 2 digits, district 3, commune 5';
COMMENT ON COLUMN motcua.unit.area_class IS 'for the staff-load targets: center (province center), city_town, other, remote (remote or disadvantaged area)';
COMMENT ON COLUMN motcua.unit.calendar IS 'working-day calendar; NULL means the jurisdiction''s';

-- Fields of administrative procedures [lĩnh vực].
CREATE TABLE motcua.field (
	code		text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	location_independent_default boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE motcua.field IS 'fields of procedures [lĩnh vực], e.g. hộ tịch, đất đai';

-- Document types: what a component or a result is.
CREATE TABLE motcua.document_type (
	code		text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,40}$'),
	name		text NOT NULL CHECK (name <> ''),
	category	text NOT NULL CHECK (category IN ('identity', 'civil_status', 'residence', 'business',
												  'land', 'construction', 'transport', 'insurance', 'tax',
												  'justice', 'education', 'health', 'labour', 'form', 'other')),
	is_result	boolean NOT NULL DEFAULT false,
	validity	interval CHECK (validity > interval '0'),
	national_database text REFERENCES motcua.national_database ON UPDATE CASCADE
);
COMMENT ON COLUMN motcua.document_type.is_result IS 'the document is the result of a procedure (digitization categories 1 and 3 of Decision 468)';
COMMENT ON COLUMN motcua.document_type.validity IS 'how long such a document stays valid; NULL = no expiry';

-- The procedure catalogue [danh mục thủ tục hành chính].
CREATE TABLE motcua.procedure (
	code		motcua.procedure_code PRIMARY KEY,
	name		text NOT NULL CHECK (name <> ''),
	field		text NOT NULL REFERENCES motcua.field ON UPDATE CASCADE,
	tier		text NOT NULL CHECK (tier IN ('central', 'province', 'district', 'commune')),
	duration	numeric(8, 2) NOT NULL CHECK (duration >= 0),
	duration_unit text NOT NULL CHECK (duration_unit IN ('working_day', 'working_hour', 'same_day')),
	online_level text NOT NULL CHECK (online_level IN ('full', 'partial', 'none')),
	fee			numeric(14, 0) NOT NULL DEFAULT 0 CHECK (fee >= 0),
	fee_note	text,
	location_independent boolean NOT NULL DEFAULT false,
	receipt_cutoff time CHECK (receipt_cutoff BETWEEN '08:00' AND '17:00'),
	four_on_spot boolean NOT NULL DEFAULT false,
	result_document_type text REFERENCES motcua.document_type ON UPDATE CASCADE,
	legal_basis text,
	code_is_sample boolean NOT NULL DEFAULT false,
	active		boolean NOT NULL DEFAULT true,
	CHECK ((duration_unit = 'same_day') = (duration = 0)),
	CHECK (NOT four_on_spot OR duration_unit IN ('same_day', 'working_hour'))
);
CREATE INDEX procedure_field_idx ON motcua.procedure (field);
COMMENT ON TABLE motcua.procedure IS 'administrative procedures [thủ tục hành chính] with legal duration, online level, fee';
COMMENT ON COLUMN motcua.procedure.duration IS 'legal processing time in duration_unit; 0 with same_day';
COMMENT ON COLUMN motcua.procedure.fee IS 'fee and charge in VND; 0 = free';
COMMENT ON COLUMN motcua.procedure.receipt_cutoff IS 'a dossier received after this time (not at it) counts as received the next working day, for deadlines in days and in hours';
COMMENT ON COLUMN motcua.procedure.four_on_spot IS '"4 tại chỗ": received, appraised, approved and returned on the spot';
COMMENT ON COLUMN motcua.procedure.code_is_sample IS 'true when the code is a sample, not verified against the national catalogue';

-- Components a dossier for a procedure must contain [thành phần hồ sơ].
CREATE TABLE motcua.procedure_component (
	procedure	motcua.procedure_code NOT NULL REFERENCES motcua.procedure ON UPDATE CASCADE ON DELETE CASCADE,
	ordinal		smallint NOT NULL CHECK (ordinal > 0),
	document_type text NOT NULL REFERENCES motcua.document_type ON UPDATE CASCADE,
	mandatory	boolean NOT NULL DEFAULT true,
	reusable	boolean NOT NULL DEFAULT true,
	national_database text REFERENCES motcua.national_database ON UPDATE CASCADE,
	form		text NOT NULL DEFAULT 'original' CHECK (form IN ('original', 'copy', 'certified_copy', 'original_or_copy', 'electronic_form')),
	copies		smallint NOT NULL DEFAULT 1 CHECK (copies BETWEEN 0 AND 20),
	note		text,
	PRIMARY KEY (procedure, ordinal),
	UNIQUE (procedure, document_type)
);
CREATE INDEX procedure_component_type_idx ON motcua.procedure_component (document_type);
COMMENT ON COLUMN motcua.procedure_component.reusable IS 'may be satisfied from the person''s data warehouse instead of being provided again';
COMMENT ON COLUMN motcua.procedure_component.national_database IS 'national database that can supply this component, if connected';

-- Subjects: the person (by personal ID) or organization (by tax code) a
-- dossier belongs to.
CREATE TABLE motcua.subject (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	kind		text NOT NULL CHECK (kind IN ('person', 'organization')),
	personal_id motcua.personal_id UNIQUE,
	tax_code	motcua.tax_code UNIQUE,
	full_name	text CHECK (full_name <> ''),
	birth_date	date,
	created_at	timestamptz NOT NULL DEFAULT now(),
	CHECK ((kind = 'person' AND personal_id IS NOT NULL AND tax_code IS NULL) OR
		   (kind = 'organization' AND tax_code IS NOT NULL AND personal_id IS NULL)),
	CHECK (birth_date IS NULL OR kind = 'person'),
	CHECK (birth_date IS NULL OR extract(year FROM birth_date) = motcua.birth_year(personal_id))
);
COMMENT ON TABLE motcua.subject IS 'persons (personal_id) and organizations (tax_code) that file dossiers';

SELECT pg_catalog.pg_extension_config_dump('motcua.jurisdiction', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.tier', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.unit', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.field', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.document_type', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.procedure', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.procedure_component', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.subject', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.subject_id_seq', '');

-- The rest of the front office (0.2): the citizen's status look-up with
-- the receipt's PIN, payments with electronic receipts and refunds,
-- ratings of the individual officer, service points, duty rosters,
-- declaration forms, "4 tại chỗ" and assisted filings, the postal channel
-- and certified copies.

-- The roles of the citizen-facing site (the province's public service
-- portal: it may look a dossier up by code and PIN, and nothing else) and
-- of the postal company's staff (below).  Roles are cluster-wide: another
-- database may have made them already.
DO $roles$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['motcua_public', 'motcua_postal'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
			BEGIN
				EXECUTE format('CREATE ROLE %I NOLOGIN', r);
			EXCEPTION WHEN duplicate_object OR unique_violation THEN
				NULL;			-- created concurrently by another database
			END;
		END IF;
	END LOOP;
END
$roles$;

-- The PIN printed on a dossier's receipt [giấy tiếp nhận hồ sơ và hẹn trả
-- kết quả], kept only as a salted hash, with the wrong tries counted
-- against guessing.
CREATE TABLE motcua_internal.dossier_pin (
	dossier		motcua.dossier_code PRIMARY KEY,
	salt		bytea NOT NULL,
	pin_hash	bytea NOT NULL,
	issued_at	timestamptz NOT NULL,
	issued_by	name NOT NULL,
	failures	integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
	locked_until timestamptz
);
COMMENT ON TABLE motcua_internal.dossier_pin IS
	'the status PIN of each dossier''s receipt (salted SHA-256), the wrong tries in a row and the lock they caused';
SELECT pg_catalog.pg_extension_config_dump('motcua_internal.dossier_pin', '');

-- Payments of fees and charges, each with its electronic receipt number
-- [số biên lai điện tử], unique per unit and year; a refund is its own
-- record with its own number, pointing at the payment it gives back.
CREATE TABLE motcua_internal.unit_year_counter (
	unit		motcua.unit_id NOT NULL,
	kind		text NOT NULL CHECK (kind IN ('receipt', 'certification')),
	year		smallint NOT NULL,
	last_seq	integer NOT NULL,
	PRIMARY KEY (unit, kind, year)
);
COMMENT ON TABLE motcua_internal.unit_year_counter IS
	'the last number of each unit, kind (electronic receipts, copy certifications) and year';
SELECT pg_catalog.pg_extension_config_dump('motcua_internal.unit_year_counter', '');

CREATE TABLE motcua.payment (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier		motcua.dossier_code NOT NULL,
	unit		motcua.unit_id NOT NULL,
	receipt_year smallint NOT NULL,
	receipt_seq integer NOT NULL CHECK (receipt_seq > 0),
	receipt_no	text NOT NULL UNIQUE,
	kind		text NOT NULL CHECK (kind IN ('payment', 'refund')),
	refund_of	bigint REFERENCES motcua.payment,
	amount		numeric(14, 0) NOT NULL CHECK (amount > 0),
	method		text NOT NULL REFERENCES motcua.payment_method,
	paid_at		timestamptz NOT NULL,
	reason		text CHECK (reason <> ''),
	recorded_by name NOT NULL DEFAULT session_user,
	UNIQUE (unit, receipt_year, receipt_seq),
	CHECK ((kind = 'refund') = (refund_of IS NOT NULL)),
	CHECK (kind = 'payment' OR reason IS NOT NULL)
);
CREATE INDEX payment_dossier_idx ON motcua.payment (dossier);
CREATE INDEX payment_refund_of_idx ON motcua.payment (refund_of) WHERE refund_of IS NOT NULL;
COMMENT ON TABLE motcua.payment IS
	'payments of fees and charges [phí, lệ phí] and their refunds, each with its electronic receipt number, unique per unit and year';
SELECT pg_catalog.pg_extension_config_dump('motcua.payment', '');

-- Which procedures' fees are paid through the payment gateway (Decision
-- 766: fee-bearing procedures integrated with online payment).
ALTER TABLE motcua.procedure ADD COLUMN payment_integrated boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN motcua.procedure.payment_integrated IS
	'its fees can be paid online through the payment gateway [tích hợp thanh toán trực tuyến]';
UPDATE motcua.index_766_indicator SET unavailable_reason = NULL WHERE code = 'payment_integrated';

-- A fee paid at the counter on reception, without being asked for first,
-- and a refund leave the dossier's state as it is (a refund not while
-- the clock stands still: the stop is the supplement's or the
-- suspension's to close).
INSERT INTO motcua.dossier_transition (from_state, action, to_state, clock, required)
VALUES ('received', 'payment_received', NULL, 'none', '{method,amount}');
INSERT INTO motcua.dossier_transition (from_state, action, to_state, clock, required)
SELECT s.state, 'refund', NULL, 'none', '{amount,method,reason}'
FROM motcua.dossier_state s
WHERE s.state IN ('received', 'accepted', 'in_progress', 'awaiting_payment', 'done', 'refused', 'withdrawn', 'stopped',
				  'returned');

-- Ratings of the individual officers who handled a dossier, besides the
-- unit's rating (motcua.rating): readable by the officer rated and the
-- leaders of the dossier's unit only.
CREATE TABLE motcua.officer_rating (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier		motcua.dossier_code NOT NULL,
	unit		motcua.unit_id NOT NULL,
	officer		name NOT NULL,
	rated_at	timestamptz NOT NULL,
	channel		text NOT NULL REFERENCES motcua.rating_channel,
	score		smallint NOT NULL REFERENCES motcua.rating_scale,
	satisfied	boolean NOT NULL GENERATED ALWAYS AS (score <= 2) STORED,
	comment		text CHECK (comment <> ''),
	UNIQUE (dossier, officer)
);
CREATE INDEX officer_rating_officer_idx ON motcua.officer_rating (officer);
COMMENT ON TABLE motcua.officer_rating IS
	'a person''s rating of one officer who handled their dossier (1 rất hài lòng .. 4 không hài lòng); readable by that officer and the leaders of the dossier''s unit';
SELECT pg_catalog.pg_extension_config_dump('motcua.officer_rating', '');

-- Service points: what a map of the one-stop units shows besides the
-- address and coordinates the unit tree has.
ALTER TABLE motcua.unit
	ADD COLUMN opening_hours text CHECK (opening_hours <> ''),
	ADD COLUMN counters smallint CHECK (counters >= 0);
COMMENT ON COLUMN motcua.unit.opening_hours IS 'opening hours as posted, e.g. "Thứ Hai - Thứ Sáu 07:30-11:30, 13:30-17:00"';
COMMENT ON COLUMN motcua.unit.counters IS 'number of reception counters [quầy tiếp nhận]';

-- Duty rosters: who sits at which counter of a unit on which day.  The
-- front-desk KPIs count the staff on duty in the period (staff-days over
-- working days) instead of the head count on the unit row.
CREATE TABLE motcua.duty_roster (
	unit		motcua.unit_id NOT NULL REFERENCES motcua.unit ON UPDATE CASCADE,
	day			date NOT NULL,
	counter		text NOT NULL CHECK (counter <> '' AND length(counter) <= 40),
	login		name NOT NULL,
	assigned_by name NOT NULL DEFAULT session_user,
	assigned_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (unit, day, counter),
	CONSTRAINT duty_roster_login_day_key UNIQUE (login, day)
);
COMMENT ON TABLE motcua.duty_roster IS
	'who sits at which counter of a unit on which day [lịch trực]: one counter per person and day, one person per counter and day';
SELECT pg_catalog.pg_extension_config_dump('motcua.duty_roster', '');

-- Electronic declaration forms [tờ khai điện tử] (94g_eform.defs.sql).
ALTER TABLE motcua.procedure ADD COLUMN declaration_form jsonb CHECK (jsonb_typeof(declaration_form) = 'object');
COMMENT ON COLUMN motcua.procedure.declaration_form IS
	'the declaration form''s fields in a JSON Schema subset (motcua.set_declaration_form); receive checks details->''declaration'' against it';

-- "4 tại chỗ" [received, appraised, approved and returned on the spot] and
-- the online filings made at a kiosk of the center or with an officer's
-- help are facts of the KPIs, reported apart (80_kpi_0_measures.defs.sql).
ALTER TABLE motcua_internal.kpi_dossier
	ADD COLUMN four_on_spot boolean NOT NULL DEFAULT false,
	ADD COLUMN filing text CHECK (filing IN ('self', 'kiosk', 'assisted'));
COMMENT ON COLUMN motcua_internal.kpi_dossier.filing IS
	'an online dossier''s filing: self (by the person), kiosk (at a kiosk of the center), assisted (by an officer for the person); NULL for other channels';

-- A walk-in turned into an officer-assisted online filing, explicitly and
-- in the history (reason required), while the dossier is just received.
INSERT INTO motcua.dossier_transition (from_state, action, to_state, clock, required)
VALUES ('received', 'assist_online', NULL, 'none', '{reason}');

-- The postal channel [dịch vụ bưu chính công ích]: the postal company's
-- staff log in as members of motcua_postal, each for one carrier; a
-- shipment carries a dossier to a unit (inbound: the unit receives it with
-- channel postal and its tracking number) or a result back to the person
-- (outbound: return_result with channel postal).  Its reports come in in
-- order, each a history event of the dossier once it has one.

CREATE TABLE motcua.postal_agent (
	login		name PRIMARY KEY,
	carrier		text NOT NULL CHECK (carrier ~ '^[A-Za-z][A-Za-z0-9_-]{1,30}$'),
	name		text CHECK (name <> '')
);
COMMENT ON TABLE motcua.postal_agent IS 'login roles of the postal companies'' staff and the carrier each reports for';
SELECT pg_catalog.pg_extension_config_dump('motcua.postal_agent', '');

CREATE TABLE motcua.postal_shipment (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	direction	text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
	carrier		text NOT NULL,
	tracking_no text NOT NULL UNIQUE CHECK (tracking_no ~ '^[A-Za-z0-9-]{4,40}$'),
	postal_receipt_no text CHECK (postal_receipt_no ~ '^[A-Za-z0-9/.-]{1,40}$'),
	unit		motcua.unit_id NOT NULL,
	dossier		motcua.dossier_code,
	status		text NOT NULL,
	status_at	timestamptz NOT NULL,
	reports		jsonb NOT NULL DEFAULT '[]',
	CHECK (direction = 'inbound' OR dossier IS NOT NULL),
	CHECK (status IN ('accepted', 'digitized', 'handed_over', 'picked_up', 'delivered', 'returned_to_sender'))
);
CREATE INDEX postal_shipment_dossier_idx ON motcua.postal_shipment (dossier) WHERE dossier IS NOT NULL;
COMMENT ON TABLE motcua.postal_shipment IS
	'what the postal service carries: a dossier to a unit (inbound: accepted, digitized, handed_over) or a result to the person (outbound: picked_up, delivered or returned_to_sender); reports keeps each report (who, when, what)';
SELECT pg_catalog.pg_extension_config_dump('motcua.postal_shipment', '');

-- Certification of copies from originals [chứng thực bản sao từ bản
-- chính]: each numbered in the unit's certification book per year; an
-- electronic one (the scan of the original, signed) goes into the
-- person's warehouse and can be reused (Decision 766: e-certified copies).
INSERT INTO motcua.document_provenance VALUES
	('certified_copy', 'Chứng thực bản sao điện tử từ bản chính', 'electronic copy certified from the original');
-- (a certified copy belongs to the person, with or without a dossier)
ALTER TABLE motcua.document
	DROP CONSTRAINT document_check6,
	ADD CONSTRAINT document_check6 CHECK (provenance IN ('national_db', 'certified_copy') OR dossier IS NOT NULL);
CREATE TABLE motcua.copy_certification (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	unit		motcua.unit_id NOT NULL REFERENCES motcua.unit ON UPDATE CASCADE,
	certification_year smallint NOT NULL,
	certification_seq integer NOT NULL CHECK (certification_seq > 0),
	certification_no text NOT NULL UNIQUE,
	subject		bigint NOT NULL REFERENCES motcua.subject,
	document_type text NOT NULL REFERENCES motcua.document_type ON UPDATE CASCADE,
	electronic	boolean NOT NULL,
	document	bigint REFERENCES motcua.document,
	dossier		motcua.dossier_code,
	certified_at timestamptz NOT NULL,
	certified_by name NOT NULL DEFAULT session_user,
	UNIQUE (unit, certification_year, certification_seq),
	CHECK (electronic = (document IS NOT NULL))
);
CREATE INDEX copy_certification_unit_idx ON motcua.copy_certification (unit, certified_at);
COMMENT ON TABLE motcua.copy_certification IS
	'copies certified from originals [chứng thực bản sao từ bản chính], numbered per unit and year; electronic ones are in the person''s warehouse';
SELECT pg_catalog.pg_extension_config_dump('motcua.copy_certification', '');
UPDATE motcua.index_766_indicator SET unavailable_reason = NULL WHERE code = 'ecertified_copy';

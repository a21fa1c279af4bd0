------------------------------------------------------------------------
-- Queue tickets [phiếu xếp hàng, lấy số thứ tự]
------------------------------------------------------------------------

-- Per unit and day ticket counters, the pattern of motcua_internal.dossier_counter:
-- issuing a ticket locks only its unit's row for the day, and a rolled-back
-- issue gives its number back.
CREATE TABLE motcua_internal.queue_counter (
	unit		motcua.unit_id NOT NULL REFERENCES motcua.unit ON UPDATE CASCADE,
	day			date NOT NULL,
	last_number integer NOT NULL CHECK (last_number > 0),
	PRIMARY KEY (unit, day)
);
COMMENT ON TABLE motcua_internal.queue_counter IS 'last queue number [số thứ tự] issued per unit and day';

-- Priority groups served before the others (Luật Người cao tuổi 2009, Luật
-- Người khuyết tật 2010, Luật Trẻ em 2016, and the one-stop units' own
-- rules): none, elderly [người cao tuổi], pregnant [phụ nữ mang thai],
-- disability [người khuyết tật], child_under_6 [người đi cùng trẻ em dưới
-- 6 tuổi], meritorious [người có công với cách mạng].
CREATE TABLE motcua.queue_ticket (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	unit		motcua.unit_id NOT NULL REFERENCES motcua.unit ON UPDATE CASCADE,
	day			date NOT NULL,
	number		integer NOT NULL CHECK (number > 0),
	priority	text NOT NULL DEFAULT 'none'
				REFERENCES motcua.ticket_priority,
	service		text CHECK (service <> ''),
	booked_for	timestamptz,
	issued_at	timestamptz NOT NULL,
	called_at	timestamptz,
	served_at	timestamptz,
	finished_at timestamptz,
	counter		text CHECK (counter <> ''),
	dossier		motcua.dossier_code,
	status		text NOT NULL DEFAULT 'waiting'
				CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show')),
	UNIQUE (unit, day, number),
	CHECK (called_at >= issued_at),
	CHECK (served_at >= called_at),
	CHECK (finished_at >= coalesce(served_at, called_at, issued_at)),
	CHECK ((called_at IS NULL) = (counter IS NULL)),
	CHECK (CASE status
		   WHEN 'waiting' THEN called_at IS NULL AND served_at IS NULL AND finished_at IS NULL
		   WHEN 'called' THEN called_at IS NOT NULL AND served_at IS NULL AND finished_at IS NULL
		   WHEN 'serving' THEN served_at IS NOT NULL AND finished_at IS NULL
		   WHEN 'done' THEN served_at IS NOT NULL AND finished_at IS NOT NULL
		   WHEN 'no_show' THEN served_at IS NULL AND finished_at IS NOT NULL
		   END),
	CHECK (dossier IS NULL OR status = 'done')
);
CREATE INDEX queue_ticket_waiting_idx ON motcua.queue_ticket (unit, day, issued_at) WHERE status = 'waiting';
CREATE INDEX queue_ticket_dossier_idx ON motcua.queue_ticket (dossier) WHERE dossier IS NOT NULL;

------------------------------------------------------------------------
-- Satisfaction ratings [đánh giá mức độ hài lòng]
------------------------------------------------------------------------

-- The 4-level scale the public-service portals show, best first:
-- 1 rất hài lòng (very satisfied), 2 hài lòng (satisfied), 3 bình thường
-- (neutral), 4 không hài lòng (dissatisfied).  satisfied counts levels 1-2
-- (the satisfaction targets of the plans); dislike is level 4 (the
-- "không hài lòng" that Decision 766 subtracts).
CREATE TABLE motcua.rating (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier		motcua.dossier_code NOT NULL,
	received_on date NOT NULL GENERATED ALWAYS AS (motcua.received_on(dossier)) STORED,
	rated_at	timestamptz NOT NULL,
	channel		text NOT NULL REFERENCES motcua.rating_channel,
	score		smallint NOT NULL REFERENCES motcua.rating_scale,
	satisfied	boolean NOT NULL GENERATED ALWAYS AS (score <= 2) STORED,
	dislike		boolean NOT NULL GENERATED ALWAYS AS (score = 4) STORED,
	comment		text CHECK (comment <> ''),
	officer		text CHECK (officer <> ''),
	CONSTRAINT rating_dossier_key UNIQUE (dossier)
);
CREATE INDEX rating_officer_idx ON motcua.rating (officer) WHERE officer IS NOT NULL;

------------------------------------------------------------------------
-- Feedback and complaints [phản ánh, kiến nghị — PAKN]
------------------------------------------------------------------------

CREATE TABLE motcua.feedback (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	unit		motcua.unit_id NOT NULL REFERENCES motcua.unit ON UPDATE CASCADE,
	dossier		motcua.dossier_code,
	received_on date GENERATED ALWAYS AS (motcua.received_on(dossier)) STORED,
	kind		text NOT NULL REFERENCES motcua.feedback_kind,
	channel		text NOT NULL REFERENCES motcua.feedback_channel,
	content		text NOT NULL CHECK (content <> ''),
	submitted_at timestamptz NOT NULL,
	due_at		timestamptz NOT NULL,
	handled_at	timestamptz,
	response	text CHECK (response <> ''),
	handler		text CHECK (handler <> ''),
	satisfied	boolean,
	status		text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
	CHECK (due_at > submitted_at),
	CHECK (handled_at >= submitted_at),
	CHECK ((status = 'handled') = (handled_at IS NOT NULL)),
	CHECK ((status = 'handled') = (response IS NOT NULL AND handler IS NOT NULL)),
	CHECK (satisfied IS NULL OR status = 'handled')
);
CREATE INDEX feedback_unit_idx ON motcua.feedback (unit, submitted_at);
CREATE INDEX feedback_open_idx ON motcua.feedback (due_at) WHERE status = 'open';
CREATE INDEX feedback_dossier_idx ON motcua.feedback (dossier) WHERE dossier IS NOT NULL;

------------------------------------------------------------------------
-- pg_dump registration and privileges
------------------------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('motcua_internal.queue_counter', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.queue_ticket', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.queue_ticket_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.rating', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.rating_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.feedback', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.feedback_id_seq', '');

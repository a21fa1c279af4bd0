-- Dossier lifecycle (docs/domain.md §1-2): reception, the state machine, clock
-- stops, timeliness and the tamper-evident history.

-- The state machine as data: from which state an action leads where, and
-- what it does to the legal clock.  The national portal's TrangThaiHoSo
-- code of each state is in dossier_state.
CREATE TABLE motcua.dossier_state (
	state		text PRIMARY KEY,
	portal_status smallint NOT NULL CHECK (portal_status BETWEEN 1 AND 10),
	name		text NOT NULL,
	final		boolean NOT NULL DEFAULT false,
	ends_processing boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE motcua.dossier_state IS 'dossier states and their national portal status code (TrangThaiHoSo 1-10)';
INSERT INTO motcua.dossier_state VALUES
	('received', 1, 'Mới đăng ký', false, false),
	('accepted', 2, 'Được tiếp nhận', false, false),
	('refused', 3, 'Không được tiếp nhận', true, true),
	('in_progress', 4, 'Đang xử lý', false, false),
	('suspended', 4, 'Đang xử lý (tạm dừng)', false, false),
	('awaiting_supplement', 5, 'Yêu cầu bổ sung giấy tờ', false, false),
	('awaiting_payment', 6, 'Yêu cầu thực hiện nghĩa vụ tài chính', false, false),
	('withdrawn', 7, 'Công dân yêu cầu rút hồ sơ', true, true),
	('stopped', 8, 'Dừng xử lý', true, true),
	('done', 9, 'Đã xử lý xong', false, true),
	('returned', 10, 'Đã trả kết quả', true, true);

CREATE TABLE motcua.dossier_transition (
	from_state	text NOT NULL REFERENCES motcua.dossier_state,
	action		text NOT NULL,
	to_state	text REFERENCES motcua.dossier_state,	-- NULL: state unchanged
	clock		text NOT NULL DEFAULT 'none' CHECK (clock IN ('none', 'stop', 'resume')),
	required	text[] NOT NULL DEFAULT '{}',
	PRIMARY KEY (from_state, action)
);
COMMENT ON TABLE motcua.dossier_transition IS 'allowed actions per state; required lists the details keys the action needs';
INSERT INTO motcua.dossier_transition (from_state, action, to_state, clock, required)
SELECT s.from_state, a.action, a.to_state, a.clock, a.required
FROM (VALUES
		('accept', 'accepted', 'none', '{}'::text[]),
		('refuse_reception', 'refused', 'none', '{reason}'),
		('assign', 'in_progress', 'none', '{}'),
		('transfer', 'in_progress', 'none', '{to_unit,channel}'),
		('request_supplement', 'awaiting_supplement', 'stop', '{reason}'),
		('supplement_received', 'in_progress', 'resume', '{}'),
		('request_payment', 'awaiting_payment', 'none', '{amount}'),
		('payment_received', 'in_progress', 'none', '{method,amount}'),
		('suspend', 'suspended', 'stop', '{reason}'),
		('resume', 'in_progress', 'resume', '{}'),
		('extend', NULL, 'none', '{new_promised_at,apology_letter}'),
		('withdraw', 'withdrawn', 'none', '{}'),
		('stop', 'stopped', 'none', '{reason}'),
		('complete', 'done', 'none', '{}'),
		('return_result', 'returned', 'none', '{channel}'))
	AS a(action, to_state, clock, required)
JOIN (VALUES
		('received', '{accept,refuse_reception,withdraw}'::text[]),
		('accepted', '{assign,transfer,request_supplement,request_payment,suspend,extend,withdraw,stop,complete}'),
		('in_progress', '{assign,transfer,request_supplement,request_payment,suspend,extend,withdraw,stop,complete}'),
		('awaiting_supplement', '{supplement_received,withdraw,stop}'),
		('awaiting_payment', '{payment_received,withdraw,stop}'),
		('suspended', '{resume,withdraw,stop}'),
		('done', '{return_result}'))
	AS s(from_state, actions) ON a.action = ANY (s.actions);
-- assign keeps an accepted dossier's progress state moving to in_progress,
-- but a dossier already in progress stays there (to_state is the same).

-- Per unit and day reception counters.  A reception locks only its own
-- unit's counter row for the day, so receptions at different units never
-- wait for each other, and a rolled-back reception gives its number back.
CREATE TABLE motcua_internal.dossier_counter (
	unit		motcua.unit_id NOT NULL,
	day			date NOT NULL,
	last_seq	integer NOT NULL,
	PRIMARY KEY (unit, day)
);

-- Dossiers, partitioned by month of receipt.  received_on is the date the
-- dossier code carries; lookups by code add it so only one partition is
-- searched.
CREATE TABLE motcua.dossier (
	code		motcua.dossier_code NOT NULL,
	received_on date NOT NULL,
	unit		motcua.unit_id NOT NULL,
	procedure	motcua.procedure_code NOT NULL,
	subject		bigint NOT NULL,
	channel		text NOT NULL REFERENCES motcua.channel,
	received_at timestamptz NOT NULL,
	calendar	text NOT NULL,
	state		text NOT NULL,
	promised_at timestamptz NOT NULL,
	first_promised_at timestamptz NOT NULL,
	due_at		timestamptz NOT NULL,
	second_supplement_at timestamptz,
	current_unit motcua.unit_id NOT NULL,
	assigned_to text,
	supplement_count smallint NOT NULL DEFAULT 0,
	extension_count smallint NOT NULL DEFAULT 0,
	clock_stopped_at timestamptz,
	clock_stops tstzrange[] NOT NULL DEFAULT '{}',
	finished_at timestamptz,
	returned_at timestamptz,
	fee			numeric(14, 0) NOT NULL DEFAULT 0 CHECK (fee >= 0),
	paid_amount numeric(14, 0) NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
	paid_online boolean NOT NULL DEFAULT false,
	transfers_electronic smallint NOT NULL DEFAULT 0,
	transfers_paper smallint NOT NULL DEFAULT 0,
	result_esigned boolean,
	results		jsonb NOT NULL DEFAULT '[]',
	details		jsonb NOT NULL DEFAULT '{}',
	event_count integer NOT NULL DEFAULT 0,
	last_hash	bytea,
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CHECK (received_on = motcua.received_on(code)),
	CHECK (unit = motcua.unit_of(code)),
	CHECK (finished_at IS NULL OR finished_at >= received_at),
	CHECK ((state IN ('awaiting_supplement', 'suspended')) = (clock_stopped_at IS NOT NULL))
) PARTITION BY RANGE (received_on);
COMMENT ON TABLE motcua.dossier IS 'dossiers [hồ sơ], partitioned by month of receipt; change them only through motcua.receive and motcua.transition';
COMMENT ON COLUMN motcua.dossier.promised_at IS
	'the return date the person holds [ngày hẹn trả] and the portal gets: moved by clock stops and by extensions with an apology letter';
COMMENT ON COLUMN motcua.dossier.due_at IS
	'the legal deadline timeliness is judged against: the first promised date moved only by clock stops that began before it was reached, never by an extension (Decree 61/2018 Art. 19)';
COMMENT ON COLUMN motcua.dossier.second_supplement_at IS
	'when a second supplement request made the dossier late (Decision 766: more than one request is late)';
-- The parent has no keys or indexes of its own: each month partition gets
-- them when it is created (ensure_dossier_partition).  Partitions are the
-- installation's own tables, so pg_dump writes them with their keys; keys
-- inherited from a parent that belongs to the extension would be written
-- twice and break pg_restore.  A code is unique overall because its date
-- names the one partition it can live in (the CHECK above).

-- The append-only, hash-chained history of each dossier.
CREATE TABLE motcua.dossier_event (
	dossier		motcua.dossier_code NOT NULL,
	seq			integer NOT NULL CHECK (seq > 0),
	at			timestamptz NOT NULL,
	actor		text NOT NULL CHECK (actor <> ''),
	action		text NOT NULL,
	from_state	text,
	to_state	text NOT NULL,
	details		jsonb NOT NULL DEFAULT '{}',
	prev_hash	bytea,
	hash		bytea NOT NULL CHECK (length(hash) = 32),
	PRIMARY KEY (dossier, seq)
);
COMMENT ON TABLE motcua.dossier_event IS 'append-only history: each event''s hash is SHA-256 over the previous hash and the event, so an altered row breaks the chain (motcua.verify_history)';

-- Components the dossier holds, one row per required component of its
-- procedure, with how each was supplied.  eligible records that the state
-- already held it at reception (the reuse check said reusable or
-- from_national_db): supplying it any other way is asking again.
CREATE TABLE motcua.dossier_component (
	dossier		motcua.dossier_code NOT NULL,
	ordinal		smallint NOT NULL,
	document_type text NOT NULL,
	supplied_by text REFERENCES motcua.supply_method,
	digitized	boolean NOT NULL DEFAULT false,
	reusable	boolean NOT NULL DEFAULT false,
	eligible	boolean NOT NULL DEFAULT false,
	document_id bigint,
	PRIMARY KEY (dossier, ordinal)
);

SELECT pg_catalog.pg_extension_config_dump('motcua_internal.dossier_counter', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.dossier_event', '');
SELECT pg_catalog.pg_extension_config_dump('motcua.dossier_component', '');

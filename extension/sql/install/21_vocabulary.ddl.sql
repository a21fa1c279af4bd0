-- The vocabulary, defined once: each closed list of codes motcua uses is a
-- small table here (code, Vietnamese name, English name, the national
-- portal's code where it has one).  Columns that hold such a code refer to
-- its table, and the functions that take one check it against the same
-- table and name the allowed codes in their error (motcua_internal.
-- require_term).  motcua.vocabulary shows every list at once.  The rows
-- ship with the extension; dossier states and their portal codes are in
-- motcua.dossier_state.

-- Channels a dossier is filed through or its result returned by
-- [kênh thực hiện]; portal_code is the portal's KenhThucHien.
CREATE TABLE motcua.channel (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	name_en		text NOT NULL,
	portal_code smallint UNIQUE
);
INSERT INTO motcua.channel VALUES
	('direct', 'Trực tiếp', 'in person', 1),
	('online', 'Trực tuyến', 'online', 2),
	('postal', 'Qua dịch vụ bưu chính công ích', 'public postal service', 3);
COMMENT ON TABLE motcua.channel IS 'channels a dossier is filed through or its result returned by [kênh thực hiện]; portal_code is the national portal''s KenhThucHien';

-- How a component of a dossier came in.
CREATE TABLE motcua.supply_method (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	name_en		text NOT NULL,
	reused		boolean NOT NULL
);
INSERT INTO motcua.supply_method VALUES
	('reused_warehouse', 'Tái sử dụng từ kho dữ liệu điện tử', 'reused from the person''s data warehouse', true),
	('national_db', 'Khai thác từ cơ sở dữ liệu quốc gia', 'taken from a national database', true),
	('digitized_at_counter', 'Số hóa tại bộ phận một cửa', 'digitized at the counter', false),
	('uploaded_online', 'Nộp trực tuyến', 'uploaded online', false),
	('paper', 'Bản giấy', 'paper', false);
COMMENT ON TABLE motcua.supply_method IS 'how a dossier component was supplied; reused: the person was not asked for it again [không phải cung cấp lại]';

-- Where a document in the warehouse came from.
CREATE TABLE motcua.document_provenance (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	name_en		text NOT NULL
);
INSERT INTO motcua.document_provenance VALUES
	('dossier_result', 'Kết quả giải quyết thủ tục hành chính', 'result of a procedure'),
	('national_db', 'Cơ sở dữ liệu quốc gia', 'national database'),
	('digitized_at_counter', 'Số hóa tại bộ phận một cửa', 'digitized at the counter'),
	('uploaded_online', 'Nộp trực tuyến', 'uploaded online');
COMMENT ON TABLE motcua.document_provenance IS 'where a document of the personal data warehouse [kho dữ liệu điện tử] came from';

-- How a dossier moves between agencies [luân chuyển hồ sơ].
CREATE TABLE motcua.transfer_channel (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	name_en		text NOT NULL
);
INSERT INTO motcua.transfer_channel VALUES
	('electronic', 'Điện tử', 'electronic'),
	('paper', 'Bản giấy', 'paper');
COMMENT ON TABLE motcua.transfer_channel IS 'how a dossier is passed to another agency [luân chuyển]: electronically or on paper';

-- How fees were paid.
CREATE TABLE motcua.payment_method (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	name_en		text NOT NULL
);
INSERT INTO motcua.payment_method VALUES
	('online', 'Thanh toán trực tuyến', 'paid online'),
	('offline', 'Thanh toán trực tiếp', 'paid in person');
COMMENT ON TABLE motcua.payment_method IS 'how a fee or charge was paid [thanh toán phí, lệ phí]';

-- Priority groups served first at the front desk [ưu tiên].
CREATE TABLE motcua.ticket_priority (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	name_en		text NOT NULL
);
INSERT INTO motcua.ticket_priority VALUES
	('none', 'Không ưu tiên', 'no priority'),
	('elderly', 'Người cao tuổi', 'elderly person'),
	('pregnant', 'Phụ nữ mang thai', 'pregnant woman'),
	('disability', 'Người khuyết tật', 'person with a disability'),
	('child_under_6', 'Người đi cùng trẻ dưới 6 tuổi', 'person with a child under 6'),
	('meritorious', 'Người có công với cách mạng', 'person with meritorious service');
COMMENT ON TABLE motcua.ticket_priority IS 'priority groups of the queue [ưu tiên]: every group other than none is called before it';

-- How a rating was given, and the scale.
CREATE TABLE motcua.rating_channel (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	name_en		text NOT NULL
);
INSERT INTO motcua.rating_channel VALUES
	('kiosk', 'Thiết bị đánh giá tại quầy', 'rating device at the counter'),
	('online', 'Trực tuyến', 'online'),
	('sms', 'Tin nhắn SMS', 'text message'),
	('paper', 'Phiếu giấy', 'paper form');
COMMENT ON TABLE motcua.rating_channel IS 'how a satisfaction rating [đánh giá mức độ hài lòng] was given';
CREATE TABLE motcua.rating_scale (
	score		smallint PRIMARY KEY,
	name		text NOT NULL,
	name_en		text NOT NULL,
	satisfied	boolean NOT NULL,
	dislike		boolean NOT NULL
);
INSERT INTO motcua.rating_scale VALUES
	(1, 'Rất hài lòng', 'very satisfied', true, false),
	(2, 'Hài lòng', 'satisfied', true, false),
	(3, 'Bình thường', 'neutral', false, false),
	(4, 'Không hài lòng', 'dissatisfied', false, true);
COMMENT ON TABLE motcua.rating_scale IS 'the rating scale: satisfied counts toward the plans'' satisfaction targets, dislike is what Decision 766 subtracts';

-- Feedback and complaints [phản ánh, kiến nghị]: kinds and channels.
CREATE TABLE motcua.feedback_kind (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	name_en		text NOT NULL
);
INSERT INTO motcua.feedback_kind VALUES
	('feedback', 'Phản ánh', 'feedback'),
	('petition', 'Kiến nghị', 'petition'),
	('complaint', 'Khiếu nại', 'complaint'),
	('dislike', 'Không hài lòng', 'expression of dissatisfaction');
COMMENT ON TABLE motcua.feedback_kind IS 'kinds of feedback [phản ánh, kiến nghị]';
CREATE TABLE motcua.feedback_channel (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	name_en		text NOT NULL
);
INSERT INTO motcua.feedback_channel VALUES
	('online', 'Trực tuyến', 'online'),
	('direct', 'Trực tiếp', 'in person'),
	('phone', 'Điện thoại', 'telephone'),
	('email', 'Thư điện tử', 'e-mail'),
	('postal', 'Bưu chính', 'post'),
	('kiosk', 'Ki-ốt', 'kiosk'),
	('sms', 'Tin nhắn SMS', 'text message');
COMMENT ON TABLE motcua.feedback_channel IS 'channels feedback arrives through';

-- Positions of staff at a unit [vị trí việc làm]: a leader sees and acts
-- for the unit's whole subtree.
CREATE TABLE motcua.staff_position (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	name_en		text NOT NULL
);
INSERT INTO motcua.staff_position VALUES
	('front_desk', 'Công chức tiếp nhận và trả kết quả', 'front-desk officer'),
	('specialist', 'Công chức chuyên môn', 'specialist who processes dossiers'),
	('leader', 'Lãnh đạo', 'leader of the unit (its whole subtree)');
COMMENT ON TABLE motcua.staff_position IS 'positions of staff at a unit [vị trí việc làm]; a leader works on the unit''s whole subtree';

-- The national index of Decision 766/QĐ-TTg (docs/domain.md §5), materialized:
-- refresh_kpis() recomputes the rows of the months, quarters and years it
-- touched, so BI dashboards read motcua.index_766 at once.  Every
-- sub-indicator keeps its maximum, its "X% or more earns full points"
-- threshold, the measured value and the points; one whose inputs motcua does
-- not hold has NULL value and points and says why.

CREATE TABLE motcua.index_766_indicator (
	grp			smallint NOT NULL CHECK (grp BETWEEN 1 AND 6),
	group_name	text NOT NULL,
	code		text PRIMARY KEY,
	name		text NOT NULL,
	max_points	numeric NOT NULL CHECK (max_points > 0),
	full_at		numeric NOT NULL DEFAULT 100 CHECK (full_at > 0 AND full_at <= 100),
	unavailable_reason text
);
COMMENT ON TABLE motcua.index_766_indicator IS 'sub-indicators of the Decision 766 index with their points; full_at = the rate (percent) that earns full points';
INSERT INTO motcua.index_766_indicator (grp, group_name, code, name, max_points, full_at, unavailable_reason) VALUES
	(1, 'Công khai, minh bạch', 'published_on_time', 'Công bố TTHC đúng hạn', 6, 100, 'publication of procedure decisions is not recorded in motcua'),
	(1, 'Công khai, minh bạch', 'made_public_on_time', 'Công khai TTHC đúng hạn', 4, 100, 'public posting of procedures is not recorded in motcua'),
	(1, 'Công khai, minh bạch', 'complete_content', 'Công khai đầy đủ nội dung', 2, 100, 'completeness of published content is not recorded in motcua'),
	(1, 'Công khai, minh bạch', 'synced_to_portal', 'Đồng bộ hồ sơ lên Cổng DVC quốc gia', 6, 100, 'portal synchronization is recorded by the sync worker, not yet installed'),
	(2, 'Tiến độ giải quyết', 'on_time', 'Hồ sơ giải quyết đúng hạn', 20, 100, NULL),
	(3, 'Dịch vụ công trực tuyến', 'online_dossiers', 'Hồ sơ trực tuyến', 12, 50, 'the rate is multiplied by the portal sync rate, which the sync worker records (not yet installed)'),
	(4, 'Thanh toán trực tuyến', 'payment_integrated', 'TTHC có phí tích hợp thanh toán trực tuyến', 2, 100, 'payment-gateway integration of procedures is not recorded in motcua'),
	(4, 'Thanh toán trực tuyến', 'procedures_paid_online', 'TTHC có phát sinh thanh toán trực tuyến', 2, 100, NULL),
	(4, 'Thanh toán trực tuyến', 'dossiers_paid_online', 'Hồ sơ thanh toán trực tuyến', 6, 100, NULL),
	(5, 'Số hóa hồ sơ', 'electronic_result', 'Cấp kết quả điện tử', 6, 100, NULL),
	(5, 'Số hóa hồ sơ', 'dossier_digitized', 'Số hóa hồ sơ', 4, 80, NULL),
	(5, 'Số hóa hồ sơ', 'ecertified_copy', 'Chứng thực bản sao điện tử', 2, 100, 'electronic certified copies are not recorded in motcua'),
	(5, 'Số hóa hồ sơ', 'reuse', 'Khai thác, tái sử dụng dữ liệu số hóa', 2, 80, NULL),
	(5, 'Số hóa hồ sơ', 'warehouse_linked', 'Kết quả đồng bộ vào Kho dữ liệu cá nhân', 4, 100, NULL),
	(5, 'Số hóa hồ sơ', 'procedures_population_db', 'TTHC kết nối CSDL quốc gia về dân cư', 2, 100, NULL),
	(5, 'Số hóa hồ sơ', 'dossiers_population_db', 'Hồ sơ khai thác CSDL quốc gia về dân cư', 2, 100, NULL),
	(6, 'Mức độ hài lòng', 'feedback_on_time', 'Xử lý phản ánh, kiến nghị đúng hạn', 6, 100, NULL),
	(6, 'Mức độ hài lòng', 'feedback_satisfaction', 'Hài lòng về xử lý phản ánh, kiến nghị', 6, 100, NULL),
	(6, 'Mức độ hài lòng', 'service_satisfaction', 'Hài lòng về tiếp nhận, giải quyết', 6, 90, NULL);

CREATE TABLE motcua_internal.index_766_snapshot (
	unit		motcua.unit_id NOT NULL,
	period_kind "char" NOT NULL CHECK (period_kind IN ('m', 'q', 'y')),
	period_start date NOT NULL,
	indicator	text NOT NULL REFERENCES motcua.index_766_indicator,
	value		numeric,
	points		numeric,
	reason		text,
	as_of		timestamptz NOT NULL,
	PRIMARY KEY (unit, period_kind, period_start, indicator)
);
COMMENT ON TABLE motcua_internal.index_766_snapshot IS 'Decision 766 sub-indicator values and points per unit subtree and period, as of the last refresh_kpis()';

-- KPI indicators and reform plans as data (ONE-STOP.md §5 "Plan targets").
-- Each province or ministry localizes Decision 468/QĐ-TTg with its own
-- numbers, years and tiers; motcua evaluates whatever plan is loaded.  The
-- five plans motcua was specified from ship as reference rows (shipped =
-- true, protected like the national calendar); a DBA adds a local plan as
-- new rows, which pg_dump keeps.

-- What motcua can compute.  The codes are what the KPI code evaluates.
CREATE TABLE motcua.kpi_indicator (
	code		text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,60}$'),
	name		text NOT NULL CHECK (name <> ''),
	name_en		text NOT NULL CHECK (name_en <> ''),
	unit		text NOT NULL CHECK (unit IN ('percent', 'minutes', 'dossiers_per_staff_year', 'count')),
	direction	text NOT NULL CHECK (direction IN ('at_least', 'at_most')),
	description text NOT NULL CHECK (description <> ''),
	shipped		boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE motcua.kpi_indicator IS 'indicators a plan can set targets for, with how motcua computes each';
COMMENT ON COLUMN motcua.kpi_indicator.name IS 'Vietnamese name';
COMMENT ON COLUMN motcua.kpi_indicator.direction IS 'at_least: the target is a floor (rates); at_most: a ceiling (waiting time)';
COMMENT ON COLUMN motcua.kpi_indicator.description IS 'how motcua computes it: numerator ÷ denominator';

-- A reform plan: a province's or ministry's plan implementing Decision 468,
-- or a campaign.
CREATE TABLE motcua.plan (
	code		text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$'),
	name		text NOT NULL CHECK (name <> ''),
	issuer		text NOT NULL CHECK (issuer <> ''),
	jurisdiction text CHECK (jurisdiction ~ '^[A-Z][0-9]{2}$'),
	legal_reference text NOT NULL CHECK (legal_reference <> ''),
	issued_on	date,
	note		text,
	shipped		boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE motcua.plan IS 'reform plans (Decision 468/QĐ-TTg as localized by a province or ministry, or a campaign) whose targets motcua evaluates';
COMMENT ON COLUMN motcua.plan.jurisdiction IS 'jurisdiction code (H22, G17) when known; no foreign key, so plans can be loaded before the unit tree';
COMMENT ON COLUMN motcua.plan.issued_on IS 'date of signature; NULL when the text leaves it blank';

-- One target of a plan: an indicator, for a tier and area class, over a
-- range of years.
CREATE TABLE motcua.plan_target (
	plan		text NOT NULL REFERENCES motcua.plan ON UPDATE CASCADE ON DELETE CASCADE,
	indicator	text NOT NULL REFERENCES motcua.kpi_indicator ON UPDATE CASCADE,
	tier		text NOT NULL DEFAULT 'all'
				CHECK (tier IN ('all', 'province', 'district', 'commune', 'ministry', 'department')),
	area_class	text NOT NULL DEFAULT 'all'
				CHECK (area_class IN ('all', 'center', 'city_town', 'other', 'remote')),
	year_from	integer NOT NULL CHECK (year_from BETWEEN 2020 AND 2030),
	year_to		integer NOT NULL,
	target		numeric CHECK (target >= 0),
	increase_per_year numeric,
	quote		text NOT NULL CHECK (quote <> ''),
	note		text,
	shipped		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (plan, indicator, tier, area_class, year_from),
	CHECK (year_to >= year_from),
	CHECK (target IS NOT NULL OR increase_per_year IS NOT NULL OR note IS NOT NULL)
);
CREATE INDEX plan_target_indicator_idx ON motcua.plan_target (indicator);
COMMENT ON TABLE motcua.plan_target IS 'targets of a plan: indicator, tier, area class and years, with the plan''s own words';
COMMENT ON COLUMN motcua.plan_target.tier IS 'tier the target applies to; all = every tier of the plan';
COMMENT ON COLUMN motcua.plan_target.area_class IS 'for staff-load targets (matches motcua.unit.area_class); all = every unit';
COMMENT ON COLUMN motcua.plan_target.year_to IS 'last year the target applies; a target "by 2025" is year_from = year_to = 2025';
COMMENT ON COLUMN motcua.plan_target.target IS 'the number in the indicator''s unit, a floor or a ceiling by the indicator''s direction; NULL when the plan states a goal without a number (see note)';
COMMENT ON COLUMN motcua.plan_target.increase_per_year IS 'for "+20%/year" targets: percentage points to add each year over the previous year''s rate';
COMMENT ON COLUMN motcua.plan_target.quote IS 'the plan''s own words (Vietnamese), shortened';
COMMENT ON COLUMN motcua.plan_target.note IS 'how motcua reads the target where the plan is ambiguous';

INSERT INTO motcua.kpi_indicator (code, name, name_en, unit, direction, description, shipped) VALUES
	('component_digitization_rate',
	 'Tỷ lệ số hóa thành phần hồ sơ, kết quả giải quyết TTHC còn hiệu lực',
	 'Valid dossier components and results digitized', 'percent', 'at_least',
	 'valid dossier components and results that are digitized ÷ all dossier components and results, in the period', true),
	('dossier_digitization_rate',
	 'Tỷ lệ hồ sơ, kết quả giải quyết TTHC được số hóa',
	 'Resolved dossiers digitized', 'percent', 'at_least',
	 'dossiers resolved in the period whose components and result are all digitized ÷ dossiers resolved in the period', true),
	('not_reprovided_rate',
	 'Tỷ lệ người dân, doanh nghiệp không phải cung cấp lại thông tin, giấy tờ đã được chấp nhận',
	 'Persons not re-providing documents the state already holds', 'percent', 'at_least',
	 'dossiers in which the person re-provided no component the state already held (warehouse or national database) ÷ dossiers with at least one reusable component', true),
	('online_rate',
	 'Tỷ lệ hồ sơ TTHC tiếp nhận trực tuyến',
	 'Online dossiers', 'percent', 'at_least',
	 'dossiers received online ÷ all dossiers received in the period', true),
	('electronic_transfer_rate',
	 'Tỷ lệ hồ sơ luân chuyển giữa các cơ quan bằng phương thức điện tử',
	 'Inter-agency transfers made electronically', 'percent', 'at_least',
	 'transfers of a dossier between agencies made electronically ÷ all such transfers in the period', true),
	('esigned_result_rate',
	 'Tỷ lệ kết quả giải quyết TTHC được ký số',
	 'Results digitally signed', 'percent', 'at_least',
	 'results issued with a valid digital signature ÷ results issued in the period (all procedures; a plan that counts only eligible procedures says so in its note)', true),
	('online_payment_rate',
	 'Tỷ lệ hồ sơ thanh toán trực tuyến',
	 'Dossiers paid online', 'percent', 'at_least',
	 'dossiers whose fees were paid online ÷ dossiers with non-zero fees, in the period', true),
	('avg_wait_minutes',
	 'Thời gian chờ đợi trung bình của người dân, doanh nghiệp (phút/lượt giao dịch)',
	 'Average waiting time per visit', 'minutes', 'at_most',
	 'minutes waited per visit (queue ticket issued to called), summed ÷ visits to the front desk in the period', true),
	('served_under_10_rate',
	 'Tỷ lệ lượt giao dịch dưới 10 phút',
	 'Visits served in under 10 minutes', 'percent', 'at_least',
	 'visits (queue tickets) served in under 10 minutes ÷ visits in the period', true),
	('processing_time_cut_minutes',
	 'Thời gian tiếp nhận, xử lý hồ sơ được cắt giảm (phút/hồ sơ)',
	 'Processing time cut per dossier', 'minutes', 'at_least',
	 'average processing minutes per dossier of a procedure in a baseline period minus the same in the period; motcua cannot measure a cut without a baseline, so this is reported only where a baseline has been recorded', true),
	('dossiers_per_front_desk_staff',
	 'Năng suất tiếp nhận hồ sơ trung bình của 01 nhân sự Bộ phận Một cửa (hồ sơ/năm)',
	 'Dossiers received per front-desk staff per year', 'dossiers_per_staff_year', 'at_least',
	 'dossiers received by a unit in the year ÷ the unit''s front-desk staff (motcua.unit.front_desk_staff)', true),
	('satisfaction_rate',
	 'Mức độ hài lòng của tổ chức, cá nhân',
	 'Satisfaction with public services', 'percent', 'at_least',
	 'satisfied ratings ÷ all ratings in the period', true);

INSERT INTO motcua.plan (code, name, issuer, jurisdiction, legal_reference, issued_on, note, shipped) VALUES
	('QN-KH140-2021',
	 'Kế hoạch thực hiện Quyết định 468/QĐ-TTg phê duyệt Đề án đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính trên địa bàn tỉnh Quảng Ninh',
	 'UBND tỉnh Quảng Ninh', 'H22', 'Kế hoạch 140/KH-UBND ngày 29/7/2021', '2021-07-29',
	 'targets per year (2021, 2022, 2023-2025) and tier (province, district, commune) in section II.2, tasks in the appendix; where they differ the section II figures are stored and the difference noted', true),
	('BN-QD717-2021',
	 'Đề án "Đổi mới hoạt động, nâng cao chất lượng cung cấp dịch vụ hành chính công tại Trung tâm Hành chính công và Bộ phận một cửa, góp phần cải thiện các chỉ số đánh giá địa phương của tỉnh Bắc Ninh giai đoạn 2021-2025"',
	 'UBND tỉnh Bắc Ninh', NULL, 'Quyết định 717/QĐ-UBND ngày 16/6/2021', '2021-06-16',
	 'targets taken from a news item of 16/7/2021 summarizing the decision; also: at least 90% of citizens able to use one-stop services (2021) and a 2022 pilot of reception independent of administrative boundaries, which motcua does not measure', true),
	('BG-SNGV-2021',
	 'Kế hoạch triển khai thực hiện Kế hoạch số 129/KH-UBND ngày 29/4/2021 của UBND tỉnh về triển khai Đề án đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính (Sở Ngoại vụ)',
	 'Sở Ngoại vụ tỉnh Bắc Giang', NULL,
	 'Kế hoạch số .../KH-SNgV tháng 5/2021 của Sở Ngoại vụ tỉnh Bắc Giang, thực hiện Kế hoạch 129/KH-UBND ngày 29/4/2021 của UBND tỉnh Bắc Giang', NULL,
	 'a department-level plan; the text leaves the number and the day blank ("Số: /KH-SNgV", "ngày tháng 5 năm 2021"); targets in the appendix by year', true),
	('BKHCN-468-2021',
	 'Phụ lục nhiệm vụ, mục tiêu đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính tại Bộ phận Một cửa của Bộ Khoa học và Công nghệ',
	 'Bộ Khoa học và Công nghệ', 'G17',
	 'Phụ lục Kế hoạch của Bộ Khoa học và Công nghệ thực hiện Quyết định 468/QĐ-TTg ngày 27/3/2021 (năm 2021)', NULL,
	 'appendix of tasks and targets for the ministry''s one-stop units; the number and date of the plan are not in the text; tasks run to 2025', true),
	('BT-KH7386-2023',
	 'Kế hoạch triển khai chiến dịch cao điểm 30 ngày đêm "Nâng cao hiệu quả sử dụng dịch vụ công trực tuyến trên địa bàn tỉnh Bến Tre"',
	 'UBND tỉnh Bến Tre', NULL, 'Kế hoạch 7386/KH-UBND ngày 29/11/2023', '2023-11-29',
	 'a 30-day campaign, 01/12/2023-31/12/2023; weekly reports before 10:00 Friday, final reports by 10/01/2024 (units) and 20/01/2024 (Sở Thông tin và Truyền thông)', true);


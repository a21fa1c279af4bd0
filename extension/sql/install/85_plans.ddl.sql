-- KPI indicators and reform plans as data (docs/domain.md §5 "Plan targets").
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

-- Quảng Ninh, Kế hoạch 140/KH-UBND (section II.2 and the appendix).
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('QN-KH140-2021', 'component_digitization_rate', 'province', 'all', 2021, 2021, 60, NULL,
	 'Năm 2021: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 60%, 50%, 40% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'district', 'all', 2021, 2021, 50, NULL,
	 'Năm 2021: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 60%, 50%, 40% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'commune', 'all', 2021, 2021, 40, NULL,
	 'Năm 2021: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 60%, 50%, 40% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'province', 'all', 2022, 2022, 80, NULL,
	 'Năm 2022: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 80%, 70%, 50% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'district', 'all', 2022, 2022, 70, NULL,
	 'Năm 2022: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 80%, 70%, 50% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'commune', 'all', 2022, 2022, 50, NULL,
	 'Năm 2022: số hóa kết quả giải quyết TTHC còn hiệu lực đạt tối thiểu tương ứng 80%, 70%, 50% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'province', 'all', 2023, 2025, 100, NULL,
	 'Năm 2023-2025: số hóa kết quả giải quyết TTHC còn hiệu lực đạt 100% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'district', 'all', 2023, 2025, 100, NULL,
	 'Năm 2023-2025: số hóa kết quả giải quyết TTHC còn hiệu lực đạt 100% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'component_digitization_rate', 'commune', 'all', 2023, 2025, 100, NULL,
	 'Năm 2023-2025: số hóa kết quả giải quyết TTHC còn hiệu lực đạt 100% (cấp tỉnh, cấp huyện, cấp xã)', NULL, true),
	('QN-KH140-2021', 'dossier_digitization_rate', 'all', 'all', 2023, 2025, 100, NULL,
	 '100% hồ sơ thủ tục hành chính đã giải quyết thành công được số hóa, lưu trữ và có giá trị tái sử dụng',
	 'denominator: dossiers resolved successfully; "stored and reusable" is read as digitized into the warehouse', true),
	('QN-KH140-2021', 'esigned_result_rate', 'all', 'all', 2022, 2022, 50, NULL,
	 'Tối thiểu 50% kết quả giải quyết TTHC các cấp được ký số điện tử thay cho ký tay (áp dụng đối với những thủ tục đủ điều kiện thực hiện)',
	 'the plan counts only results of procedures eligible for digital signing; motcua''s rate divides by all results, so it understates the plan''s rate where some procedures are not eligible', true),
	('QN-KH140-2021', 'not_reprovided_rate', 'all', 'all', 2022, 2022, 40, NULL,
	 'Năm 2022: tối thiểu 40% người dân, doanh nghiệp ... không phải cung cấp lại các thông tin, giấy tờ, tài liệu đã được chấp nhận',
	 'section II.2.b and appendix item 2.5 agree on 40% for 2022', true),
	('QN-KH140-2021', 'not_reprovided_rate', 'all', 'all', 2023, 2025, 90, NULL,
	 'Năm 2023-2025: tối thiểu 90% người dân, doanh nghiệp ... không phải cung cấp lại các thông tin, giấy tờ, tài liệu',
	 'stored as section II.2.c states it (90%); the appendix (item 2.5) contradicts it and itself: its task column says "tăng tối thiểu mỗi năm tiếp theo 20%" (+20 points a year: 60/80/100%), its result column "Năm 2023 trở đi mỗi năm tăng tỷ lệ lên 2%" (+2 points a year: 42/44/46%)', true),
	('QN-KH140-2021', 'online_rate', 'all', 'all', 2023, 2025, 70, NULL,
	 'Tỷ lệ người dân thực hiện các dịch vụ công trực tuyến ... tối thiểu đạt 70% so với tổng số hồ sơ tiếp nhận', NULL, true),
	('QN-KH140-2021', 'electronic_transfer_rate', 'all', 'all', 2023, 2025, 100, NULL,
	 '100% trở lên hồ sơ giải quyết TTHC được luân chuyển trong nội bộ giữa các cơ quan ... được thực hiện bằng phương thức điện tử',
	 'the text says "100% trở lên" (100% or more); read as 100%', true),
	('QN-KH140-2021', 'avg_wait_minutes', 'all', 'all', 2022, 2022, 25, NULL,
	 'Năm 2022: giảm thời gian chờ đợi ... xuống trung bình còn tối đa 25 phút/01 lần đến giao dịch', NULL, true),
	('QN-KH140-2021', 'avg_wait_minutes', 'all', 'all', 2023, 2025, 15, NULL,
	 'Năm 2023-2025: giảm thời gian chờ đợi ... xuống trung bình còn tối đa 15 phút/01 lượt giao dịch',
	 'appendix item 4.3 gives 15 minutes for 2021-2025 as a whole; the yearly figures of section II.2 (25 in 2022, 15 from 2023) are stored', true),
	('QN-KH140-2021', 'served_under_10_rate', 'all', 'all', 2022, 2022, 50, NULL,
	 'Tỉnh Quảng Ninh phấn đấu đạt trên 50% số lượng giao dịch dưới 10 phút/01 lần',
	 'strictly more than 50% ("trên 50%"); an aspiration ("phấn đấu")', true),
	('QN-KH140-2021', 'served_under_10_rate', 'all', 'all', 2023, 2025, 70, NULL,
	 'Tỉnh Quảng Ninh phấn đấu đạt trên 70% số lượng giao dịch dưới 10 phút/01 lần',
	 'strictly more than 70% ("trên 70%"); an aspiration ("phấn đấu")', true),
	('QN-KH140-2021', 'processing_time_cut_minutes', 'all', 'all', 2021, 2025, 30, NULL,
	 'Thời gian tiếp nhận, xử lý hồ sơ tối thiểu 30 phút/01 hồ sơ',
	 'the text reads "processing time at least 30 minutes per dossier"; Decision 468 means a cut of at least 30 minutes per dossier, which is how it is stored (appendix item 4.3, 2021-2025)', true),
	('QN-KH140-2021', 'satisfaction_rate', 'all', 'all', 2025, 2025, 98, NULL,
	 'Mức độ hài lòng của tổ chức, cá nhân đối với chất lượng cung cấp dịch vụ công ... đạt tối thiểu 98% vào năm 2025', NULL, true);

-- Quảng Ninh staff load, 2023-2025.  The exception for units that receive
-- fewer dossiers in total applies to every row.
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'province', 'center', 2023, 2025, 2000, NULL,
	 'Năng suất tiếp nhận hồ sơ trung bình trong 01 năm ... của 01 nhân sự trực tại Trung tâm Phục vụ hành chính công tỉnh ... là 2.000 hồ sơ',
	 'the province public administration service center; unless the unit''s total for the year is lower ("trừ trường hợp tổng số hồ sơ tiếp nhận trong năm/01 đơn vị ít hơn chỉ tiêu trên")', true),
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'district', 'city_town', 2023, 2025, 2000, NULL,
	 '... và Trung tâm Phục vụ hành chính công của các thị xã, thành phố là 2.000 hồ sơ',
	 'district-tier centers of cities and towns; unless the unit''s total for the year is lower', true),
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'district', 'other', 2023, 2025, 1600, NULL,
	 'Trung tâm hành chính công của các huyện còn lại là 1.600 hồ sơ',
	 'centers of the other districts; unless the unit''s total for the year is lower', true),
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'commune', 'city_town', 2023, 2025, 1200, NULL,
	 'Bộ phận tiếp nhận và trả kết quả hiện đại cấp xã của các thành phố, thị xã là 1.200 hồ sơ',
	 'commune-tier units in cities and towns; unless the unit''s total for the year is lower', true),
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'commune', 'other', 2023, 2025, 1000, NULL,
	 'Bộ phận tiếp nhận và trả kết quả hiện đại cấp xã của các huyện là 1.000 hồ sơ',
	 'commune-tier units of the districts; unless the unit''s total for the year is lower', true),
	('QN-KH140-2021', 'dossiers_per_front_desk_staff', 'all', 'remote', 2023, 2025, 800, NULL,
	 'vùng sâu, xa, đặc biệt khó khăn 800 hồ sơ (trừ trường hợp tổng số hồ sơ tiếp nhận trong năm/01 đơn vị ít hơn chỉ tiêu trên)',
	 'any unit in a remote or especially disadvantaged area, whatever its tier (read as taking precedence over the tier rows); unless the unit''s total for the year is lower', true);

-- Bắc Ninh, Quyết định 717/QĐ-UBND (as summarized in the news item).
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('BN-QD717-2021', 'component_digitization_rate', 'province', 'all', 2021, 2021, 50, NULL,
	 'Năm 2021: số hóa thành phần hồ sơ, kết quả giải quyết ... tối thiểu đạt 50% đối với cấp tỉnh; 30% đối với cấp huyện và 20% ở cấp xã', NULL, true),
	('BN-QD717-2021', 'component_digitization_rate', 'district', 'all', 2021, 2021, 30, NULL,
	 'Năm 2021: số hóa thành phần hồ sơ, kết quả giải quyết ... tối thiểu đạt 50% đối với cấp tỉnh; 30% đối với cấp huyện và 20% ở cấp xã', NULL, true),
	('BN-QD717-2021', 'component_digitization_rate', 'commune', 'all', 2021, 2021, 20, NULL,
	 'Năm 2021: số hóa thành phần hồ sơ, kết quả giải quyết ... tối thiểu đạt 50% đối với cấp tỉnh; 30% đối với cấp huyện và 20% ở cấp xã', NULL, true),
	('BN-QD717-2021', 'component_digitization_rate', 'all', 'all', 2022, 2022, NULL, NULL,
	 'Năm 2022: hoàn thành việc số hóa thành phần hồ sơ, kết quả giải quyết đối với các TTHC còn hiệu lực ... ở cả 3 cấp',
	 'the plan says digitization is to be completed at all three tiers but writes no percentage; completion suggests 100%, which is not stated, so no number is stored', true),
	('BN-QD717-2021', 'not_reprovided_rate', 'all', 'all', 2023, 2025, 100, NULL,
	 'Giai đoạn 2023-2025: 100% người dân, doanh nghiệp khi thực hiện TTHC không phải cung cấp lại các thông tin, giấy tờ, tài liệu đã được chấp nhận', NULL, true),
	('BN-QD717-2021', 'online_rate', 'all', 'all', 2023, 2025, 60, NULL,
	 'Tỷ lệ người dân thực hiện các dịch vụ công trực tuyến ... tối thiểu đạt 60% so với tổng số hồ sơ tiếp nhận', NULL, true),
	('BN-QD717-2021', 'electronic_transfer_rate', 'all', 'all', 2023, 2025, 80, NULL,
	 'Tối thiểu từ 80% trở lên hồ sơ giải quyết TTHC được luân chuyển nội bộ giữa các cơ quan có thẩm quyền giải quyết',
	 'the item speaks of dossiers transferred internally between the competent agencies and does not say electronically; stored against electronic transfers, the nearest indicator motcua computes (Decision 468''s wording is "bằng phương thức điện tử")', true),
	('BN-QD717-2021', 'avg_wait_minutes', 'all', 'all', 2022, 2022, 30, NULL,
	 'Năm 2022: giảm thời gian chờ đợi ... xuống còn tối đa 30 phút/01 lần đến giao dịch', NULL, true),
	('BN-QD717-2021', 'satisfaction_rate', 'all', 'all', 2025, 2025, 95, NULL,
	 'Mức độ hài lòng của tổ chức, cá nhân đối với chất lượng dịch vụ công đạt tối thiểu 95% vào năm 2025', NULL, true);

-- Bắc Giang Department of Foreign Affairs (appendix, by year).  The plan
-- covers one department's one-stop unit, so its targets are for all tiers.
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('BG-SNGV-2021', 'component_digitization_rate', 'all', 'all', 2022, 2022, NULL, 20,
	 'Tiếp tục triển khai số hóa kết quả giải quyết TTHC còn hiệu lực (tăng 20%)',
	 'read as 20 percentage points over the 2021 rate (the 2021 rate itself has no target); whether the 20% is points or a relative increase is not said', true),
	('BG-SNGV-2021', 'component_digitization_rate', 'all', 'all', 2023, 2025, 100, NULL,
	 'Tiếp tục triển khai số hóa kết quả giải quyết TTHC còn hiệu lực cho đến khi đạt tỉ lệ 100%',
	 '"until 100% is reached" within 2023-2025; no yearly steps given', true),
	('BG-SNGV-2021', 'avg_wait_minutes', 'all', 'all', 2022, 2022, 20, NULL,
	 'Giảm thời gian chờ đợi của công dân xuống còn tối đa 20 phút/1 lần giao dịch', NULL, true),
	('BG-SNGV-2021', 'avg_wait_minutes', 'all', 'all', 2023, 2025, 15, NULL,
	 'Giảm thời gian chờ đợi của người dân, doanh nghiệp xuống còn tối đa 15 phút/1 lượt giao dịch', NULL, true),
	('BG-SNGV-2021', 'processing_time_cut_minutes', 'all', 'all', 2023, 2025, 30, NULL,
	 'Thời gian tiếp nhận, xử lý hồ sơ tối thiểu 30 phút/1 hồ sơ',
	 'same wording as Quảng Ninh: read as a cut of at least 30 minutes per dossier, as in Decision 468', true);

-- Ministry of Science and Technology (appendix, items III.2, III.4, IV.1
-- and II.2.3).  Its targets are for all of the ministry's one-stop units.
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('BKHCN-468-2021', 'component_digitization_rate', 'all', 'all', 2021, 2021, 40, NULL,
	 'Thực hiện số hóa kết quả giải quyết TTHC còn hiệu lực ... đảm bảo đạt 40% vào năm 2021 và 100% vào năm 2022', NULL, true),
	('BKHCN-468-2021', 'component_digitization_rate', 'all', 'all', 2022, 2022, 100, NULL,
	 'Thực hiện số hóa kết quả giải quyết TTHC còn hiệu lực ... đảm bảo đạt 40% vào năm 2021 và 100% vào năm 2022', NULL, true),
	('BKHCN-468-2021', 'dossier_digitization_rate', 'all', 'all', 2023, 2025, NULL, 20,
	 'Tăng tỷ lệ số hóa, ký số và lưu trữ điện tử đối với hồ sơ, giấy tờ, kết quả giải quyết TTHC đã được giải quyết thành công trong mỗi năm tăng thêm 20% kể từ năm 2023',
	 'docs/domain.md §5 lists this in the component row, but it counts dossiers resolved successfully (digitized, signed and archived), which is dossier_digitization_rate; with valid results already at 100% in 2022 the component rate cannot rise 20 points.  Read as +20 percentage points a year over the previous year''s rate; digital signing and electronic archiving are not checked separately', true),
	('BKHCN-468-2021', 'not_reprovided_rate', 'all', 'all', 2022, 2022, 30, NULL,
	 'Giảm tỷ lệ người dân, doanh nghiệp cung cấp lại các thông tin, giấy tờ, tài liệu đã được chấp nhận ..., đạt tối thiểu 30% vào năm 2022',
	 'literally "reduce the rate of persons re-providing ..., reaching at least 30%"; read as at least 30% not re-providing, as in Decision 468', true),
	('BKHCN-468-2021', 'not_reprovided_rate', 'all', 'all', 2025, 2025, 80, NULL,
	 'Giảm tỷ lệ người dân, doanh nghiệp cung cấp lại các thông tin, giấy tờ, tài liệu đã được chấp nhận ..., đạt ... 80% vào năm 2025',
	 'read as at least 80% not re-providing by 2025; nothing is written for 2023-2024', true),
	('BKHCN-468-2021', 'online_rate', 'all', 'all', 2021, 2025, 50, NULL,
	 'Tỷ lệ người dân thực hiện TTHC trên môi trường điện tử đạt tối thiểu 50% so với tổng số hồ sơ tiếp nhận',
	 'the item''s deadline is "Hằng năm" (every year) with no year written; stored over the plan''s horizon 2021-2025', true),
	('BKHCN-468-2021', 'electronic_transfer_rate', 'all', 'all', 2023, 2025, 80, NULL,
	 'Tăng tỷ lệ luân chuyển hồ sơ giải quyết TTHC bằng phương thức điện tử đạt tối thiểu từ 80% (đối với hồ sơ luân chuyển trong nội bộ giữa các cơ quan ...)', NULL, true),
	('BKHCN-468-2021', 'avg_wait_minutes', 'all', 'all', 2022, 2022, 30, NULL,
	 'Giảm thời gian chờ đợi ... đảm bảo tối đa 30 phút/01 lượt giao dịch vào năm 2022', NULL, true),
	('BKHCN-468-2021', 'avg_wait_minutes', 'all', 'all', 2025, 2025, 15, NULL,
	 '... và còn 15 phút/01 lượt giao dịch vào năm 2025', 'nothing is written for 2023-2024', true),
	('BKHCN-468-2021', 'processing_time_cut_minutes', 'all', 'all', 2025, 2025, 30, NULL,
	 'Giảm thời gian tiếp nhận, xử lý hồ sơ tối thiểu 30 phút/01 hồ sơ vào năm 2025', NULL, true),
	('BKHCN-468-2021', 'dossiers_per_front_desk_staff', 'all', 'all', 2023, 2023, 2000, NULL,
	 'Tăng năng suất tiếp nhận hồ sơ trung bình của 01 nhân sự làm việc tại BPMC đạt tối thiểu 2.000 hồ sơ/năm vào năm 2023',
	 'stated for 2023 only ("vào năm 2023")', true),
	('BKHCN-468-2021', 'satisfaction_rate', 'all', 'all', 2025, 2025, 95, NULL,
	 'Tăng mức độ hài lòng của tổ chức, cá nhân ... đến năm 2025 đạt tối thiểu 95%', NULL, true);

-- Bến Tre, campaign of 01/12/2023-31/12/2023 (section IV).
INSERT INTO motcua.plan_target (plan, indicator, tier, area_class, year_from, year_to, target, increase_per_year, quote, note, shipped) VALUES
	('BT-KH7386-2023', 'online_rate', 'all', 'all', 2023, 2023, 50, NULL,
	 'Tỷ lệ hồ sơ thủ tục hành chính được người dân, doanh nghiệp thực hiện trực tuyến đạt tối thiểu 50%',
	 'by the end of the campaign (31/12/2023); baseline 29% (the plan gives no period or counts)', true),
	('BT-KH7386-2023', 'online_payment_rate', 'all', 'all', 2023, 2023, 30, NULL,
	 'Tỷ lệ hồ sơ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công đạt tối thiểu 30%',
	 'by 31/12/2023; baseline 4.31% = 4,048 dossiers paid online of 93,990 dossiers with financial obligations, 01/01-01/11/2023; the target divides by payment transactions, the baseline (and motcua) by dossiers with non-zero fees', true),
	('BT-KH7386-2023', 'dossier_digitization_rate', 'all', 'all', 2023, 2023, 100, NULL,
	 'Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100%',
	 'by 31/12/2023; baseline 33.2% = 65,465 of 196,960 dossiers, 15/12/2022-14/9/2023 (province 52,463/101,110, district 13,004/95,850; the parts add to 65,467)', true);

-- Shipped rows are maintained by the extension's upgrade scripts; local
-- plans go into new rows (see motcua_internal.protect_shipped_rows).
SELECT motcua_internal.ship_table(t) FROM unnest('{motcua.kpi_indicator,motcua.plan,motcua.plan_target}'::regclass[]) t;

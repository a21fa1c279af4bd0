-- motcua_sample: the sample reference data, a companion extension apart from
-- motcua's own install script.  `CREATE EXTENSION motcua_sample;` then
-- `SELECT * FROM motcua.load_sample_data();` loads it.
\echo Use "CREATE EXTENSION motcua_sample" to load this file. \quit

-- Sample reference data (docs/domain.md §3, §9): fields, document types, three
-- jurisdictions with their tiers and unit trees, and about fifty procedures
-- with their dossier components, modelled on the national catalogue's
-- most-used procedures.  load_sample_data() is idempotent: every insert is
-- ON CONFLICT DO NOTHING, so a second call inserts nothing and a DBA's own
-- rows are never overwritten.
--
-- Codes: only the procedure codes marked code_is_sample = false are believed
-- to be real national catalogue codes (1.001193 khai sinh, 1.000894 kết hôn).
-- Every other procedure code is an invented sample in the range 9.900001 to 9.999999, or
-- the sample local-suffix code 1.001612.000.00.00.H22.  Unit electronic IDs
-- below level 1 are invented too.  Province codes 22 and 79 and the district
-- codes 193 (Hạ Long), 196 (Uông Bí) and 202 (Ba Chẽ) follow the national
-- list; all 5-digit commune/ward codes are plausible but invented.
CREATE OR REPLACE FUNCTION motcua.load_sample_data() RETURNS TABLE(item text, rows bigint)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	n_field		bigint := 0;
	n_doctype	bigint := 0;
	n_jur		bigint := 0;
	n_tier		bigint := 0;
	n_unit		bigint := 0;
	n_proc		bigint := 0;
	n_comp		bigint := 0;
	n			bigint;
BEGIN
	-- Fields [lĩnh vực].  Location-independent by default (nộp hồ sơ không
	-- phụ thuộc địa giới hành chính): hộ tịch, cư trú, xuất nhập cảnh,
	-- bảo hiểm xã hội, thuế.
	INSERT INTO motcua.field (code, name, location_independent_default) VALUES
		('ho_tich', 'Hộ tịch', true),
		('chung_thuc', 'Chứng thực', false),
		('cu_tru', 'Đăng ký, quản lý cư trú', true),
		('xuat_nhap_canh', 'Quản lý xuất nhập cảnh', true),
		('dang_ky_doanh_nghiep', 'Thành lập và hoạt động của doanh nghiệp', false),
		('ho_kinh_doanh', 'Thành lập và hoạt động của hộ kinh doanh', false),
		('dat_dai', 'Đất đai', false),
		('xay_dung', 'Hoạt động xây dựng', false),
		('duong_bo', 'Đường bộ', false),
		('bao_hiem_xa_hoi', 'Bảo hiểm xã hội', true),
		('viec_lam', 'Việc làm', false),
		('lao_dong', 'Lao động', false),
		('thue', 'Thuế', true),
		('ly_lich_tu_phap', 'Lý lịch tư pháp', false),
		('van_bang', 'Văn bằng, chứng chỉ', false),
		('kham_chua_benh', 'Khám bệnh, chữa bệnh', false),
		('hoat_dong_khcn', 'Hoạt động khoa học và công nghệ', false),
		('so_huu_tri_tue', 'Sở hữu trí tuệ', false),
		('an_toan_buc_xa', 'An toàn bức xạ và hạt nhân', false),
		('ngoai_vu', 'Ngoại vụ', false)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_field := n;

	-- Document types.  is_result: the document is the result of some
	-- procedure (whether or not that procedure is in this sample); forms
	-- (category 'form') are filled in anew for every dossier.
	INSERT INTO motcua.document_type (code, name, category, is_result, validity, national_database)
	SELECT v.code, v.name, v.category, v.is_result, v.validity::interval, v.ndb
	FROM (VALUES
		-- identity and civil status
		('CCCD', 'Thẻ căn cước công dân / Thẻ căn cước', 'identity', true, NULL, 'population'),
		('HO_CHIEU', 'Hộ chiếu phổ thông', 'identity', true, '10 years', NULL),
		('ANH_THE', 'Ảnh chân dung (ảnh thẻ)', 'identity', false, '6 months', NULL),
		('GIAY_KHAI_SINH', 'Giấy khai sinh', 'civil_status', true, NULL, 'civil_status'),
		('GIAY_CN_KET_HON', 'Giấy chứng nhận kết hôn', 'civil_status', true, NULL, 'civil_status'),
		('TRICH_LUC_KHAI_TU', 'Trích lục khai tử', 'civil_status', true, NULL, 'civil_status'),
		('TRICH_LUC_HO_TICH', 'Trích lục hộ tịch (bản sao trích lục, trích lục thay đổi, cải chính)', 'civil_status', true, NULL, 'civil_status'),
		('XAC_NHAN_TINH_TRANG_HON_NHAN', 'Giấy xác nhận tình trạng hôn nhân', 'civil_status', true, '6 months', 'civil_status'),
		('GIAY_CHUNG_SINH', 'Giấy chứng sinh', 'health', false, NULL, NULL),
		('GIAY_BAO_TU', 'Giấy báo tử hoặc giấy tờ thay thế giấy báo tử', 'health', false, NULL, NULL),
		-- residence
		('GIAY_TO_CHO_O_HOP_PHAP', 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp', 'residence', false, NULL, NULL),
		('XAC_NHAN_CU_TRU', 'Giấy xác nhận thông tin về cư trú', 'residence', true, '6 months', 'population'),
		-- business, tax
		('GIAY_CN_DKDN', 'Giấy chứng nhận đăng ký doanh nghiệp', 'business', true, NULL, 'business_registration'),
		('GIAY_CN_DK_HKD', 'Giấy chứng nhận đăng ký hộ kinh doanh', 'business', true, NULL, NULL),
		('DIEU_LE_CONG_TY', 'Điều lệ công ty', 'business', false, NULL, NULL),
		('DANH_SACH_THANH_VIEN', 'Danh sách thành viên công ty trách nhiệm hữu hạn', 'business', false, NULL, NULL),
		('DANH_SACH_CO_DONG', 'Danh sách cổ đông sáng lập', 'business', false, NULL, NULL),
		('NGHI_QUYET_THAY_DOI_DN', 'Nghị quyết, quyết định về việc thay đổi nội dung đăng ký doanh nghiệp', 'business', false, NULL, NULL),
		('THONG_BAO_MA_SO_THUE', 'Thông báo mã số thuế', 'tax', true, NULL, 'tax'),
		-- land, construction, transport
		('GIAY_CN_QSDD', 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'land', true, NULL, 'land'),
		('HOP_DONG_CHUYEN_NHUONG_QSDD', 'Hợp đồng chuyển nhượng quyền sử dụng đất (đã công chứng, chứng thực)', 'land', false, NULL, NULL),
		('VAN_BAN_THUA_KE', 'Văn bản khai nhận, thỏa thuận phân chia di sản thừa kế', 'justice', false, NULL, NULL),
		('GIAY_TO_NGUON_GOC_DAT', 'Giấy tờ về quyền sử dụng đất, nguồn gốc đất', 'land', false, NULL, NULL),
		('BAN_VE_THIET_KE', 'Bản vẽ thiết kế xây dựng', 'construction', false, NULL, NULL),
		('GIAY_PHEP_XAY_DUNG', 'Giấy phép xây dựng', 'construction', true, '12 months', NULL),
		('GIAY_PHEP_LAI_XE', 'Giấy phép lái xe', 'transport', true, NULL, NULL),
		('GIAY_PHEP_LAI_XE_QUOC_TE', 'Giấy phép lái xe quốc tế', 'transport', true, '3 years', NULL),
		-- insurance, labour, health
		('SO_BHXH', 'Sổ bảo hiểm xã hội', 'insurance', true, NULL, 'social_insurance'),
		('QUYET_DINH_HUONG_BHXH', 'Quyết định hưởng bảo hiểm xã hội một lần', 'insurance', true, NULL, 'social_insurance'),
		('QUYET_DINH_THOI_VIEC', 'Quyết định thôi việc hoặc giấy tờ chứng minh chấm dứt hợp đồng lao động', 'labour', false, NULL, NULL),
		('QUYET_DINH_TRO_CAP_THAT_NGHIEP', 'Quyết định hưởng trợ cấp thất nghiệp', 'labour', true, NULL, NULL),
		('GIAY_PHEP_LAO_DONG', 'Giấy phép lao động cho người lao động nước ngoài', 'labour', true, '2 years', NULL),
		('VAN_BAN_CHAP_THUAN_NHU_CAU_LD', 'Văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài', 'labour', true, NULL, NULL),
		('GIAY_KHAM_SUC_KHOE', 'Giấy khám sức khỏe', 'health', false, '6 months', NULL),
		('CHUNG_CHI_HANH_NGHE_KCB', 'Chứng chỉ hành nghề (giấy phép hành nghề) khám bệnh, chữa bệnh', 'health', true, NULL, NULL),
		('XAC_NHAN_THUC_HANH_KCB', 'Giấy xác nhận hoàn thành quá trình thực hành khám bệnh, chữa bệnh', 'health', false, NULL, NULL),
		-- justice, education
		('PHIEU_LY_LICH_TU_PHAP', 'Phiếu lý lịch tư pháp', 'justice', true, '6 months', NULL),
		('BAN_SAO_CHUNG_THUC', 'Bản sao được chứng thực từ bản chính', 'justice', true, NULL, NULL),
		('BAN_CHINH_GIAY_TO', 'Bản chính giấy tờ, văn bản cần chứng thực', 'other', false, NULL, NULL),
		('VAN_BAN_CHUNG_THUC_CHU_KY', 'Giấy tờ, văn bản cần chứng thực chữ ký', 'other', false, NULL, NULL),
		('HOP_DONG_GIAO_DICH', 'Dự thảo hợp đồng, giao dịch', 'other', false, NULL, NULL),
		('VAN_BANG', 'Văn bằng, chứng chỉ giáo dục', 'education', true, NULL, NULL),
		('BAN_SAO_VAN_BANG', 'Bản sao văn bằng, chứng chỉ từ sổ gốc', 'education', true, NULL, NULL),
		-- science and technology, foreign affairs
		('BAO_CAO_KET_QUA_KHCN', 'Báo cáo tổng hợp kết quả thực hiện nhiệm vụ khoa học và công nghệ', 'other', false, NULL, NULL),
		('GIAY_CN_DK_KET_QUA_KHCN', 'Giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ', 'other', true, NULL, NULL),
		('GIAY_PHEP_BUC_XA', 'Giấy phép tiến hành công việc bức xạ', 'other', true, '3 years', NULL),
		('BAO_CAO_DANH_GIA_AN_TOAN', 'Báo cáo đánh giá an toàn bức xạ', 'other', false, NULL, NULL),
		('CHUNG_CHI_NHAN_VIEN_BUC_XA', 'Chứng chỉ nhân viên bức xạ', 'other', true, NULL, NULL),
		('MAU_NHAN_HIEU', 'Mẫu nhãn hiệu và danh mục hàng hóa, dịch vụ', 'other', false, NULL, NULL),
		('GIAY_CN_DK_NHAN_HIEU', 'Giấy chứng nhận đăng ký nhãn hiệu', 'other', true, '10 years', NULL),
		('BAN_MO_TA_SANG_CHE', 'Bản mô tả sáng chế và yêu cầu bảo hộ', 'other', false, NULL, NULL),
		('BANG_DOC_QUYEN_SANG_CHE', 'Bằng độc quyền sáng chế', 'other', true, '20 years', NULL),
		('CHUNG_TU_NOP_PHI', 'Chứng từ nộp phí, lệ phí', 'other', false, NULL, NULL),
		('DE_AN_HOI_NGHI', 'Đề án tổ chức hội nghị, hội thảo quốc tế', 'other', false, NULL, NULL),
		('VAN_BAN_CHO_PHEP_HOI_NGHI', 'Văn bản cho phép tổ chức hội nghị, hội thảo quốc tế', 'other', true, NULL, NULL),
		('GIAY_UY_QUYEN', 'Văn bản ủy quyền', 'other', false, NULL, NULL),
		-- forms and declarations: filled in for each dossier, never reused
		('TO_KHAI_KHAI_SINH', 'Tờ khai đăng ký khai sinh', 'form', false, NULL, NULL),
		('TO_KHAI_KET_HON', 'Tờ khai đăng ký kết hôn', 'form', false, NULL, NULL),
		('TO_KHAI_KHAI_TU', 'Tờ khai đăng ký khai tử', 'form', false, NULL, NULL),
		('TO_KHAI_XAC_NHAN_TTHN', 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', 'form', false, NULL, NULL),
		('TO_KHAI_HO_TICH', 'Tờ khai yêu cầu cấp bản sao trích lục, thay đổi, cải chính hộ tịch', 'form', false, NULL, NULL),
		('TO_KHAI_THAY_DOI_CU_TRU', 'Tờ khai thay đổi thông tin cư trú (mẫu CT01)', 'form', false, NULL, NULL),
		('TO_KHAI_HO_CHIEU', 'Tờ khai đề nghị cấp hộ chiếu phổ thông (mẫu TK01)', 'form', false, NULL, NULL),
		('GIAY_DE_NGHI_DKDN', 'Giấy đề nghị đăng ký doanh nghiệp', 'form', false, NULL, NULL),
		('THONG_BAO_THAY_DOI_DKDN', 'Thông báo thay đổi nội dung đăng ký doanh nghiệp', 'form', false, NULL, NULL),
		('GIAY_DE_NGHI_DK_HKD', 'Giấy đề nghị đăng ký hộ kinh doanh', 'form', false, NULL, NULL),
		('DON_DANG_KY_DAT_DAI', 'Đơn đăng ký đất đai, tài sản gắn liền với đất (mẫu 04/ĐK)', 'form', false, NULL, NULL),
		('DON_DANG_KY_BIEN_DONG', 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất', 'form', false, NULL, NULL),
		('DON_DE_NGHI_CAP_GPXD', 'Đơn đề nghị cấp giấy phép xây dựng', 'form', false, NULL, NULL),
		('DON_DE_NGHI_GPLX', 'Đơn đề nghị đổi, cấp lại giấy phép lái xe', 'form', false, NULL, NULL),
		('TO_KHAI_LY_LICH_TU_PHAP', 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 'form', false, NULL, NULL),
		('TO_KHAI_DANG_KY_THUE', 'Tờ khai đăng ký thuế', 'form', false, NULL, NULL),
		('TO_KHAI_BHXH', 'Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế (mẫu TK1-TS)', 'form', false, NULL, NULL),
		('DON_DE_NGHI_HUONG_BHXH', 'Đơn đề nghị hưởng bảo hiểm xã hội một lần', 'form', false, NULL, NULL),
		('DE_NGHI_TRO_CAP_THAT_NGHIEP', 'Đề nghị hưởng trợ cấp thất nghiệp', 'form', false, NULL, NULL),
		('VAN_BAN_DE_NGHI_GPLD', 'Văn bản đề nghị cấp giấy phép lao động', 'form', false, NULL, NULL),
		('DON_DE_NGHI_CCHN', 'Đơn đề nghị cấp chứng chỉ hành nghề khám bệnh, chữa bệnh', 'form', false, NULL, NULL),
		('DE_NGHI_CAP_BAN_SAO_VB', 'Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc', 'form', false, NULL, NULL),
		('PHIEU_YEU_CAU_CHUNG_THUC', 'Phiếu yêu cầu chứng thực hợp đồng, giao dịch', 'form', false, NULL, NULL),
		('TO_KHAI_DANG_KY_NHAN_HIEU', 'Tờ khai đăng ký nhãn hiệu', 'form', false, NULL, NULL),
		('TO_KHAI_DANG_KY_SANG_CHE', 'Tờ khai đăng ký sáng chế', 'form', false, NULL, NULL),
		('DON_DE_NGHI_GP_BUC_XA', 'Đơn đề nghị cấp giấy phép tiến hành công việc bức xạ', 'form', false, NULL, NULL),
		('PHIEU_DANG_KY_KET_QUA_KHCN', 'Phiếu đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ', 'form', false, NULL, NULL),
		('VAN_BAN_DE_NGHI_HOI_NGHI', 'Văn bản đề nghị cho phép tổ chức hội nghị, hội thảo quốc tế', 'form', false, NULL, NULL)
	) AS v(code, name, category, is_result, validity, ndb)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_doctype := n;

	-- Jurisdictions and their tiers.  H22 is a pre-2025 three-tier province,
	-- H79 a merged post-2025 two-tier province, G17 a ministry.
	INSERT INTO motcua.jurisdiction (code, name, kind, admin_code, valid_from, valid_to, note) VALUES
		('H22', 'Tỉnh Quảng Ninh', 'province', '22', NULL, '2025-07-01',
		 'Dữ liệu mẫu: cơ cấu ba cấp (tỉnh, huyện, xã) trước ngày 01/7/2025'),
		('H79', 'Thành phố Hồ Chí Minh', 'province', '79', '2025-07-01', NULL,
		 'Dữ liệu mẫu: cơ cấu hai cấp (tỉnh, xã) sau sắp xếp đơn vị hành chính năm 2025'),
		('G17', 'Bộ Khoa học và Công nghệ', 'ministry', NULL, NULL, NULL,
		 'Dữ liệu mẫu: bộ, cục/vụ/viện, phòng/trung tâm')
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_jur := n;

	INSERT INTO motcua.tier (jurisdiction, level, name, name_en) VALUES
		('H22', 1, 'Cấp tỉnh', 'province'),
		('H22', 2, 'Cấp huyện', 'district'),
		('H22', 3, 'Cấp xã', 'commune'),
		('H79', 1, 'Cấp tỉnh', 'province'),
		('H79', 2, 'Cấp xã', 'commune'),
		('G17', 1, 'Cấp bộ', 'ministry'),
		('G17', 2, 'Cấp cục, vụ, viện', 'department'),
		('G17', 3, 'Cấp phòng, trung tâm', 'division')
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_tier := n;

	-- Units, inserted level by level so that every parent exists (and is
	-- visible to the unit_tree trigger) before its children.  IDs below
	-- level 1 are invented samples.  Commune/ward codes (5 digits) are
	-- plausible but INVENTED: 06646, 06649, 06661 (Hạ Long), 06793, 06796
	-- (Uông Bí), 06940, 06946 (Ba Chẽ), 26734, 26740, 26743, 27673 (HCM).
	-- Roots.
	INSERT INTO motcua.unit (id, name, jurisdiction, tier, parent, kind, admin_unit_code,
							 staff_count, front_desk_staff, area_class, receives_dossiers,
							 address, latitude, longitude)
	SELECT v.id::motcua.unit_id, v.name, v.jur, v.tier::smallint, v.parent::motcua.unit_id, v.kind,
		   v.auc, v.staff, v.desk, v.area, v.recv, v.address, v.lat::numeric, v.lon::numeric
	FROM (VALUES
		('000.00.00.H22', 'Ủy ban nhân dân tỉnh Quảng Ninh', 'H22', 1, NULL, 'authority', '22',
		 0, 0, 'center', false, 'Trụ sở Liên cơ quan số 3, phường Hồng Hà, thành phố Hạ Long, tỉnh Quảng Ninh', 20.948600, 107.112200),
		('000.00.00.H79', 'Ủy ban nhân dân Thành phố Hồ Chí Minh', 'H79', 1, NULL, 'authority', '79',
		 0, 0, 'center', false, '86 Lê Thánh Tôn, phường Sài Gòn, Thành phố Hồ Chí Minh', 10.776400, 106.700900),
		('000.00.00.G17', 'Bộ Khoa học và Công nghệ', 'G17', 1, NULL, 'authority', NULL,
		 0, 0, 'center', false, '113 Trần Duy Hưng, Hà Nội', 21.011700, 105.799700)
	) AS v(id, name, jur, tier, parent, kind, auc, staff, desk, area, recv, address, lat, lon)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_unit := n;

	-- Children of the roots: service centers, departments, district
	-- People's Committees (H22), wards and communes (H79), the ministry's
	-- one-stop unit and departments (G17).
	INSERT INTO motcua.unit (id, name, jurisdiction, tier, parent, kind, admin_unit_code,
							 staff_count, front_desk_staff, area_class, receives_dossiers,
							 address, latitude, longitude)
	SELECT v.id::motcua.unit_id, v.name, v.jur, v.tier::smallint, v.parent::motcua.unit_id, v.kind,
		   v.auc, v.staff, v.desk, v.area, v.recv, v.address, v.lat::numeric, v.lon::numeric
	FROM (VALUES
		('000.00.01.H22', 'Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'service_center', NULL,
		 80, 60, 'center', true, 'Tầng 1, Trụ sở Liên cơ quan số 3, phường Hồng Hà, thành phố Hạ Long, tỉnh Quảng Ninh', 20.949200, 107.112800),
		('000.00.02.H22', 'Sở Tư pháp tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.03.H22', 'Sở Kế hoạch và Đầu tư tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.04.H22', 'Sở Tài nguyên và Môi trường tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.05.H22', 'Sở Xây dựng tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.06.H22', 'Sở Giao thông vận tải tỉnh Quảng Ninh', 'H22', 1, '000.00.00.H22', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.10.H22', 'Ủy ban nhân dân thành phố Hạ Long', 'H22', 2, '000.00.00.H22', 'authority', '193',
		 0, 0, 'city_town', false, 'Phường Hồng Gai, thành phố Hạ Long, tỉnh Quảng Ninh', 20.952000, 107.080000),
		('000.00.11.H22', 'Ủy ban nhân dân thành phố Uông Bí', 'H22', 2, '000.00.00.H22', 'authority', '196',
		 0, 0, 'city_town', false, 'Phường Quang Trung, thành phố Uông Bí, tỉnh Quảng Ninh', 21.036000, 106.773000),
		('000.00.12.H22', 'Ủy ban nhân dân huyện Ba Chẽ', 'H22', 2, '000.00.00.H22', 'authority', '202',
		 0, 0, 'remote', false, 'Thị trấn Ba Chẽ, huyện Ba Chẽ, tỉnh Quảng Ninh', 21.270000, 107.286000),
		('000.00.01.H79', 'Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh', 'H79', 1, '000.00.00.H79', 'service_center', NULL,
		 120, 90, 'center', true, 'Phường Sài Gòn, Thành phố Hồ Chí Minh (địa chỉ mẫu)', 10.778000, 106.701500),
		('000.00.02.H79', 'Sở Tư pháp Thành phố Hồ Chí Minh', 'H79', 1, '000.00.00.H79', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.03.H79', 'Sở Tài chính Thành phố Hồ Chí Minh', 'H79', 1, '000.00.00.H79', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.04.H79', 'Sở Xây dựng Thành phố Hồ Chí Minh', 'H79', 1, '000.00.00.H79', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.31.H79', 'Ủy ban nhân dân phường Sài Gòn', 'H79', 2, '000.00.00.H79', 'authority', '26740',
		 40, 12, 'city_town', true, 'Phường Sài Gòn, Thành phố Hồ Chí Minh (địa chỉ mẫu)', 10.775000, 106.703000),
		('000.00.32.H79', 'Ủy ban nhân dân phường Bến Thành', 'H79', 2, '000.00.00.H79', 'authority', '26743',
		 38, 12, 'city_town', true, 'Phường Bến Thành, Thành phố Hồ Chí Minh (địa chỉ mẫu)', 10.772500, 106.698000),
		('000.00.33.H79', 'Ủy ban nhân dân phường Tân Định', 'H79', 2, '000.00.00.H79', 'authority', '26734',
		 35, 10, 'city_town', true, 'Phường Tân Định, Thành phố Hồ Chí Minh (địa chỉ mẫu)', 10.790000, 106.690000),
		('000.00.34.H79', 'Ủy ban nhân dân xã Cần Giờ', 'H79', 2, '000.00.00.H79', 'authority', '27673',
		 25, 6, 'other', true, 'Xã Cần Giờ, Thành phố Hồ Chí Minh (địa chỉ mẫu)', 10.411000, 106.953000),
		('000.00.01.G17', 'Bộ phận Một cửa Bộ Khoa học và Công nghệ', 'G17', 1, '000.00.00.G17', 'one_stop', NULL,
		 12, 6, 'center', true, '113 Trần Duy Hưng, Hà Nội', 21.011700, 105.799700),
		('000.00.02.G17', 'Cục Sở hữu trí tuệ', 'G17', 2, '000.00.00.G17', 'department', NULL,
		 0, 0, 'center', false, '384-386 Nguyễn Trãi, Hà Nội', 20.993000, 105.807000),
		('000.00.03.G17', 'Cục Năng lượng nguyên tử', 'G17', 2, '000.00.00.G17', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.04.G17', 'Ủy ban Tiêu chuẩn Đo lường Chất lượng quốc gia', 'G17', 2, '000.00.00.G17', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.05.G17', 'Cục An toàn bức xạ và hạt nhân', 'G17', 2, '000.00.00.G17', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL),
		('000.00.06.G17', 'Văn phòng Bộ Khoa học và Công nghệ', 'G17', 2, '000.00.00.G17', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL)
	) AS v(id, name, jur, tier, parent, kind, auc, staff, desk, area, recv, address, lat, lon)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_unit := n_unit + n;

	-- Grandchildren: district one-stop centers and communes/wards (H22),
	-- divisions of the Intellectual Property Office (G17).
	INSERT INTO motcua.unit (id, name, jurisdiction, tier, parent, kind, admin_unit_code,
							 staff_count, front_desk_staff, area_class, receives_dossiers,
							 address, latitude, longitude)
	SELECT v.id::motcua.unit_id, v.name, v.jur, v.tier::smallint, v.parent::motcua.unit_id, v.kind,
		   v.auc, v.staff, v.desk, v.area, v.recv, v.address, v.lat::numeric, v.lon::numeric
	FROM (VALUES
		('000.01.10.H22', 'Trung tâm Hành chính công thành phố Hạ Long', 'H22', 2, '000.00.10.H22', 'one_stop', NULL,
		 35, 25, 'city_town', true, 'Phường Hồng Gai, thành phố Hạ Long, tỉnh Quảng Ninh', 20.951500, 107.081000),
		('000.11.10.H22', 'Ủy ban nhân dân phường Hồng Gai', 'H22', 3, '000.00.10.H22', 'authority', '06646',
		 14, 5, 'city_town', true, 'Phường Hồng Gai, thành phố Hạ Long, tỉnh Quảng Ninh', 20.953000, 107.078000),
		('000.12.10.H22', 'Ủy ban nhân dân phường Hà Khánh', 'H22', 3, '000.00.10.H22', 'authority', '06649',
		 12, 4, 'city_town', true, 'Phường Hà Khánh, thành phố Hạ Long, tỉnh Quảng Ninh', 20.973000, 107.125000),
		('000.13.10.H22', 'Ủy ban nhân dân phường Bãi Cháy', 'H22', 3, '000.00.10.H22', 'authority', '06661',
		 15, 5, 'city_town', true, 'Phường Bãi Cháy, thành phố Hạ Long, tỉnh Quảng Ninh', 20.956000, 107.045000),
		('000.01.11.H22', 'Trung tâm Hành chính công thành phố Uông Bí', 'H22', 2, '000.00.11.H22', 'one_stop', NULL,
		 20, 15, 'city_town', true, 'Phường Quang Trung, thành phố Uông Bí, tỉnh Quảng Ninh', 21.035000, 106.774500),
		('000.11.11.H22', 'Ủy ban nhân dân phường Quang Trung', 'H22', 3, '000.00.11.H22', 'authority', '06793',
		 12, 4, 'city_town', true, 'Phường Quang Trung, thành phố Uông Bí, tỉnh Quảng Ninh', 21.034000, 106.776000),
		('000.12.11.H22', 'Ủy ban nhân dân phường Thanh Sơn', 'H22', 3, '000.00.11.H22', 'authority', '06796',
		 11, 4, 'city_town', true, 'Phường Thanh Sơn, thành phố Uông Bí, tỉnh Quảng Ninh', 21.040000, 106.760000),
		('000.01.12.H22', 'Trung tâm Hành chính công huyện Ba Chẽ', 'H22', 2, '000.00.12.H22', 'one_stop', NULL,
		 10, 6, 'remote', true, 'Thị trấn Ba Chẽ, huyện Ba Chẽ, tỉnh Quảng Ninh', 21.270500, 107.285500),
		('000.11.12.H22', 'Ủy ban nhân dân thị trấn Ba Chẽ', 'H22', 3, '000.00.12.H22', 'authority', '06940',
		 9, 3, 'remote', true, 'Thị trấn Ba Chẽ, huyện Ba Chẽ, tỉnh Quảng Ninh', 21.271000, 107.287000),
		('000.12.12.H22', 'Ủy ban nhân dân xã Đồn Đạc', 'H22', 3, '000.00.12.H22', 'authority', '06946',
		 7, 2, 'remote', true, 'Xã Đồn Đạc, huyện Ba Chẽ, tỉnh Quảng Ninh', 21.230000, 107.310000),
		('000.01.02.G17', 'Phòng Tiếp nhận và Quản lý đơn, Cục Sở hữu trí tuệ', 'G17', 3, '000.00.02.G17', 'department', NULL,
		 15, 10, 'center', true, '384-386 Nguyễn Trãi, Hà Nội', 20.993000, 105.807000),
		('000.02.02.G17', 'Trung tâm Thẩm định sáng chế, Cục Sở hữu trí tuệ', 'G17', 3, '000.00.02.G17', 'department', NULL,
		 0, 0, 'center', false, NULL, NULL, NULL)
	) AS v(id, name, jur, tier, parent, kind, auc, staff, desk, area, recv, address, lat, lon)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_unit := n_unit + n;

	-- Procedures.  code_is_sample = false only for 1.001193 (khai sinh) and
	-- 1.000894 (kết hôn), believed to be real national catalogue codes; all
	-- others are invented samples (9.9000NN) or the sample local-suffix code.
	-- Fees in VND; "theo nghị quyết HĐND" fees are typical sample amounts.
	INSERT INTO motcua.procedure (code, name, field, tier, duration, duration_unit, online_level,
								  fee, fee_note, location_independent, receipt_cutoff, four_on_spot,
								  result_document_type, legal_basis, code_is_sample)
	SELECT v.code::motcua.procedure_code, v.name, v.field, v.tier, v.dur::numeric, v.dunit, v.online,
		   v.fee::numeric, v.fee_note, v.li, v.cutoff::time, v.four, v.result, v.legal, v.sample
	FROM (VALUES
		-- hộ tịch
		('1.001193', 'Thủ tục đăng ký khai sinh', 'ho_tich', 'commune', 0, 'same_day', 'full',
		 0, 'Miễn lệ phí đăng ký khai sinh đúng hạn', true, '15:00', false, 'GIAY_KHAI_SINH',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', false),
		('1.000894', 'Thủ tục đăng ký kết hôn', 'ho_tich', 'commune', 0, 'same_day', 'partial',
		 0, 'Miễn lệ phí đăng ký kết hôn giữa công dân Việt Nam cư trú ở trong nước', true, '15:00', false, 'GIAY_CN_KET_HON',
		 'Luật Hộ tịch 2014; Luật Hôn nhân và gia đình 2014; Nghị định 123/2015/NĐ-CP', false),
		('9.900001', 'Thủ tục đăng ký khai tử', 'ho_tich', 'commune', 0, 'same_day', 'full',
		 0, 'Miễn lệ phí đăng ký khai tử đúng hạn', true, '15:00', false, 'TRICH_LUC_KHAI_TU',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', true),
		('9.900002', 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân', 'ho_tich', 'commune', 3, 'working_day', 'full',
		 0, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', true, NULL, false, 'XAC_NHAN_TINH_TRANG_HON_NHAN',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', true),
		('9.900003', 'Thủ tục cấp bản sao trích lục hộ tịch', 'ho_tich', 'commune', 4, 'working_hour', 'full',
		 8000, '8.000 đồng/bản sao trích lục', true, '15:00', false, 'TRICH_LUC_HO_TICH',
		 'Luật Hộ tịch 2014; Thông tư 281/2016/TT-BTC', true),
		('9.900004', 'Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch', 'ho_tich', 'commune', 3, 'working_day', 'full',
		 15000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', true, NULL, false, 'TRICH_LUC_HO_TICH',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', true),
		('9.900005', 'Thủ tục đăng ký lại khai sinh', 'ho_tich', 'commune', 5, 'working_day', 'partial',
		 0, NULL, true, NULL, false, 'GIAY_KHAI_SINH',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', true),
		('9.900006', 'Thủ tục đăng ký kết hôn có yếu tố nước ngoài', 'ho_tich', 'district', 15, 'working_day', 'partial',
		 1000000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', true, NULL, false, 'GIAY_CN_KET_HON',
		 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP', true),
		('9.900007', 'Liên thông các thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
		 'ho_tich', 'commune', 5, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'GIAY_KHAI_SINH',
		 'Luật Hộ tịch 2014; Luật Cư trú 2020; Nghị định 63/2024/NĐ-CP', true),
		-- chứng thực
		('1.001612.000.00.00.H22', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản (quy trình áp dụng tại tỉnh Quảng Ninh)',
		 'chung_thuc', 'commune', 0, 'same_day', 'partial',
		 2000, '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản', false, '15:00', true, 'BAN_SAO_CHUNG_THUC',
		 'Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC', true),
		('9.900008', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'chung_thuc', 'commune', 8, 'working_hour', 'none',
		 10000, '10.000 đồng/trường hợp', false, '15:00', false, NULL,
		 'Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC', true),
		('9.900009', 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản', 'chung_thuc', 'commune', 2, 'working_day', 'none',
		 50000, '50.000 đồng/hợp đồng, giao dịch', false, NULL, false, NULL,
		 'Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC', true),
		('9.900049', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của nước ngoài cấp',
		 'chung_thuc', 'district', 2, 'working_day', 'none',
		 2000, '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản', false, NULL, false, 'BAN_SAO_CHUNG_THUC',
		 'Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC', true),
		-- cư trú
		('9.900010', 'Đăng ký thường trú', 'cu_tru', 'commune', 7, 'working_day', 'full',
		 20000, '20.000 đồng/lần; nộp trực tuyến 10.000 đồng/lần', true, NULL, false, NULL,
		 'Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP; Thông tư 75/2022/TT-BTC', true),
		('9.900011', 'Đăng ký tạm trú', 'cu_tru', 'commune', 3, 'working_day', 'full',
		 15000, '15.000 đồng/lần; nộp trực tuyến 7.000 đồng/lần', true, NULL, false, NULL,
		 'Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP; Thông tư 75/2022/TT-BTC', true),
		('9.900012', 'Xác nhận thông tin về cư trú', 'cu_tru', 'commune', 1, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'XAC_NHAN_CU_TRU',
		 'Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP', true),
		('9.900013', 'Khai báo tạm vắng', 'cu_tru', 'commune', 1, 'working_day', 'full',
		 0, NULL, true, NULL, false, NULL,
		 'Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP', true),
		-- xuất nhập cảnh
		('9.900014', 'Cấp hộ chiếu phổ thông ở trong nước', 'xuat_nhap_canh', 'province', 8, 'working_day', 'full',
		 200000, '200.000 đồng/lần cấp', true, NULL, false, 'HO_CHIEU',
		 'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 2019; Thông tư 25/2021/TT-BTC', true),
		('9.900015', 'Cấp lại hộ chiếu phổ thông bị mất', 'xuat_nhap_canh', 'province', 8, 'working_day', 'full',
		 400000, '400.000 đồng/lần cấp lại do bị mất, hư hỏng', true, NULL, false, 'HO_CHIEU',
		 'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 2019; Thông tư 25/2021/TT-BTC', true),
		-- doanh nghiệp, hộ kinh doanh
		('9.900016', 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên', 'dang_ky_doanh_nghiep', 'province', 3, 'working_day', 'full',
		 50000, '50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng điện tử', false, NULL, false, 'GIAY_CN_DKDN',
		 'Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP; Thông tư 47/2019/TT-BTC', true),
		('9.900017', 'Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên', 'dang_ky_doanh_nghiep', 'province', 3, 'working_day', 'full',
		 50000, '50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng điện tử', false, NULL, false, 'GIAY_CN_DKDN',
		 'Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP; Thông tư 47/2019/TT-BTC', true),
		('9.900018', 'Đăng ký thành lập công ty cổ phần', 'dang_ky_doanh_nghiep', 'province', 3, 'working_day', 'full',
		 50000, '50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng điện tử', false, NULL, false, 'GIAY_CN_DKDN',
		 'Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP; Thông tư 47/2019/TT-BTC', true),
		('9.900019', 'Đăng ký thành lập doanh nghiệp tư nhân', 'dang_ky_doanh_nghiep', 'province', 3, 'working_day', 'full',
		 50000, '50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng điện tử', false, NULL, false, 'GIAY_CN_DKDN',
		 'Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP; Thông tư 47/2019/TT-BTC', true),
		('9.900020', 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp', 'dang_ky_doanh_nghiep', 'province', 3, 'working_day', 'full',
		 50000, '50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng điện tử', false, NULL, false, 'GIAY_CN_DKDN',
		 'Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP; Thông tư 47/2019/TT-BTC', true),
		('9.900021', 'Đăng ký thành lập hộ kinh doanh', 'ho_kinh_doanh', 'district', 3, 'working_day', 'full',
		 100000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', false, '15:00', false, 'GIAY_CN_DK_HKD',
		 'Nghị định 01/2021/NĐ-CP', true),
		('9.900022', 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 'ho_kinh_doanh', 'district', 3, 'working_day', 'full',
		 50000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', false, '15:00', false, 'GIAY_CN_DK_HKD',
		 'Nghị định 01/2021/NĐ-CP', true),
		-- đất đai, xây dựng
		('9.900023', 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu',
		 'dat_dai', 'district', 20, 'working_day', 'partial',
		 100000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh; không tính thời gian thực hiện nghĩa vụ tài chính', false, NULL, false, 'GIAY_CN_QSDD',
		 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP', true),
		('9.900024', 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng', 'dat_dai', 'district', 10, 'working_day', 'partial',
		 50000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh; không tính thời gian thực hiện nghĩa vụ tài chính', false, NULL, false, 'GIAY_CN_QSDD',
		 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP', true),
		('9.900025', 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do thừa kế', 'dat_dai', 'district', 10, 'working_day', 'partial',
		 50000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', false, NULL, false, 'GIAY_CN_QSDD',
		 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP', true),
		('9.900026', 'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'dat_dai', 'district', 7, 'working_day', 'partial',
		 50000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', false, NULL, false, 'GIAY_CN_QSDD',
		 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP', true),
		('9.900027', 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ', 'xay_dung', 'district', 15, 'working_day', 'partial',
		 75000, '75.000 đồng/giấy phép (theo nghị quyết của Hội đồng nhân dân cấp tỉnh)', false, NULL, false, 'GIAY_PHEP_XAY_DUNG',
		 'Luật Xây dựng 2014 (sửa đổi 2020); Nghị định 15/2021/NĐ-CP', true),
		('9.900028', 'Cấp giấy phép xây dựng mới đối với công trình cấp II, cấp III', 'xay_dung', 'province', 20, 'working_day', 'partial',
		 150000, '150.000 đồng/giấy phép (theo nghị quyết của Hội đồng nhân dân cấp tỉnh)', false, NULL, false, 'GIAY_PHEP_XAY_DUNG',
		 'Luật Xây dựng 2014 (sửa đổi 2020); Nghị định 15/2021/NĐ-CP', true),
		-- đường bộ
		('9.900029', 'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp', 'duong_bo', 'province', 5, 'working_day', 'full',
		 135000, '135.000 đồng/lần', false, NULL, false, 'GIAY_PHEP_LAI_XE',
		 'Luật Trật tự, an toàn giao thông đường bộ 2024; Thông tư 37/2023/TT-BTC', true),
		('9.900030', 'Cấp lại giấy phép lái xe', 'duong_bo', 'province', 10, 'working_day', 'partial',
		 135000, '135.000 đồng/lần', false, NULL, false, 'GIAY_PHEP_LAI_XE',
		 'Luật Trật tự, an toàn giao thông đường bộ 2024; Thông tư 37/2023/TT-BTC', true),
		('9.900031', 'Cấp giấy phép lái xe quốc tế', 'duong_bo', 'province', 5, 'working_day', 'full',
		 135000, '135.000 đồng/lần', false, NULL, false, 'GIAY_PHEP_LAI_XE_QUOC_TE',
		 'Công ước Viên 1968 về giao thông đường bộ; Thông tư 37/2023/TT-BTC', true),
		-- bảo hiểm xã hội, việc làm, lao động
		('9.900032', 'Cấp lại sổ bảo hiểm xã hội do mất, hỏng', 'bao_hiem_xa_hoi', 'district', 10, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'SO_BHXH',
		 'Luật Bảo hiểm xã hội 2024; Quyết định 595/QĐ-BHXH', true),
		('9.900033', 'Đăng ký tham gia bảo hiểm xã hội tự nguyện', 'bao_hiem_xa_hoi', 'district', 5, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'SO_BHXH',
		 'Luật Bảo hiểm xã hội 2024', true),
		('9.900034', 'Giải quyết hưởng bảo hiểm xã hội một lần', 'bao_hiem_xa_hoi', 'district', 10, 'working_day', 'partial',
		 0, NULL, true, NULL, false, 'QUYET_DINH_HUONG_BHXH',
		 'Luật Bảo hiểm xã hội 2024', true),
		('9.900035', 'Giải quyết hưởng trợ cấp thất nghiệp', 'viec_lam', 'province', 20, 'working_day', 'partial',
		 0, NULL, false, NULL, false, 'QUYET_DINH_TRO_CAP_THAT_NGHIEP',
		 'Luật Việc làm 2013; Nghị định 28/2015/NĐ-CP', true),
		('9.900036', 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam', 'lao_dong', 'province', 10, 'working_day', 'full',
		 600000, 'Lệ phí theo nghị quyết của Hội đồng nhân dân cấp tỉnh', false, NULL, false, 'GIAY_PHEP_LAO_DONG',
		 'Bộ luật Lao động 2019; Nghị định 152/2020/NĐ-CP; Nghị định 70/2023/NĐ-CP', true),
		-- thuế, lý lịch tư pháp, văn bằng, y tế
		('9.900037', 'Đăng ký thuế lần đầu đối với cá nhân', 'thue', 'district', 3, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'THONG_BAO_MA_SO_THUE',
		 'Luật Quản lý thuế 2019; Thông tư 86/2024/TT-BTC', true),
		('9.900038', 'Đăng ký thay đổi thông tin đăng ký thuế', 'thue', 'district', 3, 'working_day', 'full',
		 0, NULL, true, NULL, false, 'THONG_BAO_MA_SO_THUE',
		 'Luật Quản lý thuế 2019; Thông tư 86/2024/TT-BTC', true),
		('9.900039', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
		 'ly_lich_tu_phap', 'province', 10, 'working_day', 'full',
		 200000, '200.000 đồng/lần/người; sinh viên, người có công với cách mạng 100.000 đồng', false, NULL, false, 'PHIEU_LY_LICH_TU_PHAP',
		 'Luật Lý lịch tư pháp 2009; Thông tư 244/2016/TT-BTC', true),
		('9.900040', 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc', 'van_bang', 'province', 1, 'working_day', 'partial',
		 0, NULL, false, '15:00', false, 'BAN_SAO_VAN_BANG',
		 'Nghị định 23/2015/NĐ-CP; Thông tư 21/2019/TT-BGDĐT', true),
		('9.900041', 'Cấp chứng chỉ hành nghề (giấy phép hành nghề) khám bệnh, chữa bệnh', 'kham_chua_benh', 'province', 30, 'working_day', 'partial',
		 360000, 'Phí thẩm định cấp giấy phép hành nghề (mức mẫu)', false, NULL, false, 'CHUNG_CHI_HANH_NGHE_KCB',
		 'Luật Khám bệnh, chữa bệnh 2023; Nghị định 96/2023/NĐ-CP', true),
		-- Bộ Khoa học và Công nghệ
		('9.900042', 'Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước', 'hoat_dong_khcn', 'central', 5, 'working_day', 'full',
		 0, NULL, false, NULL, false, 'GIAY_CN_DK_KET_QUA_KHCN',
		 'Luật Khoa học và công nghệ 2013; Thông tư 14/2014/TT-BKHCN', true),
		('9.900043', 'Cấp giấy phép tiến hành công việc bức xạ (sử dụng thiết bị X-quang chẩn đoán trong y tế)', 'an_toan_buc_xa', 'central', 15, 'working_day', 'full',
		 1500000, 'Phí thẩm định an toàn bức xạ theo quy định của Bộ Tài chính (mức mẫu)', false, NULL, false, 'GIAY_PHEP_BUC_XA',
		 'Luật Năng lượng nguyên tử 2008; Nghị định 142/2020/NĐ-CP', true),
		('9.900044', 'Cấp chứng chỉ nhân viên bức xạ', 'an_toan_buc_xa', 'central', 15, 'working_day', 'full',
		 0, NULL, false, NULL, false, 'CHUNG_CHI_NHAN_VIEN_BUC_XA',
		 'Luật Năng lượng nguyên tử 2008; Nghị định 142/2020/NĐ-CP', true),
		('9.900045', 'Đăng ký nhãn hiệu', 'so_huu_tri_tue', 'central', 250, 'working_day', 'full',
		 150000, 'Lệ phí nộp đơn 150.000 đồng; phí thẩm định và lệ phí cấp văn bằng thu riêng; thời hạn xử lý đơn khoảng 12 tháng', false, NULL, false, 'GIAY_CN_DK_NHAN_HIEU',
		 'Luật Sở hữu trí tuệ 2005 (sửa đổi 2022); Nghị định 65/2023/NĐ-CP', true),
		('9.900046', 'Đăng ký sáng chế', 'so_huu_tri_tue', 'central', 390, 'working_day', 'full',
		 150000, 'Lệ phí nộp đơn 150.000 đồng; phí thẩm định và lệ phí cấp văn bằng thu riêng; thẩm định nội dung khoảng 18 tháng', false, NULL, false, 'BANG_DOC_QUYEN_SANG_CHE',
		 'Luật Sở hữu trí tuệ 2005 (sửa đổi 2022); Nghị định 65/2023/NĐ-CP', true),
		-- ngoại vụ
		('9.900047', 'Cho phép tổ chức hội nghị, hội thảo quốc tế thuộc thẩm quyền cho phép của Chủ tịch Ủy ban nhân dân cấp tỉnh',
		 'ngoai_vu', 'province', 15, 'working_day', 'partial',
		 0, NULL, false, NULL, false, 'VAN_BAN_CHO_PHEP_HOI_NGHI',
		 'Quyết định 06/2020/QĐ-TTg', true),
		('9.900048', 'Cho phép tổ chức hội nghị, hội thảo quốc tế thuộc thẩm quyền cho phép của Bộ trưởng Bộ Khoa học và Công nghệ',
		 'ngoai_vu', 'central', 15, 'working_day', 'partial',
		 0, NULL, false, NULL, false, 'VAN_BAN_CHO_PHEP_HOI_NGHI',
		 'Quyết định 06/2020/QĐ-TTg', true)
	) AS v(code, name, field, tier, dur, dunit, online, fee, fee_note, li, cutoff, four, result, legal, sample)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_proc := n;

	-- Dossier components [thành phần hồ sơ].  reusable: the state already
	-- holds the document (identity cards, certificates, results), so it may
	-- come from the person's data warehouse; forms, declarations, photos
	-- and private papers are not reusable.
	INSERT INTO motcua.procedure_component (procedure, ordinal, document_type, mandatory, reusable,
											national_database, form, copies, note)
	SELECT v.proc::motcua.procedure_code, v.ord::smallint, v.doc, v.mand, v.reuse,
		   v.ndb, v.form, v.copies::smallint, v.note
	FROM (VALUES
		('1.001193', 1, 'TO_KHAI_KHAI_SINH', true, false, NULL, 'electronic_form', 1, NULL),
		('1.001193', 2, 'GIAY_CHUNG_SINH', true, false, NULL, 'original', 1, 'hoặc văn bản của người làm chứng nếu không có giấy chứng sinh'),
		('1.001193', 3, 'CCCD', true, true, 'population', 'original', 1, 'xuất trình; khai thác từ Cơ sở dữ liệu quốc gia về dân cư'),
		('1.001193', 4, 'GIAY_CN_KET_HON', false, true, 'civil_status', 'copy', 1, 'nếu cha, mẹ của trẻ đã đăng ký kết hôn'),
		('1.000894', 1, 'TO_KHAI_KET_HON', true, false, NULL, 'electronic_form', 1, NULL),
		('1.000894', 2, 'CCCD', true, true, 'population', 'original', 2, 'của hai bên nam, nữ'),
		('1.000894', 3, 'XAC_NHAN_TINH_TRANG_HON_NHAN', false, true, 'civil_status', 'original', 1, 'nếu đăng ký kết hôn tại nơi không thường trú'),
		('9.900001', 1, 'TO_KHAI_KHAI_TU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900001', 2, 'GIAY_BAO_TU', true, false, NULL, 'original', 1, NULL),
		('9.900001', 3, 'CCCD', true, true, 'population', 'original', 1, 'của người đi đăng ký khai tử'),
		('9.900002', 1, 'TO_KHAI_XAC_NHAN_TTHN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900002', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900002', 3, 'XAC_NHAN_TINH_TRANG_HON_NHAN', false, true, 'civil_status', 'original', 1, 'giấy đã được cấp trước đây, nếu đề nghị cấp lại'),
		('9.900003', 1, 'TO_KHAI_HO_TICH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900003', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900004', 1, 'TO_KHAI_HO_TICH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900004', 2, 'GIAY_KHAI_SINH', true, true, 'civil_status', 'original', 1, 'giấy tờ hộ tịch cần thay đổi, cải chính'),
		('9.900004', 3, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900004', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền thực hiện'),
		('9.900005', 1, 'TO_KHAI_KHAI_SINH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900005', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900005', 3, 'VAN_BANG', false, true, NULL, 'copy', 1, 'giấy tờ có thông tin khai sinh của người yêu cầu'),
		('9.900006', 1, 'TO_KHAI_KET_HON', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900006', 2, 'CCCD', true, true, 'population', 'original', 1, 'của bên là công dân Việt Nam'),
		('9.900006', 3, 'HO_CHIEU', true, true, NULL, 'certified_copy', 1, 'của bên là người nước ngoài'),
		('9.900006', 4, 'XAC_NHAN_TINH_TRANG_HON_NHAN', true, true, 'civil_status', 'original', 1, NULL),
		('9.900006', 5, 'GIAY_KHAM_SUC_KHOE', true, false, NULL, 'original', 2, 'xác nhận không mắc bệnh tâm thần'),
		('9.900007', 1, 'TO_KHAI_KHAI_SINH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900007', 2, 'GIAY_CHUNG_SINH', true, false, NULL, 'original', 1, NULL),
		('9.900007', 3, 'TO_KHAI_THAY_DOI_CU_TRU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900007', 4, 'TO_KHAI_BHXH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900007', 5, 'CCCD', true, true, 'population', 'original', 1, 'của cha hoặc mẹ'),
		('1.001612.000.00.00.H22', 1, 'BAN_CHINH_GIAY_TO', true, false, NULL, 'original', 1, 'kèm bản sao cần chứng thực'),
		('1.001612.000.00.00.H22', 2, 'CHUNG_TU_NOP_PHI', false, false, NULL, 'copy', 1, 'nếu đã nộp phí trực tuyến'),
		('9.900008', 1, 'VAN_BAN_CHUNG_THUC_CHU_KY', true, false, NULL, 'original', 1, NULL),
		('9.900008', 2, 'CCCD', true, true, 'population', 'original', 1, 'của người yêu cầu chứng thực'),
		('9.900009', 1, 'PHIEU_YEU_CAU_CHUNG_THUC', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900009', 2, 'HOP_DONG_GIAO_DICH', true, false, NULL, 'original', 1, NULL),
		('9.900009', 3, 'CCCD', true, true, 'population', 'copy', 2, 'của các bên tham gia hợp đồng'),
		('9.900049', 1, 'BAN_CHINH_GIAY_TO', true, false, NULL, 'original', 1, 'đã được hợp pháp hóa lãnh sự, trừ trường hợp được miễn'),
		('9.900049', 2, 'CHUNG_TU_NOP_PHI', false, false, NULL, 'copy', 1, NULL),
		('9.900010', 1, 'TO_KHAI_THAY_DOI_CU_TRU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900010', 2, 'GIAY_TO_CHO_O_HOP_PHAP', true, false, NULL, 'original_or_copy', 1, NULL),
		('9.900010', 3, 'GIAY_CN_QSDD', false, true, 'land', 'copy', 1, 'khi chỗ ở thuộc quyền sử dụng của người đăng ký'),
		('9.900010', 4, 'CCCD', true, true, 'population', 'original', 1, 'khai thác từ Cơ sở dữ liệu quốc gia về dân cư'),
		('9.900011', 1, 'TO_KHAI_THAY_DOI_CU_TRU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900011', 2, 'GIAY_TO_CHO_O_HOP_PHAP', true, false, NULL, 'original_or_copy', 1, NULL),
		('9.900012', 1, 'TO_KHAI_THAY_DOI_CU_TRU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900012', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900013', 1, 'TO_KHAI_THAY_DOI_CU_TRU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900013', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900014', 1, 'TO_KHAI_HO_CHIEU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900014', 2, 'ANH_THE', true, false, NULL, 'original', 2, 'ảnh 4x6 cm, phông nền trắng'),
		('9.900014', 3, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900014', 4, 'GIAY_KHAI_SINH', false, true, 'civil_status', 'copy', 1, 'đối với trẻ em dưới 14 tuổi'),
		('9.900015', 1, 'TO_KHAI_HO_CHIEU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900015', 2, 'ANH_THE', true, false, NULL, 'original', 2, NULL),
		('9.900015', 3, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900016', 1, 'GIAY_DE_NGHI_DKDN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900016', 2, 'DIEU_LE_CONG_TY', true, false, NULL, 'original', 1, NULL),
		('9.900016', 3, 'CCCD', true, true, 'population', 'copy', 1, 'của chủ sở hữu và người đại diện theo pháp luật'),
		('9.900016', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền nộp hồ sơ'),
		('9.900017', 1, 'GIAY_DE_NGHI_DKDN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900017', 2, 'DIEU_LE_CONG_TY', true, false, NULL, 'original', 1, NULL),
		('9.900017', 3, 'DANH_SACH_THANH_VIEN', true, false, NULL, 'original', 1, NULL),
		('9.900017', 4, 'CCCD', true, true, 'population', 'copy', 1, 'của các thành viên là cá nhân'),
		('9.900017', 5, 'GIAY_CN_DKDN', false, true, 'business_registration', 'copy', 1, 'của thành viên là tổ chức'),
		('9.900018', 1, 'GIAY_DE_NGHI_DKDN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900018', 2, 'DIEU_LE_CONG_TY', true, false, NULL, 'original', 1, NULL),
		('9.900018', 3, 'DANH_SACH_CO_DONG', true, false, NULL, 'original', 1, NULL),
		('9.900018', 4, 'CCCD', true, true, 'population', 'copy', 1, 'của cổ đông sáng lập là cá nhân'),
		('9.900018', 5, 'GIAY_CN_DKDN', false, true, 'business_registration', 'copy', 1, 'của cổ đông sáng lập là tổ chức'),
		('9.900019', 1, 'GIAY_DE_NGHI_DKDN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900019', 2, 'CCCD', true, true, 'population', 'copy', 1, 'của chủ doanh nghiệp tư nhân'),
		('9.900020', 1, 'THONG_BAO_THAY_DOI_DKDN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900020', 2, 'NGHI_QUYET_THAY_DOI_DN', true, false, NULL, 'original', 1, NULL),
		('9.900020', 3, 'GIAY_CN_DKDN', true, true, 'business_registration', 'copy', 1, NULL),
		('9.900020', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền nộp hồ sơ'),
		('9.900021', 1, 'GIAY_DE_NGHI_DK_HKD', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900021', 2, 'CCCD', true, true, 'population', 'copy', 1, 'của chủ hộ kinh doanh'),
		('9.900021', 3, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền nộp hồ sơ'),
		('9.900022', 1, 'GIAY_DE_NGHI_DK_HKD', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900022', 2, 'GIAY_CN_DK_HKD', true, true, NULL, 'original', 1, NULL),
		('9.900022', 3, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900023', 1, 'DON_DANG_KY_DAT_DAI', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900023', 2, 'GIAY_TO_NGUON_GOC_DAT', true, false, NULL, 'certified_copy', 1, NULL),
		('9.900023', 3, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900023', 4, 'CHUNG_TU_NOP_PHI', false, false, NULL, 'original', 1, 'chứng từ thực hiện nghĩa vụ tài chính, nếu có'),
		('9.900024', 1, 'DON_DANG_KY_BIEN_DONG', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900024', 2, 'HOP_DONG_CHUYEN_NHUONG_QSDD', true, false, NULL, 'original', 1, NULL),
		('9.900024', 3, 'GIAY_CN_QSDD', true, true, 'land', 'original', 1, 'bản gốc Giấy chứng nhận đã cấp'),
		('9.900024', 4, 'CCCD', true, true, 'population', 'copy', 2, 'của bên chuyển nhượng và bên nhận chuyển nhượng'),
		('9.900024', 5, 'CHUNG_TU_NOP_PHI', false, false, NULL, 'original', 1, NULL),
		('9.900025', 1, 'DON_DANG_KY_BIEN_DONG', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900025', 2, 'VAN_BAN_THUA_KE', true, false, NULL, 'original', 1, NULL),
		('9.900025', 3, 'GIAY_CN_QSDD', true, true, 'land', 'original', 1, NULL),
		('9.900025', 4, 'TRICH_LUC_KHAI_TU', true, true, 'civil_status', 'copy', 1, 'của người để lại di sản'),
		('9.900025', 5, 'CCCD', true, true, 'population', 'copy', 1, 'của người nhận thừa kế'),
		('9.900026', 1, 'DON_DANG_KY_BIEN_DONG', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900026', 2, 'GIAY_CN_QSDD', true, true, 'land', 'original', 1, NULL),
		('9.900026', 3, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900027', 1, 'DON_DE_NGHI_CAP_GPXD', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900027', 2, 'GIAY_CN_QSDD', true, true, 'land', 'certified_copy', 1, NULL),
		('9.900027', 3, 'BAN_VE_THIET_KE', true, false, NULL, 'original', 2, NULL),
		('9.900027', 4, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900028', 1, 'DON_DE_NGHI_CAP_GPXD', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900028', 2, 'GIAY_CN_QSDD', true, true, 'land', 'certified_copy', 1, NULL),
		('9.900028', 3, 'BAN_VE_THIET_KE', true, false, NULL, 'original', 2, NULL),
		('9.900028', 4, 'GIAY_CN_DKDN', false, true, 'business_registration', 'copy', 1, 'nếu chủ đầu tư là doanh nghiệp'),
		('9.900029', 1, 'DON_DE_NGHI_GPLX', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900029', 2, 'GIAY_PHEP_LAI_XE', true, true, NULL, 'original', 1, 'giấy phép lái xe cần đổi'),
		('9.900029', 3, 'GIAY_KHAM_SUC_KHOE', true, false, NULL, 'original', 1, NULL),
		('9.900029', 4, 'ANH_THE', false, false, NULL, 'original', 1, 'nếu không nộp hồ sơ trực tuyến'),
		('9.900029', 5, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900030', 1, 'DON_DE_NGHI_GPLX', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900030', 2, 'GIAY_KHAM_SUC_KHOE', true, false, NULL, 'original', 1, NULL),
		('9.900030', 3, 'ANH_THE', true, false, NULL, 'original', 1, NULL),
		('9.900030', 4, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900031', 1, 'DON_DE_NGHI_GPLX', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900031', 2, 'GIAY_PHEP_LAI_XE', true, true, NULL, 'copy', 1, NULL),
		('9.900031', 3, 'ANH_THE', true, false, NULL, 'original', 1, NULL),
		('9.900031', 4, 'HO_CHIEU', true, true, NULL, 'copy', 1, NULL),
		('9.900032', 1, 'TO_KHAI_BHXH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900032', 2, 'SO_BHXH', false, true, 'social_insurance', 'original', 1, 'sổ bị hỏng, nếu còn'),
		('9.900032', 3, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900033', 1, 'TO_KHAI_BHXH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900033', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900034', 1, 'DON_DE_NGHI_HUONG_BHXH', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900034', 2, 'SO_BHXH', true, true, 'social_insurance', 'original', 1, NULL),
		('9.900034', 3, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900035', 1, 'DE_NGHI_TRO_CAP_THAT_NGHIEP', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900035', 2, 'QUYET_DINH_THOI_VIEC', true, false, NULL, 'certified_copy', 1, NULL),
		('9.900035', 3, 'SO_BHXH', true, true, 'social_insurance', 'original', 1, NULL),
		('9.900035', 4, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900036', 1, 'VAN_BAN_DE_NGHI_GPLD', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900036', 2, 'VAN_BAN_CHAP_THUAN_NHU_CAU_LD', true, true, NULL, 'copy', 1, NULL),
		('9.900036', 3, 'GIAY_KHAM_SUC_KHOE', true, false, NULL, 'original', 1, NULL),
		('9.900036', 4, 'PHIEU_LY_LICH_TU_PHAP', true, true, NULL, 'original', 1, 'hoặc văn bản xác nhận tương đương của nước ngoài'),
		('9.900036', 5, 'HO_CHIEU', true, true, NULL, 'certified_copy', 1, NULL),
		('9.900036', 6, 'ANH_THE', true, false, NULL, 'original', 2, 'ảnh 4x6 cm'),
		('9.900037', 1, 'TO_KHAI_DANG_KY_THUE', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900037', 2, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900038', 1, 'TO_KHAI_DANG_KY_THUE', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900038', 2, 'THONG_BAO_MA_SO_THUE', true, true, 'tax', 'copy', 1, NULL),
		('9.900038', 3, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900039', 1, 'TO_KHAI_LY_LICH_TU_PHAP', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900039', 2, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900039', 3, 'XAC_NHAN_CU_TRU', false, true, 'population', 'original', 1, 'nếu không khai thác được từ Cơ sở dữ liệu quốc gia về dân cư'),
		('9.900039', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền thực hiện'),
		('9.900040', 1, 'DE_NGHI_CAP_BAN_SAO_VB', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900040', 2, 'CCCD', true, true, 'population', 'original', 1, NULL),
		('9.900040', 3, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu ủy quyền thực hiện'),
		('9.900041', 1, 'DON_DE_NGHI_CCHN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900041', 2, 'VAN_BANG', true, true, NULL, 'certified_copy', 1, 'văn bằng chuyên môn y'),
		('9.900041', 3, 'XAC_NHAN_THUC_HANH_KCB', true, false, NULL, 'original', 1, NULL),
		('9.900041', 4, 'GIAY_KHAM_SUC_KHOE', true, false, NULL, 'original', 1, NULL),
		('9.900041', 5, 'ANH_THE', true, false, NULL, 'original', 2, NULL),
		('9.900041', 6, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900042', 1, 'PHIEU_DANG_KY_KET_QUA_KHCN', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900042', 2, 'BAO_CAO_KET_QUA_KHCN', true, false, NULL, 'original', 2, NULL),
		('9.900042', 3, 'GIAY_CN_DKDN', false, true, 'business_registration', 'copy', 1, 'nếu tổ chức chủ trì là doanh nghiệp'),
		('9.900043', 1, 'DON_DE_NGHI_GP_BUC_XA', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900043', 2, 'BAO_CAO_DANH_GIA_AN_TOAN', true, false, NULL, 'original', 1, NULL),
		('9.900043', 3, 'CHUNG_CHI_NHAN_VIEN_BUC_XA', true, true, NULL, 'copy', 1, 'của người phụ trách an toàn'),
		('9.900043', 4, 'GIAY_CN_DKDN', false, true, 'business_registration', 'copy', 1, 'nếu cơ sở là doanh nghiệp'),
		('9.900043', 5, 'CHUNG_TU_NOP_PHI', true, false, NULL, 'copy', 1, NULL),
		('9.900044', 1, 'VAN_BANG', true, true, NULL, 'certified_copy', 1, 'văn bằng chuyên môn phù hợp'),
		('9.900044', 2, 'ANH_THE', true, false, NULL, 'original', 2, NULL),
		('9.900044', 3, 'CCCD', true, true, 'population', 'copy', 1, NULL),
		('9.900045', 1, 'TO_KHAI_DANG_KY_NHAN_HIEU', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900045', 2, 'MAU_NHAN_HIEU', true, false, NULL, 'original', 5, NULL),
		('9.900045', 3, 'CHUNG_TU_NOP_PHI', true, false, NULL, 'copy', 1, NULL),
		('9.900045', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu nộp đơn thông qua đại diện'),
		('9.900046', 1, 'TO_KHAI_DANG_KY_SANG_CHE', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900046', 2, 'BAN_MO_TA_SANG_CHE', true, false, NULL, 'original', 2, NULL),
		('9.900046', 3, 'CHUNG_TU_NOP_PHI', true, false, NULL, 'copy', 1, NULL),
		('9.900046', 4, 'GIAY_UY_QUYEN', false, false, NULL, 'original', 1, 'nếu nộp đơn thông qua đại diện'),
		('9.900047', 1, 'VAN_BAN_DE_NGHI_HOI_NGHI', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900047', 2, 'DE_AN_HOI_NGHI', true, false, NULL, 'original', 1, NULL),
		('9.900048', 1, 'VAN_BAN_DE_NGHI_HOI_NGHI', true, false, NULL, 'electronic_form', 1, NULL),
		('9.900048', 2, 'DE_AN_HOI_NGHI', true, false, NULL, 'original', 1, NULL)
	) AS v(proc, ord, doc, mand, reuse, ndb, form, copies, note)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	n_comp := n;

	RETURN QUERY VALUES
		('field'::text, n_field),
		('document_type', n_doctype),
		('jurisdiction', n_jur),
		('tier', n_tier),
		('unit', n_unit),
		('procedure', n_proc),
		('procedure_component', n_comp);
END
$$;
COMMENT ON FUNCTION motcua.load_sample_data() IS 'loads sample reference data (fields, document types, jurisdictions H22, H79, G17 with tiers and units, about 50 procedures and their components); idempotent, returns rows inserted per table; procedure codes other than 1.001193 and 1.000894 are samples (code_is_sample)';
REVOKE EXECUTE ON FUNCTION motcua.load_sample_data() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.load_sample_data() TO motcua_admin;

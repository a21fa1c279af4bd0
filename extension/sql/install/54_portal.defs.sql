-- What the national portal receives: status codes, dates, the DongBoHoSoMC record.

-- (These small functions, and others on a dossier's path, are PL/pgSQL:
-- an SQL function with a pinned search_path is never inlined, and
-- PostgreSQL 15 parses and plans its body again at every call, where
-- PL/pgSQL keeps the plan for the session.)

-- portal_status: the national portal's TrangThaiHoSo code of a state.
CREATE OR REPLACE FUNCTION motcua.portal_status(state text) RETURNS smallint
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (SELECT s.portal_status FROM motcua.dossier_state s WHERE s.state = portal_status.state);
END
$$;

-- portal_time formats an instant as the national portal does:
-- yyyyMMddHHmmss in the dossier calendar's local time.
CREATE OR REPLACE FUNCTION motcua_internal.portal_time(ts timestamptz, calendar text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN to_char(motcua.local_time(ts, calendar), 'YYYYMMDDHH24MISS');
END
$$;

-- portal_record builds the national portal's DongBoHoSoMC record of a
-- dossier (docs/domain.md §8); the sync worker sends exactly this.
CREATE OR REPLACE FUNCTION motcua.portal_record(dossier motcua.dossier_code) RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	d record;
	rec jsonb;
BEGIN
	SELECT x.*, s.kind AS subject_kind, s.full_name,
		   coalesce(s.personal_id::text, s.tax_code::text) AS subject_id
	INTO d
	FROM motcua.dossier x JOIN motcua.subject s ON s.id = x.subject
	WHERE x.code OPERATOR(motcua.=) dossier AND x.received_on = motcua.received_on(dossier);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	rec := jsonb_build_object(
		'MaHoSo', d.code::text,
		'MaTTHC', d.procedure::text,
		'MaCoQuan', d.unit::text,
		'ChuHoSo', coalesce(d.full_name, d.subject_id),
		'MaDinhDanhChuHoSo', d.subject_id,
		'LoaiDoiTuong', CASE d.subject_kind WHEN 'person' THEN 1 ELSE 2 END,
		'NgayTiepNhan', motcua_internal.portal_time(d.received_at, d.calendar),
		'NgayHenTra', motcua_internal.portal_time(d.promised_at, d.calendar),
		'NgayKetThucXuLy', motcua_internal.portal_time(d.finished_at, d.calendar),
		'NgayTra', motcua_internal.portal_time(d.returned_at, d.calendar),
		'TrangThaiHoSo', motcua.portal_status(d.state),
		'KenhThucHien', (SELECT c.portal_code FROM motcua.channel c WHERE c.code = d.channel),
		'HoSoCoThanhPhanSoHoa', EXISTS (SELECT 1 FROM motcua.dossier_component c
										WHERE c.dossier OPERATOR(motcua.=) d.code AND c.digitized),
		'DuocThanhToanTrucTuyen', d.paid_online,
		'PhiLePhi', jsonb_build_object('SoTien', d.fee, 'DaThanhToan', d.paid_amount,
									   'HinhThuc', CASE WHEN d.paid_amount = 0 THEN NULL
													   WHEN d.paid_online THEN 'TrucTuyen' ELSE 'TrucTiep' END),
		'ThanhPhanHoSo', coalesce((
			SELECT jsonb_agg(jsonb_build_object(
						'STT', c.ordinal,
						'MaGiayTo', c.document_type,
						'DuocSoHoa', c.digitized,
						'DuocTaiSuDung', coalesce(c.supplied_by = 'reused_warehouse', false),
						'DuocLayTuKhoDMQG', coalesce(c.supplied_by = 'national_db', false)) ORDER BY c.ordinal)
			FROM motcua.dossier_component c WHERE c.dossier OPERATOR(motcua.=) d.code), '[]'),
		'QuaTrinhBoSung', coalesce((
			SELECT jsonb_agg(jsonb_build_object(
						'NgayYeuCau', motcua_internal.portal_time(req.at, d.calendar),
						'LyDo', req.details->>'reason',
						'NgayBoSung', motcua_internal.portal_time(rcv.at, d.calendar),
						'NgayHenTraCu', motcua_internal.portal_time((rcv.details->>'promised_at_before')::timestamptz, d.calendar),
						'NgayHenTraMoi', motcua_internal.portal_time((rcv.details->>'promised_at_after')::timestamptz, d.calendar))
					ORDER BY req.seq)
			FROM motcua.dossier_event req
			LEFT JOIN LATERAL (
				SELECT r.at, r.details FROM motcua.dossier_event r
				WHERE r.dossier OPERATOR(motcua.=) d.code AND r.seq > req.seq AND r.action = 'supplement_received'
				ORDER BY r.seq LIMIT 1) rcv ON true
			WHERE req.dossier OPERATOR(motcua.=) d.code AND req.action = 'request_supplement'), '[]'),
		'GiaHan', coalesce((
			SELECT jsonb_agg(jsonb_build_object(
						'NgayGiaHan', motcua_internal.portal_time(e.at, d.calendar),
						'VanBanXinLoi', e.details->>'apology_letter',
						'NgayHenTraCu', motcua_internal.portal_time((e.details->>'promised_at_before')::timestamptz, d.calendar),
						'NgayHenTraMoi', motcua_internal.portal_time((e.details->>'promised_at_after')::timestamptz, d.calendar))
					ORDER BY e.seq)
			FROM motcua.dossier_event e
			WHERE e.dossier OPERATOR(motcua.=) d.code AND e.action = 'extend'), '[]'),
		'KetQua', jsonb_build_object('DanhSach', d.results, 'KySo', d.result_esigned),
		'LuanChuyen', jsonb_build_object('DienTu', d.transfers_electronic, 'Giay', d.transfers_paper));
	RETURN jsonb_strip_nulls(rec);
END
$$;
COMMENT ON FUNCTION motcua.portal_record(motcua.dossier_code) IS
	'the dossier as the national portal''s DongBoHoSoMC record: status code, channel code, yyyyMMddHHmmss dates, component flags, fees, supplement history, results';
GRANT EXECUTE ON FUNCTION motcua.portal_record(motcua.dossier_code) TO motcua_officer, motcua_admin, motcua_auditor;

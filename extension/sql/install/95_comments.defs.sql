-- Comments on the public objects that their own parts leave without one: view columns, and
-- the functions, tables and composite type of schema motcua that had none.  Only COMMENT ON
-- statements, so this part can run again; it comes after every other part, in both the
-- install script and the upgrade script.  tests/pgtap/08_surface.sql checks that nothing
-- public is left without a comment.
--
-- Conventions of the figures below: a rate is a percentage 0-100 with two decimals, NULL
-- when its denominator is 0; a count is a number of dossiers (or tickets, ratings); days
-- are local calendar days in the calendar of the dossier's receiving unit (its UTC offset).
-- Received-side figures count a dossier on its day of receipt, resolution-side figures on
-- the day its processing ended [kết thúc xử lý: done, refused, withdrawn or stopped].

------------------------------------------------------------------------
-- Functions
------------------------------------------------------------------------

COMMENT ON FUNCTION motcua.birth_year(motcua.personal_id) IS
	'four-digit birth year encoded by a personal identification number [số định danh cá nhân]: the century from the century/sex digit plus the two-digit year';
COMMENT ON FUNCTION motcua.is_branch(motcua.tax_code) IS
	'true for the code of a dependent unit [đơn vị phụ thuộc, chi nhánh], written 0100109106-001; false for a head office';
COMMENT ON FUNCTION motcua.unit_of(motcua.dossier_code) IS
	'the receiving unit [cơ quan tiếp nhận] written in a dossier code [mã hồ sơ], e.g. 000.00.01.H29 in 000.00.01.H29-240115-0001';
COMMENT ON FUNCTION motcua.received_on(motcua.dossier_code) IS
	'the local day of receipt written in a dossier code [mã hồ sơ] (its yyMMdd part), which also names the month partition of motcua.dossier holding the dossier';
COMMENT ON FUNCTION motcua.sequence_of(motcua.dossier_code) IS
	'the sequence number of a dossier code [mã hồ sơ]: 1, 2, ... per receiving unit and day of receipt';
COMMENT ON FUNCTION motcua.local_unit(motcua.procedure_code) IS
	'the agency ID of the locality that adapted a procedure [mã TTHC], from the code''s local suffix (000.00.00.H48 in 1.001612.000.00.00.H48); NULL for a national catalogue code';
COMMENT ON FUNCTION motcua.is_working_day(date, text) IS
	'true when the day is a working day [ngày làm việc] in the calendar: not a weekly rest day, statutory holiday [ngày nghỉ lễ, Tết] or day off of the year''s notice, or a rest day the notice makes a working day [ngày làm bù]';
COMMENT ON FUNCTION motcua.add_working_days(timestamp with time zone, double precision, text, time without time zone) IS
	'add_working_days with a receipt cut-off, for integer and untyped arguments: a receipt after the cut-off (not at it) counts as received the next working day; same rules as the numeric form, a multiple of 0.001 day';
COMMENT ON FUNCTION motcua.portal_status(text) IS
	'the national portal''s status code [TrangThaiHoSo, 1-10] of a dossier state (motcua.dossier_state); NULL for an unknown state';
COMMENT ON FUNCTION motcua.revoke_document(bigint, text, timestamp with time zone) IS
	'revoke a document of the personal data warehouse [Kho quản lý dữ liệu điện tử] (annulled, replaced, found forged) from the instant at: the reuse check no longer offers it; 55000 if already revoked, 42704 if unknown';
COMMENT ON FUNCTION motcua.refresh_snapshots("char"[], date[], motcua.unit_id[]) IS
	'recompute the Decision 766 index snapshots of the given periods (kinds[i] = m, q or y starting on starts[i], the first day of the month, quarter or year), and for years the plan compliance snapshots, for every unit or only the given ones; refresh_kpis() calls it, an administrator after editing the procedure catalogue or the plans (which queue nothing)';
COMMENT ON FUNCTION motcua.report_weekly(motcua.unit_id, date) IS
	'the weekly report [báo cáo tuần] a unit sends upward for the ISO week starting on Monday week_start: one row per unit directly under it, each with its own subtree, then a total row for the unit itself (is_total)';
COMMENT ON FUNCTION motcua.report_quarterly(motcua.unit_id, integer, integer) IS
	'the quarterly report [báo cáo quý] a unit sends upward for quarter 1-4 of year: one row per unit directly under it, each with its own subtree, then a total row for the unit itself (is_total)';

------------------------------------------------------------------------
-- Tables and the report row type
------------------------------------------------------------------------

COMMENT ON TABLE motcua.document_type IS
	'document types [loại giấy tờ]: what a dossier component or a procedure result is, its category, how long it stays valid and the national database [CSDLQG] that can supply it';
COMMENT ON TABLE motcua.procedure_component IS
	'components a dossier of a procedure must contain [thành phần hồ sơ], in order: document type, mandatory or not, reusable from the warehouse, the national database that can supply it, the form (original, copy, certified copy, electronic form) and copies';
COMMENT ON TABLE motcua.dossier_component IS
	'the components of a dossier [thành phần hồ sơ], one per required component of its procedure: how each was supplied (reused_warehouse, national_db, digitized_at_counter, uploaded_online, paper; NULL not yet), whether it is digitized [số hóa] (supplied other than on paper), reusable (the procedure allows reuse) and eligible (the state already held it at reception, so supplying it any other way is asking again)';

COMMENT ON TYPE motcua.report_row IS
	'a row of report_weekly and report_quarterly: the figures of one unit''s subtree for the period, as in motcua.kpi (counts of dossiers; rates in percent 0-100 with two decimals)';
COMMENT ON COLUMN motcua.report_row.unit IS 'the unit of the row: a unit directly under the reporting unit, or the reporting unit itself on the total row';
COMMENT ON COLUMN motcua.report_row.unit_name IS 'the unit''s name';
COMMENT ON COLUMN motcua.report_row.is_total IS 'true on the reporting unit''s own row, which counts its whole subtree (the total); false on the row of a unit under it';
COMMENT ON COLUMN motcua.report_row.received IS 'dossiers received [hồ sơ tiếp nhận] in the period, counted on their local day of receipt';
COMMENT ON COLUMN motcua.report_row.received_online IS 'dossiers received online [trực tuyến] in the period';
COMMENT ON COLUMN motcua.report_row.online_rate IS 'received_online ÷ received, percent';
COMMENT ON COLUMN motcua.report_row.finished IS 'dossiers whose processing ended in the period (done, refused, withdrawn or stopped), counted on that day';
COMMENT ON COLUMN motcua.report_row.early IS 'dossiers finished in the period ahead of time [trước hạn]: on an earlier local day than their legal deadline';
COMMENT ON COLUMN motcua.report_row.on_time IS 'dossiers finished in the period on time [đúng hạn]: by the legal deadline, on its day';
COMMENT ON COLUMN motcua.report_row.late IS 'dossiers finished in the period late [quá hạn]: after the legal deadline, or after more than one supplement request';
COMMENT ON COLUMN motcua.report_row.on_time_rate IS '(early + on_time) ÷ finished, percent (Decision 766 indicator 2.1)';
COMMENT ON COLUMN motcua.report_row.in_progress_overdue IS 'open dossiers judged overdue [quá hạn] by timeliness() at the last instant of the period, or now for the current period';
COMMENT ON COLUMN motcua.report_row.digitized_dossier_rate IS 'dossiers received in the period with at least one digitized component ÷ dossiers received, percent';
COMMENT ON COLUMN motcua.report_row.digitized_result_rate IS 'dossiers resolved (done or returned) in the period whose result is in the person''s warehouse ÷ dossiers resolved, percent';
COMMENT ON COLUMN motcua.report_row.not_reprovided_rate IS 'dossiers received in the period in which the person re-provided nothing the state already held [không phải cung cấp lại] ÷ dossiers with a component the state held, percent';
COMMENT ON COLUMN motcua.report_row.online_payment_rate IS 'fee-bearing dossiers received in the period that were paid online [thanh toán trực tuyến] ÷ fee-bearing dossiers received, percent';
COMMENT ON COLUMN motcua.report_row.avg_wait_minutes IS 'average wait in minutes (one decimal) of the queue tickets issued in the period and called, from issue (or booked slot, if later) to call';
COMMENT ON COLUMN motcua.report_row.satisfaction_rate IS 'ratings given in the period that are rất hài lòng or hài lòng ÷ all ratings given in the period, percent';

------------------------------------------------------------------------
-- motcua.kpi
------------------------------------------------------------------------

COMMENT ON COLUMN motcua.kpi.unit IS
	'the unit; every figure counts its whole subtree (the unit and all units under it) and a dossier belongs to the unit that received it. Dossier figures are as folded by the last refresh_kpis(); visits, waits, ratings and staff are read live';
COMMENT ON COLUMN motcua.kpi.period IS 'day, week, month, quarter or year';
COMMENT ON COLUMN motcua.kpi.period_kind IS 'd (day), w (ISO week), m (month), q (quarter) or y (year); filter on it, with unit and period_start, to read only the rows wanted';
COMMENT ON COLUMN motcua.kpi.period_start IS 'first day of the period (a Monday for weeks); every period from the first day with dossiers to today is reported, quiet ones included';
COMMENT ON COLUMN motcua.kpi.period_end IS 'last day of the period, included';
COMMENT ON COLUMN motcua.kpi.received IS
	'count of dossiers received [hồ sơ tiếp nhận], on their local day of receipt (the date in the dossier code, even for a receipt after the cut-off that counts from the next working day)';
COMMENT ON COLUMN motcua.kpi.received_direct IS 'count of dossiers received in person at the counter [trực tiếp], on their day of receipt';
COMMENT ON COLUMN motcua.kpi.received_online IS 'count of dossiers received online [trực tuyến, toàn trình or một phần] through a public-service portal, on their day of receipt';
COMMENT ON COLUMN motcua.kpi.received_postal IS 'count of dossiers received through the public postal service [bưu chính công ích], on their day of receipt';
COMMENT ON COLUMN motcua.kpi.online_rate IS 'received_online ÷ received, percent 0-100 with two decimals; NULL when nothing was received';
COMMENT ON COLUMN motcua.kpi.finished IS
	'count of dossiers whose processing ended [kết thúc xử lý] in the period, on that local day: done (a result returned later is not counted again), refused at reception, withdrawn or stopped';
COMMENT ON COLUMN motcua.kpi.resolved IS 'count of dossiers finished in the period that were resolved [giải quyết xong]: done or result returned (not refused, withdrawn or stopped)';
COMMENT ON COLUMN motcua.kpi.early IS
	'count of dossiers finished in the period ahead of time [trước hạn]: on an earlier local calendar day than their legal deadline, with at most one supplement request';
COMMENT ON COLUMN motcua.kpi.on_time IS
	'count of dossiers finished in the period on time [đúng hạn]: on the legal deadline''s local day, at or before the deadline, with at most one supplement request';
COMMENT ON COLUMN motcua.kpi.late IS
	'count of dossiers finished in the period late [quá hạn]: after the legal deadline (the first promised date moved only by clock stops, never by an extension), or after a second supplement request';
COMMENT ON COLUMN motcua.kpi.on_time_rate IS '(early + on_time) ÷ finished, percent 0-100 with two decimals (Decision 766 indicator 2.1); NULL when nothing finished';
COMMENT ON COLUMN motcua.kpi.avg_processing_days IS
	'average processing time of the dossiers finished in the period, in working days with two decimals: office time from receipt to end of processing less the clock stops (supplement waits, suspensions), 8 office hours = 1 day; NULL when nothing finished';
COMMENT ON COLUMN motcua.kpi.digitized_dossier_rate IS
	'dossiers received in the period with at least one digitized component [số hóa] (supplied other than on paper: from the warehouse, a national database, scanned at the counter or uploaded) ÷ dossiers received, percent';
COMMENT ON COLUMN motcua.kpi.digitized_result_rate IS
	'dossiers resolved in the period whose result was deposited electronically in the person''s warehouse [kết quả điện tử] ÷ dossiers resolved, percent (Decision 766 electronic result and warehouse link)';
COMMENT ON COLUMN motcua.kpi.esigned_result_rate IS
	'dossiers resolved in the period whose completion recorded a digitally signed result [ký số] ÷ dossiers resolved, percent';
COMMENT ON COLUMN motcua.kpi.electronic_transfer_rate IS
	'inter-agency transfers [luân chuyển, liên thông] made electronically ÷ all transfers, over the whole life of the dossiers finished in the period (counted on the day processing ended), percent; NULL when there were none';
COMMENT ON COLUMN motcua.kpi.component_digitization_rate IS
	'digitized components ÷ all components of the dossiers received in the period (one per required component of the procedure), percent';
COMMENT ON COLUMN motcua.kpi.component_reuse_rate IS
	'components taken from the warehouse or a national database [tái sử dụng] ÷ components the procedure allows to be reused, of the dossiers received in the period, percent (Decision 766 reuse of digitized data)';
COMMENT ON COLUMN motcua.kpi.not_reprovided_rate IS
	'of the dossiers received in the period with at least one component the state already held at reception, those in which every such component was taken from the warehouse or a national database, not provided again [không phải cung cấp lại], percent';
COMMENT ON COLUMN motcua.kpi.fee_bearing IS 'count of dossiers received in the period with a non-zero fee or charge [phí, lệ phí], on their day of receipt';
COMMENT ON COLUMN motcua.kpi.paid_online IS 'count of fee-bearing dossiers received in the period with at least one payment made online [thanh toán trực tuyến], on their day of receipt';
COMMENT ON COLUMN motcua.kpi.online_payment_rate IS 'paid_online ÷ fee_bearing, percent 0-100 with two decimals';
COMMENT ON COLUMN motcua.kpi.population_db_dossiers IS
	'count of dossiers received in the period for a procedure connected to the national population database [CSDLQG về dân cư] (a component it can supply)';
COMMENT ON COLUMN motcua.kpi.population_db_rate IS
	'of population_db_dossiers, those with at least one component taken from the population database, percent (Decision 766 dossiers using the population database)';
COMMENT ON COLUMN motcua.kpi.extended IS
	'count of dossiers received in the period that were extended with an apology letter [văn bản xin lỗi và hẹn lại ngày trả kết quả], on their day of receipt';
COMMENT ON COLUMN motcua.kpi.finished_extended IS
	'count of dossiers finished in the period that had been extended with an apology letter, on the day processing ended';
COMMENT ON COLUMN motcua.kpi.in_progress_overdue IS
	'count of open dossiers judged overdue [quá hạn] by timeliness() at the last instant of the period, or now for the current period: past the legal deadline as it then stood or after a second supplement request; a dossier whose clock stopped before its deadline is not overdue while it waits';
COMMENT ON COLUMN motcua.kpi.visits IS
	'count of queue tickets [phiếu xếp hàng] issued in the period at the subtree''s one-stop units (day of issue in the unit''s calendar), whatever their status, no-shows included';
COMMENT ON COLUMN motcua.kpi.avg_wait_minutes IS
	'average waiting time per visit in minutes, one decimal, over the tickets of the period that were called: from issue (or booked slot [hẹn giờ], if later) to call; NULL when none was called';
COMMENT ON COLUMN motcua.kpi.served_under_10_rate IS
	'tickets of the period called within less than 10 minutes of issue (or booked slot) ÷ tickets called, percent';
COMMENT ON COLUMN motcua.kpi.ratings IS
	'count of satisfaction ratings [đánh giá mức độ hài lòng] given in the period (local days at UTC+7) for dossiers received in the subtree';
COMMENT ON COLUMN motcua.kpi.satisfaction_rate IS 'ratings rất hài lòng or hài lòng (score 1-2) ÷ ratings, percent';
COMMENT ON COLUMN motcua.kpi.dislike_rate IS 'ratings không hài lòng (score 4) ÷ ratings, percent';
COMMENT ON COLUMN motcua.kpi.front_desk_staff IS
	'front-desk staff of the subtree''s units [nhân sự Bộ phận Một cửa] on duty in the period: the duty roster''s staff-days over the period''s working days (two decimals); without a roster for the period, the head count motcua.unit holds now';
COMMENT ON COLUMN motcua.kpi.received_per_front_desk_staff_year IS
	'dossiers received per front-desk staff member per year, one decimal: received × 365 ÷ days in the period ÷ front_desk_staff; NULL without staff';

------------------------------------------------------------------------
-- motcua.index_766
------------------------------------------------------------------------

COMMENT ON COLUMN motcua.index_766.unit IS 'the unit; the index counts its whole subtree. A unit has rows for a period in which dossiers of its subtree were received, finished or became overdue';
COMMENT ON COLUMN motcua.index_766.period_kind IS 'm (month), q (quarter) or y (year)';
COMMENT ON COLUMN motcua.index_766.period_start IS 'first day of the month, quarter or year';
COMMENT ON COLUMN motcua.index_766."group" IS
	'group of the index, 1-6: 1 transparency [công khai, minh bạch], 2 progress [tiến độ giải quyết], 3 online service [dịch vụ công trực tuyến], 4 online payment [thanh toán trực tuyến], 5 digitization [số hóa hồ sơ], 6 satisfaction [mức độ hài lòng]';
COMMENT ON COLUMN motcua.index_766.group_name IS 'the group''s Vietnamese name';
COMMENT ON COLUMN motcua.index_766.indicator IS 'code of the sub-indicator (motcua.index_766_indicator)';
COMMENT ON COLUMN motcua.index_766.name IS 'the sub-indicator''s Vietnamese name';
COMMENT ON COLUMN motcua.index_766.max_points IS 'the points the sub-indicator is worth';
COMMENT ON COLUMN motcua.index_766.full_at IS 'the rate X, percent, at or above which the sub-indicator earns full points';
COMMENT ON COLUMN motcua.index_766.value IS
	'the measured rate, percent 0-100 with two decimals, from the figures of motcua.kpi for the period: on_time = on_time_rate, dossiers_paid_online = online_payment_rate, electronic_result and warehouse_linked = digitized_result_rate, dossier_digitized = digitized_dossier_rate, reuse = component_reuse_rate, dossiers_population_db = population_db_rate; procedures_paid_online = fee-bearing procedures with dossiers received in the period of which one was paid online ÷ those procedures; procedures_population_db = catalogue procedures connected to the population database ÷ procedures with components; feedback_on_time and feedback_satisfaction over the feedback submitted in the period; service_satisfaction = 100 − late ÷ finished − (complaints, dislike feedback and dislike ratings) ÷ finished, at least 0. NULL where motcua does not hold the inputs or nothing could be measured (see reason)';
COMMENT ON COLUMN motcua.index_766.points IS 'full max_points when value ≥ full_at, else value × max_points ÷ full_at with two decimals; NULL when value is NULL';
COMMENT ON COLUMN motcua.index_766.reason IS 'why value and points are NULL: an input motcua does not hold, or no dossiers or events to measure in the period';
COMMENT ON COLUMN motcua.index_766.group_points IS 'the points of the group''s sub-indicators, NULL points counting as 0';
COMMENT ON COLUMN motcua.index_766.group_max IS 'the points the group is worth';
COMMENT ON COLUMN motcua.index_766.total_points IS 'the index: the points of all sub-indicators, out of 100, NULL points counting as 0';
COMMENT ON COLUMN motcua.index_766.unmeasured_points IS 'the points of the sub-indicators with NULL points, which the total cannot contain; NULL when every sub-indicator was measured';
COMMENT ON COLUMN motcua.index_766.as_of IS 'when the row was computed (by refresh_kpis() or refresh_snapshots())';

------------------------------------------------------------------------
-- motcua.plan_compliance
------------------------------------------------------------------------

COMMENT ON COLUMN motcua.plan_compliance.plan IS 'code of the reform plan [kế hoạch] (motcua.plan)';
COMMENT ON COLUMN motcua.plan_compliance.plan_name IS 'the plan''s name';
COMMENT ON COLUMN motcua.plan_compliance.indicator IS 'code of the indicator the target is set for (motcua.kpi_indicator)';
COMMENT ON COLUMN motcua.plan_compliance.indicator_name IS 'the indicator''s Vietnamese name';
COMMENT ON COLUMN motcua.plan_compliance.direction IS 'at_least: the target is a floor; at_most: a ceiling (waiting time)';
COMMENT ON COLUMN motcua.plan_compliance.tier IS
	'the tier the target applies to: for all, measured at the root units of the plan''s jurisdictions; otherwise at each receiving unit of that tier (motcua.tier.name_en)';
COMMENT ON COLUMN motcua.plan_compliance.area_class IS 'the area class the target applies to (motcua.unit.area_class), all = every unit';
COMMENT ON COLUMN motcua.plan_compliance.unit IS 'the unit measured, with its whole subtree';
COMMENT ON COLUMN motcua.plan_compliance.unit_name IS 'the unit''s name';
COMMENT ON COLUMN motcua.plan_compliance.period IS 'the calendar year measured';
COMMENT ON COLUMN motcua.plan_compliance.actual IS
	'the unit''s figure for the year in the indicator''s unit (percent with two decimals, minutes, or dossiers per staff member per year), as in motcua.kpi''s year row; NULL without activity in the year, and for processing_time_cut_minutes, which needs a baseline';
COMMENT ON COLUMN motcua.plan_compliance.target IS 'the plan''s number for the year; for a "+N a year" target, the unit''s figure of the year before plus N; NULL when the plan states no number';
COMMENT ON COLUMN motcua.plan_compliance.met IS 'actual ≥ target for at_least, actual ≤ target for at_most; NULL when either is NULL';
COMMENT ON COLUMN motcua.plan_compliance.gap IS 'actual − target in the indicator''s unit: above 0 is ahead of a floor but over a ceiling';
COMMENT ON COLUMN motcua.plan_compliance.reason IS 'why actual, target or met is NULL';
COMMENT ON COLUMN motcua.plan_compliance.as_of IS 'when the row was computed (by refresh_kpis() or refresh_snapshots())';

------------------------------------------------------------------------
-- motcua.feedback_status
------------------------------------------------------------------------

COMMENT ON COLUMN motcua.feedback_status.id IS 'the feedback''s id (motcua.feedback)';
COMMENT ON COLUMN motcua.feedback_status.unit IS 'the unit the feedback is about';
COMMENT ON COLUMN motcua.feedback_status.kind IS 'feedback [phản ánh], petition [kiến nghị], complaint [khiếu nại] or dislike [không hài lòng]';
COMMENT ON COLUMN motcua.feedback_status.channel IS 'how it was submitted: online, direct, phone, email, postal, kiosk or sms';
COMMENT ON COLUMN motcua.feedback_status.status IS 'open or handled';
COMMENT ON COLUMN motcua.feedback_status.submitted_at IS 'when it was submitted';
COMMENT ON COLUMN motcua.feedback_status.due_at IS 'the handling deadline: the given number of working days (10 by default) after submission in the unit''s calendar';
COMMENT ON COLUMN motcua.feedback_status.handled_at IS 'when it was answered; NULL while open';
COMMENT ON COLUMN motcua.feedback_status.on_time IS 'true when handled by due_at; false when handled later or still open past due_at now; NULL while open and not yet due';
COMMENT ON COLUMN motcua.feedback_status.overdue IS 'handled after due_at, or still open past due_at now';
COMMENT ON COLUMN motcua.feedback_status.satisfied_with_handling IS 'whether the submitter was satisfied with the handling [hài lòng với việc xử lý PAKN]; NULL until they say';

------------------------------------------------------------------------
-- motcua.queue_wait
------------------------------------------------------------------------

COMMENT ON COLUMN motcua.queue_wait.ticket IS 'the queue ticket''s id (motcua.queue_ticket)';
COMMENT ON COLUMN motcua.queue_wait.unit IS 'the one-stop unit that issued it';
COMMENT ON COLUMN motcua.queue_wait.day IS 'the day of issue in the unit''s calendar';
COMMENT ON COLUMN motcua.queue_wait.priority IS 'priority group [đối tượng ưu tiên]: none, elderly, pregnant, disability, child_under_6 or meritorious';
COMMENT ON COLUMN motcua.queue_wait.status IS 'waiting, called, serving, done or no_show';
COMMENT ON COLUMN motcua.queue_wait.booked IS 'the visit was booked for a time slot [hẹn giờ]';
COMMENT ON COLUMN motcua.queue_wait.waiting_minutes IS 'minutes, one decimal, from issue (or the booked slot, if later) to the call to a counter, never below 0; NULL until called';
COMMENT ON COLUMN motcua.queue_wait.service_minutes IS 'minutes, one decimal, from the start of service at the counter to the end of the visit; NULL unless the visit is done';
COMMENT ON COLUMN motcua.queue_wait.served_under_10_min IS 'waiting_minutes is under 10 (the plans'' "served in under 10 minutes"); NULL until called';

-- motcua.procedure_transparency and motcua.procedure_posting_status
COMMENT ON COLUMN motcua.procedure_transparency.jurisdiction IS 'the jurisdiction whose publication deadline the row judges (its publication_lead_days and calendar)';
COMMENT ON COLUMN motcua.procedure_transparency.procedure IS 'the procedure [mã TTHC]';
COMMENT ON COLUMN motcua.procedure_transparency.version IS 'the catalogue version (1, 2, ...)';
COMMENT ON COLUMN motcua.procedure_transparency.name IS 'the procedure''s name in this version';
COMMENT ON COLUMN motcua.procedure_transparency.valid_from IS 'receptions from this instant take this version''s terms';
COMMENT ON COLUMN motcua.procedure_transparency.decision_on IS 'date of the national decision that made this version';
COMMENT ON COLUMN motcua.procedure_transparency.effective_on IS 'the day the legal document behind this version takes effect';
COMMENT ON COLUMN motcua.procedure_transparency.published_on IS 'the day the publication decision [quyết định công bố] was signed; NULL while not published';
COMMENT ON COLUMN motcua.procedure_transparency.publication_due_on IS 'the last day a publication decision is on time: publication_lead_days working days must lie between it and the effect';
COMMENT ON COLUMN motcua.procedure_transparency.published_on_time IS 'published by publication_due_on; false once that day passed unpublished; NULL while not published and not yet due';
COMMENT ON COLUMN motcua.procedure_transparency.content_complete IS 'the published content is complete';
COMMENT ON COLUMN motcua.procedure_posting_status.unit IS 'a unit receiving dossiers at the procedure''s tier, which must make it public';
COMMENT ON COLUMN motcua.procedure_posting_status.procedure IS 'the procedure [mã TTHC]';
COMMENT ON COLUMN motcua.procedure_posting_status.version IS 'the catalogue version';
COMMENT ON COLUMN motcua.procedure_posting_status.published_on IS 'the day the publication decision was signed';
COMMENT ON COLUMN motcua.procedure_posting_status.due_on IS 'the last day to make it public on time: posting_days working days after the publication';
COMMENT ON COLUMN motcua.procedure_posting_status.made_public_on IS 'the day the unit made it public (record_made_public); NULL while not recorded';
COMMENT ON COLUMN motcua.procedure_posting_status.on_time IS 'made public by due_on; false once that day passed without it; NULL while not made public and not yet due';

-- motcua.kpi: "4 tại chỗ" and the assisted online filings
COMMENT ON COLUMN motcua.kpi.received_four_on_spot IS 'dossiers received of "4 tại chỗ" procedures (received, appraised, approved and returned on the spot)';
COMMENT ON COLUMN motcua.kpi.four_on_spot_same_day_rate IS 'of the "4 tại chỗ" dossiers finished in the period, the share finished by their same-day deadline';
COMMENT ON COLUMN motcua.kpi.received_online_kiosk IS 'of the online dossiers, those filed at a kiosk of the center (counted online, as the plans count them)';
COMMENT ON COLUMN motcua.kpi.received_online_assisted IS 'of the online dossiers, those filed by an officer for the person (a walk-in turned online with assist_online, or filed so)';

-- 0.2: the front-desk staff of a period is the staff on duty (staff-days
-- over working days, a fraction), read from the duty roster: kpi_front's
-- front_desk_staff becomes numeric, and the kpi view is made again with it.
DROP VIEW motcua.kpi;
DROP FUNCTION motcua_internal.kpi_front(motcua.unit_id, "char", date);
DROP FUNCTION motcua_internal.per_staff_year(numeric, "char", date, bigint);

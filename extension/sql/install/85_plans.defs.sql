GRANT SELECT ON motcua.kpi_indicator, motcua.plan, motcua.plan_target
	TO motcua_admin, motcua_officer, motcua_auditor, motcua_bi;
GRANT INSERT, UPDATE, DELETE ON motcua.kpi_indicator, motcua.plan, motcua.plan_target TO motcua_admin;

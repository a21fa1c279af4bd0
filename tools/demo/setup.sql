-- make demo, after tools/demo_setup.sql: the people and the connections of
-- a living province (run by the cluster's superuser; psql variable
-- mock_port: the mock national services on 127.0.0.1).
\set ON_ERROR_STOP on
-- the simulated year is 2025, entered now: events may carry a time that far back
SELECT format('ALTER DATABASE %I SET motcua.backdating_window = %L', current_database(), '800d') \gexec

-- one officer login per receiving unit of Quảng Ninh (at the counter of that
-- unit only), a province administrator, a leader who reads the figures
-- (motcua_bi: the dashboard and BI tools), an auditor
SELECT format('CREATE ROLE %I LOGIN IN ROLE motcua_officer', 'mc_' || replace(u.id::text, '.', '_'))
FROM motcua.unit u
WHERE u.jurisdiction = 'H22' AND u.receives_dossiers
  AND NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'mc_' || replace(u.id::text, '.', '_')) \gexec
SELECT motcua.assign_staff('mc_' || replace(u.id::text, '.', '_'), u.id, 'front_desk', '2024-12-01')
FROM motcua.unit u WHERE u.jurisdiction = 'H22' AND u.receives_dossiers
  AND NOT EXISTS (SELECT 1 FROM motcua.staff_assignment a
				  WHERE a.login = 'mc_' || replace(u.id::text, '.', '_') AND a.unit OPERATOR(motcua.=) u.id);
SELECT format('CREATE ROLE %I LOGIN IN ROLE %I', r.login, r.grp)
FROM (VALUES ('qtv_tinh', 'motcua_admin'), ('lanhdao_tinh', 'motcua_bi'), ('thanhtra_tinh', 'motcua_auditor')) r(login, grp)
WHERE NOT EXISTS (SELECT 1 FROM pg_roles x WHERE x.rolname = r.login) \gexec

-- the national databases, the national portal and the national procedure
-- database, all served by the mock on loopback (tools/mock_national.py)
SET ROLE qtv_tinh;
SELECT motcua.configure_source(s.database, jsonb_build_object(
		   'kind', s.kind, 'endpoint', format('http://127.0.0.1:%s/%s', :'mock_port', s.kind),
		   'max_concurrency', 16, 'max_attempts', 5, 'connect_timeout', '2 seconds', 'total_timeout', '5 seconds',
		   'enabled', true))
FROM (VALUES ('population', 'population'), ('business_registration', 'enterprise'),
			 ('social_insurance', 'social_insurance'), ('land', 'land'), ('civil_status', 'civil_status'),
			 ('tax', 'tax'), ('portal', 'portal'), ('procedure_catalogue', 'procedure_catalogue')) s(database, kind);
RESET ROLE;

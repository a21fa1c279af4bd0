-- make demo, after tools/demo_setup.sql: the people and the connections of
-- a living province (run by the cluster's superuser; psql variable
-- mock_port: the mock national services on 127.0.0.1).
\set ON_ERROR_STOP on
-- the simulated year is 2025, entered now: events may carry a time that far back
SELECT format('ALTER DATABASE %I SET motcua.backdating_window = %L', current_database(), '800d') \gexec

-- the officers at the counters: one login per front-desk officer, each at
-- one unit of Quảng Ninh, with the share of the province's dossiers that
-- officer receives in the simulated year (the busy centers have several
-- counters); a province administrator, a leader who reads the figures
-- (motcua_bi: the dashboard and BI tools), an auditor
CREATE SCHEMA IF NOT EXISTS demo_sim;
CREATE TABLE IF NOT EXISTS demo_sim.counter_officer (login name PRIMARY KEY, unit motcua.unit_id NOT NULL, share numeric NOT NULL);
INSERT INTO demo_sim.counter_officer (login, unit, share)
SELECT 'mc_' || replace(u, '.', '_') || '_' || k, u::motcua.unit_id, share / officers
FROM (VALUES ('000.00.01.H22', 30, 3), ('000.01.10.H22', 18, 2), ('000.01.11.H22', 12, 2), ('000.01.12.H22', 5, 1),
			 ('000.11.10.H22', 8, 1), ('000.12.10.H22', 6, 1), ('000.13.10.H22', 7, 1), ('000.11.11.H22', 5, 1),
			 ('000.12.11.H22', 4, 1), ('000.11.12.H22', 3, 1), ('000.12.12.H22', 2, 1)) v(u, share, officers),
	 generate_series(1, officers) k
ON CONFLICT (login) DO NOTHING;
GRANT USAGE ON SCHEMA demo_sim TO motcua_officer;
SELECT format('CREATE ROLE %I LOGIN IN ROLE motcua_officer', o.login)
FROM demo_sim.counter_officer o
WHERE NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = o.login) \gexec
SELECT motcua.assign_staff(o.login, o.unit, 'front_desk', '2024-12-01')
FROM demo_sim.counter_officer o
WHERE NOT EXISTS (SELECT 1 FROM motcua.staff_assignment a WHERE a.login = o.login AND a.unit OPERATOR(motcua.=) o.unit);
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

-- Roles (docs/architecture.md "Least privilege").  Roles are cluster-wide, so another
-- database may already have created them: creation tolerates that, also
-- when two databases install motcua at the same moment.
DO $roles$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['motcua_admin', 'motcua_officer', 'motcua_auditor', 'motcua_bi']
	LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
			BEGIN
				EXECUTE format('CREATE ROLE %I NOLOGIN', r);
			EXCEPTION WHEN duplicate_object OR unique_violation THEN
				NULL;			-- created concurrently by another database
			END;
		END IF;
	END LOOP;
END
$roles$;

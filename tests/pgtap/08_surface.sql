-- The public surface: schema motcua holds only the API, every object of it
-- is commented, and the internals stay off the users' search_path.
BEGIN;
SELECT plan(10);
SET LOCAL search_path = motcua, motcua_internal, public;

-- Each check lists the offenders, so a failure names them.

SELECT is((SELECT string_agg(format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)), ', '
								 ORDER BY p.proname, p.oid)
		   FROM pg_proc p
		   WHERE p.pronamespace = 'motcua'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL),
		  NULL, 'every function in motcua has a comment');

SELECT is((SELECT string_agg(c.relname, ', ' ORDER BY c.relname)
		   FROM pg_class c
		   WHERE c.relnamespace = 'motcua'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p')
			 AND NOT c.relispartition AND obj_description(c.oid, 'pg_class') IS NULL),
		  NULL, 'every table and view in motcua has a comment (partitions aside)');

SELECT is((SELECT string_agg(format('%s.%s', c.relname, a.attname), ', ' ORDER BY c.relname, a.attnum)
		   FROM pg_class c
		   JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		   WHERE c.relnamespace = 'motcua'::regnamespace AND c.relkind IN ('v', 'm')
			 AND col_description(c.oid, a.attnum) IS NULL),
		  NULL, 'every column of every view in motcua has a comment');

-- Nothing that acts with the owner's rights, and no C function with side
-- effects, is executable by PUBLIC (the schemas aside).
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.oid::regprocedure::text)
		   FROM pg_proc p
		   WHERE p.pronamespace IN ('motcua'::regnamespace, 'motcua_internal'::regnamespace)
			 AND has_function_privilege('public', p.oid, 'EXECUTE')
			 AND (p.prosecdef OR (p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c') AND p.provolatile = 'v'))),
		  NULL, 'no SECURITY DEFINER function and no volatile C function is executable by PUBLIC');
SELECT is((SELECT string_agg(n.nspname, ', ') FROM pg_namespace n
		   WHERE n.nspname IN ('motcua', 'motcua_internal') AND has_schema_privilege('public', n.oid, 'USAGE')),
		  NULL, 'PUBLIC may not even look into motcua''s schemas');

-- Types: base types, domains, enums and free-standing composite types
-- (not the row types of tables and views, nor array types).
SELECT is((SELECT string_agg(t.typname, ', ' ORDER BY t.typname)
		   FROM pg_type t
		   LEFT JOIN pg_class c ON c.oid = t.typrelid
		   WHERE t.typnamespace = 'motcua'::regnamespace
			 AND (t.typtype IN ('b', 'd', 'e') OR (t.typtype = 'c' AND c.relkind = 'c'))
			 AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
			 AND obj_description(t.oid, 'pg_type') IS NULL),
		  NULL, 'every type in motcua has a comment');

SELECT is((SELECT string_agg(a.attname, ', ' ORDER BY a.attnum)
		   FROM pg_attribute a
		   WHERE a.attrelid = 'motcua.report_row'::regclass AND a.attnum > 0 AND NOT a.attisdropped
			 AND col_description(a.attrelid, a.attnum) IS NULL),
		  NULL, 'every attribute of motcua.report_row has a comment');

-- Trigger functions and the support functions of types, operators and
-- index access methods belong in motcua_internal.
SELECT is((SELECT string_agg(format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)), ', '
								 ORDER BY p.proname, p.oid)
		   FROM pg_proc p
		   WHERE p.pronamespace = 'motcua'::regnamespace
			 AND (p.prorettype IN ('trigger'::regtype, 'event_trigger'::regtype)
				  OR EXISTS (SELECT 1 FROM pg_type t
							 WHERE p.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend,
											 t.typmodin, t.typmodout, t.typanalyze))
				  OR EXISTS (SELECT 1 FROM pg_amproc ap WHERE ap.amproc = p.oid)
				  OR EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprcode = p.oid))),
		  NULL, 'no trigger, type I/O or operator/index support function in motcua');

-- \df motcua.* fits on two screens (0.2 added the jobs, the history's
-- digests, notices and corrections: 71 functions; then the connectors,
-- the catalogue's postings and the front office: payments, the status
-- look-up, officer ratings, rosters, service points, declaration forms).
SELECT cmp_ok((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'motcua'::regnamespace),
			  '<=', 100::bigint, 'at most 100 functions in motcua');

-- No setting puts motcua_internal on the search_path of the officers or the
-- BI role, whether set for the role, for a database or for everyone.
SELECT is((SELECT string_agg(format('%s in %s: %s', coalesce(r.rolname, 'every role'),
									coalesce(d.datname, 'every database'), s.cfg), '; ')
		   FROM pg_db_role_setting rs
		   CROSS JOIN LATERAL unnest(rs.setconfig) s(cfg)
		   LEFT JOIN pg_roles r ON r.oid = rs.setrole
		   LEFT JOIN pg_database d ON d.oid = rs.setdatabase
		   WHERE (rs.setrole = 0 OR r.rolname IN ('motcua_officer', 'motcua_bi'))
			 AND s.cfg ~* '^search_path=.*motcua_internal'),
		  NULL, 'motcua_internal is on no search_path of motcua_officer or motcua_bi');

SELECT * FROM finish();
ROLLBACK;

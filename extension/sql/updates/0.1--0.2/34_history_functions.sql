-- 0.2: events are appended with the server's clock, the session's login
-- role and the caller's claim (50_dossier.defs.sql defines the new
-- append_event); the 0.1 form goes.
DROP FUNCTION motcua_internal.append_event(motcua.dossier_code, integer, bytea, timestamptz, text, text, text, text, jsonb);

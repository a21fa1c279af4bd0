-- Plans of the dossier's hot path.  These functions find a dossier by its
-- code and the month in it, in motcua.dossier, partitioned by month.
-- PostgreSQL's plan cache would plan their statements again at every
-- call: a plan made for the parameters' values prunes to one partition at
-- planning time, so it always looks cheaper than the generic plan, and
-- planning grows with the partitions (a third of a reception's CPU in
-- make demo).  The generic plan prunes at execution just as well.  So
-- does kpi_fold, which reads the facts of a batch of dossiers by their
-- codes at every pass of the kpi_refresh job (planning its statements
-- was a third of a small pass).  (The KPI functions that read ranges of
-- dossiers keep PostgreSQL's choice; so do those whose statements guard a
-- cast with a condition on the same value, like correct_subject's
-- "subject ~ '^[0-9]{12}$' AND personal_id = subject::personal_id": a plan
-- made for the value drops the false branch before the cast, a generic
-- plan may evaluate it and fail.)
DO $plans$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
			 WHERE n.nspname IN ('motcua', 'motcua_internal')
			   AND p.proname = ANY (ARRAY['receive', 'transition', 'append_event', 'append_note_event', 'check_dossier_ref',
										 'supply_component', 'finish_ticket', 'submit_feedback', 'rate_officer',
										 'require_rateable', 'refund_payment', 'request_lookup', 'connector_finish',
										 'queue_portal_event', 'portal_record', 'timeliness', 'verify_history',
										 'kpi_fold']) LOOP
		EXECUTE format('ALTER FUNCTION %s SET plan_cache_mode = force_generic_plan', f);
	END LOOP;
END
$plans$;

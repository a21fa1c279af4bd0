-- 0.2: the units each dossier was passed to, from its history.  (Nothing
-- the KPIs count changes: the KPI queue's trigger is not fired.)
SET LOCAL session_replication_role = replica;
UPDATE motcua.dossier d
SET transferred_to = (SELECT array_agg((e.details->>'to_unit')::motcua.unit_id ORDER BY e.seq)
					  FROM motcua.dossier_event e
					  WHERE e.dossier OPERATOR(motcua.=) d.code AND e.action = 'transfer')
WHERE d.transfers_electronic + d.transfers_paper > 0;
SET LOCAL session_replication_role = origin;

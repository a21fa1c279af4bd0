-- 0.2: the columns that held a code of one of these lists checked it
-- against a list of their own; they now refer to the list's table.
ALTER TABLE motcua.dossier DROP CONSTRAINT dossier_channel_check,
	ADD FOREIGN KEY (channel) REFERENCES motcua.channel;
ALTER TABLE motcua.dossier_component DROP CONSTRAINT dossier_component_supplied_by_check,
	ADD FOREIGN KEY (supplied_by) REFERENCES motcua.supply_method;
ALTER TABLE motcua.queue_ticket DROP CONSTRAINT queue_ticket_priority_check,
	ADD FOREIGN KEY (priority) REFERENCES motcua.ticket_priority;
ALTER TABLE motcua.rating DROP CONSTRAINT rating_channel_check, DROP CONSTRAINT rating_score_check,
	ADD FOREIGN KEY (channel) REFERENCES motcua.rating_channel,
	ADD FOREIGN KEY (score) REFERENCES motcua.rating_scale;
ALTER TABLE motcua.feedback DROP CONSTRAINT feedback_kind_check, DROP CONSTRAINT feedback_channel_check,
	ADD FOREIGN KEY (kind) REFERENCES motcua.feedback_kind,
	ADD FOREIGN KEY (channel) REFERENCES motcua.feedback_channel;
ALTER TABLE motcua.document DROP CONSTRAINT document_provenance_check,
	ADD FOREIGN KEY (provenance) REFERENCES motcua.document_provenance;

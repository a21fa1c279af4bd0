-- Every unit a dossier was passed to, in order (0.2): a unit that handled
-- a dossier keeps seeing it after passing it on (row-level security), and
-- verify_history replays the list.
ALTER TABLE motcua.dossier ADD COLUMN transferred_to motcua.unit_id[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN motcua.dossier.transferred_to IS
	'every unit the dossier was passed to, in order (the last one is current_unit unless it came back)';

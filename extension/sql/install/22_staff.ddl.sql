-- Staff assignments: which login role works at which unit, in which
-- position, from when to when.  An officer reads and acts on the dossiers
-- of the units assigned to them (90_row_security.defs.sql); a leader on
-- the unit's whole subtree.  Only motcua_admin assigns, through
-- motcua.assign_staff and motcua.end_assignment.
CREATE TABLE motcua.staff_assignment (
	login		name NOT NULL,
	unit		motcua.unit_id NOT NULL REFERENCES motcua.unit ON UPDATE CASCADE,
	position	text NOT NULL REFERENCES motcua.staff_position,
	valid_from	date NOT NULL,
	valid_to	date,
	assigned_by name NOT NULL,
	assigned_at timestamptz NOT NULL,
	PRIMARY KEY (login, unit, valid_from),
	CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
COMMENT ON TABLE motcua.staff_assignment IS
	'which login role works at which unit [phân công công chức], in which position, from valid_from to valid_to (NULL: open); managed by motcua.assign_staff and motcua.end_assignment';
SELECT pg_catalog.pg_extension_config_dump('motcua.staff_assignment', '');

-- KPI queue: every change of a dossier, its components, tickets, ratings
-- and feedback queues what refresh_kpis() must redo.

-- (not dumped: a restore re-inserts the dossiers, which queues them again)

-- mark_kpi_dirty queues the changed row's dossier, once per transaction
-- (a reception and its moves change one dossier a dozen times, and the
-- refresh reads the dossier as it is); past motcua.kpi_refresh_threshold
-- committed rows the scheduler starts kpi_refresh at once (kpiqueue.c).
-- kpi_queue_forget: a refresh in this session may take the rows.
CREATE OR REPLACE FUNCTION motcua_internal.mark_kpi_dirty() RETURNS trigger
	AS 'MODULE_PATHNAME', 'motcua_mark_kpi_dirty'
	LANGUAGE C;
CREATE OR REPLACE FUNCTION motcua_internal.kpi_queue_forget() RETURNS void
	AS 'MODULE_PATHNAME', 'motcua_kpi_queue_forget'
	LANGUAGE C VOLATILE;
REVOKE ALL ON FUNCTION motcua_internal.mark_kpi_dirty(), motcua_internal.kpi_queue_forget() FROM PUBLIC;
CREATE OR REPLACE TRIGGER kpi_dirty AFTER INSERT OR UPDATE ON motcua.dossier
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.mark_kpi_dirty();
CREATE OR REPLACE TRIGGER kpi_dirty AFTER UPDATE ON motcua.dossier_component
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.mark_kpi_dirty();

CREATE OR REPLACE FUNCTION motcua_internal.mark_kpi_front_dirty() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	old_unit motcua.unit_id;
	old_day date;
	new_unit motcua.unit_id;
	new_day date;
BEGIN
	IF TG_TABLE_NAME = 'queue_ticket' THEN
		IF TG_OP <> 'INSERT' THEN old_unit := OLD.unit; old_day := OLD.day; END IF;
		IF TG_OP <> 'DELETE' THEN new_unit := NEW.unit; new_day := NEW.day; END IF;
	ELSIF TG_TABLE_NAME = 'rating' THEN
		IF TG_OP <> 'INSERT' THEN
			old_unit := motcua.unit_of(OLD.dossier); old_day := motcua.local_time(OLD.rated_at)::date;
		END IF;
		IF TG_OP <> 'DELETE' THEN
			new_unit := motcua.unit_of(NEW.dossier); new_day := motcua.local_time(NEW.rated_at)::date;
		END IF;
	ELSE
		IF TG_OP <> 'INSERT' THEN old_unit := OLD.unit; old_day := motcua.local_time(OLD.submitted_at)::date; END IF;
		IF TG_OP <> 'DELETE' THEN new_unit := NEW.unit; new_day := motcua.local_time(NEW.submitted_at)::date; END IF;
	END IF;
	INSERT INTO motcua_internal.kpi_front_dirty (unit, day)
	SELECT DISTINCT x.unit, x.day FROM (VALUES (old_unit, old_day), (new_unit, new_day)) x(unit, day)
	WHERE x.unit IS NOT NULL;
	RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER kpi_front_dirty AFTER INSERT OR UPDATE OR DELETE ON motcua.queue_ticket
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.mark_kpi_front_dirty();
CREATE OR REPLACE TRIGGER kpi_front_dirty AFTER INSERT OR UPDATE OR DELETE ON motcua.rating
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.mark_kpi_front_dirty();
CREATE OR REPLACE TRIGGER kpi_front_dirty AFTER INSERT OR UPDATE OR DELETE ON motcua.feedback
	FOR EACH ROW EXECUTE FUNCTION motcua_internal.mark_kpi_front_dirty();
REVOKE ALL ON FUNCTION motcua_internal.mark_kpi_front_dirty() FROM PUBLIC;

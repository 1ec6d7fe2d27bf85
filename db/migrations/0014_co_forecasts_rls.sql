-- Co-forecasts (docs/decisions/0019-co-forecasts.md). Every table is shared by the two orgs of its partnership
-- (DESIGN.md §3); the services decide who may change what, and the policies below hold the same lines.
SELECT tandem_protect('forecasts', 'partnership');
--> statement-breakpoint
-- A plan names its partnership's host (the manufacturer) and is created by one of the two orgs.
CREATE POLICY forecasts_insert_self ON forecasts AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK ((partnership_id, host_org_id) IN (SELECT id, host_org_id FROM partnerships)
    AND created_by_org_id = (SELECT app_org_id()));
--> statement-breakpoint
SELECT tandem_protect('forecast_products', 'partnership');
--> statement-breakpoint
SELECT tandem_protect('forecast_cells', 'partnership');
--> statement-breakpoint
-- Each side writes only its own forecast line: the host's line belongs to the plan's host org, the partner's line
-- to the other org. Consensus (proposals, acceptance) and actuals are written by either.
CREATE POLICY forecast_cells_own_line_insert ON forecast_cells AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (line IN ('consensus', 'actual')
    OR (line = 'host') = (forecast_id IN (SELECT id FROM forecasts WHERE host_org_id = (SELECT app_org_id()))));
--> statement-breakpoint
CREATE POLICY forecast_cells_own_line_update ON forecast_cells AS RESTRICTIVE FOR UPDATE TO tandem_app
  USING (line IN ('consensus', 'actual')
    OR (line = 'host') = (forecast_id IN (SELECT id FROM forecasts WHERE host_org_id = (SELECT app_org_id()))))
  WITH CHECK (line IN ('consensus', 'actual')
    OR (line = 'host') = (forecast_id IN (SELECT id FROM forecasts WHERE host_org_id = (SELECT app_org_id()))));
--> statement-breakpoint
-- History is append-only: the triggers below write it, as the user whose change it records.
SELECT tandem_protect('forecast_cell_changes', 'partnership');
--> statement-breakpoint
REVOKE UPDATE, DELETE ON forecast_cell_changes FROM tandem_app;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE forecast_cell_changes_id_seq TO tandem_app;
--> statement-breakpoint
-- Who changed a cell and why: the row's updated_by columns, and the kind the service set for its transaction
-- (`SET LOCAL tandem.change_kind`), 'edit' when it set none. Two triggers because a trigger with transition
-- tables can have one event only; INSERT ... ON CONFLICT DO UPDATE fires each for its own rows.
CREATE OR REPLACE FUNCTION forecast_cells_log_insert() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
  INSERT INTO forecast_cell_changes (forecast_id, partnership_id, forecast_product_id, week_start, line, kind,
    old_value, new_value, old_proposed, new_proposed, version, changed_by_id, changed_by_org_id)
  SELECT n.forecast_id, n.partnership_id, n.forecast_product_id, n.week_start, n.line,
    coalesce(nullif(current_setting('tandem.change_kind', true), ''), 'edit'),
    NULL, n.value, NULL, n.proposed, n.version, n.updated_by_id, n.updated_by_org_id
  FROM new_cells n;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION forecast_cells_log_update() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
  INSERT INTO forecast_cell_changes (forecast_id, partnership_id, forecast_product_id, week_start, line, kind,
    old_value, new_value, old_proposed, new_proposed, version, changed_by_id, changed_by_org_id)
  SELECT n.forecast_id, n.partnership_id, n.forecast_product_id, n.week_start, n.line,
    coalesce(nullif(current_setting('tandem.change_kind', true), ''), 'edit'),
    o.value, n.value, o.proposed, n.proposed, n.version, n.updated_by_id, n.updated_by_org_id
  FROM new_cells n
  JOIN old_cells o USING (forecast_product_id, week_start, line)
  WHERE o.value IS DISTINCT FROM n.value OR o.proposed IS DISTINCT FROM n.proposed;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER forecast_cells_logged_insert AFTER INSERT ON forecast_cells
  REFERENCING NEW TABLE AS new_cells FOR EACH STATEMENT EXECUTE FUNCTION forecast_cells_log_insert();
--> statement-breakpoint
CREATE TRIGGER forecast_cells_logged_update AFTER UPDATE ON forecast_cells
  REFERENCING OLD TABLE AS old_cells NEW TABLE AS new_cells FOR EACH STATEMENT EXECUTE FUNCTION forecast_cells_log_update();
--> statement-breakpoint
REVOKE DELETE ON forecast_cells FROM tandem_app;
--> statement-breakpoint
SELECT tandem_protect('forecast_adjustments', 'partnership');
--> statement-breakpoint
CREATE POLICY forecast_adjustments_insert_self ON forecast_adjustments AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (created_by_org_id = (SELECT app_org_id()));
--> statement-breakpoint
REVOKE DELETE ON forecast_adjustments FROM tandem_app;
--> statement-breakpoint
SELECT tandem_protect('forecast_adjustment_cells', 'partnership');
--> statement-breakpoint
REVOKE UPDATE, DELETE ON forecast_adjustment_cells FROM tandem_app;
--> statement-breakpoint
-- Published versions are frozen: written once, never changed or removed by the app.
SELECT tandem_protect('forecast_versions', 'partnership');
--> statement-breakpoint
CREATE POLICY forecast_versions_insert_self ON forecast_versions AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (published_by_org_id = (SELECT app_org_id()));
--> statement-breakpoint
REVOKE UPDATE, DELETE ON forecast_versions FROM tandem_app;
--> statement-breakpoint
SELECT tandem_protect('forecast_version_cells', 'partnership');
--> statement-breakpoint
REVOKE UPDATE, DELETE ON forecast_version_cells FROM tandem_app;
--> statement-breakpoint
SELECT tandem_protect('forecast_exceptions', 'partnership');
--> statement-breakpoint
REVOKE DELETE ON forecast_exceptions FROM tandem_app;
--> statement-breakpoint
SELECT tandem_protect('forecast_exception_events', 'partnership');
--> statement-breakpoint
REVOKE UPDATE, DELETE ON forecast_exception_events FROM tandem_app;

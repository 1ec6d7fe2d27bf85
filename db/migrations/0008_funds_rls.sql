-- Row-level security for co-op / MDF funds (DESIGN.md §3). The manufacturer owns funds and is the only writer; a
-- partner reads its own partnership's allocations and their entries, and the funds they belong to, nothing else.
SELECT tandem_protect('funds', 'custom');
--> statement-breakpoint
CREATE POLICY funds_read ON funds FOR SELECT TO tandem_app
  USING (org_id = (SELECT app_org_id()) OR id IN (SELECT fund_id FROM fund_allocations));
--> statement-breakpoint
CREATE POLICY funds_write ON funds FOR INSERT TO tandem_app WITH CHECK (org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY funds_update ON funds FOR UPDATE TO tandem_app
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY funds_delete ON funds FOR DELETE TO tandem_app USING (org_id = (SELECT app_org_id()));
--> statement-breakpoint
SELECT tandem_protect('fund_allocations', 'partnership');
--> statement-breakpoint
CREATE POLICY fund_allocations_host_inserts ON fund_allocations AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (org_id = (SELECT app_org_id())
    AND partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY fund_allocations_host_updates ON fund_allocations AS RESTRICTIVE FOR UPDATE TO tandem_app
  USING (org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY fund_allocations_host_deletes ON fund_allocations AS RESTRICTIVE FOR DELETE TO tandem_app
  USING (org_id = (SELECT app_org_id()));
--> statement-breakpoint
SELECT tandem_protect('ledger_entries', 'custom');
--> statement-breakpoint
CREATE POLICY ledger_entries_read ON ledger_entries FOR SELECT TO tandem_app
  USING ((partnership_id IS NULL AND org_id = (SELECT app_org_id()))
    OR partnership_id IN (SELECT id FROM partnerships));
--> statement-breakpoint
CREATE POLICY ledger_entries_insert ON ledger_entries FOR INSERT TO tandem_app
  WITH CHECK (org_id = (SELECT app_org_id())
    AND fund_id IN (SELECT id FROM funds WHERE org_id = (SELECT app_org_id()))
    AND (partnership_id IS NULL
      OR partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id()))));
--> statement-breakpoint
-- The ledger is append-only: a correction is a new entry.
REVOKE UPDATE, DELETE ON ledger_entries FROM tandem_app;

-- A partnership's status bounds what its sides write (DESIGN.md §3, decision 0024); the services refuse first with
-- a message (app/features/partners/status-rules.ts), and these restrictive policies make the database refuse too.
-- Only an active partnership takes new or changed shared rows; a suspended one also takes payments of its
-- invoices. Rows with no partnership (internal chat and folders, fund adjustments) are not bound. Reading marks
-- and download logs (chat_reads, document_downloads) record reading, which every status allows; invoice updates
-- are left to the services (a payment and the overdue sweep change a suspended or ended partnership's invoice).
-- The policies are TO tandem_app only: the owner (migrations, seeds, jobs on the owner path) is not bound.
CREATE OR REPLACE FUNCTION tandem_guard_status(tbl regclass, ops text[], statuses text[] DEFAULT ARRAY['active'])
RETURNS void LANGUAGE plpgsql AS
$$
DECLARE
  op text;
  cond text := format(
    '(partnership_id IS NULL OR partnership_id IN (SELECT id FROM partnerships WHERE status::text = ANY (%L)))',
    statuses);
BEGIN
  FOREACH op IN ARRAY ops LOOP
    EXECUTE format('DROP POLICY IF EXISTS tandem_status_%s ON %s', lower(op), tbl);
    IF op = 'INSERT' THEN
      EXECUTE format('CREATE POLICY tandem_status_insert ON %s AS RESTRICTIVE FOR INSERT TO tandem_app
        WITH CHECK %s', tbl, cond);
    ELSIF op = 'UPDATE' THEN
      -- USING keeps the tenant scope only: SELECT ... FOR UPDATE applies it, and a service that locks a row of a
      -- closed partnership must still find it (to refuse with a message). WITH CHECK refuses the change itself.
      EXECUTE format('CREATE POLICY tandem_status_update ON %s AS RESTRICTIVE FOR UPDATE TO tandem_app
        USING (partnership_id IS NULL OR partnership_id IN (SELECT id FROM partnerships)) WITH CHECK %s',
        tbl, cond);
    ELSIF op = 'DELETE' THEN
      EXECUTE format('CREATE POLICY tandem_status_delete ON %s AS RESTRICTIVE FOR DELETE TO tandem_app
        USING %s', tbl, cond);
    ELSE
      RAISE EXCEPTION 'tandem_guard_status: unknown operation %', op;
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  tbl text;
BEGIN
  FOREACH tbl IN ARRAY ARRAY[
    'quotes', 'quote_revisions', 'quote_lines', 'invoice_lines',
    'fund_allocations',
    'promotions', 'promotion_events', 'promotion_products', 'promotion_volumes', 'claims', 'claim_proofs',
    'forecasts', 'forecast_products', 'forecast_cells', 'forecast_cell_changes', 'forecast_adjustments',
    'forecast_adjustment_cells', 'forecast_versions', 'forecast_version_cells', 'forecast_exceptions',
    'forecast_exception_events',
    'channels', 'chat_messages', 'chat_reactions', 'chat_attachments', 'folders', 'documents', 'document_versions'
  ] LOOP
    PERFORM tandem_guard_status(tbl::regclass, ARRAY['INSERT', 'UPDATE', 'DELETE']);
  END LOOP;
END $$;
--> statement-breakpoint
SELECT tandem_guard_status('invoices', ARRAY['INSERT', 'DELETE']);
--> statement-breakpoint
-- Money already owed is still paid while the partnership is suspended.
SELECT tandem_guard_status('payments', ARRAY['INSERT'], ARRAY['active', 'suspended']);
--> statement-breakpoint
SELECT tandem_guard_status('payments', ARRAY['UPDATE', 'DELETE']);
--> statement-breakpoint
SELECT tandem_guard_status('ledger_entries', ARRAY['INSERT']);

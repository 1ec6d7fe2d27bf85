-- Row-level security for products, quotes, invoices, payments, jobs and downloads (DESIGN.md §3).
SELECT tandem_protect('products', 'org');
--> statement-breakpoint
SELECT tandem_protect('number_sequences', 'org');
--> statement-breakpoint
SELECT tandem_protect('downloads', 'org');
--> statement-breakpoint
SELECT tandem_protect('quotes', 'partnership');
--> statement-breakpoint
SELECT tandem_protect('quote_revisions', 'partnership');
--> statement-breakpoint
SELECT tandem_protect('quote_lines', 'partnership');
--> statement-breakpoint
SELECT tandem_protect('invoices', 'partnership');
--> statement-breakpoint
SELECT tandem_protect('invoice_lines', 'partnership');
--> statement-breakpoint
SELECT tandem_protect('payments', 'partnership');
--> statement-breakpoint
-- Both sides of a partnership read its documents, but only the host (the seller) creates or removes them, and
-- only the host writes invoices and payments. Restrictive policies are ANDed with the partnership scope above.
-- The customer's side updates a quote (viewed, accepted, declined) and the optional lines it ticks.
CREATE POLICY quotes_host_inserts ON quotes AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (host_org_id = (SELECT app_org_id())
    AND partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY quotes_host_deletes ON quotes AS RESTRICTIVE FOR DELETE TO tandem_app
  USING (host_org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY quote_revisions_host_writes ON quote_revisions AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY quote_revisions_host_updates ON quote_revisions AS RESTRICTIVE FOR UPDATE TO tandem_app
  USING (partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY quote_lines_host_inserts ON quote_lines AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY quote_lines_host_deletes ON quote_lines AS RESTRICTIVE FOR DELETE TO tandem_app
  USING (partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY invoices_host_inserts ON invoices AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (host_org_id = (SELECT app_org_id())
    AND partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY invoices_host_updates ON invoices AS RESTRICTIVE FOR UPDATE TO tandem_app
  USING (host_org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY invoices_host_deletes ON invoices AS RESTRICTIVE FOR DELETE TO tandem_app
  USING (host_org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY invoice_lines_host_writes ON invoice_lines AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY invoice_lines_host_updates ON invoice_lines AS RESTRICTIVE FOR UPDATE TO tandem_app
  USING (partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY invoice_lines_host_deletes ON invoice_lines AS RESTRICTIVE FOR DELETE TO tandem_app
  USING (partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY payments_host_inserts ON payments AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY payments_host_updates ON payments AS RESTRICTIVE FOR UPDATE TO tandem_app
  USING (partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
CREATE POLICY payments_host_deletes ON payments AS RESTRICTIVE FOR DELETE TO tandem_app
  USING (partnership_id IN (SELECT id FROM partnerships WHERE host_org_id = (SELECT app_org_id())));
--> statement-breakpoint
-- Jobs: a request may enqueue and watch its own org's jobs; workers claim and run them as the owner.
SELECT tandem_protect('jobs', 'custom');
--> statement-breakpoint
CREATE POLICY jobs_enqueue ON jobs FOR INSERT TO tandem_app WITH CHECK (org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY jobs_read ON jobs FOR SELECT TO tandem_app USING (org_id = (SELECT app_org_id()));
--> statement-breakpoint
-- An accepted quote is locked (DESIGN.md §8): the database refuses any change to it, its revisions or its lines,
-- whoever asks. SQLSTATE TQLCK lets the app answer with a clear message.
CREATE OR REPLACE FUNCTION quote_lock_guard() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE
  locked boolean;
BEGIN
  IF TG_TABLE_NAME = 'quotes' THEN
    locked := OLD.status = 'accepted';
  ELSE
    SELECT q.status = 'accepted' INTO locked FROM quotes q
      WHERE q.id = CASE WHEN TG_OP = 'INSERT' THEN NEW.quote_id ELSE OLD.quote_id END;
  END IF;
  IF coalesce(locked, false) THEN
    RAISE EXCEPTION 'quote is accepted and locked' USING ERRCODE = 'TQLCK';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
--> statement-breakpoint
CREATE TRIGGER quotes_lock BEFORE UPDATE ON quotes FOR EACH ROW EXECUTE FUNCTION quote_lock_guard();
--> statement-breakpoint
CREATE TRIGGER quote_revisions_lock BEFORE INSERT OR UPDATE OR DELETE ON quote_revisions
  FOR EACH ROW EXECUTE FUNCTION quote_lock_guard();
--> statement-breakpoint
CREATE TRIGGER quote_lines_lock BEFORE INSERT OR UPDATE OR DELETE ON quote_lines
  FOR EACH ROW EXECUTE FUNCTION quote_lock_guard();

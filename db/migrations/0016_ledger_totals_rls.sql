-- ledger_totals (decision 0015): the ledger summed per allocation, kind, source and fund. Only the trigger below
-- writes it; the app role reads it under the same policy as ledger_entries, and may not write it at all.
SELECT tandem_protect('ledger_totals', 'custom');
--> statement-breakpoint
CREATE POLICY ledger_totals_read ON ledger_totals FOR SELECT TO tandem_app
  USING ((partnership_id IS NULL AND org_id = (SELECT app_org_id()))
    OR partnership_id IN (SELECT id FROM partnerships));
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON ledger_totals FROM tandem_app;
--> statement-breakpoint
-- Every entry updates a row; no index holds amount or entries, so with room left on the page the update is HOT.
ALTER TABLE ledger_totals SET (fillfactor = 50);
--> statement-breakpoint
-- Adds one statement's entries to their totals. SECURITY DEFINER because the inserting app role may not write
-- ledger_totals; a fixed search_path so the definer's rights cannot be steered to other objects. Groups are
-- upserted in key order, so statements touching the same totals lock them in the same order (no deadlock).
CREATE FUNCTION ledger_totals_add() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS
$$
BEGIN
  INSERT INTO ledger_totals (fund_id, allocation_id, org_id, partnership_id, kind, source_type, source_id, amount,
    entries)
  SELECT fund_id, allocation_id, org_id, partnership_id, kind, source_type, source_id, sum(amount), count(*)
  FROM new_entries
  GROUP BY allocation_id, kind, source_type, source_id, fund_id, org_id, partnership_id
  ORDER BY allocation_id, kind, source_type, source_id, fund_id
  ON CONFLICT ON CONSTRAINT ledger_totals_key DO UPDATE
    SET amount = ledger_totals.amount + excluded.amount, entries = ledger_totals.entries + excluded.entries;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_totals_add AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_totals_add();
--> statement-breakpoint
-- Recomputes every total from the entries: the backfill below, and the repair after the owner removes entries
-- directly (the app role never can; cascades from a fund, allocation or partnership remove their totals too).
CREATE FUNCTION ledger_totals_rebuild() RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS
$$
BEGIN
  -- No entry may land between the delete and the sums.
  LOCK TABLE ledger_entries IN SHARE MODE;
  DELETE FROM ledger_totals;
  INSERT INTO ledger_totals (fund_id, allocation_id, org_id, partnership_id, kind, source_type, source_id, amount,
    entries)
  SELECT fund_id, allocation_id, org_id, partnership_id, kind, source_type, source_id, sum(amount), count(*)
  FROM ledger_entries
  GROUP BY allocation_id, kind, source_type, source_id, fund_id, org_id, partnership_id;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION ledger_totals_rebuild() FROM PUBLIC;
--> statement-breakpoint
-- The trigger exists (and holds its lock on ledger_entries) before the backfill reads the entries.
SELECT ledger_totals_rebuild();

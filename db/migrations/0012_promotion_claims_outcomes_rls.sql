-- Promotions drafted before claim deadlines existed get the default: 60 days after they end.
UPDATE promotions SET claim_deadline = ends_on + 60 WHERE claim_deadline IS NULL;
--> statement-breakpoint
-- Row-level security for promotion products and volumes, claims, proofs and notifications (DESIGN.md §3).
-- Both orgs of the partnership read and write a promotion's products and volumes (the services decide who edits
-- which line: baseline while a draft, actuals afterwards).
SELECT tandem_protect('promotion_products', 'partnership');
--> statement-breakpoint
SELECT tandem_protect('promotion_volumes', 'partnership');
--> statement-breakpoint
-- Claims: filed by either org of the partnership against it (the services allow the partner side), naming the
-- partnership's host; only the host changes them (approve, reject, settle); never deleted.
SELECT tandem_protect('claims', 'partnership');
--> statement-breakpoint
CREATE POLICY claims_insert_self ON claims AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK ((partnership_id, host_org_id) IN (SELECT id, host_org_id FROM partnerships)
    AND created_by_org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY claims_host_updates ON claims AS RESTRICTIVE FOR UPDATE TO tandem_app
  USING (host_org_id = (SELECT app_org_id())) WITH CHECK (host_org_id = (SELECT app_org_id()));
--> statement-breakpoint
REVOKE DELETE ON claims FROM tandem_app;
--> statement-breakpoint
-- Proofs are evidence: appended by the uploading org, never changed or removed by the app.
SELECT tandem_protect('claim_proofs', 'partnership');
--> statement-breakpoint
CREATE POLICY claim_proofs_insert_self ON claim_proofs AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (uploaded_by_org_id = (SELECT app_org_id()));
--> statement-breakpoint
REVOKE UPDATE, DELETE ON claim_proofs FROM tandem_app;
--> statement-breakpoint
-- Notifications: a person reads and marks only their own, in the org they are signed in to. An org notifies its
-- own people, or the other org's people of a partnership it belongs to.
SELECT tandem_protect('notifications', 'custom');
--> statement-breakpoint
CREATE POLICY notifications_own ON notifications FOR SELECT TO tandem_app
  USING (user_id = (SELECT app_user_id()) AND org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY notifications_mark ON notifications FOR UPDATE TO tandem_app
  USING (user_id = (SELECT app_user_id()) AND org_id = (SELECT app_org_id()))
  WITH CHECK (user_id = (SELECT app_user_id()) AND org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY notifications_insert ON notifications FOR INSERT TO tandem_app
  WITH CHECK (
    org_id = (SELECT app_org_id())
    OR (partnership_id IS NOT NULL AND (partnership_id, org_id) IN (
      SELECT id, host_org_id FROM partnerships UNION ALL SELECT id, partner_org_id FROM partnerships))
  );
--> statement-breakpoint
REVOKE DELETE ON notifications FROM tandem_app;

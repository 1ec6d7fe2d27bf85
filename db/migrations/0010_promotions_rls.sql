-- Row-level security for promotions (DESIGN.md §3): both orgs of the partnership read and write them (either side
-- drafts and edits); a promotion must name its partnership's host. Status rules live in the services.
SELECT tandem_protect('promotions', 'partnership');
--> statement-breakpoint
CREATE POLICY promotions_host_named ON promotions AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK ((partnership_id, host_org_id) IN (SELECT id, host_org_id FROM partnerships)
    AND created_by_org_id = (SELECT app_org_id()));
--> statement-breakpoint
SELECT tandem_protect('promotion_events', 'partnership');
--> statement-breakpoint
CREATE POLICY promotion_events_self ON promotion_events AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (actor_org_id = (SELECT app_org_id()));
--> statement-breakpoint
-- A promotion's history is a record: appended, never changed by the app.
REVOKE UPDATE, DELETE ON promotion_events FROM tandem_app;

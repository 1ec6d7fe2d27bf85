-- Row-level security for chat and documents (DESIGN.md §3). These rows are either internal to one org
-- (partnership_id null: only org_id's users) or shared on a partnership (both of its orgs). A shared row must name
-- its partnership's host as org_id, so nobody can file a row under a third org.
CREATE OR REPLACE FUNCTION tandem_protect_shared(tbl regclass) RETURNS void LANGUAGE plpgsql AS
$$
BEGIN
  PERFORM tandem_protect(tbl, 'custom');
  EXECUTE format('DROP POLICY IF EXISTS tandem_shared_scope ON %s', tbl);
  EXECUTE format('CREATE POLICY tandem_shared_scope ON %s TO tandem_app
    USING ((partnership_id IS NULL AND org_id = (SELECT app_org_id()))
      OR partnership_id IN (SELECT id FROM partnerships))
    WITH CHECK ((partnership_id IS NULL AND org_id = (SELECT app_org_id()))
      OR (partnership_id, org_id) IN (SELECT id, host_org_id FROM partnerships))', tbl);
END
$$;
--> statement-breakpoint
SELECT tandem_protect_shared('channels');
--> statement-breakpoint
SELECT tandem_protect_shared('chat_messages');
--> statement-breakpoint
SELECT tandem_protect_shared('chat_reactions');
--> statement-breakpoint
SELECT tandem_protect_shared('chat_attachments');
--> statement-breakpoint
SELECT tandem_protect_shared('chat_reads');
--> statement-breakpoint
SELECT tandem_protect_shared('folders');
--> statement-breakpoint
SELECT tandem_protect_shared('documents');
--> statement-breakpoint
SELECT tandem_protect_shared('document_versions');
--> statement-breakpoint
SELECT tandem_protect_shared('document_downloads');
--> statement-breakpoint
-- People write as themselves: a message, reaction or read mark always names the signed-in user and org.
CREATE POLICY chat_messages_own_insert ON chat_messages AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (author_id = (SELECT app_user_id()) AND author_org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY chat_messages_own_update ON chat_messages AS RESTRICTIVE FOR UPDATE TO tandem_app
  USING (author_id = (SELECT app_user_id()));
--> statement-breakpoint
-- Messages are never removed by the app: a delete is a deleted_at mark, so replies keep their context.
REVOKE DELETE ON chat_messages FROM tandem_app;
--> statement-breakpoint
CREATE POLICY chat_reactions_own_insert ON chat_reactions AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (user_id = (SELECT app_user_id()));
--> statement-breakpoint
REVOKE UPDATE ON chat_reactions FROM tandem_app;
--> statement-breakpoint
CREATE POLICY chat_reactions_own_delete ON chat_reactions AS RESTRICTIVE FOR DELETE TO tandem_app
  USING (user_id = (SELECT app_user_id()));
--> statement-breakpoint
CREATE POLICY chat_reads_own_insert ON chat_reads AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (user_id = (SELECT app_user_id()));
--> statement-breakpoint
CREATE POLICY chat_reads_own_update ON chat_reads AS RESTRICTIVE FOR UPDATE TO tandem_app
  USING (user_id = (SELECT app_user_id()));
--> statement-breakpoint
CREATE POLICY document_versions_uploader ON document_versions AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (uploader_org_id = (SELECT app_org_id()) AND uploaded_by_id = (SELECT app_user_id()));
--> statement-breakpoint
CREATE POLICY document_downloads_self ON document_downloads AS RESTRICTIVE FOR INSERT TO tandem_app
  WITH CHECK (downloader_org_id = (SELECT app_org_id()) AND user_id = (SELECT app_user_id()));
--> statement-breakpoint
-- The download log is a record: once written it is not changed by the app.
REVOKE UPDATE, DELETE ON document_downloads FROM tandem_app;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE chat_messages_id_seq TO tandem_app;

DROP INDEX "documents_name_key";--> statement-breakpoint
CREATE UNIQUE INDEX "documents_name_key" ON "documents" USING btree ("folder_id","owner_org_id",lower("name"));
CREATE TABLE "ledger_totals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"allocation_id" uuid,
	"org_id" uuid NOT NULL,
	"partnership_id" uuid,
	"kind" text NOT NULL,
	"source_type" text,
	"source_id" uuid,
	"amount" bigint NOT NULL,
	"entries" bigint NOT NULL,
	CONSTRAINT "ledger_totals_key" UNIQUE NULLS NOT DISTINCT("allocation_id","kind","source_type","source_id","fund_id")
);
--> statement-breakpoint
DROP INDEX "ledger_entries_fund_idx";--> statement-breakpoint
ALTER TABLE "ledger_totals" ADD CONSTRAINT "ledger_totals_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_totals" ADD CONSTRAINT "ledger_totals_allocation_id_fund_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."fund_allocations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_totals" ADD CONSTRAINT "ledger_totals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_totals" ADD CONSTRAINT "ledger_totals_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_totals_fund_idx" ON "ledger_totals" USING btree ("fund_id","kind");--> statement-breakpoint
CREATE INDEX "ledger_entries_fund_time_idx" ON "ledger_entries" USING btree ("fund_id","created_at" DESC NULLS FIRST,"id");
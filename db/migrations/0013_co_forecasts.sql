CREATE TABLE "forecast_adjustment_cells" (
	"adjustment_id" uuid NOT NULL,
	"forecast_product_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"forecast_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"units" integer NOT NULL,
	CONSTRAINT "forecast_adjustment_cells_adjustment_id_forecast_product_id_week_start_pk" PRIMARY KEY("adjustment_id","forecast_product_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "forecast_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forecast_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"promotion_id" uuid,
	"line" text NOT NULL,
	"label" text NOT NULL,
	"lift_bp" integer NOT NULL,
	"created_by_id" uuid,
	"created_by_org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by_id" uuid,
	CONSTRAINT "forecast_adjustments_line" CHECK ("forecast_adjustments"."line" in ('host', 'partner', 'consensus'))
);
--> statement-breakpoint
CREATE TABLE "forecast_cell_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"forecast_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"forecast_product_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"line" text NOT NULL,
	"kind" text NOT NULL,
	"old_value" integer,
	"new_value" integer,
	"old_proposed" integer,
	"new_proposed" integer,
	"version" integer NOT NULL,
	"changed_by_id" uuid,
	"changed_by_org_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forecast_cells" (
	"forecast_product_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"line" text NOT NULL,
	"forecast_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"value" integer,
	"proposed" integer,
	"proposed_by_org_id" uuid,
	"updated_by_id" uuid,
	"updated_by_org_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_cells_forecast_product_id_week_start_line_pk" PRIMARY KEY("forecast_product_id","week_start","line"),
	CONSTRAINT "forecast_cells_values" CHECK (("forecast_cells"."value" is null or "forecast_cells"."value" >= 0) and ("forecast_cells"."proposed" is null or "forecast_cells"."proposed" >= 0)),
	CONSTRAINT "forecast_cells_proposal" CHECK ("forecast_cells"."proposed" is null or "forecast_cells"."line" = 'consensus')
);
--> statement-breakpoint
CREATE TABLE "forecast_exception_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"exception_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"actor_org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forecast_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forecast_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"forecast_product_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"rule" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"left_value" integer,
	"right_value" integer,
	"variance_units" integer NOT NULL,
	"variance_bp" integer NOT NULL,
	"breaking" boolean DEFAULT true NOT NULL,
	"owner_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"resolved_by_id" uuid,
	"resolved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forecast_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forecast_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"product_id" uuid,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forecast_version_cells" (
	"forecast_version_id" uuid NOT NULL,
	"forecast_product_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"partnership_id" uuid NOT NULL,
	"host" integer,
	"partner" integer,
	"consensus" integer,
	CONSTRAINT "forecast_version_cells_forecast_version_id_forecast_product_id_week_start_pk" PRIMARY KEY("forecast_version_id","forecast_product_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "forecast_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forecast_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"published_by_id" uuid,
	"published_by_org_id" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forecasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"host_org_id" uuid NOT NULL,
	"created_by_org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_week" date NOT NULL,
	"horizon_weeks" integer NOT NULL,
	"unit" text DEFAULT 'units' NOT NULL,
	"gap_bp" integer,
	"gap_units" integer,
	"shift_bp" integer,
	"archived_at" timestamp with time zone,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecasts_horizon" CHECK ("forecasts"."horizon_weeks" between 1 and 104),
	CONSTRAINT "forecasts_monday" CHECK (extract(isodow from "forecasts"."start_week") = 1),
	CONSTRAINT "forecasts_rules" CHECK (("forecasts"."gap_bp" is null or "forecasts"."gap_bp" between 0 and 10000) and ("forecasts"."gap_units" is null or "forecasts"."gap_units" >= 0)
        and ("forecasts"."shift_bp" is null or "forecasts"."shift_bp" >= 0))
);
--> statement-breakpoint
ALTER TABLE "forecast_adjustment_cells" ADD CONSTRAINT "forecast_adjustment_cells_adjustment_id_forecast_adjustments_id_fk" FOREIGN KEY ("adjustment_id") REFERENCES "public"."forecast_adjustments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_adjustment_cells" ADD CONSTRAINT "forecast_adjustment_cells_forecast_product_id_forecast_products_id_fk" FOREIGN KEY ("forecast_product_id") REFERENCES "public"."forecast_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_adjustment_cells" ADD CONSTRAINT "forecast_adjustment_cells_forecast_id_forecasts_id_fk" FOREIGN KEY ("forecast_id") REFERENCES "public"."forecasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_adjustment_cells" ADD CONSTRAINT "forecast_adjustment_cells_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_adjustments" ADD CONSTRAINT "forecast_adjustments_forecast_id_forecasts_id_fk" FOREIGN KEY ("forecast_id") REFERENCES "public"."forecasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_adjustments" ADD CONSTRAINT "forecast_adjustments_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_adjustments" ADD CONSTRAINT "forecast_adjustments_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_adjustments" ADD CONSTRAINT "forecast_adjustments_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_adjustments" ADD CONSTRAINT "forecast_adjustments_created_by_org_id_organizations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_adjustments" ADD CONSTRAINT "forecast_adjustments_undone_by_id_users_id_fk" FOREIGN KEY ("undone_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_cell_changes" ADD CONSTRAINT "forecast_cell_changes_forecast_id_forecasts_id_fk" FOREIGN KEY ("forecast_id") REFERENCES "public"."forecasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_cell_changes" ADD CONSTRAINT "forecast_cell_changes_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_cell_changes" ADD CONSTRAINT "forecast_cell_changes_forecast_product_id_forecast_products_id_fk" FOREIGN KEY ("forecast_product_id") REFERENCES "public"."forecast_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_cell_changes" ADD CONSTRAINT "forecast_cell_changes_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_cell_changes" ADD CONSTRAINT "forecast_cell_changes_changed_by_org_id_organizations_id_fk" FOREIGN KEY ("changed_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_cells" ADD CONSTRAINT "forecast_cells_forecast_product_id_forecast_products_id_fk" FOREIGN KEY ("forecast_product_id") REFERENCES "public"."forecast_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_cells" ADD CONSTRAINT "forecast_cells_forecast_id_forecasts_id_fk" FOREIGN KEY ("forecast_id") REFERENCES "public"."forecasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_cells" ADD CONSTRAINT "forecast_cells_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_cells" ADD CONSTRAINT "forecast_cells_proposed_by_org_id_organizations_id_fk" FOREIGN KEY ("proposed_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_cells" ADD CONSTRAINT "forecast_cells_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_cells" ADD CONSTRAINT "forecast_cells_updated_by_org_id_organizations_id_fk" FOREIGN KEY ("updated_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_exception_events" ADD CONSTRAINT "forecast_exception_events_exception_id_forecast_exceptions_id_fk" FOREIGN KEY ("exception_id") REFERENCES "public"."forecast_exceptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_exception_events" ADD CONSTRAINT "forecast_exception_events_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_exception_events" ADD CONSTRAINT "forecast_exception_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_exception_events" ADD CONSTRAINT "forecast_exception_events_actor_org_id_organizations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_exceptions" ADD CONSTRAINT "forecast_exceptions_forecast_id_forecasts_id_fk" FOREIGN KEY ("forecast_id") REFERENCES "public"."forecasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_exceptions" ADD CONSTRAINT "forecast_exceptions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_exceptions" ADD CONSTRAINT "forecast_exceptions_forecast_product_id_forecast_products_id_fk" FOREIGN KEY ("forecast_product_id") REFERENCES "public"."forecast_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_exceptions" ADD CONSTRAINT "forecast_exceptions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_exceptions" ADD CONSTRAINT "forecast_exceptions_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_products" ADD CONSTRAINT "forecast_products_forecast_id_forecasts_id_fk" FOREIGN KEY ("forecast_id") REFERENCES "public"."forecasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_products" ADD CONSTRAINT "forecast_products_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_products" ADD CONSTRAINT "forecast_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_version_cells" ADD CONSTRAINT "forecast_version_cells_forecast_version_id_forecast_versions_id_fk" FOREIGN KEY ("forecast_version_id") REFERENCES "public"."forecast_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_version_cells" ADD CONSTRAINT "forecast_version_cells_forecast_product_id_forecast_products_id_fk" FOREIGN KEY ("forecast_product_id") REFERENCES "public"."forecast_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_version_cells" ADD CONSTRAINT "forecast_version_cells_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_versions" ADD CONSTRAINT "forecast_versions_forecast_id_forecasts_id_fk" FOREIGN KEY ("forecast_id") REFERENCES "public"."forecasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_versions" ADD CONSTRAINT "forecast_versions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_versions" ADD CONSTRAINT "forecast_versions_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_versions" ADD CONSTRAINT "forecast_versions_published_by_org_id_organizations_id_fk" FOREIGN KEY ("published_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_host_org_id_organizations_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_created_by_org_id_organizations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forecast_adjustment_cells_forecast_idx" ON "forecast_adjustment_cells" USING btree ("forecast_id");--> statement-breakpoint
CREATE INDEX "forecast_adjustments_forecast_idx" ON "forecast_adjustments" USING btree ("forecast_id","line");--> statement-breakpoint
CREATE UNIQUE INDEX "forecast_adjustments_active_key" ON "forecast_adjustments" USING btree ("forecast_id","promotion_id","line") WHERE undone_at is null;--> statement-breakpoint
CREATE INDEX "forecast_cell_changes_cell_idx" ON "forecast_cell_changes" USING btree ("forecast_product_id","week_start","line","id");--> statement-breakpoint
CREATE INDEX "forecast_cell_changes_forecast_idx" ON "forecast_cell_changes" USING btree ("forecast_id","id");--> statement-breakpoint
CREATE INDEX "forecast_cells_forecast_idx" ON "forecast_cells" USING btree ("forecast_id","line");--> statement-breakpoint
CREATE INDEX "forecast_exception_events_exception_idx" ON "forecast_exception_events" USING btree ("exception_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "forecast_exceptions_key" ON "forecast_exceptions" USING btree ("forecast_product_id","week_start","rule");--> statement-breakpoint
CREATE INDEX "forecast_exceptions_forecast_idx" ON "forecast_exceptions" USING btree ("forecast_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "forecast_products_key" ON "forecast_products" USING btree ("forecast_id","sku");--> statement-breakpoint
CREATE INDEX "forecast_products_order_idx" ON "forecast_products" USING btree ("forecast_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "forecast_versions_key" ON "forecast_versions" USING btree ("forecast_id","number");--> statement-breakpoint
CREATE INDEX "forecasts_partnership_idx" ON "forecasts" USING btree ("partnership_id","start_week");--> statement-breakpoint
CREATE INDEX "forecasts_host_idx" ON "forecasts" USING btree ("host_org_id");
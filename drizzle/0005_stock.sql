CREATE TABLE "esim_inventory" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bundle_name" text NOT NULL,
	"provider" text NOT NULL,
	"iccid" text NOT NULL,
	"smdp_address" text NOT NULL,
	"activation_code_sealed" text,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"cost_minor" integer,
	"cost_currency" text,
	"batch" text,
	"metadata" jsonb,
	"stock_purchase_id" bigint,
	"order_id" text,
	"reserved_at" timestamp with time zone,
	"exposed_at" timestamp with time zone,
	"assigned_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"retired_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provisioning_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" text,
	"inventory_id" bigint,
	"source" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"payload" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_levels" (
	"bundle_name" text PRIMARY KEY NOT NULL,
	"target_level" integer DEFAULT 0 NOT NULL,
	"low_threshold" integer DEFAULT 0 NOT NULL,
	"low_since" timestamp with time zone,
	"low_alert_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_purchases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bundle_name" text NOT NULL,
	"provider" text NOT NULL,
	"quantity" integer NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" text,
	"provider_reference" text,
	"cost_minor" integer,
	"cost_currency" text,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "esim_inventory" ADD CONSTRAINT "esim_inventory_bundle_name_bundles_name_fk" FOREIGN KEY ("bundle_name") REFERENCES "public"."bundles"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esim_inventory" ADD CONSTRAINT "esim_inventory_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioning_log" ADD CONSTRAINT "provisioning_log_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_bundle_name_bundles_name_fk" FOREIGN KEY ("bundle_name") REFERENCES "public"."bundles"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_purchases" ADD CONSTRAINT "stock_purchases_bundle_name_bundles_name_fk" FOREIGN KEY ("bundle_name") REFERENCES "public"."bundles"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "esim_inventory_iccid_key" ON "esim_inventory" USING btree ("iccid");--> statement-breakpoint
CREATE UNIQUE INDEX "esim_inventory_order_key" ON "esim_inventory" USING btree ("order_id") WHERE order_id is not null;--> statement-breakpoint
CREATE INDEX "esim_inventory_pick_idx" ON "esim_inventory" USING btree ("bundle_name","status","id");--> statement-breakpoint
CREATE INDEX "provisioning_log_order_idx" ON "provisioning_log" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_purchases_reference_key" ON "stock_purchases" USING btree ("provider","provider_reference") WHERE provider_reference is not null;--> statement-breakpoint
CREATE INDEX "stock_purchases_open_idx" ON "stock_purchases" USING btree ("bundle_name","status");--> statement-breakpoint
-- The provisioning log is a record, not state: nothing may rewrite or remove an entry.
CREATE FUNCTION "provisioning_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'provisioning_log is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "provisioning_log_append_only" BEFORE UPDATE OR DELETE ON "provisioning_log"
  FOR EACH ROW EXECUTE FUNCTION "provisioning_log_append_only"();

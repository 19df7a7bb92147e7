CREATE TABLE "activation_views" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"iccid" text NOT NULL,
	"viewer_customer_id" text,
	"viewer_role" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"viewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_throttle" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bucket" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bundles" (
	"name" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"description" text NOT NULL,
	"scope" text NOT NULL,
	"countries" text[] NOT NULL,
	"country" text,
	"region" text,
	"data_mb" integer,
	"unlimited" boolean DEFAULT false NOT NULL,
	"duration_days" integer NOT NULL,
	"speeds" text[] DEFAULT '{}'::text[] NOT NULL,
	"autostart" boolean DEFAULT true NOT NULL,
	"wholesale_minor" integer NOT NULL,
	"wholesale_currency" text NOT NULL,
	"price_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"clerk_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "esim_callbacks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"iccid" text,
	"kind" text NOT NULL,
	"type" text,
	"bundle_reference" text,
	"body" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "esim_callbacks_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "esim_usage" (
	"iccid" text PRIMARY KEY NOT NULL,
	"profile_status" text,
	"first_installed_at" timestamp with time zone,
	"first_used_at" timestamp with time zone,
	"bundle_name" text,
	"bundle_reference" text,
	"bundle_state" text,
	"initial_bytes" bigint,
	"remaining_bytes" bigint,
	"unlimited" boolean DEFAULT false NOT NULL,
	"start_time" timestamp with time zone,
	"end_time" timestamp with time zone,
	"bundles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deletion_scheduled_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone,
	"refresh_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "esims" (
	"iccid" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"order_id" text NOT NULL,
	"customer_id" text,
	"smdp_address" text NOT NULL,
	"matching_id" text NOT NULL,
	"lpa" text NOT NULL,
	"qr_path" text,
	"status" text DEFAULT 'issued' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"order_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"horizon_at" timestamp with time zone NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"next" text,
	"request_ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"step" text,
	"detail" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"customer_id" text,
	"email" text,
	"kind" text DEFAULT 'new' NOT NULL,
	"topup_iccid" text,
	"provider" text NOT NULL,
	"bundle_name" text NOT NULL,
	"bundle_snapshot" jsonb NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"wholesale_minor" integer,
	"wholesale_currency" text,
	"stripe_checkout_session_id" text,
	"stripe_payment_intent_id" text,
	"access_token_hash" text NOT NULL,
	"access_token_sealed" text,
	"failure_reason" text,
	"attention_reason" text,
	"paid_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"email_sent_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"refund_id" text,
	"refunded_minor" integer,
	"refund_email_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_stripe_checkout_session_id_unique" UNIQUE("stripe_checkout_session_id")
);
--> statement-breakpoint
CREATE TABLE "provider_purchases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"provider" text NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"request" jsonb,
	"provider_reference" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	"response" jsonb
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"created" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"order_id" text
);
--> statement-breakpoint
CREATE TABLE "usage_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"iccid" text NOT NULL,
	"bundle_reference" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"skipped" boolean DEFAULT false NOT NULL,
	"email_id" text,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "activation_views" ADD CONSTRAINT "activation_views_iccid_esims_iccid_fk" FOREIGN KEY ("iccid") REFERENCES "public"."esims"("iccid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation_views" ADD CONSTRAINT "activation_views_viewer_customer_id_customers_id_fk" FOREIGN KEY ("viewer_customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esim_usage" ADD CONSTRAINT "esim_usage_iccid_esims_iccid_fk" FOREIGN KEY ("iccid") REFERENCES "public"."esims"("iccid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esims" ADD CONSTRAINT "esims_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esims" ADD CONSTRAINT "esims_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_bundle_name_bundles_name_fk" FOREIGN KEY ("bundle_name") REFERENCES "public"."bundles"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_purchases" ADD CONSTRAINT "provider_purchases_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_alerts" ADD CONSTRAINT "usage_alerts_iccid_esims_iccid_fk" FOREIGN KEY ("iccid") REFERENCES "public"."esims"("iccid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activation_views_iccid_idx" ON "activation_views" USING btree ("iccid","viewed_at");--> statement-breakpoint
CREATE INDEX "auth_throttle_bucket_idx" ON "auth_throttle" USING btree ("bucket","created_at");--> statement-breakpoint
CREATE INDEX "bundles_countries_gin" ON "bundles" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "bundles_country_idx" ON "bundles" USING btree ("country");--> statement-breakpoint
CREATE INDEX "bundles_region_idx" ON "bundles" USING btree ("region");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_email_key" ON "customers" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_clerk_user_id_key" ON "customers" USING btree ("clerk_user_id");--> statement-breakpoint
CREATE INDEX "esim_callbacks_iccid_idx" ON "esim_callbacks" USING btree ("iccid","received_at");--> statement-breakpoint
CREATE INDEX "esims_order_idx" ON "esims" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "esims_customer_idx" ON "esims" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_one_open_per_order" ON "jobs" USING btree ("kind","order_id") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "login_tokens_email_idx" ON "login_tokens" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "orders_reuse_idx" ON "orders" USING btree ("email","bundle_name","created_at");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "orders_payment_intent_idx" ON "orders" USING btree ("stripe_payment_intent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_purchases_attempt_key" ON "provider_purchases" USING btree ("order_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_purchases_reference_key" ON "provider_purchases" USING btree ("provider","provider_reference") WHERE provider_reference is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "provider_purchases_one_success" ON "provider_purchases" USING btree ("order_id") WHERE status in ('succeeded', 'linked');--> statement-breakpoint
CREATE INDEX "sessions_customer_idx" ON "sessions" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_alerts_once_key" ON "usage_alerts" USING btree ("iccid","bundle_reference","kind");
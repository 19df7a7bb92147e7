CREATE TABLE "funding_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"provider" text,
	"amount_minor" integer,
	"currency" text,
	"message" text NOT NULL,
	"detail" jsonb,
	"sent_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issuing_cardholders" (
	"key" text PRIMARY KEY NOT NULL,
	"cardholder_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallet_demands" (
	"provider" text NOT NULL,
	"order_id" text NOT NULL,
	"needed_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallet_demands_provider_order_id_pk" PRIMARY KEY("provider","order_id")
);
--> statement-breakpoint
CREATE TABLE "wallet_topups" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"purpose" text NOT NULL,
	"order_ids" text[] NOT NULL,
	"cardholder_id" text,
	"card_id" text,
	"card_last4" text,
	"card_exp_month" integer,
	"card_exp_year" integer,
	"authorization_id" text,
	"card_canceled_at" timestamp with time zone,
	"lease_until" timestamp with time zone NOT NULL,
	"error" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_cases" (
	"order_id" text PRIMARY KEY NOT NULL,
	"owner_email" text,
	"taken_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution_note" text,
	"last_resend_at" timestamp with time zone,
	"resend_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"actor_email" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"outcome" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "bundle_flags" (
	"bundle_name" text PRIMARY KEY NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"featured_rank" integer DEFAULT 0 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reconcile_findings" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"order_id" text,
	"amount_minor" integer,
	"currency" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"notified_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution" text
);
--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "equivalence_key" text;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "fallback_bundle" text;--> statement-breakpoint
ALTER TABLE "admin_cases" ADD CONSTRAINT "admin_cases_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_flags" ADD CONSTRAINT "bundle_flags_bundle_name_bundles_name_fk" FOREIGN KEY ("bundle_name") REFERENCES "public"."bundles"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "funding_alerts_one_low_balance" ON "funding_alerts" USING btree ("provider") WHERE kind = 'low_balance' and resolved_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_topups_one_open" ON "wallet_topups" USING btree ("provider") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_topups_card_key" ON "wallet_topups" USING btree ("card_id") WHERE card_id is not null;--> statement-breakpoint
CREATE INDEX "wallet_topups_provider_idx" ON "wallet_topups" USING btree ("provider","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "bundle_flags_featured_idx" ON "bundle_flags" USING btree ("featured","featured_rank");--> statement-breakpoint
CREATE INDEX "reconcile_findings_kind_idx" ON "reconcile_findings" USING btree ("kind","last_seen_at");--> statement-breakpoint
CREATE INDEX "bundles_equivalence_idx" ON "bundles" USING btree ("equivalence_key");
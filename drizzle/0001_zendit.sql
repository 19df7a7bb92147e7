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
CREATE UNIQUE INDEX "funding_alerts_one_low_balance" ON "funding_alerts" USING btree ("provider") WHERE kind = 'low_balance' and resolved_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_topups_one_open" ON "wallet_topups" USING btree ("provider") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_topups_card_key" ON "wallet_topups" USING btree ("card_id") WHERE card_id is not null;--> statement-breakpoint
CREATE INDEX "wallet_topups_provider_idx" ON "wallet_topups" USING btree ("provider","created_at");
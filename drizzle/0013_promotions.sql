CREATE TABLE "order_discounts" (
	"order_id" text PRIMARY KEY NOT NULL,
	"promotion_id" text,
	"customer_key" text,
	"list_minor" integer NOT NULL,
	"discount_minor" integer DEFAULT 0 NOT NULL,
	"credit_minor" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"stripe_coupon_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promotions" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"source" text DEFAULT 'admin' NOT NULL,
	"kind" text NOT NULL,
	"percent_off" integer,
	"amounts_off" jsonb,
	"minimum_amounts" jsonb,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"max_redemptions" integer,
	"max_per_customer" integer,
	"countries" text[],
	"first_order_only" boolean DEFAULT false NOT NULL,
	"referrer_customer_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"description" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "order_discounts" ADD CONSTRAINT "order_discounts_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_discounts" ADD CONSTRAINT "order_discounts_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_referrer_customer_id_customers_id_fk" FOREIGN KEY ("referrer_customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_discounts_promotion_idx" ON "order_discounts" USING btree ("promotion_id","customer_key");--> statement-breakpoint
CREATE INDEX "order_discounts_customer_idx" ON "order_discounts" USING btree ("customer_key");--> statement-breakpoint
CREATE INDEX "promotions_referrer_idx" ON "promotions" USING btree ("referrer_customer_id");
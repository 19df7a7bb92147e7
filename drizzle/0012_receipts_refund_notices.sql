CREATE TABLE "receipts" (
	"order_id" text PRIMARY KEY NOT NULL,
	"card_brand" text,
	"card_last4" text,
	"email_id" text,
	"emailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refund_notices" (
	"key" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"refund_minor" integer NOT NULL,
	"total_refunded_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"email_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_notices" ADD CONSTRAINT "refund_notices_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "refund_notices_order_idx" ON "refund_notices" USING btree ("order_id");
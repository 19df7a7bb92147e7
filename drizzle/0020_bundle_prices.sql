CREATE TABLE "bundle_prices" (
	"bundle_name" text NOT NULL,
	"currency" text NOT NULL,
	"price_minor" integer NOT NULL,
	"base_price_minor" integer NOT NULL,
	"rate" text NOT NULL,
	"rate_as_of" date,
	"priced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundle_prices_bundle_name_currency_pk" PRIMARY KEY("bundle_name","currency")
);
--> statement-breakpoint
ALTER TABLE "bundle_prices" ADD CONSTRAINT "bundle_prices_bundle_name_bundles_name_fk" FOREIGN KEY ("bundle_name") REFERENCES "public"."bundles"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bundle_prices_currency_idx" ON "bundle_prices" USING btree ("currency");
ALTER TABLE "bundle_prices" DROP CONSTRAINT "bundle_prices_bundle_name_bundles_name_fk";
--> statement-breakpoint
ALTER TABLE "bundle_prices" ADD CONSTRAINT "bundle_prices_bundle_name_bundles_name_fk" FOREIGN KEY ("bundle_name") REFERENCES "public"."bundles"("name") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "bundles" ADD COLUMN "equivalence_key" text;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "fallback_bundle" text;--> statement-breakpoint
CREATE INDEX "bundles_equivalence_idx" ON "bundles" USING btree ("equivalence_key");
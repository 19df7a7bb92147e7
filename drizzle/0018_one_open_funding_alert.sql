-- Declines recorded before this index were one alert each: the newest per provider stays open.
UPDATE "funding_alerts" SET "resolved_at" = now() WHERE "kind" = 'topup_failed' AND "resolved_at" IS NULL AND "id" NOT IN (SELECT max("id") FROM "funding_alerts" WHERE "kind" = 'topup_failed' AND "resolved_at" IS NULL GROUP BY "provider");--> statement-breakpoint
DROP INDEX "funding_alerts_one_low_balance";--> statement-breakpoint
CREATE UNIQUE INDEX "funding_alerts_one_open" ON "funding_alerts" USING btree ("provider","kind") WHERE kind in ('low_balance', 'topup_failed') and resolved_at is null;
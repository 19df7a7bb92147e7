ALTER TABLE "bundles" ALTER COLUMN "autostart" DROP NOT NULL;--> statement-breakpoint
-- Zendit's offers never said when the validity starts; the shop had assumed first use.
UPDATE "bundles" SET "autostart" = NULL WHERE "provider" = 'zendit';

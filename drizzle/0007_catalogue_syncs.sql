CREATE TABLE "catalogue_syncs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"outcome" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fetched" integer,
	"stored" integer,
	"listed" integer,
	"invalid" integer,
	"deactivated" integer,
	"reactivated" integer,
	"error" text
);
--> statement-breakpoint
CREATE INDEX "catalogue_syncs_provider_idx" ON "catalogue_syncs" USING btree ("provider","finished_at");
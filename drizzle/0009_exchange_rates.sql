CREATE TABLE "exchange_rates" (
	"currency" text PRIMARY KEY NOT NULL,
	"per_eur" text NOT NULL,
	"as_of" date NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"pinned_per_base" text,
	"pinned_by" text,
	"pinned_at" timestamp with time zone,
	"stale_alerted_at" timestamp with time zone
);

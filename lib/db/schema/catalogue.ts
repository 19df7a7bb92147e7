// The catalogue: provider bundles as we sell them.
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

/** A provider bundle as we sell it. Never deleted: orders point at it; a vanished bundle goes inactive. */
export const bundles = pgTable(
  "bundles",
  {
    name: text("name").primaryKey(),
    provider: text("provider").notNull(),
    description: text("description").notNull(),
    /** "country" (one destination), "regional" or "global". */
    scope: text("scope").notNull(),
    /** ISO 3166-1 alpha-2 codes (upper case) of every country covered. */
    countries: text("countries").array().notNull(),
    /** The single destination of a country bundle; null for regional and global ones. */
    country: text("country"),
    /** Normalised region slug for regional bundles (e.g. "europe"); "global" for global ones. */
    region: text("region"),
    /** Data in MB (decimal, 1000 = 1 GB); null when unlimited. */
    dataMb: integer("data_mb"),
    unlimited: boolean("unlimited").notNull().default(false),
    durationDays: integer("duration_days").notNull(),
    speeds: text("speeds")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Validity starts at first connection (true) or at delivery (false); null: the provider does not say. */
    autostart: boolean("autostart").default(true),
    /** Networks and speeds per covered country, from the provider's catalogue (lib/catalogue/networks.ts). */
    networks: jsonb("networks")
      .$type<{ iso: string; networks: { name: string | null; speeds: string[] }[] }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    wholesaleMinor: integer("wholesale_minor").notNull(),
    wholesaleCurrency: text("wholesale_currency").notNull(),
    priceMinor: integer("price_minor").notNull(),
    currency: text("currency").notNull(),
    active: boolean("active").notNull().default(true),
    /** Coverage + data + days: bundles of different providers with the same key sell the same plan. */
    equivalenceKey: text("equivalence_key"),
    /** Another provider's equivalent bundle (kept inactive): checkout and fulfilment fall back to it. */
    fallbackBundle: text("fallback_bundle"),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
    ...timestamps(),
  },
  (t) => [
    index("bundles_countries_gin").using("gin", t.countries),
    index("bundles_country_idx").on(t.country),
    index("bundles_region_idx").on(t.region),
    index("bundles_equivalence_idx").on(t.equivalenceKey),
  ],
);
export type Bundle = typeof bundles.$inferSelect;
export type NewBundle = typeof bundles.$inferInsert;

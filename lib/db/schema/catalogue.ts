import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

/** Never deleted: orders point at it; a vanished bundle goes inactive. */
export const bundles = pgTable(
  "bundles",
  {
    name: text("name").primaryKey(),
    provider: text("provider").notNull(),
    description: text("description").notNull(),
    scope: text("scope").notNull(),
    countries: text("countries").array().notNull(),
    country: text("country"),
    region: text("region"),
    dataMb: integer("data_mb"),
    unlimited: boolean("unlimited").notNull().default(false),
    durationDays: integer("duration_days").notNull(),
    speeds: text("speeds")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    autostart: boolean("autostart").default(true),
    networks: jsonb("networks")
      .$type<{ iso: string; networks: { name: string | null; speeds: string[] }[] }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    wholesaleMinor: integer("wholesale_minor").notNull(),
    wholesaleCurrency: text("wholesale_currency").notNull(),
    priceMinor: integer("price_minor").notNull(),
    currency: text("currency").notNull(),
    active: boolean("active").notNull().default(true),
    equivalenceKey: text("equivalence_key"),
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

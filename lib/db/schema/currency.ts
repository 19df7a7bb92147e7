import { date, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { bundles } from "./catalogue";

export const exchangeRates = pgTable("exchange_rates", {
  currency: text("currency").primaryKey(),
  perEur: text("per_eur").notNull(),
  asOf: date("as_of").notNull(),
  fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
  pinnedPerBase: text("pinned_per_base"),
  pinnedBy: text("pinned_by"),
  pinnedAt: timestamp("pinned_at", { withTimezone: true }),
  staleAlertedAt: timestamp("stale_alerted_at", { withTimezone: true }),
});
export type ExchangeRate = typeof exchangeRates.$inferSelect;

/** Computed when the catalogue is priced and charged as stored: never converted at request time. */
export const bundlePrices = pgTable(
  "bundle_prices",
  {
    bundleName: text("bundle_name")
      .notNull()
      .references(() => bundles.name, { onDelete: "cascade" }),
    currency: text("currency").notNull(),
    priceMinor: integer("price_minor").notNull(),
    basePriceMinor: integer("base_price_minor").notNull(),
    rate: text("rate").notNull(),
    rateAsOf: date("rate_as_of"),
    pricedAt: timestamp("priced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.bundleName, t.currency] }), index("bundle_prices_currency_idx").on(t.currency)],
);
export type BundlePrice = typeof bundlePrices.$inferSelect;

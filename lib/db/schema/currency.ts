// Exchange rates the shop sells by: the source's latest rate per 1 EUR for each currency, and an admin's pin.
import { date, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { bundles } from "./catalogue";

export const exchangeRates = pgTable("exchange_rates", {
  /** ISO 4217. */
  currency: text("currency").primaryKey(),
  /** Units per 1 EUR as published (a decimal string, never a float); EUR itself is "1". */
  perEur: text("per_eur").notNull(),
  /** The day the source published the rate for. */
  asOf: date("as_of").notNull(),
  fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
  /** An admin's fixed rate, units per 1 unit of the base currency; overrides the source while set. */
  pinnedPerBase: text("pinned_per_base"),
  pinnedBy: text("pinned_by"),
  pinnedAt: timestamp("pinned_at", { withTimezone: true }),
  /** When the admins were told this currency stopped selling for a stale rate (cleared once fresh again). */
  staleAlertedAt: timestamp("stale_alerted_at", { withTimezone: true }),
});
export type ExchangeRate = typeof exchangeRates.$inferSelect;

/**
 * A plan's price in each non-base currency the shop sells, computed from its base price when the catalogue
 * is priced (sync, or a rate refresh) and charged as stored: never converted at request time.
 */
export const bundlePrices = pgTable(
  "bundle_prices",
  {
    bundleName: text("bundle_name")
      .notNull()
      // Derived data: goes with its bundle (bundles are never deleted in the shop, only in tests).
      .references(() => bundles.name, { onDelete: "cascade" }),
    /** ISO 4217, never the base currency (that price is on the bundle itself). */
    currency: text("currency").notNull(),
    /** Integer minor units of `currency` (yen have none: ¥780 is 780). */
    priceMinor: integer("price_minor").notNull(),
    /** The base price this was computed from: a sync that changes it recomputes this row. */
    basePriceMinor: integer("base_price_minor").notNull(),
    /** The rate used, units per 1 unit of the base currency, as a decimal string for people. */
    rate: text("rate").notNull(),
    /** The day of that rate, or null for an admin's pinned rate. */
    rateAsOf: date("rate_as_of"),
    pricedAt: timestamp("priced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.bundleName, t.currency] }), index("bundle_prices_currency_idx").on(t.currency)],
);
export type BundlePrice = typeof bundlePrices.$inferSelect;

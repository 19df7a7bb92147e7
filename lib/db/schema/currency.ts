// Exchange rates the shop sells by: the source's latest rate per 1 EUR for each currency, and an admin's pin.
import { date, pgTable, text, timestamp } from "drizzle-orm/pg-core";

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

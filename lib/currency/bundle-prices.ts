// Each plan's price in every currency the shop sells in, written when the catalogue is priced (the sync, a
// rate refresh, an admin's pin) and read as stored by pages and checkout: what a page shows is what Checkout
// charges, and no request converts anything.
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { bundlePrices, bundles } from "@/lib/db/schema";
import { formatRate } from "./convert";
import { localPrice } from "./prices";
import { currentRates, type CurrencyRate } from "./rates";

export interface CurrencySettings {
  base: string;
  currencies: readonly string[];
  maxAgeDays: number;
  bufferPercent: number;
  charm: boolean;
}

export interface PricingPass {
  /** Prices written per currency. */
  priced: Record<string, number>;
  /** Listed currencies that do not sell now (stale or missing rate): their prices were removed. */
  stopped: { currency: string; reason: "no_rate" | "stale" }[];
  states: CurrencyRate[];
}

const BATCH = 1000;

/**
 * Recomputes the price of every active plan in each currency that sells now, and removes the prices of those
 * that do not (a page then shows the base currency). Run it inside the transaction that changed base prices
 * or rates, so readers never see a mix of old and new.
 */
export async function priceBundles(db: Db | Tx, settings: CurrencySettings, now = new Date()): Promise<PricingPass> {
  const states = await currentRates(db, { ...settings, now });
  const selling = states.filter((s) => s.sellable && s.rate && s.currency !== settings.base);
  const stopped = states
    .filter((s) => !s.sellable)
    .map((s) => ({ currency: s.currency, reason: s.reason ?? ("no_rate" as const) }));

  const keep = selling.map((s) => s.currency);
  await db.delete(bundlePrices).where(keep.length ? notInArray(bundlePrices.currency, keep) : sql`true`);
  const priced: Record<string, number> = {};
  if (selling.length === 0) return { priced, stopped, states };

  const plans = await db
    .select({ name: bundles.name, priceMinor: bundles.priceMinor })
    .from(bundles)
    .where(and(eq(bundles.active, true), eq(bundles.currency, settings.base)));
  const rules = { base: settings.base, bufferPercent: settings.bufferPercent, charm: settings.charm };
  for (const s of selling) {
    const rate = formatRate(s.rate!);
    const rateAsOf = s.pinned ? null : s.asOf;
    const values = plans.map((p) => ({
      bundleName: p.name,
      currency: s.currency,
      priceMinor: localPrice(p.priceMinor, s.currency, s.rate!, rules),
      basePriceMinor: p.priceMinor,
      rate,
      rateAsOf,
    }));
    for (let i = 0; i < values.length; i += BATCH)
      await db
        .insert(bundlePrices)
        .values(values.slice(i, i + BATCH))
        .onConflictDoUpdate({
          target: [bundlePrices.bundleName, bundlePrices.currency],
          set: {
            priceMinor: sql`excluded.price_minor`,
            basePriceMinor: sql`excluded.base_price_minor`,
            rate: sql`excluded.rate`,
            rateAsOf: sql`excluded.rate_as_of`,
            pricedAt: sql`now()`,
          },
          // An hourly pass at an unchanged rate writes nothing.
          setWhere: sql`(${bundlePrices.priceMinor}, ${bundlePrices.basePriceMinor}, ${bundlePrices.rate}, ${bundlePrices.rateAsOf}) is distinct from (excluded.price_minor, excluded.base_price_minor, excluded.rate, excluded.rate_as_of)`,
        });
    // A plan no longer sold keeps no price in this currency.
    await db
      .delete(bundlePrices)
      .where(
        and(
          eq(bundlePrices.currency, s.currency),
          sql`${bundlePrices.bundleName} not in (select name from bundles where active and currency = ${settings.base})`,
        ),
      );
    priced[s.currency] = values.length;
  }
  return { priced, stopped, states };
}

/** The stored price of one plan in `currency`, or null when it has none (not sold in it now). */
export async function storedPrice(
  db: Db | Tx,
  bundleName: string,
  currency: string,
): Promise<{ priceMinor: number; basePriceMinor: number; rate: string } | null> {
  const [row] = await db
    .select({
      priceMinor: bundlePrices.priceMinor,
      basePriceMinor: bundlePrices.basePriceMinor,
      rate: bundlePrices.rate,
    })
    .from(bundlePrices)
    .where(and(eq(bundlePrices.bundleName, bundleName), eq(bundlePrices.currency, currency)));
  return row ?? null;
}

/**
 * Base price → price in `currency`, for every plan priced in it. One pricing pass uses one rate per currency,
 * so equal base prices have equal local prices: this also gives "from" prices of lists, looked up, not converted.
 */
export async function priceTable(db: Db | Tx, currency: string): Promise<Record<number, number>> {
  const rows = await db
    .selectDistinct({ base: bundlePrices.basePriceMinor, local: bundlePrices.priceMinor })
    .from(bundlePrices)
    .where(inArray(bundlePrices.currency, [currency]));
  return Object.fromEntries(rows.map((r) => [r.base, r.local]));
}

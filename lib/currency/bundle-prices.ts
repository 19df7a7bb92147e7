// Each plan's price in every selling currency, stored when the catalogue is priced: what a page shows is
// what Checkout charges, and no request converts anything.
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
  priced: Record<string, number>;
  stopped: { currency: string; reason: "no_rate" | "stale" }[];
  states: CurrencyRate[];
}

const BATCH = 1000;

/** Run inside the transaction that changed base prices or rates, so readers never see a mix. */
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
          setWhere: sql`(${bundlePrices.priceMinor}, ${bundlePrices.basePriceMinor}, ${bundlePrices.rate}, ${bundlePrices.rateAsOf}) is distinct from (excluded.price_minor, excluded.base_price_minor, excluded.rate, excluded.rate_as_of)`,
        });
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

/** One rate per currency per pass, so equal base prices have equal local prices. */
export async function priceTable(db: Db | Tx, currency: string): Promise<Record<number, number>> {
  const rows = await db
    .selectDistinct({ base: bundlePrices.basePriceMinor, local: bundlePrices.priceMinor })
    .from(bundlePrices)
    .where(inArray(bundlePrices.currency, [currency]));
  return Object.fromEntries(rows.map((r) => [r.base, r.local]));
}

// The rates the shop sells by. The source's table is refreshed daily; each currency sells while its rate is
// fresh (or pinned by an admin) and stops — visitors then see the base currency — once the source has gone
// quiet for `maxAgeDays`, because a rate that no longer moves with the market could sell below cost.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { exchangeRates, type ExchangeRate } from "@/lib/db/schema";
import { decimalRate, ratesPerBase, type Rate } from "./convert";
import { fetchEcbRates, type RateTable } from "./ecb";

export interface CurrencyRate {
  currency: string;
  /** Units per 1 unit of the base currency; null when the source never gave one. */
  rate: Rate | null;
  /** The source's day for this rate (the older of the currency's and the base's), or null. */
  asOf: string | null;
  pinned: boolean;
  sellable: boolean;
  /** Why it does not sell: "no_rate" or "stale". */
  reason?: "no_rate" | "stale";
}

const DAY_MS = 86_400_000;

/** Fetches the day's table and stores the rates of `currencies` (and the base). Returns the source's day. */
export async function refreshRates(
  db: Db,
  opts: { url: string; base: string; currencies: readonly string[]; fetchImpl?: typeof fetch },
): Promise<RateTable> {
  const table = await fetchEcbRates(opts.url, opts.fetchImpl);
  const wanted = [...new Set([opts.base, ...opts.currencies])].filter((c) => table.perEur[c]);
  if (wanted.length === 0) return table;
  await db
    .insert(exchangeRates)
    .values(wanted.map((currency) => ({ currency, perEur: table.perEur[currency]!, asOf: table.date })))
    .onConflictDoUpdate({
      target: exchangeRates.currency,
      set: { perEur: sql`excluded.per_eur`, asOf: sql`excluded.as_of`, fetchedAt: sql`now()` },
      // An older table (a cache serving yesterday's document) never replaces a newer one.
      setWhere: sql`${exchangeRates.asOf} <= excluded.as_of`,
    });
  return table;
}

/** Pure: what each currency sells at, from the stored rows. */
export function rateStates(
  rows: readonly Pick<ExchangeRate, "currency" | "perEur" | "asOf" | "pinnedPerBase">[],
  opts: { base: string; currencies: readonly string[]; maxAgeDays: number; now: Date },
): CurrencyRate[] {
  const byCurrency = new Map(rows.map((r) => [r.currency, r]));
  const baseRow = byCurrency.get(opts.base);
  // A row made by a pin alone carries no source rate ("0").
  const perEur = Object.fromEntries(rows.filter((r) => r.perEur !== "0").map((r) => [r.currency, r.perEur]));
  const perBase = baseRow ? ratesPerBase(perEur, opts.base) : {};
  return opts.currencies.map((currency): CurrencyRate => {
    if (currency === opts.base)
      return { currency, rate: { num: 1n, den: 1n }, asOf: null, pinned: false, sellable: true };
    const row = byCurrency.get(currency);
    if (row?.pinnedPerBase)
      return { currency, rate: decimalRate(row.pinnedPerBase), asOf: row.asOf, pinned: true, sellable: true };
    const rate = perBase[currency];
    if (!row || !baseRow || row.perEur === "0" || !rate)
      return { currency, rate: null, asOf: null, pinned: false, sellable: false, reason: "no_rate" };
    const asOf = row.asOf < baseRow.asOf ? row.asOf : baseRow.asOf;
    const ageDays = (opts.now.getTime() - Date.parse(`${asOf}T00:00:00Z`)) / DAY_MS;
    const fresh = ageDays <= opts.maxAgeDays;
    return { currency, rate, asOf, pinned: false, sellable: fresh, ...(fresh ? {} : { reason: "stale" as const }) };
  });
}

export async function currentRates(
  db: Db | Tx,
  opts: { base: string; currencies: readonly string[]; maxAgeDays: number; now?: Date },
): Promise<CurrencyRate[]> {
  const rows = await db
    .select()
    .from(exchangeRates)
    .where(inArray(exchangeRates.currency, [...new Set([opts.base, ...opts.currencies])]));
  return rateStates(rows, { ...opts, now: opts.now ?? new Date() });
}

/**
 * Pins `currency` at `perBase` units per 1 unit of the base currency (null unpins). Returns false when there
 * is nothing to change (the same pin twice, or unpinning what is not pinned), so a double click counts once.
 */
export async function pinRate(db: Db | Tx, currency: string, perBase: string | null, by: string): Promise<boolean> {
  if (perBase !== null) decimalRate(perBase);
  const changed = await db
    .insert(exchangeRates)
    // A pin may come before the source ever listed the currency: the row then carries the pin alone.
    .values({ currency, perEur: "0", asOf: "1970-01-01", pinnedPerBase: perBase, pinnedBy: by, pinnedAt: new Date() })
    .onConflictDoUpdate({
      target: exchangeRates.currency,
      set: { pinnedPerBase: perBase, pinnedBy: by, pinnedAt: sql`now()` },
      setWhere: sql`${exchangeRates.pinnedPerBase} is distinct from ${perBase}`,
    })
    .returning({ currency: exchangeRates.currency });
  return changed.length > 0;
}

/** Marks stale currencies as alerted; returns only those not alerted before (one email per stale spell). */
export async function claimStaleAlerts(db: Db | Tx, stale: readonly string[]): Promise<string[]> {
  if (stale.length === 0) return [];
  const claimed = await db
    .update(exchangeRates)
    .set({ staleAlertedAt: sql`now()` })
    .where(sql`${inArray(exchangeRates.currency, [...stale])} and ${exchangeRates.staleAlertedAt} is null`)
    .returning({ currency: exchangeRates.currency });
  return claimed.map((r) => r.currency);
}

/** A currency selling again may alert again the next time it goes stale. */
export async function clearStaleAlert(db: Db, currency: string): Promise<void> {
  await db.update(exchangeRates).set({ staleAlertedAt: null }).where(eq(exchangeRates.currency, currency));
}

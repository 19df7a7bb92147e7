// A currency stops selling once the source has been quiet for `maxAgeDays`: a rate that no longer moves with
// the market could sell below cost.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { exchangeRates, type ExchangeRate } from "@/lib/db/schema";
import { decimalRate, ratesPerBase, type Rate } from "./convert";
import { fetchEcbRates, type RateTable } from "./ecb";

export interface CurrencyRate {
  currency: string;
  rate: Rate | null;
  asOf: string | null;
  pinned: boolean;
  sellable: boolean;
  reason?: "no_rate" | "stale";
}

const DAY_MS = 86_400_000;

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
      // A cache serving yesterday's table never replaces a newer one.
      setWhere: sql`${exchangeRates.asOf} <= excluded.as_of`,
    });
  return table;
}

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

/** False when nothing changes, so a double click counts once. */
export async function pinRate(db: Db | Tx, currency: string, perBase: string | null, by: string): Promise<boolean> {
  if (perBase !== null) decimalRate(perBase);
  const changed = await db
    .insert(exchangeRates)
    .values({ currency, perEur: "0", asOf: "1970-01-01", pinnedPerBase: perBase, pinnedBy: by, pinnedAt: new Date() })
    .onConflictDoUpdate({
      target: exchangeRates.currency,
      set: { pinnedPerBase: perBase, pinnedBy: by, pinnedAt: sql`now()` },
      setWhere: sql`${exchangeRates.pinnedPerBase} is distinct from ${perBase}`,
    })
    .returning({ currency: exchangeRates.currency });
  return changed.length > 0;
}

/** One email per stale spell. */
export async function claimStaleAlerts(db: Db | Tx, stale: readonly string[]): Promise<string[]> {
  if (stale.length === 0) return [];
  const claimed = await db
    .update(exchangeRates)
    .set({ staleAlertedAt: sql`now()` })
    .where(sql`${inArray(exchangeRates.currency, [...stale])} and ${exchangeRates.staleAlertedAt} is null`)
    .returning({ currency: exchangeRates.currency });
  return claimed.map((r) => r.currency);
}

export async function clearStaleAlert(db: Db, currency: string): Promise<void> {
  await db.update(exchangeRates).set({ staleAlertedAt: null }).where(eq(exchangeRates.currency, currency));
}

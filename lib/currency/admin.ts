// A pinned rate (a source outage, a currency the source does not publish) reprices that currency at once.
import type { Db } from "@/lib/db";
import { exchangeRates } from "@/lib/db/schema";
import { writeAudit, type Actor } from "@/lib/audit";
import { revalidateCatalogue } from "@/lib/catalogue/cache";
import { formatMoney, minorDigits } from "@/lib/format";
import { decimalRate, formatRate } from "./convert";
import { localPrice } from "./prices";
import { priceBundles } from "./bundle-prices";
import { currentRates, pinRate } from "./rates";
import { currencySettings } from "./settings";

export interface CurrencyRow {
  currency: string;
  base: boolean;
  rate: string | null;
  asOf: string | null;
  pinned: boolean;
  pinnedBy: string | null;
  selling: boolean;
  reason: "no_rate" | "stale" | null;
  example: string | null;
}

export async function currencyOverview(db: Db): Promise<{ base: string; maxAgeDays: number; rows: CurrencyRow[] }> {
  const settings = await currencySettings(db);
  const [states, stored] = await Promise.all([currentRates(db, settings), db.select().from(exchangeRates)]);
  const sample = minorDigits(settings.base) === 0 ? 500 : 499;
  return {
    base: settings.base,
    maxAgeDays: settings.maxAgeDays,
    rows: states.map((s) => {
      const row = stored.find((r) => r.currency === s.currency);
      const base = s.currency === settings.base;
      return {
        currency: s.currency,
        base,
        rate: s.rate && !base ? formatRate(s.rate) : null,
        asOf: s.asOf,
        pinned: s.pinned,
        pinnedBy: s.pinned ? (row?.pinnedBy ?? null) : null,
        selling: s.sellable,
        reason: s.reason ?? null,
        example:
          s.rate && !base && s.sellable
            ? `${formatMoney(sample, settings.base)} → ${formatMoney(localPrice(sample, s.currency, s.rate, settings), s.currency)}`
            : null,
      };
    }),
  };
}

export type PinResult = { outcome: "applied" | "no_change" | "refused"; message: string };

export async function pinCurrencyRate(db: Db, currency: string, perBase: string, actor: Actor): Promise<PinResult> {
  const settings = await currencySettings(db);
  const c = currency.trim().toUpperCase();
  if (c === settings.base) return { outcome: "refused", message: `${c} is the base currency; it has no rate.` };
  if (!settings.currencies.includes(c))
    return { outcome: "refused", message: `${c} is not in SHOP_CURRENCIES (${settings.currencies.join(", ")}).` };
  const value = perBase.trim() === "" ? null : perBase.trim();
  if (value !== null) {
    try {
      decimalRate(value);
    } catch {
      return {
        outcome: "refused",
        message: `Enter the rate as a positive decimal, e.g. 150.25 ${c} per 1 ${settings.base}.`,
      };
    }
  }
  const result = await db.transaction(async (tx) => {
    const changed = await pinRate(tx, c, value, actor.email);
    if (!changed)
      return { outcome: "no_change" as const, message: value ? "Already pinned at that rate." : "Not pinned." };
    await priceBundles(tx, settings);
    await writeAudit(tx, actor, {
      action: value ? "currency.pin" : "currency.unpin",
      targetType: "setting",
      targetId: `currency:${c}`,
      outcome: "applied",
      ...(value ? { detail: { perBase: value, base: settings.base } } : {}),
    });
    return {
      outcome: "applied" as const,
      message: value
        ? `${c} pinned at ${value} per 1 ${settings.base}; prices recomputed.`
        : `${c} follows the source again.`,
    };
  });
  if (result.outcome === "applied") revalidateCatalogue();
  return result;
}

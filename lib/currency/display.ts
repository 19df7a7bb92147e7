// Store pages read stored prices from the cached catalogue; rate freshness is decided at render time, so a
// stale currency drops out before the hourly job notices.
import { cache } from "react";
import { getDb } from "@/lib/db";
import { exchangeRates } from "@/lib/db/schema";
import { cachedQuery } from "@/lib/catalogue/cache";
import { formatMoney, formatPerGb } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { pricePerGbMinor } from "@/lib/catalogue/pricing";
import { priceTable } from "./bundle-prices";
import { rateStates } from "./rates";
import { currencySettings } from "./settings";

export interface PriceBook {
  base: string;
  selling: string[];
  tables: Record<string, Record<number, number>>;
}

const storedBook = cachedQuery("currencyBook", async () => {
  const db = await getDb();
  const settings = await currencySettings(db);
  const rows = await db.select().from(exchangeRates);
  const others = settings.currencies.filter((c) => c !== settings.base);
  const tables = Object.fromEntries(await Promise.all(others.map(async (c) => [c, await priceTable(db, c)] as const)));
  return {
    settings: { base: settings.base, currencies: settings.currencies, maxAgeDays: settings.maxAgeDays },
    rows: rows.map((r) => ({ currency: r.currency, perEur: r.perEur, asOf: r.asOf, pinnedPerBase: r.pinnedPerBase })),
    tables,
  };
});

const storedBookOnce = cache(() => storedBook());

export async function priceBook(now = new Date()): Promise<PriceBook> {
  const { settings, rows, tables } = await storedBookOnce();
  const states = rateStates(rows, { ...settings, now });
  const selling = states
    .filter((s) => s.sellable && (s.currency === settings.base || Object.keys(tables[s.currency] ?? {}).length > 0))
    .map((s) => s.currency);
  return {
    base: settings.base,
    selling,
    tables: Object.fromEntries(selling.filter((c) => c !== settings.base).map((c) => [c, tables[c]!])),
  };
}

export interface ShownPrice {
  minor: number;
  price: string;
  perGb: string | null;
}

export function pricesFor(
  book: PriceBook,
  baseMinor: number,
  dataMb: number | null = null,
  locale: Locale = "en",
): Record<string, ShownPrice> {
  const out: Record<string, ShownPrice> = {};
  for (const c of book.selling) {
    const minor = c === book.base ? baseMinor : book.tables[c]?.[baseMinor];
    if (minor === undefined) continue;
    out[c] = {
      minor,
      price: formatMoney(minor, c, locale),
      perGb: formatPerGb(pricePerGbMinor(minor, dataMb), c, locale),
    };
  }
  return out;
}

export function formattedPrices(book: PriceBook, baseMinor: number, locale: Locale = "en"): Record<string, string> {
  return Object.fromEntries(Object.entries(pricesFor(book, baseMinor, null, locale)).map(([c, p]) => [c, p.price]));
}

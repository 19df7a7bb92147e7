// The rate's freshness is checked now, never trusted from a page, which may be cached.
import type { Db, Tx } from "@/lib/db";
import { storedPrice } from "./bundle-prices";
import { currentRates } from "./rates";
import { currencySettings } from "./settings";

export interface Charge {
  priceMinor: number;
  currency: string;
  rate?: string;
}

export class CurrencyRefused extends Error {
  constructor(
    readonly code: "currency_not_sold" | "currency_unavailable",
    message: string,
  ) {
    super(message);
    this.name = "CurrencyRefused";
  }
}

export async function priceInCurrency(
  db: Db | Tx,
  bundle: { name: string; priceMinor: number; currency: string },
  picked: string | undefined,
): Promise<Charge> {
  if (!picked || picked === bundle.currency) return { priceMinor: bundle.priceMinor, currency: bundle.currency };
  const settings = await currencySettings(db);
  if (!settings.currencies.includes(picked))
    throw new CurrencyRefused(
      "currency_not_sold",
      `We don't sell in ${picked}. Choose one of: ${settings.currencies.join(", ")}.`,
    );
  const state = (await currentRates(db, settings)).find((s) => s.currency === picked);
  const stored = state?.sellable ? await storedPrice(db, bundle.name, picked) : null;
  if (!stored || stored.basePriceMinor !== bundle.priceMinor)
    throw new CurrencyRefused(
      "currency_unavailable",
      `Prices in ${picked} are paused for now (its exchange rate is out of date). Please pay in ${bundle.currency}.`,
    );
  return { priceMinor: stored.priceMinor, currency: picked, rate: stored.rate };
}

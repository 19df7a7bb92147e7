import type { Db, Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { storedPricingRules } from "@/lib/catalogue/settings";
import type { CurrencySettings } from "./bundle-prices";

export type ShopCurrencySettings = CurrencySettings & { ratesUrl: string };

export function currencySettingsFor(rules: { currency: string; charm: boolean }): ShopCurrencySettings {
  const c = env().currency;
  const base = rules.currency.toUpperCase();
  return { ...c, base, charm: rules.charm, currencies: [...new Set([base, ...c.listed])] };
}

export async function currencySettings(db: Db | Tx): Promise<ShopCurrencySettings> {
  return currencySettingsFor((await storedPricingRules(db)) ?? env().pricing);
}

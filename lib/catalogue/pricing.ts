// Every step only raises the price, so the margin never falls below the minimum. Another wholesale currency is
// refused, never converted: a stale rate would sell below cost.
import { currencyExponent } from "@/lib/format";

export interface PricingRules {
  markupPercent: number;
  minMarginMinor: number;
  currency: string;
  charm: boolean;
}

export interface Money {
  amountMinor: number;
  currency: string;
}

export class CurrencyMismatchError extends Error {
  constructor(
    readonly wholesaleCurrency: string,
    readonly shopCurrency: string,
  ) {
    super(
      `Wholesale prices are in ${wholesaleCurrency} but the shop sells in ${shopCurrency}; ` +
        `Tern does not convert currencies (a stale rate could sell below cost). Set PRICING_CURRENCY=${wholesaleCurrency}.`,
    );
    this.name = "CurrencyMismatchError";
  }
}

export function validateRules(rules: PricingRules): void {
  if (!Number.isFinite(rules.markupPercent) || rules.markupPercent < 0)
    throw new RangeError("markupPercent must be ≥ 0");
  if (!Number.isInteger(rules.minMarginMinor) || rules.minMarginMinor < 0)
    throw new RangeError("minMarginMinor must be a whole number ≥ 0");
  currencyExponent(rules.currency);
}

export function charmRound(amountMinor: number, currency: string): number {
  const step = 10 ** currencyExponent(currency);
  if (step === 1) return amountMinor;
  return Math.ceil((amountMinor + 1) / step) * step - 1;
}

export function retailPrice(wholesale: Money, rules: PricingRules): Money {
  const cost = wholesale.amountMinor;
  if (!Number.isInteger(cost) || cost <= 0)
    throw new RangeError(`Wholesale cost must be a positive whole number of minor units, got ${cost}`);
  const currency = rules.currency.toUpperCase();
  if (wholesale.currency.toUpperCase() !== currency)
    throw new CurrencyMismatchError(wholesale.currency.toUpperCase(), currency);
  validateRules(rules);

  // Exact for whole-number markups, so the division rounds up only real fractions.
  const withMarkup = Math.ceil((cost * (100 + rules.markupPercent)) / 100);
  let price = Math.max(withMarkup, cost + rules.minMarginMinor);
  if (rules.charm) price = charmRound(price, currency);
  return { amountMinor: price, currency };
}

export function pricePerGbMinor(priceMinor: number, dataMb: number | null | undefined): number | null {
  if (dataMb === null || dataMb === undefined || dataMb <= 0) return null;
  return Math.round((priceMinor * 1000) / dataMb);
}

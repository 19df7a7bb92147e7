import { currencyExponent } from "@/lib/format";

export function fromZenditMoney(
  amount: number,
  divisor: number,
  currency: string,
): { amountMinor: number; currency: string } {
  if (!Number.isFinite(amount) || !Number.isFinite(divisor) || divisor <= 0)
    throw new Error(`bad Zendit amount ${amount}/${divisor} ${currency}`);
  const code = currency.toUpperCase();
  const scale = 10 ** currencyExponent(code);
  // Exact when the divisor is the currency's own; rounded to the minor unit otherwise.
  const amountMinor = divisor === scale ? Math.round(amount) : Math.round((amount * scale) / divisor);
  return { amountMinor, currency: code };
}

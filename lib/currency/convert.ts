// Prices in another currency, in exact integer arithmetic. Rates are decimal strings as published (the ECB
// gives 4–5 significant digits per 1 EUR) and become exact fractions; amounts are integer minor units. Every
// step rounds up: a converted price may be a fraction of a unit dearer, never below what the base price covers.
import { minorDigits } from "@/lib/format";

/** Units of a currency per one unit of the shop's base currency, as an exact fraction. */
export interface Rate {
  num: bigint;
  den: bigint;
}

/** "163.20" → 16320/100, exactly. */
export function decimalRate(rate: string): Rate {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!m || !/[1-9]/.test(rate)) throw new RangeError(`not a positive decimal rate: ${rate}`);
  const frac = m[2] ?? "";
  return { num: BigInt(m[1]! + frac), den: 10n ** BigInt(frac.length) };
}

/** Rates per 1 EUR → rates per 1 unit of `base` (X per base = X per EUR ÷ base per EUR). */
export function ratesPerBase(perEur: Readonly<Record<string, string>>, base: string): Record<string, Rate> {
  const b = perEur[base];
  if (!b) throw new RangeError(`no rate for the base currency ${base}`);
  const baseRate = decimalRate(b);
  const out: Record<string, Rate> = {};
  for (const [currency, value] of Object.entries(perEur)) {
    const r = decimalRate(value);
    out[currency] = { num: r.num * baseRate.den, den: r.den * baseRate.num };
  }
  return out;
}

/** Decimal string of a rate, for people (admin pages, logs): 6 significant decimals, rounded half up. */
export function formatRate(rate: Rate, decimals = 6): string {
  const scaled = (rate.num * 10n ** BigInt(decimals) * 2n + rate.den) / (2n * rate.den);
  const s = scaled.toString().padStart(decimals + 1, "0");
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`.replace(/\.?0+$/, "");
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** `amountMinor` of `base` in minor units of `to` at `rate` (units of `to` per 1 `base`), rounded up. */
export function convertMinor(amountMinor: number, base: string, to: string, rate: Rate): number {
  if (!Number.isInteger(amountMinor) || amountMinor < 0) throw new RangeError("amount must be whole minor units ≥ 0");
  if (base === to) return amountMinor;
  const num = BigInt(amountMinor) * rate.num * 10n ** BigInt(minorDigits(to));
  const den = rate.den * 10n ** BigInt(minorDigits(base));
  return Number(ceilDiv(num, den));
}

/** Raises `amountMinor` by `percent` (the spread a card network takes on conversion), rounded up. */
export function withBuffer(amountMinor: number, percent: number): number {
  const bp = Math.round(percent * 100);
  if (percent < 0 || Math.abs(bp - percent * 100) > 1e-9) throw new RangeError("buffer must be ≥ 0 with ≤ 2 decimals");
  return Number(ceilDiv(BigInt(amountMinor) * BigInt(10_000 + bp), 10_000n));
}

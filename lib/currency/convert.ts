// Exact integer arithmetic on decimal-string rates; every step rounds up, so a converted price never falls
// below what the base price covers.
import { minorDigits } from "@/lib/format";

export interface Rate {
  num: bigint;
  den: bigint;
}

export function decimalRate(rate: string): Rate {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!m || !/[1-9]/.test(rate)) throw new RangeError(`not a positive decimal rate: ${rate}`);
  const frac = m[2] ?? "";
  return { num: BigInt(m[1]! + frac), den: 10n ** BigInt(frac.length) };
}

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

export function formatRate(rate: Rate, decimals = 6): string {
  const scaled = (rate.num * 10n ** BigInt(decimals) * 2n + rate.den) / (2n * rate.den);
  const s = scaled.toString().padStart(decimals + 1, "0");
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`.replace(/\.?0+$/, "");
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

export function convertMinor(amountMinor: number, base: string, to: string, rate: Rate): number {
  if (!Number.isInteger(amountMinor) || amountMinor < 0) throw new RangeError("amount must be whole minor units ≥ 0");
  if (base === to) return amountMinor;
  const num = BigInt(amountMinor) * rate.num * 10n ** BigInt(minorDigits(to));
  const den = rate.den * 10n ** BigInt(minorDigits(base));
  return Number(ceilDiv(num, den));
}

export function withBuffer(amountMinor: number, percent: number): number {
  const bp = Math.round(percent * 100);
  if (percent < 0 || Math.abs(bp - percent * 100) > 1e-9) throw new RangeError("buffer must be ≥ 0 with ≤ 2 decimals");
  return Number(ceilDiv(BigInt(amountMinor) * BigInt(10_000 + bp), 10_000n));
}

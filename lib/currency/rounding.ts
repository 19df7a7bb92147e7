// Two-decimal currencies end in .99; zero-decimal ones round to a step worth a few cents, yen ending in 80.
// Always upward.
import { minorDigits } from "@/lib/format";

export function zeroDecimalStep(unitsPerBase: number): number {
  if (!(unitsPerBase > 0)) throw new RangeError("unitsPerBase must be > 0");
  return Math.max(1, 10 ** Math.floor(Math.log10(unitsPerBase / 10)));
}

export function roundRetail(
  amountMinor: number,
  currency: string,
  { charm, unitsPerBase }: { charm: boolean; unitsPerBase: number },
): number {
  if (minorDigits(currency) > 0) {
    const step = 10 ** minorDigits(currency);
    return charm ? Math.ceil((amountMinor + 1) / step) * step - 1 : amountMinor;
  }
  const step = zeroDecimalStep(unitsPerBase);
  const stepped = Math.ceil(amountMinor / step) * step;
  if (charm && currency === "JPY" && step === 10) return Math.ceil((stepped - 80) / 100) * 100 + 80;
  return stepped;
}

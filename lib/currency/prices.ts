// A plan's price in each currency the shop sells in: the base retail price (whose margin the pricing rules
// already guarantee) converted at the day's rate, raised by the conversion buffer, and rounded the way that
// currency's prices look. Computed when the catalogue is priced and stored; never at request time.
import { convertMinor, withBuffer, type Rate } from "./convert";
import { roundRetail } from "./rounding";

export interface LocalPricing {
  base: string;
  /** Percent added for the spread between the reference rate and what the shop's bank actually converts at. */
  bufferPercent: number;
  charm: boolean;
}

export function localPrice(baseRetailMinor: number, currency: string, rate: Rate, rules: LocalPricing): number {
  if (currency === rules.base) return baseRetailMinor;
  const converted = withBuffer(convertMinor(baseRetailMinor, rules.base, currency, rate), rules.bufferPercent);
  return roundRetail(converted, currency, { charm: rules.charm, unitsPerBase: Number(rate.num) / Number(rate.den) });
}

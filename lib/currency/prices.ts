// Base retail price (its margin already guaranteed) converted at the day's rate, raised by the conversion
// buffer and rounded as that currency's prices look; stored, never computed per request.
import { convertMinor, withBuffer, type Rate } from "./convert";
import { roundRetail } from "./rounding";

export interface LocalPricing {
  base: string;
  bufferPercent: number;
  charm: boolean;
}

export function localPrice(baseRetailMinor: number, currency: string, rate: Rate, rules: LocalPricing): number {
  if (currency === rules.base) return baseRetailMinor;
  const converted = withBuffer(convertMinor(baseRetailMinor, rules.base, currency, rate), rules.bufferPercent);
  return roundRetail(converted, currency, { charm: rules.charm, unitsPerBase: Number(rate.num) / Number(rate.den) });
}

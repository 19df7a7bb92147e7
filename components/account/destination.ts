// Destination label and flag for a bundle snapshot: the country for single-country plans, else a count.
import { countryName, flagEmoji } from "@/lib/catalogue/countries";
import type { BundleSnapshot } from "@/lib/db/schema";

export function destinationOf(bundle: BundleSnapshot): { label: string; flag: string } {
  const [only] = bundle.countries;
  if (bundle.countries.length === 1 && only) return { label: countryName(only), flag: flagEmoji(only) };
  return { label: `${bundle.countries.length} countries`, flag: "🌍" };
}

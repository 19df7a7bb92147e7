// How an eSIM is headed on the account pages: a single-country eSIM by its country, any other by its plan's
// name ("Asia 1 GB · 7 days", the name every page uses), never by a bare count of countries.
import { countryName, flagEmoji } from "@/lib/catalogue/countries";
import { pluralCountries } from "@/lib/format";
import type { BundleSnapshot } from "@/lib/db/schema";

export function esimHeading(bundle: BundleSnapshot): { title: string; subtitle: string; flag: string } {
  const [only] = bundle.countries;
  if (bundle.countries.length === 1 && only)
    return { title: countryName(only), subtitle: bundle.title, flag: flagEmoji(only) };
  return { title: bundle.title, subtitle: pluralCountries(bundle.countries.length), flag: "🌍" };
}

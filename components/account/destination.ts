// How an eSIM is headed on the account pages: a single-country eSIM by its country, any other by its plan's
// name ("Asia 1 GB · 7 days", the name every page uses), never by a bare count of countries.
import { flagEmoji, localCountryName } from "@/lib/catalogue/countries";
import { pluralCountries } from "@/lib/format";
import type { BundleSnapshot } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";

export function esimHeading(
  bundle: BundleSnapshot,
  locale: Locale = "en",
): { title: string; subtitle: string; flag: string } {
  const [only] = bundle.countries;
  if (bundle.countries.length === 1 && only)
    return { title: localCountryName(only, locale), subtitle: bundle.title, flag: flagEmoji(only) };
  return { title: bundle.title, subtitle: pluralCountries(bundle.countries.length, locale), flag: "🌍" };
}

// Data and metadata shared by a destination's plain page and its filtered view.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import {
  bundlesForCountry,
  DEFAULT_FILTERS,
  getCountry,
  listDestinations,
  type ParsedCountryFilters,
} from "@/lib/catalogue/queries";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/format";
import { getTranslations } from "next-intl/server";
import { localCountryName } from "@/lib/catalogue/countries";
import type { Locale } from "@/lib/i18n/locales";
import { pageMetadata } from "@/lib/i18n/alternates";
import type { DestinationPlansProps } from "@/components/catalogue/destination-plans";
import { hasActiveFilters } from "./filter-url";
import { countryHref } from "@/lib/catalogue/hrefs";

export const UNFILTERED: ParsedCountryFilters = { ...DEFAULT_FILTERS };

async function summaryOf(iso: string) {
  return (await listDestinations()).find((d) => d.iso === iso) ?? null;
}

export async function destinationMetadata(
  param: string,
  options: { filtered: boolean; locale: Locale },
): Promise<Metadata> {
  const { locale } = options;
  const country = await getCountry(param);
  if (!country) notFound();
  const summary = await summaryOf(country.iso);
  const t = await getTranslations({ locale, namespace: "store.destination" });
  const name = localCountryName(country.iso, locale);
  const price = summary ? formatMoney(summary.fromPriceMinor, summary.currency, locale) : "";
  const hasPrice = summary ? "yes" : "no";
  const title = t("metaTitle", { name, price, hasPrice });
  const description = t("metaDescription", { name, price, hasPrice, count: summary?.bundleCount ?? 0 });
  // One canonical URL per destination, by slug (/destinations/jp → /destinations/japan); filtered views
  // point at it too and stay out of the index.
  return {
    ...pageMetadata(countryHref(country.slug), locale, { title, description }),
    robots: options.filtered ? { index: false, follow: true } : undefined,
  };
}

export async function loadDestination(param: string, filters: ParsedCountryFilters): Promise<DestinationPlansProps> {
  const country = await getCountry(param);
  if (!country) notFound();
  const [{ bundles, total }, summary] = await Promise.all([
    bundlesForCountry(country.iso, filters),
    summaryOf(country.iso),
  ]);
  return {
    country,
    basePath: countryHref(param),
    filters,
    filtered: hasActiveFilters(filters),
    bundles,
    total,
    from: summary ? { priceMinor: summary.fromPriceMinor, currency: summary.currency } : null,
    currency: summary?.currency ?? env().pricing.currency,
  };
}

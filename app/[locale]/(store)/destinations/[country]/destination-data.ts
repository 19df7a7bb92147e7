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
import type { DestinationPlansProps } from "@/components/catalogue/destination-plans";
import { hasActiveFilters } from "./filter-url";
import { countryHref } from "@/lib/catalogue/hrefs";

export const UNFILTERED: ParsedCountryFilters = { ...DEFAULT_FILTERS };

async function summaryOf(iso: string) {
  return (await listDestinations()).find((d) => d.iso === iso) ?? null;
}

export async function destinationMetadata(param: string, options: { filtered: boolean }): Promise<Metadata> {
  const country = await getCountry(param);
  if (!country) notFound();
  const summary = await summaryOf(country.iso);
  const from = summary ? ` from ${formatMoney(summary.fromPriceMinor, summary.currency)}` : "";
  const title = `${country.name} eSIM — prepaid data plans${from}`;
  const description = `Buy a ${country.name} travel eSIM${from}: ${summary?.bundleCount ?? "several"} data plans including regional and global ones. Delivered by email in seconds, installs in minutes, no roaming fees.`;
  // One canonical URL per destination, by slug (/destinations/jp → /destinations/japan); filtered views
  // point at it too and stay out of the index.
  const canonical = countryHref(country.slug);
  return {
    title,
    description,
    alternates: { canonical },
    openGraph: { title, description, url: canonical, type: "website" },
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

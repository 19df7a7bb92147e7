// No Date objects and no wholesale cost: views can end up in client components.
import { countryInfo, localCountryName, localRegionName, regionName, type CountryInfo } from "./countries";
import { formatData, formatDuration, pluralCountries } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { pricePerGbMinor } from "./pricing";
import type { CountryNetworks } from "./networks";

export type BundleScope = "country" | "regional" | "global";

export interface BundleView {
  name: string;
  description: string;
  scope: BundleScope;
  country: string | null;
  region: string | null;
  regionName: string | null;
  countries: string[];
  countryCount: number;
  dataMb: number | null;
  unlimited: boolean;
  durationDays: number;
  speeds: string[];
  priceMinor: number;
  currency: string;
  pricePerGbMinor: number | null;
  title: string;
}

export interface BundleDetailView extends BundleView {
  countriesDetailed: CountryInfo[];
  active: boolean;
  networks: (CountryNetworks & { name: string; flag: string })[];
  autostart: boolean | null;
  topUps: boolean;
  /** Whether the plan may share its data as a hotspot; null when the operator has not said (PLAN_HOTSPOT). */
  hotspot: boolean | null;
}

interface BundleViewRow {
  name: string;
  description: string;
  scope: string;
  country: string | null;
  region: string | null;
  countries: string[];
  dataMb: number | null;
  unlimited: boolean;
  durationDays: number;
  speeds: string[];
  priceMinor: number;
  currency: string;
}

export function placeName(
  b: Pick<BundleViewRow, "scope" | "country" | "region" | "countries">,
  locale: Locale = "en",
): string {
  if (b.scope === "country") return localCountryName(b.country ?? b.countries[0] ?? "", locale);
  if (b.scope === "global") return localRegionName("global", locale, "Global");
  return b.region
    ? localRegionName(b.region, locale, regionName(b.region))
    : pluralCountries(b.countries.length, locale);
}

export function bundleTitle(
  b: Pick<BundleViewRow, "scope" | "country" | "region" | "countries" | "dataMb" | "unlimited" | "durationDays">,
  locale: Locale = "en",
): string {
  return `${placeName(b, locale)} ${formatData(b.dataMb, b.unlimited, locale)} · ${formatDuration(b.durationDays, locale)}`;
}

export function toBundleView(row: BundleViewRow): BundleView {
  const scope = (["country", "regional", "global"].includes(row.scope) ? row.scope : "regional") as BundleScope;
  return {
    name: row.name,
    description: row.description,
    scope,
    country: row.country,
    region: row.region,
    regionName: row.region ? regionName(row.region) : null,
    countries: [...row.countries],
    countryCount: row.countries.length,
    dataMb: row.unlimited ? null : row.dataMb,
    unlimited: row.unlimited,
    durationDays: row.durationDays,
    speeds: [...row.speeds],
    priceMinor: row.priceMinor,
    currency: row.currency,
    pricePerGbMinor: row.unlimited ? null : pricePerGbMinor(row.priceMinor, row.dataMb),
    title: bundleTitle({ ...row, scope }),
  };
}

export function toBundleDetailView(
  row: BundleViewRow & {
    active: boolean;
    networks?: CountryNetworks[];
    autostart?: boolean | null;
    topUps?: boolean;
    hotspot?: boolean | null;
  },
): BundleDetailView {
  return {
    ...toBundleView(row),
    countriesDetailed: row.countries.map(countryInfo).sort((a, b) => a.name.localeCompare(b.name, "en")),
    active: row.active,
    networks: (row.networks ?? [])
      .map((c) => {
        const info = countryInfo(c.iso);
        return { ...c, name: info.name, flag: info.flag };
      })
      .sort((a, b) => a.name.localeCompare(b.name, "en")),
    autostart: row.autostart ?? null,
    topUps: row.topUps === true,
    hotspot: row.hotspot ?? null,
  };
}

// What pages get: plain, serialisable bundle views (no Date objects, no wholesale cost) and the labels
// built from them. Pure, so client components may import the formatting helpers.
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
  /** ISO alpha-2 of a single-country bundle; null for regional and global ones. */
  country: string | null;
  region: string | null;
  regionName: string | null;
  /** ISO alpha-2 codes of every country covered. */
  countries: string[];
  countryCount: number;
  /** Decimal MB (1000 = 1 GB); null when unlimited. */
  dataMb: number | null;
  unlimited: boolean;
  durationDays: number;
  speeds: string[];
  priceMinor: number;
  currency: string;
  pricePerGbMinor: number | null;
  /** e.g. "Japan 5 GB · 30 days". */
  title: string;
}

export interface BundleDetailView extends BundleView {
  countriesDetailed: CountryInfo[];
  active: boolean;
  /** Networks and speeds per covered country, in country-name order (empty when the provider gave none). */
  networks: (CountryNetworks & { name: string; flag: string })[];
  /** Whether the plan's clock starts on first use in a covered country (else on delivery); null: not known. */
  autostart: boolean | null;
  /** Whether more data can later be added to this plan's eSIM (lib/catalogue/top-ups.ts). */
  topUps: boolean;
}

/** The columns a view needs (never wholesale cost: views can end up in client components). */
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

/** Where a bundle works, in words: "Japan", "Europe", "Global" (in German "Japan", "Europa", "Weltweit"). */
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
  row: BundleViewRow & { active: boolean; networks?: CountryNetworks[]; autostart?: boolean | null; topUps?: boolean },
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
  };
}

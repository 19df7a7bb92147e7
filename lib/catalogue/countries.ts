// Names from i18n-iso-countries and flags from the code itself: no hand-kept country list.
// The library alone: its package entry registers all 78 languages (700 kB) where three are used.
import isoCountries from "i18n-iso-countries/index";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import de from "i18n-iso-countries/langs/de.json" with { type: "json" };
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import { locales, type Locale } from "@/lib/i18n/locales";

isoCountries.registerLocale(en);
isoCountries.registerLocale(de);
isoCountries.registerLocale(es);

export interface CountryInfo {
  iso: string;
  slug: string;
  name: string;
  flag: string;
}

// Travellers know the place by the short name ("People's Republic of China" → "China").
const PREFER_ALIAS = new Set(["CN", "CZ", "IR", "MK", "PS", "RU", "TW", "TZ", "US"]);

const SHORT_NAMES: Record<string, string> = {
  FK: "Falkland Islands",
  FM: "Micronesia",
  LA: "Laos",
  MD: "Moldova",
  SY: "Syria",
  VA: "Vatican City",
  VG: "British Virgin Islands",
  VI: "U.S. Virgin Islands",
};

export function slugify(text: string): string {
  return foldText(text)
    .replace(/&/g, " and ")
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

interface CountryTables {
  byIso: Map<string, CountryInfo>;
  isoBySlug: Map<string, string>;
  namesByIso: Map<string, string[]>;
  sorted: CountryInfo[];
}

let tables: CountryTables | undefined;

function load(): CountryTables {
  if (tables) return tables;
  const all = isoCountries.getNames("en", { select: "all" });
  const byIso = new Map<string, CountryInfo>();
  const namesByIso = new Map<string, string[]>();
  for (const [iso, names] of Object.entries(all)) {
    const name = SHORT_NAMES[iso] ?? (PREFER_ALIAS.has(iso) ? names[1] : undefined) ?? names[0] ?? iso;
    byIso.set(iso, { iso, slug: slugify(name), name, flag: flagEmoji(iso) });
    namesByIso.set(iso, [...new Set([name, ...names])]);
  }
  const isoBySlug = new Map<string, string>();
  for (const c of byIso.values()) isoBySlug.set(c.slug, c.iso);
  // A canonical slug always wins; an alias two countries share stays unclaimed.
  const claimed = new Map<string, string | null>();
  for (const [iso, names] of namesByIso) {
    for (const n of names) {
      const s = slugify(n);
      if (isoBySlug.has(s) || s.length < 2) continue;
      claimed.set(s, claimed.has(s) && claimed.get(s) !== iso ? null : iso);
    }
  }
  for (const [s, iso] of claimed) if (iso) isoBySlug.set(s, iso);
  const sorted = [...byIso.values()].sort((a, b) => a.name.localeCompare(b.name, "en"));
  tables = { byIso, isoBySlug, namesByIso, sorted };
  return tables;
}

export function flagEmoji(iso: string): string {
  const code = iso.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return "";
  return String.fromCodePoint(...[...code].map((ch) => 0x1f1e6 + ch.charCodeAt(0) - 65));
}

export function isCountryCode(iso: string): boolean {
  return load().byIso.has(iso.toUpperCase());
}

/** A provider may send a new code first: its name is then the code. */
export function countryName(iso: string): string {
  return load().byIso.get(iso.toUpperCase())?.name ?? iso.toUpperCase();
}

/** URLs and search keep the English slugs, so /de/destinations/japan is Japan's page. */
export function localCountryName(iso: string, locale: Locale): string {
  if (locale === "en") return countryName(iso);
  const code = iso.toUpperCase();
  if (locale === "es" && code === "KR") return "Corea del Sur";
  const names = isoCountries.getName(code, locale, { select: "all" }) ?? [];
  return (PREFER_ALIAS.has(code) ? names[1] : undefined) ?? names[0] ?? countryName(iso);
}

/**
 * The country's names in the shop's other languages ("Deutschland", "Alemania"), so that a search finds it
 * whatever language it is typed in.
 */
export function otherLanguageCountryNames(iso: string): string[] {
  const code = iso.toUpperCase();
  return locales
    .filter((l) => l !== "en")
    .flatMap((l) => [localCountryName(code, l), ...(isoCountries.getName(code, l, { select: "all" }) ?? [])]);
}

export function countrySlug(iso: string): string {
  return load().byIso.get(iso.toUpperCase())?.slug ?? iso.toLowerCase();
}

export function countryInfo(iso: string): CountryInfo {
  const code = iso.toUpperCase();
  return load().byIso.get(code) ?? { iso: code, slug: code.toLowerCase(), name: code, flag: flagEmoji(code) };
}

export function countryNames(iso: string): string[] {
  return load().namesByIso.get(iso.toUpperCase()) ?? [iso.toUpperCase()];
}

export function resolveCountryParam(param: string): string | null {
  let raw = param.trim();
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // not percent-encoded: use as typed
  }
  const { byIso, isoBySlug } = load();
  const upper = raw.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && byIso.has(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper)) {
    const iso = isoCountries.alpha3ToAlpha2(upper);
    if (iso && byIso.has(iso)) return iso;
  }
  return isoBySlug.get(slugify(raw)) ?? null;
}

export function allCountries(): CountryInfo[] {
  return load().sorted;
}

interface RegionInfo {
  slug: string;
  name: string;
}

export const REGIONS: readonly RegionInfo[] = [
  { slug: "europe", name: "Europe" },
  { slug: "balkans", name: "Balkans" },
  { slug: "asia", name: "Asia" },
  { slug: "middle-east", name: "Middle East & North Africa" },
  { slug: "north-america", name: "North America" },
  { slug: "latin-america", name: "Latin America" },
  { slug: "caribbean", name: "Caribbean" },
  { slug: "africa", name: "Africa" },
  { slug: "oceania", name: "Oceania" },
  { slug: "global", name: "Global" },
];

const REGION_BY_SLUG = new Map(REGIONS.map((r) => [r.slug, r]));

const REGION_NAMES: Record<Exclude<Locale, "en">, Record<string, string>> = {
  de: {
    europe: "Europa",
    balkans: "Balkan",
    asia: "Asien",
    "middle-east": "Naher Osten & Nordafrika",
    "north-america": "Nordamerika",
    "latin-america": "Lateinamerika",
    caribbean: "Karibik",
    africa: "Afrika",
    oceania: "Ozeanien",
    global: "Weltweit",
  },
  es: {
    europe: "Europa",
    balkans: "Balcanes",
    asia: "Asia",
    "middle-east": "Oriente Medio y Norte de África",
    "north-america": "Norteamérica",
    "latin-america": "Latinoamérica",
    caribbean: "Caribe",
    africa: "África",
    oceania: "Oceanía",
    global: "Global",
  },
};

/** A region's names in the shop's other languages ("Asien", "Oriente Medio"), for search. */
export function otherLanguageRegionNames(slug: string): string[] {
  return Object.values(REGION_NAMES).flatMap((names) => (names[slug] ? [names[slug]] : []));
}

export function localRegionName(slug: string, locale: Locale, fallback: string): string {
  if (locale === "en") return fallback;
  return REGION_NAMES[locale][slug] ?? fallback;
}

// Provider spellings → our slugs: eSIM Go's region enum, its bundle labels and the zone codes in bundle names.
const REGION_ALIASES: Record<string, string> = {
  europe: "europe",
  "europe-plus": "europe",
  "europe-lite": "europe",
  eu: "europe",
  reup: "europe",
  reu: "europe",
  reul: "europe",
  balkans: "balkans",
  rbk: "balkans",
  asia: "asia",
  "asia-pacific": "asia",
  apac: "asia",
  ras: "asia",
  "middle-east": "middle-east",
  "middle-east-and-north-africa": "middle-east",
  mena: "middle-east",
  rme: "middle-east",
  rmena: "middle-east",
  "north-america": "north-america",
  rna: "north-america",
  latam: "latin-america",
  "latin-america": "latin-america",
  "south-america": "latin-america",
  rla: "latin-america",
  rsa: "latin-america",
  caribbean: "caribbean",
  rca: "caribbean",
  africa: "africa",
  raf: "africa",
  oceania: "oceania",
  "australia-and-new-zealand": "oceania",
  roc: "oceania",
  global: "global",
  world: "global",
  worldwide: "global",
  rgb: "global",
  rgl: "global",
};

export function normaliseRegion(providerName: string): string | null {
  const key = slugify(providerName.replace(/\+$/, " plus"));
  return REGION_ALIASES[key] ?? REGION_ALIASES[key.replace(/-plus$/, "")] ?? null;
}

export function regionName(slug: string): string {
  return (
    REGION_BY_SLUG.get(slug)?.name ??
    slug
      .split("-")
      .map((w) => (w === "and" ? w : w.charAt(0).toUpperCase() + w.slice(1)))
      .join(" ")
  );
}

export function regionOrder(slug: string): number {
  if (slug === "global") return 1000;
  const i = REGIONS.findIndex((r) => r.slug === slug);
  return i === -1 ? 500 : i;
}

// ISO 3166-1 countries and our destination regions: names, URL slugs and flags.
// Names come from i18n-iso-countries (the maintained ISO data set); flags are built from the code itself
// (regional-indicator letters), so nothing here is a hand-kept country list.
import isoCountries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import de from "i18n-iso-countries/langs/de.json" with { type: "json" };
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import { locales, type Locale } from "@/lib/i18n/locales";

isoCountries.registerLocale(en);
isoCountries.registerLocale(de);
isoCountries.registerLocale(es);

export interface CountryInfo {
  /** ISO 3166-1 alpha-2, upper case. */
  iso: string;
  slug: string;
  name: string;
  flag: string;
}

// Where the package's first English name is a formal state name, travellers know the place by the short
// name the package also lists (e.g. "People's Republic of China" → "China").
const PREFER_ALIAS = new Set(["CN", "CZ", "IR", "MK", "PS", "RU", "TW", "TZ", "US"]);

// ISO's own short names written in reference order ("Moldova, Republic of"), which read badly in a shop and
// make ugly slugs. The package offers no alias for these, so the common short form is given here.
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

/** ASCII, lower-case, hyphenated: "Côte d'Ivoire" → "cote-divoire", "Bosnia and Herzegovina" → "bosnia-and-herzegovina". */
export function slugify(text: string): string {
  return foldText(text)
    .replace(/&/g, " and ")
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Lower case without diacritics, for matching what people type against names. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

interface CountryTables {
  byIso: Map<string, CountryInfo>;
  /** Canonical slugs and slugs of every other English name the package knows ("turkey", "usa", "uk"). */
  isoBySlug: Map<string, string>;
  /** Every English name per ISO code, for search. */
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
  // Alternative names only fill gaps: a canonical slug always wins ("congo" stays unclaimed, as two
  // countries share that alias).
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

/** Regional-indicator letters for an ISO alpha-2 code: "JP" → 🇯🇵. Empty string for anything else. */
export function flagEmoji(iso: string): string {
  const code = iso.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return "";
  return String.fromCodePoint(...[...code].map((ch) => 0x1f1e6 + ch.charCodeAt(0) - 65));
}

export function isCountryCode(iso: string): boolean {
  return load().byIso.has(iso.toUpperCase());
}

/** English short name; the code itself when ISO does not know it (a provider may send a new code first). */
export function countryName(iso: string): string {
  return load().byIso.get(iso.toUpperCase())?.name ?? iso.toUpperCase();
}

/**
 * The name in the page's language, from the package's German and Spanish data. URLs and search keep the English
 * slugs and names, so /de/destinations/japan is the page for Japan.
 */
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

/** Every English name ISO gives the country (short, official, aliases). */
export function countryNames(iso: string): string[] {
  return load().namesByIso.get(iso.toUpperCase()) ?? [iso.toUpperCase()];
}

/**
 * The ISO alpha-2 code for a URL parameter: an alpha-2 code ("jp"), an alpha-3 code ("jpn") or a slug of any
 * of the country's English names ("japan", "united-states", "usa"); null when nothing matches.
 */
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

/** Every ISO 3166-1 country, sorted by English name. */
export function allCountries(): CountryInfo[] {
  return load().sorted;
}

// ─── Regions ────────────────────────────────────────────────────────────────────────────────────────────

interface RegionInfo {
  slug: string;
  name: string;
}

/** Our regions in display order; `global` last. */
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

/** A region's name in the page's language; `fallback` (the catalogue's name) for a region we do not know. */
export function localRegionName(slug: string, locale: Locale, fallback: string): string {
  if (locale === "en") return fallback;
  return REGION_NAMES[locale][slug] ?? fallback;
}

// Provider spellings → our slugs. Keys are slugified: eSIM Go's region enum (Africa, Asia, Europe, Global,
// Middle East, North America, Oceania, LATAM), the labels its regional bundles carry ("Europe+",
// "Middle East and North Africa") and the zone codes in bundle names (REUP, RMENA, RGB…).
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

/** Our slug for a provider's region name, label or zone code; null when it is not one we know. */
export function normaliseRegion(providerName: string): string | null {
  const key = slugify(providerName.replace(/\+$/, " plus"));
  return REGION_ALIASES[key] ?? REGION_ALIASES[key.replace(/-plus$/, "")] ?? null;
}

/** Display name for a region slug; unknown slugs (new provider regions) read as title case. */
export function regionName(slug: string): string {
  return (
    REGION_BY_SLUG.get(slug)?.name ??
    slug
      .split("-")
      .map((w) => (w === "and" ? w : w.charAt(0).toUpperCase() + w.slice(1)))
      .join(" ")
  );
}

/** Sort key that keeps regions in REGIONS order, unknown ones after (alphabetically) and `global` last. */
export function regionOrder(slug: string): number {
  if (slug === "global") return 1000;
  const i = REGIONS.findIndex((r) => r.slug === slug);
  return i === -1 ? 500 : i;
}

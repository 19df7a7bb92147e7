import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { bundles } from "@/lib/db/schema";
import { selectRows } from "@/lib/db/sql";
import { cachedQuery } from "./cache";
import type { Locale } from "@/lib/i18n/locales";
import {
  countryInfo,
  countryNames,
  foldText,
  localCountryName,
  localRegionName,
  otherLanguageCountryNames,
  otherLanguageRegionNames,
  resolveCountryParam,
} from "./countries";
import { countryHref, regionHref } from "./hrefs";
import { fuzzyDistance } from "./fuzzy";
import { listDestinations, listRegions, regionSlugOf } from "./queries";

export interface SearchEntry {
  label: string;
  href: string;
  kind: "country" | "region";
  keywords: string;
  flag?: string;
}

interface SitemapEntries {
  countries: string[];
  regions: string[];
  bundles: string[];
  lastModified: string | null;
}

const words = (text: string) =>
  foldText(text)
    .replace(/[.'’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

const otherWords = (label: string, names: string[]) => {
  const inLabel = new Set(words(label));
  return [...new Set(names.flatMap(words))].filter((w) => !inLabel.has(w)).join(" ");
};

// Named in the page's language, found by the names in every language the shop speaks ("Spanien" finds Spain).
export async function searchIndex(locale: Locale = "en"): Promise<SearchEntry[]> {
  const [countries, regions] = await Promise.all([listDestinations(), listRegions()]);
  const countryEntries = countries.map((c): SearchEntry => {
    const label = localCountryName(c.iso, locale);
    const names = [c.iso, ...countryNames(c.iso), ...otherLanguageCountryNames(c.iso)];
    return { label, href: countryHref(c.slug), kind: "country", keywords: otherWords(label, names), flag: c.flag };
  });
  const regionEntries = regions.map((r): SearchEntry => {
    const label = localRegionName(r.slug, locale, r.name);
    const names = [r.slug.replace(/-/g, " "), r.name, ...otherLanguageRegionNames(r.slug)];
    return { label, href: regionHref(r.slug), kind: "region", keywords: otherWords(label, names) };
  });
  return [...countryEntries, ...regionEntries];
}

export async function searchDestinations(q: string, locale: Locale = "en", limit = 20): Promise<SearchEntry[]> {
  const query = foldText(q).trim().replace(/\s+/g, " ");
  if (!query) return [];
  const iso = resolveCountryParam(query);
  const exactHrefs = new Set([iso ? countryHref(countryInfo(iso).slug) : "", regionHref(regionSlugOf(query))]);
  const ranked: { entry: SearchEntry; rank: number }[] = [];
  const fuzzy: typeof ranked = [];
  for (const entry of await searchIndex(locale)) {
    const text = `${foldText(entry.label)} ${entry.keywords}`;
    let rank: number | undefined;
    if (exactHrefs.has(entry.href)) rank = 0;
    else if (text.split(/[^a-z0-9]+/).some((word) => word.startsWith(query)) || text.startsWith(query)) rank = 1;
    else if (text.includes(query)) rank = 2;
    if (rank !== undefined) ranked.push({ entry, rank });
    else {
      const byName = fuzzyDistance(query, [foldText(entry.label)]);
      const typos = byName ?? fuzzyDistance(query, entry.keywords.split(" "));
      if (typos !== null) fuzzy.push({ entry, rank: 3 + typos + (byName === null ? 0.5 : 0) });
    }
  }
  // Typo matches only when nothing matched as typed: "chin" should list China, not also Chile.
  if (ranked.length === 0) ranked.push(...fuzzy);
  return ranked
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        (a.entry.kind === b.entry.kind ? 0 : a.entry.kind === "country" ? -1 : 1) ||
        a.entry.label.localeCompare(b.entry.label, locale),
    )
    .slice(0, limit)
    .map((r) => r.entry);
}

export const sitemapEntries = cachedQuery("sitemapEntries", async (): Promise<SitemapEntries> => {
  const db = await getDb();
  const [countries, regions, names, [modified]] = await Promise.all([
    listDestinations(),
    listRegions(),
    db.select({ name: bundles.name }).from(bundles).where(eq(bundles.active, true)).orderBy(asc(bundles.name)),
    selectRows<{ at: string | null }>(
      db,
      sql`select to_char(max(updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at from ${bundles} where active`,
    ),
  ]);
  return {
    countries: countries.map((c) => c.slug),
    regions: regions.map((r) => r.slug),
    bundles: names.map((n) => n.name),
    lastModified: modified?.at ?? null,
  };
});

// The catalogue read API for pages: active bundles only, plain serialisable view objects, cached under the
// "catalogue" tag that every sync invalidates.
import { and, asc, eq, gt, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { bundles } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { cachedQuery } from "./cache";
import {
  countryInfo,
  normaliseRegion,
  regionName,
  regionOrder,
  resolveCountryParam,
  slugify,
  type CountryInfo,
} from "./countries";
import { DATA_RANGES, DEFAULT_FILTERS, DURATION_RANGES, type CountryFilters } from "./filters";
import { currencyExponent } from "@/lib/format";
import { selectRows } from "@/lib/db/sql";
import { planTakesTopUps } from "./top-ups";
import { toBundleDetailView, toBundleView, type BundleDetailView, type BundleView } from "./views";

export * from "./filters";
export type { BundleView, BundleDetailView, BundleScope } from "./views";

export interface Destination extends CountryInfo {
  /** Cheapest active bundle for the country alone (any covering bundle when it has none of its own). */
  fromPriceMinor: number;
  currency: string;
  /** Active bundles covering it: its own, regional and global. */
  bundleCount: number;
}

export interface RegionSummary {
  slug: string;
  name: string;
  fromPriceMinor: number;
  currency: string;
  bundleCount: number;
  countryCount: number;
}

export interface RegionDetail {
  slug: string;
  name: string;
  countries: Pick<CountryInfo, "iso" | "name" | "flag">[];
}

export const POPULAR_DESTINATIONS = [
  "JP",
  "US",
  "GB",
  "FR",
  "IT",
  "ES",
  "TH",
  "TR",
  "DE",
  "MX",
  "GR",
  "PT",
  "AE",
  "ID",
  "KR",
  "VN",
] as const;

export { bundleHref, countryHref, regionHref } from "./hrefs";

// Only what a BundleView shows: wholesale cost stays in the database.
const viewColumns = {
  name: bundles.name,
  description: bundles.description,
  scope: bundles.scope,
  country: bundles.country,
  region: bundles.region,
  countries: bundles.countries,
  dataMb: bundles.dataMb,
  unlimited: bundles.unlimited,
  durationDays: bundles.durationDays,
  speeds: bundles.speeds,
  priceMinor: bundles.priceMinor,
  currency: bundles.currency,
};

const covers = (iso: string) => sql`${bundles.countries} @> ARRAY[${iso}]::text[]`;
const pricePerGb = sql`case when ${bundles.unlimited} or coalesce(${bundles.dataMb}, 0) <= 0 then null else ${bundles.priceMinor}::float8 * 1000 / ${bundles.dataMb} end`;

// ─── Destinations ───────────────────────────────────────────────────────────────────────────────────────

export const listDestinations = cachedQuery("listDestinations", async (): Promise<Destination[]> => {
  const db = await getDb();
  const rows = await selectRows<{
    iso: string;
    own_from: number | null;
    any_from: number;
    currency: string;
    bundle_count: number;
  }>(
    db,
    sql`select c.iso as iso,
               (min(b.price_minor) filter (where b.scope = 'country'))::int as own_from,
               min(b.price_minor)::int as any_from,
               min(b.currency) as currency,
               count(*)::int as bundle_count
          from ${bundles} b cross join lateral unnest(b.countries) as c(iso)
         where b.active
         group by c.iso`,
  );
  return rows
    .map((r) => ({
      ...countryInfo(r.iso),
      fromPriceMinor: r.own_from ?? r.any_from,
      currency: r.currency,
      bundleCount: r.bundle_count,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
});

export async function popularDestinations(): Promise<Destination[]> {
  const byIso = new Map((await listDestinations()).map((d) => [d.iso, d]));
  return POPULAR_DESTINATIONS.flatMap((iso) => byIso.get(iso) ?? []);
}

/** A country we sell, by ISO code ("jp", "JPN") or slug ("japan"); null otherwise. */
export const getCountry = cachedQuery("getCountry", async (param: string): Promise<CountryInfo | null> => {
  const iso = resolveCountryParam(param);
  if (!iso) return null;
  const db = await getDb();
  const [hit] = await db
    .select({ name: bundles.name })
    .from(bundles)
    .where(and(eq(bundles.active, true), covers(iso)))
    .limit(1);
  return hit ? countryInfo(iso) : null;
});

/**
 * Every active bundle that works in the country (its own, regional and global), filtered and sorted.
 * `total` counts them all before filters, so a page can say "4 of 31 plans".
 */
export const bundlesForCountry = cachedQuery(
  "bundlesForCountry",
  async (iso: string, filters: CountryFilters = {}): Promise<{ bundles: BundleView[]; total: number }> => {
    const code = iso.toUpperCase();
    const db = await getDb();
    const base = and(eq(bundles.active, true), covers(code))!;
    const [rows, [count]] = await Promise.all([
      db
        .select(viewColumns)
        .from(bundles)
        .where(and(base, ...filterConditions(filters)))
        .orderBy(...sortOrder(filters.sort ?? DEFAULT_FILTERS.sort)),
      db
        .select({ total: sql<number>`count(*)::int` })
        .from(bundles)
        .where(base),
    ]);
    return { bundles: rows.map(toBundleView), total: count?.total ?? 0 };
  },
);

function filterConditions(f: CountryFilters): SQL[] {
  const where: SQL[] = [];
  if (f.scope === "country") where.push(eq(bundles.scope, "country"));
  if (f.scope === "regional") where.push(inArray(bundles.scope, ["regional", "global"]));

  if (f.data && f.data !== "any") {
    const r = DATA_RANGES[f.data];
    const fixed = and(
      eq(bundles.unlimited, false),
      gt(bundles.dataMb, r.minMbExclusive),
      r.maxMb === null ? undefined : lte(bundles.dataMb, r.maxMb),
    )!;
    where.push(r.unlimited ? or(fixed, eq(bundles.unlimited, true))! : fixed);
  }
  if (f.duration && f.duration !== "any") {
    const r = DURATION_RANGES[f.duration];
    where.push(and(gte(bundles.durationDays, r.min), r.max === null ? undefined : lte(bundles.durationDays, r.max))!);
  }
  if (f.unlimited === "only") where.push(eq(bundles.unlimited, true));
  if (f.unlimited === "exclude") where.push(eq(bundles.unlimited, false));
  if (f.maxPrice !== undefined && f.maxPrice > 0) {
    // Filters are in major units of the shop currency; prices are stored in minor units.
    const currency = env().pricing.currency;
    where.push(lte(bundles.priceMinor, Math.round(f.maxPrice * 10 ** currencyExponent(currency))));
  }
  return where;
}

function sortOrder(sort: NonNullable<CountryFilters["sort"]>): SQL[] {
  // Ties: more data first, then the shorter plan, then the name so the order is stable.
  const ties = [
    sql`${bundles.unlimited} desc`,
    sql`${bundles.dataMb} desc nulls first`,
    asc(bundles.durationDays),
    asc(bundles.name),
  ];
  switch (sort) {
    case "price-per-gb":
      // Unlimited plans have no price per GB: they go last.
      return [sql`${pricePerGb} asc nulls last`, asc(bundles.priceMinor), ...ties];
    case "duration":
      return [asc(bundles.durationDays), asc(bundles.priceMinor), ...ties];
    default:
      return [asc(bundles.priceMinor), ...ties];
  }
}

// ─── Regions ────────────────────────────────────────────────────────────────────────────────────────────

export const listRegions = cachedQuery("listRegions", async (): Promise<RegionSummary[]> => {
  const db = await getDb();
  const rows = await selectRows<{
    region: string;
    from_price: number;
    currency: string;
    bundle_count: number;
    country_count: number;
  }>(
    db,
    sql`select b.region as region,
               min(b.price_minor)::int as from_price,
               min(b.currency) as currency,
               count(distinct b.name)::int as bundle_count,
               count(distinct c.iso)::int as country_count
          from ${bundles} b cross join lateral unnest(b.countries) as c(iso)
         where b.active and b.scope in ('regional', 'global') and b.region is not null
         group by b.region`,
  );
  return rows
    .map((r) => ({
      slug: r.region,
      name: regionName(r.region),
      fromPriceMinor: r.from_price,
      currency: r.currency,
      bundleCount: r.bundle_count,
      countryCount: r.country_count,
    }))
    .sort((a, b) => regionOrder(a.slug) - regionOrder(b.slug) || a.name.localeCompare(b.name, "en"));
});

/** Our slug for a region URL parameter: the slug itself, or a provider spelling ("Europe", "LATAM"). */
export function regionSlugOf(param: string): string {
  let raw = param;
  try {
    raw = decodeURIComponent(param);
  } catch {
    // use as given
  }
  return normaliseRegion(raw) ?? slugify(raw);
}

export const getRegion = cachedQuery("getRegion", async (param: string): Promise<RegionDetail | null> => {
  const slug = regionSlugOf(param);
  if (!slug) return null;
  const db = await getDb();
  const rows = await selectRows<{ iso: string }>(
    db,
    sql`select distinct c.iso as iso from ${bundles} b cross join lateral unnest(b.countries) as c(iso) where b.active and b.region = ${slug}`,
  );
  if (rows.length === 0) return null;
  const countries = rows
    .map((r) => countryInfo(r.iso))
    .sort((a, b) => a.name.localeCompare(b.name, "en"))
    .map(({ iso, name, flag }) => ({ iso, name, flag }));
  return { slug, name: regionName(slug), countries };
});

/** Regional bundles of the region (for `global`, the global ones), cheapest first. */
export const bundlesForRegion = cachedQuery("bundlesForRegion", async (slug: string): Promise<BundleView[]> => {
  const db = await getDb();
  const region = regionSlugOf(slug);
  const rows = await db
    .select(viewColumns)
    .from(bundles)
    .where(
      and(
        eq(bundles.active, true),
        eq(bundles.region, region),
        inArray(bundles.scope, region === "global" ? ["global"] : ["regional"]),
      ),
    )
    .orderBy(...sortOrder("price"));
  return rows.map(toBundleView);
});

// ─── Bundles ────────────────────────────────────────────────────────────────────────────────────────────

/** One bundle by exact name, active or not (orders keep pointing at bundles the provider dropped). */
export const getBundle = cachedQuery("getBundle", async (name: string): Promise<BundleDetailView | null> => {
  const db = await getDb();
  const [row] = await db
    .select({
      ...viewColumns,
      active: bundles.active,
      networks: bundles.networks,
      autostart: bundles.autostart,
      provider: bundles.provider,
    })
    .from(bundles)
    .where(eq(bundles.name, name))
    .limit(1);
  return row ? toBundleDetailView({ ...row, topUps: planTakesTopUps(row) }) : null;
});

/**
 * Active bundles for the same destination as `name`, closest first in data, duration and price; never the
 * bundle itself. For a country bundle that includes regional and global plans covering the country, after
 * the country's own when they are as close.
 */
export const alternativeBundles = cachedQuery(
  "alternativeBundles",
  async (name: string, limit: number = 3): Promise<BundleView[]> => {
    const db = await getDb();
    const [target] = await db.select(viewColumns).from(bundles).where(eq(bundles.name, name)).limit(1);
    if (!target) return [];
    const sameDestination =
      target.scope === "country" && target.country
        ? covers(target.country)
        : target.region
          ? eq(bundles.region, target.region)
          : sql`false`;
    const candidates = await db
      .select(viewColumns)
      .from(bundles)
      .where(and(eq(bundles.active, true), sameDestination, sql`${bundles.name} <> ${name}`));
    return candidates
      .map((c) => ({ c, score: distance(target, c) }))
      .sort((a, b) => a.score - b.score || a.c.priceMinor - b.c.priceMinor || a.c.name.localeCompare(b.c.name))
      .slice(0, Math.max(0, limit))
      .map(({ c }) => toBundleView(c));
  },
);

type Comparable = {
  scope: string;
  unlimited: boolean;
  dataMb: number | null;
  durationDays: number;
  priceMinor: number;
};

/** How different two bundles feel to a buyer: ratios, so 1→2 GB weighs like 10→20 GB. */
function distance(a: Comparable, b: Comparable): number {
  const ratio = (x: number, y: number) => Math.abs(Math.log(Math.max(x, 1) / Math.max(y, 1)));
  const data = a.unlimited && b.unlimited ? 0 : a.unlimited || b.unlimited ? 1.5 : ratio(a.dataMb ?? 1, b.dataMb ?? 1);
  return (
    data +
    ratio(a.durationDays, b.durationDays) +
    0.5 * ratio(a.priceMinor, b.priceMinor) +
    (a.scope === b.scope ? 0 : 1)
  );
}

// ─── Search and sitemap ─────────────────────────────────────────────────────────────────────────────────

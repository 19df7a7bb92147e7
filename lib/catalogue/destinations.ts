import { and, eq, gt, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { bundles } from "@/lib/db/schema";
import { selectRows } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { currencyExponent } from "@/lib/format";
import { covers, sortOrder, viewColumns } from "./bundle-columns";
import { cachedQuery } from "./cache";
import { countryInfo, resolveCountryParam, type CountryInfo } from "./countries";
import { DATA_RANGES, DEFAULT_FILTERS, DURATION_RANGES, type CountryFilters } from "./filters";
import { toBundleView, type BundleView } from "./views";

interface Destination extends CountryInfo {
  fromPriceMinor: number;
  currency: string;
  bundleCount: number;
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
    const currency = env().pricing.currency;
    where.push(lte(bundles.priceMinor, Math.round(f.maxPrice * 10 ** currencyExponent(currency))));
  }
  return where;
}

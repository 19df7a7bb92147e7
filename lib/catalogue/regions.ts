import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { bundles } from "@/lib/db/schema";
import { selectRows } from "@/lib/db/sql";
import { sortOrder, viewColumns } from "./bundle-columns";
import { cachedQuery } from "./cache";
import { countryInfo, normaliseRegion, regionName, regionOrder, slugify, type CountryInfo } from "./countries";
import { toBundleView, type BundleView } from "./views";

export interface RegionSummary {
  slug: string;
  name: string;
  fromPriceMinor: number;
  currency: string;
  bundleCount: number;
  countryCount: number;
}

interface RegionDetail {
  slug: string;
  name: string;
  countries: Pick<CountryInfo, "iso" | "name" | "flag">[];
}

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

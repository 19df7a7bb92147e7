import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { bundles } from "@/lib/db/schema";
import { covers, viewColumns } from "./bundle-columns";
import { cachedQuery } from "./cache";
import { planTakesTopUps } from "./top-ups";
import { toBundleDetailView, toBundleView, type BundleDetailView, type BundleView } from "./views";

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
  if (!row) return null;
  const hotspot = env().hotspot[row.provider] ?? null;
  return toBundleDetailView({ ...row, topUps: planTakesTopUps(row), hotspot });
});

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

/** Ratios, so 1→2 GB weighs like 10→20 GB. */
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

// Plan URLs that last. The hourly sync can move a plan to the other provider (better margin) or a provider can
// re-issue it under a new name: the old bundle goes inactive while the shop still sells the same plan (same
// countries, data, days and currency — the equivalence key) under another name. Its page then redirects there
// (308), so shared links, search results and "buy again" keep working, and sitemaps list only the live name.
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { bundles } from "@/lib/db/schema";
import { cachedQuery } from "./cache";

export interface RedirectCandidate {
  name: string;
  provider: string;
  priceMinor: number;
  active: boolean;
  equivalenceKey: string | null;
}

/**
 * Pure: where a retired plan's page should send people — an active plan with the same equivalence key (the same
 * provider's re-issue first, then the cheapest, then by name so the answer never flips) — or null.
 */
export function pickCanonical(target: RedirectCandidate, candidates: RedirectCandidate[]): string | null {
  if (target.active || !target.equivalenceKey) return null;
  const live = candidates.filter(
    (c) => c.active && c.name !== target.name && c.equivalenceKey === target.equivalenceKey,
  );
  live.sort(
    (a, b) =>
      Number(b.provider === target.provider) - Number(a.provider === target.provider) ||
      a.priceMinor - b.priceMinor ||
      a.name.localeCompare(b.name),
  );
  return live[0]?.name ?? null;
}

/** The name the shop sells `name`'s plan under now, when `name` itself is retired; null otherwise. */
export const canonicalBundleName = cachedQuery("canonicalBundleName", async (name: string): Promise<string | null> => {
  const db = await getDb();
  const columns = {
    name: bundles.name,
    provider: bundles.provider,
    priceMinor: bundles.priceMinor,
    active: bundles.active,
    equivalenceKey: bundles.equivalenceKey,
  };
  const [target] = await db.select(columns).from(bundles).where(eq(bundles.name, name)).limit(1);
  if (!target || target.active || !target.equivalenceKey) return null;
  const candidates = await db
    .select(columns)
    .from(bundles)
    .where(and(eq(bundles.equivalenceKey, target.equivalenceKey), eq(bundles.active, true)));
  return pickCanonical(target, candidates);
});

// A plan moved to the other provider or re-issued under a new name: its old page redirects (308) to the
// active plan with the same equivalence key, so shared links keep working.
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

/** The same provider's re-issue first, then the cheapest, then by name so the answer never flips. */
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

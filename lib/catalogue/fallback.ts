import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { bundles, type Bundle } from "@/lib/db/schema";
import { env } from "@/lib/env";

export async function fallbackBundleFor(
  db: Db | Tx,
  bundleName: string,
  sale: { amountMinor: number; currency: string },
): Promise<Bundle | null> {
  const [listed] = await db.select().from(bundles).where(eq(bundles.name, bundleName));
  if (!listed?.fallbackBundle) return null;
  const [fallback] = await db.select().from(bundles).where(eq(bundles.name, listed.fallbackBundle));
  if (!fallback || fallback.provider === listed.provider) return null;
  if (!(env().providers as readonly string[]).includes(fallback.provider)) return null;
  if (fallback.equivalenceKey !== listed.equivalenceKey) return null;
  if (fallback.wholesaleCurrency !== sale.currency || fallback.wholesaleMinor >= sale.amountMinor) return null;
  return fallback;
}

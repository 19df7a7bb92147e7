import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/lib/db";
import { adminSettings, bundleFlags } from "@/lib/db/schema";
import type { PricingRules } from "./pricing";

export const PRICING_KEY = "pricing";

export const pricingRulesSchema = z.object({
  markupPercent: z.coerce.number().int("Markup must be a whole percentage.").min(0).max(1000),
  minMarginMinor: z.coerce.number().int("Minimum margin must be whole minor units.").min(0).max(1_000_000),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "Currency is a three-letter ISO code.")
    .transform((c) => c.toUpperCase()),
  charm: z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean()),
});

export async function storedPricing(db: Db | Tx): Promise<{ rules: PricingRules; version: number } | null> {
  const [row] = await db.select().from(adminSettings).where(eq(adminSettings.key, PRICING_KEY));
  if (!row) return null;
  const parsed = pricingRulesSchema.safeParse(row.value);
  return parsed.success ? { rules: parsed.data, version: row.version } : null;
}

export async function storedPricingRules(db: Db | Tx): Promise<PricingRules | null> {
  return (await storedPricing(db))?.rules ?? null;
}

/** A sync's upsert would reactivate them. */
export async function applyBundleFlags(tx: Db | Tx): Promise<void> {
  await tx.execute(
    sql`update bundles set active = false where active and name in (select ${bundleFlags.bundleName} from ${bundleFlags} where ${bundleFlags.disabled})`,
  );
}

// The preview and the save both go through `repriced`, so the preview is exactly what saving writes.
import { writeAudit } from "@/lib/audit";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { adminSettings, bundles } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { retailPrice, type PricingRules } from "@/lib/catalogue/pricing";
import { revalidateCatalogue } from "@/lib/catalogue/cache";
import type { Actor } from "./guard";
import { PRICING_KEY, pricingRulesSchema, storedPricing } from "@/lib/catalogue/settings";
import { parseMoneyInput, parsePercentInput, type Parsed } from "./form-units";
import type { ActionResult } from "./action-result";

export async function currentPricing(
  db: Db,
): Promise<{ rules: PricingRules; version: number; source: "saved" | "env" }> {
  const saved = await storedPricing(db);
  return saved ? { ...saved, source: "saved" } : { rules: env().pricing, version: 0, source: "env" };
}

export function parsePricingForm(form: {
  markup?: string;
  minMargin?: string;
  currency?: string;
  charm?: string;
}): Parsed<PricingRules> {
  const currency = pricingRulesSchema.shape.currency.safeParse(form.currency ?? "");
  if (!currency.success) return { ok: false, error: currency.error.issues[0]?.message ?? "Choose a currency." };
  const markup = parsePercentInput(form.markup ?? "", { label: "Markup", maxPercent: 1000, whole: true });
  if (!markup.ok) return markup;
  const margin = parseMoneyInput(form.minMargin ?? "", currency.data, { label: "Minimum margin", max: 1_000_000 });
  if (!margin.ok) return margin;
  const rules = pricingRulesSchema.safeParse({
    markupPercent: markup.value / 100,
    minMarginMinor: margin.value,
    currency: currency.data,
    charm: form.charm ?? "false",
  });
  return rules.success
    ? { ok: true, value: rules.data }
    : { ok: false, error: rules.error.issues[0]?.message ?? "Check the rules." };
}

interface PriceChange {
  name: string;
  wholesaleMinor: number;
  wholesaleCurrency: string;
  currentMinor: number;
  nextMinor: number;
  currency: string;
}

export async function repriced(db: Db, rules: PricingRules): Promise<{ changes: PriceChange[]; skipped: string[] }> {
  const rows = await db
    .select({
      name: bundles.name,
      wholesaleMinor: bundles.wholesaleMinor,
      wholesaleCurrency: bundles.wholesaleCurrency,
      priceMinor: bundles.priceMinor,
    })
    .from(bundles)
    .orderBy(asc(bundles.name));
  const changes: PriceChange[] = [];
  const skipped: string[] = [];
  for (const r of rows) {
    try {
      const next = retailPrice({ amountMinor: r.wholesaleMinor, currency: r.wholesaleCurrency }, rules);
      changes.push({ ...r, currentMinor: r.priceMinor, nextMinor: next.amountMinor, currency: next.currency });
    } catch {
      skipped.push(r.name);
    }
  }
  return { changes, skipped };
}

interface PricingPreview {
  total: number;
  changed: number;
  up: number;
  down: number;
  skipped: number;
  sample: PriceChange[];
}

export async function previewPricing(db: Db, rules: PricingRules, sampleSize = 15): Promise<PricingPreview> {
  const { changes, skipped } = await repriced(db, rules);
  const moved = changes.filter((c) => c.nextMinor !== c.currentMinor);
  return {
    total: changes.length,
    changed: moved.length,
    up: moved.filter((c) => c.nextMinor > c.currentMinor).length,
    down: moved.filter((c) => c.nextMinor < c.currentMinor).length,
    skipped: skipped.length,
    sample: [...moved]
      .sort((a, b) => Math.abs(b.nextMinor - b.currentMinor) - Math.abs(a.nextMinor - a.currentMinor))
      .slice(0, sampleSize),
  };
}

/** `version` is the one the admin edited: if someone saved in between, nothing is written. */
export async function savePricing(db: Db, rules: PricingRules, version: number, actor: Actor): Promise<ActionResult> {
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tern:pricing'))`);
    const [row] = await tx.select().from(adminSettings).where(eq(adminSettings.key, PRICING_KEY));
    const current = row?.version ?? 0;
    if (current !== version)
      return {
        outcome: "refused" as const,
        message: "Someone saved other pricing rules meanwhile; review them and save again.",
      };
    if (row && sameRules(row.value, rules))
      return { outcome: "no_change" as const, message: "These rules are already saved." };
    const { changes } = await repriced(tx as unknown as Db, rules);
    await tx
      .insert(adminSettings)
      .values({ key: PRICING_KEY, value: { ...rules }, version: 1, updatedBy: actor.email })
      .onConflictDoUpdate({
        target: adminSettings.key,
        set: {
          value: { ...rules },
          version: sql`${adminSettings.version} + 1`,
          updatedBy: actor.email,
          updatedAt: sql`now()`,
        },
      });
    const moved = changes;
    for (let i = 0; i < moved.length; i += 500) {
      const values = sql.join(
        moved.slice(i, i + 500).map((c) => sql`(${c.name}, ${c.nextMinor}::int, ${c.currency})`),
        sql`, `,
      );
      await tx.execute(
        sql`update bundles set price_minor = v.price, currency = v.currency, updated_at = now()
            from (values ${values}) as v(name, price, currency)
            where bundles.name = v.name and (bundles.price_minor <> v.price or bundles.currency <> v.currency)`,
      );
    }
    await writeAudit(tx, actor, {
      action: "pricing.save",
      targetType: "setting",
      targetId: PRICING_KEY,
      outcome: "applied",
      detail: { rules: { ...rules }, repriced: changes.filter((c) => c.nextMinor !== c.currentMinor).length },
    });
    return {
      outcome: "applied" as const,
      message: `Saved; ${changes.filter((c) => c.nextMinor !== c.currentMinor).length} prices changed.`,
    };
  });
  if (result.outcome === "applied") revalidateCatalogue();
  else
    await writeAudit(db, actor, {
      action: "pricing.save",
      targetType: "setting",
      targetId: PRICING_KEY,
      outcome: result.outcome,
      detail: { message: result.message },
    });
  return result;
}

/** jsonb does not keep key order. */
function sameRules(saved: Record<string, unknown>, rules: PricingRules): boolean {
  return (["markupPercent", "minMarginMinor", "currency", "charm"] as const).every((k) => saved[k] === rules[k]);
}

// The catalogue as admins run it: last sync per provider, sync now, pricing rules with a preview that is
// exactly what saving produces (both call `repriced`), disabling and featuring bundles, and the featured
// bundles query the home page reads.
import { and, asc, count, desc, eq, ilike, max, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { adminSettings, bundleFlags, bundles } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { retailPrice, type PricingRules } from "@/lib/catalogue/pricing";
import { syncCatalogue } from "@/lib/catalogue/sync";
import { revalidateCatalogue } from "@/lib/catalogue/cache";
import { toBundleView, type BundleView } from "@/lib/catalogue/views";
import { getDb } from "@/lib/db";
import { writeAudit } from "./audit";
import type { Actor } from "./guard";
import { PRICING_KEY, applyBundleFlags, storedPricing } from "./settings";
import type { ActionResult } from "./actions";

export async function currentPricing(
  db: Db,
): Promise<{ rules: PricingRules; version: number; source: "saved" | "env" }> {
  const saved = await storedPricing(db);
  return saved ? { ...saved, source: "saved" } : { rules: env().pricing, version: 0, source: "env" };
}

export interface PriceChange {
  name: string;
  wholesaleMinor: number;
  wholesaleCurrency: string;
  currentMinor: number;
  nextMinor: number;
  currency: string;
}

/** Every bundle's price under `rules`: the preview shows it, saving writes it. Bundles it cannot price are skipped. */
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

export interface PricingPreview {
  total: number;
  changed: number;
  up: number;
  down: number;
  skipped: number;
  /** The largest changes first, for the page. */
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

/**
 * Saves the rules and reprices every bundle in one transaction. `version` is the version the admin edited:
 * if someone saved in between, nothing is written and the admin sees the newer rules.
 */
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
    // All rows go in; the WHERE writes only those whose price or currency really changes.
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

/** jsonb does not keep key order, so rules are compared field by field. */
function sameRules(saved: Record<string, unknown>, rules: PricingRules): boolean {
  return (["markupPercent", "minMarginMinor", "currency", "charm"] as const).every((k) => saved[k] === rules[k]);
}

export interface SyncStatus {
  provider: string;
  lastSyncedAt: Date | null;
  active: number;
  inactive: number;
}

export async function syncStatus(db: Db): Promise<SyncStatus[]> {
  const rows = await db
    .select({
      provider: bundles.provider,
      last: max(bundles.syncedAt),
      active: sql<number>`count(*) filter (where ${bundles.active})`,
      inactive: sql<number>`count(*) filter (where not ${bundles.active})`,
    })
    .from(bundles)
    .groupBy(bundles.provider);
  return rows.map((r) => ({
    provider: r.provider,
    lastSyncedAt: r.last ? new Date(r.last) : null,
    active: Number(r.active),
    inactive: Number(r.inactive),
  }));
}

export async function syncNow(db: Db, actor: Actor): Promise<ActionResult> {
  try {
    const result = await syncCatalogue({ db });
    const message = result.busy
      ? "Another sync is running; it will finish on its own."
      : `Synced ${result.upserted} bundles (${result.deactivated} deactivated, ${result.reactivated} reactivated) in ${result.durationMs} ms.`;
    await writeAudit(db, actor, {
      action: "catalogue.sync",
      targetType: "catalogue",
      targetId: env().catalogue.provider,
      outcome: result.busy ? "no_change" : "applied",
      detail: { message },
    });
    return { outcome: result.busy ? "no_change" : "applied", message };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await writeAudit(db, actor, {
      action: "catalogue.sync",
      targetType: "catalogue",
      targetId: env().catalogue.provider,
      outcome: "refused",
      detail: { error: message },
    });
    return { outcome: "refused", message: `Sync failed: ${message}` };
  }
}

export interface AdminBundleRow {
  name: string;
  title: string;
  provider: string;
  active: boolean;
  disabled: boolean;
  featured: boolean;
  wholesaleMinor: number;
  wholesaleCurrency: string;
  priceMinor: number;
  currency: string;
}

export async function listAdminBundles(
  db: Db,
  q: string | undefined,
  page = 1,
): Promise<{ rows: AdminBundleRow[]; total: number }> {
  const term = q?.trim();
  const filter = term
    ? or(
        ilike(bundles.name, `%${term}%`),
        ilike(bundles.description, `%${term}%`),
        eq(bundles.country, term.toUpperCase()),
      )
    : sql`(${bundleFlags.featured} or ${bundleFlags.disabled})`;
  const base = db
    .select({ b: bundles, disabled: bundleFlags.disabled, featured: bundleFlags.featured })
    .from(bundles)
    .leftJoin(bundleFlags, eq(bundleFlags.bundleName, bundles.name))
    .where(filter);
  const [rows, [total]] = await Promise.all([
    base
      .orderBy(desc(bundleFlags.featured), asc(bundles.name))
      .limit(25)
      .offset((Math.max(1, page) - 1) * 25),
    db
      .select({ n: count() })
      .from(bundles)
      .leftJoin(bundleFlags, eq(bundleFlags.bundleName, bundles.name))
      .where(filter),
  ]);
  return {
    rows: rows.map(({ b, disabled, featured }) => ({
      name: b.name,
      title: toBundleView(b).title,
      provider: b.provider,
      active: b.active,
      disabled: Boolean(disabled),
      featured: Boolean(featured),
      wholesaleMinor: b.wholesaleMinor,
      wholesaleCurrency: b.wholesaleCurrency,
      priceMinor: b.priceMinor,
      currency: b.currency,
    })),
    total: Number(total?.n ?? 0),
  };
}

/** Disable/enable or feature/unfeature a bundle. Setting a flag to what it already is changes nothing. */
export async function setBundleFlag(
  db: Db,
  name: string,
  flag: "disabled" | "featured",
  value: boolean,
  actor: Actor,
): Promise<ActionResult> {
  const result = await db.transaction(async (tx) => {
    const [bundle] = await tx.select({ name: bundles.name }).from(bundles).where(eq(bundles.name, name));
    if (!bundle) return { outcome: "refused" as const, message: "No such bundle." };
    await tx.insert(bundleFlags).values({ bundleName: name }).onConflictDoNothing();
    const changed = await tx
      .update(bundleFlags)
      .set({ [flag]: value, updatedBy: actor.email, updatedAt: sql`now()` })
      .where(and(eq(bundleFlags.bundleName, name), sql`${bundleFlags[flag]} is distinct from ${value}`))
      .returning({ name: bundleFlags.bundleName });
    if (changed.length === 0) return { outcome: "no_change" as const, message: "Already so." };
    if (flag === "disabled") {
      if (value) await applyBundleFlags(tx);
      // Re-enabling does not resurrect a bundle the provider stopped selling: the next sync decides that.
      else
        await tx
          .update(bundles)
          .set({ active: true })
          .where(
            and(
              eq(bundles.name, name),
              sql`${bundles.syncedAt} >= (select max(synced_at) from bundles where provider = ${bundles.provider})`,
            ),
          );
    }
    await writeAudit(tx, actor, {
      action: `bundle.${flag === "disabled" ? (value ? "disable" : "enable") : value ? "feature" : "unfeature"}`,
      targetType: "bundle",
      targetId: name,
      outcome: "applied",
    });
    return { outcome: "applied" as const, message: "Saved." };
  });
  if (result.outcome === "applied") revalidateCatalogue();
  return result;
}

/**
 * The bundles the home page features, in rank order: active ones only. Empty when none is featured — the
 * home page then falls back to today's popular destinations.
 */
export async function featuredBundles(limit = 6, db?: Db): Promise<BundleView[]> {
  const database = db ?? (await getDb());
  const rows = await database
    .select({ b: bundles })
    .from(bundleFlags)
    .innerJoin(bundles, eq(bundles.name, bundleFlags.bundleName))
    .where(and(eq(bundleFlags.featured, true), eq(bundleFlags.disabled, false), eq(bundles.active, true)))
    .orderBy(asc(bundleFlags.featuredRank), asc(bundleFlags.updatedAt))
    .limit(limit);
  return rows.map(({ b }) => toBundleView(b));
}

import { writeAudit } from "@/lib/audit";
import { and, asc, count, desc, eq, ilike, max, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { bundleFlags, bundles } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { syncCatalogue } from "@/lib/catalogue/sync";
import { revalidateCatalogue } from "@/lib/catalogue/cache";
import { toBundleView, type BundleView } from "@/lib/catalogue/views";
import { getDb } from "@/lib/db";
import type { Actor } from "./guard";
import { applyBundleFlags } from "@/lib/catalogue/settings";
import type { ActionResult } from "./action-result";
import { lastSyncPerProvider } from "@/lib/catalogue/sync-runs";
import type { CatalogueSync } from "@/lib/db/schema";

interface SyncStatus {
  provider: string;
  lastSyncedAt: Date | null;
  active: number;
  inactive: number;
  lastRun: CatalogueSync | null;
}

export async function syncStatus(db: Db): Promise<SyncStatus[]> {
  const [counts, runs] = await Promise.all([bundleCounts(db), lastSyncPerProvider(db)]);
  const providers = [...new Set([...counts.map((c) => c.provider), ...runs.map((r) => r.provider)])].sort();
  return providers.map((provider) => {
    const c = counts.find((x) => x.provider === provider);
    const r = runs.find((x) => x.provider === provider);
    return {
      provider,
      lastSyncedAt: r?.lastSucceededAt ?? c?.lastSyncedAt ?? null,
      active: c?.active ?? 0,
      inactive: c?.inactive ?? 0,
      lastRun: r?.last ?? null,
    };
  });
}

async function bundleCounts(db: Db) {
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

interface AdminBundleRow {
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
      // Re-enabling does not resurrect a bundle the provider stopped selling: the next sync decides.
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

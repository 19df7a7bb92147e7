// Vanished bundles are only marked inactive (orders point at them); a run that would switch off most of a
// provider's bundles at once is refused as an outage or a bad response.
import { and, eq, inArray, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { bundles, type NewBundle } from "@/lib/db/schema";
import { selectRows } from "@/lib/db/sql";
import type { ProviderRows } from "./listing";
import { applyBundleFlags } from "./settings";
import { blameProvider, CatalogueSyncError } from "./sync-error";
import { priceBundles } from "@/lib/currency/bundle-prices";
import type { ShopCurrencySettings } from "@/lib/currency/settings";

export const SYNC_LOCK_ID = 0x7465726e;
const GUARD_MIN_ACTIVE = 20;

interface WriteCounts {
  upserted: number;
  deactivated: number;
  reactivated: number;
}

export async function writeListings(
  db: Db,
  input: {
    providers: string[];
    single: boolean;
    listings: ProviderRows[];
    rows: NewBundle[];
    syncedAt: Date;
    maxDeactivateRatio?: number;
    batchSize: number;
    currencies: ShopCurrencySettings;
  },
): Promise<WriteCounts | null> {
  const { providers, single, listings, rows, syncedAt, maxDeactivateRatio, batchSize, currencies } = input;
  return db.transaction(async (tx) => {
    const [lock] = await selectRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${SYNC_LOCK_ID}) as ok`);
    if (!lock?.ok) return null;

    const existing = await tx
      .select({ name: bundles.name, provider: bundles.provider, active: bundles.active })
      .from(bundles)
      .where(inArray(bundles.provider, providers));
    const seen = new Map(rows.map((r) => [r.name, r]));
    const ratio = maxDeactivateRatio ?? 0.5;
    for (const { provider, rows: listed } of listings) {
      const activeBefore = existing.filter((b) => b.active && b.provider === provider);
      const toDeactivate = activeBefore.filter((b) => !seen.has(b.name)).length;
      if (activeBefore.length >= GUARD_MIN_ACTIVE && toDeactivate > activeBefore.length * ratio) {
        const refusal = new CatalogueSyncError(
          `Refusing to deactivate ${toDeactivate} of ${activeBefore.length} active bundles: ${provider} listed only ${listed.length}. ` +
            `If the catalogue really shrank, run the sync with a higher maxDeactivateRatio.`,
        );
        blameProvider(refusal, provider);
        throw refusal;
      }
    }
    const reactivated = existing.filter(
      (b) => !b.active && seen.get(b.name)?.active !== false && seen.has(b.name),
    ).length;

    for (let i = 0; i < rows.length; i += batchSize) {
      await tx
        .insert(bundles)
        .values(rows.slice(i, i + batchSize))
        .onConflictDoUpdate({ target: bundles.name, set: UPSERT_SET });
    }
    const gone = await tx
      .update(bundles)
      .set({ active: false, fallbackBundle: null })
      .where(
        single
          ? sql`${bundles.provider} = ${providers[0]} and ${bundles.active} and ${bundles.syncedAt} is distinct from ${syncedAt.toISOString()}::timestamptz`
          : and(
              eq(bundles.active, true),
              or(
                notInArray(bundles.provider, providers),
                sql`${bundles.syncedAt} is distinct from ${syncedAt.toISOString()}::timestamptz`,
              ),
            ),
      )
      .returning({ name: bundles.name });
    if (!single) {
      // A fallback no longer synced cannot be bought.
      await tx
        .update(bundles)
        .set({ fallbackBundle: null })
        .where(
          sql`${bundles.fallbackBundle} is not null and ${bundles.fallbackBundle} not in (select name from bundles where synced_at = ${syncedAt.toISOString()}::timestamptz)`,
        );
    }
    await applyBundleFlags(tx);
    await priceBundles(tx, currencies);
    return { upserted: rows.length, deactivated: gone.length, reactivated };
  });
}

// updated_at moves only when one of these changed, so it says when the provider last changed a bundle.
const SYNCED_COLUMNS = [
  "provider",
  "description",
  "scope",
  "countries",
  "country",
  "region",
  "dataMb",
  "unlimited",
  "durationDays",
  "speeds",
  "autostart",
  "networks",
  "wholesaleMinor",
  "wholesaleCurrency",
  "priceMinor",
  "currency",
  "active",
  "equivalenceKey",
  "fallbackBundle",
] as const;

const UPSERT_SET = (() => {
  const set: Record<string, ReturnType<typeof sql.raw>> = {};
  for (const key of SYNCED_COLUMNS) set[key] = sql.raw(`excluded."${bundles[key].name}"`);
  const current = SYNCED_COLUMNS.map((k) => `"bundles"."${bundles[k].name}"`).join(", ");
  const incoming = SYNCED_COLUMNS.map((k) => `excluded."${bundles[k].name}"`).join(", ");
  set.syncedAt = sql.raw(`excluded."synced_at"`);
  set.updatedAt = sql.raw(
    `case when (${current}) is distinct from (${incoming}) then now() else "bundles"."updated_at" end`,
  );
  return set;
})();

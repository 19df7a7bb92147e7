// Pre-buying stock from a provider: an admin's "buy N now", and the scheduled restock that keeps each bundle
// at its target. The purchase row is committed before the provider is called, under the bundle's
// stock_levels row lock, and every open purchase counts toward the target: two concurrent runs buy exactly up
// to it, never past. eSIM Go takes no idempotency key, so a purchase whose answer was lost stays `unknown`
// (counted, shown on the stock page) for an admin to settle, and is never retried blindly.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { selectRows } from "@/lib/db/sql";
import { bundles, esimInventory, stockLevels, stockPurchases, type NewInventoryRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { providerFor } from "@/lib/providers";
import { ProviderError } from "@/lib/providers/http";
import type { EsimProvider, InstallDetails } from "@/lib/providers/types";
import { safeError } from "@/lib/observability/redact";
import { log } from "@/lib/observability/logger";
import { sealCode, StockKeyMissing } from "./crypto";
import { logStock } from "./log";
import { clearLowStock, sendOwedLowStockAlerts } from "./alerts";
import { releaseAbandonedReservations } from "./reserve";

export const MAX_PREBUY = 100;

export type PrebuyResult =
  | { outcome: "bought"; purchaseId: number; quantity: number; costMinor: number | null; currency: string | null }
  | { outcome: "nothing_needed"; have: number; target: number }
  | { outcome: "refused"; message: string }
  | { outcome: "failed" | "unknown"; purchaseId: number; message: string };

interface Deps {
  provider?: (name: string) => EsimProvider;
}

/** References of our pre-buy orders among `references`: a customer order's lookup must not take one as its own. */
export async function stockReferences(db: Db, provider: string, references: string[]): Promise<string[]> {
  if (references.length === 0) return [];
  const rows = await db
    .select({ ref: stockPurchases.providerReference })
    .from(stockPurchases)
    .where(and(eq(stockPurchases.provider, provider), inArray(stockPurchases.providerReference, references)));
  return rows.map((r) => r.ref!);
}

/** Buys exactly `quantity` now (the admin action). */
export function prebuy(
  db: Db,
  input: { bundleName: string; quantity: number; by?: string | null },
  deps: Deps = {},
): Promise<PrebuyResult> {
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_PREBUY)
    return Promise.resolve({ outcome: "refused", message: `Quantity must be 1 to ${MAX_PREBUY}.` });
  return buy(db, input.bundleName, () => input.quantity, "admin", input.by ?? null, deps);
}

/** Buys what the bundle lacks to reach its target (counting stock on hand, reserved and being bought). */
export function restockToTarget(db: Db, bundleName: string, deps: Deps = {}): Promise<PrebuyResult> {
  return buy(db, bundleName, (have, target) => Math.min(MAX_PREBUY, target - have), "schedule", null, deps);
}

async function buy(
  db: Db,
  bundleName: string,
  howMany: (have: number, target: number) => number,
  trigger: "admin" | "schedule",
  by: string | null,
  deps: Deps,
): Promise<PrebuyResult> {
  const [bundle] = await db.select().from(bundles).where(eq(bundles.name, bundleName));
  if (!bundle) return { outcome: "refused", message: `Unknown bundle ${bundleName}.` };
  // Checked before any money moves: without the key the eSIMs could not be stored.
  if (!env().stock.encryptionKey) return { outcome: "refused", message: new StockKeyMissing().message };
  const provider = (deps.provider ?? providerFor)(bundle.provider);
  if (!provider.buyStock) return { outcome: "refused", message: `${bundle.provider} cannot pre-buy eSIMs.` };

  const claim = await db.transaction(async (tx) => {
    await tx.insert(stockLevels).values({ bundleName }).onConflictDoNothing();
    const [level] = await tx.select().from(stockLevels).where(eq(stockLevels.bundleName, bundleName)).for("update");
    const [counted] = await selectRows<{ on_hand: number | string; buying: number | string }>(
      tx,
      sql`select
            (select count(*) from ${esimInventory} where bundle_name = ${bundleName}
               and status in ('available', 'reserved') and source <> 'provider') as on_hand,
            (select coalesce(sum(quantity), 0) from ${stockPurchases} where bundle_name = ${bundleName}
               and status in ('started', 'unknown')) as buying`,
    );
    const have = Number(counted!.on_hand) + Number(counted!.buying);
    const target = level!.targetLevel;
    const quantity = howMany(have, target);
    if (quantity <= 0) return { have, target, quantity: 0, id: 0 };
    const [row] = await tx
      .insert(stockPurchases)
      .values({ bundleName, provider: bundle.provider, quantity, status: "started", trigger, requestedBy: by })
      .returning({ id: stockPurchases.id });
    return { have, target, quantity, id: Number(row!.id) };
  });
  if (claim.quantity === 0) return { outcome: "nothing_needed", have: claim.have, target: claim.target };

  const { id, quantity } = claim;
  let result;
  try {
    result = await provider.buyStock(bundleName, quantity);
  } catch (err) {
    // No answer, or a 5xx: the provider may have bought. Counted toward the target until an admin settles it.
    const unknown =
      err instanceof ProviderError && (err.outcomeUnknown || (err.kind === "http" && (err.status ?? 0) >= 500));
    await finish(db, id, unknown ? "unknown" : "failed", { error: safeError(err) });
    await logStock(db, {
      source: "prebuy",
      action: "purchase",
      outcome: unknown ? "unknown" : "failed",
      payload: { purchaseId: id, bundle: bundleName, quantity, provider: provider.name },
      error: err,
    });
    return { outcome: unknown ? "unknown" : "failed", purchaseId: id, message: safeError(err) };
  }
  if (result.state !== "completed") {
    const message =
      result.state === "failed" ? result.reason : `the provider left purchase ${result.reference} pending`;
    const status = result.state === "failed" ? "failed" : "unknown";
    await finish(db, id, status, {
      error: message,
      providerReference: result.state === "pending" ? result.reference : null,
    });
    await logStock(db, {
      source: "prebuy",
      action: "purchase",
      outcome: status,
      payload: { purchaseId: id, bundle: bundleName, quantity, result },
    });
    return { outcome: status, purchaseId: id, message };
  }

  let esimsBought: InstallDetails[] = result.esims;
  if (esimsBought.length < quantity) {
    try {
      esimsBought = await provider.installDetails(result.reference);
    } catch (err) {
      log.warn({ err, purchaseId: id }, "install details of a pre-buy not available yet");
    }
  }
  const costMinor = result.wholesaleMinor ?? null;
  const currency = result.currency ?? null;
  const rows: NewInventoryRow[] = esimsBought.map((e, i) => ({
    bundleName,
    provider: provider.name,
    iccid: e.iccid,
    smdpAddress: e.smdpAddress.trim(),
    activationCodeSealed: sealCode(e.matchingId.trim(), e.iccid),
    status: "available",
    source: "prebuy",
    // The order's total split over its eSIMs, the remainder on the first ones: the rows add up to what was paid.
    costMinor:
      costMinor === null
        ? null
        : Math.floor(costMinor / esimsBought.length) + (i < costMinor % esimsBought.length ? 1 : 0),
    costCurrency: currency,
    batch: `prebuy-${id}`,
    stockPurchaseId: id,
    metadata: { reference: result.reference },
  }));
  await db.transaction(async (tx) => {
    if (rows.length) await tx.insert(esimInventory).values(rows).onConflictDoNothing();
    await tx
      .update(stockPurchases)
      .set({
        status: "succeeded",
        providerReference: result.reference,
        costMinor,
        costCurrency: currency,
        finishedAt: sql`now()`,
        error: rows.length < quantity ? `${quantity - rows.length} of ${quantity} eSIMs had no install details` : null,
      })
      .where(eq(stockPurchases.id, id));
  });
  await logStock(db, {
    source: "prebuy",
    action: "purchase",
    outcome: "completed",
    payload: {
      purchaseId: id,
      bundle: bundleName,
      quantity,
      stored: rows.length,
      reference: result.reference,
      costMinor,
      currency,
    },
  });
  await clearLowStock(db, bundleName);
  return { outcome: "bought", purchaseId: id, quantity: rows.length, costMinor, currency };
}

async function finish(
  db: Db,
  id: number,
  status: "failed" | "unknown",
  set: { error: string; providerReference?: string | null },
): Promise<void> {
  await db
    .update(stockPurchases)
    .set({ status, finishedAt: sql`now()`, ...set })
    .where(and(eq(stockPurchases.id, id), eq(stockPurchases.status, "started")));
}

/** An admin settled an unknown pre-buy (checked at the provider): it stops counting toward the target. */
export async function closeStockPurchase(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(stockPurchases)
    .set({ status: "failed", error: sql`coalesce(${stockPurchases.error}, '') || ' (closed by an admin)'` })
    .where(and(eq(stockPurchases.id, id), inArray(stockPurchases.status, ["unknown", "started"])))
    .returning({ id: stockPurchases.id });
  return rows.length > 0;
}

/** The `restock` cron job: bundles with a target, reservations of orders that ended, owed low-stock alerts. */
export async function runRestock(db: Db, deps: Deps = {}) {
  const levels = await db
    .select({ bundleName: stockLevels.bundleName })
    .from(stockLevels)
    .where(ne(stockLevels.targetLevel, 0));
  const results: Record<string, string> = {};
  for (const { bundleName } of levels) {
    try {
      const r = await restockToTarget(db, bundleName, deps);
      results[bundleName] = r.outcome === "bought" ? `bought ${r.quantity}` : r.outcome;
    } catch (err) {
      log.error({ err, bundleName }, "restock failed");
      results[bundleName] = `error: ${safeError(err)}`;
    }
  }
  const released = await releaseAbandonedReservations(db);
  const alerts = await sendOwedLowStockAlerts(db);
  return { restocked: results, released, alertsRetried: alerts };
}

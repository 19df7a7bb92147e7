// The purchase row commits before the provider is called, under the bundle's lock, and open purchases count
// toward the target, so two runs never buy past it; a lost answer is never re-bought blindly.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { selectRows } from "@/lib/db/sql";
import { bundles, esimInventory, stockLevels, stockPurchases, type NewInventoryRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { providerFor } from "@/lib/providers";
import type { EsimProvider, InstallDetails, PurchaseResult } from "@/lib/providers/types";
import { outcomeUnknown } from "@/lib/purchases/ledger";
import { safeError } from "@/lib/observability/redact";
import { log } from "@/lib/observability/logger";
import { sealCode, StockKeyMissing } from "./crypto";
import { logStock } from "./log";
import { clearLowStock } from "./alerts";

export const MAX_PREBUY = 100;

type PrebuyResult =
  | { outcome: "bought"; purchaseId: number; quantity: number; costMinor: number | null; currency: string | null }
  | { outcome: "nothing_needed"; have: number; target: number }
  | { outcome: "refused"; message: string }
  | { outcome: "failed" | "unknown"; purchaseId: number; message: string };

export interface PrebuyDeps {
  provider?: (name: string) => EsimProvider;
  now?: () => Date;
  settleWindowMs?: number;
}

export function prebuy(
  db: Db,
  input: { bundleName: string; quantity: number; by?: string | null },
  deps: PrebuyDeps = {},
): Promise<PrebuyResult> {
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_PREBUY)
    return Promise.resolve({ outcome: "refused", message: `Quantity must be 1 to ${MAX_PREBUY}.` });
  return buy(db, input.bundleName, () => input.quantity, "admin", input.by ?? null, deps);
}

export function restockToTarget(db: Db, bundleName: string, deps: PrebuyDeps = {}): Promise<PrebuyResult> {
  return buy(db, bundleName, (have, target) => Math.min(MAX_PREBUY, target - have), "schedule", null, deps);
}

async function buy(
  db: Db,
  bundleName: string,
  howMany: (have: number, target: number) => number,
  trigger: "admin" | "schedule",
  by: string | null,
  deps: PrebuyDeps,
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
    const unknown = outcomeUnknown(err);
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

  const stored = await storeBought(db, provider, { id, bundleName, quantity }, result, [
    "started",
    "unknown",
    "failed",
  ]);
  return {
    outcome: "bought",
    purchaseId: id,
    quantity: stored ?? 0,
    costMinor: result.wholesaleMinor ?? null,
    currency: result.currency ?? null,
  };
}

/** Only while still in one of `from`, so two runs resolving one purchase store it once. */
export async function storeBought(
  db: Db,
  provider: EsimProvider,
  purchase: { id: number; bundleName: string; quantity: number },
  result: Extract<PurchaseResult, { state: "completed" }>,
  from: string[],
  linked = false,
): Promise<number | null> {
  const { id, bundleName, quantity } = purchase;
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
    // The remainder on the first ones: the rows add up to what was paid.
    costMinor:
      costMinor === null
        ? null
        : Math.floor(costMinor / esimsBought.length) + (i < costMinor % esimsBought.length ? 1 : 0),
    costCurrency: currency,
    batch: `prebuy-${id}`,
    stockPurchaseId: id,
    metadata: { reference: result.reference },
  }));
  const moved = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(stockPurchases)
      .set({
        status: "succeeded",
        providerReference: result.reference,
        costMinor,
        costCurrency: currency,
        finishedAt: sql`coalesce(${stockPurchases.finishedAt}, now())`,
        error:
          [
            linked ? "answer lost; found at the provider and linked" : null,
            rows.length < quantity ? `${quantity - rows.length} of ${quantity} eSIMs had no install details` : null,
          ]
            .filter(Boolean)
            .join("; ") || null,
      })
      .where(and(eq(stockPurchases.id, id), inArray(stockPurchases.status, from)))
      .returning({ id: stockPurchases.id });
    if (!updated) return false;
    if (rows.length) await tx.insert(esimInventory).values(rows).onConflictDoNothing();
    return true;
  });
  if (!moved) return null;
  await logStock(db, {
    source: "prebuy",
    action: linked ? "lookup" : "purchase",
    outcome: linked ? "found" : "completed",
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
  return rows.length;
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

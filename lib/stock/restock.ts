// Pre-buying stock from a provider: an admin's "buy N now", and the scheduled restock that keeps each bundle
// at its target. The purchase row is committed before the provider is called, under the bundle's
// stock_levels row lock, and every open purchase counts toward the target: two concurrent runs buy exactly up
// to it, never past. eSIM Go takes no idempotency key, so a purchase whose answer was lost stays `unknown`
// (counted toward the target, never retried blindly) until the restock job looks it up in the provider's orders,
// the way a customer purchase is resolved: after the provider's timeout plus a settle window, the order found is
// linked (its eSIMs stored), or none means it was not bought. An admin can still close one by hand.
import { and, count, eq, gt, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { selectRows } from "@/lib/db/sql";
import { isUniqueViolation } from "@/lib/db/sql";
import {
  bundles,
  esimInventory,
  orders,
  providerPurchases,
  stockLevels,
  stockPurchases,
  type NewInventoryRow,
  type StockPurchase,
} from "@/lib/db/schema";
import { env } from "@/lib/env";
import { providerFor } from "@/lib/providers";
import { ProviderError } from "@/lib/providers/http";
import type { EsimProvider, InstallDetails, PurchaseResult } from "@/lib/providers/types";
import { DEFAULT_PURCHASE_TIMEOUT_MS } from "@/lib/fulfilment/run";
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
  now?: () => Date;
  /** As fulfilment's: a lost answer is "not bought" only after the provider's timeout plus this (lib/fulfilment/worker.ts). */
  settleWindowMs?: number;
}

export const PREBUY_SETTLE_WINDOW_MS = 60_000;
/** A purchase `started` less than this ago may still be waiting for its answer (as in lib/fulfilment/purchase.ts). */
const inFlightGraceMs = (provider: EsimProvider) =>
  (provider.purchaseTimeoutMs ?? DEFAULT_PURCHASE_TIMEOUT_MS) + 10_000;

/**
 * Pre-buys of this bundle still waiting for their provider's answer (written before the call). A customer
 * attempt's lost-answer lookup waits for them: until their references are recorded, the provider order a pre-buy
 * of one eSIM placed looks exactly like the customer's own (lib/fulfilment/purchase.ts).
 */
export async function stockPurchasesInFlight(db: Db, provider: string, bundleName: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(stockPurchases)
    .where(
      and(
        eq(stockPurchases.provider, provider),
        eq(stockPurchases.bundleName, bundleName),
        eq(stockPurchases.status, "started"),
        gt(stockPurchases.startedAt, since),
      ),
    );
  return row?.n ?? 0;
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

/**
 * A completed pre-buy: its eSIMs into stock (sealed) and the purchase `succeeded`, in one transaction, only while
 * the purchase is still in one of `from` (two runs resolving one purchase store it once). Null: settled elsewhere.
 */
async function storeBought(
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

export type ResolveOutcome = "bought" | "not_bought" | "pending" | "waiting" | "skipped";

/**
 * Pre-buys without a final answer — `unknown` (lost answer, 5xx, left pending) or `started` long past any answer
 * (the process died during the call) — resolved at the provider like a customer purchase (lib/fulfilment/purchase.ts):
 * a recorded pending reference is checked; otherwise, once the provider's timeout plus the settle window has
 * passed, its order is looked for in the provider's order list (linked and stored if found, "not bought" if not).
 */
export async function resolveLostPrebuys(db: Db, deps: Deps = {}): Promise<Record<number, ResolveOutcome>> {
  const now = (deps.now ?? (() => new Date()))();
  const open = await db
    .select()
    .from(stockPurchases)
    // A `started` one is looked at too: resolveOne leaves it alone until no answer can still be on its way.
    .where(inArray(stockPurchases.status, ["unknown", "started"]))
    .orderBy(stockPurchases.id)
    .limit(50);
  const outcomes: Record<number, ResolveOutcome> = {};
  for (const p of open) {
    try {
      outcomes[p.id] = await resolveOne(db, p, now, deps);
    } catch (err) {
      // The provider cannot be asked now: the next run tries again; the purchase keeps counting meanwhile.
      log.warn({ err, purchaseId: p.id }, "a lost pre-buy could not be looked up yet");
      outcomes[p.id] = "waiting";
    }
  }
  return outcomes;
}

async function resolveOne(db: Db, p: StockPurchase, now: Date, deps: Deps): Promise<ResolveOutcome> {
  const provider = (deps.provider ?? providerFor)(p.provider);
  const purchase = { id: p.id, bundleName: p.bundleName, quantity: p.quantity };
  const OPEN = ["unknown", "started"];
  if (p.providerReference) {
    // Accepted but left pending: ask about that order.
    const result = await provider.checkPurchase({
      orderId: `stock-${p.id}`,
      attempt: 1,
      bundleName: p.bundleName,
      reference: p.providerReference,
    });
    if (result.state === "pending") return "pending";
    if (result.state === "failed") {
      await settleNotBought(db, p, `the provider failed it: ${result.reason}`);
      return "not_bought";
    }
    return (await storeBought(db, provider, purchase, result, OPEN)) === null ? "skipped" : "bought";
  }
  if (!provider.findStockPurchase) return "skipped";

  const timeoutMs = provider.purchaseTimeoutMs ?? DEFAULT_PURCHASE_TIMEOUT_MS;
  const settledAt = p.startedAt.getTime() + timeoutMs + (deps.settleWindowMs ?? PREBUY_SETTLE_WINDOW_MS);
  if (now.getTime() < settledAt) return "waiting";
  // Another purchase of this bundle still waiting for its answer could be the very order found here: wait until
  // its reference is recorded (customer attempts and other pre-buys alike).
  const since = new Date(now.getTime() - inFlightGraceMs(provider));
  const [customers] = await db
    .select({ n: count() })
    .from(providerPurchases)
    .innerJoin(orders, eq(orders.id, providerPurchases.orderId))
    .where(
      and(
        eq(providerPurchases.provider, p.provider),
        eq(providerPurchases.status, "started"),
        eq(orders.bundleName, p.bundleName),
        gt(providerPurchases.startedAt, since),
      ),
    );
  const prebuys = await stockPurchasesInFlight(db, p.provider, p.bundleName, since);
  if ((customers?.n ?? 0) > 0 || prebuys > 0) return "waiting";

  const lookup = await provider.findStockPurchase({
    bundleName: p.bundleName,
    quantity: p.quantity,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt ?? new Date(p.startedAt.getTime() + timeoutMs),
    // Orders already some purchase's own — a customer's or another pre-buy's — are not this one.
    alreadyLinked: async (references) => {
      if (references.length === 0) return new Set();
      const [theirs, ours] = await Promise.all([
        db
          .select({ ref: providerPurchases.providerReference })
          .from(providerPurchases)
          .where(
            and(eq(providerPurchases.provider, p.provider), inArray(providerPurchases.providerReference, references)),
          ),
        stockReferences(db, p.provider, references),
      ]);
      return new Set([...theirs.map((t) => t.ref!), ...ours]);
    },
  });
  if (lookup.kind === "none") {
    await settleNotBought(db, p, "no answer; not found at the provider, so it was not bought");
    return "not_bought";
  }
  if (lookup.kind === "ambiguous") return "skipped";
  if (lookup.result.state !== "completed") {
    // Found, still pending there: keep its reference and check it on the next run.
    try {
      await db
        .update(stockPurchases)
        .set({ providerReference: lookup.reference, status: "unknown" })
        .where(and(eq(stockPurchases.id, p.id), inArray(stockPurchases.status, OPEN)));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return "waiting";
    }
    return "pending";
  }
  try {
    return (await storeBought(db, provider, purchase, lookup.result, OPEN, true)) === null ? "skipped" : "bought";
  } catch (err) {
    // Another pre-buy linked that order a moment ago: look again next run.
    if (isUniqueViolation(err)) return "waiting";
    throw err;
  }
}

async function settleNotBought(db: Db, p: StockPurchase, why: string): Promise<void> {
  const [moved] = await db
    .update(stockPurchases)
    .set({
      status: "failed",
      finishedAt: sql`coalesce(${stockPurchases.finishedAt}, now())`,
      error: p.error ? `${p.error}; ${why}` : why,
    })
    .where(and(eq(stockPurchases.id, p.id), inArray(stockPurchases.status, ["unknown", "started"])))
    .returning({ id: stockPurchases.id });
  if (moved)
    await logStock(db, {
      source: "prebuy",
      action: "lookup",
      outcome: "not_bought",
      payload: { purchaseId: p.id, bundle: p.bundleName, quantity: p.quantity, why },
    });
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
  // Lost answers first: what they bought (or did not) decides how much each bundle still lacks.
  const resolved = await resolveLostPrebuys(db, deps);
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
  return { resolved, restocked: results, released, alertsRetried: alerts };
}

// Resolved by the purchase-ledger rules of a customer's attempt: a pending reference is checked; past the
// provider's timeout plus the settle window, the provider's order list decides.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/sql";
import { stockPurchases, type StockPurchase } from "@/lib/db/schema";
import { providerFor } from "@/lib/providers";
import { purchaseTimeoutMs, resolveLostAnswer } from "@/lib/purchases/ledger";
import { log } from "@/lib/observability/logger";
import { logStock } from "./log";
import { storeBought, type PrebuyDeps } from "./prebuy";

const PREBUY_SETTLE_WINDOW_MS = 60_000;

type ResolveOutcome = "bought" | "not_bought" | "pending" | "waiting" | "skipped";

export async function resolveLostPrebuys(db: Db, deps: PrebuyDeps = {}): Promise<Record<number, ResolveOutcome>> {
  const now = (deps.now ?? (() => new Date()))();
  const open = await db
    .select()
    .from(stockPurchases)
    .where(inArray(stockPurchases.status, ["unknown", "started"]))
    .orderBy(stockPurchases.id)
    .limit(50);
  const outcomes: Record<number, ResolveOutcome> = {};
  for (const p of open) {
    try {
      outcomes[p.id] = await resolveOne(db, p, now, deps);
    } catch (err) {
      // The purchase keeps counting until the provider can be asked.
      log.warn({ err, purchaseId: p.id }, "a lost pre-buy could not be looked up yet");
      outcomes[p.id] = "waiting";
    }
  }
  return outcomes;
}

async function resolveOne(db: Db, p: StockPurchase, now: Date, deps: PrebuyDeps): Promise<ResolveOutcome> {
  const provider = (deps.provider ?? providerFor)(p.provider);
  const purchase = { id: p.id, bundleName: p.bundleName, quantity: p.quantity };
  const OPEN = ["unknown", "started"];
  if (p.providerReference) {
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
  const findStockPurchase = provider.findStockPurchase?.bind(provider);
  if (!findStockPurchase) return "skipped";
  const lookup = await resolveLostAnswer(
    db,
    {
      provider,
      bundleName: p.bundleName,
      status: p.status,
      startedAt: p.startedAt,
      answered: false,
      label: `pre-buy ${p.id}`,
    },
    {
      now,
      settleWindowMs: deps.settleWindowMs ?? PREBUY_SETTLE_WINDOW_MS,
      waitUntilSettled: true,
      lookup: (alreadyLinked) =>
        findStockPurchase({
          bundleName: p.bundleName,
          quantity: p.quantity,
          startedAt: p.startedAt,
          finishedAt: p.finishedAt ?? new Date(p.startedAt.getTime() + purchaseTimeoutMs(provider)),
          alreadyLinked,
        }),
    },
  );
  if (lookup.kind === "wait") return "waiting";
  if (lookup.kind === "not_bought") {
    await settleNotBought(db, p, "no answer; not found at the provider, so it was not bought");
    return "not_bought";
  }
  if (lookup.kind === "ambiguous") return "skipped";
  if (lookup.result.state !== "completed") {
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

export async function closeStockPurchase(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(stockPurchases)
    .set({ status: "failed", error: sql`coalesce(${stockPurchases.error}, '') || ' (closed by an admin)'` })
    .where(and(eq(stockPurchases.id, id), inArray(stockPurchases.status, ["unknown", "started"])))
    .returning({ id: stockPurchases.id });
  return rows.length > 0;
}

// eSIM Go takes no idempotency key: a purchase row commits before the call, and a lost answer is looked up.
import { and, count, eq, gt, inArray, ne } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { orders, providerPurchases, stockPurchases, type Order } from "@/lib/db/schema";
import { ProviderError } from "@/lib/providers/http";
import type { EsimProvider, UnknownAttemptResult } from "@/lib/providers/types";

const DEFAULT_PURCHASE_TIMEOUT_MS = 20_000;

export const purchaseTimeoutMs = (provider: EsimProvider) => provider.purchaseTimeoutMs ?? DEFAULT_PURCHASE_TIMEOUT_MS;

export class StopBuying extends Error {
  name = "StopBuying";
}

/** Re-read under the lock, never trusted from the run's start: an admin's refund may have landed. */
export async function lockBuyable(tx: Tx, orderId: string): Promise<{ status: Order["status"] }> {
  const [current] = await tx
    .select({
      status: orders.status,
      attentionReason: orders.attentionReason,
      refundedMinor: orders.refundedMinor,
      amountMinor: orders.amountMinor,
    })
    .from(orders)
    .where(eq(orders.id, orderId))
    .for("update");
  const buyable =
    current?.status === "paid" ||
    current?.status === "provisioning" ||
    (current?.status === "needs_attention" && current.attentionReason === "insufficient_balance");
  if (!buyable) throw new StopBuying(`order is ${current?.status ?? "gone"}`);
  if ((current.refundedMinor ?? 0) >= current.amountMinor) throw new StopBuying("the payment was refunded");
  return { status: current.status };
}

/** No answer or a 5xx may have bought anyway; a 4xx or a request that never left did not. */
export function outcomeUnknown(err: unknown): boolean {
  return err instanceof ProviderError && (err.outcomeUnknown || (err.kind === "http" && (err.status ?? 0) >= 500));
}

async function purchasesInFlight(
  db: Db,
  q: { provider: string; bundleName: string; since: Date; exceptOrderId?: string },
): Promise<{ orders: number; prebuys: number }> {
  const [customers] = await db
    .select({ n: count() })
    .from(providerPurchases)
    .innerJoin(orders, eq(orders.id, providerPurchases.orderId))
    .where(
      and(
        eq(providerPurchases.provider, q.provider),
        eq(providerPurchases.status, "started"),
        q.exceptOrderId ? ne(providerPurchases.orderId, q.exceptOrderId) : undefined,
        eq(orders.bundleName, q.bundleName),
        gt(providerPurchases.startedAt, q.since),
      ),
    );
  const [prebuys] = await db
    .select({ n: count() })
    .from(stockPurchases)
    .where(
      and(
        eq(stockPurchases.provider, q.provider),
        eq(stockPurchases.bundleName, q.bundleName),
        eq(stockPurchases.status, "started"),
        gt(stockPurchases.startedAt, q.since),
      ),
    );
  return { orders: customers?.n ?? 0, prebuys: prebuys?.n ?? 0 };
}

export async function referencesTaken(db: Db, provider: string, references: string[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const [theirs, ours] = await Promise.all([
    db
      .select({ ref: providerPurchases.providerReference })
      .from(providerPurchases)
      .where(and(eq(providerPurchases.provider, provider), inArray(providerPurchases.providerReference, references))),
    db
      .select({ ref: stockPurchases.providerReference })
      .from(stockPurchases)
      .where(and(eq(stockPurchases.provider, provider), inArray(stockPurchases.providerReference, references))),
  ]);
  return new Set([...theirs, ...ours].map((r) => r.ref!));
}

interface LostPurchase {
  provider: EsimProvider;
  bundleName: string;
  status: string;
  startedAt: Date;
  /** The provider answered (a 5xx): "not found" is final at once. */
  answered: boolean;
  orderId?: string;
  label: string;
}

type LostAnswer =
  | { kind: "wait"; delayMs: number; reason: string }
  | Extract<UnknownAttemptResult, { kind: "found" } | { kind: "ambiguous" }>
  | { kind: "not_bought" };

/** Not found means "not bought" only once the provider cannot still be finishing it. */
export async function resolveLostAnswer(
  db: Db,
  p: LostPurchase,
  opts: {
    now: Date;
    inFlightGraceMs?: number;
    settleWindowMs: number;
    waitUntilSettled?: boolean;
    lookup: (alreadyLinked: (references: string[]) => Promise<Set<string>>) => Promise<UnknownAttemptResult>;
  },
): Promise<LostAnswer> {
  const now = opts.now.getTime();
  const graceMs = opts.inFlightGraceMs ?? purchaseTimeoutMs(p.provider) + 10_000;
  const settledAt = p.startedAt.getTime() + purchaseTimeoutMs(p.provider) + opts.settleWindowMs;
  if (opts.waitUntilSettled && now < settledAt)
    return { kind: "wait", delayMs: settledAt - now, reason: `${p.label} may still be finished by the provider` };
  const age = now - p.startedAt.getTime();
  if (p.status === "started" && age < graceMs)
    return { kind: "wait", delayMs: graceMs - age + 500, reason: "an earlier purchase attempt may still be in flight" };
  // Another in-flight purchase of the bundle could be the order we would find and wrongly take as this one.
  const inFlight = await purchasesInFlight(db, {
    provider: p.provider.name,
    bundleName: p.bundleName,
    since: new Date(now - graceMs),
    exceptOrderId: p.orderId,
  });
  if (inFlight.orders > 0)
    return { kind: "wait", delayMs: 2_000, reason: "another purchase of the same bundle is in flight" };
  if (inFlight.prebuys > 0)
    return { kind: "wait", delayMs: 2_000, reason: "a stock pre-buy of the same bundle is in flight" };

  const lookup = await opts.lookup((references) => referencesTaken(db, p.provider.name, references));
  if (lookup.kind !== "none") return lookup;
  if (!p.answered && now < settledAt)
    return {
      kind: "wait",
      delayMs: settledAt - now + 250,
      reason: `${p.label} got no answer; the provider may still finish it`,
    };
  return { kind: "not_bought" };
}

import type { CompareOptions, OrderFact, ProviderOrderFact, PurchaseFact, ReconcileFacts, SessionFact } from "../facts";

export const UNPAID = new Set(["pending_payment", "expired", "payment_failed"]);
export const ENDED_BUNDLE_STATES = new Set(["depleted", "expired", "revoked", "lapsed"]);
const BOUGHT = new Set(["succeeded", "linked"]);

export interface Context {
  facts: ReconcileFacts;
  options: CompareOptions;
  now: number;
  eventGrace: number;
  settled: (d: Date) => boolean;
  orderById: Map<string, OrderFact>;
  orderByPi: Map<string, OrderFact>;
  refundedByPi: Map<string, number>;
  purchasesByOrder: Map<string, PurchaseFact[]>;
  bought: (orderId: string) => boolean;
  paidSessions: SessionFact[];
  paidByOrder: Map<string, SessionFact[]>;
  ourReferences: Set<string>;
  providerByRef: Map<string, ProviderOrderFact>;
}

export function indexFacts(facts: ReconcileFacts, options: CompareOptions): Context {
  const now = options.now.getTime();
  const grace = options.graceMs ?? 15 * 60_000;
  const eventGrace = options.eventGraceMs ?? 5 * 60_000;
  const settled = (d: Date) => now - d.getTime() >= grace;

  const orderById = new Map(facts.orders.map((o) => [o.id, o]));
  const orderByPi = new Map(
    facts.orders.filter((o) => o.stripePaymentIntentId).map((o) => [o.stripePaymentIntentId!, o]),
  );
  const refundedByPi = new Map<string, number>();
  for (const r of facts.refunds)
    if (r.paymentIntent && r.status !== "failed" && r.status !== "canceled")
      refundedByPi.set(r.paymentIntent, (refundedByPi.get(r.paymentIntent) ?? 0) + r.amount);
  const purchasesByOrder = new Map<string, PurchaseFact[]>();
  for (const p of facts.purchases) purchasesByOrder.set(p.orderId, [...(purchasesByOrder.get(p.orderId) ?? []), p]);
  const bought = (orderId: string) => (purchasesByOrder.get(orderId) ?? []).some((p) => BOUGHT.has(p.status));
  const paidSessions = facts.sessions.filter((s) => s.paymentStatus === "paid");
  const paidByOrder = new Map<string, SessionFact[]>();
  for (const s of paidSessions) if (s.orderId) paidByOrder.set(s.orderId, [...(paidByOrder.get(s.orderId) ?? []), s]);

  const ourReferences = new Set(facts.purchases.filter((p) => p.reference).map((p) => `${p.provider}:${p.reference}`));
  const providerByRef = new Map(facts.providerOrders.map((p) => [`${p.provider}:${p.reference}`, p]));

  return {
    facts,
    options,
    now,
    eventGrace,
    settled,
    orderById,
    orderByPi,
    refundedByPi,
    purchasesByOrder,
    bought,
    paidSessions,
    paidByOrder,
    ourReferences,
    providerByRef,
  };
}

export function ago(now: number, d: Date): string {
  const minutes = Math.round((now - d.getTime()) / 60_000);
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

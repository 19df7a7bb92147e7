// The reconcile's rules, one per kind of mismatch, over facts indexed once. Pure: the facts come in, the
// mismatches go out. Over 300 lines on purpose: seven short rules that share one index read best together.
import type { Mismatch } from "./kinds";
import type {
  CompareOptions,
  OrderFact,
  ProviderOrderFact,
  PurchaseFact,
  ReconcileFacts,
  SessionFact,
  TopupFact,
} from "./compare";

const UNPAID = new Set(["pending_payment", "expired", "payment_failed"]);
/** eSIM Go bundleState values after which the bundle can no longer be used (compared lower-case). */
const ENDED_BUNDLE_STATES = new Set(["depleted", "expired", "revoked", "lapsed"]);
const BOUGHT = new Set(["succeeded", "linked"]);

/** The facts, indexed once for every rule. */
interface Context {
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

/** A paid Checkout Session: a top-up never credited, or an order not found, paid twice, mischarged or never bought (the first that applies). */
export function paidSessionMismatches(ctx: Context): Mismatch[] {
  const { facts, now, settled, orderById, refundedByPi, bought, paidSessions } = ctx;
  const out: Mismatch[] = [];
  for (const s of paidSessions) {
    const amount = s.amountTotal ?? 0;
    const currency = (s.currency ?? "").toUpperCase();
    // A reseller's top-up buys ledger credit, not an eSIM: it must be credited, never refunded as an orphan.
    if (s.partnerTopup) {
      if (!facts.creditedTopups?.has(s.id) && settled(s.created))
        out.push({
          kind: "topup_not_credited",
          key: `topup_not_credited:${s.id}`,
          orderId: null,
          reference: s.id,
          amountMinor: amount,
          currency,
          summary: `Partner ${s.partnerTopup} paid a top-up (${s.id}) that its ledger never credited.`,
          repair: "credit_topup",
          at: s.created,
        });
      continue;
    }
    const order = s.orderId ? orderById.get(s.orderId) : undefined;
    const refunded = s.paymentIntent ? (refundedByPi.get(s.paymentIntent) ?? 0) : 0;
    if (refunded >= amount && amount > 0) continue;
    if (!order) {
      if (settled(s.created))
        out.push({
          kind: "paid_not_bought",
          key: `paid_not_bought:${s.id}`,
          orderId: s.orderId,
          reference: s.id,
          amountMinor: amount,
          currency,
          summary: `Paid Checkout Session ${s.id} names ${s.orderId ? `order ${s.orderId}, which we do not have` : "no order"}.`,
          repair: "refund_session",
          at: s.created,
        });
      continue;
    }
    // A second paid session for an order that already has its own: the customer paid twice.
    if (order.stripeCheckoutSessionId && order.stripeCheckoutSessionId !== s.id) {
      out.push({
        kind: "bought_twice",
        key: `bought_twice:${s.id}`,
        orderId: order.id,
        reference: s.id,
        amountMinor: amount,
        currency,
        summary: `Order ${order.id} was paid by ${order.stripeCheckoutSessionId} and again by ${s.id}.`,
        repair: "refund_session",
        at: s.created,
      });
      continue;
    }
    if (amount !== order.amountMinor || currency !== order.currency.toUpperCase()) {
      out.push({
        kind: "amount_mismatch",
        key: `amount_mismatch:${s.id}`,
        orderId: order.id,
        reference: s.id,
        amountMinor: amount,
        currency,
        summary: `Charged ${amount} ${currency} for order ${order.id}, priced ${order.amountMinor} ${order.currency}.`,
        repair: "refund_order",
        at: s.created,
      });
      continue;
    }
    if (order.status === "refunded" || order.refundedAt) continue;
    if (!bought(order.id) && settled(s.created)) {
      out.push({
        kind: "paid_not_bought",
        key: `paid_not_bought:${s.id}`,
        orderId: order.id,
        reference: s.id,
        amountMinor: amount,
        currency,
        summary: `Order ${order.id} was paid ${ago(now, s.created)} and is ${order.status}; nothing was bought.`,
        repair: UNPAID.has(order.status) ? "apply_payment" : order.status === "failed" ? "refund_order" : "retry",
        at: s.created,
      });
    }
  }

  return out;
}

/** An order's provider purchases: more than one, or one for an order nobody paid. */
export function purchaseMismatches(ctx: Context): Mismatch[] {
  const { options, orderById, purchasesByOrder, paidByOrder, providerByRef } = ctx;
  const out: Mismatch[] = [];
  for (const [orderId, rows] of purchasesByOrder) {
    const order = orderById.get(orderId);
    const refs = [...new Set(rows.filter((r) => r.reference && r.status !== "failed").map((r) => r.reference!))];
    // A failed attempt whose reference the provider lists as a real order also counts as bought.
    for (const r of rows)
      if (
        r.reference &&
        r.status === "failed" &&
        providerByRef.has(`${r.provider}:${r.reference}`) &&
        !refs.includes(r.reference)
      )
        refs.push(r.reference);
    const money = (ref: string) => providerByRef.get(`${rows[0]!.provider}:${ref}`);
    if (refs.length > 1) {
      const extra = refs.slice(1).map(money);
      out.push({
        kind: "bought_twice",
        key: `bought_twice:${orderId}:${refs.join(",")}`,
        orderId,
        reference: refs.join(", "),
        amountMinor: extra.reduce((sum, p) => sum + (p?.totalMinor ?? 0), 0),
        currency: extra[0]?.currency ?? order?.currency ?? "USD",
        summary: `Order ${orderId} has ${refs.length} provider purchases: ${refs.join(", ")}.`,
        repair: "acknowledge",
        at: order?.createdAt ?? options.now,
      });
    }
    if (order && refs.length > 0 && UNPAID.has(order.status) && !paidByOrder.has(orderId)) {
      const p = money(refs[0]!);
      out.push({
        kind: "bought_not_paid",
        key: `bought_not_paid:${orderId}`,
        orderId,
        reference: refs[0]!,
        amountMinor: p?.totalMinor ?? 0,
        currency: p?.currency ?? order.currency,
        summary: `Provider order ${refs[0]} was bought for order ${orderId}, which is ${order.status}.`,
        repair: "acknowledge",
        at: order.createdAt,
      });
    }
  }

  return out;
}

/** A refund for an order whose eSIM was delivered and can still be used. */
export function refundedButDelivered(ctx: Context): Mismatch[] {
  const { facts, orderByPi } = ctx;
  const out: Mismatch[] = [];
  for (const r of facts.refunds) {
    if (r.status === "failed" || r.status === "canceled" || !r.paymentIntent) continue;
    const order = orderByPi.get(r.paymentIntent);
    if (!order || !["delivered", "installed"].includes(order.status)) continue;
    // Only while the eSIM can still be used: a bundle the provider reports used up or ended costs nothing more.
    const state = order.bundleState?.toLowerCase() ?? null;
    if (state && ENDED_BUNDLE_STATES.has(state)) continue;
    out.push({
      kind: "refunded_but_delivered",
      key: `refunded_but_delivered:${r.id}`,
      orderId: order.id,
      reference: r.id,
      amountMinor: r.amount,
      currency: r.currency.toUpperCase(),
      summary: `Refund ${r.id} gave back ${r.amount} ${r.currency.toUpperCase()} for order ${order.id}, whose eSIM was delivered and is ${state ? `${state} at the provider` : "not known to have ended"}.`,
      advice:
        "If the refund was a goodwill gesture, acknowledge it. If the customer should not keep the data, revoke the bundle in the provider's portal, then acknowledge.",
      repair: "acknowledge",
      at: r.created,
    });
  }

  return out;
}

/** An eSIM that exists but whose delivery email never went out. */
export function deliveredNotEmailed(ctx: Context): Mismatch[] {
  const { facts, settled } = ctx;
  const out: Mismatch[] = [];
  for (const o of facts.orders) {
    if (!o.hasEsim || !o.email || o.emailSentAt || o.refundedAt) continue;
    if (["refunded", "failed"].includes(o.status)) continue;
    if (o.status !== "delivered" && !settled(o.updatedAt)) continue;
    out.push({
      kind: "delivered_not_emailed",
      key: `delivered_not_emailed:${o.id}`,
      orderId: o.id,
      reference: null,
      amountMinor: o.amountMinor,
      currency: o.currency,
      summary: `Order ${o.id} has its eSIM but no delivery email went to ${o.email} (${o.status}).`,
      repair: o.status === "delivered" || o.status === "installed" ? "resend_email" : "retry",
      at: o.updatedAt,
    });
  }

  return out;
}

/** A provider order that is in no purchase of ours. */
export function unlinkedProviderOrders(ctx: Context): Mismatch[] {
  const { facts, settled, ourReferences } = ctx;
  const out: Mismatch[] = [];
  for (const p of facts.providerOrders) {
    if (ourReferences.has(`${p.provider}:${p.reference}`)) continue;
    if (!settled(p.createdAt)) continue;
    out.push({
      kind: "unlinked_provider_order",
      key: `unlinked_provider_order:${p.provider}:${p.reference}`,
      orderId: null,
      reference: p.reference,
      amountMinor: p.totalMinor,
      currency: p.currency,
      summary: `${p.provider} order ${p.reference} (${p.items.join(", ")}) is in no purchase of ours.`,
      advice:
        p.provider === "zendit"
          ? "Nobody in the shop bought this. Check who else uses the Zendit API key; if the eSIM is unused, ask Zendit to refund the purchase, then acknowledge."
          : "Nobody in the shop bought this. Check who else uses the eSIM Go API key; if the bundle is unused, revoke it at eSIM Go (refunded to the balance within ~60 days), then acknowledge.",
      repair: "acknowledge",
      at: p.createdAt,
    });
  }

  return out;
}

/** An Issuing charge on our cards that no top-up of ours accounts for. */
export function unmatchedIssuingSpends(ctx: Context): Mismatch[] {
  const { facts, settled } = ctx;
  const out: Mismatch[] = [];
  const topupsByCard = new Map<string, TopupFact[]>();
  for (const t of facts.topups ?? [])
    if (t.cardId) topupsByCard.set(t.cardId, [...(topupsByCard.get(t.cardId) ?? []), t]);
  // Each top-up accounts for one charge: the authorization it recorded, or (without a real-time endpoint,
  // which records it) the first charge of its amount on its card.
  const accounted = new Set<string>();
  const spends = [...(facts.issuingSpends ?? [])].sort((x, y) => x.created.getTime() - y.created.getTime());
  for (const t of facts.topups ?? []) if (t.authorizationId) accounted.add(t.id);
  for (const a of spends) {
    const candidates = topupsByCard.get(a.cardId) ?? [];
    const sameMoney = (t: TopupFact) =>
      t.amountMinor === a.amount && t.currency.toLowerCase() === a.currency.toLowerCase();
    // An open top-up is still finishing; a stalled one is in the attention queue.
    const live = (t: TopupFact) => t.status === "succeeded" || t.status === "open";
    const matched =
      candidates.find((t) => t.authorizationId === a.id && sameMoney(t) && live(t)) ??
      candidates.find((t) => !t.authorizationId && !accounted.has(t.id) && t.status === "succeeded" && sameMoney(t));
    if (matched) {
      accounted.add(matched.id);
      continue;
    }
    if (!settled(a.created)) continue;
    const topup = candidates[0];
    const card = `card ${a.cardId}${a.cardLast4 ? ` •••• ${a.cardLast4}` : ""}`;
    const why = !topup
      ? `no top-up of ours used ${card}`
      : topup.status === "failed"
        ? `top-up ${topup.id} on ${card} is recorded as failed, yet the card was charged`
        : !sameMoney(topup)
          ? `top-up ${topup.id} on ${card} was for ${topup.amountMinor} ${topup.currency.toUpperCase()}`
          : `top-up ${topup.id} on ${card} was already paid by ${topup.authorizationId ? `authorization ${topup.authorizationId}` : "an earlier charge"}`;
    const currency = a.currency.toUpperCase();
    out.push({
      kind: "issuing_spend_unmatched",
      key: `issuing_spend_unmatched:${a.id}`,
      orderId: null,
      reference: a.id,
      amountMinor: a.amount,
      currency,
      summary: `Issuing authorization ${a.id} paid ${a.amount} ${currency} (minor units) at ${a.merchant ?? "an unknown merchant"}: ${why}.`,
      advice:
        a.cardStatus === "canceled"
          ? topup?.status === "failed"
            ? `The card is canceled. Check the ${topup.provider} wallet for a credit of this amount: if it arrived, the top-up did happen; if not, dispute the authorization in Stripe. Then acknowledge.`
            : "The card is canceled, so it cannot be charged again. Find out who had its details; if the charge is not the shop's, dispute it in Stripe. Then acknowledge."
          : "Cancel the card first so it cannot be charged again, then find out who had its details and dispute the charge in Stripe if it is not the shop's.",
      repair: a.cardStatus === "canceled" ? "acknowledge" : "cancel_card",
      cardId: a.cardId,
      at: a.created,
    });
  }

  return out;
}

/** A Stripe event our webhook never recorded. */
export function undeliveredEvents(ctx: Context): Mismatch[] {
  const { facts, now, eventGrace } = ctx;
  const out: Mismatch[] = [];
  for (const e of facts.events) {
    if (facts.receivedEventIds.has(e.id) || now - e.created.getTime() < eventGrace) continue;
    out.push({
      kind: "event_not_delivered",
      key: `event_not_delivered:${e.id}`,
      orderId: e.orderId,
      reference: e.id,
      amountMinor: e.amountMinor ?? 0,
      currency: (e.currency ?? "usd").toUpperCase(),
      summary: `Stripe event ${e.id} (${e.type}) from ${ago(now, e.created)} never reached our webhook.`,
      repair: "process_event",
      at: e.created,
    });
  }

  return out;
}

function ago(now: number, d: Date): string {
  const minutes = Math.round((now - d.getTime()) / 60_000);
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

// Read-only.
import { and, eq, gte, inArray, lte, or } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db } from "@/lib/db";
import {
  esims,
  esimUsage,
  issuingCardholders,
  ledgerTransactions,
  orders,
  providerPurchases,
  stripeEvents,
  walletTopups,
} from "@/lib/db/schema";
import { env } from "@/lib/env";
import { stripe } from "@/lib/payments/stripe";
import { providerFor } from "@/lib/providers";
import { TOPUP_METADATA_KEY } from "@/lib/partners/balance-topups";
import type {
  EventFact,
  IssuingSpendFact,
  OrderFact,
  ProviderOrderFact,
  ReconcileFacts,
  RefundFact,
  SessionFact,
  TopupFact,
} from "./facts";

export const WATCHED_EVENTS = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
];

export interface Window {
  from: Date;
  to: Date;
}

const sec = (d: Date) => Math.floor(d.getTime() / 1000);
const inWindow = (w: Window, d: Date) => d >= w.from && d <= w.to;

async function listAll<T>(list: AsyncIterable<T>, max = 10_000): Promise<T[]> {
  const out: T[] = [];
  for await (const item of list) {
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : (v?.id ?? null));

async function stripeSessions(w: Window): Promise<SessionFact[]> {
  const created = { gte: sec(w.from), lte: sec(w.to) };
  const rows = await listAll(stripe().checkout.sessions.list({ created, limit: 100 }));
  return rows
    .map((s: Stripe.Checkout.Session) => ({
      id: s.id,
      orderId: s.metadata?.order_id || s.client_reference_id || null,
      paymentStatus: s.payment_status,
      amountTotal: s.amount_total,
      currency: s.currency,
      paymentIntent: idOf(s.payment_intent),
      created: new Date(s.created * 1000),
      partnerTopup: s.metadata?.[TOPUP_METADATA_KEY] || null,
    }))
    .filter((s) => inWindow(w, s.created));
}

async function stripeRefunds(w: Window): Promise<RefundFact[]> {
  const rows = await listAll(stripe().refunds.list({ created: { gte: sec(w.from), lte: sec(w.to) }, limit: 100 }));
  return rows
    .map((r: Stripe.Refund) => ({
      id: r.id,
      paymentIntent: idOf(r.payment_intent),
      amount: r.amount,
      currency: r.currency,
      status: r.status,
      created: new Date(r.created * 1000),
    }))
    .filter((r) => inWindow(w, r.created));
}

async function stripeEventFacts(w: Window): Promise<EventFact[]> {
  const rows = await listAll(
    stripe().events.list({ types: WATCHED_EVENTS, created: { gte: sec(w.from), lte: sec(w.to) }, limit: 100 }),
  );
  return rows
    .filter((e) => WATCHED_EVENTS.includes(e.type))
    .map((e: Stripe.Event) => {
      const obj = e.data.object as {
        metadata?: Record<string, string> | null;
        client_reference_id?: string | null;
        amount_total?: number | null;
        amount?: number | null;
        currency?: string | null;
      };
      return {
        id: e.id,
        type: e.type,
        created: new Date(e.created * 1000),
        orderId: obj.metadata?.order_id || obj.client_reference_id || null,
        amountMinor: obj.amount_total ?? obj.amount ?? null,
        currency: obj.currency ?? null,
      };
    })
    .filter((e) => inWindow(w, e.created));
}

export function esimGoOrders(w: Window): Promise<ProviderOrderFact[]> {
  return providerFor("esim-go").ownOrders(w);
}

export function zenditInUse(): boolean {
  const e = env();
  return e.providers.includes("zendit") || e.zendit.mode === "live";
}

/** Failed purchases hold no money. */
export function zenditPurchases(w: Window): Promise<ProviderOrderFact[]> {
  return providerFor("zendit").ownOrders(w);
}

async function issuingFacts(db: Db, w: Window): Promise<{ issuingSpends: IssuingSpendFact[]; topups: TopupFact[] }> {
  const [holders, recent] = await Promise.all([
    db.select({ id: issuingCardholders.cardholderId }).from(issuingCardholders),
    db.select({ id: walletTopups.id }).from(walletTopups).where(gte(walletTopups.createdAt, w.from)).limit(1),
  ]);
  // A live Stripe account may not have Issuing.
  if (holders.length === 0 && recent.length === 0 && env().funding.zendit !== "issuing")
    return { issuingSpends: [], topups: [] };
  const rows = await listAll(
    stripe().issuing.authorizations.list({ created: { gte: sec(w.from), lte: sec(w.to) }, limit: 100 }),
  );
  const approved = rows.filter((a) => a.approved && inWindow(w, new Date(a.created * 1000)));
  const cardIds = [...new Set(approved.map((a) => a.card.id))];
  const topups = cardIds.length
    ? await db.select().from(walletTopups).where(inArray(walletTopups.cardId, cardIds))
    : [];
  const ourHolders = new Set(holders.map((h) => h.id));
  const topupCards = new Map(topups.map((t) => [t.cardId!, t]));
  const ours = approved.filter((a) => topupCards.has(a.card.id) || ourHolders.has(idOf(a.card.cardholder) ?? ""));
  const status = new Map<string, string>();
  for (const id of new Set(ours.map((a) => a.card.id))) {
    const t = topupCards.get(id);
    status.set(id, t?.cardCanceledAt ? "canceled" : (await stripe().issuing.cards.retrieve(id)).status);
  }
  return {
    issuingSpends: ours.map((a) => ({
      id: a.id,
      cardId: a.card.id,
      cardLast4: a.card.last4 ?? null,
      cardStatus: status.get(a.card.id) ?? a.card.status,
      amount: a.amount,
      currency: a.currency,
      merchant: a.merchant_data?.name ?? null,
      created: new Date(a.created * 1000),
    })),
    topups: topups.map((t) => ({
      id: t.id,
      provider: t.provider,
      status: t.status,
      cardId: t.cardId,
      authorizationId: t.authorizationId,
      amountMinor: t.amountMinor,
      currency: t.currency,
      createdAt: t.createdAt,
    })),
  };
}

async function ourFacts(
  db: Db,
  w: Window,
  named: { orderIds: string[]; paymentIntents: string[]; references: string[]; eventIds: string[] },
): Promise<Pick<ReconcileFacts, "orders" | "purchases" | "receivedEventIds">> {
  const byRef = named.references.length
    ? await db
        .select({ orderId: providerPurchases.orderId })
        .from(providerPurchases)
        .where(inArray(providerPurchases.providerReference, named.references))
    : [];
  const ids = [...new Set([...named.orderIds, ...byRef.map((r) => r.orderId)])];
  const conditions = [and(gte(orders.createdAt, w.from), lte(orders.createdAt, w.to))];
  if (ids.length) conditions.push(inArray(orders.id, ids));
  if (named.paymentIntents.length) conditions.push(inArray(orders.stripePaymentIntentId, named.paymentIntents));
  const rows = await db
    .select()
    .from(orders)
    .where(or(...conditions));
  const orderIds = rows.map((o) => o.id);
  const [purchases, issued, received] = await Promise.all([
    orderIds.length
      ? db.select().from(providerPurchases).where(inArray(providerPurchases.orderId, orderIds))
      : Promise.resolve([]),
    orderIds.length
      ? db
          .select({ orderId: esims.orderId, bundleState: esimUsage.bundleState })
          .from(esims)
          .leftJoin(esimUsage, eq(esimUsage.iccid, esims.iccid))
          .where(inArray(esims.orderId, orderIds))
      : Promise.resolve([]),
    named.eventIds.length
      ? db.select({ id: stripeEvents.id }).from(stripeEvents).where(inArray(stripeEvents.id, named.eventIds))
      : Promise.resolve([]),
  ]);
  const withEsim = new Map(issued.map((e) => [e.orderId, e.bundleState]));
  const facts: OrderFact[] = rows.map((o) => ({
    id: o.id,
    status: o.status,
    amountMinor: o.amountMinor,
    currency: o.currency,
    email: o.email,
    stripeCheckoutSessionId: o.stripeCheckoutSessionId,
    stripePaymentIntentId: o.stripePaymentIntentId,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    paidAt: o.paidAt,
    emailSentAt: o.emailSentAt,
    refundedAt: o.refundedAt,
    hasEsim: withEsim.has(o.id),
    bundleState: withEsim.get(o.id) ?? null,
  }));
  return {
    orders: facts,
    purchases: purchases.map((p) => ({
      orderId: p.orderId,
      provider: p.provider,
      attempt: p.attempt,
      status: p.status,
      reference: p.providerReference,
    })),
    receivedEventIds: new Set(received.map((r) => r.id)),
  };
}

export async function gatherFacts(db: Db, w: Window): Promise<ReconcileFacts> {
  const [sessions, refunds, events, esimGo, zendit, issuing] = await Promise.all([
    stripeSessions(w),
    stripeRefunds(w),
    stripeEventFacts(w),
    esimGoOrders(w),
    zenditInUse() ? zenditPurchases(w) : Promise.resolve([]),
    issuingFacts(db, w),
  ]);
  const providerOrders = [...esimGo, ...zendit];
  const ours = await ourFacts(db, w, {
    orderIds: [...sessions.map((s) => s.orderId), ...events.map((e) => e.orderId)].filter((x): x is string => !!x),
    paymentIntents: [...sessions.map((s) => s.paymentIntent), ...refunds.map((r) => r.paymentIntent)].filter(
      (x): x is string => !!x,
    ),
    references: providerOrders.map((p) => p.reference),
    eventIds: events.map((e) => e.id),
  });
  const creditedTopups = await creditedTopupSessions(
    db,
    sessions.filter((s) => s.partnerTopup).map((s) => s.id),
  );
  return { sessions, refunds, events, providerOrders, ...ours, ...issuing, creditedTopups };
}

async function creditedTopupSessions(db: Db, sessionIds: string[]): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const rows = await db
    .select({ reference: ledgerTransactions.reference })
    .from(ledgerTransactions)
    .where(
      inArray(
        ledgerTransactions.reference,
        sessionIds.map((id) => `topup:${id}`),
      ),
    );
  return new Set(rows.map((r) => r.reference.slice("topup:".length)));
}

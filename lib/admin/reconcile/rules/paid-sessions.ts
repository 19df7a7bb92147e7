import type { Mismatch } from "../kinds";
import { type Context, UNPAID, ago } from "./context";

export function paidSessionMismatches(ctx: Context): Mismatch[] {
  const { facts, now, settled, orderById, refundedByPi, bought, paidSessions } = ctx;
  const out: Mismatch[] = [];
  for (const s of paidSessions) {
    const amount = s.amountTotal ?? 0;
    const currency = (s.currency ?? "").toUpperCase();
    // A reseller's top-up buys ledger credit: it must be credited, never refunded as an orphan.
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

// What a Stripe payment or refund means for an order: pure decisions, unit-tested, applied by the webhook
// handlers (and the success page) inside the transaction that holds the order's row lock.
import type { OrderStatus } from "@/lib/orders/lifecycle";

export interface OrderFacts {
  status: OrderStatus;
  amountMinor: number;
  currency: string;
  stripeCheckoutSessionId: string | null;
  deliveredAt: Date | null;
}

export interface PaidSessionFacts {
  id: string;
  paymentStatus: string;
  amountTotal: number | null;
  currency: string | null;
}

export type PaidDecision =
  /** Move to `paid` and queue fulfilment. */
  | { kind: "mark_paid" }
  /** Money arrived but not what the order says: park it, buy nothing. */
  | {
      kind: "needs_attention";
      reason: "amount_mismatch" | "session_mismatch" | "paid_after_payment_failed";
      detail: string;
    }
  /** Already paid (a second event for the same payment, or the success page after the webhook). */
  | { kind: "already_paid" }
  /** Not paid yet (delayed payment methods): wait for async_payment_succeeded. */
  | { kind: "not_paid" };

export function decidePaidSession(order: OrderFacts, session: PaidSessionFacts): PaidDecision {
  if (session.paymentStatus !== "paid") return { kind: "not_paid" };
  if (order.status !== "pending_payment" && order.status !== "expired" && order.status !== "payment_failed")
    return { kind: "already_paid" };
  if (order.stripeCheckoutSessionId && order.stripeCheckoutSessionId !== session.id) {
    return {
      kind: "needs_attention",
      reason: "session_mismatch",
      detail: `paid session ${session.id} is not the order's session ${order.stripeCheckoutSessionId}`,
    };
  }
  const currency = (session.currency ?? "").toUpperCase();
  if (session.amountTotal !== order.amountMinor || currency !== order.currency.toUpperCase()) {
    return {
      kind: "needs_attention",
      reason: "amount_mismatch",
      detail: `paid ${session.amountTotal ?? "?"} ${currency || "?"}, order is ${order.amountMinor} ${order.currency.toUpperCase()}`,
    };
  }
  if (order.status === "payment_failed") {
    return {
      kind: "needs_attention",
      reason: "paid_after_payment_failed",
      detail: "a payment succeeded after Stripe reported it failed",
    };
  }
  // pending_payment, or expired: Stripe does not complete expired sessions, but if the customer was charged
  // we owe them the eSIM.
  return { kind: "mark_paid" };
}

export interface RefundFacts {
  /** The charge is refunded in full. */
  fullyRefunded: boolean;
  amountRefunded: number;
}

export type RefundDecision =
  /** failed / needs_attention → refunded (our own refund, or an admin's from the dashboard); delivered /
   *  installed → refunded (a full refund after delivery is its own state, not "delivered"). */
  | { kind: "mark_refunded" }
  /** Refunded from the dashboard while we were still fulfilling: stop, fail, mark refunded. */
  | { kind: "stop_and_mark_refunded" }
  /** A partial refund: the order keeps its status; record the money only. */
  | { kind: "record_only"; note: string }
  | { kind: "already_refunded" };

export function decideRefund(order: Pick<OrderFacts, "status">, refund: RefundFacts): RefundDecision {
  if (!refund.fullyRefunded)
    return { kind: "record_only", note: `partial refund: ${refund.amountRefunded} refunded so far` };
  switch (order.status) {
    case "failed":
    case "needs_attention":
    case "delivered":
    case "installed":
      return { kind: "mark_refunded" };
    case "paid":
    case "provisioning":
      return { kind: "stop_and_mark_refunded" };
    case "refunded":
      return { kind: "already_refunded" };
    default:
      return { kind: "record_only", note: `refund for an order in status ${order.status}` };
  }
}

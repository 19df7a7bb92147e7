// Pure decisions, applied by the handlers inside the transaction holding the order's row lock.
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
  | { kind: "mark_paid" }
  | {
      kind: "needs_attention";
      reason: "amount_mismatch" | "session_mismatch" | "paid_after_payment_failed";
      detail: string;
    }
  | { kind: "already_paid" }
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
  // Stripe does not complete expired sessions, but if the customer was charged we owe them the eSIM.
  return { kind: "mark_paid" };
}

export interface RefundFacts {
  fullyRefunded: boolean;
  amountRefunded: number;
}

export type RefundDecision =
  | { kind: "mark_refunded" }
  | { kind: "stop_and_mark_refunded" }
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

// Row locked, decision made, order marked paid and its job queued: all or nothing, in the caller's transaction.
import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { normaliseEmail } from "@/lib/orders/customers";
import { lockOrder, recordStep, transition, type OrderStatus } from "@/lib/orders/lifecycle";
import { enqueue } from "@/lib/jobs/queue";
import { decidePaidSession, type PaidDecision } from "./decide";

export interface PaidResult {
  orderId: string | null;
  decision: PaidDecision["kind"] | "unknown_order";
  kick: boolean;
}

export function orderIdOfSession(
  session: Pick<Stripe.Checkout.Session, "metadata" | "client_reference_id">,
): string | null {
  return session.metadata?.order_id || session.client_reference_id || null;
}

export async function applyPaidSession(tx: Tx, session: Stripe.Checkout.Session, via: string): Promise<PaidResult> {
  const orderId = orderIdOfSession(session);
  const order = orderId ? await lockOrder(tx, orderId) : undefined;
  if (!order) return { orderId: null, decision: "unknown_order", kick: false };

  const decision = decidePaidSession(
    {
      status: order.status as OrderStatus,
      amountMinor: order.amountMinor,
      currency: order.currency,
      stripeCheckoutSessionId: order.stripeCheckoutSessionId,
      deliveredAt: order.deliveredAt,
    },
    {
      id: session.id,
      paymentStatus: session.payment_status,
      amountTotal: session.amount_total,
      currency: session.currency,
    },
  );
  if (decision.kind === "already_paid") return { orderId: order.id, decision: decision.kind, kick: false };
  if (decision.kind === "not_paid") {
    await recordStep(
      tx,
      order.id,
      "payment.pending",
      { via, session: session.id, paymentStatus: session.payment_status },
      "note",
    );
    return { orderId: order.id, decision: decision.kind, kick: false };
  }

  const email = session.customer_details?.email ?? session.customer_email ?? order.email;
  const paymentIntent =
    typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
  const set = {
    email: email ? normaliseEmail(email) : null,
    stripePaymentIntentId: paymentIntent,
    stripeCheckoutSessionId: order.stripeCheckoutSessionId ?? session.id,
  };

  if (decision.kind === "needs_attention") {
    await transition(tx, order.id, "needs_attention", {
      from: [order.status as OrderStatus],
      set: { ...set, attentionReason: decision.reason, paidAt: new Date() },
      detail: { via, reason: decision.reason, message: decision.detail, session: session.id },
    });
    // With this attention reason the job only alerts an admin; it buys nothing.
    await enqueue(tx, "fulfil", order.id);
    return { orderId: order.id, decision: decision.kind, kick: true };
  }

  await transition(tx, order.id, "paid", {
    from: [order.status as OrderStatus],
    set,
    detail: { via, session: session.id, paymentIntent, amountMinor: session.amount_total, currency: session.currency },
  });
  await enqueue(tx, "fulfil", order.id);
  return { orderId: order.id, decision: decision.kind, kick: true };
}

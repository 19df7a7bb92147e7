// Applying a paid Checkout Session to its order: the one transition shared by the webhook
// (checkout.session.completed / async_payment_succeeded) and the success page's own check. Runs inside the
// caller's transaction: the order row is locked, the decision made, and the order marked paid with its
// fulfilment job queued — all or nothing.
import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { normaliseEmail } from "@/lib/orders/customers";
import { lockOrder, recordStep, transition, type OrderStatus } from "@/lib/orders/lifecycle";
import { enqueue } from "@/lib/jobs/queue";
import { decidePaidSession, type PaidDecision } from "./decide";

export interface PaidResult {
  orderId: string | null;
  decision: PaidDecision["kind"] | "unknown_order";
  /** Work was queued: the caller should wake the worker after committing. */
  kick: boolean;
}

/** Our order id for a session: metadata first (set by us), then client_reference_id. */
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
    // `from`: the status read under this transaction's lock (lockOrder), so the move is one plain UPDATE.
    await transition(tx, order.id, "needs_attention", {
      from: [order.status as OrderStatus],
      set: { ...set, attentionReason: decision.reason, paidAt: new Date() },
      detail: { via, reason: decision.reason, message: decision.detail, session: session.id },
    });
    // The job only alerts an admin (durably); with this attention reason it buys nothing.
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

// One refund per order: the key `refund/<orderId>` returns the first refund, and a charge already refunded in
// full counts as done.
import { eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db } from "@/lib/db";
import { orders, type Order } from "@/lib/db/schema";
import { InvalidTransitionError, recordStep, transition } from "@/lib/orders/lifecycle";
import { paymentOwners } from "./owners";
import { stripe } from "./stripe";

export class RefundImpossibleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefundImpossibleError";
  }
}

export async function refundOrder(db: Db, orderId: string): Promise<Order> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw new RefundImpossibleError(`order ${orderId} not found`);
  if (order.status === "refunded") return order;
  // A reseller's order is refunded by its owner, not to a card.
  if (!order.stripePaymentIntentId)
    for (const owner of paymentOwners()) {
      const refunded = await owner.refundOrder(db, order);
      if (refunded) return refunded;
    }
  if (order.status !== "failed") throw new RefundImpossibleError(`order ${orderId} is ${order.status}, not failed`);
  if (!order.stripePaymentIntentId) throw new RefundImpossibleError(`order ${orderId} has no payment to refund`);

  let refund: { id: string | null; amount: number };
  try {
    const created = await stripe().refunds.create(
      { payment_intent: order.stripePaymentIntentId, metadata: { order_id: order.id } },
      { idempotencyKey: `refund/${order.id}` },
    );
    if (created.status === "failed" || created.status === "canceled") {
      throw new RefundImpossibleError(
        `Stripe refund ${created.id} ended ${created.status}: ${created.failure_reason ?? "no reason given"}`,
      );
    }
    refund = { id: created.id, amount: created.amount };
  } catch (err) {
    if (!(err instanceof Stripe.errors.StripeError && err.code === "charge_already_refunded")) throw err;
    const existing = await stripe().refunds.list({ payment_intent: order.stripePaymentIntentId, limit: 100 });
    refund = {
      id: existing.data[0]?.id ?? null,
      amount: existing.data.reduce((sum, r) => sum + r.amount, 0) || order.amountMinor,
    };
  }

  try {
    return await transition(db, order.id, "refunded", {
      from: ["failed"],
      set: { refundId: refund.id, refundedMinor: refund.amount },
      detail: { refundId: refund.id, amountMinor: refund.amount },
    });
  } catch (err) {
    // The charge.refunded webhook for this very refund may have moved the order first.
    if (!(err instanceof InvalidTransitionError)) throw err;
    const [current] = await db
      .update(orders)
      .set({
        refundId: sql`coalesce(${orders.refundId}, ${refund.id})`,
        refundedMinor: sql`coalesce(${orders.refundedMinor}, ${refund.amount})`,
      })
      .where(eq(orders.id, order.id))
      .returning();
    if (current?.status !== "refunded") throw err;
    await recordStep(db, order.id, "refund.created", { refundId: refund.id, amountMinor: refund.amount });
    return current;
  }
}

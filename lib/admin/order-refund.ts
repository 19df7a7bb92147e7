import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { orders, type Order } from "@/lib/db/schema";
import { recordStep, transition, type OrderStatus } from "@/lib/orders/lifecycle";
import { enqueue } from "@/lib/jobs/queue";
import { kickWorker } from "@/lib/jobs/worker";
import { refundOrder } from "@/lib/payments/refunds";
import { stripe } from "@/lib/payments/stripe";
import type { Actor } from "./guard";
import { audited, done, noChange, refused, type ActionResult } from "./action-result";

// Stripe's key `refund/<orderId>` gives every caller the same refund; a row lock or conditional write makes
// one caller the refunder.
export function refundFull(db: Db, orderId: string, confirmation: string, actor: Actor): Promise<ActionResult> {
  return audited(db, actor, "order.refund", orderId, async () => {
    if (confirmation.trim() !== orderId) return refused("Type the order id exactly to confirm the refund.");
    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    if (!order) return refused("No such order.");
    if (order.status === "refunded" || order.refundedAt) return noChange("Already refunded.");
    if (!order.stripePaymentIntentId) return refused("This order has no payment to refund.");
    const status = order.status as OrderStatus;
    if (status === "delivered" || status === "installed") return refundDelivered(db, order, actor);
    if (!["paid", "provisioning", "needs_attention", "failed"].includes(status))
      return refused(`An order that is ${status} has nothing to refund.`);
    // The row stays locked through the Stripe call: a second click waits, then finds the order refunded.
    const result = await db.transaction(async (tx) => {
      const [locked] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
      if (!locked || locked.status === "refunded" || locked.refundedAt) return noChange("Already refunded.");
      if (locked.status !== "failed") {
        const from = ["paid", "provisioning", "needs_attention"];
        if (!from.includes(locked.status)) return refused(`An order that is ${locked.status} has nothing to refund.`);
        await transition(tx, orderId, "failed", {
          from: from as OrderStatus[],
          set: { failureReason: "Our support team refunded this order." },
          detail: { by: actor.email, reason: "admin refund" },
        });
      }
      const refunded = await refundOrder(tx as unknown as Db, orderId);
      return done(`Refunded ${refunded.refundedMinor ?? order.amountMinor} ${order.currency} (${refunded.refundId}).`);
    });
    if (result.outcome === "applied") {
      await enqueue(db, "fulfil", orderId, new Date());
      kickWorker();
    }
    return result;
  });
}

async function refundDelivered(db: Db, order: Order, actor: Actor): Promise<ActionResult> {
  const refund = await refundInFull(db, order, actor, "refunded after delivery; the eSIM stays with the customer");
  if (!refund) return noChange("Already refunded.");
  return done(`Refunded ${refund.amount} ${order.currency} (${refund.id}); the eSIM was already delivered.`);
}

export async function refundInFull(
  db: Db,
  order: Order,
  actor: Actor,
  note: string,
): Promise<{ id: string; amount: number } | null> {
  const created = await stripe().refunds.create(
    // Parameters identical for every admin: Stripe refuses a reused key with other parameters.
    { payment_intent: order.stripePaymentIntentId!, metadata: { order_id: order.id } },
    { idempotencyKey: `refund/${order.id}` },
  );
  const rows = await db
    .update(orders)
    .set({ refundId: created.id, refundedMinor: created.amount, refundedAt: new Date() })
    .where(and(eq(orders.id, order.id), isNull(orders.refundedAt)))
    .returning({ id: orders.id });
  if (rows.length === 0) return null;
  await recordStep(db, order.id, "refund.created", {
    refundId: created.id,
    amountMinor: created.amount,
    by: actor.email,
    note,
  });
  return { id: created.id, amount: created.amount };
}

// Before delivery a refund ends the order (nothing is bought for it); after, a full one refunds, a partial is noted.
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { orders } from "@/lib/db/schema";
import { lockOrder, recordStep, transition, type OrderStatus } from "@/lib/orders/lifecycle";
import { enqueue } from "@/lib/jobs/queue";
import { firstOwner } from "../owners";
import { decideRefund } from "../decide";
import { oweRefundNotice } from "../refund-notices";
import type { HandlerResult } from "./types";

export async function chargeRefunded(tx: Tx, event: Stripe.Event): Promise<HandlerResult> {
  const charge = event.data.object as Stripe.Charge;
  if (await firstOwner((o) => o.chargeRefunded(tx, charge))) return { orderId: null, kick: false };
  const paymentIntent =
    typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? null);
  let orderId: string | null = charge.metadata?.order_id || null;
  if (!orderId && paymentIntent) {
    const [row] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.stripePaymentIntentId, paymentIntent))
      .limit(1);
    orderId = row?.id ?? null;
  }
  const order = orderId ? await lockOrder(tx, orderId) : undefined;
  if (!order) return { orderId: null, kick: false };

  const noticeOwed = await oweRefundNotice(tx, order, charge);
  const via = `webhook ${event.id}`;
  const money = { refundedMinor: charge.amount_refunded };
  const decision = decideRefund(
    { status: order.status as OrderStatus },
    { fullyRefunded: charge.refunded, amountRefunded: charge.amount_refunded },
  );
  switch (decision.kind) {
    case "mark_refunded":
      await transition(tx, order.id, "refunded", {
        set: money,
        detail: { via, amountRefunded: charge.amount_refunded },
      });
      break;
    case "stop_and_mark_refunded":
      await transition(tx, order.id, "failed", {
        set: { failureReason: "The payment was refunded before the eSIM was delivered." },
        detail: { via, reason: "refunded_externally" },
      });
      await transition(tx, order.id, "refunded", {
        set: money,
        detail: { via, amountRefunded: charge.amount_refunded },
      });
      break;
    case "already_refunded":
      await tx.update(orders).set(money).where(eq(orders.id, order.id));
      await recordStep(tx, order.id, "refund.confirmed", { via, amountRefunded: charge.amount_refunded });
      break;
    case "record_only":
      await tx
        .update(orders)
        .set({ ...money, refundedAt: order.refundedAt ?? new Date() })
        .where(eq(orders.id, order.id));
      await recordStep(
        tx,
        order.id,
        "refund.recorded",
        { via, amountRefunded: charge.amount_refunded, note: decision.note },
        "note",
      );
      if (noticeOwed) await enqueue(tx, "fulfil", order.id);
      return { orderId: order.id, kick: noticeOwed };
  }
  const needsEmail = !order.deliveredAt && !order.refundEmailSentAt && decision.kind !== "already_refunded";
  if (needsEmail || noticeOwed) await enqueue(tx, "fulfil", order.id);
  return { orderId: order.id, kick: needsEmail || noticeOwed };
}

import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { lockOrder, recordStep, transition } from "@/lib/orders/lifecycle";
import { orderIdOfSession } from "../paid";
import type { HandlerResult } from "./types";

export async function checkoutSessionAsyncPaymentFailed(tx: Tx, event: Stripe.Event): Promise<HandlerResult> {
  const session = event.data.object as Stripe.Checkout.Session;
  const orderId = orderIdOfSession(session);
  const order = orderId ? await lockOrder(tx, orderId) : undefined;
  if (!order) return { orderId: null, kick: false };
  if (order.status === "pending_payment") {
    await transition(tx, order.id, "payment_failed", {
      from: ["pending_payment"],
      set: { failureReason: "Your payment did not go through." },
      detail: { via: `webhook ${event.id}`, session: session.id },
    });
  } else {
    await recordStep(
      tx,
      order.id,
      "payment.failed_ignored",
      { via: `webhook ${event.id}`, status: order.status },
      "note",
    );
  }
  return { orderId: order.id, kick: false };
}

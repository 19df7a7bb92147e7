// An expiry arriving after the order was paid (out of order) changes nothing.
import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { lockOrder, recordStep, transition } from "@/lib/orders/lifecycle";
import { orderIdOfSession } from "../paid";
import type { HandlerResult } from "./types";

export async function checkoutSessionExpired(tx: Tx, event: Stripe.Event): Promise<HandlerResult> {
  const session = event.data.object as Stripe.Checkout.Session;
  const orderId = orderIdOfSession(session);
  const order = orderId ? await lockOrder(tx, orderId) : undefined;
  if (!order) return { orderId: null, kick: false };
  const ours = !order.stripeCheckoutSessionId || order.stripeCheckoutSessionId === session.id;
  if (order.status === "pending_payment" && ours) {
    await transition(tx, order.id, "expired", {
      from: ["pending_payment"],
      detail: { via: `webhook ${event.id}`, session: session.id },
    });
  } else {
    await recordStep(
      tx,
      order.id,
      "checkout.expired_ignored",
      { via: `webhook ${event.id}`, status: order.status, session: session.id },
      "note",
    );
  }
  return { orderId: order.id, kick: false };
}

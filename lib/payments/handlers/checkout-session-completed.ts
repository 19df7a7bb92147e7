// Delayed methods answer `payment_status: "unpaid"` here and are settled by the async_payment_* events.
import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { firstOwner } from "../owners";
import { applyPaidSession, type PaidResult } from "../paid";
import { verifySessionDiscount } from "@/lib/promotions/verify";
import type { HandlerResult } from "./types";

export async function checkoutSessionCompleted(tx: Tx, event: Stripe.Event): Promise<HandlerResult> {
  const session = event.data.object as Stripe.Checkout.Session;
  if (await firstOwner((o) => o.sessionPaid(tx, session))) return { orderId: null, kick: false };
  const result = await applyPaidSession(tx, session, `webhook ${event.id}`);
  await checkDiscount(tx, result, session);
  return { orderId: result.orderId, kick: result.kick };
}

async function checkDiscount(tx: Tx, result: PaidResult, session: Stripe.Checkout.Session): Promise<void> {
  if (!result.orderId || (result.decision !== "mark_paid" && result.decision !== "needs_attention")) return;
  await verifySessionDiscount(tx, result.orderId, session);
}

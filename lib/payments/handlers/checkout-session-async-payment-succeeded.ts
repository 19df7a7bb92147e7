import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { firstOwner } from "../owners";
import { applyPaidSession } from "../paid";
import type { HandlerResult } from "./types";

export async function checkoutSessionAsyncPaymentSucceeded(tx: Tx, event: Stripe.Event): Promise<HandlerResult> {
  const session = event.data.object as Stripe.Checkout.Session;
  if (await firstOwner((o) => o.sessionPaid(tx, session))) return { orderId: null, kick: false };
  const result = await applyPaidSession(tx, session, `webhook ${event.id}`);
  return { orderId: result.orderId, kick: result.kick };
}

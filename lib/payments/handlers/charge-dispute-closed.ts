// Shop orders' disputes stay with the admin (the eSIM was delivered); only an owner elsewhere reacts.
import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { firstOwner } from "../owners";
import type { HandlerResult } from "./types";

export async function chargeDisputeClosed(tx: Tx, event: Stripe.Event): Promise<HandlerResult> {
  const dispute = event.data.object as Stripe.Dispute;
  await firstOwner((o) => o.disputeClosed(tx, dispute));
  return { orderId: null, kick: false };
}

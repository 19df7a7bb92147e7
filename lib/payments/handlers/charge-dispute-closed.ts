// charge.dispute.closed — a chargeback was decided. Only a payment owned elsewhere reacts (a reseller's top-up
// leaves its ledger when lost). Shop orders are unchanged: their disputes stay with the admin (the eSIM was
// delivered; there is nothing to undo automatically).
import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { firstOwner } from "../owners";
import type { HandlerResult } from "./types";

export async function chargeDisputeClosed(tx: Tx, event: Stripe.Event): Promise<HandlerResult> {
  const dispute = event.data.object as Stripe.Dispute;
  await firstOwner((o) => o.disputeClosed(tx, dispute));
  return { orderId: null, kick: false };
}

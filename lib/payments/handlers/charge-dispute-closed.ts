// charge.dispute.closed — a chargeback was decided. Only a reseller's top-up reacts (lib/partners/topups.ts):
// a lost dispute takes the top-up back off its ledger. Shop orders are unchanged: their disputes stay with the
// admin (the eSIM was delivered; there is nothing to undo automatically).
import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { reverseDisputedTopup } from "@/lib/partners/topups";
import type { HandlerResult } from "./types";

export async function chargeDisputeClosed(tx: Tx, event: Stripe.Event): Promise<HandlerResult> {
  await reverseDisputedTopup(tx, event.data.object as Stripe.Dispute);
  return { orderId: null, kick: false };
}

// Payments that are not shop orders — a reseller's balance top-up, a reseller's order paid from its ledger —
// belong to whoever created them. Owners register at the composition root; each Stripe event is offered to
// them first, inside the webhook's transaction, so payments never needs to know who they are. Kept on
// globalThis: Next bundles instrumentation and routes apart, and both must see the owners.
import type Stripe from "stripe";
import type { Db, Tx } from "@/lib/db";
import type { Order } from "@/lib/db/schema";

export interface PaymentOwner {
  /** A paid Checkout session: true when it was this owner's (and is now handled). */
  sessionPaid(tx: Tx, session: Stripe.Checkout.Session): Promise<boolean>;
  /** Money of a charge went back: true when the charge was this owner's. */
  chargeRefunded(tx: Tx, charge: Stripe.Charge): Promise<boolean>;
  /** A dispute was decided: true when the disputed payment was this owner's. */
  disputeClosed(tx: Tx, dispute: Stripe.Dispute): Promise<boolean>;
  /** Refunds a failed order that was not paid through Stripe; null when the order is not this owner's. */
  refundOrder(db: Db, order: Order): Promise<Order | null>;
}

const slot = globalThis as unknown as { __ternPaymentOwners?: Map<string, PaymentOwner> };

export function registerPaymentOwner(name: string, owner: PaymentOwner): void {
  (slot.__ternPaymentOwners ??= new Map()).set(name, owner);
}

/**
 * The registered owners. None at all means the composition root never ran in this process: a top-up would
 * then be mistaken for a shop order and its credit lost, so the event fails (Stripe retries it) instead.
 */
export function paymentOwners(): PaymentOwner[] {
  const owners = [...(slot.__ternPaymentOwners?.values() ?? [])];
  if (owners.length === 0) throw new Error("no payment owners registered: lib/composition.ts was not loaded");
  return owners;
}

export async function firstOwner(claims: (owner: PaymentOwner) => Promise<boolean>): Promise<boolean> {
  for (const owner of paymentOwners()) if (await claims(owner)) return true;
  return false;
}

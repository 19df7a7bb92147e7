// Owners register at the composition root and are offered each event first, inside the webhook's transaction.
// On globalThis: Next bundles instrumentation and routes apart.
import type Stripe from "stripe";
import type { Db, Tx } from "@/lib/db";
import type { Order } from "@/lib/db/schema";

export interface PaymentOwner {
  sessionPaid(tx: Tx, session: Stripe.Checkout.Session): Promise<boolean>;
  chargeRefunded(tx: Tx, charge: Stripe.Charge): Promise<boolean>;
  disputeClosed(tx: Tx, dispute: Stripe.Dispute): Promise<boolean>;
  refundOrder(db: Db, order: Order): Promise<Order | null>;
}

const slot = globalThis as unknown as { __ternPaymentOwners?: Map<string, PaymentOwner> };

export function registerPaymentOwner(name: string, owner: PaymentOwner): void {
  (slot.__ternPaymentOwners ??= new Map()).set(name, owner);
}

// None means the composition root never ran: a top-up would be taken for a shop order and its credit lost, so
// the event fails and Stripe retries.
export function paymentOwners(): PaymentOwner[] {
  const owners = [...(slot.__ternPaymentOwners?.values() ?? [])];
  if (owners.length === 0) throw new Error("no payment owners registered: lib/composition.ts was not loaded");
  return owners;
}

export async function firstOwner(claims: (owner: PaymentOwner) => Promise<boolean>): Promise<boolean> {
  for (const owner of paymentOwners()) if (await claims(owner)) return true;
  return false;
}

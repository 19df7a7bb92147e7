import type Stripe from "stripe";
import type { Tx } from "@/lib/db";

export interface HandlerResult {
  /** The order the event concerned, when we found one (stored on the stripe_events row). */
  orderId: string | null;
  /** Fulfilment work was queued: wake the worker once the transaction has committed. */
  kick: boolean;
}

/** One Stripe event type's handler: runs inside the transaction that records the event id. */
export type EventHandler = (tx: Tx, event: Stripe.Event) => Promise<HandlerResult>;

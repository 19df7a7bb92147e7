import type Stripe from "stripe";
import type { Tx } from "@/lib/db";

export interface HandlerResult {
  orderId: string | null;
  /** Wake the worker once the transaction has committed. */
  kick: boolean;
}

/** Runs inside the transaction that records the event id. */
export type EventHandler = (tx: Tx, event: Stripe.Event) => Promise<HandlerResult>;

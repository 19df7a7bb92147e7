// Stripe webhooks: verify, de-duplicate, dispatch. The event id is inserted in the same transaction as the
// handler's work, so a handler that fails rolls the id back too and Stripe's retry is processed afresh; a
// duplicate (retry after success, or concurrent delivery) finds the id and does nothing.
import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { stripeEvents } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { stripe } from "./stripe";
import { checkoutSessionCompleted } from "./handlers/checkout-session-completed";
import { checkoutSessionAsyncPaymentSucceeded } from "./handlers/checkout-session-async-payment-succeeded";
import { checkoutSessionAsyncPaymentFailed } from "./handlers/checkout-session-async-payment-failed";
import { checkoutSessionExpired } from "./handlers/checkout-session-expired";
import { chargeRefunded } from "./handlers/charge-refunded";
import { chargeDisputeClosed } from "./handlers/charge-dispute-closed";
import type { EventHandler, HandlerResult } from "./handlers/types";
import { log } from "@/lib/observability/logger";
import { isConnectionLost } from "@/lib/db/sql";

const HANDLERS: Record<string, EventHandler> = {
  "checkout.session.completed": checkoutSessionCompleted,
  "checkout.session.async_payment_succeeded": checkoutSessionAsyncPaymentSucceeded,
  "checkout.session.async_payment_failed": checkoutSessionAsyncPaymentFailed,
  "checkout.session.expired": checkoutSessionExpired,
  "charge.refunded": chargeRefunded,
  "charge.dispute.closed": chargeDisputeClosed,
};

/** The event types with a handler (the payment sweep replays only these). */
export const HANDLED_EVENT_TYPES = Object.keys(HANDLERS);

/**
 * How long an event may take before Stripe is told to retry (503). The database's pool waits for a connection
 * as long as the database is down, and Stripe's own deadline must not be what ends the request. The work goes
 * on after the answer: it commits (the retry then finds a duplicate) or rolls back with its event id (the
 * retry processes it afresh).
 */
export const WEBHOOK_DEADLINE_MS = 10_000;

export interface WebhookResponse {
  status: 200 | 400 | 500 | 503;
  body: { received: true; duplicate?: boolean; ignored?: boolean } | { error: { code: string; message: string } };
  /** Fulfilment work was committed: run the worker after answering. */
  kick: boolean;
}

const reject = (status: 400 | 500 | 503, code: string, message: string): WebhookResponse => ({
  status,
  body: { error: { code, message } },
  kick: false,
});

/** Verifies the signature (and its timestamp, 300 s tolerance) over the raw body; throws when it fails. */
export function verifyStripeEvent(raw: string, signature: string): Stripe.Event {
  return stripe().webhooks.constructEvent(raw, signature, env().stripe.webhookSecret);
}

export async function handleStripeWebhook(
  raw: string,
  signature: string | null,
  options: { deadlineMs?: number; onLateWork?: () => void } = {},
): Promise<WebhookResponse> {
  if (!signature) return reject(400, "missing_signature", "Missing Stripe-Signature header");
  let event: Stripe.Event;
  try {
    event = verifyStripeEvent(raw, signature);
  } catch (err) {
    // Bad signature, a timestamp outside the tolerance, or a signed body that is not JSON: never processed.
    return reject(400, "invalid_event", err instanceof Error ? err.message : "Invalid webhook payload");
  }
  if (typeof event?.id !== "string" || typeof event.type !== "string")
    return reject(400, "invalid_event", "Not a Stripe event");
  try {
    // A connection the database dropped fails the first try on it; one more try runs on a fresh connection. Safe:
    // the event id commits with its work, so a try that did commit makes the second a duplicate.
    const work = processStripeEvent(event).catch((err: unknown) => {
      if (!isConnectionLost(err)) throw err;
      return processStripeEvent(event);
    });
    const result = await within(work, options.deadlineMs ?? WEBHOOK_DEADLINE_MS);
    if (!result) {
      work.then(
        (late) => late.kick && options.onLateWork?.(),
        (err) => log.error({ err, eventType: event.type, eventId: event.id }, "stripe webhook handler failed late"),
      );
      log.warn({ eventType: event.type, eventId: event.id }, "stripe webhook past its deadline; Stripe will retry");
      return reject(503, "busy", "The event is taking too long to process; it will be retried");
    }
    return {
      status: 200,
      body: {
        received: true,
        ...(result.duplicate ? { duplicate: true } : {}),
        ...(result.ignored ? { ignored: true } : {}),
      },
      kick: result.kick,
    };
  } catch (err) {
    // The logger keeps a database error's code and constraint, never its query parameters.
    log.error({ err, eventType: event.type, eventId: event.id }, "stripe webhook handler failed; Stripe will retry");
    return reject(500, "handler_failed", "The event could not be processed; it will be retried");
  }
}

/** The promise's value, or null when it has not settled within `ms` (it keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The order an event is about, when it says so itself (our metadata, or the session's client reference). */
function orderIdOfEvent(event: Stripe.Event): string | null {
  const object = event.data.object as { metadata?: Record<string, string> | null; client_reference_id?: string | null };
  return object.metadata?.order_id || object.client_reference_id || null;
}

/** Records the event id and runs its handler in one transaction. */
export async function processStripeEvent(
  event: Stripe.Event,
): Promise<{ duplicate: boolean; ignored: boolean; kick: boolean; orderId: string | null }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // processed_at is true once this commits: the row only ever exists together with the handler's work.
    const inserted = await tx
      .insert(stripeEvents)
      .values({
        id: event.id,
        type: event.type,
        created: new Date(event.created * 1000),
        processedAt: sql`now()`,
        orderId: orderIdOfEvent(event),
      })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (inserted.length === 0) return { duplicate: true, ignored: false, kick: false, orderId: null };
    const handler = HANDLERS[event.type];
    // Unhandled types are still recorded (and acknowledged): the endpoint may subscribe to more than we use.
    const result: HandlerResult = handler ? await handler(tx, event) : { orderId: null, kick: false };
    if (result.orderId && result.orderId !== orderIdOfEvent(event)) {
      await tx.update(stripeEvents).set({ orderId: result.orderId }).where(eq(stripeEvents.id, event.id));
    }
    return { duplicate: false, ignored: !handler, kick: result.kick, orderId: result.orderId };
  });
}

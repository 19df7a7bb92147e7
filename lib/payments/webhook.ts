// The event id commits with the handler's work, so a failed handler rolls it back and Stripe's retry is
// processed afresh; a duplicate finds the id and does nothing.
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
import type { StripeWebhookEvent } from "./webhook-events";
import type { EventHandler, HandlerResult } from "./handlers/types";
import { log } from "@/lib/observability/logger";
import { isConnectionLost } from "@/lib/db/sql";
import { WEBHOOK_DEADLINE_MS, within } from "@/lib/http/deadline";

// Typed by the subscription list: an enabled event without a handler, or a handler nobody is sent, fails to compile.
const HANDLERS: Record<StripeWebhookEvent, EventHandler> = {
  "checkout.session.completed": checkoutSessionCompleted,
  "checkout.session.async_payment_succeeded": checkoutSessionAsyncPaymentSucceeded,
  "checkout.session.async_payment_failed": checkoutSessionAsyncPaymentFailed,
  "checkout.session.expired": checkoutSessionExpired,
  "charge.refunded": chargeRefunded,
  "charge.dispute.closed": chargeDisputeClosed,
};

export interface WebhookResponse {
  status: 200 | 400 | 500 | 503;
  body: { received: true; duplicate?: boolean; ignored?: boolean } | { error: { code: string; message: string } };
  kick: boolean;
}

const reject = (status: 400 | 500 | 503, code: string, message: string): WebhookResponse => ({
  status,
  body: { error: { code, message } },
  kick: false,
});

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
    return reject(400, "invalid_event", err instanceof Error ? err.message : "Invalid webhook payload");
  }
  if (typeof event?.id !== "string" || typeof event.type !== "string")
    return reject(400, "invalid_event", "Not a Stripe event");
  try {
    // A dropped connection fails the first try on it; one more try is safe, as the event id commits with its work.
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
    log.error({ err, eventType: event.type, eventId: event.id }, "stripe webhook handler failed; Stripe will retry");
    return reject(500, "handler_failed", "The event could not be processed; it will be retried");
  }
}

function orderIdOfEvent(event: Stripe.Event): string | null {
  const object = event.data.object as { metadata?: Record<string, string> | null; client_reference_id?: string | null };
  return object.metadata?.order_id || object.client_reference_id || null;
}

export async function processStripeEvent(
  event: Stripe.Event,
): Promise<{ duplicate: boolean; ignored: boolean; kick: boolean; orderId: string | null }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
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
    const handler = (HANDLERS as Record<string, EventHandler | undefined>)[event.type];
    // Unhandled types are still recorded and acknowledged.
    const result: HandlerResult = handler ? await handler(tx, event) : { orderId: null, kick: false };
    if (result.orderId && result.orderId !== orderIdOfEvent(event)) {
      await tx.update(stripeEvents).set({ orderId: result.orderId }).where(eq(stripeEvents.id, event.id));
    }
    return { duplicate: false, ignored: !handler, kick: result.kick, orderId: result.orderId };
  });
}

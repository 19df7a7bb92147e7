// Events: every state change is recorded as a Stripe event and, when a webhook URL is configured,
// POSTed there signed exactly as Stripe signs (`Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")`),
// after the response that caused it, retried on failure, every attempt recorded on the event.
import crypto from "node:crypto";
import type { SandboxApp } from "../server";
import { deliver } from "../core/deliver";
import { FALLBACK_API_VERSION, clone, newId, nowSec, saveState, stripeState, type StripeEvent } from "./objects";

export interface EventOrigin {
  requestId: string | null;
  idempotencyKey: string | null;
}

const NO_REQUEST: EventOrigin = { requestId: null, idempotencyKey: null };

/** Record an event (with a snapshot of `object`) and schedule its webhook delivery. */
export function emitEvent(
  app: SandboxApp,
  type: string,
  object: unknown,
  origin: EventOrigin = NO_REQUEST,
  previousAttributes?: Record<string, unknown>,
): StripeEvent {
  const state = stripeState(app);
  const event: StripeEvent = {
    id: newId("evt_"),
    object: "event",
    api_version: state.apiVersion ?? FALLBACK_API_VERSION,
    created: nowSec(app),
    data: previousAttributes
      ? { object: clone(object), previous_attributes: previousAttributes }
      : { object: clone(object) },
    livemode: false,
    pending_webhooks: app.config.stripe.webhookUrl ? 1 : 0,
    request: { id: origin.requestId, idempotency_key: origin.idempotencyKey },
    type,
  };
  state.events[event.id] = { event, attempts: [] };
  saveState(app);
  // setImmediate: the handler that emitted this answers its caller first, as Stripe does.
  setImmediate(() => sendEvent(app, event.id));
  return event;
}

/** The `Stripe-Signature` header value for `payload` signed at unix time `t`. */
export function signPayload(payload: string, secret: string, t: number): string {
  const v1 = crypto.createHmac("sha256", secret).update(`${t}.${payload}`, "utf8").digest("hex");
  return `t=${t},v1=${v1}`;
}

/** Start a delivery of a stored event to the configured endpoint; false when none is configured. */
export function sendEvent(app: SandboxApp, eventId: string): boolean {
  // Read config now, not at emit time: tests and the control API repoint the endpoint at run time.
  const url = app.config.stripe.webhookUrl;
  const record = stripeState(app).events[eventId];
  if (!url || !record) return false;
  // Stripe sends pretty-printed JSON; the signature covers these exact bytes.
  const payload = JSON.stringify(record.event, null, 2);
  deliver({
    url,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
    },
    // A fresh timestamp and signature per attempt, so a retry is not rejected as a replay.
    body: () => ({
      body: payload,
      headers: {
        "stripe-signature": signPayload(payload, app.config.stripe.webhookSecret, Math.floor(Date.now() / 1000)),
      },
    }),
    retryDelaysMs: [...app.config.stripe.retryDelaysMs],
    timeoutMs: app.config.deliveryTimeoutMs,
    onAttempt: (attempt) => {
      // Re-read: a reset in the meantime replaced the state, and then there is nothing to record on.
      const current = stripeState(app).events[eventId];
      if (!current) return;
      current.attempts.push(attempt);
      if (attempt.status !== null && attempt.status >= 200 && attempt.status < 300) current.event.pending_webhooks = 0;
      saveState(app);
    },
  });
  return true;
}

/** `type` filter as Stripe's: exact, or a trailing `*` wildcard (`checkout.session.*`). */
export function typeMatches(type: string, filter: string): boolean {
  return filter.endsWith("*") ? type.startsWith(filter.slice(0, -1)) : type === filter;
}

// Issuing real-time authorization: the synchronous `issuing_authorization.request` webhook Stripe sends to
// the endpoint set in Issuing settings before approving a charge that passed its own checks.
import type { SandboxApp } from "../server";
import { signPayload } from "./events";
import {
  FALLBACK_API_VERSION,
  clone,
  newId,
  nowSec,
  saveState,
  stripeState,
  type IssuingAuthorization,
} from "./objects";

/**
 * The synchronous `issuing_authorization.request` webhook: POSTed, signed with the endpoint's own secret,
 * to the configured URL only (never to regular webhook endpoints); approved only by HTTP 200 with a JSON body
 * `{ "approved": true }` and a `Stripe-Version` header within the timeout. Anything else declines, which is
 * what a "decline on timeout" account setting does.
 */
export async function askAuthorizationEndpoint(
  app: SandboxApp,
  auth: IssuingAuthorization,
): Promise<"approved" | "webhook_declined" | "webhook_timeout" | "webhook_error"> {
  const { issuingAuthorizationUrl: url, issuingAuthorizationSecret: secret } = app.config.stripe;
  const pending: IssuingAuthorization = {
    ...clone(auth),
    pending_request: {
      amount: auth.amount,
      currency: auth.currency,
      is_amount_controllable: false,
      merchant_amount: auth.merchant_amount,
      merchant_currency: auth.merchant_currency,
      network_risk_score: null,
    },
  };
  const state = stripeState(app);
  const event = {
    id: newId("evt_"),
    object: "event" as const,
    api_version: state.apiVersion ?? FALLBACK_API_VERSION,
    created: nowSec(app),
    data: { object: pending },
    livemode: false as const,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "issuing_authorization.request",
  };
  state.events[event.id] = { event, attempts: [] };
  const payload = JSON.stringify(event, null, 2);
  const started = Date.now();
  const record = (status: number | null, error?: string) => {
    stripeState(app).events[event.id]?.attempts.push({
      at: new Date(started).toISOString(),
      status,
      ...(error ? { error } : {}),
      durationMs: Date.now() - started,
    });
    saveState(app, ["events", event.id]);
  };
  try {
    const res = await fetch(url!, {
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "stripe-signature": signPayload(payload, secret, Math.floor(Date.now() / 1000)),
      },
      body: payload,
      signal: AbortSignal.timeout(app.config.stripe.issuingAuthorizationTimeoutMs),
    });
    const text = await res.text();
    record(res.status);
    if (res.status !== 200 || !res.headers.get("stripe-version")) return "webhook_error";
    const body = JSON.parse(text) as { approved?: unknown };
    return body.approved === true ? "approved" : body.approved === false ? "webhook_declined" : "webhook_error";
  } catch (err) {
    const timedOut = (err as Error).name === "TimeoutError";
    record(null, (err as Error).message);
    return timedOut ? "webhook_timeout" : "webhook_error";
  }
}

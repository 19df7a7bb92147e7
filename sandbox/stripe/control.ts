// Control API for the Stripe imitation (under /_sandbox/stripe): ledgers for tests and benchmarks, paying
// a session without a browser, redelivering an event, moving the Stripe clock, authorizing Issuing cards.
import type { SandboxApp } from "../server";
import { sendJson } from "../core/http";
import { parseJson } from "../control";
import { getSessionRecord, expireDueSessions, paySession, scheduleExpiry } from "./checkout";
import { sendEvent, typeMatches } from "./events";
import { chargeIssuingCard, type ChargeIssuingCardInput } from "./issuing";
import { nowSec, saveState, stripeState } from "./objects";

export function registerStripeControl(app: SandboxApp): void {
  // Every event, oldest first, with its webhook delivery attempts.
  app.control("GET", "/stripe/events", ({ res, query }) => {
    const type = query.get("type");
    const events = Object.values(stripeState(app).events)
      .filter((r) => !type || typeMatches(r.event.type, type))
      .map((r) => ({ ...r.event, attempts: r.attempts, nextAttemptAt: r.nextAttemptAt ?? null }));
    sendJson(res, 200, { events });
  });

  app.control("POST", "/stripe/events/:id/redeliver", ({ res, params }) => {
    const record = stripeState(app).events[params.id!];
    if (!record)
      return sendJson(res, 404, { error: { type: "invalid_request_error", message: `No such event: '${params.id}'` } });
    if (!app.config.stripe.webhookUrl) {
      return sendJson(res, 409, {
        error: {
          type: "invalid_request_error",
          message: "No webhook URL is configured (POST /_sandbox/config { stripe: { webhookUrl } }).",
        },
      });
    }
    record.event.pending_webhooks += 1;
    saveState(app);
    sendEvent(app, record.event.id);
    sendJson(res, 202, { ok: true, event: record.event.id });
  });

  // Pay (or fail to pay) a session exactly as the hosted page would: { card, email?, name?, exp_month?, exp_year?, cvc? }.
  app.control("POST", "/stripe/checkout/sessions/:id/pay", ({ res, params, body }) => {
    const input = parseJson<{
      card?: string;
      email?: string;
      name?: string;
      exp_month?: number;
      exp_year?: number;
      cvc?: string;
      /** Whether the buyer ticks the terms box, when the session asks for it; a control payment does unless told. */
      accept_terms?: boolean;
    }>(body);
    if (!input.card)
      return sendJson(res, 400, {
        error: {
          type: "invalid_request_error",
          message: 'card is required, e.g. { "card": "4242424242424242" }',
          param: "card",
        },
      });
    const thisYear = new Date(nowSec(app) * 1000).getUTCFullYear();
    const amex = /^3[47]/.test(input.card);
    const result = paySession(app, params.id!, {
      number: input.card,
      expMonth: input.exp_month ?? 12,
      expYear: input.exp_year ?? thisYear + 2,
      cvc: input.cvc ?? (amex ? "1234" : "123"),
      email: input.email ?? null,
      name: input.name ?? null,
      termsAccepted: input.accept_terms !== false,
      via: "control",
    });
    if (!result.ok) return sendJson(res, result.status, { error: result.error });
    sendJson(res, 200, { session: result.session, payment_intent: result.paymentIntent });
  });

  app.control("GET", "/stripe/sessions", ({ res }) => {
    expireDueSessions(app);
    const sessions = Object.values(stripeState(app).sessions).map((r) => ({
      ...r.session,
      line_items: r.lineItems,
      attempts: r.attempts,
    }));
    sendJson(res, 200, { sessions });
  });

  app.control("GET", "/stripe/sessions/:id", ({ res, params }) => {
    const rec = getSessionRecord(app, params.id!);
    if (!rec)
      return sendJson(res, 404, {
        error: { type: "invalid_request_error", message: `No such checkout.session: '${params.id}'` },
      });
    sendJson(res, 200, { ...rec.session, line_items: rec.lineItems, attempts: rec.attempts });
  });

  app.control("GET", "/stripe/refunds", ({ res }) => {
    sendJson(res, 200, { refunds: Object.values(stripeState(app).refunds) });
  });

  // Move the Stripe clock forward ({ "advanceSeconds": 86400 }) to exercise expiry and spending windows.
  app.control("POST", "/stripe/clock", ({ res, body }) => {
    const { advanceSeconds } = parseJson<{ advanceSeconds?: number }>(body);
    if (!Number.isInteger(advanceSeconds) || advanceSeconds! < 0) {
      return sendJson(res, 400, {
        error: { type: "invalid_request_error", message: "advanceSeconds must be a non-negative integer" },
      });
    }
    stripeState(app).clockOffsetSec += advanceSeconds!;
    saveState(app);
    expireDueSessions(app);
    scheduleExpiry(app);
    sendJson(res, 200, { now: nowSec(app), offsetSeconds: stripeState(app).clockOffsetSec });
  });

  app.control("GET", "/stripe/issuing/authorizations", ({ res }) => {
    sendJson(res, 200, { authorizations: Object.values(stripeState(app).authorizations) });
  });

  // Charge an Issuing card over HTTP, as `chargeIssuingCard` does in-process.
  app.control("POST", "/stripe/issuing/authorizations", async ({ res, body }) => {
    const input = parseJson<Partial<ChargeIssuingCardInput>>(body);
    const { number, expMonth, expYear, cvc, amount, currency, merchant } = input;
    if (
      typeof number !== "string" ||
      typeof cvc !== "string" ||
      typeof currency !== "string" ||
      !Number.isInteger(expMonth) ||
      !Number.isInteger(expYear) ||
      !Number.isInteger(amount) ||
      amount! <= 0
    ) {
      return sendJson(res, 400, {
        error: {
          type: "invalid_request_error",
          message: "Expected { number, expMonth, expYear, cvc, amount (positive integer), currency, merchant? }",
        },
      });
    }
    const result = await chargeIssuingCard(app, {
      number,
      expMonth: expMonth!,
      expYear: expYear!,
      cvc,
      amount: amount!,
      currency,
      merchant: merchant ?? "Sandbox merchant",
    });
    sendJson(res, 200, result);
  });
}

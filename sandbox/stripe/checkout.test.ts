// Contract tests for Checkout Sessions, events and webhooks, driven through the real `stripe` SDK.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import {
  advanceClock,
  controlEvents,
  controlPay,
  sessionParams,
  startReceiver,
  startTestSandbox,
  stripeClient,
  type TestSandbox,
  type WebhookReceiver,
} from "./test-support";

let t: TestSandbox;
let receivers: WebhookReceiver[] = [];

beforeEach(async () => {
  t = await startTestSandbox();
  receivers = [];
});
afterEach(async () => {
  await t.close();
  await Promise.all(receivers.map((r) => r.close()));
});

async function receiver(status?: (n: number) => number): Promise<WebhookReceiver> {
  const r = await startReceiver(status);
  receivers.push(r);
  t.sandbox.app.config.stripe.webhookUrl = r.url;
  return r;
}

describe("checkout sessions", () => {
  it("creates a session with every parameter Tern sends and serves it back expanded", async () => {
    const { stripe, sandbox } = t;
    const before = Math.floor(Date.now() / 1000);
    const expiresAt = before + 2 * 60 * 60;
    const session = await stripe.checkout.sessions.create(
      sessionParams(sandbox.url, {
        line_items: [
          {
            price_data: { currency: "usd", unit_amount: 599, product_data: { name: "UK 1 GB", description: "7 days" } },
            quantity: 2,
          },
          {
            price_data: { currency: "usd", unit_amount: 100, product_data: { name: "Priority support" } },
            quantity: 1,
          },
        ],
        expires_at: expiresAt,
      }),
    );

    expect(session.id).toMatch(/^cs_test_[A-Za-z0-9]+$/);
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      payment_intent: null,
      amount_subtotal: 1298,
      amount_total: 1298,
      currency: "usd",
      client_reference_id: "ord_test_1",
      metadata: { order_id: "ord_test_1" },
      customer_email: "traveller@example.com",
      customer_details: null,
      expires_at: expiresAt,
      livemode: false,
      url: `${sandbox.url}/checkout/pay/${session.id}`,
    });
    expect(session.created).toBeGreaterThanOrEqual(before);
    expect(session.line_items).toBeUndefined();

    const expanded = await stripe.checkout.sessions.retrieve(session.id, { expand: ["line_items", "payment_intent"] });
    expect(expanded.payment_intent).toBeNull();
    expect(
      expanded.line_items?.data.map((li) => [li.description, li.quantity, li.amount_total, li.price?.unit_amount]),
    ).toEqual([
      ["UK 1 GB", 2, 1198, 599],
      ["Priority support", 1, 100, 100],
    ]);

    const items = await stripe.checkout.sessions.listLineItems(session.id, { limit: 1 });
    expect(items.data).toHaveLength(1);
    expect(items.has_more).toBe(true);
  });

  it("defaults expires_at to 24 hours and rejects expiries outside 30 minutes–24 hours", async () => {
    const { stripe, sandbox } = t;
    const now = Math.floor(Date.now() / 1000);
    const session = await stripe.checkout.sessions.create(sessionParams(sandbox.url));
    expect(session.expires_at - session.created).toBe(24 * 60 * 60);

    for (const expires_at of [now + 10 * 60, now + 25 * 60 * 60]) {
      const err = await stripe.checkout.sessions
        .create(sessionParams(sandbox.url, { expires_at }))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err).toMatchObject({ statusCode: 400, param: "expires_at" });
    }
  });

  it("validates parameters the way Stripe does", async () => {
    const { stripe, sandbox } = t;
    const missing = await stripe.checkout.sessions
      .create({ ...sessionParams(sandbox.url), line_items: undefined })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({
      type: "StripeInvalidRequestError",
      code: "parameter_missing",
      param: "line_items",
    });

    const noName = await stripe.checkout.sessions
      .create(
        sessionParams(sandbox.url, {
          line_items: [{ price_data: { currency: "usd", unit_amount: 599, product_data: { name: "" } }, quantity: 1 }],
        }),
      )
      .catch((e: unknown) => e);
    expect(noName).toMatchObject({ code: "parameter_missing", param: "line_items[0][price_data][product_data][name]" });

    const unknown = await stripe.checkout.sessions
      .create({ ...sessionParams(sandbox.url), client_reference: "typo" } as Stripe.Checkout.SessionCreateParams)
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: "parameter_unknown", param: "client_reference" });

    const notFound = await stripe.checkout.sessions.retrieve("cs_test_nope").catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(notFound).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("keeps the Checkout locale and refuses one Stripe does not speak, with Stripe's error", async () => {
    const { stripe, sandbox } = t;
    const de = await stripe.checkout.sessions.create(sessionParams(sandbox.url, { locale: "de" }));
    expect(de.locale).toBe("de");
    expect((await stripe.checkout.sessions.retrieve(de.id)).locale).toBe("de");
    expect((await stripe.checkout.sessions.create(sessionParams(sandbox.url))).locale).toBeNull();

    for (const locale of ["xx", "../../x", "de_DE"]) {
      const err = await stripe.checkout.sessions
        .create(sessionParams(sandbox.url, { locale: locale as Stripe.Checkout.SessionCreateParams.Locale }))
        .catch((e: unknown) => e);
      expect(err, locale).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err, locale).toMatchObject({
        statusCode: 400,
        type: "StripeInvalidRequestError",
        param: "locale",
        message: expect.stringMatching(/^Invalid locale: must be one of auto, bg, .*de.*, or zh-TW$/),
      });
    }
  });

  it("lists sessions newest first with filters and cursor pagination", async () => {
    const { stripe, sandbox } = t;
    const a = await stripe.checkout.sessions.create(sessionParams(sandbox.url));
    const b = await stripe.checkout.sessions.create(sessionParams(sandbox.url));
    const c = await stripe.checkout.sessions.create(sessionParams(sandbox.url));
    const paid = await controlPay(sandbox.url, b.id, { card: "4242424242424242" });
    const piId = (paid.json.payment_intent as { id: string }).id;

    const first = await stripe.checkout.sessions.list({ limit: 2 });
    expect(first.data.map((s) => s.id)).toEqual([c.id, b.id]);
    expect(first.has_more).toBe(true);
    const next = await stripe.checkout.sessions.list({ limit: 2, starting_after: b.id });
    expect(next.data.map((s) => s.id)).toEqual([a.id]);
    expect(next.has_more).toBe(false);

    expect((await stripe.checkout.sessions.list({ payment_intent: piId })).data.map((s) => s.id)).toEqual([b.id]);
    expect((await stripe.checkout.sessions.list({ status: "open" })).data.map((s) => s.id)).toEqual([c.id, a.id]);
  });
});

describe("paying a session", () => {
  it("completes the session, creates PaymentIntent and Charge, and emits events in order", async () => {
    const { stripe, sandbox } = t;
    const session = await stripe.checkout.sessions.create(
      sessionParams(sandbox.url, { metadata: { order_id: "ord_42", session_only: "x" } }),
    );
    const { status, json } = await controlPay(sandbox.url, session.id, {
      card: "4242424242424242",
      email: "paid@example.com",
      name: "Jane Doe",
    });
    expect(status).toBe(200);
    expect(json.session).toMatchObject({ id: session.id, status: "complete", payment_status: "paid" });

    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
    expect(done).toMatchObject({
      status: "complete",
      payment_status: "paid",
      url: null,
      customer_details: { email: "traveller@example.com", name: "Jane Doe" },
    });
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi.id).toMatch(/^pi_/);
    // Only payment_intent_data[metadata] reaches the PaymentIntent, as on Stripe.
    expect(pi).toMatchObject({
      object: "payment_intent",
      status: "succeeded",
      amount: 599,
      amount_received: 599,
      currency: "usd",
      metadata: { order_id: "ord_test_1" },
    });
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge.id).toMatch(/^ch_/);
    expect(charge).toMatchObject({
      amount: 599,
      amount_refunded: 0,
      refunded: false,
      paid: true,
      payment_intent: pi.id,
      metadata: { order_id: "ord_test_1" },
    });
    expect(charge.payment_method_details?.card?.last4).toBe("4242");

    const mine = (await controlEvents(sandbox.url)).filter((e) =>
      [session.id, pi.id, charge.id].includes(String(e.data.object.id)),
    );
    expect(mine.map((e) => e.type)).toEqual([
      "checkout.session.completed",
      "payment_intent.succeeded",
      "charge.succeeded",
    ]);
    expect(mine[0]!.data.object).toMatchObject({
      id: session.id,
      payment_status: "paid",
      payment_intent: pi.id,
      client_reference_id: "ord_test_1",
    });

    const listed = await stripe.events.list({ type: "checkout.session.completed" });
    expect(listed.data[0]).toMatchObject({
      object: "event",
      type: "checkout.session.completed",
      livemode: false,
      data: { object: { id: session.id } },
    });
    expect(listed.data[0]!.id).toMatch(/^evt_/);
    expect(listed.data[0]!.api_version).toBe(Stripe.API_VERSION);
    expect((await stripe.events.retrieve(listed.data[0]!.id)).type).toBe("checkout.session.completed");
  });

  it("declines Stripe's decline test cards and keeps the session open", async () => {
    const { stripe, sandbox } = t;
    const session = await stripe.checkout.sessions.create(sessionParams(sandbox.url));
    const cases: [string, string, string | undefined, string][] = [
      ["4000000000000002", "card_declined", "generic_decline", "Your card was declined."],
      ["4000000000009995", "card_declined", "insufficient_funds", "Your card has insufficient funds."],
      ["4242424242424241", "invalid_number", undefined, "Your card number is invalid."],
    ];
    for (const [card, code, declineCode, message] of cases) {
      const { status, json } = await controlPay(sandbox.url, session.id, { card });
      expect(status).toBe(402);
      expect(json.error).toMatchObject({
        type: "card_error",
        code,
        message,
        ...(declineCode ? { decline_code: declineCode } : {}),
      });
    }
    const still = await stripe.checkout.sessions.retrieve(session.id);
    expect(still).toMatchObject({ status: "open", payment_status: "unpaid", payment_intent: null });
    const ledger = (await (await fetch(`${sandbox.url}/_sandbox/stripe/sessions/${session.id}`)).json()) as {
      attempts: { outcome: string }[];
    };
    expect(ledger.attempts.map((a) => a.outcome)).toEqual(["declined", "declined", "declined"]);
    expect(await controlEvents(sandbox.url)).toEqual([]);

    // A decline does not burn the session: the right card still pays it.
    expect((await controlPay(sandbox.url, session.id, { card: "4242 4242 4242 4242" })).status).toBe(200);
    expect((await controlPay(sandbox.url, session.id, { card: "4242424242424242" })).status).toBe(400);
  });

  it("expires an open session on request and emits checkout.session.expired", async () => {
    const { stripe, sandbox } = t;
    const session = await stripe.checkout.sessions.create(sessionParams(sandbox.url));
    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: "expired", payment_status: "unpaid", url: null });
    const events = await controlEvents(sandbox.url, "checkout.session.expired");
    expect(events.map((e) => e.data.object.id)).toEqual([session.id]);

    const again = await stripe.checkout.sessions.expire(session.id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((await controlPay(sandbox.url, session.id, { card: "4242424242424242" })).status).toBe(400);
  });

  it("expires sessions lazily once expires_at has passed", async () => {
    const { stripe, sandbox } = t;
    const session = await stripe.checkout.sessions.create(
      sessionParams(sandbox.url, { expires_at: Math.floor(Date.now() / 1000) + 31 * 60 }),
    );
    await advanceClock(sandbox.url, 32 * 60);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("expired");
    expect((await controlEvents(sandbox.url, "checkout.session.*")).map((e) => e.type)).toEqual([
      "checkout.session.expired",
    ]);
  });

  it("expires sessions by timer when nobody asks", async () => {
    const { stripe, sandbox } = t;
    const session = await stripe.checkout.sessions.create(
      sessionParams(sandbox.url, { expires_at: Math.floor(Date.now() / 1000) + 31 * 60 }),
    );
    // 1–2 s before expiry (the wall clock may tick meanwhile); from here only the timer can expire it —
    // reading the control event ledger does not.
    await advanceClock(sandbox.url, 31 * 60 - 2);
    expect(await controlEvents(sandbox.url)).toEqual([]);
    let events: Awaited<ReturnType<typeof controlEvents>> = [];
    for (let i = 0; i < 100 && !events.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      events = await controlEvents(sandbox.url, "checkout.session.expired");
    }
    expect(events.map((e) => e.data.object.id)).toEqual([session.id]);
  });
});

describe("webhooks", () => {
  it("delivers events signed so stripe.webhooks.constructEvent verifies them", async () => {
    const { stripe, sandbox } = t;
    const secret = sandbox.app.config.stripe.webhookSecret;
    const hook = await receiver();
    const session = await stripe.checkout.sessions.create(sessionParams(sandbox.url));
    await controlPay(sandbox.url, session.id, { card: "4242424242424242" });
    const received = await hook.waitFor(3);

    const events = received.map((r) => stripe.webhooks.constructEvent(r.body, r.signature, secret));
    expect(events.map((e) => e.type).sort()).toEqual([
      "charge.succeeded",
      "checkout.session.completed",
      "payment_intent.succeeded",
    ]);
    const completed = events.find((e) => e.type === "checkout.session.completed")!;
    expect((completed.data.object as Stripe.Checkout.Session).id).toBe(session.id);
    expect(received[0]!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    const tampered = received[0]!.body.replace('"livemode": false', '"livemode": true');
    expect(tampered).not.toBe(received[0]!.body);
    expect(() => stripe.webhooks.constructEvent(tampered, received[0]!.signature, secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => stripe.webhooks.constructEvent(received[0]!.body, received[0]!.signature, "whsec_other")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );

    // Successful delivery is recorded on the event.
    const recorded = await controlEvents(sandbox.url, "checkout.session.completed");
    expect(recorded[0]!.attempts).toEqual([expect.objectContaining({ status: 200 })]);
  });

  it("retries a failed delivery and records every attempt", async () => {
    const { stripe, sandbox } = t;
    sandbox.app.config.stripe.retryDelaysMs = [20, 20];
    const hook = await receiver((n) => (n === 1 ? 500 : 200));
    const session = await stripe.checkout.sessions.create(sessionParams(sandbox.url));
    await stripe.checkout.sessions.expire(session.id);
    await hook.waitFor(2);
    await new Promise((r) => setTimeout(r, 50));

    const [event] = await controlEvents(sandbox.url, "checkout.session.expired");
    expect(event!.attempts.map((a) => a.status)).toEqual([500, 200]);
    const [first, second] = hook.received;
    expect(first!.body).toBe(second!.body);
    expect(
      stripe.webhooks.constructEvent(second!.body, second!.signature, sandbox.app.config.stripe.webhookSecret).id,
    ).toBe(event!.id);
    expect((await stripe.events.retrieve(event!.id)).pending_webhooks).toBe(0);
  });

  it("records connection failures and redelivers an event on request", async () => {
    const { stripe, sandbox } = t;
    sandbox.app.config.stripe.webhookUrl = "http://127.0.0.1:9/unreachable";
    const session = await stripe.checkout.sessions.create(sessionParams(sandbox.url));
    await stripe.checkout.sessions.expire(session.id);
    let event: Awaited<ReturnType<typeof controlEvents>>[number] | undefined;
    for (let i = 0; i < 100 && !event?.attempts.length; i++) {
      await new Promise((r) => setTimeout(r, 20));
      [event] = await controlEvents(sandbox.url, "checkout.session.expired");
    }
    expect(event!.attempts[0]).toMatchObject({ status: null, error: expect.any(String) });

    const hook = await receiver();
    const res = await fetch(`${sandbox.url}/_sandbox/stripe/events/${event!.id}/redeliver`, { method: "POST" });
    expect(res.status).toBe(202);
    const [delivery] = await hook.waitFor(1);
    expect(
      stripe.webhooks.constructEvent(delivery!.body, delivery!.signature, sandbox.app.config.stripe.webhookSecret).id,
    ).toBe(event!.id);
  });
});

describe("API behaviour", () => {
  it("replays a request with the same Idempotency-Key and rejects one with different params", async () => {
    const { stripe, sandbox } = t;
    const key = `test-${Math.random()}`;
    const first = await stripe.checkout.sessions.create(sessionParams(sandbox.url), { idempotencyKey: key });
    const replay = await stripe.checkout.sessions.create(sessionParams(sandbox.url), { idempotencyKey: key });
    expect(replay.id).toBe(first.id);
    expect(replay.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await stripe.checkout.sessions.list({ limit: 100 })).data).toHaveLength(1);

    const mismatch = await stripe.checkout.sessions
      .create(sessionParams(sandbox.url, { client_reference_id: "other" }), { idempotencyKey: key })
      .catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(mismatch).toMatchObject({ statusCode: 400, rawType: "idempotency_error" });

    // Keys are forgotten after 24 hours.
    await advanceClock(sandbox.url, 24 * 60 * 60 + 1);
    const fresh = await stripe.checkout.sessions.create(sessionParams(sandbox.url), { idempotencyKey: key });
    expect(fresh.id).not.toBe(first.id);
  });

  it("requires a test-mode API key", async () => {
    const { sandbox } = t;
    const noKey = await fetch(`${sandbox.url}/v1/checkout/sessions`);
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");

    for (const key of ["nonsense", "sk_live_abc123"]) {
      const err = await stripeClient(sandbox.port, key)
        .checkout.sessions.list()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    }
    expect((await stripeClient(sandbox.port, "rk_test_restricted").checkout.sessions.list()).object).toBe("list");
  });

  it("surfaces injected faults as StripeAPIError", async () => {
    const { stripe, sandbox } = t;
    const res = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ service: "stripe", route: "POST /checkout/sessions", status: 500 }),
    });
    expect(res.ok).toBe(true);
    const err = await stripe.checkout.sessions.create(sessionParams(sandbox.url)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(err).toMatchObject({ statusCode: 500 });
    // The fault was for one request only; nothing was created by the failed one.
    await stripe.checkout.sessions.create(sessionParams(sandbox.url));
    expect((await stripe.checkout.sessions.list()).data).toHaveLength(1);
  });

  it("keeps state across a restart on the same data dir", async () => {
    const { stripe, sandbox } = t;
    const session = await stripe.checkout.sessions.create(sessionParams(sandbox.url));
    await controlPay(sandbox.url, session.id, { card: "4242424242424242" });
    await t.close({ keepDir: true });

    t = await startTestSandbox({}, t.dir);
    const again = await t.stripe.checkout.sessions.retrieve(session.id);
    expect(again).toMatchObject({ id: session.id, status: "complete", payment_status: "paid" });
    expect((await t.stripe.events.list()).data.map((e) => e.type)).toContain("checkout.session.completed");
  });

  it("keeps a payment and a refund made after the last whole write across a restart", async () => {
    const { stripe, sandbox } = t;
    const session = await stripe.checkout.sessions.create(sessionParams(sandbox.url), { idempotencyKey: "co-1" });
    sandbox.app.store.flush();
    const paid = await controlPay(sandbox.url, session.id, { card: "4242424242424242" });
    const pi = (paid.json.payment_intent as { id: string }).id;
    const refund = await stripe.refunds.create({ payment_intent: pi, amount: 100 });
    await t.close({ keepDir: true });

    t = await startTestSandbox({}, t.dir);
    expect(await t.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: "complete",
      payment_intent: pi,
    });
    const charge = (await t.stripe.charges.list({ payment_intent: pi })).data[0]!;
    expect(charge).toMatchObject({ amount_refunded: 100, refunded: false });
    expect((await t.stripe.refunds.retrieve(refund.id)).amount).toBe(100);
    const types = (await t.stripe.events.list()).data.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["checkout.session.completed", "charge.refunded", "refund.created"]));
    // The creation's Idempotency-Key still replays the first answer rather than making a second session.
    const replay = await t.stripe.checkout.sessions.create(sessionParams(sandbox.url), { idempotencyKey: "co-1" });
    expect(replay.id).toBe(session.id);
  });
});

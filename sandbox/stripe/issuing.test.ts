// Contract tests for Issuing (cardholders, virtual cards, authorizations) and `chargeIssuingCard`, the
// hook other sandbox services use to charge a card.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { chargeIssuingCard } from "./issuing";
import { luhnValid } from "./cards";
import { advanceClock, controlEvents, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(async () => {
  await t.close();
});

const billing = {
  address: { line1: "1 Main Street", city: "San Francisco", state: "CA", postal_code: "94111", country: "US" },
};

async function activeCard(
  limits: Stripe.Issuing.CardCreateParams.SpendingControls.SpendingLimit[] = [],
  currency = "usd",
) {
  const { stripe } = t;
  const cardholder = await stripe.issuing.cardholders.create({
    type: "company",
    name: "Tern Wallets",
    billing,
    email: "ops@example.com",
  });
  const card = await stripe.issuing.cards.create({
    cardholder: cardholder.id,
    currency,
    type: "virtual",
    status: "active",
    spending_controls: { spending_limits: limits },
  });
  const full = await stripe.issuing.cards.retrieve(card.id, { expand: ["number", "cvc"] });
  const charge = (amount: number, overrides: Partial<Parameters<typeof chargeIssuingCard>[1]> = {}) =>
    chargeIssuingCard(t.sandbox.app, {
      number: full.number!,
      expMonth: full.exp_month,
      expYear: full.exp_year,
      cvc: full.cvc!,
      amount,
      currency: "usd",
      merchant: "Zendit",
      ...overrides,
    });
  return { cardholder, card: full, charge };
}

describe("cardholders and cards", () => {
  it("creates a cardholder and validates required fields", async () => {
    const { stripe } = t;
    const ch = await stripe.issuing.cardholders.create({
      type: "individual",
      name: "Jenny Rosen",
      billing,
      individual: { first_name: "Jenny", last_name: "Rosen" },
    });
    expect(ch.id).toMatch(/^ich_/);
    expect(ch).toMatchObject({
      object: "issuing.cardholder",
      status: "active",
      type: "individual",
      billing: { address: { country: "US", city: "San Francisco" } },
    });
    expect(ch.requirements.past_due).toEqual([
      "individual.card_issuing.user_terms_acceptance.ip",
      "individual.card_issuing.user_terms_acceptance.date",
    ]);
    expect((await stripe.issuing.cardholders.retrieve(ch.id)).name).toBe("Jenny Rosen");

    const noName = await stripe.issuing.cardholders
      .create({ billing } as Stripe.Issuing.CardholderCreateParams)
      .catch((e: unknown) => e);
    expect(noName).toMatchObject({ code: "parameter_missing", param: "name" });
    const noCity = await stripe.issuing.cardholders
      .create({
        name: "Jenny Rosen",
        billing: {
          address: { line1: "1 Main St", postal_code: "94111", country: "US" },
        } as Stripe.Issuing.CardholderCreateParams.Billing,
      })
      .catch((e: unknown) => e);
    expect(noCity).toMatchObject({ code: "parameter_missing", param: "billing[address][city]" });
    const badType = await stripe.issuing.cardholders
      .create({ name: "Jenny Rosen", billing, type: "robot" as Stripe.Issuing.CardholderCreateParams.Type })
      .catch((e: unknown) => e);
    expect(badType).toMatchObject({ statusCode: 400, param: "type" });
    const digits = await stripe.issuing.cardholders.create({ name: "R2D2", billing }).catch((e: unknown) => e);
    expect(digits).toMatchObject({ statusCode: 400, param: "name" });
  });

  it("issues virtual cards whose number and CVC appear only when expanded on retrieve", async () => {
    const { stripe } = t;
    const cardholder = await stripe.issuing.cardholders.create({ name: "Tern Wallets", type: "company", billing });
    const card = await stripe.issuing.cards.create({
      cardholder: cardholder.id,
      currency: "usd",
      type: "virtual",
      spending_controls: { spending_limits: [{ amount: 50_000, interval: "daily" }] },
    });
    expect(card.id).toMatch(/^ic_/);
    // Stripe creates cards inactive unless status=active is passed.
    expect(card).toMatchObject({
      object: "issuing.card",
      type: "virtual",
      status: "inactive",
      currency: "usd",
      brand: "Visa",
      cardholder: { id: cardholder.id },
    });
    expect(card.spending_controls.spending_limits).toEqual([{ amount: 50_000, interval: "daily", categories: null }]);
    expect(card.number).toBeUndefined();
    expect(card.cvc).toBeUndefined();
    expect(card.exp_year).toBe(new Date().getUTCFullYear() + 3);

    const full = await stripe.issuing.cards.retrieve(card.id, { expand: ["number", "cvc"] });
    expect(full.number).toMatch(/^40000099\d{8}$/);
    expect(luhnValid(full.number!)).toBe(true);
    expect(full.number!.slice(-4)).toBe(card.last4);
    expect(full.cvc).toMatch(/^\d{3}$/);

    const list = await stripe.issuing.cards.list({ cardholder: cardholder.id });
    expect(list.data.map((c) => c.id)).toEqual([card.id]);
    expect(list.data[0]!.number).toBeUndefined();
    const listExpand = await stripe.issuing.cards.list({ expand: ["data.number"] }).catch((e: unknown) => e);
    expect(listExpand).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

    const missingHolder = await stripe.issuing.cards
      .create({ cardholder: "ich_nope", currency: "usd", type: "virtual" })
      .catch((e: unknown) => e);
    expect(missingHolder).toMatchObject({ code: "resource_missing", param: "cardholder" });
  });

  it("updates status and spending controls; canceling is final", async () => {
    const { stripe } = t;
    const { card } = await activeCard();
    const inactive = await stripe.issuing.cards.update(card.id, { status: "inactive" });
    expect(inactive.status).toBe("inactive");
    const limited = await stripe.issuing.cards.update(card.id, {
      status: "active",
      spending_controls: { spending_limits: [{ amount: 100, interval: "per_authorization" }] },
    });
    expect(limited).toMatchObject({
      status: "active",
      spending_controls: { spending_limits: [{ amount: 100, interval: "per_authorization" }] },
    });
    const canceled = await stripe.issuing.cards.update(card.id, { status: "canceled", cancellation_reason: "lost" });
    expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "lost" });
    const revive = await stripe.issuing.cards.update(card.id, { status: "active" }).catch((e: unknown) => e);
    expect(revive).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((await stripe.issuing.cards.retrieve(card.id)).status).toBe("canceled");
    const updates = (await controlEvents(t.sandbox.url, "issuing_card.updated")).map(
      (e) => e.data.previous_attributes?.status,
    );
    expect(updates).toEqual(["active", "inactive", "active"]);
  });
});

describe("chargeIssuingCard", () => {
  it("approves charges within limits and declines the one that would exceed them", async () => {
    const { charge } = await activeCard([
      { amount: 10_000, interval: "per_authorization" },
      { amount: 15_000, interval: "daily" },
    ]);
    const ok = await charge(8_000);
    expect(ok).toEqual({ approved: true, authorizationId: expect.stringMatching(/^iauth_/) });
    expect(await charge(12_000)).toMatchObject({ approved: false, reason: "spending_controls" }); // over per-authorization
    expect(await charge(8_000)).toMatchObject({ approved: false, reason: "spending_controls" }); // 16 000 > daily 15 000
    expect(await charge(7_000)).toMatchObject({ approved: true }); // exactly 15 000

    // Declined authorizations do not count; the next UTC day starts a fresh window.
    await advanceClock(t.sandbox.url, 24 * 60 * 60);
    expect(await charge(9_000)).toMatchObject({ approved: true });

    const auth = await t.stripe.issuing.authorizations.retrieve((ok as { authorizationId: string }).authorizationId);
    expect(auth).toMatchObject({
      object: "issuing.authorization",
      approved: true,
      amount: 8_000,
      currency: "usd",
      merchant_data: { name: "Zendit" },
    });
    const created = await controlEvents(t.sandbox.url, "issuing_authorization.created");
    expect(created.map((e) => e.data.object.approved)).toEqual([true, false, false, true, true]);
  });

  it("enforces monthly and all-time limits across windows", async () => {
    const { charge } = await activeCard([
      { amount: 20_000, interval: "monthly" },
      { amount: 30_000, interval: "all_time" },
    ]);
    expect((await charge(15_000)).approved).toBe(true);
    expect(await charge(6_000)).toMatchObject({ approved: false, reason: "spending_controls" });
    await advanceClock(t.sandbox.url, 32 * 24 * 60 * 60);
    expect((await charge(15_000)).approved).toBe(true);
    expect(await charge(1_000)).toMatchObject({ approved: false, reason: "spending_controls" }); // all_time 31 000 > 30 000
  });

  it("declines canceled, inactive, expired, wrong-CVC, wrong-currency and unknown cards", async () => {
    const { stripe } = t;
    const { card, charge } = await activeCard();
    expect(await charge(100, { cvc: card.cvc === "000" ? "001" : "000" })).toMatchObject({
      approved: false,
      reason: "incorrect_cvc",
    });
    expect(await charge(100, { expYear: card.exp_year + 1 })).toMatchObject({ approved: false, reason: "expired" });
    expect(await charge(100, { currency: "eur" })).toMatchObject({ approved: false, reason: "currency_mismatch" });
    expect(await charge(100, { number: "4000009999999991" })).toEqual({ approved: false, reason: "card_not_found" });

    await stripe.issuing.cards.update(card.id, { status: "inactive" });
    expect(await charge(100)).toMatchObject({ approved: false, reason: "card_inactive" });
    await stripe.issuing.cards.update(card.id, { status: "canceled" });
    expect(await charge(100)).toMatchObject({ approved: false, reason: "card_canceled" });

    const other = await activeCard();
    await advanceClock(t.sandbox.url, 4 * 366 * 24 * 60 * 60);
    expect(await other.charge(100)).toMatchObject({ approved: false, reason: "expired" });
  });

  it("draws approved charges from the Issuing balance", async () => {
    const { stripe } = t;
    const before = (await stripe.balance.retrieve()).issuing!.available[0]!.amount;
    const { charge } = await activeCard();
    await charge(2_500);
    await charge(1_000, { cvc: "bad" });
    expect((await stripe.balance.retrieve()).issuing!.available[0]!.amount).toBe(before - 2_500);
  });

  it("is reachable over the control API too", async () => {
    const { card } = await activeCard();
    const res = await fetch(`${t.sandbox.url}/_sandbox/stripe/issuing/authorizations`, {
      method: "POST",
      body: JSON.stringify({
        number: card.number,
        expMonth: card.exp_month,
        expYear: card.exp_year,
        cvc: card.cvc,
        amount: 500,
        currency: "usd",
        merchant: "Zendit",
      }),
    });
    expect(await res.json()).toMatchObject({ approved: true });
  });
});

describe("real-time authorization (issuing_authorization.request)", () => {
  interface Answer {
    status?: number;
    body?: unknown;
    delayMs?: number;
    stripeVersion?: boolean;
  }
  async function endpoint(answer: (event: Stripe.Event) => Answer) {
    const http = await import("node:http");
    const received: { event: Stripe.Event; signature: string; raw: string }[] = [];
    const server = http.createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      req.on("end", () => {
        const event = JSON.parse(raw) as Stripe.Event;
        received.push({ event, signature: String(req.headers["stripe-signature"]), raw });
        const a = answer(event);
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(a.status ?? 200, {
            "content-type": "application/json",
            ...(a.stripeVersion === false ? {} : { "stripe-version": "2026-10-28.endive" }),
          });
          res.end(JSON.stringify(a.body ?? { approved: true }));
        }, a.delayMs ?? 0);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as import("node:net").AddressInfo;
    t.sandbox.app.config.stripe.issuingAuthorizationUrl = `http://127.0.0.1:${port}/auth`;
    t.sandbox.app.config.stripe.issuingAuthorizationTimeoutMs = 300;
    return { received, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it("asks the endpoint with a signed pending authorization and follows its answer", async () => {
    const ep = await endpoint((e) => {
      const auth = e.data.object as Stripe.Issuing.Authorization;
      return { body: { approved: auth.pending_request?.amount === 1_000 } };
    });
    try {
      const { charge } = await activeCard();
      expect(await charge(1_000)).toMatchObject({ approved: true });
      expect(await charge(999)).toMatchObject({ approved: false, reason: "webhook_declined" });
      expect(ep.received).toHaveLength(2);
      const first = ep.received[0]!;
      expect(first.event.type).toBe("issuing_authorization.request");
      expect(first.event.data.object).toMatchObject({ status: "pending", approved: false, amount: 1_000 });
      // Signed with the endpoint's own secret, verifiable by the SDK.
      const verified = t.stripe.webhooks.constructEvent(first.raw, first.signature, "whsec_tern_sandbox_issuing");
      expect(verified.id).toBe(first.event.id);
      expect(() => t.stripe.webhooks.constructEvent(first.raw, first.signature, "whsec_tern_sandbox_secret")).toThrow();
      // The decision is announced to regular endpoints as issuing_authorization.created.
      const created = await controlEvents(t.sandbox.url, "issuing_authorization.created");
      expect(created.map((e) => e.data.object.approved)).toEqual([true, false]);
    } finally {
      await ep.close();
    }
  });

  it("declines when the answer is late, not 200, lacks Stripe-Version or is not JSON approval", async () => {
    const answers: Answer[] = [{ delayMs: 600 }, { status: 500 }, { stripeVersion: false }, { body: { ok: true } }];
    let i = 0;
    const ep = await endpoint(() => answers[i++]!);
    try {
      const { charge } = await activeCard();
      expect(await charge(100)).toMatchObject({ approved: false, reason: "webhook_timeout" });
      expect(await charge(100)).toMatchObject({ approved: false, reason: "webhook_error" });
      expect(await charge(100)).toMatchObject({ approved: false, reason: "webhook_error" });
      expect(await charge(100)).toMatchObject({ approved: false, reason: "webhook_error" });
    } finally {
      await ep.close();
    }
  });

  it("does not ask about a charge Stripe declines itself (canceled card, spending limit)", async () => {
    const ep = await endpoint(() => ({ body: { approved: true } }));
    try {
      const { card, charge } = await activeCard([{ amount: 500, interval: "all_time" }]);
      expect(await charge(600)).toMatchObject({ approved: false, reason: "spending_controls" });
      await t.stripe.issuing.cards.update(card.id, { status: "canceled" });
      expect(await charge(100)).toMatchObject({ approved: false, reason: "card_canceled" });
      expect(ep.received).toHaveLength(0);
    } finally {
      await ep.close();
    }
  });
});

describe("lifecycle_controls", () => {
  it("cancels a card after its payment count", async () => {
    const { stripe } = t;
    const cardholder = await stripe.issuing.cardholders.create({ type: "company", name: "Tern Wallets", billing });
    const card = await stripe.issuing.cards.create({
      cardholder: cardholder.id,
      currency: "usd",
      type: "virtual",
      status: "active",
      lifecycle_controls: { cancel_after: { payment_count: 1 } },
    });
    expect(card.lifecycle_controls).toEqual({ cancel_after: { payment_count: 1 } });
    const full = await stripe.issuing.cards.retrieve(card.id, { expand: ["number", "cvc"] });
    const pay = () =>
      chargeIssuingCard(t.sandbox.app, {
        number: full.number!,
        expMonth: full.exp_month,
        expYear: full.exp_year,
        cvc: full.cvc!,
        amount: 100,
        currency: "usd",
        merchant: "Zendit",
      });
    expect(await pay()).toMatchObject({ approved: true });
    expect((await stripe.issuing.cards.retrieve(card.id)).status).toBe("canceled");
    expect(await pay()).toMatchObject({ approved: false, reason: "card_canceled" });
  });
});

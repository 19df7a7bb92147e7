// Contract tests for Refunds, PaymentIntents/Charges reads and the Balance, through the real `stripe` SDK.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { controlEvents, controlPay, sessionParams, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(async () => {
  await t.close();
});

/** A paid 5.99 USD session; returns its PaymentIntent and Charge ids. */
async function paidSession(amount = 599): Promise<{ pi: string; charge: string }> {
  const { stripe, sandbox } = t;
  const session = await stripe.checkout.sessions.create(
    sessionParams(sandbox.url, {
      line_items: [
        { price_data: { currency: "usd", unit_amount: amount, product_data: { name: "Bundle" } }, quantity: 1 },
      ],
    }),
  );
  const { json } = await controlPay(sandbox.url, session.id, { card: "4242424242424242" });
  const pi = json.payment_intent as { id: string; latest_charge: string };
  return { pi: pi.id, charge: pi.latest_charge };
}

describe("refunds", () => {
  it("refunds partially, then the rest, then refuses a second full refund", async () => {
    const { stripe, sandbox } = t;
    const { pi, charge } = await paidSession();

    const partial = await stripe.refunds.create({
      payment_intent: pi,
      amount: 200,
      reason: "requested_by_customer",
      metadata: { order_id: "ord_1" },
    });
    expect(partial.id).toMatch(/^re_/);
    expect(partial).toMatchObject({
      object: "refund",
      amount: 200,
      currency: "usd",
      charge,
      payment_intent: pi,
      status: "succeeded",
      reason: "requested_by_customer",
      metadata: { order_id: "ord_1" },
    });
    expect(await stripe.charges.retrieve(charge)).toMatchObject({ amount: 599, amount_refunded: 200, refunded: false });

    const rest = await stripe.refunds.create({ charge });
    expect(rest.amount).toBe(399);
    expect(await stripe.charges.retrieve(charge)).toMatchObject({ amount_refunded: 599, refunded: true });

    const again = await stripe.refunds.create({ payment_intent: pi }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again).toMatchObject({ statusCode: 400, code: "charge_already_refunded" });

    const listed = await stripe.refunds.list({ payment_intent: pi });
    expect(listed.data.map((r) => r.id)).toEqual([rest.id, partial.id]);
    expect((await stripe.refunds.retrieve(partial.id, { expand: ["charge"] })).charge).toMatchObject({
      id: charge,
      object: "charge",
    });

    // charge.refunded carries the Charge with cumulative amount_refunded, one per refund.
    const refundedEvents = (await controlEvents(sandbox.url, "charge.refunded")).filter(
      (e) => e.data.object.id === charge,
    );
    expect(refundedEvents.map((e) => [e.data.object.amount_refunded, e.data.object.refunded])).toEqual([
      [200, false],
      [599, true],
    ]);
    expect(refundedEvents[0]!.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });
    expect((await controlEvents(sandbox.url, "refund.created")).map((e) => e.data.object.id)).toEqual([
      partial.id,
      rest.id,
    ]);
    const ledger = (await (await fetch(`${sandbox.url}/_sandbox/stripe/refunds`)).json()) as {
      refunds: { id: string }[];
    };
    expect(ledger.refunds.map((r) => r.id)).toEqual([partial.id, rest.id]);
  });

  it("rejects refunds larger than what is left and bad references", async () => {
    const { stripe } = t;
    const { pi } = await paidSession();
    const tooLarge = await stripe.refunds.create({ payment_intent: pi, amount: 600 }).catch((e: unknown) => e);
    expect(tooLarge).toMatchObject({ type: "StripeInvalidRequestError", code: "amount_too_large", param: "amount" });

    const unknown = await stripe.refunds.create({ payment_intent: "pi_missing" }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ statusCode: 400, code: "resource_missing", param: "payment_intent" });

    const neither = await stripe.refunds.create({}).catch((e: unknown) => e);
    expect(neither).toMatchObject({ statusCode: 400, code: "parameter_missing" });

    const badReason = await stripe.refunds
      .create({ payment_intent: pi, reason: "changed_mind" as Stripe.RefundCreateParams.Reason })
      .catch((e: unknown) => e);
    expect(badReason).toMatchObject({ statusCode: 400, param: "reason" });
  });

  it("replays a refund retried with the same Idempotency-Key instead of refunding twice", async () => {
    const { stripe } = t;
    const { pi, charge } = await paidSession();
    const key = `refund/${pi}`;
    const a = await stripe.refunds.create({ payment_intent: pi, amount: 100 }, { idempotencyKey: key });
    const b = await stripe.refunds.create({ payment_intent: pi, amount: 100 }, { idempotencyKey: key });
    expect(b.id).toBe(a.id);
    expect((await stripe.charges.retrieve(charge)).amount_refunded).toBe(100);
  });

  it("survives a lost response: the SDK's retry is replayed, not refunded again", async () => {
    const { stripe, sandbox } = t;
    const { pi, charge } = await paidSession();
    // The refund happens but the connection drops before the answer; stripe-node retries a closed
    // connection once with the same auto-generated Idempotency-Key.
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ service: "stripe", route: "POST /refunds", dropAfterSend: true }),
    });
    const refund = await stripe.refunds.create({ payment_intent: pi, amount: 150 });
    expect(refund.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await stripe.refunds.list({ payment_intent: pi })).data.map((r) => r.id)).toEqual([refund.id]);
    expect((await stripe.charges.retrieve(charge)).amount_refunded).toBe(150);
  });
});

describe("payment intents, charges and balance", () => {
  it("retrieves PaymentIntents with the latest charge expanded", async () => {
    const { stripe } = t;
    const { pi, charge } = await paidSession();
    const intent = await stripe.paymentIntents.retrieve(pi, { expand: ["latest_charge"] });
    expect((intent.latest_charge as Stripe.Charge).id).toBe(charge);
    const err = await stripe.paymentIntents.retrieve("pi_missing").catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 404, code: "resource_missing" });
    const bad = await stripe.paymentIntents.retrieve(pi, { expand: ["currency"] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("reports payments minus refunds as the available balance", async () => {
    const { stripe } = t;
    const start = await stripe.balance.retrieve();
    expect(start).toMatchObject({ object: "balance", livemode: false, available: [{ amount: 0, currency: "usd" }] });
    expect(start.issuing?.available[0]?.currency).toBe("usd");

    const { pi } = await paidSession(1000);
    await paidSession(500);
    await stripe.refunds.create({ payment_intent: pi, amount: 300 });
    const after = await stripe.balance.retrieve();
    expect(after.available).toEqual([expect.objectContaining({ amount: 1200, currency: "usd" })]);
    expect(after.pending).toEqual([expect.objectContaining({ amount: 0, currency: "usd" })]);
  });
});

// Contract tests for coupons, promotion codes and discounted Checkout Sessions, through the real `stripe` SDK.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { controlPay, sessionParams, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(async () => t.close());

const card = { card: "4242424242424242", email: "traveller@example.com" };

async function refusal(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
  throw new Error("expected Stripe to refuse");
}

describe("coupons", () => {
  it("an amount-off coupon discounts the session exactly; paying redeems it once", async () => {
    const { stripe, sandbox } = t;
    const coupon = await stripe.coupons.create({
      amount_off: 150,
      currency: "usd",
      duration: "once",
      max_redemptions: 1,
      name: "SUMMER",
      metadata: { order_id: "ord_1" },
    });
    expect(coupon).toMatchObject({
      object: "coupon",
      amount_off: 150,
      currency: "usd",
      valid: true,
      times_redeemed: 0,
    });

    const session = await stripe.checkout.sessions.create(
      sessionParams(sandbox.url, { discounts: [{ coupon: coupon.id }] }),
    );
    expect(session.amount_subtotal).toBe(599);
    expect(session.amount_total).toBe(449);
    expect(session.total_details?.amount_discount).toBe(150);
    expect(session.discounts).toEqual([{ coupon: coupon.id, promotion_code: null }]);
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data[0]).toMatchObject({ amount_subtotal: 599, amount_discount: 150, amount_total: 449 });

    // The hosted page shows the discount under the subtotal.
    const page = await (await fetch(session.url!)).text();
    expect(page).toContain("Discount (SUMMER)");
    expect(page).toContain("$4.49");

    expect((await controlPay(sandbox.url, session.id, card)).status).toBe(200);
    const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
    expect((paid.payment_intent as Stripe.PaymentIntent).amount).toBe(449);
    expect((await stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(1);
    expect((await stripe.coupons.retrieve(coupon.id)).valid).toBe(false);

    // A single-use coupon that has been redeemed cannot discount another session.
    const again = await refusal(
      stripe.checkout.sessions.create(sessionParams(sandbox.url, { discounts: [{ coupon: coupon.id }] })),
    );
    expect(again.message).toMatch(/no longer valid/);
  });

  it("refuses what Stripe refuses: a foreign currency, an unknown coupon, discounts with allow_promotion_codes", async () => {
    const { stripe, sandbox } = t;
    const eur = await stripe.coupons.create({ amount_off: 100, currency: "eur", duration: "once" });
    expect(
      (await refusal(stripe.checkout.sessions.create(sessionParams(sandbox.url, { discounts: [{ coupon: eur.id }] }))))
        .message,
    ).toMatch(/currency/);
    expect(
      (await refusal(stripe.checkout.sessions.create(sessionParams(sandbox.url, { discounts: [{ coupon: "NOPE" }] }))))
        .code,
    ).toBe("resource_missing");
    const pct = await stripe.coupons.create({ percent_off: 10, duration: "once" });
    const both = await refusal(
      stripe.checkout.sessions.create(
        sessionParams(sandbox.url, { discounts: [{ coupon: pct.id }], allow_promotion_codes: true }),
      ),
    );
    expect(both.message).toMatch(/only specify one/);
    // What is left to pay must still reach Stripe's minimum charge.
    const big = await stripe.coupons.create({ amount_off: 580, currency: "usd", duration: "once" });
    expect(
      (await refusal(stripe.checkout.sessions.create(sessionParams(sandbox.url, { discounts: [{ coupon: big.id }] }))))
        .code,
    ).toBe("amount_too_small");
  });

  it("a promotion code over a percent coupon: rounded to the cent, refused once inactive", async () => {
    const { stripe, sandbox } = t;
    const coupon = await stripe.coupons.create({ percent_off: 15, duration: "once" });
    const promo = await stripe.promotionCodes.create({
      promotion: { type: "coupon", coupon: coupon.id },
      code: "TRAVEL15",
    });
    expect(promo).toMatchObject({
      object: "promotion_code",
      code: "TRAVEL15",
      active: true,
      promotion: { coupon: coupon.id },
    });
    const session = await stripe.checkout.sessions.create(
      sessionParams(sandbox.url, { discounts: [{ promotion_code: promo.id }] }),
    );
    // 15 % of 5.99 is 0.8985.
    expect(session.total_details?.amount_discount).toBe(90);
    expect(session.amount_total).toBe(509);
    expect(session.discounts).toEqual([{ coupon: null, promotion_code: promo.id }]);

    await stripe.promotionCodes.update(promo.id, { active: false });
    const refused = await refusal(
      stripe.checkout.sessions.create(sessionParams(sandbox.url, { discounts: [{ promotion_code: promo.id }] })),
    );
    expect(refused.message).toMatch(/cannot be redeemed/);
    const listed = await stripe.promotionCodes.list({ code: "TRAVEL15" });
    expect(listed.data.map((p) => p.id)).toEqual([promo.id]);
  });
});

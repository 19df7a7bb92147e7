// Promotion codes and referrals on the money path: real checkout against the sandbox's Stripe, the webhook,
// refunds, and a rush of simultaneous checkouts for a code's last uses on real PostgreSQL.
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { testDbKinds } from "@/lib/db/testing";
import { customers, orderEvents, orders, promotions } from "@/lib/db/schema";
import { createCheckout } from "@/lib/payments/checkout";
import { PromotionCheckoutError, type CheckoutError } from "@/lib/payments/checkout-errors";
import { refundOrder } from "@/lib/payments/refunds";
import { transition } from "@/lib/orders/lifecycle";
import {
  BUNDLE,
  PRICE_MINOR,
  deliverEvent,
  orderRow,
  stripeEvent,
  uniqueEmail,
  type Harness,
  useHarness,
} from "@/test/harness";
import { POST } from "@/app/api/checkout/route";
import { createPromotion, listRedemptions, setPromotionActive } from "./admin";

// The route reads the signed-in user from a request scope; these tests buy as guests.
vi.mock("@/lib/auth", () => ({ currentUser: async () => null }));
import { creditBalance, planDiscount, PromotionRefused } from "./apply";
import { referralCodeFor, REFERRAL_REWARD } from "./referrals";

let n = 0;
const uniqueCode = (tag = "TEST") => `${tag}-${Date.now().toString(36).toUpperCase()}-${++n}`;

async function makeCode(h: Harness, fields: Record<string, string>) {
  const r = await createPromotion(
    h.db,
    {
      code: uniqueCode(),
      kind: "percent",
      percentOff: "",
      startsAt: "",
      endsAt: "",
      maxRedemptions: "",
      maxPerCustomer: "",
      countries: "",
      ...fields,
    },
    "ops@tern.test",
  );
  if (r.outcome !== "applied") throw new Error(r.message);
  return r.promotion;
}

async function refusal(p: Promise<unknown>): Promise<PromotionCheckoutError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PromotionCheckoutError) return err;
    throw err;
  }
  throw new Error("expected the code to be refused");
}

interface SandboxSession {
  id: string;
  amount_subtotal: number;
  amount_total: number;
  total_details: { amount_discount: number };
  discounts: { coupon: string | null }[];
}

async function session(h: Harness, id: string): Promise<SandboxSession> {
  const res = await fetch(`${h.sandbox.url}/v1/checkout/sessions/${id}`, {
    headers: { authorization: "Bearer sk_test_tern" },
  });
  return (await res.json()) as SandboxSession;
}

async function pay(h: Harness, orderId: string, email: string): Promise<Stripe.Event> {
  const { stripeCheckoutSessionId: sessionId } = await orderRow(h.db, orderId);
  await h.sandbox.control("POST", `/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
  const event = await stripeEvent(
    h,
    "checkout.session.completed",
    (e) => (e.data.object as { id: string }).id === sessionId,
  );
  const res = await deliverEvent(event);
  expect(res.status).toBe(200);
  return event;
}

describe.each(testDbKinds())("promotion codes on %s", (kind) => {
  const h = useHarness(kind);

  it("charges exactly the discounted price through a Stripe coupon, verifies it at the webhook and refunds what was paid", async () => {
    const promo = await makeCode(h, { kind: "percent", percentOff: "15" });
    const email = uniqueEmail();
    const { orderId } = await createCheckout({ bundleName: BUNDLE, email, promotionCode: promo.code.toLowerCase() });
    // 15 % of 4.99 is 0.7485 → 0.75 off.
    const order = await orderRow(h.db, orderId);
    expect(order.amountMinor).toBe(PRICE_MINOR - 75);
    const s = await session(h, order.stripeCheckoutSessionId!);
    expect(s).toMatchObject({ amount_subtotal: PRICE_MINOR, amount_total: PRICE_MINOR - 75 });
    expect(s.total_details.amount_discount).toBe(75);
    expect(s.discounts[0]?.coupon).toBeTruthy();

    await pay(h, orderId, email);
    const paid = await orderRow(h.db, orderId);
    expect(["paid", "provisioning", "delivered"]).toContain(paid.status);
    const steps = await h.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
    expect(steps.map((e) => e.step)).toContain("payment.discount_verified");
    expect(steps.map((e) => e.step)).not.toContain("payment.discount_mismatch");

    // A failed delivery is refunded in full: the 4.24 the card paid, not the 4.99 list price.
    await h.db.update(orders).set({ status: "failed" }).where(eq(orders.id, orderId));
    const refunded = await refundOrder(h.db, orderId);
    expect(refunded.refundedMinor).toBe(PRICE_MINOR - 75);
  });

  it("a fixed amount off is per currency: a code without an amount in the plan's currency is refused", async () => {
    const usd = await makeCode(h, { kind: "fixed", amount_USD: "1.50" });
    const { orderId } = await createCheckout({ bundleName: BUNDLE, email: uniqueEmail(), promotionCode: usd.code });
    expect((await orderRow(h.db, orderId)).amountMinor).toBe(PRICE_MINOR - 150);
    // Stored like a code made before the shop sold in euros only: nothing for USD.
    const eur = await makeCode(h, { kind: "fixed", amount_USD: "1" });
    await h.db
      .update(promotions)
      .set({ amountsOff: { EUR: 100 } })
      .where(eq(promotions.id, eur.id));
    const err = await refusal(createCheckout({ bundleName: BUNDLE, email: uniqueEmail(), promotionCode: eur.code }));
    expect(err.reason).toBe("wrong_currency");
  });

  it("says exactly why a code cannot be used: unknown, expired, not yet, inactive, destination, minimum", async () => {
    const checkout = (code: string) =>
      createCheckout({ bundleName: BUNDLE, email: uniqueEmail(), promotionCode: code });
    expect((await refusal(checkout("NO-SUCH-CODE"))).reason).toBe("not_found");
    expect((await refusal(checkout("<script>"))).reason).toBe("not_found");
    const past = await makeCode(h, { percentOff: "10", endsAt: "2020-01-01T00:00" });
    const err = await refusal(checkout(past.code));
    expect(err.reason).toBe("expired");
    expect(err.message).toBe("This code expired on 2020-01-01.");
    const future = await makeCode(h, { percentOff: "10", startsAt: "2099-01-01T00:00" });
    expect((await refusal(checkout(future.code))).reason).toBe("not_started");
    const japan = await makeCode(h, { percentOff: "10", countries: "JP, KR" });
    expect((await refusal(checkout(japan.code))).message).toBe("This code isn't valid for this destination.");
    const gb = await makeCode(h, { percentOff: "10", countries: "gb" });
    expect((await orderRow(h.db, (await checkout(gb.code)).orderId)).amountMinor).toBe(PRICE_MINOR - 50);
    const big = await makeCode(h, { percentOff: "10", minimum_USD: "10" });
    expect((await refusal(checkout(big.code))).message).toBe("This code needs an order of at least $10.00.");
    const off = await makeCode(h, { percentOff: "10" });
    expect((await setPromotionActive(h.db, off.id, false)).outcome).toBe("applied");
    expect((await setPromotionActive(h.db, off.id, false)).outcome).toBe("no_change");
    expect((await refusal(checkout(off.code))).reason).toBe("inactive");
  });

  it("a stale form: a code that expired after the page was shown is refused at checkout, and no order is left behind", async () => {
    const promo = await makeCode(h, { percentOff: "20" });
    const email = uniqueEmail();
    const shown = await planDiscount(
      h.db,
      { code: promo.code, buyer: { email }, listMinor: PRICE_MINOR, currency: "USD", countries: ["GB"] },
      { lock: false },
    );
    expect(shown.finalMinor).toBe(PRICE_MINOR - 100);
    await h.db
      .update(promotions)
      .set({ endsAt: new Date(Date.now() - 1000) })
      .where(eq(promotions.id, promo.id));
    const before = await h.db.select().from(orders).where(eq(orders.email, email));
    const err = await refusal(
      createCheckout({ bundleName: BUNDLE, email, promotionCode: promo.code, expectedMinor: shown.finalMinor }),
    );
    expect(err.reason).toBe("expired");
    expect(await h.db.select().from(orders).where(eq(orders.email, email))).toHaveLength(before.length);
  });

  it("the form post: a refused code goes back to the review step with its reason; JSON gets 409 with the reason", async () => {
    const promo = await makeCode(h, { percentOff: "10", endsAt: "2021-05-01T00:00" });
    const form = await POST(
      new NextRequest("http://localhost/api/checkout", {
        method: "POST",
        headers: { "x-forwarded-for": "203.0.113.77" },
        body: new URLSearchParams({ bundle: BUNDLE, email: uniqueEmail(), code: promo.code, expect: "449" }),
      }),
    );
    expect(form.status).toBe(303);
    const to = new URL(form.headers.get("location")!);
    expect(to.pathname).toBe("/checkout/review");
    expect(Object.fromEntries(to.searchParams)).toEqual({ bundle: BUNDLE, code: promo.code, error: "expired" });
    const json = await POST(
      new NextRequest("http://localhost/api/checkout", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.78" },
        body: JSON.stringify({ bundle: BUNDLE, email: uniqueEmail(), code: promo.code }),
      }),
    );
    expect(json.status).toBe(409);
    expect(await json.json()).toEqual({
      error: { code: "promotion_refused", reason: "expired", message: "This code expired on 2021-05-01." },
    });
  });

  it("the price the buyer saw or nothing: a changed price is refused, not charged", async () => {
    const promo = await makeCode(h, { percentOff: "10" });
    await expect(
      createCheckout({ bundleName: BUNDLE, email: uniqueEmail(), promotionCode: promo.code, expectedMinor: 100 }),
    ).rejects.toMatchObject({ code: "price_changed" } satisfies Partial<CheckoutError>);
  });

  it("a code applied twice by one buyer counts once per customer; an abandoned checkout gives the use back", async () => {
    const promo = await makeCode(h, { percentOff: "10", maxPerCustomer: "1" });
    const email = uniqueEmail();
    // Without an email or an account there is nobody to count against.
    expect((await refusal(createCheckout({ bundleName: BUNDLE, promotionCode: promo.code }))).reason).toBe(
      "needs_email",
    );
    const first = await createCheckout({ bundleName: BUNDLE, email, promotionCode: promo.code });
    const second = await refusal(
      createCheckout({ bundleName: "esim_3GB_30D_GB_V2", email, promotionCode: promo.code }),
    );
    expect(second.reason).toBe("customer_limit");
    expect(second.message).toBe("You've already used this code.");
    // Same email in other letters is the same buyer.
    expect(
      (
        await refusal(
          createCheckout({ bundleName: "esim_3GB_30D_GB_V2", email: email.toUpperCase(), promotionCode: promo.code }),
        )
      ).reason,
    ).toBe("customer_limit");

    await transition(h.db, first.orderId, "expired", { from: ["pending_payment"] });
    const again = await createCheckout({ bundleName: "esim_3GB_30D_GB_V2", email, promotionCode: promo.code });
    expect((await orderRow(h.db, again.orderId)).amountMinor).toBe(999 - 100);
    const uses = await listRedemptions(h.db, promo.id);
    expect(uses.map((u) => u.status).sort()).toEqual(["expired", "pending_payment"]);
  });
});

describe.each(testDbKinds())("referrals on %s", (kind) => {
  const h = useHarness(kind);

  async function customer(): Promise<{ id: string; email: string }> {
    const email = uniqueEmail("cust");
    const id = `cus_${Date.now().toString(36)}${++n}`;
    await h.db.insert(customers).values({ id, email });
    return { id, email };
  }

  it("one code per customer, made once even when asked twice at the same moment", async () => {
    const c = await customer();
    const [a, b] = await Promise.all([referralCodeFor(h.db, c.id), referralCodeFor(h.db, c.id)]);
    expect(a.code).toBe(b.code);
    expect(a.code).toMatch(/^FRIEND-[A-Z2-9]{8}$/);
  });

  it("never for oneself: the referrer's account or email is refused", async () => {
    const c = await customer();
    const { code } = await referralCodeFor(h.db, c.id);
    expect(
      (await refusal(createCheckout({ bundleName: BUNDLE, customerId: c.id, email: c.email, promotionCode: code })))
        .reason,
    ).toBe("self_referral");
    expect((await refusal(createCheckout({ bundleName: BUNDLE, email: c.email, promotionCode: code }))).reason).toBe(
      "self_referral",
    );
  });

  it("a friend's first order is 10 % off; the referrer earns credit once it is delivered, never for a refunded one, and spends it on the next order", async () => {
    const referrer = await customer();
    const { code } = await referralCodeFor(h.db, referrer.id);
    const reward = REFERRAL_REWARD.USD!;

    const friend = uniqueEmail("friend");
    const { orderId } = await createCheckout({ bundleName: BUNDLE, email: friend, promotionCode: code });
    expect((await orderRow(h.db, orderId)).amountMinor).toBe(PRICE_MINOR - 50);
    await pay(h, orderId, friend);
    // Paid is not delivered: no credit yet.
    expect(await creditBalance(h.db, referrer.id, "USD")).toBe(0);
    await h.db.update(orders).set({ status: "delivered", deliveredAt: new Date() }).where(eq(orders.id, orderId));
    expect(await creditBalance(h.db, referrer.id, "USD")).toBe(reward);

    // The friend's second order is not a first order.
    expect((await refusal(createCheckout({ bundleName: BUNDLE, email: friend, promotionCode: code }))).reason).toMatch(
      /first_order_only|customer_limit/,
    );

    // A second friend's delivered order is refunded afterwards (a goodwill refund): it stops earning.
    const friend2 = uniqueEmail("friend");
    const second = await createCheckout({ bundleName: BUNDLE, email: friend2, promotionCode: code });
    await pay(h, second.orderId, friend2);
    await h.db
      .update(orders)
      .set({ status: "delivered", deliveredAt: new Date() })
      .where(eq(orders.id, second.orderId));
    expect(await creditBalance(h.db, referrer.id, "USD")).toBe(2 * reward);
    await h.db
      .update(orders)
      .set({ refundedAt: new Date(), refundedMinor: PRICE_MINOR - 50 })
      .where(eq(orders.id, second.orderId));
    expect(await creditBalance(h.db, referrer.id, "USD")).toBe(reward);

    // The referrer's next order spends the credit as a Stripe discount; the balance is then spent.
    const own = await createCheckout({ bundleName: BUNDLE, customerId: referrer.id, email: referrer.email });
    const ownOrder = await orderRow(h.db, own.orderId);
    expect(ownOrder.amountMinor).toBe(PRICE_MINOR - reward);
    expect((await session(h, ownOrder.stripeCheckoutSessionId!)).total_details.amount_discount).toBe(reward);
    expect(await creditBalance(h.db, referrer.id, "USD")).toBe(0);
    // Abandoned: the credit comes back.
    await transition(h.db, own.orderId, "expired", { from: ["pending_payment"] });
    expect(await creditBalance(h.db, referrer.id, "USD")).toBe(reward);
  });

  it("refuses with a typed reason, not a crash, when asked directly", async () => {
    await expect(
      planDiscount(
        h.db,
        { code: "FRIEND-AAAAAAAA", buyer: {}, listMinor: 499, currency: "USD", countries: ["GB"] },
        { lock: false },
      ),
    ).rejects.toBeInstanceOf(PromotionRefused);
  });
});

describe.runIf(testDbKinds().includes("postgres"))("a rush for a code's last uses on PostgreSQL", () => {
  const h = useHarness("postgres", { reset: false });

  it("50 simultaneous checkouts for a code with 7 uses left: exactly 7 orders get it, and an expired one frees a use", async () => {
    const promo = await makeCode(h, { percentOff: "10", maxRedemptions: "7" });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        createCheckout({ bundleName: BUNDLE, email: uniqueEmail("rush"), promotionCode: promo.code }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(won).toHaveLength(7);
    expect(lost).toHaveLength(43);
    expect(lost.every((e) => e instanceof PromotionCheckoutError && e.reason === "used_up")).toBe(true);
    const uses = await listRedemptions(h.db, promo.id);
    expect(uses).toHaveLength(7);
    expect(uses.every((u) => u.amountMinor === PRICE_MINOR - 50)).toBe(true);

    // Stripe expires one of the sessions: its use goes back to the pool, exactly one more buyer gets it.
    const orderId = (won[0] as PromiseFulfilledResult<{ orderId: string }>).value.orderId;
    const { stripeCheckoutSessionId } = await orderRow(h.db, orderId);
    await fetch(`${h.sandbox.url}/v1/checkout/sessions/${stripeCheckoutSessionId}/expire`, {
      method: "POST",
      headers: { authorization: "Bearer sk_test_tern" },
    });
    const expired = await stripeEvent(
      h,
      "checkout.session.expired",
      (e) => (e.data.object as { id: string }).id === stripeCheckoutSessionId,
    );
    expect((await deliverEvent(expired)).status).toBe(200);
    const second = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        createCheckout({ bundleName: BUNDLE, email: uniqueEmail("rush"), promotionCode: promo.code }),
      ),
    );
    expect(second.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });
});

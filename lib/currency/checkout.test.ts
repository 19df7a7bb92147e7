// Selling in the visitor's currency, on the money path: the stored price is what Checkout charges, the webhook
// verifies that amount in that currency, a refund goes back in it, and a stale rate or a currency the shop
// does not sell is refused before any order exists.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { and, count, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { testDbKinds } from "@/lib/db/testing";
import { bundlePrices, bundles, exchangeRates, orderEvents, orders } from "@/lib/db/schema";
import { syncCatalogue } from "@/lib/catalogue/sync";
import { resetEnvCache } from "@/lib/env";
import { refundOrder } from "@/lib/payments/refunds";
import { POST } from "@/app/api/checkout/route";
import {
  ADMIN_EMAIL,
  BUNDLE,
  PRICE_MINOR,
  deliverEvent,
  orderRow,
  resetBetweenTests,
  startHarness,
  stripeEvent,
  uniqueEmail,
  type Harness,
} from "@/test/harness";
import { runExchangeRates } from "./jobs";
import { pinCurrencyRate } from "./admin";
import { priceBook } from "./display";
import { currencyForLanguages, parseAcceptLanguage } from "./regions";

vi.mock("@/lib/auth", () => ({ currentUser: async () => null }));

interface SandboxSession {
  id: string;
  amount_total: number;
  currency: string;
  line_items: { price: { unit_amount: number; currency: string } }[];
}

// Sandbox ECB defaults per 1 EUR: USD 1.0850, JPY 163.20, GBP 0.84610. $4.99 → ¥751 → +2 % ¥767 → ¥780;
// → £3.90 → +2 % £3.98 → £3.99; → €4.60 → +2 % €4.70 → €4.99.
const JPY_PRICE = 780;
const GBP_PRICE = 399;

describe.each(testDbKinds())("selling in the visitor's currency on %s", (kind) => {
  let h: Harness;
  let ip = 0;
  const checkout = (body: Record<string, unknown>) =>
    POST(
      new NextRequest("http://localhost/api/checkout", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${++ip % 250}` },
        body: JSON.stringify(body),
      }),
    );
  const session = async (id: string) =>
    (await (
      await fetch(`${h.sandbox.url}/v1/checkout/sessions/${id}?expand[]=line_items`, {
        headers: { authorization: "Bearer sk_test_tern" },
      })
    ).json()) as SandboxSession;
  const paidEvent = async (orderId: string, email: string): Promise<Stripe.Event> => {
    const { stripeCheckoutSessionId: sessionId } = await orderRow(h.db, orderId);
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
    return stripeEvent(h, "checkout.session.completed", (e) => (e.data.object as { id: string }).id === sessionId);
  };
  const orderCount = async () => (await h.db.select({ n: count() }).from(orders))[0]!.n;

  beforeAll(async () => {
    process.env.SHOP_CURRENCIES = "USD,EUR,GBP,JPY";
    process.env.CURRENCY_MAX_RATE_AGE_DAYS = "5";
    h = await startHarness(kind);
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.SHOP_CURRENCIES;
    delete process.env.CURRENCY_MAX_RATE_AGE_DAYS;
    resetEnvCache();
    await h?.close();
  });
  beforeEach(async () => {
    await resetBetweenTests(h);
    await h.db.update(exchangeRates).set({ pinnedPerBase: null, staleAlertedAt: null });
    // The sandbox publishes today's table (the latest working day); the job stores it and reprices.
    const r = await runExchangeRates(h.db);
    expect(r.stopped).toEqual([]);
  });

  it("pages read the stored prices: what a plan shows in a currency is its stored price", async () => {
    const book = await priceBook();
    expect(book.selling).toEqual(["USD", "EUR", "GBP", "JPY"]);
    expect(book.tables.JPY?.[PRICE_MINOR]).toBe(JPY_PRICE);
    // A render a week on, before any job ran: the rates are too old to sell by, whatever the cache holds.
    expect((await priceBook(new Date(Date.now() + 7 * 86_400_000))).selling).toEqual(["USD"]);
  });

  it("stores each plan's price per currency as integers, yen without minor units", async () => {
    const rows = await h.db.select().from(bundlePrices).where(eq(bundlePrices.bundleName, BUNDLE));
    const by = Object.fromEntries(rows.map((r) => [r.currency, r.priceMinor]));
    expect(by).toEqual({ EUR: 499, GBP: GBP_PRICE, JPY: JPY_PRICE });
    expect(rows.every((r) => r.basePriceMinor === PRICE_MINOR)).toBe(true);
  });

  it("charges a picked currency's stored price on Stripe's page, and the order records it", async () => {
    const email = uniqueEmail();
    const res = await checkout({ bundle: BUNDLE, email, currency: "gbp" });
    expect(res.status).toBe(201);
    const { orderId } = (await res.json()) as { orderId: string };
    const order = await orderRow(h.db, orderId);
    expect(order).toMatchObject({ amountMinor: GBP_PRICE, currency: "GBP", wholesaleCurrency: "USD" });
    expect(order.bundleSnapshot).toMatchObject({
      priceMinor: GBP_PRICE,
      currency: "GBP",
      basePriceMinor: PRICE_MINOR,
      baseCurrency: "USD",
    });
    const s = await session(order.stripeCheckoutSessionId!);
    expect(s).toMatchObject({ amount_total: GBP_PRICE, currency: "gbp" });
    // The same buyer in another currency is another purchase: a new session, not the GBP one.
    const usd = await checkout({ bundle: BUNDLE, email });
    expect(((await usd.json()) as { orderId: string }).orderId).not.toBe(orderId);
  });

  it("sells in yen end to end: ¥780 charged, verified at the webhook, refunded in yen", async () => {
    const email = uniqueEmail();
    const res = await checkout({ bundle: BUNDLE, email, currency: "JPY", expect: JPY_PRICE });
    expect(res.status).toBe(201);
    const { orderId } = (await res.json()) as { orderId: string };
    const order = await orderRow(h.db, orderId);
    expect(order).toMatchObject({ amountMinor: JPY_PRICE, currency: "JPY" });
    const s = await session(order.stripeCheckoutSessionId!);
    // Zero-decimal: 780 is ¥780, not ¥7.80.
    expect(s).toMatchObject({ amount_total: JPY_PRICE, currency: "jpy" });

    const event = await paidEvent(orderId, email);
    expect(event.data.object).toMatchObject({ amount_total: JPY_PRICE, currency: "jpy" });
    expect((await deliverEvent(event)).status).toBe(200);
    const paid = await orderRow(h.db, orderId);
    expect(["paid", "provisioning", "delivered"]).toContain(paid.status);

    await h.db.update(orders).set({ status: "failed" }).where(eq(orders.id, orderId));
    const refunded = await refundOrder(h.db, orderId);
    expect(refunded).toMatchObject({ status: "refunded", refundedMinor: JPY_PRICE, currency: "JPY" });
    const { refunds } = await h.sandbox.control<{
      refunds: { amount: number; currency: string; payment_intent: string }[];
    }>("GET", "/stripe/refunds");
    expect(refunds.filter((r) => r.payment_intent === paid.stripePaymentIntentId)).toEqual([
      expect.objectContaining({ amount: JPY_PRICE, currency: "jpy" }),
    ]);
  });

  it("a promotion code is quoted and charged in the picked currency, at the price the review step showed", async () => {
    const { createPromotion } = await import("@/lib/promotions/admin");
    const { quoteCheckout } = await import("@/lib/promotions/quote");
    const made = await createPromotion(
      h.db,
      {
        code: `YEN${Date.now().toString(36).toUpperCase()}`,
        kind: "percent",
        percentOff: "10",
        startsAt: "",
        endsAt: "",
        maxRedemptions: "",
        maxPerCustomer: "",
        countries: "",
      },
      ADMIN_EMAIL,
    );
    if (made.outcome !== "applied") throw new Error(made.message);
    const quote = await quoteCheckout({
      bundleName: BUNDLE,
      code: made.promotion.code,
      ip: "203.0.113.9",
      currency: "jpy",
    });
    // 10 % of ¥780 = ¥78.
    expect(quote?.bundle).toMatchObject({ priceMinor: JPY_PRICE, currency: "JPY" });
    expect(quote?.plan).toMatchObject({ listMinor: JPY_PRICE, finalMinor: JPY_PRICE - 78, currency: "JPY" });
    const res = await checkout({
      bundle: BUNDLE,
      email: uniqueEmail(),
      currency: "JPY",
      code: made.promotion.code,
      expect: JPY_PRICE - 78,
    });
    expect(res.status).toBe(201);
    const order = await orderRow(h.db, ((await res.json()) as { orderId: string }).orderId);
    expect(order).toMatchObject({ amountMinor: JPY_PRICE - 78, currency: "JPY" });
    expect(await session(order.stripeCheckoutSessionId!)).toMatchObject({
      amount_total: JPY_PRICE - 78,
      currency: "jpy",
    });
  });

  it("parks a payment whose currency is not the order's, even when the number matches", async () => {
    const email = uniqueEmail();
    const res = await checkout({ bundle: BUNDLE, email, currency: "JPY" });
    const { orderId } = (await res.json()) as { orderId: string };
    const event = await paidEvent(orderId, email);
    // ¥780 paid as $780.00 (or as ¥7.80 read the wrong way) is not what the order says.
    const forged = structuredClone(event);
    (forged.data.object as { currency: string }).currency = "usd";
    expect((await deliverEvent(forged)).status).toBe(200);
    const order = await orderRow(h.db, orderId);
    expect(order.status).toBe("needs_attention");
    const steps = await h.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
    expect(JSON.stringify(steps)).toMatch(/paid 780 USD, order is 780 JPY/);
  });

  it("refuses with a 400 a currency the shop does not sell, and creates no order", async () => {
    const before = await orderCount();
    for (const currency of ["CHF", "XXX", "yen", 12]) {
      const res = await checkout({ bundle: BUNDLE, email: uniqueEmail(), currency });
      expect(res.status, String(currency)).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(["currency_not_sold", "invalid_input"]).toContain(body.error.code);
    }
    const chf = await checkout({ bundle: BUNDLE, currency: "CHF" });
    expect(((await chf.json()) as { error: { message: string } }).error.message).toMatch(
      /We don't sell in CHF\. Choose one of: USD, EUR, GBP, JPY/,
    );
    expect(await orderCount()).toBe(before);
  });

  it("stops a currency whose rate went stale: checkout refused with a clear 400, its prices gone, one alert", async () => {
    // The source goes quiet: it keeps publishing a table from 10 days ago.
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await h.db.update(exchangeRates).set({ asOf: old }).where(eq(exchangeRates.currency, "JPY"));
    await h.sandbox.control("POST", "/faults", { service: "ecb", status: 503, times: 10 });
    const first = await runExchangeRates(h.db);
    expect(first.stopped).toEqual([{ currency: "JPY", reason: "stale" }]);
    expect(first.alerted).toEqual(["JPY"]);
    expect(first.sourceError).toMatch(/503/);
    expect((await runExchangeRates(h.db)).alerted).toEqual([]);
    const alerts = (await h.sandbox.control<{ to: string[]; subject: string }[]>("GET", "/emails")).filter((e) =>
      e.subject.includes("Stopped selling in JPY"),
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.to).toEqual([ADMIN_EMAIL]);
    expect(
      await h.db
        .select()
        .from(bundlePrices)
        .where(and(eq(bundlePrices.currency, "JPY"))),
    ).toEqual([]);

    // Pages offer the currencies still selling; a JPY visitor sees dollars.
    const book = await priceBook();
    expect(book.selling).toEqual(["USD", "EUR", "GBP"]);
    expect(book.tables.JPY).toBeUndefined();

    const before = await orderCount();
    const res = await checkout({ bundle: BUNDLE, email: uniqueEmail(), currency: "JPY", expect: JPY_PRICE });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "currency_unavailable",
        message: "Prices in JPY are paused for now (its exchange rate is out of date). Please pay in USD.",
      },
    });
    expect(await orderCount()).toBe(before);
    // The other currencies sell on.
    expect((await checkout({ bundle: BUNDLE, email: uniqueEmail(), currency: "GBP" })).status).toBe(201);

    // An admin's pin sells it again at the pinned rate.
    const actor = { id: null, email: ADMIN_EMAIL, ip: null, userAgent: null };
    expect(await pinCurrencyRate(h.db, "JPY", "-1", actor)).toMatchObject({ outcome: "refused" });
    expect(await pinCurrencyRate(h.db, "USD", "1", actor)).toMatchObject({ outcome: "refused" });
    expect(await pinCurrencyRate(h.db, "CHF", "0.95", actor)).toMatchObject({ outcome: "refused" });
    expect(await pinCurrencyRate(h.db, "JPY", "150", actor)).toMatchObject({ outcome: "applied" });
    // A double submit changes nothing the second time.
    expect(await pinCurrencyRate(h.db, "JPY", "150", actor)).toMatchObject({ outcome: "no_change" });
    // Repriced at once, before any job runs.
    const [pinned] = await h.db
      .select()
      .from(bundlePrices)
      .where(and(eq(bundlePrices.bundleName, BUNDLE), eq(bundlePrices.currency, "JPY")));
    // $4.99 × 150 = ¥748.5 → ¥749 → +2 % ¥764 → ¥780.
    expect(pinned).toMatchObject({ priceMinor: 780, rate: "150", rateAsOf: null });
    expect((await checkout({ bundle: BUNDLE, email: uniqueEmail(), currency: "JPY" })).status).toBe(201);
  });

  it("a catalogue sync prices every plan it writes in every selling currency, in its own transaction", async () => {
    const result = await syncCatalogue({
      db: h.db,
      providers: ["esim-go"],
      log: { info: () => {}, warn: () => {} },
      maxDeactivateRatio: 1,
    });
    expect(result.busy).toBe(false);
    const active = await h.db
      .select({ name: bundles.name, priceMinor: bundles.priceMinor })
      .from(bundles)
      .where(eq(bundles.active, true));
    const jpy = await h.db.select().from(bundlePrices).where(eq(bundlePrices.currency, "JPY"));
    expect(jpy.length).toBe(active.length);
    const book = await priceBook();
    for (const b of active.slice(0, 50)) {
      const row = jpy.find((r) => r.bundleName === b.name)!;
      expect(row.basePriceMinor).toBe(b.priceMinor);
      expect(book.tables.JPY?.[b.priceMinor]).toBe(row.priceMinor);
      // Never below the base price converted at the reference rate.
      expect(row.priceMinor).toBeGreaterThanOrEqual(Math.ceil((b.priceMinor * 16320) / 108500));
    }
  });
});

describe("the visitor's default currency", () => {
  it("comes from the languages' region, by quality, among the currencies selling now", () => {
    const selling = ["USD", "EUR", "GBP", "JPY"];
    expect(parseAcceptLanguage("fr-CH, de-DE;q=0.8, en;q=0.5")).toEqual(["fr-CH", "de-DE", "en"]);
    expect(currencyForLanguages(parseAcceptLanguage("en-GB,en;q=0.9"), selling, "USD")).toBe("GBP");
    expect(currencyForLanguages(parseAcceptLanguage("ja"), selling, "USD")).toBe("JPY");
    // Swiss francs are not sold: the next language that maps to a selling currency wins.
    expect(currencyForLanguages(parseAcceptLanguage("fr-CH, de-DE;q=0.8"), selling, "USD")).toBe("EUR");
    // JPY stale (not selling): the base, not yen.
    expect(currencyForLanguages(["ja-JP"], ["USD", "EUR"], "USD")).toBe("USD");
    expect(currencyForLanguages(parseAcceptLanguage("*;q=0.1, garbage;;q=x"), selling, "USD")).toBe("USD");
  });
});

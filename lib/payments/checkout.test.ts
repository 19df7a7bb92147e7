// POST /api/checkout and the success page's own payment check.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { bundles, customers, jobs, orders } from "@/lib/db/schema";
import { POST } from "@/app/api/checkout/route";
import { confirmCheckoutSession, getOrderStatus, getOrderView } from "@/lib/orders/queries";
import { clearAvailabilityCache } from "@/lib/catalogue/availability";
import {
  BUNDLE,
  PRICE_MINOR,
  deliverEvent,
  orderRow,
  resetBetweenTests,
  startHarness,
  stripeEvent,
  uniqueEmail,
  type Harness,
} from "@/lib/fulfilment/testing";

// Sign-in needs a request scope (cookies); the route is called directly here, so the viewer is set by the test.
let signedIn: { id: string; email: string; isAdmin: boolean } | null = null;
vi.mock("@/lib/auth", () => ({ currentUser: async () => signedIn }));

interface SandboxSession {
  id: string;
  status: string;
  url: string | null;
  client_reference_id: string;
  customer_email: string | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  created: number;
  amount_total: number;
  currency: string;
  line_items: { description: string; amount_total: number; price: { unit_amount: number } }[];
}

describe.each(testDbKinds())("checkout on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
    await h.db.insert(bundles).values({
      name: "esim_1GB_7D_FR_V2",
      provider: "esim-go",
      description: "eSIM, 1GB, 7 Days, France, V2",
      scope: "country",
      countries: ["FR"],
      country: "FR",
      dataMb: 1000,
      durationDays: 7,
      wholesaleMinor: 118,
      wholesaleCurrency: "USD",
      priceMinor: 499,
      currency: "USD",
      active: false,
    });
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    signedIn = null;
    await resetBetweenTests(h);
  });

  const json = (body: unknown) =>
    POST(
      new Request("http://localhost/api/checkout", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  const form = (fields: Record<string, string>) =>
    POST(new Request("http://localhost/api/checkout", { method: "POST", body: new URLSearchParams(fields) }));
  const orderCount = async () => (await h.db.select({ n: count() }).from(orders))[0]!.n;

  it("creates a pending order with a snapshot and a Checkout Session carrying the order id everywhere", async () => {
    const email = uniqueEmail();
    const res = await json({ bundle: BUNDLE, email: email.toUpperCase() });
    expect(res.status).toBe(201);
    const { orderId, checkoutUrl } = (await res.json()) as { orderId: string; checkoutUrl: string };
    expect(orderId).toMatch(/^ord_/);

    const order = await orderRow(h.db, orderId);
    expect(order).toMatchObject({
      status: "pending_payment",
      email,
      amountMinor: PRICE_MINOR,
      currency: "USD",
      wholesaleMinor: 118,
      wholesaleCurrency: "USD",
      bundleName: BUNDLE,
    });
    expect(order.bundleSnapshot).toMatchObject({
      name: BUNDLE,
      title: "United Kingdom 1 GB · 7 days",
      priceMinor: PRICE_MINOR,
      countries: ["GB"],
    });
    expect(order.accessTokenHash).toMatch(/^[0-9a-f]{64}$/);

    const session = await h.sandbox.control<SandboxSession>("GET", `/stripe/sessions/${order.stripeCheckoutSessionId}`);
    expect(checkoutUrl).toBe(session.url);
    expect(session).toMatchObject({
      status: "open",
      client_reference_id: orderId,
      customer_email: email,
      metadata: { order_id: orderId },
      amount_total: PRICE_MINOR,
      currency: "usd",
      success_url: "http://localhost:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: `http://localhost:3000/checkout/cancelled?order=${orderId}&bundle=esim_1GB_7D_GB_V2`,
    });
    expect(session.line_items).toMatchObject([
      { description: "United Kingdom 1 GB · 7 days", price: { unit_amount: PRICE_MINOR } },
    ]);
    expect(session.expires_at - session.created).toBeGreaterThanOrEqual(30 * 60);
    expect(session.expires_at - session.created).toBeLessThan(35 * 60);

    // payment_intent_data.metadata reaches the PaymentIntent (refunds and disputes are found through it).
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${session.id}/pay`, { card: "4242424242424242" });
    const completed = await stripeEvent(h, "payment_intent.succeeded", () => true);
    expect((completed.data.object as { metadata: Record<string, string> }).metadata).toEqual({ order_id: orderId });
  });

  it("hands the same open session back to the same buyer for the same bundle within 5 minutes", async () => {
    const email = uniqueEmail();
    const first = (await (await json({ bundle: BUNDLE, email })).json()) as { orderId: string; checkoutUrl: string };
    const again = await json({ bundle: BUNDLE, email: ` ${email.toUpperCase()} ` });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    // Another bundle, or another buyer: a new order.
    const other = (await (await json({ bundle: "esim_3GB_30D_GB_V2", email })).json()) as { orderId: string };
    expect(other.orderId).not.toBe(first.orderId);
    const stranger = (await (await json({ bundle: BUNDLE, email: uniqueEmail() })).json()) as { orderId: string };
    expect(stranger.orderId).not.toBe(first.orderId);
    // Once paid, the session is no longer open: a new checkout starts.
    const { stripeCheckoutSessionId } = await orderRow(h.db, first.orderId);
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${stripeCheckoutSessionId}/pay`, {
      card: "4242424242424242",
    });
    const after = (await (await json({ bundle: BUNDLE, email })).json()) as { orderId: string };
    expect(after.orderId).not.toBe(first.orderId);
  });

  it("refuses malformed input, unknown and inactive bundles with a clear 4xx, creating nothing", async () => {
    const before = await orderCount();
    const cases: [unknown, number, string][] = [
      ["{not json", 400, "invalid_input"],
      [{}, 400, "invalid_input"],
      [{ bundle: "../../etc" }, 400, "invalid_input"],
      [{ bundle: BUNDLE, email: "not-an-email" }, 400, "invalid_input"],
      [{ bundle: "esim_1GB_7D_XX_V2" }, 404, "bundle_not_found"],
      [{ bundle: "esim_1GB_7D_FR_V2" }, 410, "bundle_unavailable"],
    ];
    for (const [body, status, code] of cases) {
      const res = await json(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code, message: expect.any(String) } });
    }
    expect(await orderCount()).toBe(before);
    expect((await h.sandbox.control<{ sessions: unknown[] }>("GET", "/stripe/sessions")).sessions).toEqual([]);
  });

  it("sells on a fresh catalogue row when eSIM Go cannot be asked, 503 on a stale one, 409 when it no longer sells it", async () => {
    clearAvailabilityCache();
    await h.sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", status: 500, times: 10 });
    const down = await json({ bundle: BUNDLE });
    expect(down.status).toBe(201);

    const before = await orderCount();
    clearAvailabilityCache();
    const [row] = await h.db.select().from(bundles).where(eq(bundles.name, BUNDLE));
    await h.db
      .update(bundles)
      .set({ syncedAt: new Date(Date.now() - 24 * 3600_000) })
      .where(eq(bundles.name, BUNDLE));
    try {
      const stale = await json({ bundle: BUNDLE });
      expect(stale.status).toBe(503);
      expect(await stale.json()).toMatchObject({ error: { code: "temporarily_unavailable" } });
    } finally {
      await h.db.update(bundles).set({ syncedAt: row!.syncedAt }).where(eq(bundles.name, BUNDLE));
      await h.sandbox.control("DELETE", "/faults");
    }

    await h.sandbox.control("POST", "/faults", {
      service: "esim-go",
      route: "POST /orders",
      status: 400,
      message: `Bundle ${BUNDLE} not found in catalogue`,
      times: 1,
    });
    const gone = await json({ bundle: BUNDLE });
    expect(gone.status).toBe(409);
    expect(await gone.json()).toMatchObject({
      error: { code: "bundle_unavailable", message: expect.stringMatching(/no longer available/) },
    });
    expect(await orderCount()).toBe(before);
  });

  it("closes the order when Stripe cannot create the session, and says to try again", async () => {
    await h.sandbox.control("POST", "/faults", {
      service: "stripe",
      route: "POST /checkout/sessions",
      status: 500,
      times: 3,
    });
    const email = uniqueEmail();
    const res = await json({ bundle: BUNDLE, email });
    expect(res.status).toBe(503);
    const [order] = await h.db.select().from(orders).where(eq(orders.email, email));
    expect(order).toMatchObject({ status: "expired", stripeCheckoutSessionId: null });
  });

  it("redirects a form post to Stripe with 303, and back to the bundle page with the error when it fails", async () => {
    const ok = await form({ bundle: BUNDLE, email: "" });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toMatch(/\/checkout\/pay\/cs_test_/);
    const bad = await form({ bundle: "esim_1GB_7D_FR_V2" });
    expect(bad.status).toBe(303);
    expect(bad.headers.get("location")).toBe(
      "http://localhost:3000/bundles/esim_1GB_7D_FR_V2?error=bundle_unavailable",
    );
  });

  it("confirms a paid session from the success page before any webhook, exactly as the webhook would", async () => {
    const email = uniqueEmail();
    const { orderId } = (await (await json({ bundle: BUNDLE, email })).json()) as { orderId: string };
    const { stripeCheckoutSessionId: sessionId } = await orderRow(h.db, orderId);
    expect(await confirmCheckoutSession(sessionId!)).toEqual({ orderId });
    expect((await orderRow(h.db, orderId)).status).toBe("pending_payment");

    await h.sandbox.control("POST", `/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
    expect(await confirmCheckoutSession(sessionId!)).toEqual({ orderId });
    expect((await orderRow(h.db, orderId)).status).not.toBe("pending_payment");
    // The webhook arrives late: nothing happens twice.
    const event = await stripeEvent(
      h,
      "checkout.session.completed",
      (e) => (e.data.object as { id: string }).id === sessionId,
    );
    expect((await deliverEvent(event)).status).toBe(200);
    // The success page woke the worker; it delivers in the background.
    for (let i = 0; i < 100 && (await orderRow(h.db, orderId)).status !== "delivered"; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    expect(await h.db.select().from(jobs).where(eq(jobs.orderId, orderId))).toHaveLength(1);
    expect(await getOrderView(orderId, { checkoutSessionId: sessionId! })).toMatchObject({ progress: "ready" });
    expect(await getOrderView(orderId, { checkoutSessionId: "cs_test_someone_else" })).toBeNull();

    expect(await confirmCheckoutSession("cs_test_unknown")).toBeNull();
  });

  it("links a signed-in customer's order to them, with their email", async () => {
    const email = uniqueEmail("member");
    const customerId = `cus_${Date.now().toString(36)}`;
    await h.db.insert(customers).values({ id: customerId, email });
    signedIn = { id: customerId, email, isAdmin: false };
    const { orderId } = (await (await json({ bundle: BUNDLE })).json()) as { orderId: string };
    expect(await orderRow(h.db, orderId)).toMatchObject({ customerId, email });
    expect(await getOrderView(orderId, { customerId })).toMatchObject({
      id: orderId,
      progress: "awaiting_payment",
      esim: null,
    });
    expect(await getOrderView(orderId, { customerId: "cus_somebody_else" })).toBeNull();
  });

  it("reports a paid order that is not delivered after a minute as slow, for the page to say the email will follow", async () => {
    const email = uniqueEmail();
    const { orderId } = (await (await json({ bundle: BUNDLE, email })).json()) as { orderId: string };
    const { stripeCheckoutSessionId: sessionId } = await orderRow(h.db, orderId);
    expect(await getOrderStatus(orderId, { checkoutSessionId: sessionId! })).toMatchObject({
      status: "pending_payment",
      progress: "awaiting_payment",
      slow: false,
    });
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
    await deliverEvent(
      await stripeEvent(h, "checkout.session.completed", (e) => (e.data.object as { id: string }).id === sessionId),
    );
    expect(await getOrderStatus(orderId, { checkoutSessionId: sessionId! })).toMatchObject({
      progress: "payment_confirmed",
      slow: false,
    });
    expect(
      await getOrderStatus(orderId, { checkoutSessionId: sessionId! }, new Date(Date.now() + 61_000)),
    ).toMatchObject({ progress: "payment_confirmed", slow: true });
    expect(await getOrderStatus(orderId, { token: "wrong" })).toBeNull();
  });
});

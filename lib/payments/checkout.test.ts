// POST /api/checkout and the success page's own payment check.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { bundles, customers, jobs, orders } from "@/lib/db/schema";
import { NextRequest } from "next/server";
import { POST } from "@/app/api/checkout/route";
import { GET as getStatus } from "@/app/api/orders/[id]/status/route";
import { getOrderStatus, getOrderView } from "@/lib/orders/queries";
import { confirmCheckoutSession } from "@/lib/payments/confirm";
import { LIMITS } from "@/lib/http/rate-limit";
import { clearAvailabilityCache } from "@/lib/catalogue/availability";
import { insideOneWindow } from "@/test/rate-windows";
import {
  BUNDLE,
  PRICE_MINOR,
  deliverEvent,
  orderRow,
  resetBetweenTests,
  stripeEvent,
  uniqueEmail,
  useHarness,
} from "@/test/harness";

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
  const h = useHarness(kind, { reset: false });
  beforeAll(async () => {
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
  beforeEach(async () => {
    signedIn = null;
    await resetBetweenTests(h);
  });

  // Each call comes from its own address unless told otherwise, so the per-IP limit only bites where tested.
  let ipN = 0;
  const nextIp = () => `198.51.${Math.floor(++ipN / 250) % 250}.${ipN % 250}`;
  const json = (body: unknown, opts: { cookie?: string; ip?: string } = {}) =>
    POST(
      new NextRequest("http://localhost/api/checkout", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": opts.ip ?? nextIp(),
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  const form = (fields: Record<string, string>) =>
    POST(
      new NextRequest("http://localhost/api/checkout", {
        method: "POST",
        headers: { "x-forwarded-for": nextIp() },
        body: new URLSearchParams(fields),
      }),
    );
  /** The `name=value` of the checkout cookie a response set. */
  const cookieOf = (res: Response) => /tern_checkout=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
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

  it("keeps the page's language on the order and Stripe's page, and takes anything else for English", async () => {
    const de = (await (await json({ bundle: BUNDLE, email: uniqueEmail(), locale: "de" })).json()) as {
      orderId: string;
    };
    const order = await orderRow(h.db, de.orderId);
    expect(order.locale).toBe("de");
    const session = await h.sandbox.control<SandboxSession & { locale: string }>(
      "GET",
      `/stripe/sessions/${order.stripeCheckoutSessionId}`,
    );
    expect(session).toMatchObject({
      locale: "de",
      custom_text: {
        terms_of_service_acceptance: {
          message:
            "Ich stimme den [AGB](http://localhost:3000/de/terms) und der [Erstattungsrichtlinie](http://localhost:3000/de/refund-policy) zu.",
        },
        submit: { message: expect.stringContaining("[Datenschutzerklärung](http://localhost:3000/de/privacy)") },
      },
      success_url: "http://localhost:3000/de/checkout/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: `http://localhost:3000/de/checkout/cancelled?order=${de.orderId}&bundle=${BUNDLE}`,
    });

    const es = await form({ bundle: BUNDLE, email: uniqueEmail(), locale: "es" });
    expect(es.status).toBe(303);
    const [esOrder] = await h.db.select().from(orders).where(eq(orders.locale, "es"));
    expect(esOrder).toBeDefined();

    for (const hostile of ["../../x", "xx", "DE", "de-DE", ""]) {
      const email = uniqueEmail();
      const res = await form({ bundle: BUNDLE, email, locale: hostile });
      expect(res.status, hostile).toBe(303);
      const [row] = await h.db.select().from(orders).where(eq(orders.email, email));
      expect(row?.locale, hostile).toBe("en");
      const s = await h.sandbox.control<{ locale: string; success_url: string }>(
        "GET",
        `/stripe/sessions/${row!.stripeCheckoutSessionId}`,
      );
      expect(s).toMatchObject({
        locale: "en",
        success_url: expect.stringMatching(/^http:\/\/localhost:3000\/checkout\//),
      });
    }
    const odd = await json({ bundle: BUNDLE, email: uniqueEmail(), locale: { de: true } });
    expect(odd.status).toBe(201);

    // A failed German checkout goes back to the German bundle page.
    const bad = await form({ bundle: "esim_1GB_7D_FR_V2", locale: "de" });
    expect(bad.headers.get("location")).toBe(
      "http://localhost:3000/de/bundles/esim_1GB_7D_FR_V2?error=bundle_unavailable",
    );
  });

  it("hands the same open session back to the same browser for the same bundle within 5 minutes", async () => {
    const email = uniqueEmail();
    const res = await json({ bundle: BUNDLE, email });
    const cookie = cookieOf(res);
    expect(res.headers.get("set-cookie")).toMatch(/tern_checkout=[A-Za-z0-9_-]{43}; .*HttpOnly/i);
    const first = (await res.json()) as { orderId: string; checkoutUrl: string };
    const again = await json({ bundle: BUNDLE, email: ` ${email.toUpperCase()} ` }, { cookie });
    // Same status as a new one: the answer never says whether a session existed.
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(first);
    // Another bundle, or another buyer on the same browser: a new order.
    const other = (await (await json({ bundle: "esim_3GB_30D_GB_V2", email }, { cookie })).json()) as {
      orderId: string;
    };
    expect(other.orderId).not.toBe(first.orderId);
    const someoneElse = (await (await json({ bundle: BUNDLE, email: uniqueEmail() }, { cookie })).json()) as {
      orderId: string;
    };
    expect(someoneElse.orderId).not.toBe(first.orderId);
    // Once paid, the session is no longer open: a new checkout starts.
    const { stripeCheckoutSessionId } = await orderRow(h.db, first.orderId);
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${stripeCheckoutSessionId}/pay`, {
      card: "4242424242424242",
    });
    const after = (await (await json({ bundle: BUNDLE, email }, { cookie })).json()) as { orderId: string };
    expect(after.orderId).not.toBe(first.orderId);
  });

  it("a stranger with the victim's email gets a session of their own, with the same status, and cannot plant one", async () => {
    const email = uniqueEmail();
    // The stranger starts first, from their own browser, with the victim's email...
    const planted = await json({ bundle: BUNDLE, email });
    const plantedBody = (await planted.json()) as { orderId: string; checkoutUrl: string };
    // ...the victim then checks out from theirs, and gets a fresh session, not the stranger's.
    const victim = await json({ bundle: BUNDLE, email });
    const victimBody = (await victim.json()) as { orderId: string; checkoutUrl: string };
    expect(victimBody.orderId).not.toBe(plantedBody.orderId);
    expect(victimBody.checkoutUrl).not.toBe(plantedBody.checkoutUrl);
    // And a stranger probing after the victim learns nothing: same status, a different session.
    const probe = await json({ bundle: BUNDLE, email });
    expect([planted.status, victim.status, probe.status]).toEqual([201, 201, 201]);
    expect(((await probe.json()) as { orderId: string }).orderId).not.toBe(victimBody.orderId);
  });

  it("with the Checkout Session id alone the order shows progress, never the eSIM; the buying browser sees it", async () => {
    const email = uniqueEmail();
    const res = await json({ bundle: BUNDLE, email });
    const cookie = cookieOf(res)!;
    const browserKey = cookie.split("=")[1]!;
    const { orderId } = (await res.json()) as { orderId: string };
    const { stripeCheckoutSessionId: sessionId } = await orderRow(h.db, orderId);
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
    await confirmCheckoutSession(sessionId!);
    for (let i = 0; i < 100 && (await orderRow(h.db, orderId)).status !== "delivered"; i++)
      await new Promise((r) => setTimeout(r, 100));

    const stranger = await getOrderView(orderId, { checkoutSessionId: sessionId! });
    expect(stranger).toMatchObject({ progress: "ready", esim: null, esimWithheld: true });
    expect(JSON.stringify(stranger)).not.toMatch(/LPA:/);
    expect(JSON.stringify(await getOrderStatus(orderId, { checkoutSessionId: sessionId! }))).not.toMatch(/LPA|iccid/);
    // A cookie without the session id, or someone else's cookie with it, opens nothing more.
    expect(await getOrderView(orderId, { browserKey })).toBeNull();
    expect(await getOrderView(orderId, { checkoutSessionId: sessionId!, browserKey: "x".repeat(43) })).toMatchObject({
      esim: null,
    });
    const buyer = await getOrderView(orderId, { checkoutSessionId: sessionId!, browserKey });
    expect(buyer).toMatchObject({
      via: "checkout",
      esimWithheld: false,
      esim: { lpa: expect.stringMatching(/^LPA:1\$/) },
    });
  });

  it("limits checkouts per address and per email with 429 and Retry-After, before asking any provider", async () => {
    const ip = "203.0.113.77";
    const statuses: number[] = [];
    await insideOneWindow(LIMITS.checkout.perIp.windowMs, 30_000);
    for (let i = 0; i <= LIMITS.checkout.perIp.max; i++)
      statuses.push((await json({ bundle: "nope!" }, { ip })).status);
    expect(statuses.slice(0, -1).every((s) => s === 400)).toBe(true);
    const refused = await json({ bundle: BUNDLE }, { ip });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });

    const email = uniqueEmail();
    for (let i = 0; i < LIMITS.checkout.perEmail.max; i++) await json({ bundle: "nope!", email });
    expect((await json({ bundle: BUNDLE, email: email.toUpperCase() })).status).toBe(429);
  });

  const status = (id: string, query = "", ip = "192.0.2.1") =>
    getStatus(
      new NextRequest(`http://localhost/api/orders/${id}/status${query}`, { headers: { "x-forwarded-for": ip } }),
      {
        params: Promise.resolve({ id: decodeURIComponent(id) }),
      },
    );

  it("the status API answers 404 to malformed ids and credentials before any query, never 500", async () => {
    for (const id of ["%00", "ord_%00", "x".repeat(5000), "ord_ABC", "%E2%80%AE"])
      expect((await status(id)).status, id).toBe(404);
    expect((await status("ord_abc", "?session_id=%00")).status).toBe(404);
    expect((await status("ord_abc", "?t=%00")).status).toBe(404);
  });

  it("the status API limits polling per order with 429 and Retry-After", async () => {
    const email = uniqueEmail();
    const { orderId } = (await (await json({ bundle: BUNDLE, email })).json()) as { orderId: string };
    const { stripeCheckoutSessionId: sessionId } = await orderRow(h.db, orderId);
    const q = `?session_id=${sessionId}`;
    let last: Response | undefined;
    // From many addresses at once: the per-order limit still holds.
    await insideOneWindow(LIMITS.orderStatus.perOrder.windowMs, 10_000);
    for (let i = 0; i <= LIMITS.orderStatus.perOrder.max; i++) last = await status(orderId, q, `192.0.2.${i % 200}`);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("answers 413 to a body past the cap and 400 to junk, never 5xx", async () => {
    expect((await json("x".repeat(20_000))).status).toBe(413);
    expect((await json("\u0000\u0000")).status).toBe(400);
    expect((await json({ bundle: "\u0000" })).status).toBe(400);
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
    expect(
      await h.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.orderId, orderId), eq(jobs.kind, "fulfil"))),
    ).toHaveLength(1);
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

// Both providers on: each order is bought from its bundle's provider; a provider that refuses for good (at
// checkout or at purchase, before anything was bought) is replaced by the other's equivalent plan at the same
// price; and a short Zendit wallet in manual mode makes one admin email, not one per waiting order.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { bundles, esims, fundingAlerts, orderEvents, type Bundle } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { syncCatalogue } from "@/lib/catalogue/sync";
import { clearAvailabilityCache } from "@/lib/catalogue/availability";
import { createCheckout } from "@/lib/payments/checkout";
import { refreshUsage } from "@/lib/usage/refresh";
import {
  ADMIN_EMAIL,
  deliverEvent,
  drain,
  ledgers,
  orderRow,
  paidOrder,
  stripeEvent,
  uniqueEmail,
  useHarness,
} from "@/test/harness";

const quiet = { info: () => {}, warn: () => {} };

describe.each(testDbKinds())("routing between providers on %s", (kind) => {
  let viaEsimGo: Bundle; // listed from eSIM Go, with a Zendit fallback
  let viaZendit: Bundle; // listed from Zendit

  const h = useHarness(kind);
  beforeAll(async () => {
    process.env.ESIM_PROVIDERS = "esim-go,zendit";
    resetEnvCache();
    await syncCatalogue({ db: h.db, log: quiet, maxDeactivateRatio: 1 });
    const listed = (provider: string) =>
      h.db
        .select()
        .from(bundles)
        .where(
          and(
            eq(bundles.active, true),
            eq(bundles.provider, provider),
            sql`${bundles.fallbackBundle} is not null and ${bundles.scope} = 'country' and not ${bundles.unlimited}`,
          ),
        )
        .orderBy(bundles.priceMinor)
        .limit(1);
    const [a] = await listed("esim-go");
    const [z] = await listed("zendit");
    if (!a || !z) throw new Error("the synced sandbox catalogue has no plan listed by each provider with a fallback");
    [viaEsimGo, viaZendit] = [a, z];
  });
  afterAll(async () => {
    delete process.env.ESIM_PROVIDERS;
    delete process.env.ZENDIT_FUNDING;
    resetEnvCache();
  });
  beforeEach(async () => {
    clearAvailabilityCache();
    h.sandbox.app.config.zendit.stepDelayMs = 20;
    await h.sandbox.control("POST", "/zendit/balance", { availableBalance: 1_000_000 });
  });

  /** Runs workers (webhooks are off: Zendit purchases finish by polling) until every order is delivered. */
  async function fulfil(orderIds: string[]) {
    for (let round = 0; round < 80; round++) {
      const rows = await Promise.all(orderIds.map((id) => orderRow(h.db, id)));
      if (rows.every((o) => o.status === "delivered")) break;
      await drain(h.db, { maxRounds: 3 });
      await new Promise((r) => setTimeout(r, 30));
    }
    return Promise.all(orderIds.map((id) => orderRow(h.db, id)));
  }

  const zenditPurchases = () =>
    h.sandbox.control<{ transactionId: string; offerId: string; status: string }[]>("GET", "/zendit/purchases");
  const esimOf = async (orderId: string) => (await h.db.select().from(esims).where(eq(esims.orderId, orderId)))[0];
  const steps = async (orderId: string) =>
    (await h.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).map((e) => e.step);

  it("each order is bought from its own bundle's provider", async () => {
    const a = await paidOrder(h, { bundle: viaEsimGo.name });
    const z = await paidOrder(h, { bundle: viaZendit.name });
    await deliverEvent(a.event);
    await deliverEvent(z.event);
    const [oa, oz] = await fulfil([a.orderId, z.orderId]);
    expect(oa).toMatchObject({ status: "delivered", provider: "esim-go", bundleName: viaEsimGo.name });
    expect(oz).toMatchObject({ status: "delivered", provider: "zendit", bundleName: viaZendit.name });
    expect(await esimOf(a.orderId)).toMatchObject({ provider: "esim-go" });
    expect(await esimOf(z.orderId)).toMatchObject({ provider: "zendit" });
    // Zendit sold exactly the Zendit order; nothing of the eSIM Go order went there.
    expect((await zenditPurchases()).map((p) => p.offerId)).toEqual([viaZendit.name]);
    const l = await ledgers(h);
    for (const o of [a, z]) expect(l.emails.filter((e) => e.to.includes(o.email))).toHaveLength(1);

    // The account page's usage for the Zendit eSIM comes from Zendit's plans, through the port.
    const usage = await refreshUsage(h.db, (await esimOf(z.orderId))!.iccid);
    expect(usage.bundles.map((b) => b.name)).toContain(viaZendit.name);
    expect(usage.refreshError).toBeNull();
  });

  it("eSIM Go refusing the purchase for good: bought from Zendit at the same price, recorded, not refunded", async () => {
    const { orderId, email, event } = await paidOrder(h, { bundle: viaEsimGo.name });
    await h.sandbox.control("POST", "/faults", {
      service: "esim-go",
      route: "POST /orders",
      status: 400,
      message: `Bundle ${viaEsimGo.name} not found in catalogue`,
      times: 1,
    });
    await deliverEvent(event);
    const [order] = await fulfil([orderId]);
    expect(order).toMatchObject({
      status: "delivered",
      provider: "zendit",
      bundleName: viaEsimGo.fallbackBundle,
      amountMinor: viaEsimGo.priceMinor,
    });
    expect(order!.refundedMinor ?? 0).toBe(0);
    expect(order!.bundleSnapshot).toMatchObject({ name: viaEsimGo.name, priceMinor: viaEsimGo.priceMinor });
    expect(await esimOf(orderId)).toMatchObject({ provider: "zendit" });
    expect(await steps(orderId)).toContain("purchase.fallback");
    const l = await ledgers(h);
    expect(l.refunds).toHaveLength(0);
    expect(l.emails.filter((e) => e.to.includes(email))).toHaveLength(1);
    expect((await zenditPurchases()).map((p) => p.offerId)).toEqual([viaEsimGo.fallbackBundle]);
  });

  it("falls back once only: when the fallback refuses too, the customer is refunded", async () => {
    const { orderId, event } = await paidOrder(h, { bundle: viaZendit.name });
    await h.sandbox.control("POST", "/faults", [
      { service: "zendit", route: "POST /esim/purchases", status: 400, message: "offer not available" },
      { service: "esim-go", route: "POST /orders", status: 400, message: "Bundle not found in catalogue" },
    ]);
    await deliverEvent(event);
    await drain(h.db);
    const order = await orderRow(h.db, orderId);
    expect(order.status).toBe("refunded");
    expect((await steps(orderId)).filter((s) => s === "purchase.fallback")).toHaveLength(1);
    expect((await ledgers(h)).refunds.filter((r) => r.payment_intent === order.stripePaymentIntentId)).toHaveLength(1);
    await h.sandbox.control("DELETE", "/faults");
  });

  it("eSIM Go refusing at checkout: the order is created on Zendit's equivalent at the listed price", async () => {
    await h.sandbox.control("POST", "/faults", {
      service: "esim-go",
      route: "POST /orders",
      status: 400,
      message: `Bundle ${viaEsimGo.name} not found in catalogue`,
      times: 1,
    });
    const email = uniqueEmail();
    const { orderId } = await createCheckout({ bundleName: viaEsimGo.name, email });
    const created = await orderRow(h.db, orderId);
    expect(created).toMatchObject({
      provider: "zendit",
      bundleName: viaEsimGo.fallbackBundle,
      amountMinor: viaEsimGo.priceMinor,
    });
    expect(await steps(orderId)).toContain("order.fallback");
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${created.stripeCheckoutSessionId}/pay`, {
      card: "4242424242424242",
      email,
    });
    await deliverEvent(
      await stripeEvent(
        h,
        "checkout.session.completed",
        (e) => (e.data.object as { id: string }).id === created.stripeCheckoutSessionId,
      ),
    );
    const [order] = await fulfil([orderId]);
    expect(order).toMatchObject({ status: "delivered", provider: "zendit" });
  });

  it("manual funding, empty wallet: 20 waiting orders make one low-balance email, then all are delivered", async () => {
    process.env.ZENDIT_FUNDING = "manual";
    resetEnvCache();
    try {
      await h.sandbox.control("POST", "/zendit/balance", { availableBalance: 0 });
      const paid = [];
      for (let i = 0; i < 20; i++) paid.push(await paidOrder(h, { bundle: viaZendit.name }));
      for (const p of paid) await deliverEvent(p.event);
      const ids = paid.map((p) => p.orderId);
      // Every order tries (and retries) at least once on the empty wallet.
      for (let round = 0; round < 40; round++) {
        await drain(h.db, { maxRounds: 1 });
        const rows = await Promise.all(ids.map((id) => orderRow(h.db, id)));
        if (rows.every((o) => o.status === "needs_attention")) break;
      }
      await drain(h.db, { maxRounds: 2 });
      for (const id of ids) expect((await orderRow(h.db, id)).status).toBe("needs_attention");

      const adminMail = (await ledgers(h)).emails.filter((e) => e.to.includes(ADMIN_EMAIL));
      expect(adminMail).toHaveLength(1);
      expect(adminMail[0]!.subject).toMatch(/low balance/);
      expect(await h.db.select().from(fundingAlerts).where(eq(fundingAlerts.kind, "low_balance"))).toHaveLength(1);

      await h.sandbox.control("POST", "/zendit/balance", { availableBalance: 1_000_000 });
      const done = await fulfil(ids);
      expect(done.every((o) => o.status === "delivered")).toBe(true);
      // Still that one email: the retries after funding alert nobody.
      expect((await ledgers(h)).emails.filter((e) => e.to.includes(ADMIN_EMAIL))).toHaveLength(1);
    } finally {
      delete process.env.ZENDIT_FUNDING;
      resetEnvCache();
    }
  }, 120_000);
});

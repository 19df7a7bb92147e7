// Top-up end to end against the sandbox: a delivered eSIM, the compatible plans eSIM Go offers for it, a
// paid top-up checkout, and fulfilment buying onto the same ICCID.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { esims, orders } from "@/lib/db/schema";
import { createEsimGoClient } from "@/lib/providers/esim-go/client";
import { createEsimGoProvider } from "@/lib/providers/esim-go/provider";
import { env } from "@/lib/env";
import { deliverEvent, drain, ledgers, orderRow, paidOrder, stripeEvent, useHarness } from "@/test/harness";
import { attachGuestOrders, findOrCreateCustomerByEmail } from "./customers";
import { pickCandidates, startTopUp, TopUpError, topUpOptions } from "./esim-topup";

describe("pickCandidates", () => {
  it("keeps the cheapest of each data/days pair, up to the cap", () => {
    const rows = [
      { name: "a", dataMb: 1000, unlimited: false, durationDays: 7, priceMinor: 500 },
      { name: "b", dataMb: 1000, unlimited: false, durationDays: 7, priceMinor: 450 },
      { name: "c", dataMb: 3000, unlimited: false, durationDays: 30, priceMinor: 900 },
      { name: "d", dataMb: null, unlimited: true, durationDays: 1, priceMinor: 300 },
    ];
    expect(pickCandidates(rows).map((r) => r.name)).toEqual(["b", "c", "d"]);
    expect(pickCandidates(rows, 2).map((r) => r.name)).toEqual(["b", "d"]);
  });
});

describe.each(testDbKinds())("top-up on %s", (kind) => {
  const h = useHarness(kind);

  async function deliveredEsim() {
    const { orderId, email, event } = await paidOrder(h);
    await deliverEvent(event);
    await drain(h.db, { forward: false });
    const [esim] = await h.db.select().from(esims).where(eq(esims.orderId, orderId));
    // The guest signs in with the email they bought with: the order and its eSIM become theirs.
    const customer = await findOrCreateCustomerByEmail(h.db, email);
    await attachGuestOrders(h.db, customer.id, email);
    return { orderId, email, iccid: esim!.iccid, customer };
  }

  it("buys the chosen compatible plan onto the same ICCID, with no new QR", async () => {
    const { orderId: original, email, iccid, customer } = await deliveredEsim();
    const client = createEsimGoProvider(createEsimGoClient(env().esimGo));
    const options = await topUpOptions(h.db, iccid, { customerId: customer.id, isAdmin: false }, client);
    expect(options?.map((o) => o.name).sort()).toEqual(["esim_1GB_7D_GB_V2", "esim_3GB_30D_GB_V2"]);
    // Named as every other page names a plan, not with the provider's raw description.
    expect(options?.map((o) => o.title).sort()).toEqual([
      "United Kingdom 1 GB · 7 days",
      "United Kingdom 3 GB · 30 days",
    ]);

    // The eSIM was bought in Spanish: the top-up is paid and mailed in Spanish too.
    await h.db.update(orders).set({ locale: "es" }).where(eq(orders.id, original));
    const { orderId } = await startTopUp(
      h.db,
      { customerId: customer.id, email, iccid, bundleName: "esim_3GB_30D_GB_V2" },
      client,
    );
    const order = await orderRow(h.db, orderId);
    expect(order).toMatchObject({ kind: "topup", topupIccid: iccid, customerId: customer.id, locale: "es" });
    // Stripe's line item says what the customer is buying: data added, nothing to install, no QR promised.
    const session = await h.sandbox.control<{ line_items: { description: string }[]; locale: string }>(
      "GET",
      `/stripe/sessions/${order.stripeCheckoutSessionId}`,
    );
    expect(session.line_items.map((i) => i.description)).toEqual(["Top-up: United Kingdom 3 GB · 30 days"]);
    expect(session.locale).toBe("es");
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${order.stripeCheckoutSessionId}/pay`, {
      card: "4242424242424242",
      email,
    });
    await deliverEvent(
      await stripeEvent(
        h,
        "checkout.session.completed",
        (e) => (e.data.object as { id: string }).id === order.stripeCheckoutSessionId,
      ),
    );
    await drain(h.db, { forward: false });

    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    const l = await ledgers(h);
    const topup = l.esimGoOrders.find((o) => o.items.some((i) => i.item === "esim_3GB_30D_GB_V2"));
    expect((topup as unknown as { request: { order: { iccids?: string[] }[] } }).request.order[0]?.iccids).toEqual([
      iccid,
    ]);
    expect(topup!.esims.map((e) => e.iccid)).toEqual([iccid]);
    // Still one eSIM row: the top-up added a plan, not a second eSIM.
    expect(await h.db.select().from(esims).where(eq(esims.iccid, iccid))).toHaveLength(1);
    // The email (in Spanish) says data was added, and carries no QR (nothing new to install).
    const topupMail = l.emails.filter((m) => m.to.includes(email) && m.subject.startsWith("Datos añadidos a tu eSIM"));
    expect(topupMail).toHaveLength(1);
    expect(topupMail[0]!.attachments).toEqual([]);
  });

  it("refuses another customer's eSIM and bundles eSIM Go calls incompatible", async () => {
    const { iccid, customer } = await deliveredEsim();
    const other = await deliveredEsim();
    const client = createEsimGoProvider(createEsimGoClient(env().esimGo));
    expect(await topUpOptions(h.db, iccid, { customerId: other.customer.id, isAdmin: false }, client)).toBeNull();
    await expect(
      startTopUp(
        h.db,
        { customerId: other.customer.id, email: other.email, iccid, bundleName: "esim_1GB_7D_GB_V2" },
        client,
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      startTopUp(
        h.db,
        { customerId: customer.id, email: "x@example.com", iccid, bundleName: "esim_1GB_7D_JP_V2" },
        client,
      ),
    ).rejects.toBeInstanceOf(TopUpError);
  });
});

// The customer hears about every refund once — partial or full, after delivery, from Stripe's dashboard —
// however often Stripe tells us; and a paid, delivered order has its receipt (email and page).
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { testDbKinds } from "@/lib/db/testing";
import { orderEvents, refundNotices } from "@/lib/db/schema";
import { newAccessToken, hashAccessToken } from "@/lib/orders/ids";
import { orders } from "@/lib/db/schema";
import { deliverEvent, drain, ledgers, orderRow, paidOrder, stripeEvent, useHarness } from "@/test/harness";
import { getReceiptView, receiptSignature } from "./receipts";
import { stripe } from "./stripe";

describe.each(testDbKinds())("refund notices and receipts on %s", (kind) => {
  const h = useHarness(kind);

  async function deliveredOrder() {
    const o = await paidOrder(h);
    await deliverEvent(o.event);
    await drain(h.db);
    const row = await orderRow(h.db, o.orderId);
    expect(row.status).toBe("delivered");
    return { ...o, pi: row.stripePaymentIntentId! };
  }

  const refundedEvent = (pi: string, amountRefunded: number) =>
    stripeEvent(h, "charge.refunded", (e) => {
      const c = e.data.object as Stripe.Charge;
      return c.payment_intent === pi && c.amount_refunded === amountRefunded;
    });

  const mailsTo = async (email: string) => (await ledgers(h)).emails.filter((e) => e.to.includes(email));

  it("emails a partial refund once, though Stripe sends its event twice and a copy arrives at the same time", async () => {
    const o = await deliveredOrder();
    await stripe().refunds.create({ payment_intent: o.pi, amount: 200 });
    const event = await refundedEvent(o.pi, 200);
    // The same event redelivered, and the same refund under another event id (a replay), all at once.
    const results = await Promise.all([
      deliverEvent(event),
      deliverEvent(event),
      deliverEvent({ ...event, id: `${event.id}_copy` } as Stripe.Event),
    ]);
    for (const r of results) expect(r).toMatchObject({ status: 200 });
    await drain(h.db);

    expect(await orderRow(h.db, o.orderId)).toMatchObject({ status: "delivered", refundedMinor: 200 });
    const refunds = (await mailsTo(o.email)).filter((m) => m.subject.startsWith("Refund"));
    expect(refunds.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Refund of \$2\.00 for your United Kingdom 1 GB/),
    ]);
    expect(refunds[0]!.text).toContain("$2.00 refunded so far of the $4.99 you paid");
    expect(await h.db.select().from(refundNotices).where(eq(refundNotices.orderId, o.orderId))).toHaveLength(1);

    // The rest is refunded later: a second email, and the order leaves "delivered" for its own state.
    await stripe().refunds.create({ payment_intent: o.pi });
    await deliverEvent(await refundedEvent(o.pi, 499));
    await drain(h.db);
    expect(await orderRow(h.db, o.orderId)).toMatchObject({ status: "refunded", refundedMinor: 499 });
    const all = (await mailsTo(o.email)).filter((m) => m.subject.startsWith("Refund"));
    expect(all.map((m) => m.subject).sort()).toEqual([
      expect.stringMatching(/^Refund of \$2\.00 for your United Kingdom 1 GB/),
      expect.stringMatching(/^Refund of \$2\.99 for your United Kingdom 1 GB/),
    ]);
    expect(all.find((m) => m.subject.includes("$2.99"))!.text).toContain("refunded in full");
    const moved = await h.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, o.orderId), eq(orderEvents.toStatus, "refunded")));
    expect(moved).toMatchObject([{ fromStatus: "delivered" }]);
  });

  it("sends one receipt with the card's last four digits, and opens the receipt only to who may see the order", async () => {
    const o = await deliveredOrder();
    await drain(h.db); // a second run must not send it again
    const receipts = (await ledgers(h)).receipts.filter((m) => m.to.includes(o.email));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.text).toContain("Visa ending 4242");
    expect(receipts[0]!.text).toContain("$4.99");
    const link = /https?:\/\/\S+\/orders\/\S+\/receipt\?r=[\w-]+/.exec(receipts[0]!.text!)?.[0];
    expect(link).toBeDefined();
    const signature = new URL(link!).searchParams.get("r")!;

    // The emailed link, the private order link and the owner open it; a stranger, a forged link and a
    // checkout session id alone do not.
    expect(await getReceiptView(o.orderId, { signature })).toMatchObject({
      orderId: o.orderId,
      amountMinor: 499,
      currency: "USD",
      card: { brand: "visa", last4: "4242" },
    });
    expect(await getReceiptView(o.orderId, {})).toBeNull();
    expect(await getReceiptView(o.orderId, { signature: receiptSignature("ord_someone_else") })).toBeNull();
    expect(await getReceiptView(o.orderId, { checkoutSessionId: o.sessionId })).toBeNull();
    const token = newAccessToken();
    await h.db
      .update(orders)
      .set({ accessTokenHash: hashAccessToken(token) })
      .where(eq(orders.id, o.orderId));
    expect(await getReceiptView(o.orderId, { token })).not.toBeNull();
    expect(await getReceiptView(o.orderId, { token: newAccessToken() })).toBeNull();
  });
});

// Stripe does not promise event order: a refund's charge.refunded can reach us before the payment's
// checkout.session.completed. A refund recorded first means nothing is bought.
import { describe, expect, it } from "vitest";
import { testDbKinds } from "@/lib/db/testing";
import { stripe } from "@/lib/payments/stripe";
import { deliverEvent, drain, ledgers, orderRow, paidOrder, stripeEvent, useHarness } from "@/test/harness";

describe.each(testDbKinds())("a refund that arrives first on %s", (kind) => {
  const h = useHarness(kind);

  it("buys nothing when charge.refunded arrives before checkout.session.completed, and tells the customer", async () => {
    const { orderId, email, event } = await paidOrder(h);
    const session = event.data.object as { payment_intent: string };
    await stripe().refunds.create({ payment_intent: session.payment_intent });
    const refunded = await stripeEvent(
      h,
      "charge.refunded",
      (e) => (e.data.object as { payment_intent: string }).payment_intent === session.payment_intent,
    );
    expect((await deliverEvent(refunded)).status).toBe(200);
    expect((await deliverEvent(event)).status).toBe(200);
    await drain(h.db);

    const order = await orderRow(h.db, orderId);
    expect(order).toMatchObject({ status: "refunded", refundedMinor: order.amountMinor });
    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(0);
    // The money went back once, by the refund that came first.
    expect(l.refunds.filter((r) => r.payment_intent === session.payment_intent)).toHaveLength(1);
    expect(l.emails.filter((e) => e.to.includes(email))).toHaveLength(1);
  });
});

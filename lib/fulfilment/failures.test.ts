// When fulfilment cannot simply succeed: permanent refusals, an empty wholesale balance, a worker that dies
// mid-job, retries that run out of time. The customer ends with an eSIM or their money, never neither.
import { describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { jobs, orderEvents, providerPurchases } from "@/lib/db/schema";
import { transition } from "@/lib/orders/lifecycle";
import { createEsimGoProvider } from "@/lib/providers/esim-go/provider";
import { claimDueJobs, complete } from "@/lib/jobs/queue";
import { runDueJobs } from "@/lib/jobs/worker";
import {
  ADMIN_EMAIL,
  BUNDLE,
  PRICE_MINOR,
  deliverEvent,
  drain,
  ledgers,
  orderRow,
  paidOrder,
  stripeEvent,
  type Harness,
  useHarness,
} from "@/test/harness";

describe.each(testDbKinds())("fulfilment failures on %s", (kind) => {
  const h = useHarness(kind);

  const transitions = async (orderId: string) =>
    (await h.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id)))
      .filter((e) => e.type === "transition")
      .map((e) => `${e.fromStatus}→${e.toStatus}`);

  it("refunds in full, once, and tells the customer (with alternatives) when eSIM Go refuses for good", async () => {
    const { orderId, email, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", {
      service: "esim-go",
      route: "POST /orders",
      status: 400,
      message: `Bundle ${BUNDLE} not found in catalogue`,
    });
    await deliverEvent(event);
    const [report] = await runDueJobs();
    expect(report?.outcome).toMatchObject({ kind: "complete" });
    expect(await runDueJobs()).toEqual([
      expect.objectContaining({ kind: "refund", outcome: expect.objectContaining({ kind: "complete" }) }),
    ]);

    const order = await orderRow(h.db, orderId);
    expect(order).toMatchObject({
      status: "refunded",
      refundedMinor: PRICE_MINOR,
      failureReason: expect.stringContaining("could not issue"),
    });
    expect(order.refundId).toMatch(/^re_/);
    expect(order.refundEmailSentAt).toBeInstanceOf(Date);
    expect(await transitions(orderId)).toEqual([
      "pending_payment→paid",
      "paid→provisioning",
      "provisioning→failed",
      "failed→refunded",
    ]);

    // Stripe's own charge.refunded for our refund arrives afterwards and changes nothing.
    const refunded = await stripeEvent(
      h,
      "charge.refunded",
      (e) => (e.data.object as { payment_intent: string }).payment_intent === order.stripePaymentIntentId,
    );
    expect((await deliverEvent(refunded)).status).toBe(200);
    await drain(h.db);

    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(0);
    expect(l.refunds.filter((r) => r.payment_intent === order.stripePaymentIntentId)).toEqual([
      expect.objectContaining({ amount: PRICE_MINOR }),
    ]);
    const mail = l.emails.filter((e) => e.to.includes(email));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toMatch(/refund/i);
    expect(mail[0]!.html).toContain("/bundles/esim_3GB_30D_GB_V2");
    expect(l.objects).toHaveLength(0);
    expect((await orderRow(h.db, orderId)).status).toBe("refunded");
  });

  it("parks the order on an empty wholesale balance, alerts the admins once, and delivers when the balance is back", async () => {
    const { orderId, email, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/esim-go/balance", { balance: 0 });
    await deliverEvent(event);
    await runDueJobs();
    expect(await orderRow(h.db, orderId)).toMatchObject({
      status: "needs_attention",
      attentionReason: "insufficient_balance",
    });
    // Still empty on the next try: still parked, no second alert.
    await h.db
      .update(jobs)
      .set({ runAt: sql`now()` })
      .where(eq(jobs.orderId, orderId));
    expect((await runDueJobs())[0]?.outcome.kind).toBe("retry");
    let l = await ledgers(h);
    const alerts = l.emails.filter((e) => e.to.includes(ADMIN_EMAIL));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.subject).toContain(orderId);
    expect(l.esimGoOrders).toHaveLength(0);

    await h.sandbox.control("POST", "/esim-go/balance", { balance: 500 });
    await drain(h.db);
    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "delivered", attentionReason: null });
    expect(await transitions(orderId)).toEqual([
      "pending_payment→paid",
      "paid→provisioning",
      "provisioning→needs_attention",
      "needs_attention→provisioning",
      "provisioning→delivered",
    ]);
    l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(1);
    expect(l.emails.filter((e) => e.to.includes(email))).toHaveLength(1);
    expect(l.refunds).toHaveLength(0);
  });

  it("lets another worker finish the job of one that died mid-purchase, after its lease, without buying twice", async () => {
    const { orderId, email, event } = await paidOrder(h);
    await deliverEvent(event);
    // The doomed worker claims with a short lease, records its attempt, eSIM Go performs the purchase — and
    // the process dies before the answer is written down.
    const [doomed] = await claimDueJobs(h.db, "doomed-worker", 1, 400);
    expect(doomed?.orderId).toBe(orderId);
    await transition(h.db, orderId, "provisioning", { from: ["paid"] });
    await h.db
      .insert(providerPurchases)
      .values({ orderId, provider: "esim-go", attempt: 1, status: "started", request: { bundleName: BUNDLE } });
    await createEsimGoProvider().startPurchase({ orderId, attempt: 1, bundleName: BUNDLE });

    // While the lease holds, nobody else takes the job.
    expect(await runDueJobs({ workerId: "rescuer" })).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    // The attempt's own call would have timed out by now (the grace is the purchase timeout; shortened here).
    const reports = await runDueJobs({ workerId: "rescuer", deps: { inFlightGraceMs: 300 } });
    expect(reports).toMatchObject([{ orderId, outcome: { kind: "complete" } }]);

    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(1);
    const attempts = await h.db.select().from(providerPurchases).where(eq(providerPurchases.orderId, orderId));
    expect(attempts).toMatchObject([
      { attempt: 1, status: "linked", providerReference: l.esimGoOrders[0]!.orderReference },
    ]);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    expect(l.emails.filter((e) => e.to.includes(email))).toHaveLength(1);
    // The dead worker, were it to wake up, can no longer settle the job.
    expect(await complete(h.db, doomed!)).toBe(false);
    const [job] = await h.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.orderId, orderId), eq(jobs.kind, "fulfil")));
    expect(job).toMatchObject({ status: "done", attempts: 2 });
  });

  it("fails and refunds an order whose purchase keeps failing past the horizon", async () => {
    const { orderId, event } = await paidOrder(h);
    await deliverEvent(event);
    await h.db
      .update(jobs)
      .set({ horizonAt: sql`now() + interval '500 milliseconds'` })
      .where(eq(jobs.orderId, orderId));
    await h.sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", status: 503, times: 5 });
    await runPastHorizon(h, orderId);
    await runDueJobs();
    const order = await orderRow(h.db, orderId);
    expect(order).toMatchObject({
      status: "refunded",
      failureReason: expect.stringContaining("did not respond in time"),
    });
    expect((await ledgers(h)).refunds).toHaveLength(1);
  });

  it("hands a bought eSIM whose delivery keeps failing to an admin instead of refunding it", async () => {
    const { orderId, event } = await paidOrder(h);
    await deliverEvent(event);
    await h.db
      .update(jobs)
      .set({ horizonAt: sql`now() + interval '500 milliseconds'` })
      .where(eq(jobs.orderId, orderId));
    await h.sandbox.control("POST", "/faults", {
      service: "storage",
      route: "POST /object/:bucket/:path*",
      status: 500,
      times: 5,
    });
    await runPastHorizon(h, orderId);
    const order = await orderRow(h.db, orderId);
    expect(order).toMatchObject({ status: "needs_attention", attentionReason: "delivery_stalled" });
    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(1);
    expect(l.refunds).toHaveLength(0);
    expect(l.emails.filter((e) => e.to.includes(ADMIN_EMAIL))).toHaveLength(1);
  });
});

/** Runs due jobs until the order leaves paid/provisioning: the last try falls at the horizon, not before it. */
async function runPastHorizon(h: Harness, orderId: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await runDueJobs();
    if (!["paid", "provisioning"].includes((await orderRow(h.db, orderId)).status)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error("the order is still being fulfilled");
}

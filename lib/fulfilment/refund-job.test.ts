// A failed order's money goes back in a refund job of its own, queued with the failure: one Stripe refund and
// one "we refunded you" email, however often the job runs, fails or is claimed.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { jobs } from "@/lib/db/schema";
import { claimDueJobs } from "@/lib/jobs/queue";
import { runDueJobs, runJob } from "@/lib/jobs/worker";
import { BUNDLE, PRICE_MINOR, deliverEvent, drain, ledgers, orderRow, paidOrder, useHarness } from "@/test/harness";

describe.each(testDbKinds())("the refund job on %s", (kind) => {
  const h = useHarness(kind);

  const refundJobs = (orderId: string) =>
    h.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.orderId, orderId), eq(jobs.kind, "refund")));

  /** A paid order that eSIM Go refuses for good, run until its fulfil job has failed it. */
  async function failedOrder() {
    const paid = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", {
      service: "esim-go",
      route: "POST /orders",
      status: 400,
      message: `Bundle ${BUNDLE} not found in catalogue`,
    });
    await deliverEvent(paid.event);
    const reports = await runDueJobs({ lanes: ["fulfilment"] });
    expect(reports.map((r) => [r.kind, r.outcome.kind])).toEqual([["fulfil", "complete"]]);
    return paid;
  }

  async function refundsAndNotices(orderId: string, email: string) {
    const order = await orderRow(h.db, orderId);
    const l = await ledgers(h);
    return {
      refunds: l.refunds.filter((r) => r.payment_intent === order.stripePaymentIntentId),
      notices: l.emails.filter((e) => e.to.includes(email) && /refund/i.test(e.subject)),
    };
  }

  it("refunds a failed order once and tells the customer once, even when the job runs again", async () => {
    const { orderId, email } = await failedOrder();
    // The failure and its refund job were committed together; nothing has gone back yet.
    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "failed" });
    expect(await refundJobs(orderId)).toEqual([expect.objectContaining({ status: "queued", lane: "fulfilment" })]);
    expect((await refundsAndNotices(orderId, email)).refunds).toHaveLength(0);

    await drain(h.db);
    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "refunded", refundedMinor: PRICE_MINOR });

    // Queued again (a re-run of the fulfil job, an operator): the order is refunded already.
    await h.db
      .insert(jobs)
      .values({ kind: "refund", lane: "fulfilment", orderId, horizonAt: new Date(Date.now() + 60_000) });
    await drain(h.db);
    const { refunds, notices } = await refundsAndNotices(orderId, email);
    expect(refunds).toEqual([expect.objectContaining({ amount: PRICE_MINOR })]);
    expect(notices).toHaveLength(1);
  });

  it("retries a refund that Stripe answered 500 and still refunds once", async () => {
    const { orderId, email } = await failedOrder();
    // Three in a row: the Stripe SDK's own two retries meet them too, so the job's first run fails.
    await h.sandbox.control("POST", "/faults", { service: "stripe", route: "POST /refunds", status: 500, times: 3 });
    const [first] = await runDueJobs({ lanes: ["fulfilment"] });
    expect(first).toMatchObject({ kind: "refund", outcome: { kind: "retry", failed: true } });
    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "failed" });

    await drain(h.db);
    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "refunded" });
    const { refunds, notices } = await refundsAndNotices(orderId, email);
    expect(refunds).toHaveLength(1);
    expect(notices).toHaveLength(1);
  });

  it("keeps the refund Stripe made when its answer was lost, instead of making another", async () => {
    const { orderId, email } = await failedOrder();
    await h.sandbox.control("POST", "/faults", {
      service: "stripe",
      route: "POST /refunds",
      dropAfterSend: true,
      times: 3,
    });
    await drain(h.db);
    const order = await orderRow(h.db, orderId);
    expect(order.status).toBe("refunded");
    const { refunds, notices } = await refundsAndNotices(orderId, email);
    expect(refunds.map((r) => r.id)).toEqual([order.refundId]);
    expect(notices).toHaveLength(1);
  });

  it("loses nothing when the worker that claimed the refund dies, and two runs of it refund once", async () => {
    const { orderId, email } = await failedOrder();
    // A worker claims the refund job and dies before doing anything: its lease runs out.
    const [dead] = await claimDueJobs(h.db, "crashed-worker", 1, 50, "fulfilment");
    expect(dead).toMatchObject({ kind: "refund", orderId });
    await new Promise((r) => setTimeout(r, 100));
    // Two workers now hold it at once (one with a stale claim): both run it.
    const [taken] = await claimDueJobs(h.db, "second-worker", 1, 50, "fulfilment");
    expect(taken).toMatchObject({ id: dead!.id });
    await new Promise((r) => setTimeout(r, 100));
    const [again] = await claimDueJobs(h.db, "third-worker", 1, 60_000, "fulfilment");
    expect(again).toMatchObject({ id: dead!.id });
    await Promise.all([runJob(taken!, { db: h.db }), runJob(again!, { db: h.db })]);

    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "refunded" });
    const { refunds, notices } = await refundsAndNotices(orderId, email);
    expect(refunds).toHaveLength(1);
    expect(notices).toHaveLength(1);
  });
});

// POST /api/webhooks/stripe: what is refused before anything is written, and what each event does.
import { describe, expect, it, vi } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { jobs, orders, stripeEvents } from "@/lib/db/schema";
import { POST } from "@/app/api/webhooks/stripe/route";
import {
  ADMIN_EMAIL,
  deliverEvent,
  drain,
  ledgers,
  orderRow,
  paidOrder,
  sign,
  stripeEvent,
  useHarness,
} from "@/test/harness";
import { claimDueJobs } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/worker";
import { stripe } from "./stripe";
import { handleStripeWebhook } from "./webhook";

// Route handlers run `after()` work inside Next's request scope; here it is collected and run by the test.
const afterResponse: (() => unknown)[] = [];
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  after: (fn: () => unknown) => afterResponse.push(fn),
}));

describe.each(testDbKinds())("Stripe webhook on %s", (kind) => {
  const h = useHarness(kind);

  const post = (body: string, signature?: string) =>
    POST(
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        body,
        headers: signature ? { "stripe-signature": signature, "content-type": "application/json" } : {},
      }),
    );
  const rowCounts = async () => ({
    events: (await h.db.select({ n: count() }).from(stripeEvents))[0]!.n,
    jobs: (await h.db.select({ n: count() }).from(jobs))[0]!.n,
    paid: (await h.db.select({ n: count() }).from(orders).where(eq(orders.status, "paid")))[0]!.n,
  });

  it.runIf(kind === "postgres")(
    "answers 503 at its deadline while the database cannot answer, and the event is processed once it can",
    async () => {
      const { orderId, event } = await paidOrder(h);
      const payload = JSON.stringify(event);
      // Another connection holds the event's id uncommitted: the handler's insert waits, as on a database that
      // does not answer.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = h.db
        .transaction(async (tx) => {
          await tx.insert(stripeEvents).values({ id: event.id, type: event.type, created: new Date() });
          locked();
          await held;
          tx.rollback();
        })
        .catch(() => undefined);
      await isLocked;
      let lateKicks = 0;
      const started = Date.now();
      const answer = await handleStripeWebhook(payload, sign(payload), {
        deadlineMs: 500,
        onLateWork: () => lateKicks++,
      });
      expect(answer.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await orderRow(h.db, orderId)).status).toBe("pending_payment");

      release();
      await holder;
      await expect.poll(async () => (await orderRow(h.db, orderId)).status, { timeout: 5_000 }).toBe("paid");
      expect(lateKicks).toBe(1);
      // Stripe's retry finds the work done.
      expect((await post(payload, sign(payload))).status).toBe(200);
      expect(await h.db.select().from(jobs).where(eq(jobs.orderId, orderId))).toHaveLength(1);
    },
  );

  it("answers 400 and writes nothing for a missing or bad signature, a stale timestamp, or a body that is not JSON", async () => {
    const { orderId, event } = await paidOrder(h);
    const payload = JSON.stringify(event);
    const before = await rowCounts();

    const missing = await post(payload);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: "missing_signature" } });

    const wrongSecret = await post(payload, sign(payload).replace(/v1=[0-9a-f]+/, `v1=${"0".repeat(64)}`));
    expect(wrongSecret.status).toBe(400);

    const tampered = await post(payload.replace(`"${orderId}"`, '"ord_someone_else"'), sign(payload));
    expect(tampered.status).toBe(400);

    const stale = await post(payload, sign(payload, Math.floor(Date.now() / 1000) - 301));
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ error: { message: expect.stringMatching(/tolerance/i) } });

    const notJson = "{ this is not json";
    const malformed = await post(notJson, sign(notJson));
    expect(malformed.status).toBe(400);

    expect(await rowCounts()).toEqual(before);
    expect((await orderRow(h.db, orderId)).status).toBe("pending_payment");

    // The same event, properly signed, goes through; the worker is woken after the response.
    afterResponse.length = 0;
    const ok = await post(payload, sign(payload));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: true });
    expect((await orderRow(h.db, orderId)).status).toBe("paid");
    expect(afterResponse).toHaveLength(1);
  });

  it("records an event type it does not handle and acknowledges it, once", async () => {
    const { event } = await paidOrder(h);
    const other = { ...event, id: `${event.id}_pi`, type: "payment_intent.succeeded" } as typeof event;
    expect(await deliverEvent(other)).toMatchObject({ status: 200, body: { received: true, ignored: true } });
    expect(await deliverEvent(other)).toMatchObject({ status: 200, body: { received: true, duplicate: true } });
    const [row] = await h.db.select().from(stripeEvents).where(eq(stripeEvents.id, other.id));
    expect(row?.processedAt).toBeInstanceOf(Date);
  });

  it("parks a payment whose amount does not match the order, buys nothing, and alerts an admin", async () => {
    const { orderId, event } = await paidOrder(h);
    const session = event.data.object as unknown as Record<string, unknown>;
    const tampered = {
      ...event,
      id: `${event.id}_mismatch`,
      data: { object: { ...session, amount_total: 1 } },
    } as typeof event;
    expect((await deliverEvent(tampered)).status).toBe(200);
    expect(await orderRow(h.db, orderId)).toMatchObject({
      status: "needs_attention",
      attentionReason: "amount_mismatch",
    });
    await drain(h.db);
    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(0);
    expect(l.emails.filter((e) => e.to.includes(ADMIN_EMAIL))).toHaveLength(1);
    // The real event for the same payment, arriving later, does not un-park it.
    await deliverEvent(event);
    await drain(h.db);
    expect((await orderRow(h.db, orderId)).status).toBe("needs_attention");
    expect((await ledgers(h)).esimGoOrders).toHaveLength(0);
  });

  it("answers 500 when a handler fails, keeping no trace of the event so Stripe's retry is processed", async () => {
    const { orderId, event } = await paidOrder(h);
    // A database failure in the middle of the handler (after the event id was inserted).
    await h.db.execute(
      sql.raw(
        `create or replace function tern_test_fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`,
      ),
    );
    await h.db.execute(
      sql.raw(
        `create trigger tern_test_fail before update on orders for each row when (new.id = '${orderId}') execute function tern_test_fail()`,
      ),
    );
    const failed = await deliverEvent(event);
    expect(failed).toMatchObject({ status: 500, body: { error: { code: "handler_failed" } } });
    expect(await h.db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toEqual([]);
    expect((await orderRow(h.db, orderId)).status).toBe("pending_payment");
    expect(await h.db.select().from(jobs).where(eq(jobs.orderId, orderId))).toEqual([]);

    await h.db.execute(sql.raw(`drop trigger tern_test_fail on orders`));
    // Stripe retries the same event: processed this time, not mistaken for a duplicate.
    expect(await deliverEvent(event)).toMatchObject({ status: 200, body: { received: true } });
    expect((await orderRow(h.db, orderId)).status).toBe("paid");
  });

  it("stops an order refunded from the dashboard before delivery, and marks a delivered one refunded", async () => {
    const a = await paidOrder(h);
    await deliverEvent(a.event);
    const piA = (await orderRow(h.db, a.orderId)).stripePaymentIntentId!;
    await stripe().refunds.create({ payment_intent: piA });
    const { events } = await h.sandbox.control<{ events: (typeof a.event)[] }>(
      "GET",
      "/stripe/events?type=charge.refunded",
    );
    await deliverEvent(events.find((e) => (e.data.object as { payment_intent: string }).payment_intent === piA)!);
    expect(await orderRow(h.db, a.orderId)).toMatchObject({ status: "refunded", refundedMinor: 499 });
    await drain(h.db);
    let l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(0);
    expect(l.emails.filter((e) => e.to.includes(a.email))).toEqual([
      expect.objectContaining({ subject: expect.stringMatching(/refund/i) }),
    ]);

    const b = await paidOrder(h);
    await deliverEvent(b.event);
    await drain(h.db);
    const piB = (await orderRow(h.db, b.orderId)).stripePaymentIntentId!;
    await stripe().refunds.create({ payment_intent: piB });
    const after = await h.sandbox.control<{ events: (typeof a.event)[] }>("GET", "/stripe/events?type=charge.refunded");
    await deliverEvent(after.events.find((e) => (e.data.object as { payment_intent: string }).payment_intent === piB)!);
    const order = await orderRow(h.db, b.orderId);
    expect(order).toMatchObject({ status: "refunded", refundedMinor: 499 });
    expect(order.refundedAt).toBeInstanceOf(Date);
    await drain(h.db);
    l = await ledgers(h);
    // The eSIM, and then the refund (the receipt is counted apart).
    expect(
      l.emails
        .filter((e) => e.to.includes(b.email))
        .map((e) => e.subject)
        .sort(),
    ).toEqual([expect.stringMatching(/^Refund of \$4\.99/), expect.stringMatching(/^Your eSIM is ready/)]);
    expect(l.receipts.filter((e) => e.to.includes(b.email))).toHaveLength(1);
  });

  it("expires an unpaid order, and marks a failed delayed payment", async () => {
    const { orderId, event } = await paidOrder(h);
    const session = event.data.object as unknown as Record<string, unknown>;
    await deliverEvent({
      ...event,
      id: `${event.id}_exp`,
      type: "checkout.session.expired",
      data: { object: { ...session, status: "expired", payment_status: "unpaid" } },
    } as typeof event);
    expect((await orderRow(h.db, orderId)).status).toBe("expired");

    const second = await paidOrder(h);
    const s2 = second.event.data.object as unknown as Record<string, unknown>;
    await deliverEvent({
      ...second.event,
      id: `${second.event.id}_async`,
      type: "checkout.session.async_payment_failed",
      data: { object: { ...s2, payment_status: "unpaid" } },
    } as typeof event);
    expect(await orderRow(h.db, second.orderId)).toMatchObject({ status: "payment_failed" });
    // …and a completion with payment_status unpaid only waits.
    const third = await paidOrder(h);
    const s3 = third.event.data.object as unknown as Record<string, unknown>;
    await deliverEvent({
      ...third.event,
      id: `${third.event.id}_unpaid`,
      data: { object: { ...s3, payment_status: "unpaid" } },
    } as typeof event);
    expect((await orderRow(h.db, third.orderId)).status).toBe("pending_payment");
    expect(await h.db.select().from(jobs).where(eq(jobs.orderId, third.orderId))).toEqual([]);
  });

  it("still emails the customer when a dashboard refund lands while their job is running", async () => {
    const { orderId, email, event } = await paidOrder(h);
    await deliverEvent(event);
    // A worker has the job (running) when the refund arrives: the refund's own job folds into it.
    const [job] = await claimDueJobs(h.db, "busy-worker", 1);
    const pi = (await orderRow(h.db, orderId)).stripePaymentIntentId!;
    await stripe().refunds.create({ payment_intent: pi });
    const refunded = await stripeEvent(
      h,
      "charge.refunded",
      (e) => (e.data.object as { payment_intent: string }).payment_intent === pi,
    );
    expect(await deliverEvent(refunded)).toMatchObject({ status: 200 });
    expect(await h.db.select().from(jobs).where(eq(jobs.orderId, orderId))).toHaveLength(1);

    await runJob(job!, { db: h.db });
    await drain(h.db);
    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "refunded" });
    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(0);
    expect(l.emails.filter((e) => e.to.includes(email))).toEqual([
      expect.objectContaining({ subject: expect.stringMatching(/refund/i) }),
    ]);
  });
});

// The payment sweep: a paid order whose webhook never came is found (by its session, or by Stripe's list of
// undelivered events) and fulfilled exactly once; an event already processed changes nothing; an unpaid
// session is left alone until it expires, then the order is closed.
import { beforeEach, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { jobs, orderEvents, stripeEvents } from "@/lib/db/schema";
import { createCheckout } from "./checkout";
import { stripe } from "./stripe";
import { replayUndeliveredEvents, runPaymentSweep, sweepPendingSessions } from "./sweep";
import { cronJobs, runCronJob } from "@/lib/cron";
import { env } from "@/lib/env";
import { BUNDLE, deliverEvent, drain, ledgers, orderRow, paidOrder, uniqueEmail, useHarness } from "@/test/harness";

/** Nothing listens here: every webhook delivery fails, as with a misconfigured endpoint. */
const NOWHERE = "http://127.0.0.1:9/api/webhooks/stripe";

describe.each(testDbKinds())("payment sweep on %s", (kind) => {
  const h = useHarness(kind);
  beforeEach(async () => {
    await h.sandbox.control("POST", "/config", { stripe: { webhookUrl: NOWHERE, retryDelaysMs: [] } });
  });

  const jobsFor = async (orderId: string) =>
    (await h.db.select({ n: count() }).from(jobs).where(eq(jobs.orderId, orderId)))[0]!.n;
  const timelineLength = async (orderId: string) =>
    (await h.db.select({ n: count() }).from(orderEvents).where(eq(orderEvents.orderId, orderId)))[0]!.n;
  /** The event's delivery to NOWHERE has failed, so Stripe lists it as undelivered. */
  const untilUndelivered = async (eventId: string) => {
    for (let i = 0; i < 200; i++) {
      const { data } = await stripe().events.list({ delivery_success: false, limit: 100 });
      if (data.some((e) => e.id === eventId)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`event ${eventId} never listed as undelivered`);
  };

  it("delivers an order paid while the webhook endpoint pointed nowhere, from Stripe's undelivered events", async () => {
    const { orderId, event, email } = await paidOrder(h);
    await untilUndelivered(event.id);
    expect((await orderRow(h.db, orderId)).status).toBe("pending_payment");

    const replay = await replayUndeliveredEvents({ kick: false });
    expect(replay).toMatchObject({ replayed: expect.any(Number), failed: 0 });
    expect(replay.replayed).toBeGreaterThanOrEqual(1);
    expect((await orderRow(h.db, orderId)).status).toBe("paid");
    const [recorded] = await h.db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id));
    expect(recorded?.orderId).toBe(orderId);

    await drain(h.db);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(1);
    expect(l.emails.filter((m) => m.to.includes(email) && /esim/i.test(m.subject))).toHaveLength(1);
  });

  it("delivers a paid order whose webhook never came by retrieving its session, once, even racing the webhook", async () => {
    const a = await paidOrder(h);
    const b = await paidOrder(h);
    // Too young: the sweep leaves fresh orders to their webhook.
    expect((await sweepPendingSessions({ kick: false })).checked).toBe(0);

    // b's webhook arrives at the same moment as the sweep.
    const [swept, webhook] = await Promise.all([
      sweepPendingSessions({ minAgeSeconds: 0, kick: false }),
      deliverEvent(b.event),
    ]);
    expect(webhook.status).toBe(200);
    expect(swept.failed).toBe(0);
    for (const o of [a, b]) {
      expect((await orderRow(h.db, o.orderId)).status).toBe("paid");
      expect(await jobsFor(o.orderId)).toBe(1);
    }
    const [paidTransitions] = await h.db
      .select({ n: count() })
      .from(orderEvents)
      .where(sql`${orderEvents.orderId} in (${a.orderId}, ${b.orderId}) and ${orderEvents.toStatus} = 'paid'`);
    expect(paidTransitions?.n).toBe(2);

    await drain(h.db);
    expect((await orderRow(h.db, a.orderId)).status).toBe("delivered");
    expect((await orderRow(h.db, b.orderId)).status).toBe("delivered");
    expect((await ledgers(h)).esimGoOrders).toHaveLength(2);
  });

  it("changes nothing when it replays an event the webhook already processed", async () => {
    const { orderId, event } = await paidOrder(h);
    await untilUndelivered(event.id);
    // The app processed it (say the answer was lost on the way back), so Stripe still lists it.
    expect((await deliverEvent(event)).status).toBe(200);
    await drain(h.db);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    const before = { jobs: await jobsFor(orderId), timeline: await timelineLength(orderId) };

    const replay = await replayUndeliveredEvents({ kick: false });
    expect(replay.alreadyProcessed).toBeGreaterThanOrEqual(1);
    expect(replay.failed).toBe(0);
    // The session pass sees a delivered order: not pending, so not even asked about.
    await sweepPendingSessions({ minAgeSeconds: 0, kick: false });
    await drain(h.db);
    expect({ jobs: await jobsFor(orderId), timeline: await timelineLength(orderId) }).toEqual(before);
    expect((await ledgers(h)).esimGoOrders).toHaveLength(1);
  });

  it("leaves an open unpaid session alone and closes the order of an expired one", async () => {
    const open = await createCheckout({ bundleName: BUNDLE, email: uniqueEmail() });
    const lapsed = await createCheckout({ bundleName: BUNDLE, email: uniqueEmail() });
    const lapsedSession = (await orderRow(h.db, lapsed.orderId)).stripeCheckoutSessionId!;
    await stripe().checkout.sessions.expire(lapsedSession);

    const swept = await sweepPendingSessions({ minAgeSeconds: 0, kick: false });
    expect(swept.failed).toBe(0);
    expect((await orderRow(h.db, open.orderId)).status).toBe("pending_payment");
    expect((await orderRow(h.db, lapsed.orderId)).status).toBe("expired");
    expect(await jobsFor(open.orderId)).toBe(0);
    expect(await jobsFor(lapsed.orderId)).toBe(0);

    // The expiry event, replayed later, finds the order already closed and changes nothing.
    const timeline = await timelineLength(lapsed.orderId);
    await replayUndeliveredEvents({ kick: false });
    expect((await orderRow(h.db, lapsed.orderId)).status).toBe("expired");
    expect(await timelineLength(lapsed.orderId)).toBe(timeline + 1); // an "expired_ignored" note only
    expect((await ledgers(h)).esimGoOrders).toHaveLength(0);
  });

  it("runs from GET /api/cron/sweep with the cron bearer", async () => {
    expect(Object.keys(cronJobs)).toContain("sweep");
    expect((await runCronJob("sweep", null)).status).toBe(401);
    const { orderId, event } = await paidOrder(h);
    await untilUndelivered(event.id);
    const res = await runCronJob("sweep", `Bearer ${env().cronSecret}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ job: "sweep", ok: true, result: { events: { failed: 0 } } });
    // The cron run woke this process's worker itself; wait for it (draining too, in case it already idled).
    for (let i = 0; i < 100 && (await orderRow(h.db, orderId)).status !== "delivered"; i++) {
      await drain(h.db);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    // A second run finds nothing new to do.
    const again = await runPaymentSweep({ kick: false });
    expect(again).toMatchObject({ events: { replayed: 0 }, sessions: { paid: 0 } });
    await drain(h.db);
    expect((await ledgers(h)).esimGoOrders).toHaveLength(1);
  });
});

// A click is counted once: N identical admin requests at the same moment (a double click, a retried form, two
// tabs) give exactly one "applied" answer and one audit row, the applied one; the rest are told it already
// happened and leave no row. PostgreSQL only — PGlite runs one transaction at a time and would hide every race.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { auditLog } from "@/lib/db/schema";
import {
  deliverEvent,
  drain,
  ledgers,
  orderRow,
  paidOrder,
  resetBetweenTests,
  startHarness,
  type Harness,
} from "@/test/harness";
import type { Actor } from "./guard";
import type { ActionResult } from "./action-result";
import { resendDeliveryEmail, retryFulfilment } from "./actions";
import { markResolved, releaseCase, takeCase } from "./cases";
import { refundFull } from "./order-refund";

const alice: Actor = { id: null, email: "alice@tern.test", ip: "198.51.100.1", userAgent: "vitest" };
const N = 6;

describe.runIf(testDbKinds().includes("postgres"))(`${N} identical admin clicks at once, on postgres`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres");
  }, 60_000);
  afterAll(async () => h?.close());
  beforeEach(async () => {
    await resetBetweenTests(h);
  });

  async function parked() {
    const bought = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", { service: "resend", route: "POST /emails", status: 422, times: 1 });
    await deliverEvent(bought.event);
    await drain(h.db);
    expect((await orderRow(h.db, bought.orderId)).status).toBe("needs_attention");
    return bought;
  }

  async function clicks(orderId: string, action: string, click: () => Promise<ActionResult>) {
    // Clicks land a few milliseconds apart, as they do over HTTP: some before the first has decided, some while
    // it is talking to Stripe or the mail provider, some after.
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) => new Promise((r) => setTimeout(r, i * 15)).then(click)),
    );
    const rows = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, orderId), eq(auditLog.action, action)));
    const applied = results.filter((r) => r.outcome === "applied");
    expect(applied, JSON.stringify(results)).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "no_change")).toHaveLength(N - 1);
    expect(rows.map((r) => r.outcome)).toEqual(["applied"]);
    return results.filter((r) => r.outcome !== "applied").map((r) => r.message);
  }

  it("refund of an undelivered order: one Stripe refund, one applied, the rest already refunded", async () => {
    const { orderId } = await parked();
    // Stripe answering in 150 ms, as it does from far away: later clicks arrive while the first is waiting.
    await h.sandbox.control("POST", "/latency", { service: "stripe", ms: 150 });
    const others = await clicks(orderId, "order.refund", () => refundFull(h.db, orderId, orderId, alice));
    expect(new Set(others)).toEqual(new Set(["Already refunded."]));
    const refunds = (await ledgers(h)).refunds;
    expect(refunds).toHaveLength(1);
    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "refunded", refundId: refunds[0]!.id });
    await expect
      .poll(async () => (await orderRow(h.db, orderId)).refundEmailSentAt, { timeout: 10_000 })
      .not.toBeNull();
  });

  it("refund of a delivered order: one Stripe refund, one applied, the rest already refunded", async () => {
    const { orderId, event } = await paidOrder(h);
    await deliverEvent(event);
    await drain(h.db);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    await h.sandbox.control("POST", "/latency", { service: "stripe", ms: 150 });
    const others = await clicks(orderId, "order.refund", () => refundFull(h.db, orderId, orderId, alice));
    expect(new Set(others)).toEqual(new Set(["Already refunded."]));
    expect((await ledgers(h)).refunds).toHaveLength(1);
  });

  it("retry", async () => {
    const { orderId } = await parked();
    await clicks(orderId, "order.retry", () => retryFulfilment(h.db, orderId, alice));
  });

  it("take, then release", async () => {
    const { orderId } = await parked();
    expect(new Set(await clicks(orderId, "case.take", () => takeCase(h.db, orderId, alice)))).toEqual(
      new Set(["You already have this case."]),
    );
    await clicks(orderId, "case.release", () => releaseCase(h.db, orderId, alice));
  });

  it("resolve", async () => {
    const { orderId } = await parked();
    expect(
      new Set(await clicks(orderId, "case.resolve", () => markResolved(h.db, orderId, "Settled by phone", alice))),
    ).toEqual(new Set(["Already resolved."]));
  });

  it("resend the delivery email", async () => {
    const { orderId, email, event } = await paidOrder(h);
    await deliverEvent(event);
    await drain(h.db);
    await h.sandbox.control("POST", "/latency", { service: "resend", ms: 150 });
    await clicks(orderId, "order.resend_email", () => resendDeliveryEmail(h.db, orderId, alice));
    const mails = (await ledgers(h)).emails.filter((e) => e.to.includes(email) && /eSIM/.test(e.subject));
    expect(mails).toHaveLength(2);
  });
});

// Admin actions under double clicks and concurrent admins (PostgreSQL: PGlite runs one transaction at a
// time), and the pricing preview being exactly what saving writes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { auditLog, bundles, jobs, orderEvents } from "@/lib/db/schema";
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
import { resendDeliveryEmail, retryFulfilment } from "./actions";
import { markResolved, takeCase } from "./cases";
import { refundFull } from "./order-refund";
import { currentPricing, previewPricing, repriced, savePricing } from "./pricing";

const alice: Actor = { id: null, email: "alice@tern.test", ip: "198.51.100.1", userAgent: "vitest" };
const bob: Actor = { id: null, email: "bob@tern.test", ip: "198.51.100.2", userAgent: "vitest" };

async function parked(h: Harness) {
  const bought = await paidOrder(h);
  await h.sandbox.control("POST", "/faults", { service: "resend", route: "POST /emails", status: 422, times: 1 });
  await deliverEvent(bought.event);
  await drain(h.db);
  expect((await orderRow(h.db, bought.orderId)).status).toBe("needs_attention");
  return bought;
}

const kinds = testDbKinds();

describe.runIf(kinds.includes("postgres"))("admin actions, twice at once, on postgres", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres");
  }, 60_000);
  afterAll(async () => h?.close());
  beforeEach(async () => {
    await resetBetweenTests(h);
  });

  const outcomes = (rs: { outcome: string }[]) => rs.map((r) => r.outcome).sort();
  const audits = async (orderId: string, action: string) =>
    h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, orderId), eq(auditLog.action, action)));

  it("retry: one admin sends the order back to fulfilment, the other changes nothing", async () => {
    const { orderId } = await parked(h);
    const rs = await Promise.all([retryFulfilment(h.db, orderId, alice), retryFulfilment(h.db, orderId, bob)]);
    expect(outcomes(rs)).toEqual(["applied", "no_change"]);
    const moves = (await h.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).filter(
      (e) => e.fromStatus === "needs_attention" && e.toStatus === "provisioning",
    );
    expect(moves).toHaveLength(1);
    const open = (await h.db.select().from(jobs).where(eq(jobs.orderId, orderId))).filter((j) =>
      ["queued", "running"].includes(j.status),
    );
    expect(open.length).toBeLessThanOrEqual(1);
    // One retry happened, so one audit row: the winner's.
    const winner = rs[0]!.outcome === "applied" ? alice : bob;
    expect((await audits(orderId, "order.retry")).map((a) => [a.actorEmail, a.outcome])).toEqual([
      [winner.email, "applied"],
    ]);
  });

  it("refund: two admins confirming at once make one Stripe refund", async () => {
    const { orderId } = await parked(h);
    const rs = await Promise.all([refundFull(h.db, orderId, orderId, alice), refundFull(h.db, orderId, orderId, bob)]);
    expect(rs.map((r) => r.outcome)).not.toContain("refused");
    const refunds = (await ledgers(h)).refunds;
    expect(refunds).toHaveLength(1);
    const order = await orderRow(h.db, orderId);
    expect(order).toMatchObject({ status: "refunded", refundId: refunds[0]!.id, refundedMinor: refunds[0]!.amount });
    // refundFull kicked the worker to send the refund email in the background: let it go out before the next
    // Resend fault is armed, or it can take that fault instead of the next order's delivery email.
    await expect
      .poll(async () => (await orderRow(h.db, orderId)).refundEmailSentAt, { timeout: 10_000 })
      .not.toBeNull();
    // Without the typed confirmation nothing moves.
    const other = await parked(h);
    expect(await refundFull(h.db, other.orderId, "yes", alice)).toMatchObject({ outcome: "refused" });
    expect((await orderRow(h.db, other.orderId)).status).toBe("needs_attention");
  });

  it("take: two admins grab the same case, exactly one holds it", async () => {
    const { orderId } = await parked(h);
    const rs = await Promise.all([takeCase(h.db, orderId, alice), takeCase(h.db, orderId, bob)]);
    expect(outcomes(rs)).toEqual(["applied", "refused"]);
    const winner = rs[0]!.outcome === "applied" ? alice : bob;
    expect(rs.find((r) => r.outcome === "refused")!.message).toBe(`Already taken by ${winner.email}.`);
    expect(await takeCase(h.db, orderId, winner)).toMatchObject({ outcome: "no_change" });
    // Neither the late admin nor the winner's second click took anything: one row, the take that happened.
    expect((await audits(orderId, "case.take")).map((a) => [a.actorEmail, a.outcome])).toEqual([
      [winner.email, "applied"],
    ]);
  });

  it("resend: a double click sends the delivery email again once", async () => {
    const { orderId, email, event } = await paidOrder(h);
    await deliverEvent(event);
    await drain(h.db);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    const rs = await Promise.all([
      resendDeliveryEmail(h.db, orderId, alice),
      resendDeliveryEmail(h.db, orderId, alice),
    ]);
    expect(outcomes(rs)).toEqual(["applied", "no_change"]);
    const mails = (await ledgers(h)).emails.filter((e) => e.to.includes(email) && /eSIM/.test(e.subject));
    expect(mails).toHaveLength(2);
  });

  it("resolve: two notes at once, one resolution", async () => {
    const { orderId } = await parked(h);
    const rs = await Promise.all([
      markResolved(h.db, orderId, "Customer confirmed by phone", alice),
      markResolved(h.db, orderId, "Same, from the other desk", bob),
    ]);
    expect(outcomes(rs)).toEqual(["applied", "no_change"]);
  });

  it("pricing: two admins saving from the same version, one wins and the other is told", async () => {
    const { version, rules } = await currentPricing(h.db);
    const rs = await Promise.all([
      savePricing(h.db, { ...rules, markupPercent: 50 }, version, alice),
      savePricing(h.db, { ...rules, markupPercent: 60 }, version, bob),
    ]);
    expect(outcomes(rs)).toEqual(["applied", "refused"]);
  });
});

describe.each(kinds)("pricing preview on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  }, 60_000);
  afterAll(async () => h?.close());

  it("shows exactly the prices that saving then writes", async () => {
    const { rules, version } = await currentPricing(h.db);
    const next = { ...rules, markupPercent: 80, minMarginMinor: 250, charm: false };
    const preview = await previewPricing(h.db, next, 100);
    const { changes } = await repriced(h.db, next);
    expect(preview.changed).toBeGreaterThan(0);
    expect(preview.changed).toBe(changes.filter((c) => c.nextMinor !== c.currentMinor).length);
    expect(await savePricing(h.db, next, version, alice)).toMatchObject({ outcome: "applied" });
    const saved = await h.db.select({ name: bundles.name, priceMinor: bundles.priceMinor }).from(bundles);
    const byName = new Map(saved.map((b) => [b.name, b.priceMinor]));
    for (const c of changes) expect(byName.get(c.name), c.name).toBe(c.nextMinor);
    for (const s of preview.sample) expect(byName.get(s.name)).toBe(s.nextMinor);
    // The 1.18 USD bundle: max(118 × 1.8 = 213, 118 + 250 = 368) → 368, no charm rounding.
    expect(byName.get("esim_1GB_7D_GB_V2")).toBe(368);
    expect(await currentPricing(h.db)).toMatchObject({ source: "saved", version: version + 1, rules: next });
    // Saving the same rules again changes nothing; an invalid currency prices nothing.
    expect(await savePricing(h.db, next, version + 1, alice)).toMatchObject({ outcome: "no_change" });
    expect((await previewPricing(h.db, { ...next, currency: "EUR" })).skipped).toBe(changes.length);
  });
});

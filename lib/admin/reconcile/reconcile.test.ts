// The reconcile against the real sandbox: each mismatch is produced the way it happens in life (a webhook
// that never came, a refund made in Stripe's dashboard, an eSIM Go order placed outside the shop, a refused
// email, a customer who paid twice, a provider order that answered too late), is listed with the right kind
// and money, and its repair settles it. Zendit and Stripe Issuing: funding.test.ts.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { auditLog, providerPurchases, stripeEvents } from "@/lib/db/schema";
import { stripe } from "@/lib/payments/stripe";
import { esimGoClient } from "@/lib/providers/esim-go/client";
import {
  BUNDLE,
  PRICE_MINOR,
  deliverEvent,
  drain,
  ledgers,
  orderRow,
  paidOrder,
  type Harness,
  useHarness,
} from "@/test/harness";
import { testActor } from "@/test/actors";
import { reconcile, recentWindow, scheduledReconcile } from "./run";
import { balanceOf } from "@/lib/partners/ledger";
import { testPartner } from "@/test/partners";
import { createTopupSession } from "@/lib/partners/balance-topups";
import { repairMismatch } from "./repair";
import type { Mismatch } from "./kinds";
import { attentionQueue } from "../attention-queue";
import { markResolved } from "../cases";
import { runDueJobs } from "@/lib/jobs/worker";
import { createEsimGoProvider } from "@/lib/providers/esim-go/provider";

const admin = testActor({ ip: "203.0.113.9" });
const now = { graceMs: 0, eventGraceMs: 0 };

describe.each(testDbKinds())("reconcile on %s", (kind) => {
  const h = useHarness(kind);

  const run = () => reconcile(h.db, recentWindow(1), now);
  const rowsFor = async (match: (m: Mismatch) => boolean) => (await run()).mismatches.filter(match);
  const repair = (m: Mismatch, extra: { confirmation?: string; note?: string } = {}) =>
    repairMismatch(
      h.db,
      {
        key: m.key,
        kind: m.kind,
        repair: m.repair,
        orderId: m.orderId,
        reference: m.reference,
        amountMinor: m.amountMinor,
        currency: m.currency,
        ...extra,
      },
      admin,
    );

  it("paid but not bought, and its event never delivered: both listed; applying the payment delivers it", async () => {
    const { orderId, sessionId, event } = await paidOrder(h);
    const rows = await rowsFor((m) => m.orderId === orderId);
    expect(rows.map((m) => m.kind).sort()).toEqual(["event_not_delivered", "paid_not_bought"]);
    const paid = rows.find((m) => m.kind === "paid_not_bought")!;
    expect(paid).toMatchObject({
      reference: sessionId,
      amountMinor: PRICE_MINOR,
      currency: "USD",
      repair: "apply_payment",
    });
    const totals = (await run()).totals.find((t) => t.kind === "paid_not_bought")!;
    expect(totals.count).toBeGreaterThanOrEqual(1);
    expect(totals.totals[0]).toMatchObject({ currency: "USD" });

    expect(await repair(paid)).toMatchObject({ outcome: "applied" });
    await settle(h, orderId);
    const after = await rowsFor((m) => m.orderId === orderId);
    expect(after.map((m) => m.kind)).toEqual(["event_not_delivered"]);

    // The event repair fetches the event from Stripe itself and runs it once.
    expect(await repair(after[0]!)).toMatchObject({ outcome: "applied" });
    expect(await h.db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toHaveLength(1);
    expect(await rowsFor((m) => m.orderId === orderId)).toEqual([]);
    expect(await repair(after[0]!)).toMatchObject({ outcome: "no_change" });
  });

  it("a reseller's paid top-up whose webhook never came: listed to credit, never to refund; credited once", async () => {
    const { partner } = await testPartner(h.db);
    const { sessionId } = await createTopupSession(partner, 2_500);
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${sessionId}/pay`, {
      card: "4242424242424242",
      email: "finance@agency.test",
    });
    const rows = await rowsFor((m) => m.reference === sessionId);
    expect(rows).toMatchObject([
      { kind: "topup_not_credited", amountMinor: 2_500, currency: "USD", repair: "credit_topup", orderId: null },
    ]);
    // Refunding it as an orphan payment would take a reseller's prepaid money back.
    expect(await repair({ ...rows[0]!, repair: "refund_session" }, { confirmation: sessionId })).toMatchObject({
      outcome: "refused",
    });
    const both = await Promise.all([repair(rows[0]!), repair(rows[0]!)]);
    expect(both.map((r) => r.outcome).sort()).toEqual(["applied", "no_change"]);
    expect(await balanceOf(h.db, partner.id)).toBe(2_500);
    expect(await rowsFor((m) => m.reference === sessionId)).toEqual([]);
    // The webhook arriving late changes nothing.
    const event = (await stripe().events.list({ type: "checkout.session.completed", limit: 100 })).data.find(
      (e) => (e.data.object as { id: string }).id === sessionId,
    );
    if (event) await deliverEvent(event);
    expect(await balanceOf(h.db, partner.id)).toBe(2_500);
  });

  it("refunded in Stripe's dashboard after delivery: listed with the refunded money; acknowledging hides it", async () => {
    const { orderId, event } = await paidOrder(h);
    await deliverEvent(event);
    await drain(h.db);
    const order = await orderRow(h.db, orderId);
    expect(order.status).toBe("delivered");
    const refund = await stripe().refunds.create({ payment_intent: order.stripePaymentIntentId!, amount: 200 });

    const [row] = await rowsFor((m) => m.kind === "refunded_but_delivered" && m.orderId === orderId);
    expect(row).toMatchObject({ reference: refund.id, amountMinor: 200, currency: "USD", repair: "acknowledge" });
    expect(await repair(row!)).toMatchObject({ outcome: "refused" });
    expect(await repair(row!, { note: "Customer keeps the eSIM; partial goodwill refund." })).toMatchObject({
      outcome: "applied",
    });
    const report = await run();
    expect(report.mismatches.filter((m) => m.key === row!.key)).toEqual([]);
    expect(report.acknowledged).toBeGreaterThanOrEqual(1);
  });

  it("an eSIM Go order placed outside the shop is listed as unlinked, with its wholesale cost", async () => {
    const outside = await esimGoClient().createOrder({
      type: "transaction",
      assign: true,
      order: [{ type: "bundle", quantity: 1, item: BUNDLE }],
    });
    const [row] = await rowsFor((m) => m.kind === "unlinked_provider_order" && m.reference === outside.orderReference);
    expect(row).toMatchObject({ orderId: null, amountMinor: Math.round(outside.total * 100), currency: "USD" });

    // Our own purchases are linked, so they never show up as unlinked.
    const { orderId, event } = await paidOrder(h);
    await deliverEvent(event);
    await drain(h.db);
    const mine = (await ledgers(h)).esimGoOrders.map((o) => o.orderReference);
    expect(mine).toHaveLength(2);
    const unlinked = (await rowsFor((m) => m.kind === "unlinked_provider_order")).map((m) => m.reference);
    expect(unlinked).toEqual([outside.orderReference]);
    expect((await rowsFor((m) => m.orderId === orderId)).map((m) => m.kind)).toEqual([]);
  });

  it("an email refused by Resend leaves the eSIM undelivered by mail: listed, and retrying sends it", async () => {
    const { orderId, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", { service: "resend", route: "POST /emails", status: 422, times: 1 });
    await deliverEvent(event);
    await drain(h.db);
    expect(await orderRow(h.db, orderId)).toMatchObject({
      status: "needs_attention",
      attentionReason: "delivery_failed",
    });

    const [row] = await rowsFor((m) => m.kind === "delivered_not_emailed" && m.orderId === orderId);
    expect(row).toMatchObject({ amountMinor: PRICE_MINOR, repair: "retry" });
    expect(await repair(row!)).toMatchObject({ outcome: "applied" });
    const order = await settle(h, orderId);
    expect(order.emailSentAt).toBeInstanceOf(Date);
    expect(await rowsFor((m) => m.orderId === orderId)).toEqual([]);
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.targetId, orderId));
    expect(audit.map((a) => [a.action, a.outcome, a.actorEmail, a.ip])).toContainEqual([
      "order.retry",
      "applied",
      admin.email,
      admin.ip,
    ]);
  });

  it("a customer who paid twice for one order: the second charge is listed and refunded, never the first", async () => {
    const { orderId, sessionId, email, event } = await paidOrder(h);
    await deliverEvent(event);
    await drain(h.db);
    const second = await stripe().checkout.sessions.create({
      mode: "payment",
      line_items: [
        { quantity: 1, price_data: { currency: "usd", unit_amount: PRICE_MINOR, product_data: { name: "x" } } },
      ],
      client_reference_id: orderId,
      metadata: { order_id: orderId },
      success_url: "http://localhost/ok",
    });
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${second.id}/pay`, { card: "4242424242424242", email });

    const [row] = await rowsFor((m) => m.kind === "bought_twice" && m.orderId === orderId);
    expect(row).toMatchObject({ reference: second.id, amountMinor: PRICE_MINOR, repair: "refund_session" });
    // A replayed or edited row cannot refund the order's own payment from here.
    expect(await repair({ ...row!, reference: sessionId }, { confirmation: sessionId })).toMatchObject({
      outcome: "refused",
    });
    expect(await repair(row!, { confirmation: "wrong" })).toMatchObject({ outcome: "refused" });
    expect(await repair(row!, { confirmation: second.id })).toMatchObject({ outcome: "applied" });
    expect(await repair(row!, { confirmation: second.id })).toMatchObject({ outcome: "applied" });
    const refunds = (await ledgers(h)).refunds;
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.amount).toBe(PRICE_MINOR);
    // Only the second payment's own webhook event (never delivered here) is still open.
    expect((await rowsFor((m) => m.orderId === orderId)).map((m) => m.kind)).toEqual(["event_not_delivered"]);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
  });

  it("a late provider order (found after we concluded it had not happened) is a second purchase with its cost, and waits in the attention queue", async () => {
    const { orderId, event } = await paidOrder(h);
    // eSIM Go answers the first purchase after our 1 s timeout: the retry buys again, the first turns up later.
    await h.sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", delayMs: 3_000, times: 1 });
    await deliverEvent(event);
    const deps = {
      provider: () => createEsimGoProvider(undefined, { purchaseTimeoutMs: 1_000 }),
      settleWindowMs: 500,
      auditDelayMs: 2_500,
    };
    const orphaned = async () =>
      (
        await h.db
          .select()
          .from(providerPurchases)
          .where(and(eq(providerPurchases.orderId, orderId), eq(providerPurchases.status, "orphaned")))
      ).length > 0;
    for (const until = Date.now() + 12_000; Date.now() < until && !(await orphaned());)
      await runDueJobs({ deps }).then(() => new Promise((r) => setTimeout(r, 100)));
    expect(await orphaned()).toBe(true);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");

    const [row] = await rowsFor((m) => m.kind === "bought_twice" && m.orderId === orderId);
    const late = (await ledgers(h)).esimGoOrders;
    expect(late).toHaveLength(2);
    expect(row).toMatchObject({ amountMinor: 118, currency: "USD", repair: "acknowledge" });
    for (const o of late) expect(row!.reference).toContain(o.orderReference);

    const item = (await attentionQueue(h.db)).find((i) => i.key === orderId);
    expect(item).toMatchObject({ reason: "late_purchase", action: "investigate" });

    expect(await repair(row!, { note: "Revoked the unused bundle at eSIM Go." })).toMatchObject({ outcome: "applied" });
    expect(await rowsFor((m) => m.key === row!.key)).toEqual([]);
    expect(await markResolved(h.db, orderId, "Revoked the unused bundle at eSIM Go.", admin)).toMatchObject({
      outcome: "applied",
    });
    expect((await attentionQueue(h.db)).find((i) => i.key === orderId)).toBeUndefined();
  }, 30_000);

  it("the scheduled run mails the admins once per new finding, and nothing when nothing is new", async () => {
    // All agree (the sandbox was reset, so earlier tests' Stripe objects are gone): no email at all.
    expect(await scheduledReconcileAt(h)).toEqual({ mismatches: 0, fresh: 0, emailed: false });
    expect((await ledgers(h)).emails).toEqual([]);
    await esimGoClient().createOrder({
      type: "transaction",
      assign: true,
      order: [{ type: "bundle", quantity: 1, item: BUNDLE }],
    });
    const first = await scheduledReconcileAt(h);
    expect(first.fresh).toBeGreaterThanOrEqual(1);
    expect(first.emailed).toBe(true);
    const mails = (await ledgers(h)).emails.filter((e) => /Reconcile/.test(e.subject));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Provider order we cannot link");
    const again = await scheduledReconcileAt(h);
    expect(again).toMatchObject({ fresh: 0, emailed: false });
    expect((await ledgers(h)).emails.filter((e) => /Reconcile/.test(e.subject))).toHaveLength(1);

    // One more disagreement: the next summary names it alone, not the ones already reported.
    const later = await esimGoClient().createOrder({
      type: "transaction",
      assign: true,
      order: [{ type: "bundle", quantity: 1, item: BUNDLE }],
    });
    expect(await scheduledReconcileAt(h)).toMatchObject({ fresh: 1, emailed: true });
    const all = (await ledgers(h)).emails.filter((e) => /Reconcile/.test(e.subject));
    expect(all).toHaveLength(2);
    const second = all.find((e) => e.id !== mails[0]!.id)!;
    expect(second.subject).toMatch(/1 new mismatch$/);
    expect(second.text).toContain(later.orderReference);
    expect(second.text).toContain("1 new of 2 open mismatches");
  });
});

/** Repairs wake this process's worker too: drain alongside it until the order is delivered. */
async function settle(h: Harness, orderId: string) {
  for (let i = 0; i < 50; i++) {
    await drain(h.db);
    const order = await orderRow(h.db, orderId);
    if (order.status === "delivered") return order;
    await new Promise((r) => setTimeout(r, 200));
  }
  return orderRow(h.db, orderId);
}

function scheduledReconcileAt(h: Harness) {
  // Findings younger than the grace period are not mismatches yet: run with a clock past it.
  return scheduledReconcile(h.db, new Date(Date.now() + 20 * 60_000));
}

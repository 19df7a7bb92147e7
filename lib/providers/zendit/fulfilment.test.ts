// A Zendit order through today's fulfilment (the port as it is), with wallet funding on: checkout, payment,
// webhook, job — top-up, asynchronous purchase, install details, QR, email. The provider registry does not
// know Zendit yet (wired after the merge), so the test registers it the way the registry will.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { testDbKinds } from "@/lib/db/testing";
import { esims, jobs, orderEvents, walletTopups } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { deliverEvent, drain, ledgers, orderRow, paidOrder, useHarness } from "@/test/harness";
import { declineIssuingAuthorizations, seedZenditOffer, ZENDIT_OFFER as OFFER } from "@/test/zendit";
import { transactionIdFor } from "./transaction-ids";
import { handlePurchaseWebhook } from "@/lib/fulfilment/purchase-webhook";

const BUFFER = 300;

describe.each(testDbKinds())("a Zendit order on %s", (kind) => {
  const h = useHarness(kind);
  beforeAll(async () => {
    h.sandbox.app.config.zendit.stepDelayMs = 30;
    process.env.ZENDIT_WALLET_BUFFER_MINOR = String(BUFFER);
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.ZENDIT_WALLET_BUFFER_MINOR;
    resetEnvCache();
  });
  beforeEach(async () => {
    h.sandbox.app.config.zendit.stepDelayMs = 30;
    await seedZenditOffer(h.db, { sandbox: h.sandbox });
  });

  it("on an empty wallet: tops up once, buys once, delivers once — with the webhook racing the poller", async () => {
    const { orderId, email, event } = await paidOrder(h, { bundle: OFFER });
    expect(await deliverEvent(event)).toMatchObject({ status: 200 });
    const txId = transactionIdFor(orderId, 1);
    const hint = JSON.stringify({ transactionId: txId, status: "DONE" });
    const secret = new Headers({ "x-zendit-secret": "zendit-sandbox-secret" });
    for (let round = 0; round < 60 && (await orderRow(h.db, orderId)).status !== "delivered"; round++) {
      // Webhooks (duplicates included) arrive while workers poll.
      await Promise.all([
        drain(h.db, { maxRounds: 3 }),
        handlePurchaseWebhook(h.db, "zendit", hint, secret),
        handlePurchaseWebhook(h.db, "zendit", hint, secret),
      ]);
      await new Promise((r) => setTimeout(r, 40));
    }
    const order = await orderRow(h.db, orderId);
    expect(order.status).toBe("delivered");

    const purchases = await h.sandbox.control<
      { transactionId: string; status: string; confirmation?: { iccid: string; activationCode: string } }[]
    >("GET", "/zendit/purchases");
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({ transactionId: txId, status: "DONE" });
    const [esim] = await h.db.select().from(esims).where(eq(esims.orderId, orderId));
    expect(esim).toMatchObject({
      iccid: purchases[0]!.confirmation!.iccid,
      lpa: purchases[0]!.confirmation!.activationCode,
      provider: "zendit",
    });

    const l = await ledgers(h);
    const mail = l.emails.filter((e) => e.to.includes(email));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.attachments.map((a) => a.filename)).toContain("esim-qr.png");
    expect(l.objects.filter((o) => o.path.startsWith(`orders/${orderId}/`))).toHaveLength(1);

    const topups = await h.db
      .select()
      .from(walletTopups)
      .where(sql`${orderId} = any(${walletTopups.orderIds})`);
    expect(topups).toEqual([expect.objectContaining({ status: "succeeded", orderIds: [orderId] })]);
    const stripe = new Stripe("sk_test_tern_sandbox", { host: "127.0.0.1", port: h.sandbox.port, protocol: "http" });
    const cards = (await stripe.issuing.cards.list()).data;
    expect(cards.map((c) => c.status)).toEqual(["canceled"]);

    // The card's number and CVC (as the sandbox issued them) appear in no email, event or timeline.
    const revealed = await stripe.issuing.cards.retrieve(cards[0]!.id, { expand: ["number", "cvc"] });
    const everywhere = JSON.stringify([
      l.emails,
      await h.sandbox.control("GET", "/stripe/events"),
      await h.db.select().from(orderEvents),
      topups,
    ]);
    expect(everywhere).not.toContain(revealed.number!);
    expect(everywhere).not.toMatch(new RegExp(`"cvc"\\s*:\\s*"${revealed.cvc}"`));
  });

  it("a declined top-up makes the order wait, then delivers once the card works; never funded, it is refunded at the horizon", async () => {
    const decline = await declineIssuingAuthorizations(h.sandbox);
    try {
      const waits = await paidOrder(h, { bundle: OFFER });
      const never = await paidOrder(h, { bundle: OFFER });
      await deliverEvent(waits.event);
      await deliverEvent(never.event);
      await drain(h.db, { maxRounds: 3 });
      for (const { orderId } of [waits, never])
        expect(await orderRow(h.db, orderId)).toMatchObject({
          status: "needs_attention",
          attentionReason: "insufficient_balance",
        });
      let l = await ledgers(h);
      expect(l.refunds).toHaveLength(0);
      expect(await h.sandbox.control<unknown[]>("GET", "/zendit/purchases")).toHaveLength(0);

      // The one order reaches its horizon while the card is still declined: refunded, nothing bought.
      await h.db
        .update(jobs)
        .set({ horizonAt: new Date(Date.now() - 1_000) })
        .where(eq(jobs.orderId, never.orderId));
      await drain(h.db, { maxRounds: 3 });
      const refunded = await orderRow(h.db, never.orderId);
      expect(refunded.status).toBe("refunded");

      // The card works again: the other is bought once and delivered.
      await decline.restore();
      await drain(h.db);
      expect((await orderRow(h.db, waits.orderId)).status).toBe("delivered");
      l = await ledgers(h);
      expect(l.refunds.map((r) => r.payment_intent)).toEqual([refunded.stripePaymentIntentId]);
      expect(await h.sandbox.control<unknown[]>("GET", "/zendit/purchases")).toHaveLength(1);
      expect(l.emails.filter((e) => e.to.includes(waits.email))).toHaveLength(1);
      expect(l.emails.filter((e) => e.to.includes(never.email))).toHaveLength(1);
    } finally {
      await decline.restore();
    }
  });

  it("once a top-up goes through, the other orders parked on the empty wallet go at once, not at their backoff step", async () => {
    const decline = await declineIssuingAuthorizations(h.sandbox);
    try {
      const first = await paidOrder(h, { bundle: OFFER });
      const parked = await paidOrder(h, { bundle: OFFER });
      await deliverEvent(first.event);
      await deliverEvent(parked.event);
      await drain(h.db, { maxRounds: 3 });
      expect((await orderRow(h.db, parked.orderId)).status).toBe("needs_attention");

      // A long decline left both on the 10-minute step; the card works again and the first one's retry comes due.
      await h.db
        .update(jobs)
        .set({ runAt: sql`now() + interval '10 minutes'` })
        .where(sql`${jobs.orderId} in (${first.orderId}, ${parked.orderId}) and ${jobs.kind} = 'fulfil'`);
      await decline.restore();
      await h.db
        .update(jobs)
        .set({ runAt: sql`now()` })
        .where(eq(jobs.orderId, first.orderId));
      for (let round = 0; round < 60 && (await orderRow(h.db, parked.orderId)).status !== "delivered"; round++) {
        await drain(h.db, { forward: false, maxRounds: 3 });
        await new Promise((r) => setTimeout(r, 40));
      }
      expect((await orderRow(h.db, first.orderId)).status).toBe("delivered");
      expect((await orderRow(h.db, parked.orderId)).status).toBe("delivered");
      expect(await h.sandbox.control<unknown[]>("GET", "/zendit/purchases")).toHaveLength(2);
    } finally {
      await decline.restore();
    }
  });
});

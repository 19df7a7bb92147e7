// Outgoing webhooks end to end: signed with the documented scheme (the docs' own snippet verifies them, a
// tampered body fails), retried with backoff from the job queue with every attempt logged, replayable, never
// carrying an activation code. And prepaid top-ups: the Stripe webhook credits the ledger exactly once.
import dns from "node:dns";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { esims, webhookAttempts, webhookDeliveries, webhookEvents } from "@/lib/db/schema";
import {
  BUNDLE,
  deliverEvent,
  drain,
  processStripeEvent,
  resetBetweenTests,
  startHarness,
  stripeEvent,
  type Harness,
} from "@/test/harness";
import { POST as postOrder } from "@/app/api/v1/orders/route";
import { apiRequest, testPartner } from "@/test/partners";
import { balanceOf, ledgerLines, ledgerTotals } from "./ledger";
import { createEndpoint, deliveryLog, replayDelivery, WebhookTargetRefused } from "./webhooks";
import { resetEnvCache } from "@/lib/env";
import { VERIFY_SNIPPET } from "./signature";
import { createTopupSession } from "./topups";
import { stripe } from "@/lib/payments/stripe";

vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  after: () => {},
}));

interface Received {
  body: string;
  signature: string;
}

/** A partner's webhook receiver on a free local port; answers `failFirst` requests with 500. */
async function receiver(failFirst = 0) {
  const received: Received[] = [];
  let seen = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen++;
      if (seen <= failFirst) {
        res.writeHead(500).end("not yet");
        return;
      }
      received.push({ body, signature: String(req.headers["tern-signature"] ?? "") });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise((r) => server.close(r)) };
}

type Verify = (rawBody: string, header: string, secret: string) => boolean;
let verifyTernSignature: Verify;

describe.each(testDbKinds())("partner webhooks and top-ups on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
    // The docs' snippet, run as a partner would run it.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tern-snippet-")), "verify.mjs");
    fs.writeFileSync(file, VERIFY_SNIPPET);
    ({ verifyTernSignature } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
      verifyTernSignature: Verify;
    });
  });
  afterAll(async () => h?.close());
  beforeEach(async () => resetBetweenTests(h));

  const order = (secret: string, reference: string) =>
    postOrder(
      apiRequest("/orders", {
        method: "POST",
        secret,
        idempotencyKey: `key-${reference}-0000`,
        body: { bundle: BUNDLE, reference },
      }),
    );

  it("signs order.delivered so the documented snippet verifies it, retries failures, logs attempts, replays", async () => {
    const hook = await receiver(2);
    try {
      const { partner, secret } = await testPartner(h.db, { fundMinor: 5_000 });
      const { secret: signingSecret } = await createEndpoint(h.db, partner.id, {
        url: hook.url,
        events: ["order.delivered", "order.refunded"],
      });
      const res = await order(secret, "hook-1");
      expect(res.status).toBe(201);
      const { id: orderId } = await res.json();
      await drain(h.db, { maxRounds: 20 });

      expect(hook.received).toHaveLength(1);
      const [{ body, signature }] = hook.received as [Received];
      expect(verifyTernSignature(body, signature, signingSecret)).toBe(true);
      expect(verifyTernSignature(body.replace(orderId, "ord_someoneelse00000000"), signature, signingSecret)).toBe(
        false,
      );
      expect(verifyTernSignature(body, signature, "whsec_wrong")).toBe(false);
      const event = JSON.parse(body);
      expect(event).toMatchObject({
        type: "order.delivered",
        data: { order: { id: orderId, reference: "hook-1", status: "delivered" } },
      });
      // Never an activation code: none of the eSIM's install details appear in the payload.
      const [esim] = await h.db.select().from(esims).where(eq(esims.orderId, orderId));
      for (const secretPart of [esim!.matchingId, esim!.lpa, esim!.smdpAddress]) expect(body).not.toContain(secretPart);

      const [delivery] = await h.db
        .select()
        .from(webhookDeliveries)
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .where(eq(webhookEvents.orderId, orderId));
      expect(delivery!.webhook_deliveries).toMatchObject({ status: "succeeded", attempts: 3 });
      const attempts = await h.db
        .select()
        .from(webhookAttempts)
        .where(eq(webhookAttempts.deliveryId, delivery!.webhook_deliveries.id));
      expect(attempts.map((a) => a.responseStatus)).toEqual([500, 500, 200]);
      const log = await deliveryLog(h.db, partner.id);
      expect(log[0]).toMatchObject({ type: "order.delivered", status: "succeeded", lastResponseStatus: 200 });

      // Replay from the portal: the same event again, newly signed; another partner cannot replay it.
      const other = await testPartner(h.db);
      expect(await replayDelivery(h.db, other.partner.id, delivery!.webhook_deliveries.id)).toBe(false);
      expect(await replayDelivery(h.db, partner.id, delivery!.webhook_deliveries.id)).toBe(true);
      await drain(h.db);
      expect(hook.received).toHaveLength(2);
      expect(JSON.parse(hook.received[1]!.body).id).toBe(event.id);
      expect(verifyTernSignature(hook.received[1]!.body, hook.received[1]!.signature, signingSecret)).toBe(true);
    } finally {
      await hook.close();
    }
  }, 60_000);

  it("sends order.failed and order.refunded when fulfilment fails, and balance.low when a debit crosses the threshold", async () => {
    const hook = await receiver();
    try {
      const { partner, secret } = await testPartner(h.db, { fundMinor: 1_000, lowBalanceMinor: 600 });
      await createEndpoint(h.db, partner.id, {
        url: hook.url,
        events: ["order.failed", "order.refunded", "balance.low"],
      });
      expect((await order(secret, "fail-1")).status).toBe(201);
      await h.sandbox.control("POST", "/faults", {
        service: "esim-go",
        route: "POST /orders",
        status: 400,
        message: `Bundle ${BUNDLE} not found in catalogue`,
      });
      await drain(h.db, { maxRounds: 20 });
      await h.sandbox.control("DELETE", "/faults");
      const types = hook.received.map((r) => JSON.parse(r.body).type).sort();
      expect(types).toEqual(["balance.low", "order.failed", "order.refunded"]);
      const low = hook.received.map((r) => JSON.parse(r.body)).find((e) => e.type === "balance.low");
      expect(low.data).toEqual({ balance: { amountMinor: 1_000 - 449, currency: "USD" }, thresholdMinor: 600 });
      expect(await balanceOf(h.db, partner.id)).toBe(1_000);
    } finally {
      await hook.close();
    }
  }, 60_000);

  it("refuses private targets when saving and again at delivery once PARTNER_WEBHOOKS_ALLOW_PRIVATE is off", async () => {
    const hook = await receiver();
    const setAllowPrivate = (value: string | undefined) => {
      if (value === undefined) delete process.env.PARTNER_WEBHOOKS_ALLOW_PRIVATE;
      else process.env.PARTNER_WEBHOOKS_ALLOW_PRIVATE = value;
      resetEnvCache();
    };
    try {
      const { partner, secret } = await testPartner(h.db, { fundMinor: 5_000 });
      // Saved while allowed (as a sandbox would), then the shop goes live with private targets refused.
      await createEndpoint(h.db, partner.id, { url: hook.url, events: ["order.delivered"] });
      setAllowPrivate("false");
      await expect(
        createEndpoint(h.db, partner.id, { url: "http://127.0.0.1/", events: ["order.delivered"] }),
      ).rejects.toBeInstanceOf(WebhookTargetRefused);
      const lookup = vi
        .spyOn(dns, "lookup")
        .mockImplementation(((_h: string, _o: unknown, cb: unknown) =>
          (cb as (e: null, a: object[]) => void)(null, [{ address: "10.20.30.40", family: 4 }])) as never);
      // Refused without saying where the name points: the message is no DNS oracle into our network.
      const refusal = createEndpoint(h.db, partner.id, {
        url: "https://hooks.agency.example/",
        events: ["order.delivered"],
      });
      await expect(refusal).rejects.toThrow(/must resolve to a public address/);
      await expect(refusal).rejects.not.toThrow(/10\.20\.30\.40/);
      lookup.mockRestore();

      const res = await order(secret, "ssrf-1");
      expect(res.status).toBe(201);
      await drain(h.db, { maxRounds: 20 });
      expect(hook.received).toHaveLength(0);
      const attempts = await h.db
        .select({ status: webhookAttempts.responseStatus, error: webhookAttempts.error })
        .from(webhookAttempts)
        .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .where(eq(webhookEvents.orderId, (await res.json()).id));
      expect(attempts.length).toBeGreaterThan(0);
      for (const a of attempts) expect(a).toEqual({ status: null, error: expect.stringMatching(/^refused: .*https/) });
    } finally {
      setAllowPrivate(undefined);
      await hook.close();
    }
  }, 60_000);

  it("credits a paid top-up once, however often Stripe delivers the event", async () => {
    const { partner } = await testPartner(h.db);
    const topup = await createTopupSession(partner, 2_500);
    const id = topup.sessionId;
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${id}/pay`, {
      card: "4242424242424242",
      email: "finance@agency.test",
    });
    const event = await stripeEvent(
      h,
      "checkout.session.completed",
      (e) => (e.data.object as { id: string }).id === id,
    );
    for (let i = 0; i < 3; i++) expect((await deliverEvent(event)).status).toBe(200);
    expect(await balanceOf(h.db, partner.id)).toBe(2_500);
    expect(await ledgerTotals(h.db)).toEqual({ USD: 0 });

    const postpaid = await testPartner(h.db, { billing: "postpaid", creditLimitMinor: 1_000 });
    await expect(createTopupSession(postpaid.partner, 2_500)).rejects.toMatchObject({ code: "not_prepaid" });
  });

  /** A paid top-up of `amountMinor`, credited through its webhook; answers its PaymentIntent. */
  async function paidTopup(partner: Parameters<typeof createTopupSession>[0], amountMinor: number) {
    const { sessionId } = await createTopupSession(partner, amountMinor);
    await h.sandbox.control("POST", `/stripe/checkout/sessions/${sessionId}/pay`, {
      card: "4242424242424242",
      email: "finance@agency.test",
    });
    const paid = await stripeEvent(
      h,
      "checkout.session.completed",
      (e) => (e.data.object as { id: string }).id === sessionId,
    );
    expect((await deliverEvent(paid)).status).toBe(200);
    return String((paid.data.object as { payment_intent: string }).payment_intent);
  }

  const refundedEvent = (paymentIntent: string, amountRefunded: number) =>
    stripeEvent(h, "charge.refunded", (e) => {
      const charge = e.data.object as { payment_intent: string; amount_refunded: number };
      return charge.payment_intent === paymentIntent && charge.amount_refunded === amountRefunded;
    });

  it("debits a refunded top-up once per refund, whatever the redeliveries and their order", async () => {
    const { partner } = await testPartner(h.db);
    const paymentIntent = await paidTopup(partner, 2_500);
    expect(await balanceOf(h.db, partner.id)).toBe(2_500);

    await stripe().refunds.create({ payment_intent: paymentIntent, amount: 1_000 });
    const first = await refundedEvent(paymentIntent, 1_000);
    for (let i = 0; i < 2; i++) expect((await deliverEvent(first)).status).toBe(200);
    // The same charge.refunded under a new event id (the sweep, or Stripe re-sending) debits nothing more.
    await processStripeEvent({ ...first, id: `${first.id}_again` });
    expect(await balanceOf(h.db, partner.id)).toBe(1_500);

    await stripe().refunds.create({ payment_intent: paymentIntent, amount: 1_500 });
    const second = await refundedEvent(paymentIntent, 2_500);
    await processStripeEvent({ ...second, id: `${second.id}_early` });
    await deliverEvent(first); // the older event arriving late
    await processStripeEvent({ ...first, id: `${first.id}_late` });
    expect((await deliverEvent(second)).status).toBe(200);
    expect(await balanceOf(h.db, partner.id)).toBe(0);
    const lines = await ledgerLines(h.db, partner.id);
    expect(
      lines
        .filter((l) => l.kind === "topup_reversal")
        .map((l) => l.amountMinor)
        .sort((a, b) => a - b),
    ).toEqual([-1_500, -1_000]);
    expect(await ledgerTotals(h.db)).toEqual({ USD: 0 });
  });

  it("a refund after spending takes the balance negative, and the partner cannot order until topped up", async () => {
    const { partner, secret } = await testPartner(h.db);
    const paymentIntent = await paidTopup(partner, 1_000);
    expect((await order(secret, "before-refund")).status).toBe(201);
    const spent = 1_000 - (await balanceOf(h.db, partner.id));
    await stripe().refunds.create({ payment_intent: paymentIntent });
    expect((await deliverEvent(await refundedEvent(paymentIntent, 1_000))).status).toBe(200);
    expect(await balanceOf(h.db, partner.id)).toBe(-spent);

    const refused = await order(secret, "after-refund");
    expect(refused.status).toBe(402);
    expect((await refused.json()).error.code).toBe("insufficient_balance");
    expect(await balanceOf(h.db, partner.id)).toBe(-spent);
    await paidTopup(partner, 1_000);
    expect((await order(secret, "after-topup")).status).toBe(201);
  }, 60_000);

  it("a lost dispute on a top-up debits it once; a won one and a shop charge's dispute change nothing", async () => {
    const { partner } = await testPartner(h.db);
    const paymentIntent = await paidTopup(partner, 2_000);
    // The sandbox has no disputes: the event is made here in Stripe's shape and signed like the sandbox's.
    const disputeEvent = (id: string, status: string, pi: string, amount = 2_000) =>
      ({
        id: `evt_dispute_${id}_${status}`,
        object: "event",
        type: "charge.dispute.closed",
        api_version: "2025-01-27.acacia",
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        data: {
          object: { id, object: "dispute", amount, currency: "usd", status, payment_intent: pi, charge: "ch_x" },
        },
      }) as unknown as Parameters<typeof deliverEvent>[0];

    expect((await deliverEvent(disputeEvent("dp_won", "won", paymentIntent))).status).toBe(200);
    expect(await balanceOf(h.db, partner.id)).toBe(2_000);
    for (let i = 0; i < 2; i++)
      expect((await deliverEvent(disputeEvent("dp_lost", "lost", paymentIntent))).status).toBe(200);
    await processStripeEvent({ ...disputeEvent("dp_lost", "lost", paymentIntent), id: "evt_dispute_again" });
    expect(await balanceOf(h.db, partner.id)).toBe(0);
    expect((await deliverEvent(disputeEvent("dp_shop", "lost", "pi_not_a_topup"))).status).toBe(200);
    expect(await ledgerTotals(h.db)).toEqual({ USD: 0 });
  });
});

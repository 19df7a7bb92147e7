// Stripe events: undelivered events keep their retry schedule across a restart, and /v1/events filters
// by delivery success, type(s) and creation time as Stripe does.
import { afterEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import {
  controlEvents,
  controlPay,
  sessionParams,
  startReceiver,
  startTestSandbox,
  type TestSandbox,
  type WebhookReceiver,
} from "./test-support";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function sandboxWith(overrides: Parameters<typeof startTestSandbox>[0], dir?: string): Promise<TestSandbox> {
  const t = await startTestSandbox(overrides, dir);
  cleanups.push(() => t.close());
  return t;
}

async function receiver(status?: (n: number) => number): Promise<WebhookReceiver> {
  const r = await startReceiver(status);
  cleanups.push(() => r.close());
  return r;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("Stripe event delivery across a restart", () => {
  it("resumes an undelivered event's retry schedule from disk after the sandbox restarts", async () => {
    const failing = await receiver(() => 500);
    const first = await startTestSandbox({ stripe: { webhookUrl: failing.url, retryDelaysMs: [1500, 1500] } });
    const session = await first.stripe.checkout.sessions.create(sessionParams(first.sandbox.url));
    await first.stripe.checkout.sessions.expire(session.id);
    const [failed] = await until(
      () => controlEvents(first.sandbox.url, "checkout.session.expired"),
      (e) => e[0]?.attempts.length === 1,
    );
    const closedAt = Date.now();
    await first.close({ keepDir: true });

    // Same data dir, endpoint healthy again: the persisted retry goes out on its own, on schedule.
    const healthy = await receiver();
    const second = await sandboxWith({ stripe: { webhookUrl: healthy.url, retryDelaysMs: [1500] } }, first.dir);
    const [delivery] = await healthy.waitFor(1, 5000);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(1000);
    const event = second.stripe.webhooks.constructEvent(
      delivery!.body,
      delivery!.signature,
      second.sandbox.app.config.stripe.webhookSecret,
    );
    expect(event.id).toBe(failed!.id);
    const [after] = await until(
      () => controlEvents(second.sandbox.url, "checkout.session.expired"),
      (e) => e[0]?.attempts.length === 2,
    );
    expect(after!.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect((await second.stripe.events.retrieve(failed!.id)).pending_webhooks).toBe(0);
    // Delivered once: nothing further is scheduled.
    await new Promise((r) => setTimeout(r, 1700));
    expect(healthy.received).toHaveLength(1);
    expect(failing.received).toHaveLength(1);
  });

  it("stops retrying once the schedule is used up, and the event stays listed as undelivered", async () => {
    const failing = await receiver(() => 503);
    const t = await sandboxWith({ stripe: { webhookUrl: failing.url, retryDelaysMs: [30, 30] } });
    const session = await t.stripe.checkout.sessions.create(sessionParams(t.sandbox.url));
    await t.stripe.checkout.sessions.expire(session.id);
    await failing.waitFor(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(failing.received).toHaveLength(3);
    const undelivered = await t.stripe.events.list({ delivery_success: false, type: "checkout.session.expired" });
    expect(undelivered.data.map((e) => e.type)).toEqual(["checkout.session.expired"]);
  });
});

describe("the endpoint's enabled events", () => {
  it("sends only the types the endpoint enabled; the others are stored and never sent", async () => {
    const hook = await receiver();
    const t = await sandboxWith({ stripe: { webhookUrl: hook.url, webhookEvents: ["checkout.session.completed"] } });
    const paid = await t.stripe.checkout.sessions.create(sessionParams(t.sandbox.url));
    expect((await controlPay(t.sandbox.url, paid.id, { card: "4242424242424242" })).status).toBe(200);
    const [delivery] = await hook.waitFor(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(hook.received).toHaveLength(1);
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: "checkout.session.completed" });

    // Paying also made payment_intent.succeeded and charge.succeeded: listed, nothing pending, no attempt.
    const all = await controlEvents(t.sandbox.url);
    expect(all.map((e) => e.type).sort()).toEqual([
      "charge.succeeded",
      "checkout.session.completed",
      "payment_intent.succeeded",
    ]);
    for (const e of all.filter((x) => x.type !== "checkout.session.completed")) {
      expect(e.attempts).toEqual([]);
      expect((await t.stripe.events.retrieve(e.id)).pending_webhooks).toBe(0);
    }

    // Enabling a prefix at run time, as editing the endpoint in the dashboard does.
    const res = await fetch(`${t.sandbox.url}/_sandbox/config`, {
      method: "POST",
      body: JSON.stringify({ stripe: { webhookEvents: ["checkout.session.*"] } }),
    });
    expect(((await res.json()) as { stripe: { webhookEvents: string[] } }).stripe.webhookEvents).toEqual([
      "checkout.session.*",
    ]);
    const expired = await t.stripe.checkout.sessions.create(sessionParams(t.sandbox.url));
    await t.stripe.checkout.sessions.expire(expired.id);
    const received = await hook.waitFor(2);
    expect(JSON.parse(received[1]!.body)).toMatchObject({ type: "checkout.session.expired" });
  });
});

describe("GET /v1/events filters", () => {
  it("lists by delivery success, type or types, and created range, newest first", async () => {
    // The first delivery of each event fails, later ones succeed; retries are far away, so exactly the
    // events whose first attempt failed stay undelivered.
    let n = 0;
    const hook = await receiver(() => (++n === 1 ? 500 : 200));
    const t = await sandboxWith({ stripe: { webhookUrl: hook.url, retryDelaysMs: [60_000] } });
    const a = await t.stripe.checkout.sessions.create(sessionParams(t.sandbox.url));
    await t.stripe.checkout.sessions.expire(a.id);
    await hook.waitFor(1);
    const b = await t.stripe.checkout.sessions.create(sessionParams(t.sandbox.url));
    await t.stripe.checkout.sessions.expire(b.id);
    await hook.waitFor(2);
    await new Promise((r) => setTimeout(r, 50));

    const sessionOf = (e: Stripe.Event) => (e.data.object as { id: string }).id;
    const undelivered = await t.stripe.events.list({ delivery_success: false });
    expect(undelivered.data.map(sessionOf)).toEqual([a.id]);
    const delivered = await t.stripe.events.list({ delivery_success: true });
    expect(delivered.data.map(sessionOf)).toEqual([b.id]);

    const all = await t.stripe.events.list({ types: ["checkout.session.expired", "charge.refunded"] });
    expect(all.data.map(sessionOf)).toEqual([b.id, a.id]);
    expect((await t.stripe.events.list({ type: "checkout.session.*" })).data).toHaveLength(2);
    expect((await t.stripe.events.list({ type: "charge.refunded" })).data).toHaveLength(0);
    const created = all.data[1]!.created;
    expect((await t.stripe.events.list({ created: { gt: created + 3600 } })).data).toHaveLength(0);
    expect((await t.stripe.events.list({ created: { gte: created } })).data).toHaveLength(2);

    // Paginated with starting_after, as the SDK's auto-pagination does.
    const pages = [];
    for await (const e of t.stripe.events.list({ delivery_success: true, limit: 1 })) pages.push(e.id);
    expect(pages).toHaveLength(1);
    const both = await t.stripe.events.list({ limit: 1 });
    expect(both.has_more).toBe(true);

    await expect(
      t.stripe.events.list({ type: "checkout.session.expired", types: ["charge.refunded"] }),
    ).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "types" });
  });
});

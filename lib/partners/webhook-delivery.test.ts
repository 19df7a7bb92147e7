// A reseller's endpoints cannot hold a job past its lease: they are posted at once under one deadline. An
// account has at most MAX_ENDPOINTS, and an endpoint failing for days is switched off, its partner told, and
// can be switched back on by them.
import net from "node:net";
import { describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { jobs, webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from "@/lib/db/schema";
import { claimDueJobs } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/worker";
import { drain, ledgers, useHarness } from "@/test/harness";
import { POST as postOrder } from "@/app/api/v1/orders/route";
import { apiRequest, testPartner } from "@/test/partners";
import { deliveryDeadlineMs, FAILING_DISABLE_MS } from "./webhook-delivery";
import {
  createEndpoint,
  disableEndpoint,
  enableEndpoint,
  listEndpoints,
  MAX_ENDPOINTS,
  WebhookTargetRefused,
} from "./webhook-endpoints";
import { raiseEvent } from "./webhooks";

vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  after: () => {},
}));

/** An endpoint that accepts the connection and never answers. */
async function deadEndpoint() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(r));
    },
  };
}

/** A port nobody listens on: every post is refused at once. */
async function refusedUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}/hooks`;
}

describe.each(testDbKinds())("partner webhook delivery on %s", (kind) => {
  const h = useHarness(kind);

  /** A reseller order and one order.delivered event for it, queued for its endpoints. */
  async function eventFor(partnerId: string, secret: string, reference: string) {
    const res = await postOrder(
      apiRequest("/orders", {
        method: "POST",
        secret,
        idempotencyKey: `key-${reference}-0000`,
        body: { bundle: "esim_1GB_7D_GB_V2", reference },
      }),
    );
    expect(res.status).toBe(201);
    const { id: orderId } = (await res.json()) as { id: string };
    await raiseEvent(h.db, {
      partnerId,
      type: "order.delivered",
      orderId,
      dedupeKey: `test:${reference}`,
      data: { order: { id: orderId } },
    });
    return orderId;
  }

  it("posts every endpoint at once and ends inside the lease, however many never answer", async () => {
    const dead = await Promise.all(Array.from({ length: MAX_ENDPOINTS }, deadEndpoint));
    try {
      const { partner, secret } = await testPartner(h.db, { fundMinor: 5_000 });
      for (const d of dead) await createEndpoint(h.db, partner.id, { url: d.url, events: ["order.delivered"] });
      const orderId = await eventFor(partner.id, secret, "dead-1");

      const leaseMs = 3_000;
      const [job] = await claimDueJobs(h.db, "hook-worker", 1, leaseMs, "webhooks");
      expect(job).toMatchObject({ kind: "partner_webhook", orderId, concurrencyKey: partner.id });
      const started = Date.now();
      const stolen: number[] = [];
      let running = true;
      const rival = (async () => {
        while (running) {
          await new Promise((r) => setTimeout(r, 200));
          if (kind === "postgres")
            stolen.push(...(await claimDueJobs(h.db, "rival", 1, leaseMs, "webhooks")).map((j) => j.id));
        }
      })();
      const outcome = await runJob(job!, { db: h.db, leaseMs });
      const took = Date.now() - started;
      running = false;
      await rival;

      expect(outcome).toMatchObject({ kind: "retry", failed: true });
      // Five endpoints, each allowed 10 s alone, answered within one deadline that is half the lease.
      expect(took).toBeGreaterThanOrEqual(deliveryDeadlineMs(leaseMs) - 50);
      expect(took).toBeLessThan(leaseMs);
      expect(stolen).toEqual([]);
      const attempts = await h.db
        .select({ error: webhookAttempts.error, ms: webhookAttempts.durationMs })
        .from(webhookAttempts)
        .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .where(eq(webhookEvents.orderId, orderId));
      expect(attempts).toHaveLength(MAX_ENDPOINTS);
      for (const a of attempts) expect(a.error).toMatch(/^no answer within \d+ ms$/);
      const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job!.id));
      expect(row).toMatchObject({ status: "queued", attempts: 1, failures: 1 });
    } finally {
      await Promise.all(dead.map((d) => d.close()));
    }
  }, 30_000);

  it(`refuses endpoint number ${MAX_ENDPOINTS + 1} with a message that says why`, async () => {
    const { partner } = await testPartner(h.db);
    const url = "http://127.0.0.1:9/hooks";
    for (let i = 0; i < MAX_ENDPOINTS; i++)
      await createEndpoint(h.db, partner.id, { url, events: ["order.delivered"] });
    const refused = createEndpoint(h.db, partner.id, { url, events: ["order.delivered"] });
    await expect(refused).rejects.toBeInstanceOf(WebhookTargetRefused);
    await expect(refused).rejects.toThrow(`You already have ${MAX_ENDPOINTS} webhook endpoints`);
    // Two saves at once cannot both take the last place.
    const [first] = await listEndpoints(h.db, partner.id);
    await disableEndpoint(h.db, partner.id, first!.id);
    const raced = await Promise.allSettled(
      [1, 2].map(() => createEndpoint(h.db, partner.id, { url, events: ["order.delivered"] })),
    );
    expect(raced.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // Another partner's endpoints are its own.
    const other = await testPartner(h.db);
    await expect(createEndpoint(h.db, other.partner.id, { url, events: ["order.delivered"] })).resolves.toBeTruthy();
  });

  it("switches off an endpoint failing for days, tells the partner, and lets them switch it back on", async () => {
    const { partner, secret, email } = await testPartner(h.db, { fundMinor: 5_000 });
    const { endpoint } = await createEndpoint(h.db, partner.id, {
      url: await refusedUrl(),
      events: ["order.delivered"],
    });
    const failingFor = async (ms: number) =>
      h.db
        .update(webhookEndpoints)
        .set({ failingSince: sql`now() - make_interval(secs => ${ms / 1000})` })
        .where(eq(webhookEndpoints.id, endpoint.id));
    const deliverOnce = async (reference: string) => {
      await eventFor(partner.id, secret, reference);
      const [job] = await claimDueJobs(h.db, "w", 1, 60_000, "webhooks");
      return job ? runJob(job, { db: h.db }) : null;
    };
    const current = async () =>
      (await h.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)))[0]!;

    // A first failure starts the clock; a day of failing is not enough.
    await deliverOnce("fail-1");
    expect((await current()).failingSince).not.toBeNull();
    await failingFor(FAILING_DISABLE_MS - 3_600_000);
    await deliverOnce("fail-2");
    expect(await current()).toMatchObject({ disabledAt: null });

    await failingFor(FAILING_DISABLE_MS + 60_000);
    await deliverOnce("fail-3");
    expect(await current()).toMatchObject({ disabledReason: "failing", disabledAt: expect.any(Date) });
    const mail = (await ledgers(h)).emails.filter((e) => e.to.includes(email));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe("A webhook endpoint was disabled");
    expect(mail[0]!.text).toContain(endpoint.url);

    // Switched off, it is posted nothing more and the partner is not mailed again.
    const attemptsSoFar = async () =>
      (
        await h.db
          .select({ id: webhookAttempts.id })
          .from(webhookAttempts)
          .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
          .where(eq(webhookDeliveries.endpointId, endpoint.id))
      ).length;
    const before = await attemptsSoFar();
    await eventFor(partner.id, secret, "after-off");
    await drain(h.db, { lanes: ["webhooks"] });
    expect(await attemptsSoFar()).toBe(before);
    expect((await ledgers(h)).emails.filter((e) => e.to.includes(email))).toHaveLength(1);

    // Only its own partner may switch it back on, and it starts with a clean slate.
    const stranger = await testPartner(h.db);
    expect(await enableEndpoint(h.db, stranger.partner.id, endpoint.id)).toBe(false);
    expect(await enableEndpoint(h.db, partner.id, endpoint.id)).toBe(true);
    expect(await current()).toMatchObject({ disabledAt: null, disabledReason: null, failingSince: null });
    // One the partner switched off themselves is theirs to replace, not ours to revive.
    await disableEndpoint(h.db, partner.id, endpoint.id);
    expect(await enableEndpoint(h.db, partner.id, endpoint.id)).toBe(false);
  }, 60_000);
});

// Lanes, per-key caps and leases on real PostgreSQL (PGlite runs one transaction at a time, so claims there
// cannot race). Handlers here are the test's own: the queue must keep its promises whatever a kind does.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db";
import { jobs, orders } from "@/lib/db/schema";
import { serverUrl } from "@/lib/db/testing";
import { openProcessTestDatabase } from "@/test/databases";
import { seedBundles } from "@/test/bundles";
import { LANE_LIMITS } from "./lanes";
import { claimDueJobs, complete, enqueue } from "./queue";
import { registerJob } from "./registry";
import { inFlightByLane, kickWorker, runJob, stopWorker } from "./worker";
import type { JobHandler } from "./types";

const BUNDLE = "esim_1GB_7D_GB_V2";
let seq = 0;

describe.skipIf(!serverUrl())("job lanes on PostgreSQL", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openProcessTestDatabase("postgres");
    await seedBundles(h.db, [
      { name: BUNDLE, country: "GB", dataMb: 1000, durationDays: 7, wholesaleMinor: 118, priceMinor: 499 },
    ]);
  });
  afterAll(async () => h?.close());
  afterEach(async () => {
    stopWorker();
    await h.db
      .update(jobs)
      .set({ status: "dead" })
      .where(sql`${jobs.status} in ('queued', 'running')`);
  });

  async function newOrders(n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, () => `ord_lane${Date.now().toString(36)}${++seq}`);
    await h.db.insert(orders).values(
      ids.map((id) => ({
        id,
        status: "paid",
        provider: "esim-go",
        bundleName: BUNDLE,
        bundleSnapshot: { title: "1 GB, 7 days" } as never,
        amountMinor: 499,
        currency: "USD",
        accessTokenHash: id,
      })),
    );
    return ids;
  }

  async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return check();
  }

  it("a webhook lane full of endpoints that never answer leaves every fulfilment slot free", async () => {
    let release!: () => void;
    const stuck = new Promise<void>((r) => (release = r));
    const running = new Map<string, number>();
    let mostAtOnce = 0;
    let mostOfOneKey = 0;
    const hanging: JobHandler = async ({ job }) => {
      const key = job.concurrencyKey!;
      running.set(key, (running.get(key) ?? 0) + 1);
      mostOfOneKey = Math.max(mostOfOneKey, running.get(key)!);
      mostAtOnce = Math.max(
        mostAtOnce,
        [...running.values()].reduce((a, b) => a + b, 0),
      );
      await stuck;
      running.set(key, running.get(key)! - 1);
      return { kind: "complete", note: "answered at last" };
    };
    registerJob("partner_webhook", hanging);
    registerJob("fulfil", async () => ({ kind: "complete", note: "delivered" }));

    // The webhook jobs are older, so a single shared pool would hand them every slot first.
    const hooks = await newOrders(24);
    for (const [i, id] of hooks.entries())
      await enqueue(h.db, "partner_webhook", id, { concurrencyKey: `ptn_${i % 6}` });
    const travellers = await newOrders(LANE_LIMITS.fulfilment.concurrency);
    for (const id of travellers) await enqueue(h.db, "fulfil", id);

    kickWorker();
    const fulfilled = await until(async () => {
      const done = await h.db
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(inArray(jobs.orderId, travellers), eq(jobs.status, "done")));
      return done.length === travellers.length;
    }, 5_000);
    try {
      expect(fulfilled).toBe(true);
      expect(inFlightByLane().webhooks).toBe(LANE_LIMITS.webhooks.concurrency);
      expect(mostAtOnce).toBe(LANE_LIMITS.webhooks.concurrency);
      expect(mostOfOneKey).toBe(LANE_LIMITS.webhooks.perKey);
    } finally {
      release();
    }
    expect(
      await until(async () => {
        const open = await h.db
          .select({ id: jobs.id })
          .from(jobs)
          .where(and(inArray(jobs.orderId, hooks), ne(jobs.status, "done")));
        return open.length === 0;
      }, 10_000),
    ).toBe(true);
    expect(mostOfOneKey).toBe(LANE_LIMITS.webhooks.perKey);
  });

  it("holds a reseller to its per-key cap when several workers claim at once", async () => {
    const ids = await newOrders(20);
    for (const [i, id] of ids.entries())
      await enqueue(h.db, "partner_webhook", id, { concurrencyKey: i < 10 ? "ptn_busy" : "ptn_quiet" });
    const lease = LANE_LIMITS.webhooks.leaseMs;
    const claims = await Promise.all(["w1", "w2", "w3", "w4"].map((w) => claimDueJobs(h.db, w, 8, lease, "webhooks")));
    const claimed = claims.flat();
    const perKey = (key: string) => claimed.filter((j) => j.concurrencyKey === key).length;
    expect(perKey("ptn_busy")).toBe(2);
    expect(perKey("ptn_quiet")).toBe(2);

    // One finishes: exactly one more of that reseller may start.
    await complete(
      h.db,
      claimed.find((j) => j.concurrencyKey === "ptn_busy")!,
    );
    const next = await claimDueJobs(h.db, "w5", 8, lease, "webhooks");
    expect(next.map((j) => j.concurrencyKey)).toEqual(["ptn_busy"]);

    // A worker that died holds nothing: once its lease ran out its slot is free again.
    const dead = claimed.find((j) => j.concurrencyKey === "ptn_quiet")!;
    await h.db
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, dead.id));
    const rescued = await claimDueJobs(h.db, "w6", 8, lease, "webhooks");
    expect(rescued.map((j) => j.concurrencyKey)).toEqual(["ptn_quiet"]);
    expect(rescued.map((j) => j.id)).toContain(dead.id);
  });

  it("a lane claims only its own kinds", async () => {
    const [hook, order] = await newOrders(2);
    await enqueue(h.db, "partner_webhook", hook!, { concurrencyKey: "ptn_x" });
    await enqueue(h.db, "fulfil", order!);
    const fulfilment = await claimDueJobs(h.db, "w", 16, 60_000, "fulfilment");
    expect(fulfilment.map((j) => j.kind)).toEqual(["fulfil"]);
    const webhooks = await claimDueJobs(h.db, "w", 16, 60_000, "webhooks");
    expect(webhooks.map((j) => j.kind)).toEqual(["partner_webhook"]);
  });

  it("a job running past its lease keeps it while its worker lives, and is never claimed twice", async () => {
    const leaseMs = 600;
    let aborted = false;
    registerJob("purchase_audit", async ({ signal }) => {
      await new Promise((r) => setTimeout(r, leaseMs * 3));
      aborted = signal.aborted;
      return { kind: "complete", note: "slow but done" };
    });
    const [orderId] = await newOrders(1);
    await enqueue(h.db, "purchase_audit", orderId!);
    const [job] = await claimDueJobs(h.db, "slow-worker", 1, leaseMs, "maintenance");
    const run = runJob(job!, { db: h.db, leaseMs });
    const stolen: number[] = [];
    const rival = (async () => {
      for (let t = 0; t < 16; t++) {
        await new Promise((r) => setTimeout(r, leaseMs / 4));
        stolen.push(...(await claimDueJobs(h.db, "rival", 1, leaseMs, "maintenance")).map((j) => j.id));
      }
    })();
    expect(await run).toMatchObject({ kind: "complete" });
    await rival;
    expect(stolen).toEqual([]);
    expect(aborted).toBe(false);
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(row).toMatchObject({ status: "done", attempts: 1 });
  });

  it("tells a handler to stop once another worker has taken its job over", async () => {
    const leaseMs = 600;
    let sawAbort = false;
    registerJob("purchase_audit", async ({ signal }) => {
      await new Promise<void>((resolve) => {
        signal.addEventListener("abort", () => resolve());
        setTimeout(resolve, leaseMs * 4);
      });
      sawAbort = signal.aborted;
      return { kind: "complete", note: "ignored: the lease is gone" };
    });
    const [orderId] = await newOrders(1);
    await enqueue(h.db, "purchase_audit", orderId!);
    const [job] = await claimDueJobs(h.db, "paused-worker", 1, leaseMs, "maintenance");
    // As if this worker had paused (GC, a frozen VM) past its lease and a rival took the job.
    await h.db
      .update(jobs)
      .set({ lockedBy: "rival" })
      .where(inArray(jobs.id, [job!.id]));
    await runJob(job!, { db: h.db, leaseMs });
    expect(sawAbort).toBe(true);
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(row).toMatchObject({ status: "running", lockedBy: "rival" });
  });
});

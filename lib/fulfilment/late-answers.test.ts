// eSIM Go finishing a purchase after our client stopped waiting (contracts §1.5: POST /orders takes no
// idempotency key). Times are scaled down: a 1 s client timeout stands in for 20 s.
import { describe, expect, it } from "vitest";
import { and, asc, eq, inArray } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { jobs, orderEvents, providerPurchases } from "@/lib/db/schema";
import { createEsimGoProvider } from "@/lib/providers/esim-go/provider";
import type { FulfilDeps } from "./run";
import { runDueJobs } from "@/lib/jobs/worker";
import { ADMIN_EMAIL, deliverEvent, ledgers, orderRow, paidOrder, useHarness } from "@/test/harness";

const TIMEOUT_MS = 1_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDbKinds())("a provider answering late on %s", (kind) => {
  const h = useHarness(kind);

  const deps = (overrides: Partial<FulfilDeps>): Partial<FulfilDeps> => ({
    provider: () => createEsimGoProvider(undefined, { purchaseTimeoutMs: TIMEOUT_MS }),
    ...overrides,
  });

  /** Runs due jobs on the real clock (no fast-forward: the waits are the point) until `done` or `ms` pass. */
  async function workFor(ms: number, d: Partial<FulfilDeps>, done: () => Promise<boolean>): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await runDueJobs({ deps: d });
      if (await done()) return;
      await sleep(100);
    }
  }

  it("does not buy twice when eSIM Go answers after the client timeout: it waits the settle window and links the late order", async () => {
    const { orderId, email, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", delayMs: 2_600, times: 1 });
    await deliverEvent(event);
    const d = deps({ settleWindowMs: 2_000 });
    await workFor(8_000, d, async () => (await orderRow(h.db, orderId)).status === "delivered");

    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(1);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    const attempts = await h.db.select().from(providerPurchases).where(eq(providerPurchases.orderId, orderId));
    expect(attempts).toMatchObject([
      { attempt: 1, status: "linked", providerReference: l.esimGoOrders[0]!.orderReference },
    ]);
    expect(l.emails.filter((e) => e.to.includes(email))).toHaveLength(1);
  });

  it("never refunds at the horizon while a purchase has no answer: it waits for the lookup and delivers the late order", async () => {
    const { orderId, email, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", delayMs: 2_600, times: 1 });
    await deliverEvent(event);
    // The horizon runs out while the first attempt is still unanswered.
    await h.db
      .update(jobs)
      .set({ horizonAt: new Date(Date.now() + 500) })
      .where(eq(jobs.orderId, orderId));
    const d = deps({ settleWindowMs: 2_000 });
    await workFor(10_000, d, async () => ["delivered", "refunded"].includes((await orderRow(h.db, orderId)).status));

    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(1);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    expect(l.refunds).toHaveLength(0);
    expect(l.emails.filter((e) => e.to.includes(email))).toHaveLength(1);
  });

  it("keeps an attempt open when the order its lookup found was just linked by another: it looks again, never buys a third", async () => {
    // Two lost answers of one bundle resolved at once (a crash with purchases in flight): both lookups may pick
    // the same oldest provider order before either links it. The loser must look again, not count as not bought.
    const a = await paidOrder(h);
    const b = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", delayMs: 2_600, times: 2 });
    let staleLookups = 2;
    const provider = createEsimGoProvider(undefined, { purchaseTimeoutMs: TIMEOUT_MS });
    const d = deps({
      settleWindowMs: 2_000,
      provider: () => ({
        ...provider,
        // The first two lookups that find an order see the links as they were before either attempt linked one.
        findUnknownAttempt: async (input) => {
          if (staleLookups > 0) {
            const stale = await provider.findUnknownAttempt({ ...input, alreadyLinked: async () => new Set() });
            if (stale.kind === "found") {
              staleLookups--;
              return stale;
            }
          }
          return provider.findUnknownAttempt(input);
        },
      }),
    });
    await deliverEvent(a.event);
    await deliverEvent(b.event);
    const bothDelivered = async () =>
      (await orderRow(h.db, a.orderId)).status === "delivered" &&
      (await orderRow(h.db, b.orderId)).status === "delivered";
    await workFor(12_000, d, bothDelivered);

    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(2);
    expect(await bothDelivered()).toBe(true);
    const attempts = await h.db
      .select()
      .from(providerPurchases)
      .where(inArray(providerPurchases.orderId, [a.orderId, b.orderId]));
    const linked = attempts.filter((r) => r.status === "linked").map((r) => r.providerReference);
    expect(new Set(linked)).toEqual(new Set(l.esimGoOrders.map((o) => o.orderReference)));
    expect(l.refunds).toHaveLength(0);
  });

  it("surfaces a provider order that turns up after the settle window for an order that already has its eSIM", async () => {
    const { orderId, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", delayMs: 3_000, times: 1 });
    await deliverEvent(event);
    const d = deps({ settleWindowMs: 500, auditDelayMs: 2_500 });
    const orphaned = async () =>
      (
        await h.db
          .select()
          .from(providerPurchases)
          .where(and(eq(providerPurchases.orderId, orderId), eq(providerPurchases.status, "orphaned")))
      ).length > 0;
    await workFor(10_000, d, orphaned);

    const l = await ledgers(h);
    // The late order could not be prevented (it finished after we had to conclude); it must not go unseen.
    expect(l.esimGoOrders).toHaveLength(2);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    const attempts = await h.db
      .select()
      .from(providerPurchases)
      .where(eq(providerPurchases.orderId, orderId))
      .orderBy(asc(providerPurchases.attempt));
    const delivered = attempts.find((a) => a.status === "succeeded")!;
    const late = l.esimGoOrders.find((o) => o.orderReference !== delivered.providerReference)!;
    expect(attempts).toMatchObject([
      { attempt: 1, status: "orphaned", providerReference: late.orderReference },
      { attempt: 2, status: "succeeded" },
    ]);
    const steps = await h.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
    expect(steps.some((e) => e.step === "purchase.orphaned" && e.type === "error")).toBe(true);
    const alerts = l.emails.filter((e) => e.to.includes(ADMIN_EMAIL));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain(late.orderReference);
  });
});

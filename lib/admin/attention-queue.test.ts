// The attention queue on real orders: a worker killed mid-job leaves a paid order stuck; it shows up with its
// reason in plain words and "retry" as the likely fix, and the retry gets it delivered.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { orders, providerPurchases } from "@/lib/db/schema";
import { recordStep } from "@/lib/orders/lifecycle";
import { testDbKinds } from "@/lib/db/testing";
import { claimDueJobs } from "@/lib/jobs/queue";
import { deliverEvent, drain, orderRow, paidOrder, useHarness } from "@/test/harness";
import { testActor } from "@/test/actors";
import { attentionQueue } from "./attention-queue";
import { retryFulfilment } from "./actions";
import { markResolved } from "./cases";

const admin = testActor({ ip: null, userAgent: null });

describe.each(testDbKinds())("attention queue on %s", (kind) => {
  const h = useHarness(kind, { reset: false });

  it("lists an order whose worker died, oldest first, and a retry delivers it", async () => {
    const { orderId, event } = await paidOrder(h);
    await deliverEvent(event);
    // A worker claims the job with a one-second lease and dies without a word.
    const claimed = await claimDueJobs(h.db, "killed-worker", 10, 1000);
    expect(claimed.map((j) => j.orderId)).toContain(orderId);
    expect((await attentionQueue(h.db)).map((i) => i.orderId)).not.toContain(orderId);

    // Twenty minutes later (the order's clock moved back instead of ours moving on).
    await h.db
      .update(orders)
      .set({ paidAt: sql`now() - interval '20 minutes'`, updatedAt: sql`now() - interval '20 minutes'` })
      .where(eq(orders.id, orderId));
    await new Promise((r) => setTimeout(r, 1100));
    const item = (await attentionQueue(h.db)).find((i) => i.orderId === orderId);
    expect(item).toMatchObject({ reason: "stuck_paid", action: "retry", owner: null });
    expect(item!.ageMinutes).toBeGreaterThanOrEqual(19);
    expect(item!.explanation).toMatch(/fulfilment has not started/);

    expect(await retryFulfilment(h.db, orderId, admin)).toMatchObject({ outcome: "applied" });
    for (let i = 0; i < 50 && (await orderRow(h.db, orderId)).status !== "delivered"; i++) {
      await drain(h.db);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    expect((await attentionQueue(h.db)).map((i) => i.orderId)).not.toContain(orderId);
  });

  it("lists a delivered order whose late provider order turned up, until an admin resolves it", async () => {
    const { orderId, event } = await paidOrder(h);
    await deliverEvent(event);
    await drain(h.db);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    expect((await attentionQueue(h.db)).map((i) => i.key)).not.toContain(orderId);

    // What the purchase audit (lib/fulfilment/late-purchase-audit.ts, tested in late-answers.test.ts) records.
    await h.db.insert(providerPurchases).values({
      orderId,
      provider: "esim-go",
      attempt: 9,
      status: "orphaned",
      providerReference: `late-${orderId}`,
    });
    await recordStep(h.db, orderId, "purchase.orphaned", { attempt: 9, references: [`late-${orderId}`] }, "error");
    const item = (await attentionQueue(h.db)).find((i) => i.key === orderId);
    expect(item).toMatchObject({
      subject: "order",
      reason: "late_purchase",
      action: "investigate",
      status: "delivered",
    });
    expect(item!.explanation).toContain(`late-${orderId}`);

    expect(await markResolved(h.db, orderId, "Revoked the late bundle at eSIM Go.", admin)).toMatchObject({
      outcome: "applied",
    });
    expect((await attentionQueue(h.db)).map((i) => i.key)).not.toContain(orderId);
  });
});

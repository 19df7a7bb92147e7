// The Zendit webhook handler: shared-secret header, the body only a hint that wakes the order's job.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db, DbHandle } from "@/lib/db";
import { openProcessTestDatabase } from "@/test/databases";
import { seedZenditOffer } from "@/test/zendit";
import { testDbKinds } from "@/lib/db/testing";
import { jobs, orderEvents, orders, providerPurchases } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { newOrderId } from "@/lib/orders/ids";
import { parseTransactionId, transactionIdFor } from "@/lib/providers/zendit/transaction-ids";
import { handlePurchaseWebhook } from "./purchase-webhook";

const handleZenditWebhook = (db: Db, raw: string, headers: Headers) =>
  handlePurchaseWebhook(db, "zendit", raw, headers);

const SECRET = "zendit-sandbox-secret";
const headers = (value: string | null = SECRET) =>
  new Headers({ "content-type": "application/json", ...(value === null ? {} : { "x-zendit-secret": value }) });

describe("transaction id round trip", () => {
  it("recovers order and attempt from our ids only", () => {
    const id = newOrderId();
    expect(parseTransactionId(transactionIdFor(id, 3))).toEqual({ orderId: id, attempt: 3 });
    expect(parseTransactionId(transactionIdFor("weird-id", 1))).toEqual({ orderId: "weird-id", attempt: 1 });
    expect(parseTransactionId("2f1c7e0e-uuid-from-someone-else")).toBeNull();
    expect(parseTransactionId("ternordABCa0")).toBeNull();
  });
});

for (const kind of testDbKinds()) {
  describe(`POST /api/webhooks/zendit (${kind})`, () => {
    let handle: DbHandle;
    let db: Db;
    beforeAll(async () => {
      resetEnvCache();
      handle = await openProcessTestDatabase(kind);
      db = handle.db;
      await seedZenditOffer(db, { wholesaleMinor: 150, priceMinor: 499 });
    });
    afterAll(async () => {
      await handle?.close();
    });

    async function provisioningOrder(status = "provisioning") {
      const id = newOrderId();
      await db.insert(orders).values({
        id,
        status,
        provider: "zendit",
        bundleName: "ESIM-JP-7D-1GB",
        bundleSnapshot: { title: "Japan 1GB 7 Days" } as never,
        amountMinor: 499,
        currency: "USD",
        accessTokenHash: "x",
      });
      await db.insert(providerPurchases).values({
        orderId: id,
        provider: "zendit",
        attempt: 1,
        status: "pending",
        providerReference: transactionIdFor(id, 1),
      });
      return id;
    }
    const body = (transactionId: string, status = "DONE") => JSON.stringify({ transactionId, status });
    const openJobs = (orderId: string) =>
      db
        .select()
        .from(jobs)
        .where(and(eq(jobs.orderId, orderId), eq(jobs.status, "queued")));

    it("refuses a missing or wrong secret and malformed bodies, changing nothing", async () => {
      const id = await provisioningOrder();
      expect((await handleZenditWebhook(db, body(transactionIdFor(id, 1)), headers(null))).status).toBe(401);
      expect((await handleZenditWebhook(db, body(transactionIdFor(id, 1)), headers("guess"))).status).toBe(401);
      expect((await handleZenditWebhook(db, "{not json", headers())).status).toBe(400);
      expect(await openJobs(id)).toHaveLength(0);
    });

    it("records the hint and wakes the order's fulfil job once, however often it is delivered", async () => {
      const id = await provisioningOrder();
      const first = await handleZenditWebhook(db, body(transactionIdFor(id, 1)), headers());
      expect(first).toMatchObject({ status: 200, kick: true });
      await handleZenditWebhook(db, body(transactionIdFor(id, 1)), headers());
      expect(await openJobs(id)).toHaveLength(1);
      const hints = await db
        .select()
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, id), eq(orderEvents.step, "zendit.webhook")));
      expect(hints).toHaveLength(2);
      expect(hints[0]!.detail).toMatchObject({ claimedStatus: "DONE" });
      // The purchase itself is untouched: only the job, re-fetching from Zendit, settles it.
      const [attempt] = await db.select().from(providerPurchases).where(eq(providerPurchases.orderId, id));
      expect(attempt!.status).toBe("pending");
    });

    it("ignores ids that are not ours, attempts we never made, and orders that are finished", async () => {
      const id = await provisioningOrder();
      for (const tx of ["someone-elses-uuid", transactionIdFor(id, 7), transactionIdFor(newOrderId(), 1)]) {
        expect(await handleZenditWebhook(db, body(tx), headers())).toMatchObject({ status: 200, kick: false });
      }
      expect(await openJobs(id)).toHaveLength(0);
      const delivered = await provisioningOrder("delivered");
      expect(await handleZenditWebhook(db, body(transactionIdFor(delivered, 1)), headers())).toMatchObject({
        status: 200,
        kick: false,
      });
      expect(await openJobs(delivered)).toHaveLength(0);
    });
  });
}

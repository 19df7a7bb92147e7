// Managed stock end to end against the sandbox: import (all or nothing, line by line), selling from stock
// first under concurrency with the provider as fallback, codes sealed at rest, a failed delivery returning
// only an unseen eSIM to stock, and the restock buying exactly up to its target.
import { beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { testDbKinds } from "@/lib/db/testing";
import {
  activationViews,
  bundles,
  esimInventory,
  esims,
  jobs,
  orders,
  providerPurchases,
  provisioningLog,
  stockLevels,
  stockPurchases,
} from "@/lib/db/schema";
import { selectRows } from "@/lib/db/sql";
import { runDueJobs } from "@/lib/jobs/worker";
import {
  ADMIN_EMAIL,
  BUNDLE,
  deliverEvent,
  drain,
  ledgers,
  orderRow,
  fastForward,
  paidOrder,
  useHarness,
} from "@/test/harness";
import { importStock, parseStockCsv } from "./import";
import { openCode, sealCode } from "./crypto";
import { luhnValid } from "./validate";
import { parseEnv } from "@/lib/env";
import { clearAvailabilityCache } from "@/lib/catalogue/availability";
import { createCheckout } from "@/lib/payments/checkout";
import { CheckoutError } from "@/lib/payments/checkout-errors";
import { prebuy, restockToTarget } from "./prebuy";
import { runRestock } from "./restock";
import { providerFor } from "@/lib/providers";

const OTHER = "esim_3GB_30D_GB_V2";

/** A fresh Luhn-valid 19-digit ICCID. */
export function newIccid(): string {
  const body = "8944" + Array.from(randomBytes(14), (b) => String(b % 10)).join("");
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error("unreachable");
}
const code = () => `TS-${randomBytes(4).toString("hex").toUpperCase()}-${randomBytes(3).toString("hex").toUpperCase()}`;

function csv(lines: { iccid: string; bundle?: string; lpa?: string }[]): string {
  return [
    "iccid,bundle,lpa",
    ...lines.map((l) => `${l.iccid},${l.bundle ?? BUNDLE},${l.lpa ?? `LPA:1$rsp.carrier.test$${code()}`}`),
  ].join("\n");
}

describe("parsing a stock file", () => {
  it("reports every bad line with its line number and imports none of it", () => {
    const good = newIccid();
    const bad = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    const { lines, problems } = parseStockCsv(
      [
        "iccid,bundle,lpa",
        `${good},${BUNDLE},LPA:1$rsp.carrier.test$AB-CD`,
        `${bad},${BUNDLE},LPA:1$rsp.carrier.test$AB-CE`,
        `${good},${BUNDLE},LPA:1$rsp.carrier.test$AB-CF`,
        `${newIccid()},${BUNDLE},LPA:2$rsp.carrier.test`,
        `${newIccid()},,LPA:1$not a host$X`,
      ].join("\r\n"),
    );
    expect(lines).toHaveLength(1);
    expect(problems).toEqual([
      { line: 3, iccid: bad, problems: ["ICCID fails the Luhn check"] },
      { line: 4, iccid: good, problems: ["duplicate ICCID: also on line 2"] },
      { line: 5, iccid: expect.any(String), problems: [expect.stringMatching(/^malformed LPA/)] },
      {
        line: 6,
        iccid: expect.any(String),
        problems: ["bundle is missing", expect.stringMatching(/^malformed LPA: SM-DP\+ address/)],
      },
    ]);
  });

  it("refuses a file with unknown or missing columns at its header", () => {
    expect(parseStockCsv("iccid,bundle,code\n1,2,3").problems[0]).toMatchObject({ line: 1 });
    expect(parseStockCsv("iccid,bundle\n").problems[0]!.problems.join()).toMatch(/lpa/);
    expect(parseStockCsv('iccid,bundle,lpa\n"unterminated').problems[0]!.problems[0]).toMatch(/not valid CSV/);
  });
});

describe("activation codes at rest", () => {
  it("open only with the key and only for their own ICCID", () => {
    const key = randomBytes(32);
    const sealed = sealCode("JQ-1Z351U-1U6E44B", "8944000000000000001", key);
    expect(sealed).not.toContain("JQ-1Z351U");
    expect(openCode(sealed, "8944000000000000001", key)).toBe("JQ-1Z351U-1U6E44B");
    expect(() => openCode(sealed, "8944000000000000001", randomBytes(32))).toThrow();
    expect(() => openCode(sealed, "8944000000000000002", key)).toThrow();
    expect(() => sealCode("x", "y", null)).toThrow(/STOCK_ENCRYPTION_KEY/);
  });

  it("use a derived key only while no money moves; a live shop needs its own", () => {
    const key = (vars: Record<string, string>) => parseEnv(vars).stock.encryptionKey;
    const configured = randomBytes(32);
    // A production build on the sandbox (the e2e stack): derived, so stock works there with no setup.
    expect(key({ NODE_ENV: "production" })).toHaveLength(32);
    expect(key({ NODE_ENV: "development" })).toEqual(key({ NODE_ENV: "production" }));
    // Live in production: never derived from SESSION_SECRET.
    const live = { NODE_ENV: "production", ESIM_GO_API_KEY: "k", SESSION_SECRET: "s", ADMIN_EMAILS: "a@b.test" };
    expect(key(live)).toBeNull();
    expect(key({ ...live, STOCK_ENCRYPTION_KEY: configured.toString("base64") })).toEqual(configured);
    expect(() => key({ STOCK_ENCRYPTION_KEY: "c2hvcnQ=" })).toThrow(/32 bytes/);
  });
});

describe.each(testDbKinds())("stock on %s", (kind) => {
  const h = useHarness(kind);
  beforeEach(async () => {
    // Each test its own stock: earlier rows out of sale.
    await h.db
      .update(esimInventory)
      .set({ status: "retired", retiredReason: "cleared between tests" })
      .where(eq(esimInventory.status, "available"));
    await h.db.update(stockLevels).set({ targetLevel: 0, lowThreshold: 0, lowSince: null, lowAlertSentAt: null });
  });

  async function stockOf(n: number, bundle = BUNDLE) {
    const lines = Array.from({ length: n }, () => ({ iccid: newIccid(), code: code() }));
    const r = await importStock(
      h.db,
      csv(lines.map((l) => ({ iccid: l.iccid, bundle, lpa: `LPA:1$rsp.carrier.test$${l.code}` }))),
      { batch: "test" },
    );
    expect(r).toMatchObject({ ok: true, imported: n });
    return lines;
  }

  it("imports a good file whole, and one with a bad line not at all", async () => {
    const before = (await h.db.select({ id: esimInventory.id }).from(esimInventory)).length;
    const lines = [...Array(5)].map(() => ({ iccid: newIccid() }));
    const withUnknownBundle = csv([...lines, { iccid: newIccid(), bundle: "esim_no_such_bundle" }]);
    const refused = await importStock(h.db, withUnknownBundle);
    expect(refused).toEqual({
      ok: false,
      checked: 6,
      problems: [{ line: 7, iccid: expect.any(String), problems: ["unknown bundle: esim_no_such_bundle"] }],
    });
    expect((await h.db.select({ id: esimInventory.id }).from(esimInventory)).length).toBe(before);

    expect(await importStock(h.db, csv(lines))).toMatchObject({ ok: true, imported: 5, bundles: { [BUNDLE]: 5 } });
    // The same ICCIDs again (or one already issued to a customer) are refused, with nothing imported.
    const [issued] = await h.db.select({ iccid: esims.iccid }).from(esims).limit(1);
    const again = await importStock(h.db, csv([{ iccid: newIccid() }, lines[0]!, ...(issued ? [issued] : [])]));
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.problems[0]).toEqual({
        line: 3,
        iccid: lines[0]!.iccid,
        problems: ["duplicate ICCID: already in stock or issued"],
      });
    }
    expect((await h.db.select({ id: esimInventory.id }).from(esimInventory)).length).toBe(before + 5);
  });

  it("keeps activation codes unreadable in the database", async () => {
    const [line] = await stockOf(1);
    const [raw] = await selectRows<Record<string, unknown>>(
      h.db,
      sql`select * from esim_inventory where iccid = ${line!.iccid}`,
    );
    expect(JSON.stringify(raw)).not.toContain(line!.code);
    expect(String(raw!.activation_code_sealed)).toMatch(/^s1\./);
    expect(() => openCode(String(raw!.activation_code_sealed), line!.iccid, randomBytes(32))).toThrow();
    expect(openCode(String(raw!.activation_code_sealed), line!.iccid)).toBe(line!.code);
  });

  it("sells from stock first, delivers the imported eSIM, and buys from the provider when it runs out", async () => {
    const [line] = await stockOf(1);
    const a = await paidOrder(h);
    const b = await paidOrder(h);
    await deliverEvent(a.event);
    await deliverEvent(b.event);
    await drain(h.db);
    expect((await orderRow(h.db, a.orderId)).status).toBe("delivered");
    expect((await orderRow(h.db, b.orderId)).status).toBe("delivered");
    const rows = await h.db
      .select()
      .from(esimInventory)
      .where(inArray(esimInventory.orderId, [a.orderId, b.orderId]));
    const fromStock = rows.find((r) => r.source === "import")!;
    const fromProvider = rows.find((r) => r.source === "provider")!;
    expect(fromStock).toMatchObject({ iccid: line!.iccid, status: "assigned" });
    expect(fromProvider).toMatchObject({ status: "assigned", activationCodeSealed: null, provider: "esim-go" });
    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(1);
    const stockBuyer = fromStock.orderId === a.orderId ? a : b;
    const mail = l.emails.find((e) => e.to.includes(stockBuyer.email))!;
    expect(mail.text).toContain(line!.code);
    const [esim] = await h.db.select().from(esims).where(eq(esims.iccid, line!.iccid));
    expect(esim).toMatchObject({ orderId: stockBuyer.orderId, lpa: `LPA:1$rsp.carrier.test$${line!.code}` });
    // The provisioning log: the reservation, the provider call (no activation code in it) and both assignments.
    const logged = await h.db
      .select()
      .from(provisioningLog)
      .where(inArray(provisioningLog.orderId, [a.orderId, b.orderId]));
    // The order that found stock gone logs "reserve:none" only if it saw a row before the other took it; one
    // that saw none skips reserving altogether (which of the two happens depends on timing).
    const entries = logged.map((e) => `${e.source}:${e.action}:${e.outcome}`);
    expect(entries.filter((e) => e === "stock:reserve:none").length).toBeLessThanOrEqual(1);
    expect(entries.filter((e) => e !== "stock:reserve:none").sort()).toEqual(
      [
        "provider:assign:assigned",
        "provider:purchase:completed",
        "stock:assign:assigned",
        "stock:reserve:reserved",
      ].sort(),
    );
    const bought = l.esimGoOrders[0]!.esims[0]!;
    expect(JSON.stringify(logged)).not.toContain(bought.matchingId);
    // Append-only.
    await expect(
      h.db.update(provisioningLog).set({ outcome: "x" }).where(eq(provisioningLog.id, logged[0]!.id)),
    ).rejects.toThrow();
    await expect(h.db.delete(provisioningLog).where(eq(provisioningLog.id, logged[0]!.id))).rejects.toThrow();
  });

  it("sells a stocked bundle while eSIM Go is down, and answers unavailable without stock as before", async () => {
    // eSIM Go answers 500 to everything and the catalogue row is too old to vouch for the bundle: without stock
    // nothing can, so checkout says so honestly and creates no order.
    const [row] = await h.db.select().from(bundles).where(eq(bundles.name, BUNDLE));
    await h.db
      .update(bundles)
      .set({ syncedAt: new Date(Date.now() - 24 * 3600_000) })
      .where(eq(bundles.name, BUNDLE));
    await h.sandbox.control("POST", "/faults", { service: "esim-go", status: 500, times: 1000 });
    clearAvailabilityCache();
    try {
      const refused = await createCheckout({ bundleName: BUNDLE, email: "down@example.com" }).catch((e) => e);
      expect(refused).toBeInstanceOf(CheckoutError);
      expect(refused).toMatchObject({ status: 503, code: "temporarily_unavailable" });

      // With an eSIM in stock the provider is not needed: checkout succeeds and fulfilment delivers from stock.
      const [line] = await stockOf(1);
      clearAvailabilityCache();
      const order = await paidOrder(h);
      expect((await orderRow(h.db, order.orderId)).wholesaleMinor).toBe(row!.wholesaleMinor);
      await deliverEvent(order.event);
      await drain(h.db);
      expect((await orderRow(h.db, order.orderId)).status).toBe("delivered");
      const [inv] = await h.db.select().from(esimInventory).where(eq(esimInventory.iccid, line!.iccid));
      expect(inv).toMatchObject({ status: "assigned", orderId: order.orderId });
      const l = await ledgers(h);
      expect(l.esimGoOrders).toHaveLength(0);
      expect(l.emails.find((e) => e.to.includes(order.email))?.text).toContain(line!.code);

      // The stock is gone again: back to the honest answer.
      clearAvailabilityCache();
      await expect(createCheckout({ bundleName: BUNDLE, email: "down@example.com" })).rejects.toMatchObject({
        status: 503,
      });
    } finally {
      await h.sandbox.control("DELETE", "/faults");
      await h.db.update(bundles).set({ syncedAt: row!.syncedAt }).where(eq(bundles.name, BUNDLE));
    }
  });

  it("returns an unseen eSIM to stock when its delivery gives up, and retires one whose code was shown", async () => {
    const [first, second] = await stockOf(2);
    const storageDown = () =>
      h.sandbox.control("POST", "/faults", {
        service: "storage",
        route: "POST /object/:bucket/:path*",
        status: 500,
        times: 50,
      });
    const giveUpSoon = (orderId: string) =>
      h.db
        .update(jobs)
        // Retrying lasts until the horizon itself: put it behind us, so the next failure is the last.
        .set({ horizonAt: sql`now() - interval '1 second'` })
        .where(eq(jobs.orderId, orderId));

    // Never shown: back to available, its issued eSIM row gone with it, nothing bought from the provider.
    const a = await paidOrder(h);
    await deliverEvent(a.event);
    await giveUpSoon(a.orderId);
    await storageDown();
    await runDueJobs();
    expect(await orderRow(h.db, a.orderId)).toMatchObject({
      status: "needs_attention",
      attentionReason: "delivery_stalled",
    });
    const [returned] = await h.db.select().from(esimInventory).where(eq(esimInventory.iccid, first!.iccid));
    expect(returned).toMatchObject({ status: "available", orderId: null });
    expect(await h.db.select().from(esims).where(eq(esims.iccid, first!.iccid))).toHaveLength(0);

    // Shown once (the buyer's order page) before delivery gave up: retired, never sold again.
    await h.sandbox.control("DELETE", "/faults");
    const b = await paidOrder(h);
    await deliverEvent(b.event);
    await storageDown();
    await runDueJobs({ limit: 1 });
    const [held] = await h.db.select().from(esimInventory).where(eq(esimInventory.orderId, b.orderId));
    expect(held).toMatchObject({ status: "reserved" });
    await h.db.insert(activationViews).values({ iccid: held!.iccid, viewerRole: "order-link" });
    await giveUpSoon(b.orderId);
    await h.db
      .update(jobs)
      .set({ runAt: sql`now()` })
      .where(and(eq(jobs.orderId, b.orderId), eq(jobs.status, "queued")));
    await runDueJobs({ limit: 1 });
    expect((await orderRow(h.db, b.orderId)).status).toBe("needs_attention");
    const [retired] = await h.db.select().from(esimInventory).where(eq(esimInventory.iccid, held!.iccid));
    expect(retired).toMatchObject({ status: "retired", orderId: b.orderId });
    expect([first!.iccid, second!.iccid]).toContain(held!.iccid);
    expect((await ledgers(h)).esimGoOrders).toHaveLength(0);
  });

  it("pre-buys from eSIM Go, costed, and restocks exactly to the target under two concurrent runs", async () => {
    const bought = await prebuy(h.db, { bundleName: OTHER, quantity: 2, by: ADMIN_EMAIL });
    expect(bought).toMatchObject({ outcome: "bought", quantity: 2, costMinor: 568, currency: "USD" });
    await h.db
      .insert(stockLevels)
      .values({ bundleName: OTHER, targetLevel: 7 })
      .onConflictDoUpdate({
        target: stockLevels.bundleName,
        set: { targetLevel: 7 },
      });
    const [x, y] = await Promise.all([restockToTarget(h.db, OTHER), restockToTarget(h.db, OTHER)]);
    expect([x.outcome, y.outcome].sort()).toEqual(["bought", "nothing_needed"]);
    const rows = await h.db
      .select()
      .from(esimInventory)
      .where(and(eq(esimInventory.bundleName, OTHER), eq(esimInventory.status, "available")));
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.source === "prebuy" && r.costMinor === 284 && r.activationCodeSealed)).toBe(true);
    const l = await ledgers(h);
    expect(l.esimGoOrders.map((o) => o.esims.length).sort()).toEqual([2, 5]);
    const purchases = await h.db.select().from(stockPurchases).where(eq(stockPurchases.bundleName, OTHER));
    expect(
      purchases
        .filter((p) => p.status === "succeeded")
        .map((p) => p.quantity)
        .sort(),
    ).toEqual([2, 5]);
    expect(await restockToTarget(h.db, OTHER)).toMatchObject({ outcome: "nothing_needed", have: 7, target: 7 });
  });

  it("resolves a pre-buy whose answer was lost in the restock job: found and linked, or concluded not bought", async () => {
    const later = (ms: number) => () => new Date(Date.now() + ms);
    // eSIM Go buys, then the connection drops before the answer: the pre-buy is `unknown` and counts as open.
    await h.sandbox.control("POST", "/faults", {
      service: "esim-go",
      route: "POST /orders",
      dropAfterSend: true,
      times: 1,
    });
    const lost = await prebuy(h.db, { bundleName: OTHER, quantity: 3, by: ADMIN_EMAIL });
    expect(lost).toMatchObject({ outcome: "unknown" });
    const id = (lost as { purchaseId: number }).purchaseId;
    const placed = (await ledgers(h)).esimGoOrders;
    expect(placed).toHaveLength(1);

    // Inside eSIM Go's timeout plus the settle window nothing is concluded: the answer could still come.
    expect((await runRestock(h.db)).resolved).toMatchObject({ [id]: "waiting" });
    const [stillOpen] = await h.db.select().from(stockPurchases).where(eq(stockPurchases.id, id));
    expect(stillOpen!.status).toBe("unknown");

    // Past it, the restock job finds the order in GET /orders, links it and stores its eSIMs — buying nothing new.
    expect((await runRestock(h.db, { now: later(10 * 60_000) })).resolved).toMatchObject({ [id]: "bought" });
    const [linked] = await h.db.select().from(stockPurchases).where(eq(stockPurchases.id, id));
    expect(linked).toMatchObject({
      status: "succeeded",
      providerReference: placed[0]!.orderReference,
      costMinor: 852,
      costCurrency: "USD",
    });
    const stored = await h.db.select().from(esimInventory).where(eq(esimInventory.stockPurchaseId, id));
    expect(stored.map((r) => r.iccid).sort()).toEqual(placed[0]!.esims.map((e) => e.iccid).sort());
    expect(stored.every((r) => r.status === "available" && r.source === "prebuy")).toBe(true);
    expect(openCode(stored[0]!.activationCodeSealed!, stored[0]!.iccid)).toBe(
      placed[0]!.esims.find((e) => e.iccid === stored[0]!.iccid)!.matchingId,
    );
    // Settled once: a second run changes nothing.
    expect((await runRestock(h.db, { now: later(10 * 60_000) })).resolved).toEqual({});

    // A 5xx the provider never acted on: the same lookup finds nothing (the order above is linked, not this one's).
    await h.sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", status: 500, times: 1 });
    const failed = await prebuy(h.db, { bundleName: OTHER, quantity: 3, by: ADMIN_EMAIL });
    expect(failed).toMatchObject({ outcome: "unknown" });
    const failedId = (failed as { purchaseId: number }).purchaseId;
    expect((await runRestock(h.db, { now: later(10 * 60_000) })).resolved).toMatchObject({ [failedId]: "not_bought" });
    const [concluded] = await h.db.select().from(stockPurchases).where(eq(stockPurchases.id, failedId));
    expect(concluded).toMatchObject({ status: "failed", providerReference: null });
    expect(concluded!.error).toMatch(/not found at the provider/);
    expect((await ledgers(h)).esimGoOrders).toHaveLength(1);
    expect(await h.db.select().from(esimInventory).where(eq(esimInventory.stockPurchaseId, failedId))).toEqual([]);
  });

  it("never lets a customer's lost-answer lookup claim a pre-buy still waiting for its answer", async () => {
    // The customer's purchase gets a 5xx eSIM Go never acted on: its attempt is `unknown`, to be looked up.
    const customer = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", status: 500, times: 1 });
    await deliverEvent(customer.event);
    await runDueJobs({ limit: 1 });
    const attempts = () => h.db.select().from(providerPurchases).where(eq(providerPurchases.orderId, customer.orderId));
    expect((await attempts()).map((a) => a.status)).toEqual(["unknown"]);

    // Meanwhile a pre-buy of one eSIM of the same bundle is in flight: its row is written, eSIM Go has placed the
    // order, and its answer (with the reference) is not recorded yet. In GET /orders it looks just like the
    // customer's purchase.
    const [inFlight] = await h.db
      .insert(stockPurchases)
      .values({ bundleName: BUNDLE, provider: "esim-go", quantity: 1, status: "started", trigger: "schedule" })
      .returning();
    const prebought = await providerFor("esim-go").buyStock!(BUNDLE, 1);
    if (prebought.state !== "completed") throw new Error(`pre-buy ${prebought.state}`);

    // The customer's lookup waits for it rather than take that order as its own.
    await fastForward(h.db);
    const [report] = await runDueJobs({ limit: 1 });
    expect(report?.outcome).toMatchObject({ kind: "retry", reason: expect.stringMatching(/pre-buy .* in flight/) });
    expect((await attempts()).map((a) => [a.status, a.providerReference])).toEqual([["unknown", null]]);

    // The pre-buy's answer is recorded: now the lookup skips that order, finds none of its own, and buys anew.
    await h.db
      .update(stockPurchases)
      .set({ status: "succeeded", providerReference: prebought.reference, finishedAt: new Date() })
      .where(eq(stockPurchases.id, inFlight!.id));
    await drain(h.db);
    expect((await orderRow(h.db, customer.orderId)).status).toBe("delivered");
    const bought = (await attempts()).find((a) => a.status === "succeeded" || a.status === "linked")!;
    expect(bought.providerReference).not.toBe(prebought.reference);
    expect((await ledgers(h)).esimGoOrders).toHaveLength(2);
  });

  it("alerts the admins once when stock falls below its threshold", async () => {
    await stockOf(2);
    await h.db
      .insert(stockLevels)
      .values({ bundleName: BUNDLE, lowThreshold: 2 })
      .onConflictDoUpdate({
        target: stockLevels.bundleName,
        set: { lowThreshold: 2 },
      });
    for (let i = 0; i < 2; i++) {
      const o = await paidOrder(h);
      await deliverEvent(o.event);
      await drain(h.db);
    }
    const alerts = (await ledgers(h)).emails.filter((e) => e.subject.includes("Low stock"));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.to).toContain(ADMIN_EMAIL);
  });

  it.runIf(kind === "postgres")(
    "50 concurrent orders with 20 in stock: 20 from stock, 30 from eSIM Go, no eSIM twice",
    async () => {
      const stocked = await stockOf(20);
      const paid = [];
      for (let i = 0; i < 50; i++) paid.push(await paidOrder(h));
      await Promise.all(paid.map((p) => deliverEvent(p.event)));
      // Five workers at once, each claiming one job at a time: reservations race for real.
      for (let round = 0; round < 30; round++) {
        await Promise.all([...Array(5)].map((_, w) => drain(h.db, { limit: 1, workerId: `w${w}`, maxRounds: 60 })));
        const left = await h.db
          .select({ id: orders.id })
          .from(orders)
          .where(
            and(
              inArray(
                orders.id,
                paid.map((p) => p.orderId),
              ),
              sql`status <> 'delivered'`,
            ),
          );
        if (left.length === 0) break;
      }
      const ids = paid.map((p) => p.orderId);
      const delivered = await h.db.select().from(orders).where(inArray(orders.id, ids));
      expect(delivered.every((o) => o.status === "delivered")).toBe(true);
      const rows = await h.db.select().from(esimInventory).where(inArray(esimInventory.orderId, ids));
      expect(rows).toHaveLength(50);
      expect(rows.filter((r) => r.source === "import")).toHaveLength(20);
      expect(rows.filter((r) => r.source === "provider")).toHaveLength(30);
      expect(rows.every((r) => r.status === "assigned")).toBe(true);
      expect(new Set(rows.map((r) => r.iccid)).size).toBe(50);
      expect(new Set(rows.filter((r) => r.source === "import").map((r) => r.iccid))).toEqual(
        new Set(stocked.map((s) => s.iccid)),
      );
      const issued = await h.db.select().from(esims).where(inArray(esims.orderId, ids));
      expect(new Set(issued.map((e) => e.iccid)).size).toBe(50);
      expect((await ledgers(h)).esimGoOrders).toHaveLength(30);
    },
    180_000,
  );
});

// The reseller order API against a real sandbox and database: idempotency under concurrent retries, money
// checks (prepaid 402, postpaid limit under concurrency), and the ledger after a storm of orders and failures.
import { describe, expect, it, vi } from "vitest";
import { and, count, eq, inArray } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { activationViews, idempotencyKeys, ledgerTransactions, orders } from "@/lib/db/schema";
import { sha256Hex } from "@/lib/tokens";
import { BUNDLE, drain, useHarness } from "@/test/harness";
import { GET as listOrders, POST as postOrder } from "@/app/api/v1/orders/route";
import { GET as getInstall } from "@/app/api/v1/orders/[id]/install/route";
import { GET as getLedger } from "@/app/api/v1/ledger/route";
import { GET as getCatalogue } from "@/app/api/v1/catalogue/route";
import { apiRequest, testPartner } from "@/test/partners";
import { balanceOf, ledgerTotals, monthlyStatement } from "./ledger";
import { partnerOfUser } from "./accounts";
import { listPartnerOrders } from "./orders";
import { installSchema } from "./schemas";
import jsQR from "jsqr";
import { PNG } from "pngjs";

vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  after: () => {},
}));

/** BUNDLE sells at 499; the fixtures' rule is 10 % off retail. */
const PARTNER_PRICE = 449;

describe.each(testDbKinds())("reseller API on %s", (kind) => {
  const h = useHarness(kind);

  const order = (secret: string, key: string, body: unknown) =>
    postOrder(apiRequest("/orders", { method: "POST", secret, idempotencyKey: key, body }));
  const ordersOf = async (partnerId: string) =>
    (await h.db.select({ n: count() }).from(orders).where(eq(orders.partnerId, partnerId)))[0]!.n;
  const debitsOf = async (partnerId: string) =>
    (
      await h.db
        .select({ n: count() })
        .from(ledgerTransactions)
        .where(and(eq(ledgerTransactions.partnerId, partnerId), eq(ledgerTransactions.kind, "order")))
    )[0]!.n;

  it("prices the catalogue by the partner's rule", async () => {
    const { secret } = await testPartner(h.db);
    const res = await getCatalogue(apiRequest("/catalogue?country=GB", { secret }));
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.find((b: { bundle: string }) => b.bundle === BUNDLE)).toMatchObject({
      price: { amountMinor: PARTNER_PRICE, currency: "USD" },
      retailPrice: { amountMinor: 499 },
    });
  });

  it("the same Idempotency-Key retried 20 times at once makes one order and one debit, then replays it", async () => {
    const { partner, secret } = await testPartner(h.db, { fundMinor: 10_000 });
    const body = { bundle: BUNDLE, reference: "booking-1" };
    const responses = await Promise.all(Array.from({ length: 20 }, () => order(secret, "key-concurrent-0001", body)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    // The rest either replayed the stored 201 or were told the first is still running — never another order.
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const r of responses.filter((r) => r.status === 409)) {
      expect(r.headers.get("retry-after")).toBe("1");
      expect((await r.json()).error).toMatchObject({
        code: "idempotency_request_in_progress",
        requestId: expect.any(String),
      });
    }
    expect(await ordersOf(partner.id)).toBe(1);
    expect(await debitsOf(partner.id)).toBe(1);
    expect(await balanceOf(h.db, partner.id)).toBe(10_000 - PARTNER_PRICE);

    const first = await responses.find((r) => r.status === 201)!.json();
    const replay = await order(secret, "key-concurrent-0001", body);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(first);

    const reused = await order(secret, "key-concurrent-0001", { ...body, reference: "booking-2" });
    expect(reused.status).toBe(409);
    expect((await reused.json()).error.code).toBe("idempotency_key_reused");
    expect(await ordersOf(partner.id)).toBe(1);

    // A lost response is recovered by reference.
    const byRef = await listOrders(apiRequest("/orders?reference=booking-1", { secret }));
    expect((await byRef.json()).data).toEqual([first]);
  });

  it("pages GET /orders with limit, starting_after and has_more, even through orders made in the same instant", async () => {
    const { partner, secret } = await testPartner(h.db, { fundMinor: 10_000 });
    for (let i = 0; i < 5; i++)
      expect((await order(secret, `page-key-${i}-0000`, { bundle: BUNDLE, reference: `page-${i}` })).status).toBe(201);
    // Three of them share one created_at: the id breaks the tie, so none is skipped or repeated.
    const mine = await h.db.select({ id: orders.id }).from(orders).where(eq(orders.partnerId, partner.id));
    await h.db
      .update(orders)
      .set({ createdAt: new Date("2026-01-01T00:00:00.123Z") })
      .where(
        inArray(
          orders.id,
          mine.slice(1, 4).map((o) => o.id),
        ),
      );

    const page = async (query: string) => {
      const res = await listOrders(apiRequest(`/orders?${query}`, { secret }));
      expect(res.status).toBe(200);
      return (await res.json()) as { data: { id: string }[]; has_more: boolean };
    };
    const seen: string[] = [];
    let query = "limit=2";
    const hasMore: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await page(query);
      seen.push(...p.data.map((o) => o.id));
      hasMore.push(p.has_more);
      if (!p.has_more) break;
      query = `limit=2&starting_after=${p.data.at(-1)!.id}`;
    }
    expect(hasMore).toEqual([true, true, false]);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(mine.map((o) => o.id)));
    const all = await page("limit=100");
    expect(all.data.map((o) => o.id)).toEqual(seen);
    expect(all.has_more).toBe(false);

    // Another partner's order is no cursor (and says nothing about it); bad limits are refused.
    const other = await testPartner(h.db, { fundMinor: 1_000 });
    const theirs = await (await order(other.secret, "page-other-0000", { bundle: BUNDLE, reference: "x" })).json();
    for (const bad of [`starting_after=${theirs.id}`, "starting_after=nope", "limit=0", "limit=101", "limit=2.5"]) {
      const res = await listOrders(apiRequest(`/orders?${bad}`, { secret }));
      expect(res.status, bad).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_request");
    }
  });

  it("refuses a missing key, a malformed body and a reused reference without debiting", async () => {
    const { partner, secret } = await testPartner(h.db, { fundMinor: 10_000 });
    const noKey = await postOrder(
      apiRequest("/orders", { method: "POST", secret, body: { bundle: BUNDLE, reference: "r1" } }),
    );
    expect(noKey.status).toBe(400);
    expect((await noKey.json()).error.code).toBe("idempotency_key_required");
    for (const bad of [
      "{not json",
      { bundle: BUNDLE },
      { bundle: "x y", reference: "r" },
      { bundle: BUNDLE, reference: "r", extra: 1 },
    ]) {
      const res = await order(secret, `key-bad-${Math.random()}`, bad);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_request");
    }
    expect((await order(secret, "key-ref-00000001", { bundle: BUNDLE, reference: "same" })).status).toBe(201);
    const dup = await order(secret, "key-ref-00000002", { bundle: BUNDLE, reference: "same" });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.code).toBe("reference_taken");
    const unknown = await order(secret, "key-ref-00000003", { bundle: "esim_nothing_like_it", reference: "other" });
    expect(unknown.status).toBe(404);
    expect(await debitsOf(partner.id)).toBe(1);
  });

  it("answers 402 and debits nothing when a prepaid balance is short; the key can be retried after a top-up", async () => {
    const { partner, secret } = await testPartner(h.db, { fundMinor: PARTNER_PRICE - 1 });
    const res = await order(secret, "key-short-000001", { bundle: BUNDLE, reference: "short" });
    expect(res.status).toBe(402);
    // In money, as the partner reads it: not "costs 449 and your balance is 448".
    expect((await res.json()).error).toMatchObject({
      code: "insufficient_balance",
      message: "This order costs $4.49, and your balance is $4.48.",
    });
    expect(await ordersOf(partner.id)).toBe(0);
    expect(await debitsOf(partner.id)).toBe(0);
    expect(await balanceOf(h.db, partner.id)).toBe(PARTNER_PRICE - 1);
    const { fund } = await import("@/test/partners");
    await fund(h.db, partner.id, 1);
    expect((await order(secret, "key-short-000001", { bundle: BUNDLE, reference: "short" })).status).toBe(201);
    expect(await balanceOf(h.db, partner.id)).toBe(0);
  });

  it("holds a postpaid credit limit when many orders race", async () => {
    const { partner, secret } = await testPartner(h.db, { billing: "postpaid", creditLimitMinor: 1_000 });
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        order(secret, `key-postpaid-${i}-000`, { bundle: BUNDLE, reference: `pp-${i}` }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(Math.floor(1_000 / PARTNER_PRICE));
    expect(statuses.filter((s) => s === 402)).toHaveLength(8 - Math.floor(1_000 / PARTNER_PRICE));
    const refused = await responses.find((r) => r.status === 402)!.json();
    expect(refused.error.code).toBe("credit_limit_exceeded");
    expect(refused.error.message).toMatch(/^This order costs \$4\.49, and \$\d+\.\d{2} of your credit is left\.$/);
    const balance = await balanceOf(h.db, partner.id);
    expect(balance).toBe(-PARTNER_PRICE * Math.floor(1_000 / PARTNER_PRICE));
    expect(balance).toBeGreaterThanOrEqual(-1_000);
  });

  it("after a storm of orders, failures and refunds the ledger sums to zero and the balance is what was delivered", async () => {
    const { partner, secret } = await testPartner(h.db, { fundMinor: 20 * PARTNER_PRICE });
    const placed = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        order(secret, `key-storm-${i}-0000`, { bundle: BUNDLE, reference: `storm-${i}` }),
      ),
    );
    expect(placed.every((r) => r.status === 201)).toBe(true);
    // Half the purchases are refused for good by the provider: those orders fail and are credited back.
    await h.sandbox.control("POST", "/faults", {
      service: "esim-go",
      route: "POST /orders",
      status: 400,
      probability: 0.5,
      message: `Bundle ${BUNDLE} not found in catalogue`,
    });
    await drain(h.db, { maxRounds: 30 });
    await h.sandbox.control("DELETE", "/faults");

    const rows = await h.db.select().from(orders).where(eq(orders.partnerId, partner.id));
    const delivered = rows.filter((o) => o.status === "delivered");
    const refunded = rows.filter((o) => o.status === "refunded");
    expect(delivered.length + refunded.length).toBe(12);
    expect(refunded.every((o) => o.refundedMinor === PARTNER_PRICE && o.stripePaymentIntentId === null)).toBe(true);
    expect(await ledgerTotals(h.db)).toEqual({ USD: 0 });
    expect(await balanceOf(h.db, partner.id)).toBe(20 * PARTNER_PRICE - delivered.length * PARTNER_PRICE);
    // Running the queue again (a retried job, a second worker) credits nothing more.
    await drain(h.db);
    expect(await balanceOf(h.db, partner.id)).toBe(20 * PARTNER_PRICE - delivered.length * PARTNER_PRICE);

    const ledger = await (await getLedger(apiRequest("/ledger", { secret }))).json();
    expect(ledger.balance.amountMinor).toBe(20 * PARTNER_PRICE - delivered.length * PARTNER_PRICE);
    expect(ledger.data.filter((e: { kind: string }) => e.kind === "refund")).toHaveLength(refunded.length);

    // Install details: a separate call, only for delivered orders, each recorded in the activation log.
    if (delivered[0]) {
      const res = await getInstall(apiRequest(`/orders/${delivered[0].id}/install`, { secret }), {
        params: Promise.resolve({ id: delivered[0].id }),
      });
      expect(res.status).toBe(200);
      const install = installSchema.parse(await res.json());
      expect(install.lpa).toMatch(/^LPA:1\$/);
      // The QR scans back to the very LPA, and the one-tap links carry it.
      const png = PNG.sync.read(Buffer.from(install.qrPngDataUrl.split(",")[1]!, "base64"));
      expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(install.lpa);
      expect(decodeURIComponent(install.appleInstallUrl)).toContain(install.lpa);
      expect(install.androidInstallUrl).toMatch(/^https:\/\//);
      const views = await h.db.select().from(activationViews).where(eq(activationViews.viewerRole, "partner"));
      expect(views.length).toBeGreaterThanOrEqual(1);
    }
    if (refunded[0]) {
      const res = await getInstall(apiRequest(`/orders/${refunded[0].id}/install`, { secret }), {
        params: Promise.resolve({ id: refunded[0].id }),
      });
      expect(res.status).toBe(409);
    }
    // Another partner sees none of it.
    const other = await testPartner(h.db);
    const res = await getInstall(apiRequest(`/orders/${rows[0]!.id}/install`, { secret: other.secret }), {
      params: Promise.resolve({ id: rows[0]!.id }),
    });
    expect(res.status).toBe(404);
  }, 120_000);

  it("takes over a key whose request died, refuses one still running, and forgets keys after 24 hours", async () => {
    const { partner, secret } = await testPartner(h.db, { fundMinor: 5_000 });
    const hashOf = (reference: string) => sha256Hex(JSON.stringify({ bundle: BUNDLE, reference }));
    await h.db.insert(idempotencyKeys).values([
      {
        partnerId: partner.id,
        key: "key-dead-0000001",
        requestHash: hashOf("dead"),
        lockToken: "t1",
        lockedAt: new Date(Date.now() - 120_000),
      },
      { partnerId: partner.id, key: "key-live-0000001", requestHash: hashOf("live"), lockToken: "t2" },
      {
        partnerId: partner.id,
        key: "key-old-00000001",
        requestHash: hashOf("something else"),
        lockToken: "t3",
        status: "done",
        responseStatus: 201,
        responseBody: { id: "ord_from_yesterday" },
        createdAt: new Date(Date.now() - 25 * 3_600_000),
      },
    ]);
    const live = await order(secret, "key-live-0000001", { bundle: BUNDLE, reference: "live" });
    expect(live.status).toBe(409);
    expect(live.headers.get("retry-after")).toBe("1");
    expect((await order(secret, "key-dead-0000001", { bundle: BUNDLE, reference: "dead" })).status).toBe(201);
    const old = await order(secret, "key-old-00000001", { bundle: BUNDLE, reference: "new" });
    expect(old.status).toBe(201);
    expect((await old.json()).reference).toBe("new");
    expect(await ordersOf(partner.id)).toBe(2);
  });

  it("a portal user belongs to one partner; statements add up to the balance", async () => {
    const a = await testPartner(h.db, { fundMinor: 2_000 });
    const b = await testPartner(h.db, { fundMinor: 2_000 });
    expect((await order(a.secret, "key-stmt-0000001", { bundle: BUNDLE, reference: "s1" })).status).toBe(201);
    expect((await partnerOfUser(h.db, a.email.toUpperCase()))?.id).toBe(a.partner.id);
    expect(await partnerOfUser(h.db, "stranger@example.com")).toBeNull();
    expect(await listPartnerOrders(h.db, b.partner.id)).toEqual([]);
    const month = new Date().toISOString().slice(0, 7);
    const statement = (await monthlyStatement(h.db, a.partner.id, month))!;
    expect(statement.openingMinor + statement.creditsMinor + statement.debitsMinor).toBe(statement.closingMinor);
    expect(statement.closingMinor).toBe(await balanceOf(h.db, a.partner.id));
    expect(statement.debitsMinor).toBe(-PARTNER_PRICE);
  });
});

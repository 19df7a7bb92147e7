// The money path end to end against the sandbox: checkout, payment, webhook, durable job, eSIM Go purchase,
// install details, QR in storage, email — and every way it can go wrong on the way.
import { describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { jobs, orderEvents, providerPurchases, esims } from "@/lib/db/schema";
import { getOrderView, getOrderStatus } from "@/lib/orders/queries";
import { runDueJobs } from "@/lib/jobs/worker";
import { deliverEvent, drain, ledgers, orderRow, paidOrder, useHarness } from "@/test/harness";

describe.each(testDbKinds())("fulfilment on %s", (kind) => {
  const h = useHarness(kind);

  const events = (orderId: string) =>
    h.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
  const purchases = (orderId: string) =>
    h.db
      .select()
      .from(providerPurchases)
      .where(eq(providerPurchases.orderId, orderId))
      .orderBy(asc(providerPurchases.attempt));

  it("delivers a paid order: one eSIM Go order, one stored QR, one email with the QR and a private link", async () => {
    const { orderId, sessionId, email, event } = await paidOrder(h);
    const res = await deliverEvent(event);
    expect(res).toMatchObject({ status: 200, kick: true });
    expect((await orderRow(h.db, orderId)).status).toBe("paid");

    await drain(h.db, { forward: false });

    const order = await orderRow(h.db, orderId);
    expect(order).toMatchObject({ status: "delivered", email, accessTokenSealed: null });
    expect(order.emailSentAt).toBeInstanceOf(Date);
    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(1);
    expect(l.esimGoOrders[0]!.items).toMatchObject([{ item: "esim_1GB_7D_GB_V2" }]);
    const issued = l.esimGoOrders[0]!.esims[0]!;
    expect(l.objects.filter((o) => o.path.startsWith(`orders/${orderId}/`))).toEqual([
      expect.objectContaining({ path: `orders/${orderId}/${issued.iccid}.png` }),
    ]);
    const mail = l.emails.filter((e) => e.to.includes(email));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.attachments.map((a) => a.filename)).toContain("esim-qr.png");
    const lpa = `LPA:1$${issued.smdpAddress}$${issued.matchingId}`;
    expect(mail[0]!.text).toContain(issued.matchingId);

    // The private link in the email opens the order page; a wrong token, nothing.
    const link = /\/orders\/(ord_[0-9a-z]+)\?t=([A-Za-z0-9_-]+)/.exec(`${mail[0]!.text} ${mail[0]!.html}`);
    expect(link?.[1]).toBe(orderId);
    const view = await getOrderView(orderId, { token: decodeURIComponent(link![2]!) });
    expect(view).toMatchObject({
      id: orderId,
      progress: "ready",
      esim: { iccid: issued.iccid, lpa, qrPath: `orders/${orderId}/${issued.iccid}.png` },
    });
    expect(view!.esim!.appleInstallUrl).toBe(`https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${lpa}`);
    expect(await getOrderView(orderId, { token: "not-the-token" })).toBeNull();
    expect(await getOrderView(orderId, {})).toBeNull();
    // Polls carry progress only; the install details are in the page, whose showing is logged.
    const status = await getOrderStatus(orderId, { checkoutSessionId: sessionId });
    expect(status).toMatchObject({ status: "delivered", progress: "ready", slow: false });
    expect(status).not.toHaveProperty("esim");

    // The timeline tells the whole story, in order.
    const timeline = (await events(orderId)).map((e) =>
      e.type === "transition" ? `${e.fromStatus}→${e.toStatus}` : e.step,
    );
    expect(timeline).toEqual([
      "order.created",
      "pending_payment→paid",
      "paid→provisioning",
      "purchase.started",
      "purchase.succeeded",
      "esim.issued",
      "qr.stored",
      "provisioning→delivered",
      "receipt.sent",
    ]);
    expect(
      await h.db
        .select({ status: jobs.status })
        .from(jobs)
        .where(and(eq(jobs.orderId, orderId), eq(jobs.kind, "fulfil"))),
    ).toEqual([{ status: "done" }]);
  });

  it.skipIf(kind === "pglite")(
    "buys once and emails once when the same checkout.session.completed arrives 5 times at once",
    async () => {
      const { orderId, email, event } = await paidOrder(h);
      const results = await Promise.all(Array.from({ length: 5 }, () => deliverEvent(event)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(results.filter((r) => "duplicate" in r.body && r.body.duplicate)).toHaveLength(4);
      // Several workers racing for the queue at once.
      await Promise.all([
        runDueJobs({ workerId: "w1" }),
        runDueJobs({ workerId: "w2" }),
        runDueJobs({ workerId: "w3" }),
      ]);
      await drain(h.db);
      expect((await orderRow(h.db, orderId)).status).toBe("delivered");
      const l = await ledgers(h);
      expect(l.esimGoOrders).toHaveLength(1);
      expect(l.emails.filter((e) => e.to.includes(email))).toHaveLength(1);
      expect(await purchases(orderId)).toHaveLength(1);
    },
  );

  it("a German order gets its eSIM email and receipt in German, with links to the German shop", async () => {
    const { orderId, email, event } = await paidOrder(h, { locale: "de" });
    await deliverEvent(event);
    await drain(h.db, { forward: false });
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    const l = await ledgers(h);
    const [mail] = l.emails.filter((e) => e.to.includes(email));
    expect(mail!.subject).toBe("Deine eSIM ist bereit: Vereinigtes Königreich 1 GB · 7 Tage");
    expect(mail!.text).toContain("Danke für deine Bestellung.");
    expect(mail!.text).toMatch(/http:\/\/localhost:3000\/de\/orders\/ord_[0-9a-z]+\?t=/);
    expect(mail!.text).toContain("http://localhost:3000/de/help/install");
    const [receipt] = l.receipts.filter((e) => e.to.includes(email));
    expect(receipt!.subject).toBe(`Deine Quittung von Tern – Bestellung ${orderId}`);
    expect(receipt!.text).toContain("Bezahlt am");
    expect(receipt!.text).toContain("Vereinigtes Königreich 1 GB · 7 Tage");
    expect(receipt!.text).toMatch(new RegExp(`http://localhost:3000/de/orders/${orderId}/receipt\\?r=`));
  });

  it("buys once when completed arrives twice under different event ids, and after the session expired", async () => {
    const first = await paidOrder(h);
    await deliverEvent(first.event);
    await deliverEvent({ ...first.event, id: `${first.event.id}_redelivered` });
    await drain(h.db);
    expect((await orderRow(h.db, first.orderId)).status).toBe("delivered");
    expect((await ledgers(h)).esimGoOrders).toHaveLength(1);

    // Expired first, then (as Stripe never does, but a customer may have been charged) completed.
    const second = await paidOrder(h);
    const expired = {
      ...second.event,
      id: `${second.event.id}_expired`,
      type: "checkout.session.expired",
      data: { object: { ...second.event.data.object, status: "expired", payment_status: "unpaid" } },
    };
    await deliverEvent(expired as typeof second.event);
    expect((await orderRow(h.db, second.orderId)).status).toBe("expired");
    await deliverEvent(second.event);
    await deliverEvent({ ...second.event, id: `${second.event.id}_again` });
    await drain(h.db);
    const order = await orderRow(h.db, second.orderId);
    expect(order.status).toBe("delivered");
    expect(
      (await events(second.orderId)).filter((e) => e.type === "transition").map((e) => `${e.fromStatus}→${e.toStatus}`),
    ).toEqual(["pending_payment→expired", "expired→paid", "paid→provisioning", "provisioning→delivered"]);
    expect((await ledgers(h)).esimGoOrders).toHaveLength(2);
  });

  it("rides out eSIM Go answering 500 three times, backing off, and buys exactly once", async () => {
    const { orderId, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", status: 500, times: 3 });
    await deliverEvent(event);

    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [report] = await runDueJobs();
      expect(report?.outcome.kind).toBe("retry");
      if (report?.outcome.kind === "retry") delays.push(report.outcome.delayMs);
      await h.db
        .update(jobs)
        .set({ runAt: sql`now()` })
        .where(eq(jobs.orderId, orderId));
    }
    // About 1 s, 3 s, 10 s, each ±20 %.
    expect(delays[0]).toBeGreaterThanOrEqual(800);
    expect(delays[0]).toBeLessThanOrEqual(1200);
    expect(delays[1]).toBeGreaterThanOrEqual(2400);
    expect(delays[2]).toBeGreaterThanOrEqual(8000);
    await drain(h.db);

    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    expect((await ledgers(h)).esimGoOrders).toHaveLength(1);
    // A 5xx may hide a purchase: each was looked up (not found) before the next attempt.
    expect((await purchases(orderId)).map((p) => p.status)).toEqual(["failed", "failed", "failed", "succeeded"]);
    expect((await events(orderId)).filter((e) => e.step === "purchase.not_found")).toHaveLength(3);
    const [job] = await h.db.select().from(jobs).where(eq(jobs.orderId, orderId));
    expect(job).toMatchObject({ status: "done", attempts: 4 });
  });

  it("backs delivery off on its own failures, not on the purchase's before it", async () => {
    const { orderId, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", status: 500, times: 3 });
    await deliverEvent(event);
    for (let i = 0; i < 3; i++) {
      expect((await runDueJobs())[0]?.outcome.kind).toBe("retry");
      await h.db
        .update(jobs)
        .set({ runAt: sql`now()` })
        .where(eq(jobs.orderId, orderId));
    }
    // Bought on the fourth try; the email then fails once. Its retry is the first step (about 1 s), not the
    // fourth (about 30 s) the purchase's three failures would have made it.
    await h.sandbox.control("POST", "/faults", { service: "resend", status: 500, times: 1 });
    const [report] = await runDueJobs();
    expect(report?.outcome).toMatchObject({ kind: "retry" });
    if (report?.outcome.kind === "retry") expect(report.outcome.delayMs).toBeLessThanOrEqual(1200);
    await drain(h.db);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    expect((await ledgers(h)).esimGoOrders).toHaveLength(1);
  });

  it("waits at least as long as a 429's Retry-After before trying again", async () => {
    const { orderId, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", {
      service: "esim-go",
      route: "POST /orders",
      status: 429,
      retryAfter: 2,
      times: 1,
      message: "Rate limit exceeded",
    });
    await deliverEvent(event);
    const [report] = await runDueJobs();
    expect(report?.outcome).toMatchObject({ kind: "retry" });
    const [job] = await h.db
      .select({ status: jobs.status, waitMs: sql<number>`extract(epoch from (${jobs.runAt} - now())) * 1000` })
      .from(jobs)
      .where(eq(jobs.orderId, orderId));
    expect(job!.status).toBe("queued");
    // Scheduled ≥ 2 s out (minus the few ms this query took), although the first backoff step is ~1 s.
    expect(Number(job!.waitMs)).toBeGreaterThan(1_900);
    expect(Number(job!.waitMs)).toBeLessThanOrEqual(2_000);
    // Not due yet: a worker passing by now leaves it alone.
    expect(await runDueJobs()).toEqual([]);
    await drain(h.db);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    expect((await ledgers(h)).esimGoOrders).toHaveLength(1);
  });

  it("does not buy again when eSIM Go bought but the connection dropped before the answer: it finds and links the order", async () => {
    const { orderId, email, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", {
      service: "esim-go",
      route: "POST /orders",
      dropAfterSend: true,
      times: 1,
    });
    await deliverEvent(event);
    const [report] = await runDueJobs();
    expect(report?.outcome.kind).toBe("retry");
    expect((await purchases(orderId)).map((p) => p.status)).toEqual(["unknown"]);
    expect((await ledgers(h)).esimGoOrders).toHaveLength(1);

    await drain(h.db);
    const l = await ledgers(h);
    expect(l.esimGoOrders).toHaveLength(1);
    const [attempt] = await purchases(orderId);
    expect(attempt).toMatchObject({ status: "linked", providerReference: l.esimGoOrders[0]!.orderReference });
    const [esim] = await h.db.select().from(esims).where(eq(esims.orderId, orderId));
    expect(esim!.iccid).toBe(l.esimGoOrders[0]!.esims[0]!.iccid);
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    expect(l.emails.filter((e) => e.to.includes(email))).toHaveLength(1);
  });
});

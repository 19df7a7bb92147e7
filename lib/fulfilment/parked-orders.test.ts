// needs_attention is no dead end: alerts that cannot be sent stop nothing, and a parked order has a clock.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { jobs } from "@/lib/db/schema";
import { parseEnv } from "@/lib/env";
import { getOrderView } from "@/lib/orders/queries";
import { unsealAccessToken } from "@/lib/orders/ids";
import { runDueJobs } from "@/lib/jobs/worker";
import {
  ADMIN_EMAIL,
  deliverEvent,
  drain,
  fastForward,
  ledgers,
  orderRow,
  paidOrder,
  useHarness,
} from "@/test/harness";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDbKinds())("parked orders on %s", (kind) => {
  const h = useHarness(kind);

  const adminMail = async () => (await ledgers(h)).emails.filter((e) => e.to.includes(ADMIN_EMAIL));

  it("keeps retrying, then refunds, an empty-balance order while the admin alert mail is refused", async () => {
    const { orderId, email, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/esim-go/balance", { balance: 0 });
    await h.sandbox.control("POST", "/faults", { service: "resend", route: "POST /emails", status: 422, times: 2 });
    await deliverEvent(event);
    expect((await runDueJobs())[0]?.outcome.kind).toBe("retry");
    await fastForward(h.db);
    const second = await runDueJobs();
    expect(second.find((r) => r.orderId === orderId && r.outcome.kind === "dead")).toBeUndefined();
    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "needs_attention" });

    // The horizon passes with the balance still empty: the money goes back, and the alert got out meanwhile.
    await h.db
      .update(jobs)
      .set({ horizonAt: sql`now() + interval '200 milliseconds'` })
      .where(eq(jobs.orderId, orderId));
    // Retries go on until the horizon itself: let it pass.
    await new Promise((r) => setTimeout(r, 250));
    for (let i = 0; i < 5 && (await orderRow(h.db, orderId)).status !== "refunded"; i++) {
      await fastForward(h.db);
      await runDueJobs();
    }
    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "refunded" });
    const l = await ledgers(h);
    expect(l.refunds).toHaveLength(1);
    expect(l.esimGoOrders).toHaveLength(0);
    expect(l.emails.filter((e) => e.to.includes(email) && /refund/i.test(e.subject))).toHaveLength(1);
    expect(await adminMail()).toHaveLength(1);
  });

  it("refunds a parked order with nothing bought once ATTENTION_REFUND_HOURS have passed", async () => {
    const { orderId, email, event } = await paidOrder(h);
    const session = event.data.object as unknown as Record<string, unknown>;
    const tampered = { ...event, id: `${event.id}_mismatch`, data: { object: { ...session, amount_total: 1 } } };
    await deliverEvent(tampered as typeof event);
    const deps = { attentionRefundMs: 2_000 };
    await runDueJobs({ deps });
    expect(await orderRow(h.db, orderId)).toMatchObject({
      status: "needs_attention",
      attentionReason: "amount_mismatch",
    });
    expect(await adminMail()).toHaveLength(1);

    await sleep(2_100);
    await drain(h.db, { deps });
    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "refunded" });
    const l = await ledgers(h);
    expect(l.refunds).toHaveLength(1);
    expect(l.esimGoOrders).toHaveLength(0);
    expect(l.emails.filter((e) => e.to.includes(email))).toHaveLength(1);
  });

  it("shows the eSIM when the delivery email was refused, and alerts the admins again past the deadline", async () => {
    const { orderId, event } = await paidOrder(h);
    await h.sandbox.control("POST", "/faults", { service: "resend", route: "POST /emails", status: 422, times: 1 });
    await deliverEvent(event);
    const deps = { attentionRefundMs: 2_000 };
    await runDueJobs({ deps });
    const parked = await orderRow(h.db, orderId);
    expect(parked).toMatchObject({ status: "needs_attention", attentionReason: "delivery_failed" });
    // The private link (its token still sealed, since no email went out) shows it; the Checkout Session id
    // alone still shows progress only.
    const token = unsealAccessToken(parked.accessTokenSealed!, orderId)!;
    const view = await getOrderView(orderId, { token });
    expect(view?.esim?.lpa).toMatch(/^LPA:1\$/);
    const bySession = await getOrderView(orderId, { checkoutSessionId: parked.stripeCheckoutSessionId! });
    expect(bySession?.esim).toBeFalsy();
    expect(await adminMail()).toHaveLength(1);

    await sleep(2_100);
    await fastForward(h.db);
    await runDueJobs({ deps });
    const alerts = await adminMail();
    expect(alerts).toHaveLength(2);
    expect(alerts.some((a) => a.subject.includes("attention_overdue"))).toBe(true);
    expect(await orderRow(h.db, orderId)).toMatchObject({ status: "needs_attention" });
    expect((await ledgers(h)).refunds).toHaveLength(0);
  });
});

describe("production configuration", () => {
  it("refuses to start with a live service and nobody to alert", () => {
    const live = { NODE_ENV: "production", SESSION_SECRET: "s".repeat(32), RESEND_API_KEY: "re_live" } as const;
    expect(() => parseEnv({ ...live })).toThrow(/ADMIN_EMAILS/);
    expect(parseEnv({ ...live, ADMIN_EMAILS: "ops@shop.example" }).adminEmails).toEqual(["ops@shop.example"]);
  });
});

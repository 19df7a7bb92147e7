// The customer's own eSIM controls and the admin's refund of an unused eSIM, against the sandbox: strangers get
// "not found", double clicks change things once (PostgreSQL), actions that do not apply are refused, and the
// unused-refund leaves neither the customer charged nor the provider paid.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { auditLog, esims, orderEvents } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { createEsimGoClient } from "@/lib/providers/esim-go/client";
import { createEsimGoProvider } from "@/lib/providers/esim-go/provider";
import type { EsimProvider } from "@/lib/providers/types";
import { refundFull } from "@/lib/admin/order-refund";
import { offersUnusedRefund, refundUnusedDelivered } from "@/lib/admin/refund-unused";
import { deliverEvent, drain, ledgers, orderRow, paidOrder, useHarness } from "@/test/harness";
import { testActor } from "@/test/actors";
import { attachGuestOrders, findOrCreateCustomerByEmail } from "./customers";
import { confirmInstalled, esimControls, NOT_FOUND, setSuspended } from "./esim-controls";
import { startTopUp, TopUpError } from "./esim-topup";

const admin = testActor({ ip: "198.51.100.1" });

describe.each(testDbKinds())("eSIM controls on %s", (kind) => {
  let esimGo: EsimProvider;
  const h = useHarness(kind);
  beforeAll(async () => {
    esimGo = createEsimGoProvider(createEsimGoClient(env().esimGo));
  });

  const providers = () => esimGo;

  async function deliveredEsim() {
    const { orderId, email, event } = await paidOrder(h);
    await deliverEvent(event);
    await drain(h.db, { forward: false });
    const [esim] = await h.db.select().from(esims).where(eq(esims.orderId, orderId));
    const customer = await findOrCreateCustomerByEmail(h.db, email);
    await attachGuestOrders(h.db, customer.id, email);
    const viewer = { customerId: customer.id, isAdmin: false, email };
    return { orderId, email, iccid: esim!.iccid, customer, viewer };
  }

  const balance = () => createEsimGoClient(env().esimGo).balance();
  const revokes = async () =>
    (
      await h.sandbox.control<{ requests: { method: string; path: string }[] }>("GET", "/requests?service=esim-go")
    ).requests.filter((r) => r.method === "DELETE");

  it("a stranger's iccid is not found for every control, and nothing changes", async () => {
    const mine = await deliveredEsim();
    const stranger = await deliveredEsim();
    const as = stranger.viewer;
    expect(await esimControls(h.db, mine.iccid, as, providers)).toBeNull();
    expect(await confirmInstalled(h.db, mine.iccid, as)).toEqual({ outcome: "refused", message: NOT_FOUND });
    expect(await setSuspended(h.db, mine.iccid, as, true, providers)).toEqual({
      outcome: "refused",
      message: NOT_FOUND,
    });
    expect(await setSuspended(h.db, "not-an-iccid", as, true, providers)).toEqual({
      outcome: "refused",
      message: NOT_FOUND,
    });
    expect((await orderRow(h.db, mine.orderId)).status).toBe("delivered");
    const [row] = await h.db.select().from(esims).where(eq(esims.iccid, mine.iccid));
    expect(row!.status).toBe("issued");
  });

  it("confirming the install moves delivered → installed once; again changes nothing", async () => {
    const { orderId, iccid, viewer } = await deliveredEsim();
    expect(await esimControls(h.db, iccid, viewer, providers)).toMatchObject({
      canConfirmInstalled: true,
      canSuspend: true,
      canRestore: false,
      suspendsOnNetwork: false,
    });
    const rs = await Promise.all([confirmInstalled(h.db, iccid, viewer), confirmInstalled(h.db, iccid, viewer)]);
    expect(rs.map((r) => r.outcome).sort()).toEqual(["applied", "no_change"]);
    expect((await orderRow(h.db, orderId)).status).toBe("installed");
    const moves = (await h.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).filter(
      (e) => e.toStatus === "installed",
    );
    expect(moves).toHaveLength(1);
    expect(moves[0]!.detail).toMatchObject({ source: "customer" });
    expect((await esimControls(h.db, iccid, viewer, providers))?.canConfirmInstalled).toBe(false);
  });

  it("suspends once, refuses top-ups while suspended, and restores", async () => {
    const { orderId, iccid, viewer, customer, email } = await deliveredEsim();
    const rs = await Promise.all([
      setSuspended(h.db, iccid, viewer, true, providers),
      setSuspended(h.db, iccid, viewer, true, providers),
    ]);
    expect(rs.map((r) => r.outcome).sort()).toEqual(["applied", "no_change"]);
    // eSIM Go has no suspend call: the message says what this does and does not do.
    expect(rs.find((r) => r.outcome === "applied")!.message).toMatch(/no top-ups.*keeps working/);
    const steps = (await h.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).filter(
      (e) => e.step === "esim.suspended",
    );
    expect(steps).toHaveLength(1);
    await expect(
      startTopUp(h.db, { customerId: customer.id, email, iccid, bundleName: "esim_3GB_30D_GB_V2" }, esimGo),
    ).rejects.toMatchObject({ code: "suspended" } satisfies Partial<TopUpError>);
    expect((await setSuspended(h.db, iccid, viewer, false, providers)).outcome).toBe("applied");
    expect((await setSuspended(h.db, iccid, viewer, false, providers)).outcome).toBe("no_change");
    expect((await esimControls(h.db, iccid, viewer, providers))?.status).toBe("issued");
  });

  it("an admin may act on a customer's eSIM", async () => {
    const { iccid } = await deliveredEsim();
    const asAdmin = { customerId: "cus_admin", isAdmin: true, email: admin.email };
    expect((await setSuspended(h.db, iccid, asAdmin, true, providers)).outcome).toBe("applied");
    const [row] = await h.db.select().from(esims).where(eq(esims.iccid, iccid));
    expect(row!.status).toBe("suspended");
  });

  it("takes an unused eSIM back from eSIM Go (balance credited) and refunds the customer in full", async () => {
    const { orderId, iccid } = await deliveredEsim();
    const order = await orderRow(h.db, orderId);
    expect(offersUnusedRefund(order, "esim-go", providers)).toBe(true);
    expect((await refundUnusedDelivered(h.db, orderId, "wrong", admin, providers)).outcome).toBe("refused");
    expect(await revokes()).toHaveLength(0);

    const before = await balance();
    const r = await refundUnusedDelivered(h.db, orderId, orderId, admin, providers);
    expect(r.outcome).toBe("applied");
    expect(r.message).toMatch(/refunded \$4\.99/);
    const after = await balance();
    expect(Math.round((after.balance - before.balance) * 100)).toBe(118); // the wholesale price, back
    const l = await ledgers(h);
    expect(l.refunds).toHaveLength(1);
    expect(l.refunds[0]!.amount).toBe(order.amountMinor);
    expect(await orderRow(h.db, orderId)).toMatchObject({ refundId: l.refunds[0]!.id, refundedMinor: 499 });
    const [row] = await h.db.select().from(esims).where(eq(esims.iccid, iccid));
    expect(row!.status).toBe("revoked");
    // Once refunded: "Refund in full" finds it done, and a second unused-refund neither revokes nor refunds.
    expect((await refundUnusedDelivered(h.db, orderId, orderId, admin, providers)).outcome).toBe("no_change");
    expect((await refundFull(h.db, orderId, orderId, admin)).outcome).toBe("no_change");
    expect((await ledgers(h)).refunds).toHaveLength(1);
    expect(await revokes()).toHaveLength(1);
    const audit = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, orderId), eq(auditLog.action, "order.refund_unused")));
    // The refused try and the refund are audited; the click that found it already refunded is not.
    expect(audit.map((a) => a.outcome).sort()).toEqual(["applied", "refused"]);
  });

  it("refuses a used eSIM (no revoke, no refund) and one the customer says is installed", async () => {
    const used = await deliveredEsim();
    await h.sandbox.control("POST", `/esim-go/esims/${used.iccid}/usage`, { usedBytes: 1_000_000 });
    const r = await refundUnusedDelivered(h.db, used.orderId, used.orderId, admin, providers);
    expect(r).toMatchObject({ outcome: "refused", message: expect.stringMatching(/has been used/) });
    expect(await revokes()).toHaveLength(0);
    expect((await ledgers(h)).refunds).toHaveLength(0);
    const [row] = await h.db.select().from(esims).where(eq(esims.iccid, used.iccid));
    expect(row!.status).toBe("issued");

    const installed = await deliveredEsim();
    await confirmInstalled(h.db, installed.iccid, installed.viewer);
    const order = await orderRow(h.db, installed.orderId);
    expect(offersUnusedRefund(order, "esim-go", providers)).toBe(false);
    expect((await refundUnusedDelivered(h.db, installed.orderId, installed.orderId, admin, providers)).outcome).toBe(
      "refused",
    );
    expect((await ledgers(h)).refunds).toHaveLength(0);
  });

  it.runIf(kind === "postgres")("two admins at once: one revoke, one Stripe refund", async () => {
    const { orderId } = await deliveredEsim();
    const before = await balance();
    const rs = await Promise.all([
      refundUnusedDelivered(h.db, orderId, orderId, admin, providers),
      refundUnusedDelivered(h.db, orderId, orderId, { ...admin, email: "bob@tern.test" }, providers),
    ]);
    expect(rs.map((r) => r.outcome)).toContain("applied");
    expect(rs.map((r) => r.outcome)).not.toContain("refused");
    expect(await revokes()).toHaveLength(1);
    expect((await ledgers(h)).refunds).toHaveLength(1);
    expect(Math.round(((await balance()).balance - before.balance) * 100)).toBe(118);
  });
});

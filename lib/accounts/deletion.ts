// Deleting keeps what accounting law needs (orders, payments, refunds, receipts) but cuts it loose from the
// person: email replaced, sessions ended, private links dead, access log anonymised.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import {
  activationViews,
  customers,
  esims,
  loginTokens,
  orderEvents,
  orders,
  receipts,
  sessions,
} from "@/lib/db/schema";
import { hashAccessToken, newAccessToken } from "@/lib/orders/ids";

/** Deleting now would leave an eSIM with nowhere to go. */
const IN_FLIGHT = ["paid", "provisioning", "needs_attention"];

const ERASED_DOMAIN = "erased.invalid";

const isErasedEmail = (email: string) => email.endsWith(`@${ERASED_DOMAIN}`);

type DeleteAccountResult = { ok: true } | { error: "in_flight" | "not_found" | "already_deleted" };

export async function deleteAccount(customerId: string, db?: Db): Promise<DeleteAccountResult> {
  const d = db ?? (await getDb());
  return d.transaction(async (tx) => {
    // The row lock serialises a double submit.
    const [customer] = await tx.select().from(customers).where(eq(customers.id, customerId)).for("update");
    if (!customer) return { error: "not_found" };
    if (isErasedEmail(customer.email)) return { error: "already_deleted" };
    const mine = or(eq(orders.customerId, customerId), eq(orders.email, customer.email));
    const [busy] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(mine, inArray(orders.status, IN_FLIGHT)))
      .limit(1);
    if (busy) return { error: "in_flight" };

    const owned = await tx.select({ id: orders.id }).from(orders).where(mine);
    const orderIds = owned.map((o) => o.id);
    await tx
      .update(customers)
      .set({ email: `${customerId}@${ERASED_DOMAIN}`, clerkUserId: null })
      .where(eq(customers.id, customerId));
    await tx
      .update(sessions)
      .set({ revokedAt: sql`coalesce(${sessions.revokedAt}, now())`, ip: null, userAgent: null })
      .where(eq(sessions.customerId, customerId));
    await tx.delete(loginTokens).where(eq(loginTokens.email, customer.email));
    if (orderIds.length > 0) {
      for (const id of orderIds) {
        await tx
          .update(orders)
          .set({
            email: null,
            accessTokenHash: hashAccessToken(newAccessToken()),
            accessTokenSealed: null,
            checkoutBrowserHash: null,
          })
          .where(eq(orders.id, id));
      }
      await tx.insert(orderEvents).values(
        orderIds.map((orderId) => ({
          orderId,
          type: "note",
          step: "customer.erased",
          detail: { reason: "the customer deleted their account; order and payment records kept" },
        })),
      );
      const iccids = (await tx.select({ iccid: esims.iccid }).from(esims).where(inArray(esims.orderId, orderIds))).map(
        (e) => e.iccid,
      );
      if (iccids.length > 0)
        await tx
          .update(activationViews)
          .set({ ip: null, userAgent: null })
          .where(inArray(activationViews.iccid, iccids));
    }
    await tx
      .update(activationViews)
      .set({ ip: null, userAgent: null })
      .where(eq(activationViews.viewerCustomerId, customerId));
    return { ok: true };
  });
}

export async function exportCustomerData(customerId: string): Promise<Record<string, unknown> | null> {
  const db = await getDb();
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer || isErasedEmail(customer.email)) return null;
  const rows = await db
    .select()
    .from(orders)
    .where(and(or(eq(orders.customerId, customerId), eq(orders.email, customer.email)), isNull(orders.partnerId)))
    .orderBy(orders.createdAt);
  const orderIds = rows.map((o) => o.id);
  const [esimRows, cards, sessionRows, views] = await Promise.all([
    orderIds.length ? db.select().from(esims).where(inArray(esims.orderId, orderIds)) : [],
    orderIds.length ? db.select().from(receipts).where(inArray(receipts.orderId, orderIds)) : [],
    db.select().from(sessions).where(eq(sessions.customerId, customerId)),
    db.select().from(activationViews).where(eq(activationViews.viewerCustomerId, customerId)),
  ]);
  const cardOf = new Map(cards.map((c) => [c.orderId, c]));
  return {
    exportedAt: new Date().toISOString(),
    account: { id: customer.id, email: customer.email, createdAt: customer.createdAt.toISOString() },
    orders: rows.map((o) => ({
      id: o.id,
      status: o.status,
      kind: o.kind,
      plan: o.bundleSnapshot.title,
      email: o.email,
      amountMinor: o.amountMinor,
      currency: o.currency,
      createdAt: o.createdAt.toISOString(),
      paidAt: o.paidAt?.toISOString() ?? null,
      deliveredAt: o.deliveredAt?.toISOString() ?? null,
      refundedMinor: o.refundedMinor,
      refundedAt: o.refundedAt?.toISOString() ?? null,
      card: cardOf.get(o.id)?.cardLast4
        ? { brand: cardOf.get(o.id)!.cardBrand, last4: cardOf.get(o.id)!.cardLast4 }
        : null,
    })),
    // Install codes stay on the eSIM's page: a file that travels is no place for them.
    esims: esimRows.map((e) => ({ iccid: e.iccid, orderId: e.orderId, status: e.status })),
    signIns: sessionRows.map((s) => ({
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      revokedAt: s.revokedAt?.toISOString() ?? null,
      ip: s.ip,
      userAgent: s.userAgent,
    })),
    installDetailViews: views.map((v) => ({
      iccid: v.iccid,
      viewedAt: v.viewedAt.toISOString(),
      role: v.viewerRole,
      ip: v.ip,
      userAgent: v.userAgent,
    })),
  };
}

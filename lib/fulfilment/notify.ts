// Telling people: the customer when their money is back, the admins when an order needs a person.
import { and, eq, sql } from "drizzle-orm";
import { orderEvents, orders, type Order } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { recordStep } from "@/lib/orders/lifecycle";
import { orderAccessUrl } from "@/lib/orders/ids";
import { sendAdminAlert, sendRefundEmail } from "@/lib/delivery/email";
import { refundOrder } from "@/lib/payments/refunds";
import { accessTokenFor } from "./deliver";
import type { Run } from "./run";

export async function refundAndNotify(run: Run, order: Order): Promise<void> {
  const refunded = await refundOrder(run.deps.db, order.id);
  await notifyRefund(run, refunded);
}

/** The "we refunded you" email, once, for an order that never got its eSIM. */
export async function notifyRefund(run: Run, order: Order): Promise<void> {
  const { db } = run.deps;
  if (order.refundEmailSentAt || order.deliveredAt || !order.email) return;
  const { appUrl } = env();
  const token = await accessTokenFor(db, order);
  const sent = await sendRefundEmail(
    {
      to: order.email,
      orderId: order.id,
      orderUrl: orderAccessUrl(order.id, token),
      bundleTitle: order.bundleSnapshot.title,
      amountMinor: order.refundedMinor ?? order.amountMinor,
      currency: order.currency,
      reason: order.failureReason ?? "",
      alternatives: (await alternativesFor(order.bundleName)).map((b) => ({
        title: b.title,
        url: `${appUrl}/bundles/${encodeURIComponent(b.name)}`,
        priceMinor: b.priceMinor,
        currency: b.currency,
      })),
    },
    `refund-email/${order.id}`,
  );
  await db
    .update(orders)
    .set({ refundEmailSentAt: new Date(), accessTokenSealed: null })
    .where(eq(orders.id, order.id));
  await recordStep(db, order.id, "refund_email.sent", { emailId: sent.id });
}

/** Up to three bundles for the same destination. A refund email goes out even if this lookup fails. */
async function alternativesFor(
  bundleName: string,
): Promise<{ name: string; title: string; priceMinor: number; currency: string }[]> {
  try {
    const { alternativeBundles } = await import("@/lib/catalogue/queries");
    return await alternativeBundles(bundleName, 3);
  } catch (err) {
    console.warn(`[fulfilment] alternatives for ${bundleName} unavailable`, err);
    return [];
  }
}

/** One alert per order and reason (recorded on the timeline; the idempotency key covers a crash in between). */
export async function alertAdminOnce(run: Run, order: Order, message?: string): Promise<void> {
  const { db } = run.deps;
  const reason = order.attentionReason ?? "unknown";
  const [already] = await db
    .select({ id: orderEvents.id })
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.orderId, order.id),
        eq(orderEvents.step, "admin_alert"),
        sql`${orderEvents.detail}->>'reason' = ${reason}`,
      ),
    )
    .limit(1);
  if (already) return;
  const text = [
    `Order ${order.id} needs attention: ${reason}.`,
    message ?? "",
    `Bundle: ${order.bundleName} (${order.bundleSnapshot.title}); paid ${order.amountMinor} ${order.currency}; customer ${order.email ?? "unknown"}.`,
    `Timeline: ${env().appUrl}/admin/orders/${order.id}`,
  ]
    .filter(Boolean)
    .join("\n");
  const sent = await sendAdminAlert(
    { subject: `[Tern] Order ${order.id} needs attention: ${reason}`, text },
    `admin-alert/${order.id}/${reason}`,
  );
  await recordStep(db, order.id, "admin_alert", { reason, emailId: sent?.id ?? null, sent: Boolean(sent) });
}

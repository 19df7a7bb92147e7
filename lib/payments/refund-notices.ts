// Every refund reaches the customer once, whoever made it: the notice is recorded in the webhook's transaction
// and sent by the order's job, so a crash delays it but never loses or doubles it.
import { and, asc, eq, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db, Tx } from "@/lib/db";
import { orders, refundNotices, type Order } from "@/lib/db/schema";
import { sendRefundNoticeEmail } from "@/lib/delivery/email";
import { env } from "@/lib/env";
import { recordStep } from "@/lib/orders/lifecycle";
import { localeOr } from "@/lib/i18n/locales";
import { bundleTitleIn } from "@/lib/catalogue/localized-title";

export async function oweRefundNotice(tx: Tx, before: Order, charge: Stripe.Charge): Promise<boolean> {
  if (before.partnerId || !before.email) return false;
  const total = charge.amount_refunded;
  const previous = before.refundedMinor ?? 0;
  if (total <= previous) return false;
  // Refunded in full before delivery: the "we couldn't deliver" email covers it.
  if (!before.deliveredAt && total >= before.amountMinor) return false;
  const inserted = await tx
    .insert(refundNotices)
    .values({
      key: `${charge.id}/${total}`,
      orderId: before.id,
      refundMinor: total - previous,
      totalRefundedMinor: total,
      currency: before.currency,
    })
    .onConflictDoNothing()
    .returning({ key: refundNotices.key });
  return inserted.length > 0;
}

export async function sendOwedRefundNotices(db: Db, orderId: string): Promise<number> {
  const owed = await db
    .select()
    .from(refundNotices)
    .where(and(eq(refundNotices.orderId, orderId), isNull(refundNotices.sentAt)))
    .orderBy(asc(refundNotices.totalRefundedMinor));
  if (owed.length === 0) return 0;
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order?.email) return 0;
  for (const notice of owed) {
    // Resend answers a repeated key with the first email: a retry after a crash mid-send mails once.
    const sent = await sendRefundNoticeEmail(
      {
        to: order.email,
        orderId: order.id,
        // A fresh private link here would break the one in the delivery email.
        orderUrl: `${env().appUrl}/account`,
        bundleTitle: bundleTitleIn(order.bundleSnapshot, localeOr(order.locale)),
        refundMinor: notice.refundMinor,
        totalRefundedMinor: notice.totalRefundedMinor,
        amountMinor: order.amountMinor,
        currency: notice.currency,
        delivered: Boolean(order.deliveredAt),
        locale: localeOr(order.locale),
      },
      `refund-notice/${notice.key}`,
    );
    await db
      .update(refundNotices)
      .set({ sentAt: new Date(), emailId: sent.id })
      .where(eq(refundNotices.key, notice.key));
    await recordStep(db, order.id, "refund_notice.sent", { emailId: sent.id, amountMinor: notice.refundMinor });
  }
  return owed.length;
}

import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { orderEvents, orders, type Order } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { lockOrder, recordStep } from "@/lib/orders/lifecycle";
import { orderAccessUrl } from "@/lib/orders/ids";
import { sendAdminAlert, sendRefundEmail } from "@/lib/delivery/email";
import { shopLink } from "@/lib/delivery/templates/i18n";
import { localeOr } from "@/lib/i18n/locales";
import { accessTokenFor } from "./deliver";
import { closeQueued, enqueue } from "@/lib/jobs/queue";
import type { Run } from "./run";
import { log } from "@/lib/observability/logger";
import { bundleTitleIn, type TitledBundle } from "@/lib/catalogue/localized-title";

export async function notifyRefund(run: Run, order: Order): Promise<void> {
  const { db } = run.deps;
  if (order.refundEmailSentAt || order.deliveredAt || !order.email) return;
  const { appUrl } = env();
  const locale = localeOr(order.locale);
  const token = await accessTokenFor(db, order);
  const sent = await sendRefundEmail(
    {
      to: order.email,
      orderId: order.id,
      orderUrl: orderAccessUrl(order.id, token, locale),
      bundleTitle: bundleTitleIn(order.bundleSnapshot, locale),
      amountMinor: order.refundedMinor ?? order.amountMinor,
      currency: order.currency,
      reason: order.failureReason ?? "",
      alternatives: (await alternativesFor(order.bundleName)).map((b) => ({
        title: bundleTitleIn(b, locale),
        url: shopLink(appUrl, locale, `/bundles/${encodeURIComponent(b.name)}`),
        priceMinor: b.priceMinor,
        currency: b.currency,
      })),
      locale,
    },
    `refund-email/${order.id}`,
  );
  await db
    .update(orders)
    .set({ refundEmailSentAt: new Date(), accessTokenSealed: null })
    .where(eq(orders.id, order.id));
  await recordStep(db, order.id, "refund_email.sent", { emailId: sent.id });
}

/** A refund email goes out even if this lookup fails. */
async function alternativesFor(
  bundleName: string,
): Promise<(TitledBundle & { name: string; priceMinor: number; currency: string })[]> {
  try {
    const { alternativeBundles } = await import("@/lib/catalogue/bundle-queries");
    return await alternativeBundles(bundleName, 3);
  } catch (err) {
    log.warn({ err }, `alternatives for ${bundleName} unavailable`);
    return [];
  }
}

// Alerts are owed in one transaction with their job, then sent: a crash cannot lose one.
const OWED = "admin_alert.owed";
const SENT = "admin_alert";

export async function raiseAlert(db: Db, order: Order, reason: string, message = ""): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrder(tx, order.id);
    const [owed] = await alertEvents(tx, order.id, OWED, reason);
    if (owed) return;
    await recordStep(tx, order.id, OWED, { reason, message, owner: "admins" }, "note");
    await enqueue(tx, "admin_alert", order.id);
  });
  try {
    await deliverOwedAlerts(db, order.id);
    await closeQueued(db, "admin_alert", order.id);
  } catch (err) {
    log.error({ err }, `admin alert for ${order.id} (${reason}) not sent yet; its job retries`);
  }
}

export async function deliverOwedAlerts(db: Db, orderId: string): Promise<void> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return;
  const owed = await alertEvents(db, orderId, OWED);
  const sent = new Set((await alertEvents(db, orderId, SENT)).map((e) => reasonOf(e.detail)));
  let failure: { error: unknown } | undefined;
  for (const event of owed) {
    const reason = reasonOf(event.detail);
    if (sent.has(reason)) continue;
    const message = String((event.detail as { message?: unknown } | null)?.message ?? "");
    try {
      const mail = await sendAdminAlert(
        { subject: `[Tern] Order ${order.id} needs attention: ${reason}`, text: alertText(order, reason, message) },
        `admin-alert/${order.id}/${reason}`,
      );
      await recordStep(db, order.id, SENT, { reason, emailId: mail?.id ?? null, sent: Boolean(mail) });
      sent.add(reason);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

function alertText(order: Order, reason: string, message: string): string {
  return [
    `Order ${order.id} needs attention: ${reason}.`,
    message,
    `Bundle: ${order.bundleName} (${order.bundleSnapshot.title}); paid ${order.amountMinor} ${order.currency}.`,
    `Open it: ${env().appUrl}/admin/orders/${encodeURIComponent(order.id)}`,
  ].join("\n");
}

function alertEvents(db: Db | Tx, orderId: string, step: string, reason?: string) {
  return db
    .select({ id: orderEvents.id, detail: orderEvents.detail })
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.orderId, orderId),
        eq(orderEvents.step, step),
        reason === undefined ? undefined : sql`${orderEvents.detail}->>'reason' = ${reason}`,
      ),
    )
    .orderBy(orderEvents.id);
}

const reasonOf = (detail: unknown) => String((detail as { reason?: unknown } | null)?.reason ?? "unknown");

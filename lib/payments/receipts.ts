// The card's brand and last four are kept with the receipt, so the page never waits on Stripe.
import { createHmac } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { orders, receipts, type Order } from "@/lib/db/schema";
import { sendReceiptEmail } from "@/lib/delivery/email";
import { env } from "@/lib/env";
import { PAID_STATUSES, recordStep, type OrderStatus } from "@/lib/orders/lifecycle";
import { isOrderId, safeEqual } from "@/lib/orders/ids";
import { viewerOf, type OrderAccess } from "@/lib/orders/queries";
import { shopIdentity, type ShopIdentity } from "@/lib/shop/identity";
import { stripe } from "./stripe";
import { defaultLocale, localeOr, type Locale } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";
import { bundleTitleIn } from "@/lib/catalogue/localized-title";

export interface PaymentCard {
  brand: string | null;
  last4: string;
}

export async function paymentCard(paymentIntentId: string): Promise<PaymentCard | null> {
  const pi = await stripe().paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] });
  const charge = pi.latest_charge as Stripe.Charge | string | null;
  const card = typeof charge === "object" && charge ? charge.payment_method_details?.card : null;
  return card?.last4 ? { brand: card.brand ?? null, last4: card.last4 } : null;
}

/** Opens the receipt only, and only while the order keeps its customer's email. */
export function receiptSignature(orderId: string): string {
  return createHmac("sha256", env().sessionSecret).update(`tern-receipt.v1.${orderId}`).digest("base64url");
}

export function receiptUrl(orderId: string, locale: Locale = defaultLocale): string {
  const path = `/orders/${encodeURIComponent(orderId)}/receipt?r=${receiptSignature(orderId)}`;
  return `${env().appUrl}${localizedPath(locale, path)}`;
}

const isPaid = (order: Pick<Order, "status" | "paidAt">) =>
  Boolean(order.paidAt) && PAID_STATUSES.includes(order.status as OrderStatus);

async function cardFor(db: Db, order: Order): Promise<PaymentCard | null> {
  const [row] = await db.select().from(receipts).where(eq(receipts.orderId, order.id));
  if (row?.cardLast4) return { brand: row.cardBrand, last4: row.cardLast4 };
  const card = order.stripePaymentIntentId ? await paymentCard(order.stripePaymentIntentId) : null;
  await db
    .insert(receipts)
    .values({ orderId: order.id, cardBrand: card?.brand ?? null, cardLast4: card?.last4 ?? null })
    .onConflictDoUpdate({
      target: receipts.orderId,
      set: {
        cardBrand: sql`coalesce(${receipts.cardBrand}, excluded.card_brand)`,
        cardLast4: sql`coalesce(${receipts.cardLast4}, excluded.card_last4)`,
      },
    });
  return card;
}

/** Safe on every run of the order's job: a sent receipt is not sent again. */
export async function sendReceipt(db: Db, orderId: string): Promise<"sent" | "already_sent" | "not_owed"> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  // Resellers' orders are paid from their ledger, which is their statement.
  if (!order || order.partnerId || !order.email || !isPaid(order)) return "not_owed";
  const [existing] = await db.select().from(receipts).where(eq(receipts.orderId, orderId));
  if (existing?.emailedAt) return "already_sent";
  const card = await cardFor(db, order);
  const sent = await sendReceiptEmail(
    {
      to: order.email,
      orderId: order.id,
      paidAt: order.paidAt!,
      bundleTitle: bundleTitleIn(order.bundleSnapshot, localeOr(order.locale)),
      description: order.bundleSnapshot.description,
      amountMinor: order.amountMinor,
      currency: order.currency,
      card,
      refundedMinor: null,
      receiptUrl: receiptUrl(order.id, localeOr(order.locale)),
      locale: localeOr(order.locale),
    },
    `receipt/${order.id}`,
  );
  await db.update(receipts).set({ emailedAt: new Date(), emailId: sent.id }).where(eq(receipts.orderId, orderId));
  await recordStep(db, order.id, "receipt.sent", { emailId: sent.id });
  return "sent";
}

export interface ReceiptView {
  orderId: string;
  status: string;
  paidAt: string;
  bundleTitle: string;
  description: string;
  amountMinor: number;
  currency: string;
  card: PaymentCard | null;
  refund: { amountMinor: number; at: string } | null;
  customerEmail: string | null;
  locale: Locale;
  shop: ShopIdentity;
}

export interface ReceiptAccess extends OrderAccess {
  signature?: string;
}

/** Anyone else gets null, exactly like an order that does not exist. */
export async function getReceiptView(orderId: string, access: ReceiptAccess): Promise<ReceiptView | null> {
  if (!isOrderId(orderId)) return null;
  const db = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order || !isPaid(order) || order.partnerId) return null;
  const via = viewerOf(order, access);
  const signed = Boolean(access.signature && order.email && safeEqual(access.signature, receiptSignature(order.id)));
  // A session id alone shows progress, never the customer's details.
  if (!signed && (via === null || via === "session")) return null;
  const card = await cardFor(db, order).catch(() => null);
  return {
    orderId: order.id,
    status: order.status,
    paidAt: order.paidAt!.toISOString(),
    bundleTitle: bundleTitleIn(order.bundleSnapshot, localeOr(order.locale)),
    description: order.bundleSnapshot.description,
    amountMinor: order.amountMinor,
    currency: order.currency,
    card,
    refund:
      order.refundedMinor && order.refundedAt
        ? { amountMinor: order.refundedMinor, at: order.refundedAt.toISOString() }
        : null,
    customerEmail: order.email,
    locale: localeOr(order.locale),
    shop: shopIdentity(),
  };
}

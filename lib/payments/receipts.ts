// The card's brand and last four are kept with the receipt, so the page never waits on Stripe.
import { createHmac } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { getDb, type Db, type Tx } from "@/lib/db";
import { orders, receipts, type Order, type Receipt } from "@/lib/db/schema";
import { sendReceiptEmail } from "@/lib/delivery/email";
import { env } from "@/lib/env";
import { PAID_STATUSES, writeWithStep, type OrderStatus } from "@/lib/orders/lifecycle";
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

// Safe on every run: a sent receipt is not sent again, a retried send reuses Resend's idempotency key.
export async function sendReceipt(
  db: Db,
  orderOrId: Order | string,
  known?: Receipt | null,
): Promise<"sent" | "already_sent" | "not_owed"> {
  const order =
    typeof orderOrId === "string" ? (await db.select().from(orders).where(eq(orders.id, orderOrId)))[0] : orderOrId;
  if (!order) return "not_owed";
  const receipt = await emailReceipt(db, order, known);
  await receipt.record?.(db);
  return receipt.status;
}

export interface EmailedReceipt {
  status: "sent" | "already_sent" | "not_owed";
  /** Marks it sent, with its timeline step; until then a re-run sends it again under the same idempotency key. */
  record?: (db: Db | Tx) => Promise<void>;
}

/** Sends the receipt if owed; the caller records it, in its own transaction if it likes. */
export async function emailReceipt(db: Db, order: Order, known?: Receipt | null): Promise<EmailedReceipt> {
  if (order.partnerId || !order.email || !isPaid(order)) return { status: "not_owed" };
  const orderId = order.id;
  const existing =
    known !== undefined ? known : (await db.select().from(receipts).where(eq(receipts.orderId, orderId)))[0];
  if (existing?.emailedAt) return { status: "already_sent" };
  const card: PaymentCard | null = existing?.cardLast4
    ? { brand: existing.cardBrand, last4: existing.cardLast4 }
    : order.stripePaymentIntentId
      ? await paymentCard(order.stripePaymentIntentId)
      : null;
  const sent = await sendReceiptEmail(
    {
      to: order.email,
      orderId,
      paidAt: order.paidAt!,
      bundleTitle: bundleTitleIn(order.bundleSnapshot, localeOr(order.locale)),
      description: order.bundleSnapshot.description,
      amountMinor: order.amountMinor,
      currency: order.currency,
      card,
      refundedMinor: null,
      receiptUrl: receiptUrl(orderId, localeOr(order.locale)),
      locale: localeOr(order.locale),
    },
    `receipt/${orderId}`,
  );
  const emailedAt = new Date();
  // One statement with its timeline step: a crash before it re-sends under the same idempotency key.
  const record = async (tx: Db | Tx) => {
    const write = tx
      .insert(receipts)
      .values({
        orderId,
        cardBrand: card?.brand ?? null,
        cardLast4: card?.last4 ?? null,
        emailedAt,
        emailId: sent.id,
      })
      .onConflictDoUpdate({
        target: receipts.orderId,
        set: {
          cardBrand: sql`coalesce(${receipts.cardBrand}, excluded.card_brand)`,
          cardLast4: sql`coalesce(${receipts.cardLast4}, excluded.card_last4)`,
          emailedAt: sql`excluded.emailed_at`,
          emailId: sql`excluded.email_id`,
        },
      })
      .returning({ orderId: receipts.orderId });
    await writeWithStep(tx, write, orderId, "receipt.sent", { emailId: sent.id });
  };
  return { status: "sent", record };
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

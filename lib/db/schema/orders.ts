import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { bundles } from "./catalogue";

export const customers = pgTable(
  "customers",
  {
    id: text("id").primaryKey(),
    /** Always lower-cased, so the unique index is case-insensitive in effect. */
    email: text("email").notNull(),
    clerkUserId: text("clerk_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("customers_email_key").on(t.email), uniqueIndex("customers_clerk_user_id_key").on(t.clerkUserId)],
);
export type Customer = typeof customers.$inferSelect;

export interface BundleSnapshot {
  name: string;
  title: string;
  description: string;
  provider: string;
  scope: string;
  countries: string[];
  dataMb: number | null;
  unlimited: boolean;
  durationDays: number;
  speeds: string[];
  priceMinor: number;
  currency: string;
  basePriceMinor?: number;
  baseCurrency?: string;
  wholesaleMinor: number;
  wholesaleCurrency: string;
}

export const orders = pgTable(
  "orders",
  {
    id: text("id").primaryKey(),
    status: text("status").notNull(),
    customerId: text("customer_id").references(() => customers.id),
    email: text("email"),
    kind: text("kind").notNull().default("new"),
    topupIccid: text("topup_iccid"),
    provider: text("provider").notNull(),
    bundleName: text("bundle_name")
      .notNull()
      .references(() => bundles.name),
    bundleSnapshot: jsonb("bundle_snapshot").$type<BundleSnapshot>().notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    wholesaleMinor: integer("wholesale_minor"),
    wholesaleCurrency: text("wholesale_currency"),
    stripeCheckoutSessionId: text("stripe_checkout_session_id").unique(),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    // The order-page token: only its SHA-256 is kept, plus a sealed copy until the email carrying it is sent.
    accessTokenHash: text("access_token_hash").notNull(),
    accessTokenSealed: text("access_token_sealed"),
    checkoutBrowserHash: text("checkout_browser_hash"),
    failureReason: text("failure_reason"),
    attentionReason: text("attention_reason"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    emailSentAt: timestamp("email_sent_at", { withTimezone: true }),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    refundId: text("refund_id"),
    refundedMinor: integer("refunded_minor"),
    refundEmailSentAt: timestamp("refund_email_sent_at", { withTimezone: true }),
    partnerId: text("partner_id"),
    partnerReference: text("partner_reference"),
    locale: text("locale").notNull().default("en"),
    ...timestamps(),
  },
  (t) => [
    index("orders_reuse_idx").on(t.checkoutBrowserHash, t.bundleName, t.createdAt),
    index("orders_status_idx").on(t.status),
    index("orders_customer_idx").on(t.customerId),
    index("orders_payment_intent_idx").on(t.stripePaymentIntentId),
    uniqueIndex("orders_partner_reference_key").on(t.partnerId, t.partnerReference),
  ],
);
export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;

export const orderEvents = pgTable(
  "order_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    type: text("type").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    step: text("step"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.id)],
);
export type OrderEvent = typeof orderEvents.$inferSelect;

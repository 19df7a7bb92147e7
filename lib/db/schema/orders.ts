// Buyers and their orders, with each order's timeline.
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { bundles } from "./catalogue";

/** A buyer; guests get a row keyed by their email. */
export const customers = pgTable(
  "customers",
  {
    id: text("id").primaryKey(),
    /** Always stored lower-cased, so the unique index is case-insensitive in effect. */
    email: text("email").notNull(),
    clerkUserId: text("clerk_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("customers_email_key").on(t.email), uniqueIndex("customers_clerk_user_id_key").on(t.clerkUserId)],
);
export type Customer = typeof customers.$inferSelect;

/** What the customer was sold, frozen at checkout: the catalogue row may change or go inactive later. */
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
  /** The list price in the currency charged (the buyer's pick). */
  priceMinor: number;
  currency: string;
  /** The base-currency price it was computed from, when the buyer paid in another currency. */
  basePriceMinor?: number;
  baseCurrency?: string;
  wholesaleMinor: number;
  wholesaleCurrency: string;
}

/** One purchase of one bundle. Its `status` only moves along the transitions in lib/orders/lifecycle.ts. */
export const orders = pgTable(
  "orders",
  {
    id: text("id").primaryKey(),
    status: text("status").notNull(),
    customerId: text("customer_id").references(() => customers.id),
    /** Unknown for a guest until Stripe's checkout form collects it. Lower-cased. */
    email: text("email"),
    /** "new" (a new eSIM) or "topup" (a bundle added to `topupIccid`). */
    kind: text("kind").notNull().default("new"),
    topupIccid: text("topup_iccid"),
    provider: text("provider").notNull(),
    bundleName: text("bundle_name")
      .notNull()
      .references(() => bundles.name),
    bundleSnapshot: jsonb("bundle_snapshot").$type<BundleSnapshot>().notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    /** The provider's price when the order was validated at checkout. */
    wholesaleMinor: integer("wholesale_minor"),
    wholesaleCurrency: text("wholesale_currency"),
    stripeCheckoutSessionId: text("stripe_checkout_session_id").unique(),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    /** SHA-256 (hex) of the private order-page token; the raw token is never stored in the clear. */
    accessTokenHash: text("access_token_hash").notNull(),
    /** The raw token sealed with SESSION_SECRET (AES-256-GCM) until the email carrying it is sent, then null. */
    accessTokenSealed: text("access_token_sealed"),
    /** SHA-256 (hex) of the checkout cookie of the browser that started this checkout (guest reuse, success page). */
    checkoutBrowserHash: text("checkout_browser_hash"),
    /** Why the order failed (shown to the customer in plain words). */
    failureReason: text("failure_reason"),
    /** Why the order waits for an admin: amount_mismatch, insufficient_balance, ambiguous_purchase, … */
    attentionReason: text("attention_reason"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    emailSentAt: timestamp("email_sent_at", { withTimezone: true }),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    refundId: text("refund_id"),
    refundedMinor: integer("refunded_minor"),
    refundEmailSentAt: timestamp("refund_email_sent_at", { withTimezone: true }),
    /** A reseller's order (lib/partners): paid from the partner's ledger, never through Stripe. */
    partnerId: text("partner_id"),
    /** The partner's own reference for the order, unique per partner. */
    partnerReference: text("partner_reference"),
    /** The shop language the order was placed in (lib/i18n/locales.ts): its emails, receipt and Stripe's page use it. */
    locale: text("locale").notNull().default("en"),
    ...timestamps(),
  },
  (t) => [
    // The "same buyer, same bundle within 5 minutes gets the open session back" lookup.
    index("orders_reuse_idx").on(t.checkoutBrowserHash, t.bundleName, t.createdAt),
    index("orders_status_idx").on(t.status),
    index("orders_customer_idx").on(t.customerId),
    index("orders_payment_intent_idx").on(t.stripePaymentIntentId),
    uniqueIndex("orders_partner_reference_key").on(t.partnerId, t.partnerReference),
  ],
);
export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;

/** The order's timeline: every transition and fulfilment step, with what happened. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    /** "transition" | "step" | "note" | "error". */
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

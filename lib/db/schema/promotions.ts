// Promotion codes, referral codes and the discounts taken on orders. A discount's use is never a counter to
// keep in step: whether it still counts follows from its order's status (an expired or failed checkout frees
// it by itself), and the code's row lock serialises everyone racing for its last use.
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { customers, orders } from "./orders";

/** Minor units per ISO currency: `{ "USD": 500 }`. One entry per currency the shop sells in. */
export type AmountsByCurrency = Record<string, number>;

export const promotions = pgTable(
  "promotions",
  {
    id: text("id").primaryKey(),
    /** Upper case, letters, digits and dashes: what the buyer types. Unique among all codes. */
    code: text("code").notNull().unique(),
    /** "admin" (made in /admin/promotions) or "referral" (one per customer, made on first view). */
    source: text("source").notNull().default("admin"),
    /** "percent" or "fixed". */
    kind: text("kind").notNull(),
    percentOff: integer("percent_off"),
    /** A fixed code's amount in each currency it may be used in; a currency not listed cannot use it. */
    amountsOff: jsonb("amounts_off").$type<AmountsByCurrency>(),
    /** The smallest order (list price) the code applies to, per currency. */
    minimumAmounts: jsonb("minimum_amounts").$type<AmountsByCurrency>(),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    /** Total uses across everyone; null: no limit. */
    maxRedemptions: integer("max_redemptions"),
    /** Uses per customer (signed-in account, else email); null: no limit. */
    maxPerCustomer: integer("max_per_customer"),
    /** ISO country codes; null: every destination. A plan qualifies when every country it covers is listed. */
    countries: text("countries").array(),
    /** Only a buyer's first paid order (referral codes). */
    firstOrderOnly: boolean("first_order_only").notNull().default(false),
    referrerCustomerId: text("referrer_customer_id").references(() => customers.id),
    active: boolean("active").notNull().default(true),
    description: text("description"),
    createdBy: text("created_by"),
    ...timestamps(),
  },
  (t) => [index("promotions_referrer_idx").on(t.referrerCustomerId)],
);
export type Promotion = typeof promotions.$inferSelect;
export type NewPromotion = typeof promotions.$inferInsert;

/**
 * What an order was discounted by, written in the transaction that creates the order. The order's own
 * `amount_minor` is what the buyer pays (list price minus both parts), so the webhook's amount check and a
 * full refund cover exactly the money taken.
 */
export const orderDiscounts = pgTable(
  "order_discounts",
  {
    orderId: text("order_id")
      .primaryKey()
      .references(() => orders.id),
    promotionId: text("promotion_id").references(() => promotions.id),
    /** Who used it, for per-customer limits: `customer:<id>` or `email:<address>`. */
    customerKey: text("customer_key"),
    listMinor: integer("list_minor").notNull(),
    /** The code's part. */
    discountMinor: integer("discount_minor").notNull().default(0),
    /** The buyer's referral credit spent on this order. */
    creditMinor: integer("credit_minor").notNull().default(0),
    currency: text("currency").notNull(),
    /** The one-off Stripe coupon carrying the total discount to Checkout. */
    stripeCouponId: text("stripe_coupon_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("order_discounts_promotion_idx").on(t.promotionId, t.customerKey),
    index("order_discounts_customer_idx").on(t.customerKey),
  ],
);
export type OrderDiscount = typeof orderDiscounts.$inferSelect;

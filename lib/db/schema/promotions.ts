// A code's use is no counter: it counts while its order does, and the code's row lock serialises its last use.
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { customers, orders } from "./orders";

export type AmountsByCurrency = Record<string, number>;

export const promotions = pgTable(
  "promotions",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull().unique(),
    source: text("source").notNull().default("admin"),
    kind: text("kind").notNull(),
    percentOff: integer("percent_off"),
    amountsOff: jsonb("amounts_off").$type<AmountsByCurrency>(),
    minimumAmounts: jsonb("minimum_amounts").$type<AmountsByCurrency>(),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    maxRedemptions: integer("max_redemptions"),
    maxPerCustomer: integer("max_per_customer"),
    countries: text("countries").array(),
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

/** `orders.amount_minor` is list less discount and credit: the amount check and a full refund match the money taken. */
export const orderDiscounts = pgTable(
  "order_discounts",
  {
    orderId: text("order_id")
      .primaryKey()
      .references(() => orders.id),
    promotionId: text("promotion_id").references(() => promotions.id),
    customerKey: text("customer_key"),
    listMinor: integer("list_minor").notNull(),
    discountMinor: integer("discount_minor").notNull().default(0),
    creditMinor: integer("credit_minor").notNull().default(0),
    currency: text("currency").notNull(),
    stripeCouponId: text("stripe_coupon_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("order_discounts_promotion_idx").on(t.promotionId, t.customerKey),
    index("order_discounts_customer_idx").on(t.customerKey),
  ],
);
export type OrderDiscount = typeof orderDiscounts.$inferSelect;

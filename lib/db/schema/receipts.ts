import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { orders } from "./orders";

export const receipts = pgTable("receipts", {
  orderId: text("order_id")
    .primaryKey()
    .references(() => orders.id),
  cardBrand: text("card_brand"),
  cardLast4: text("card_last4"),
  emailId: text("email_id"),
  emailedAt: timestamp("emailed_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type Receipt = typeof receipts.$inferSelect;

/** Keyed by charge and cumulative refunded amount: a refund's events, however many, owe one email. */
export const refundNotices = pgTable(
  "refund_notices",
  {
    key: text("key").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    refundMinor: integer("refund_minor").notNull(),
    totalRefundedMinor: integer("total_refunded_minor").notNull(),
    currency: text("currency").notNull(),
    emailId: text("email_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("refund_notices_order_idx").on(t.orderId)],
);
export type RefundNotice = typeof refundNotices.$inferSelect;

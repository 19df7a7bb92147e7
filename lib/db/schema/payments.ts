import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** The insert is the de-duplication: it commits with the handler's work. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  created: timestamp("created", { withTimezone: true }).notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  processedAt: timestamp("processed_at", { withTimezone: true }),
  orderId: text("order_id"),
});

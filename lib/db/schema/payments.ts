// Stripe events, recorded once.
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Stripe events already processed. The insert is the de-duplication: it commits with the handler's work. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  /** Stripe's `created` (when the event happened), not when it reached us. */
  created: timestamp("created", { withTimezone: true }).notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  processedAt: timestamp("processed_at", { withTimezone: true }),
  orderId: text("order_id"),
});

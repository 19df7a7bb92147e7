import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { orders } from "./orders";

/** Every link sent keeps working until it expires or is revoked; only its token's SHA-256 is kept. */
export const orderLinks = pgTable(
  "order_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("order_links_order_idx").on(t.orderId)],
);
export type OrderLink = typeof orderLinks.$inferSelect;

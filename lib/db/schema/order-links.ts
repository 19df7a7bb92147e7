// Private order links beyond the first: every link a customer was sent keeps working until it expires or is
// revoked, so a resent email never breaks the link in the first one.
import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { orders } from "./orders";

/** One emailed order link. Only the SHA-256 of its token is kept, like `orders.access_token_hash`. */
export const orderLinks = pgTable(
  "order_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    /** Why it was issued: "checkout" (the first link, moved here when revoked), "resend", "reissue". */
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("order_links_order_idx").on(t.orderId)],
);
export type OrderLink = typeof orderLinks.$inferSelect;

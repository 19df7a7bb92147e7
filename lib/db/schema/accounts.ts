import { bigserial, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { customers } from "./orders";
import { esims } from "./fulfilment";

/** Only the SHA-256 of the token is stored; `used_at` makes each link single-use. */
export const loginTokens = pgTable(
  "login_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    next: text("next"),
    requestIp: text("request_ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("login_tokens_email_idx").on(t.email, t.createdAt)],
);
export type LoginToken = typeof loginTokens.$inferSelect;

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_customer_idx").on(t.customerId)],
);
export type Session = typeof sessions.$inferSelect;

export const activationViews = pgTable(
  "activation_views",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    iccid: text("iccid")
      .notNull()
      .references(() => esims.iccid),
    viewerCustomerId: text("viewer_customer_id").references(() => customers.id),
    viewerRole: text("viewer_role").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    viewedAt: timestamp("viewed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("activation_views_iccid_idx").on(t.iccid, t.viewedAt)],
);
export type ActivationView = typeof activationViews.$inferSelect;

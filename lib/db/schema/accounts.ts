// Sign-in links, sessions and the activation-details access log.
import { bigserial, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { customers } from "./orders";
import { esims } from "./fulfilment";

/** Emailed sign-in links. Only the SHA-256 of the token is stored; `used_at` makes each link single-use. */
export const loginTokens = pgTable(
  "login_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    /** Lower-cased. */
    email: text("email").notNull(),
    /** Same-origin path to land on after sign-in. */
    next: text("next"),
    requestIp: text("request_ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("login_tokens_email_idx").on(t.email, t.createdAt)],
);
export type LoginToken = typeof loginTokens.$inferSelect;

/** Email-link sessions. The cookie names one; sign-out revokes it, so a copied cookie dies with it. */
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

/** Every time someone was shown an eSIM's activation details (QR, codes): who, when, from where. */
export const activationViews = pgTable(
  "activation_views",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    iccid: text("iccid")
      .notNull()
      .references(() => esims.iccid),
    /** The signed-in viewer (owner or admin); null for a holder of the private order link. */
    viewerCustomerId: text("viewer_customer_id").references(() => customers.id),
    /** "owner" | "admin" | "order-link". */
    viewerRole: text("viewer_role").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    viewedAt: timestamp("viewed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("activation_views_iccid_idx").on(t.iccid, t.viewedAt)],
);
export type ActivationView = typeof activationViews.$inferSelect;

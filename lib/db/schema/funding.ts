// Card numbers and CVCs are never stored, only the card id, last4 and expiry.
import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

export const walletDemands = pgTable(
  "wallet_demands",
  {
    provider: text("provider").notNull(),
    orderId: text("order_id").notNull(),
    neededMinor: integer("needed_minor").notNull(),
    currency: text("currency").notNull(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.orderId] })],
);
export type WalletDemand = typeof walletDemands.$inferSelect;

export const issuingCardholders = pgTable("issuing_cardholders", {
  key: text("key").primaryKey(),
  cardholderId: text("cardholder_id").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One `open` row per provider (the unique index is the lock); `leaseUntil` lets a worker take over a dead one's. */
export const walletTopups = pgTable(
  "wallet_topups",
  {
    /** Also the idempotency key at the provider and in Stripe. */
    id: text("id").primaryKey(),
    provider: text("provider").notNull(),
    status: text("status").notNull().default("open"),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    purpose: text("purpose").notNull(),
    orderIds: text("order_ids").array().notNull(),
    cardholderId: text("cardholder_id"),
    cardId: text("card_id"),
    cardLast4: text("card_last4"),
    cardExpMonth: integer("card_exp_month"),
    cardExpYear: integer("card_exp_year"),
    authorizationId: text("authorization_id"),
    cardCanceledAt: timestamp("card_canceled_at", { withTimezone: true }),
    leaseUntil: timestamp("lease_until", { withTimezone: true }).notNull(),
    error: text("error"),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("wallet_topups_one_open")
      .on(t.provider)
      .where(sql`status = 'open'`),
    uniqueIndex("wallet_topups_card_key")
      .on(t.cardId)
      .where(sql`card_id is not null`),
    index("wallet_topups_provider_idx").on(t.provider, t.createdAt),
  ],
);
export type WalletTopup = typeof walletTopups.$inferSelect;

export const fundingAlerts = pgTable(
  "funding_alerts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    provider: text("provider"),
    amountMinor: integer("amount_minor"),
    currency: text("currency"),
    message: text("message").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open alert per provider and kind: twenty waiting orders send one email, not twenty.
    uniqueIndex("funding_alerts_one_open")
      .on(t.provider, t.kind)
      .where(sql`kind in ('low_balance', 'topup_failed') and resolved_at is null`),
  ],
);
export type FundingAlert = typeof fundingAlerts.$inferSelect;

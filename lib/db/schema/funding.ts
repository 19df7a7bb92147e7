// Wallet funding for prepaid providers (Zendit): what waiting orders need, the top-ups made with Stripe
// Issuing virtual cards, and alerts for admins. Card numbers and CVCs are never stored — only the card id,
// last4 and expiry.
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

/** An order waiting for the wallet to cover its purchase. Top-ups are sized to all of these. */
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

/** The business cardholder the wallet cards are issued to, created once. */
export const issuingCardholders = pgTable("issuing_cardholders", {
  key: text("key").primaryKey(),
  cardholderId: text("cardholder_id").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One wallet top-up: claimed as an `open` row (one per provider at a time — the unique index is the lock),
 * then a single-use card, the charge at the provider, the card canceled. `leaseUntil` lets another worker
 * take over a top-up whose worker died.
 */
export const walletTopups = pgTable(
  "wallet_topups",
  {
    /** Also the top-up's idempotency key at the provider and in Stripe. */
    id: text("id").primaryKey(),
    provider: text("provider").notNull(),
    /** "open" | "succeeded" | "failed". */
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
    /** The one Issuing authorization approved for this top-up; any other is declined. */
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

/** Something an admin must hear about: a low wallet in manual mode, a declined foreign authorization. */
export const fundingAlerts = pgTable(
  "funding_alerts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** "low_balance" | "authorization_declined" | "topup_failed". */
    kind: text("kind").notNull(),
    provider: text("provider"),
    amountMinor: integer("amount_minor"),
    currency: text("currency"),
    message: text("message").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    /** Set once the admin email went out. */
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** Set when the condition cleared (the balance is back): a later shortfall alerts again. */
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open low-balance or declined-top-up alert per provider: twenty waiting orders, or a card declined
    // on every retry through an outage, send one email, not twenty.
    uniqueIndex("funding_alerts_one_open")
      .on(t.provider, t.kind)
      .where(sql`kind in ('low_balance', 'topup_failed') and resolved_at is null`),
  ],
);
export type FundingAlert = typeof fundingAlerts.$inferSelect;

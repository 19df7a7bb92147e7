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
import { orders } from "./orders";

export const PARTNER_STATUSES = ["pending", "approved", "suspended"] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];
export type PartnerBilling = "prepaid" | "postpaid";
export type PricingKind = "discount" | "markup";

export const partners = pgTable("partners", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  status: text("status").$type<PartnerStatus>().notNull().default("pending"),
  billing: text("billing").$type<PartnerBilling>().notNull().default("prepaid"),
  currency: text("currency").notNull().default("USD"),
  creditLimitMinor: integer("credit_limit_minor").notNull().default(0),
  pricingKind: text("pricing_kind").$type<PricingKind>().notNull().default("discount"),
  pricingBps: integer("pricing_bps").notNull().default(0),
  lowBalanceMinor: integer("low_balance_minor").notNull().default(0),
  ...timestamps(),
});
export type Partner = typeof partners.$inferSelect;

export const partnerUsers = pgTable(
  "partner_users",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    email: text("email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.email] }), uniqueIndex("partner_users_email_key").on(t.email)],
);

export const API_SCOPES = ["catalogue:read", "orders:write", "orders:read", "ledger:read", "topups:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Shown once; only the SHA-256 of the key is kept. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    scopes: text("scopes").array().$type<ApiScope[]>().notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("api_keys_hash_key").on(t.hash), index("api_keys_partner_idx").on(t.partnerId)],
);
export type ApiKey = typeof apiKeys.$inferSelect;

export const ledgerAccounts = pgTable("ledger_accounts", {
  id: text("id").primaryKey(),
  partnerId: text("partner_id").references(() => partners.id),
  kind: text("kind").notNull(),
  currency: text("currency").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** `reference` is unique: posting the same money event twice is impossible. */
export const ledgerTransactions = pgTable(
  "ledger_transactions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    kind: text("kind").notNull(),
    reference: text("reference").notNull(),
    orderId: text("order_id").references(() => orders.id),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    memo: text("memo"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("ledger_transactions_reference_key").on(t.reference),
    index("ledger_transactions_partner_idx").on(t.partnerId, t.createdAt),
    index("ledger_transactions_payment_intent_idx").on(t.stripePaymentIntentId),
  ],
);
export type LedgerTransaction = typeof ledgerTransactions.$inferSelect;

/** Signed amounts: one transaction's entries sum to zero, so an account's balance is the sum of its entries. */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    transactionId: integer("transaction_id")
      .notNull()
      .references(() => ledgerTransactions.id),
    accountId: text("account_id")
      .notNull()
      .references(() => ledgerAccounts.id),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ledger_entries_account_idx").on(t.accountId, t.id),
    index("ledger_entries_transaction_idx").on(t.transactionId),
  ],
);
export type LedgerEntry = typeof ledgerEntries.$inferSelect;

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: text("status").notNull().default("running"),
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    /** Random per claim: only the request holding it may complete or release the key. */
    lockToken: text("lock_token").notNull(),
    lockedAt: timestamp("locked_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

export const WEBHOOK_EVENT_TYPES = ["order.delivered", "order.failed", "order.refunded", "balance.low"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    url: text("url").notNull(),
    /** Sealed, not hashed: it must be read back to sign. */
    secretSealed: text("secret_sealed").notNull(),
    events: text("events").array().$type<WebhookEventType[]>().notNull(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    disabledReason: text("disabled_reason").$type<"partner" | "failing">(),
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_partner_idx").on(t.partnerId)],
);
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    type: text("type").$type<WebhookEventType | "test">().notNull(),
    orderId: text("order_id").references(() => orders.id),
    dedupeKey: text("dedupe_key").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("webhook_events_dedupe_key").on(t.dedupeKey), index("webhook_events_order_idx").on(t.orderId)],
);
export type WebhookEvent = typeof webhookEvents.$inferSelect;

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: text("event_id")
      .notNull()
      .references(() => webhookEvents.id),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    index("webhook_deliveries_event_idx").on(t.eventId),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
    uniqueIndex("webhook_deliveries_one_open")
      .on(t.eventId, t.endpointId)
      .where(sql`status = 'pending'`),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id),
    responseStatus: integer("response_status"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId)],
);
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;

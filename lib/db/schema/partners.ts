// Resellers: partner accounts and their users, API keys, a double-entry ledger, idempotency keys of the order
// API, and outgoing webhooks with their attempt log. Money is integer minor units beside an ISO 4217 code.
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
/** discount: retail less `pricingBps`/100 %; markup: wholesale plus `pricingBps`/100 %. */
export type PricingKind = "discount" | "markup";

export const partners = pgTable("partners", {
  /** `ptn_` + base32. */
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  status: text("status").$type<PartnerStatus>().notNull().default("pending"),
  billing: text("billing").$type<PartnerBilling>().notNull().default("prepaid"),
  /** The ledger's currency: only bundles priced in it are sold to this partner. */
  currency: text("currency").notNull().default("USD"),
  /** Postpaid only: how far below zero the balance may go. */
  creditLimitMinor: integer("credit_limit_minor").notNull().default(0),
  pricingKind: text("pricing_kind").$type<PricingKind>().notNull().default("discount"),
  /** Basis points (1000 = 10 %). */
  pricingBps: integer("pricing_bps").notNull().default(0),
  /** A debit that takes the available balance below this raises `balance.low` (0: never). */
  lowBalanceMinor: integer("low_balance_minor").notNull().default(0),
  ...timestamps(),
});
export type Partner = typeof partners.$inferSelect;

/** People who sign in to the portal with the shop's own sign-in; an email belongs to one partner. */
export const partnerUsers = pgTable(
  "partner_users",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    /** Lower-cased. */
    email: text("email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.email] }), uniqueIndex("partner_users_email_key").on(t.email)],
);

export const API_SCOPES = ["catalogue:read", "orders:write", "orders:read", "ledger:read", "topups:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Shown once; only the SHA-256 of the key is kept, with a visible prefix to tell keys apart. */
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
    /** Set on rotation: the old key keeps working until then, so a partner can roll it out without downtime. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("api_keys_hash_key").on(t.hash), index("api_keys_partner_idx").on(t.partnerId)],
);
export type ApiKey = typeof apiKeys.$inferSelect;

/**
 * `partner:<id>` (the partner's balance: positive = credit they hold) and house accounts `house:sales:<CUR>`
 * (what partners bought) and `house:stripe:<CUR>` (cash taken through Stripe top-ups).
 */
export const ledgerAccounts = pgTable("ledger_accounts", {
  id: text("id").primaryKey(),
  partnerId: text("partner_id").references(() => partners.id),
  /** "partner" | "sales" | "stripe". */
  kind: text("kind").notNull(),
  currency: text("currency").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One balanced set of entries. `reference` is unique: posting the same money event twice is impossible. */
export const ledgerTransactions = pgTable(
  "ledger_transactions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    /** "order" | "refund" | "topup" | "topup_reversal" | "adjustment". */
    kind: text("kind").notNull(),
    /** `order:<orderId>`, `refund:<orderId>`, `topup:<checkoutSessionId>`, `adjustment:<uuid>`,
     *  `topup_reversal:<chargeId>:refunded:<cumulative>`, `topup_reversal:<disputeId>`. */
    reference: text("reference").notNull(),
    orderId: text("order_id").references(() => orders.id),
    /** A top-up's PaymentIntent: a dispute names only that (and its charge), not our metadata. */
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

/** Signed amounts: the entries of one transaction sum to zero, so every account's balance is their sum. */
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

/** POST /api/v1/orders Idempotency-Key: the request's hash and, once done, the response it got (24 h). */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** "running" | "done". */
    status: text("status").notNull().default("running"),
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    /** Random, per claim: only the request holding it may complete or release the key. */
    lockToken: text("lock_token").notNull(),
    /** When the running request took the key; a running key older than a minute was abandoned (a crash). */
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
    /** The signing secret, sealed with SESSION_SECRET (it must be read back to sign). */
    secretSealed: text("secret_sealed").notNull(),
    events: text("events").array().$type<WebhookEventType[]>().notNull(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** "partner" (they switched it off) or "failing" (every attempt failed for days; they may re-enable it). */
    disabledReason: text("disabled_reason").$type<"partner" | "failing">(),
    /** The first failed attempt since the last 2xx; cleared by a success. */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_partner_idx").on(t.partnerId)],
);
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

/** Something that happened to a partner. `dedupeKey` makes raising the same event twice a no-op. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    type: text("type").$type<WebhookEventType | "test">().notNull(),
    /** The order the event is about (balance.low: the order whose debit caused it); its job delivers it. A `test`
     *  event (the portal's button) is about no order and is sent at once, not by a job. */
    orderId: text("order_id").references(() => orders.id),
    dedupeKey: text("dedupe_key").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("webhook_events_dedupe_key").on(t.dedupeKey), index("webhook_events_order_idx").on(t.orderId)],
);
export type WebhookEvent = typeof webhookEvents.$inferSelect;

/** One event to one endpoint: "pending" until an attempt gets a 2xx, "failed" once retrying gave up. */
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
    // One open delivery per event and endpoint: a replay while one is pending adds nothing.
    uniqueIndex("webhook_deliveries_one_open")
      .on(t.eventId, t.endpointId)
      .where(sql`status = 'pending'`),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

/** Every HTTP attempt of a delivery, with what the endpoint answered. */
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

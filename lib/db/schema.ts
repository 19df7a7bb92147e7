// Every table of Tern, with its row types beside it. Money is integer minor units with an ISO 4217
// currency column next to it.
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

// ─── Catalogue ──────────────────────────────────────────────────────────────────────────────────────────

/** A provider bundle as we sell it. Never deleted: orders point at it; a vanished bundle goes inactive. */
export const bundles = pgTable(
  "bundles",
  {
    name: text("name").primaryKey(),
    provider: text("provider").notNull(),
    description: text("description").notNull(),
    /** "country" (one destination), "regional" or "global". */
    scope: text("scope").notNull(),
    /** ISO 3166-1 alpha-2 codes (upper case) of every country covered. */
    countries: text("countries").array().notNull(),
    /** The single destination of a country bundle; null for regional and global ones. */
    country: text("country"),
    /** Normalised region slug for regional bundles (e.g. "europe"); "global" for global ones. */
    region: text("region"),
    /** Data in MB (decimal, 1000 = 1 GB); null when unlimited. */
    dataMb: integer("data_mb"),
    unlimited: boolean("unlimited").notNull().default(false),
    durationDays: integer("duration_days").notNull(),
    speeds: text("speeds")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    autostart: boolean("autostart").notNull().default(true),
    wholesaleMinor: integer("wholesale_minor").notNull(),
    wholesaleCurrency: text("wholesale_currency").notNull(),
    priceMinor: integer("price_minor").notNull(),
    currency: text("currency").notNull(),
    active: boolean("active").notNull().default(true),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    index("bundles_countries_gin").using("gin", t.countries),
    index("bundles_country_idx").on(t.country),
    index("bundles_region_idx").on(t.region),
  ],
);
export type Bundle = typeof bundles.$inferSelect;
export type NewBundle = typeof bundles.$inferInsert;

// ─── Orders, payments and fulfilment ───────────────────────────────────────────────────────────────────

/** A buyer. Minimal for now (the accounts issue extends it); guests get a row keyed by their email. */
export const customers = pgTable(
  "customers",
  {
    id: text("id").primaryKey(),
    /** Always stored lower-cased, so the unique index is case-insensitive in effect. */
    email: text("email").notNull(),
    clerkUserId: text("clerk_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("customers_email_key").on(t.email), uniqueIndex("customers_clerk_user_id_key").on(t.clerkUserId)],
);
export type Customer = typeof customers.$inferSelect;

/** What the customer was sold, frozen at checkout: the catalogue row may change or go inactive later. */
export interface BundleSnapshot {
  name: string;
  title: string;
  description: string;
  provider: string;
  scope: string;
  countries: string[];
  dataMb: number | null;
  unlimited: boolean;
  durationDays: number;
  speeds: string[];
  priceMinor: number;
  currency: string;
  wholesaleMinor: number;
  wholesaleCurrency: string;
}

/** One purchase of one bundle. Its `status` only moves along the transitions in lib/orders/lifecycle.ts. */
export const orders = pgTable(
  "orders",
  {
    id: text("id").primaryKey(),
    status: text("status").notNull(),
    customerId: text("customer_id").references(() => customers.id),
    /** Unknown for a guest until Stripe's checkout form collects it. Lower-cased. */
    email: text("email"),
    /** "new" (a new eSIM) or "topup" (a bundle added to `topupIccid`). */
    kind: text("kind").notNull().default("new"),
    topupIccid: text("topup_iccid"),
    provider: text("provider").notNull(),
    bundleName: text("bundle_name")
      .notNull()
      .references(() => bundles.name),
    bundleSnapshot: jsonb("bundle_snapshot").$type<BundleSnapshot>().notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    /** The provider's price when the order was validated at checkout. */
    wholesaleMinor: integer("wholesale_minor"),
    wholesaleCurrency: text("wholesale_currency"),
    stripeCheckoutSessionId: text("stripe_checkout_session_id").unique(),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    /** SHA-256 (hex) of the private order-page token; the raw token is never stored in the clear. */
    accessTokenHash: text("access_token_hash").notNull(),
    /** The raw token sealed with SESSION_SECRET (AES-256-GCM) until the email carrying it is sent, then null. */
    accessTokenSealed: text("access_token_sealed"),
    /** Why the order failed (shown to the customer in plain words). */
    failureReason: text("failure_reason"),
    /** Why the order waits for an admin: amount_mismatch, insufficient_balance, ambiguous_purchase, … */
    attentionReason: text("attention_reason"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    emailSentAt: timestamp("email_sent_at", { withTimezone: true }),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    refundId: text("refund_id"),
    refundedMinor: integer("refunded_minor"),
    refundEmailSentAt: timestamp("refund_email_sent_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    // The "same buyer, same bundle within 5 minutes gets the open session back" lookup.
    index("orders_reuse_idx").on(t.email, t.bundleName, t.createdAt),
    index("orders_status_idx").on(t.status),
    index("orders_customer_idx").on(t.customerId),
    index("orders_payment_intent_idx").on(t.stripePaymentIntentId),
  ],
);
export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;

/** The order's timeline: every transition and fulfilment step, with what happened. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    /** "transition" | "step" | "note" | "error". */
    type: text("type").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    step: text("step"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.id)],
);
export type OrderEvent = typeof orderEvents.$inferSelect;

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

/** Durable work queue (fulfilment). Claimed with FOR UPDATE SKIP LOCKED and a lease; see lib/fulfilment/jobs.ts. */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    /** "queued" | "running" | "done" | "dead". */
    status: text("status").notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    /** First enqueue + FULFILMENT_HORIZON_MINUTES: retrying stops here and the order fails. */
    horizonAt: timestamp("horizon_at", { withTimezone: true }).notNull(),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    ...timestamps,
  },
  (t) => [
    // One open job per order and kind: a duplicate webhook cannot queue the same work twice.
    uniqueIndex("jobs_one_open_per_order")
      .on(t.kind, t.orderId)
      .where(sql`status in ('queued', 'running')`),
    index("jobs_due_idx").on(t.status, t.runAt),
  ],
);
export type Job = typeof jobs.$inferSelect;

/**
 * Our ledger of provider purchases, one row per attempt, written *before* the provider is called: eSIM Go
 * takes no idempotency key, so this row is what stops a retry from buying twice.
 */
export const providerPurchases = pgTable(
  "provider_purchases",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    provider: text("provider").notNull(),
    attempt: integer("attempt").notNull(),
    /** "started" | "pending" | "succeeded" | "unknown" | "failed" | "linked". */
    status: text("status").notNull(),
    request: jsonb("request").$type<Record<string, unknown>>(),
    /** eSIM Go orderReference / Zendit transactionId. */
    providerReference: text("provider_reference"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    error: text("error"),
    response: jsonb("response").$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex("provider_purchases_attempt_key").on(t.orderId, t.attempt),
    // A provider order can belong to one of our attempts only: linking a found order twice fails here.
    uniqueIndex("provider_purchases_reference_key")
      .on(t.provider, t.providerReference)
      .where(sql`provider_reference is not null`),
    // At most one purchase per order ever counts as bought.
    uniqueIndex("provider_purchases_one_success")
      .on(t.orderId)
      .where(sql`status in ('succeeded', 'linked')`),
  ],
);
export type ProviderPurchase = typeof providerPurchases.$inferSelect;

/** An eSIM we issued. The accounts issue adds usage columns. */
export const esims = pgTable(
  "esims",
  {
    iccid: text("iccid").primaryKey(),
    provider: text("provider").notNull(),
    /** The order that issued it (top-ups point at the eSIM, not the other way round). */
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    customerId: text("customer_id").references(() => customers.id),
    smdpAddress: text("smdp_address").notNull(),
    matchingId: text("matching_id").notNull(),
    lpa: text("lpa").notNull(),
    /** Object path of the QR PNG in the private storage bucket, once stored. */
    qrPath: text("qr_path"),
    status: text("status").notNull().default("issued"),
    ...timestamps,
  },
  (t) => [index("esims_order_idx").on(t.orderId), index("esims_customer_idx").on(t.customerId)],
);
export type Esim = typeof esims.$inferSelect;

// ─── Accounts: sign-in, sessions, eSIM usage and alerts (issue 5, lib/auth + lib/usage + lib/accounts) ───
// Kept in its own section (with its own import) so the other sections' lines stay untouched.
import { bigint as pgBigint } from "drizzle-orm/pg-core";

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

/** One row per rate-limited request (`bucket` = "signin-email:<email>", "signin-ip:<ip>", …), counted in a window. */
export const authThrottle = pgTable(
  "auth_throttle",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bucket: text("bucket").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("auth_throttle_bucket_idx").on(t.bucket, t.createdAt)],
);

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

/** One bundle on an eSIM as eSIM Go last reported it (API listing merged with callback figures). */
export interface UsageBundle {
  name: string;
  description: string | null;
  /** eSIM Go's assignment reference (`<orderReference>-<n>`). */
  reference: string;
  state: string;
  /** Bytes; null when unlimited. */
  initialBytes: number | null;
  remainingBytes: number | null;
  unlimited: boolean;
  assignedAt: string | null;
  /** Known from callbacks only (the listing has no clock): when first use started it and when it ends. */
  startTime: string | null;
  endTime: string | null;
}

/** The latest usage figures per eSIM, with when we got them. Pages read this, never the provider. */
export const esimUsage = pgTable("esim_usage", {
  iccid: text("iccid")
    .primaryKey()
    .references(() => esims.iccid),
  /** eSIM Go profileStatus: Released, Downloaded, Installed, Unavailable, Deactivated. */
  profileStatus: text("profile_status"),
  firstInstalledAt: timestamp("first_installed_at", { withTimezone: true }),
  /** Set by the FirstUse callback: data has flowed, the bundle clock runs. */
  firstUsedAt: timestamp("first_used_at", { withTimezone: true }),
  /** The bundle the figures below describe: the running one, else the next waiting, else the latest. */
  bundleName: text("bundle_name"),
  bundleReference: text("bundle_reference"),
  bundleState: text("bundle_state"),
  initialBytes: pgBigint("initial_bytes", { mode: "number" }),
  remainingBytes: pgBigint("remaining_bytes", { mode: "number" }),
  unlimited: boolean("unlimited").notNull().default(false),
  startTime: timestamp("start_time", { withTimezone: true }),
  endTime: timestamp("end_time", { withTimezone: true }),
  bundles: jsonb("bundles")
    .$type<UsageBundle[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  /** eSIM Go's `esim.deletion_scheduled` notification. */
  deletionScheduledAt: timestamp("deletion_scheduled_at", { withTimezone: true }),
  /** Last successful read of the provider's API (callbacks update `updated_at` only). */
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }),
  refreshError: text("refresh_error"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type EsimUsage = typeof esimUsage.$inferSelect;

/** Usage callbacks received, unique on eSIM Go's suggested de-duplication key (they carry no id). */
export const esimCallbacks = pgTable(
  "esim_callbacks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    iccid: text("iccid"),
    /** "alert" | "event" | "unknown". */
    kind: text("kind").notNull(),
    /** alertType (Utilisation, FirstUse) or event (esim.deletion_scheduled). */
    type: text("type"),
    bundleReference: text("bundle_reference"),
    /** The raw body, as signed. */
    body: text("body").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("esim_callbacks_iccid_idx").on(t.iccid, t.receivedAt)],
);

/** Customer usage alerts. The unique key makes each (eSIM, bundle, kind) fire once, whatever the retries. */
export const usageAlerts = pgTable(
  "usage_alerts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    iccid: text("iccid")
      .notNull()
      .references(() => esims.iccid),
    bundleReference: text("bundle_reference").notNull(),
    /** "used-80" | "used-100" | "ends-soon". */
    kind: text("kind").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null until the email is accepted; the cron job retries rows left unsent. */
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** True when a later alert made this one pointless (80 % while already used up): recorded, not sent. */
    skipped: boolean("skipped").notNull().default(false),
    emailId: text("email_id"),
    lastError: text("last_error"),
  },
  (t) => [uniqueIndex("usage_alerts_once_key").on(t.iccid, t.bundleReference, t.kind)],
);
export type UsageAlert = typeof usageAlerts.$inferSelect;

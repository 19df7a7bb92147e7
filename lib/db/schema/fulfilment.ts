// The job queue, the provider purchase ledger and the eSIMs we issued.
import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { orders, customers } from "./orders";

/** The durable job queue (lib/jobs): claimed with FOR UPDATE SKIP LOCKED and a lease, lane by lane. */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    /** The lane the kind runs in (lib/jobs/lanes.ts): each lane is claimed with its own concurrency. */
    lane: text("lane").notNull().default("fulfilment"),
    /** Jobs sharing a key (a reseller) are limited together by their lane's per-key cap. */
    concurrencyKey: text("concurrency_key"),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    /** "queued" | "running" | "done" | "dead". */
    status: text("status").notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    /** Runs that failed (errors, not planned waits): the backoff follows these, so waiting on a pending
     *  purchase or another worker does not stretch the next retry after a real error. */
    failures: integer("failures").notNull().default(0),
    /** First enqueue + FULFILMENT_HORIZON_MINUTES: retrying stops here and the order fails. */
    horizonAt: timestamp("horizon_at", { withTimezone: true }).notNull(),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    ...timestamps(),
  },
  (t) => [
    // One open job per order and kind: a duplicate webhook cannot queue the same work twice.
    uniqueIndex("jobs_one_open_per_order")
      .on(t.kind, t.orderId)
      .where(sql`status in ('queued', 'running')`),
    index("jobs_due_idx").on(t.status, t.runAt),
    index("jobs_lane_due_idx").on(t.lane, t.status, t.runAt),
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

/** An eSIM we issued. */
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
    ...timestamps(),
  },
  (t) => [index("esims_order_idx").on(t.orderId), index("esims_customer_idx").on(t.customerId)],
);
export type Esim = typeof esims.$inferSelect;

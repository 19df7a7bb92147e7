import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { orders, customers } from "./orders";

export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    lane: text("lane").notNull().default("fulfilment"),
    concurrencyKey: text("concurrency_key"),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    status: text("status").notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    /** Errors only, not planned waits: the backoff follows these. */
    failures: integer("failures").notNull().default(0),
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

/** Written before the provider is called: eSIM Go takes no idempotency key, so this stops a retry buying twice. */
export const providerPurchases = pgTable(
  "provider_purchases",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    provider: text("provider").notNull(),
    attempt: integer("attempt").notNull(),
    status: text("status").notNull(),
    request: jsonb("request").$type<Record<string, unknown>>(),
    providerReference: text("provider_reference"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    error: text("error"),
    response: jsonb("response").$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex("provider_purchases_attempt_key").on(t.orderId, t.attempt),
    uniqueIndex("provider_purchases_reference_key")
      .on(t.provider, t.providerReference)
      .where(sql`provider_reference is not null`),
    uniqueIndex("provider_purchases_one_success")
      .on(t.orderId)
      .where(sql`status in ('succeeded', 'linked')`),
  ],
);
export type ProviderPurchase = typeof providerPurchases.$inferSelect;

export const esims = pgTable(
  "esims",
  {
    iccid: text("iccid").primaryKey(),
    provider: text("provider").notNull(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    customerId: text("customer_id").references(() => customers.id),
    smdpAddress: text("smdp_address").notNull(),
    matchingId: text("matching_id").notNull(),
    lpa: text("lpa").notNull(),
    qrPath: text("qr_path"),
    status: text("status").notNull().default("issued"),
    ...timestamps(),
  },
  (t) => [index("esims_order_idx").on(t.orderId), index("esims_customer_idx").on(t.customerId)],
);
export type Esim = typeof esims.$inferSelect;

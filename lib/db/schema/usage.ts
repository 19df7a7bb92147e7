import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  bigint as pgBigint,
} from "drizzle-orm/pg-core";
import { esims } from "./fulfilment";

export interface UsageBundle {
  name: string;
  description: string | null;
  reference: string;
  state: string;
  initialBytes: number | null;
  remainingBytes: number | null;
  unlimited: boolean;
  assignedAt: string | null;
  startTime: string | null;
  endTime: string | null;
}

export const esimUsage = pgTable("esim_usage", {
  iccid: text("iccid")
    .primaryKey()
    .references(() => esims.iccid),
  profileStatus: text("profile_status"),
  firstInstalledAt: timestamp("first_installed_at", { withTimezone: true }),
  firstUsedAt: timestamp("first_used_at", { withTimezone: true }),
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
  deletionScheduledAt: timestamp("deletion_scheduled_at", { withTimezone: true }),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }),
  refreshError: text("refresh_error"),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});
export type EsimUsage = typeof esimUsage.$inferSelect;

/** Unique on eSIM Go's suggested de-duplication key: callbacks carry no id. */
export const esimCallbacks = pgTable(
  "esim_callbacks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    iccid: text("iccid"),
    kind: text("kind").notNull(),
    type: text("type"),
    bundleReference: text("bundle_reference"),
    body: text("body").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("esim_callbacks_iccid_idx").on(t.iccid, t.receivedAt)],
);

/** The unique key makes each (eSIM, bundle, kind) fire once, whatever the retries. */
export const usageAlerts = pgTable(
  "usage_alerts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    iccid: text("iccid")
      .notNull()
      .references(() => esims.iccid),
    bundleReference: text("bundle_reference").notNull(),
    kind: text("kind").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    skipped: boolean("skipped").notNull().default(false),
    emailId: text("email_id"),
    lastError: text("last_error"),
  },
  (t) => [uniqueIndex("usage_alerts_once_key").on(t.iccid, t.bundleReference, t.kind)],
);
export type UsageAlert = typeof usageAlerts.$inferSelect;

// eSIM usage figures, usage callbacks and customer usage alerts.
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
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
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

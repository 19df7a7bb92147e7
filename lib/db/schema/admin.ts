import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { orders } from "./orders";
import { bundles } from "./catalogue";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id"),
    actorEmail: text("actor_email").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    outcome: text("outcome").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_target_idx").on(t.targetType, t.targetId, t.at), index("audit_log_at_idx").on(t.at)],
);
export type AuditEntry = typeof auditLog.$inferSelect;

export const adminCases = pgTable("admin_cases", {
  orderId: text("order_id")
    .primaryKey()
    .references(() => orders.id),
  ownerEmail: text("owner_email"),
  takenAt: timestamp("taken_at", { withTimezone: true }),
  resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  resolvedBy: text("resolved_by"),
  resolutionNote: text("resolution_note"),
  /** Throttles resending the delivery email to once a minute, however many admins click. */
  lastResendAt: timestamp("last_resend_at", { withTimezone: true }),
  resendCount: integer("resend_count").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type AdminCase = typeof adminCases.$inferSelect;

export const adminSettings = pgTable("admin_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<Record<string, unknown>>().notNull(),
  /** A save based on an older version is refused (two admins editing at once). */
  version: integer("version").notNull().default(1),
  updatedBy: text("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const bundleFlags = pgTable(
  "bundle_flags",
  {
    bundleName: text("bundle_name")
      .primaryKey()
      .references(() => bundles.name),
    disabled: boolean("disabled").notNull().default(false),
    featured: boolean("featured").notNull().default(false),
    featuredRank: integer("featured_rank").notNull().default(0),
    updatedBy: text("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("bundle_flags_featured_idx").on(t.featured, t.featuredRank)],
);

export const reconcileFindings = pgTable(
  "reconcile_findings",
  {
    key: text("key").primaryKey(),
    kind: text("kind").notNull(),
    orderId: text("order_id"),
    amountMinor: integer("amount_minor"),
    currency: text("currency"),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by"),
    resolution: text("resolution"),
  },
  (t) => [index("reconcile_findings_kind_idx").on(t.kind, t.lastSeenAt)],
);
export type ReconcileFinding = typeof reconcileFindings.$inferSelect;

export const catalogueSyncs = pgTable(
  "catalogue_syncs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    provider: text("provider").notNull(),
    outcome: text("outcome").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }).notNull().defaultNow(),
    fetched: integer("fetched"),
    stored: integer("stored"),
    listed: integer("listed"),
    invalid: integer("invalid"),
    deactivated: integer("deactivated"),
    reactivated: integer("reactivated"),
    error: text("error"),
  },
  (t) => [index("catalogue_syncs_provider_idx").on(t.provider, t.finishedAt)],
);
export type CatalogueSync = typeof catalogueSyncs.$inferSelect;

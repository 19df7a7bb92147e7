// Managed eSIM stock: the inventory every sold eSIM has a row in, per-bundle stock levels, the restock
// ledger, and the append-only provisioning log (lib/stock).
import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { bundles } from "./catalogue";
import { orders } from "./orders";

/**
 * One eSIM: imported or pre-bought (`available → reserved → assigned`, or `retired`), or bought from a
 * provider for one order (`source = provider`, assigned at once) — so every eSIM sold has one trail.
 */
export const esimInventory = pgTable(
  "esim_inventory",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bundleName: text("bundle_name")
      .notNull()
      .references(() => bundles.name),
    /** The provider the eSIM came from (the bundle's provider for carrier stock). */
    provider: text("provider").notNull(),
    iccid: text("iccid").notNull(),
    smdpAddress: text("smdp_address").notNull(),
    /** AES-256-GCM with STOCK_ENCRYPTION_KEY, bound to the ICCID (lib/stock/crypto.ts). Null for provider rows:
     *  their code lives with the issued eSIM and is not copied here. */
    activationCodeSealed: text("activation_code_sealed"),
    /** "available" | "reserved" | "assigned" | "retired". */
    status: text("status").notNull(),
    /** "import" | "prebuy" | "provider". */
    source: text("source").notNull(),
    costMinor: integer("cost_minor"),
    costCurrency: text("cost_currency"),
    batch: text("batch"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    /** The restock purchase that bought it (source = prebuy). */
    stockPurchaseId: bigint("stock_purchase_id", { mode: "number" }),
    orderId: text("order_id").references(() => orders.id),
    reservedAt: timestamp("reserved_at", { withTimezone: true }),
    /** The activation code left us for this order (the delivery email was attempted): never back to stock. */
    exposedAt: timestamp("exposed_at", { withTimezone: true }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    retiredReason: text("retired_reason"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("esim_inventory_iccid_key").on(t.iccid),
    // One eSIM per order: two workers can never both hand this order a row.
    uniqueIndex("esim_inventory_order_key")
      .on(t.orderId)
      .where(sql`order_id is not null`),
    index("esim_inventory_pick_idx").on(t.bundleName, t.status, t.id),
  ],
);
export type InventoryRow = typeof esimInventory.$inferSelect;
export type NewInventoryRow = typeof esimInventory.$inferInsert;

/** Per-bundle stock policy: the restock target and the low-stock alert threshold. */
export const stockLevels = pgTable("stock_levels", {
  bundleName: text("bundle_name")
    .primaryKey()
    .references(() => bundles.name),
  /** The scheduled restock pre-buys up to this many available + reserved eSIMs (0 = never). */
  targetLevel: integer("target_level").notNull().default(0),
  /** Alert the admins when available stock falls below this (0 = never). */
  lowThreshold: integer("low_threshold").notNull().default(0),
  /** When stock last fell below the threshold (cleared once it is back above), and when that alert went out. */
  lowSince: timestamp("low_since", { withTimezone: true }),
  lowAlertSentAt: timestamp("low_alert_sent_at", { withTimezone: true }),
  ...timestamps(),
});
export type StockLevel = typeof stockLevels.$inferSelect;

/**
 * Pre-buys from a provider, one row per purchase, written before the provider is called (eSIM Go takes no
 * idempotency key): an open row counts toward the target, so no run buys past it.
 */
export const stockPurchases = pgTable(
  "stock_purchases",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bundleName: text("bundle_name")
      .notNull()
      .references(() => bundles.name),
    provider: text("provider").notNull(),
    quantity: integer("quantity").notNull(),
    /** "started" | "succeeded" | "failed" | "unknown". */
    status: text("status").notNull(),
    /** "admin" | "schedule". */
    trigger: text("trigger").notNull(),
    requestedBy: text("requested_by"),
    providerReference: text("provider_reference"),
    costMinor: integer("cost_minor"),
    costCurrency: text("cost_currency"),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("stock_purchases_reference_key")
      .on(t.provider, t.providerReference)
      .where(sql`provider_reference is not null`),
    index("stock_purchases_open_idx").on(t.bundleName, t.status),
  ],
);
export type StockPurchase = typeof stockPurchases.$inferSelect;

/** Every provisioning attempt (stock or provider), append-only (a trigger refuses UPDATE and DELETE). */
export const provisioningLog = pgTable(
  "provisioning_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: text("order_id").references(() => orders.id),
    inventoryId: bigint("inventory_id", { mode: "number" }),
    /** "stock" | "provider" | "prebuy". */
    source: text("source").notNull(),
    /** What was tried: reserve, purchase, check, lookup, assign, release, retire, restock. */
    action: text("action").notNull(),
    /** e.g. reserved, none, completed, pending, failed, unknown, returned, retired. */
    outcome: text("outcome").notNull(),
    /** With secrets removed (lib/observability/redact). */
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("provisioning_log_order_idx").on(t.orderId, t.id)],
);
export type ProvisioningLogEntry = typeof provisioningLog.$inferSelect;

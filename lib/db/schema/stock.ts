import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { bundles } from "./catalogue";
import { orders } from "./orders";

export const esimInventory = pgTable(
  "esim_inventory",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bundleName: text("bundle_name")
      .notNull()
      .references(() => bundles.name),
    provider: text("provider").notNull(),
    iccid: text("iccid").notNull(),
    smdpAddress: text("smdp_address").notNull(),
    /** Sealed (AES-256-GCM), bound to the ICCID; null for provider rows, whose code stays with the eSIM. */
    activationCodeSealed: text("activation_code_sealed"),
    status: text("status").notNull(),
    source: text("source").notNull(),
    costMinor: integer("cost_minor"),
    costCurrency: text("cost_currency"),
    batch: text("batch"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    stockPurchaseId: bigint("stock_purchase_id", { mode: "number" }),
    orderId: text("order_id").references(() => orders.id),
    reservedAt: timestamp("reserved_at", { withTimezone: true }),
    /** The activation code left us (a delivery email was attempted): never back to stock. */
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

export const stockLevels = pgTable("stock_levels", {
  bundleName: text("bundle_name")
    .primaryKey()
    .references(() => bundles.name),
  targetLevel: integer("target_level").notNull().default(0),
  lowThreshold: integer("low_threshold").notNull().default(0),
  lowSince: timestamp("low_since", { withTimezone: true }),
  lowAlertSentAt: timestamp("low_alert_sent_at", { withTimezone: true }),
  ...timestamps(),
});
export type StockLevel = typeof stockLevels.$inferSelect;

/** Written before the provider is called; an open row counts toward the target, so no run buys past it. */
export const stockPurchases = pgTable(
  "stock_purchases",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bundleName: text("bundle_name")
      .notNull()
      .references(() => bundles.name),
    provider: text("provider").notNull(),
    quantity: integer("quantity").notNull(),
    status: text("status").notNull(),
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

/** Append-only: a trigger refuses UPDATE and DELETE. */
export const provisioningLog = pgTable(
  "provisioning_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: text("order_id").references(() => orders.id),
    inventoryId: bigint("inventory_id", { mode: "number" }),
    source: text("source").notNull(),
    action: text("action").notNull(),
    outcome: text("outcome").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("provisioning_log_order_idx").on(t.orderId, t.id)],
);
export type ProvisioningLogEntry = typeof provisioningLog.$inferSelect;

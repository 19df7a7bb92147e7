// Activation codes are never selected here.
import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { bundles, esimInventory, provisioningLog, stockLevels, stockPurchases } from "@/lib/db/schema";

export const STATUSES = ["available", "reserved", "assigned", "retired"] as const;
export type StockStatus = (typeof STATUSES)[number];

interface BundleStock {
  bundleName: string;
  title: string;
  provider: string;
  counts: Record<StockStatus, number>;
  boughtOnDemand: number;
  targetLevel: number;
  lowThreshold: number;
  low: boolean;
  buying: number;
}

export async function stockOverview(db: Db): Promise<BundleStock[]> {
  const [counts, levels, open] = await Promise.all([
    db
      .select({
        bundleName: esimInventory.bundleName,
        status: esimInventory.status,
        provider: sql<boolean>`${esimInventory.source} = 'provider'`,
        n: count(),
      })
      .from(esimInventory)
      .groupBy(esimInventory.bundleName, esimInventory.status, sql`${esimInventory.source} = 'provider'`),
    db.select().from(stockLevels),
    db
      .select({ bundleName: stockPurchases.bundleName, n: sql<number>`sum(${stockPurchases.quantity})::int` })
      .from(stockPurchases)
      .where(inArray(stockPurchases.status, ["started", "unknown"]))
      .groupBy(stockPurchases.bundleName),
  ]);
  const names = new Set([
    ...counts.filter((c) => !c.provider).map((c) => c.bundleName),
    ...levels.map((l) => l.bundleName),
    ...open.map((o) => o.bundleName),
  ]);
  if (names.size === 0) return [];
  const meta = await db
    .select({ name: bundles.name, description: bundles.description, provider: bundles.provider })
    .from(bundles)
    .where(inArray(bundles.name, [...names]));
  return [...names].sort().map((name) => {
    const c = { available: 0, reserved: 0, assigned: 0, retired: 0 } as Record<StockStatus, number>;
    let boughtOnDemand = 0;
    for (const row of counts.filter((x) => x.bundleName === name)) {
      if (row.provider) boughtOnDemand += row.n;
      else if ((STATUSES as readonly string[]).includes(row.status)) c[row.status as StockStatus] += row.n;
    }
    const level = levels.find((l) => l.bundleName === name);
    const b = meta.find((m) => m.name === name);
    return {
      bundleName: name,
      title: b?.description ?? name,
      provider: b?.provider ?? "?",
      counts: c,
      boughtOnDemand,
      targetLevel: level?.targetLevel ?? 0,
      lowThreshold: level?.lowThreshold ?? 0,
      low: (level?.lowThreshold ?? 0) > 0 && c.available < level!.lowThreshold,
      buying: open.find((o) => o.bundleName === name)?.n ?? 0,
    };
  });
}

export async function hasAvailableStock(db: Db, bundleName: string): Promise<boolean> {
  if (!env().stock.encryptionKey) return false;
  const [row] = await db
    .select({ id: esimInventory.id })
    .from(esimInventory)
    .where(
      and(
        eq(esimInventory.bundleName, bundleName),
        eq(esimInventory.status, "available"),
        ne(esimInventory.source, "provider"),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function stockOnHand(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(esimInventory)
    .where(and(inArray(esimInventory.status, ["available", "reserved"]), ne(esimInventory.source, "provider")));
  return row?.n ?? 0;
}

const INVENTORY_PAGE_SIZE = 50;

export function listInventory(db: Db, bundleName: string, status?: StockStatus) {
  return db
    .select({
      id: esimInventory.id,
      iccid: esimInventory.iccid,
      status: esimInventory.status,
      source: esimInventory.source,
      batch: esimInventory.batch,
      costMinor: esimInventory.costMinor,
      costCurrency: esimInventory.costCurrency,
      orderId: esimInventory.orderId,
      retiredReason: esimInventory.retiredReason,
      createdAt: esimInventory.createdAt,
    })
    .from(esimInventory)
    .where(
      and(
        eq(esimInventory.bundleName, bundleName),
        ne(esimInventory.source, "provider"),
        status ? eq(esimInventory.status, status) : undefined,
      ),
    )
    .orderBy(desc(esimInventory.id))
    .limit(INVENTORY_PAGE_SIZE);
}

export function recentStockPurchases(db: Db, limit = 20) {
  return db.select().from(stockPurchases).orderBy(desc(stockPurchases.id)).limit(limit);
}

export function provisioningLogFor(db: Db, orderId: string) {
  return db
    .select()
    .from(provisioningLog)
    .where(eq(provisioningLog.orderId, orderId))
    .orderBy(asc(provisioningLog.id))
    .limit(200);
}

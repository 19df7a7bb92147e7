// Every read takes the owner explicitly; a miss is null and the page 404s.
import { and, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import {
  activationViews,
  customers,
  esims,
  esimUsage,
  orders,
  type ActivationView,
  type BundleSnapshot,
  type EsimUsage,
  type Order,
} from "@/lib/db/schema";
import { daysLeft, displayStatus, type EsimDisplayStatus } from "@/lib/usage/figures";
import { dataLeft } from "@/lib/usage/left";

export interface Viewer {
  customerId: string;
  isAdmin: boolean;
}

export interface EsimSummary {
  iccid: string;
  provider: string;
  orderId: string;
  bundle: BundleSnapshot;
  status: EsimDisplayStatus;
  bundleName: string | null;
  initialBytes: number | null;
  remainingBytes: number | null;
  queuedBytes: number;
  unlimited: boolean;
  figuresAt: Date | null;
  daysLeft: number | null;
  createdAt: Date;
}

const ownedBy = (customerId: string): SQL =>
  or(eq(esims.customerId, customerId), and(isNull(esims.customerId), eq(orders.customerId, customerId)))!;

function summarise(
  row: { esim: typeof esims.$inferSelect; order: Order; usage: EsimUsage | null },
  now: Date,
): EsimSummary {
  const u = row.usage;
  const current = u?.bundleReference ? (u.bundles.find((b) => b.reference === u.bundleReference) ?? null) : null;
  return {
    iccid: row.esim.iccid,
    provider: row.esim.provider,
    orderId: row.order.id,
    bundle: row.order.bundleSnapshot,
    status: displayStatus(
      {
        profileStatus: u?.profileStatus ?? null,
        firstInstalledAt: u?.firstInstalledAt ?? null,
        firstUsedAt: u?.firstUsedAt ?? null,
        bundle: current,
      },
      now,
    ),
    bundleName: u?.bundleName ?? null,
    ...dataLeft(
      {
        reference: u?.bundleReference ?? null,
        initialBytes: u?.initialBytes ?? null,
        remainingBytes: u?.remainingBytes ?? null,
        unlimited: u?.unlimited ?? row.order.bundleSnapshot.unlimited,
      },
      u?.bundles ?? [],
    ),
    figuresAt: u?.updatedAt ?? null,
    daysLeft: daysLeft(u?.endTime?.toISOString() ?? null, now),
    createdAt: row.esim.createdAt,
  };
}

export async function listEsimsForCustomer(db: Db, customerId: string, now = new Date()): Promise<EsimSummary[]> {
  const rows = await db
    .select({ esim: esims, order: orders, usage: esimUsage })
    .from(esims)
    .innerJoin(orders, eq(orders.id, esims.orderId))
    .leftJoin(esimUsage, eq(esimUsage.iccid, esims.iccid))
    .where(ownedBy(customerId))
    .orderBy(desc(esims.createdAt));
  return rows.map((r) => summarise(r, now));
}

interface EsimDetail extends EsimSummary {
  lpa: string;
  smdpAddress: string;
  matchingId: string;
  ownerEmail: string | null;
  usage: EsimUsage | null;
  orders: Order[];
}

export async function getEsimForCustomer(
  db: Db,
  iccid: string,
  viewer: Viewer,
  now = new Date(),
): Promise<EsimDetail | null> {
  const [row] = await db
    .select({ esim: esims, order: orders, usage: esimUsage, ownerEmail: customers.email })
    .from(esims)
    .innerJoin(orders, eq(orders.id, esims.orderId))
    .leftJoin(esimUsage, eq(esimUsage.iccid, esims.iccid))
    .leftJoin(customers, eq(customers.id, sql`coalesce(${esims.customerId}, ${orders.customerId})`))
    .where(and(eq(esims.iccid, iccid), viewer.isAdmin ? undefined : ownedBy(viewer.customerId)))
    .limit(1);
  if (!row) return null;
  const related = await db
    .select()
    .from(orders)
    .where(
      or(
        eq(orders.id, row.order.id),
        and(eq(orders.topupIccid, iccid), viewer.isAdmin ? undefined : eq(orders.customerId, viewer.customerId)),
      ),
    )
    .orderBy(desc(orders.createdAt));
  return {
    ...summarise(row, now),
    lpa: row.esim.lpa,
    smdpAddress: row.esim.smdpAddress,
    matchingId: row.esim.matchingId,
    ownerEmail: row.ownerEmail,
    usage: row.usage,
    orders: related,
  };
}

export async function getOrderForCustomer(
  db: Db,
  orderId: string,
  viewer: Viewer,
): Promise<(Order & { iccids: string[] }) | null> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), viewer.isAdmin ? undefined : eq(orders.customerId, viewer.customerId)))
    .limit(1);
  if (!order) return null;
  const issued = await db.select({ iccid: esims.iccid }).from(esims).where(eq(esims.orderId, order.id));
  return { ...order, iccids: order.topupIccid ? [order.topupIccid] : issued.map((e) => e.iccid) };
}

export const ORDER_FILTERS = {
  status: ["all", "active", "delivered", "in-progress", "refunded", "failed"] as const,
};
export type OrderStatusFilter = (typeof ORDER_FILTERS.status)[number];

const STATUS_GROUPS: Record<Exclude<OrderStatusFilter, "all">, string[]> = {
  active: ["delivered", "installed"],
  delivered: ["delivered", "installed"],
  "in-progress": ["pending_payment", "paid", "provisioning", "needs_attention"],
  refunded: ["refunded"],
  failed: ["failed", "payment_failed", "expired"],
};

export interface OrderFilters {
  status?: OrderStatusFilter;
  from?: Date;
  to?: Date;
}

export async function listOrdersForCustomer(db: Db, customerId: string, filters: OrderFilters = {}): Promise<Order[]> {
  const status = filters.status && filters.status !== "all" ? STATUS_GROUPS[filters.status] : null;
  return db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.customerId, customerId),
        status ? inArray(orders.status, status) : sql`${orders.status} not in ('pending_payment', 'expired')`,
        filters.from ? gte(orders.createdAt, filters.from) : undefined,
        filters.to ? lt(orders.createdAt, new Date(filters.to.getTime() + 86_400_000)) : undefined,
      ),
    )
    .orderBy(desc(orders.createdAt))
    .limit(200);
}

export async function listActivationViews(
  db: Db,
  iccid: string,
  viewer: Viewer,
  limit = 50,
): Promise<(ActivationView & { viewerEmail: string | null })[] | null> {
  if (!(await getEsimForCustomer(db, iccid, viewer))) return null;
  const rows = await db
    .select({ view: activationViews, viewerEmail: customers.email })
    .from(activationViews)
    .leftJoin(customers, eq(customers.id, activationViews.viewerCustomerId))
    .where(eq(activationViews.iccid, iccid))
    .orderBy(desc(activationViews.viewedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.view, viewerEmail: r.viewerEmail }));
}

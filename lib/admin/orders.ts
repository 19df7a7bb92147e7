// Secrets are removed here, not in the page: activation codes and provider keys never reach an admin's browser.
import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import {
  activationViews,
  adminCases,
  auditLog,
  esims,
  jobs,
  orderEvents,
  orders,
  providerPurchases,
  type AdminCase,
  type AuditEntry,
  type Job,
  type Order,
  type OrderEvent,
} from "@/lib/db/schema";
import { ORDER_STATUSES } from "@/lib/orders/lifecycle";
import { formatMoney } from "@/lib/format";
import { topupsForOrder, type TopupView } from "./wallet-topup-views";

export const ORDERS_PAGE_SIZE = 25;

interface OrderSearch {
  q?: string;
  status?: string;
  provider?: string;
  from?: string;
  to?: string;
  page?: number;
}

interface OrderRow {
  id: string;
  status: string;
  email: string | null;
  provider: string;
  bundleTitle: string;
  amountMinor: number;
  currency: string;
  createdAt: Date;
  paidAt: Date | null;
  attentionReason: string | null;
}

const day = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : null);

export async function searchOrders(db: Db, s: OrderSearch): Promise<{ rows: OrderRow[]; total: number; page: number }> {
  const where: SQL[] = [];
  const q = s.q?.trim();
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        eq(orders.id, q),
        ilike(orders.email, like),
        eq(orders.stripeCheckoutSessionId, q),
        eq(orders.stripePaymentIntentId, q),
        inArray(orders.id, db.select({ id: esims.orderId }).from(esims).where(eq(esims.iccid, q))),
        eq(orders.topupIccid, q),
        inArray(
          orders.id,
          db
            .select({ id: providerPurchases.orderId })
            .from(providerPurchases)
            .where(eq(providerPurchases.providerReference, q)),
        ),
      )!,
    );
  }
  if (s.status && (ORDER_STATUSES as readonly string[]).includes(s.status)) where.push(eq(orders.status, s.status));
  if (s.provider) where.push(eq(orders.provider, s.provider));
  const from = day(s.from);
  const to = day(s.to);
  if (from) where.push(gte(orders.createdAt, from));
  if (to) where.push(lt(orders.createdAt, new Date(to.getTime() + 86_400_000)));
  const filter = where.length ? and(...where) : undefined;
  const page = Math.max(1, Math.min(10_000, Math.floor(s.page ?? 1)));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(orders)
      .where(filter)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(ORDERS_PAGE_SIZE)
      .offset((page - 1) * ORDERS_PAGE_SIZE),
    db.select({ n: count() }).from(orders).where(filter),
  ]);
  return { rows: rows.map(toRow), total: Number(total?.n ?? 0), page };
}

function toRow(o: Order): OrderRow {
  return {
    id: o.id,
    status: o.status,
    email: o.email,
    provider: o.provider,
    bundleTitle: o.bundleSnapshot.title,
    amountMinor: o.amountMinor,
    currency: o.currency,
    createdAt: o.createdAt,
    paidAt: o.paidAt,
    attentionReason: o.attentionReason,
  };
}

export async function distinctProviders(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ provider: orders.provider }).from(orders).orderBy(asc(orders.provider));
  return rows.map((r) => r.provider);
}

const SECRET_KEY = /matching|activation|lpa|secret|token|key|pin|puk|password|authorization|smdp/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "…";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1);
    return out;
  }
  if (typeof value === "string" && /^LPA:1\$/i.test(value)) return "[redacted]";
  return value;
}

interface TimelineEntry {
  at: Date;
  source: "order" | "job" | "purchase" | "email" | "refund" | "activation" | "admin" | "funding";
  title: string;
  detail: unknown;
  error?: boolean;
}

interface OrderDetail {
  order: Order;
  esim: { iccid: string; status: string; qrStored: boolean; provider: string } | null;
  events: OrderEvent[];
  jobs: Job[];
  purchases: {
    attempt: number;
    provider: string;
    status: string;
    reference: string | null;
    error: string | null;
    startedAt: Date;
    finishedAt: Date | null;
    request: unknown;
    response: unknown;
  }[];
  views: { viewerRole: string; ip: string | null; viewedAt: Date }[];
  audit: AuditEntry[];
  adminCase: AdminCase | null;
  topups: TopupView[];
  timeline: TimelineEntry[];
}

export async function getOrderDetail(db: Db, orderId: string): Promise<OrderDetail | null> {
  if (!orderId || orderId.length > 64) return null;
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return null;
  const [events, jobRows, purchases, esimRows, caseRows, audit, topups] = await Promise.all([
    db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id)),
    db.select().from(jobs).where(eq(jobs.orderId, orderId)).orderBy(asc(jobs.id)),
    db
      .select()
      .from(providerPurchases)
      .where(eq(providerPurchases.orderId, orderId))
      .orderBy(asc(providerPurchases.attempt)),
    db.select().from(esims).where(eq(esims.orderId, orderId)).limit(1),
    db.select().from(adminCases).where(eq(adminCases.orderId, orderId)),
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, "order"), eq(auditLog.targetId, orderId)))
      .orderBy(asc(auditLog.id)),
    topupsForOrder(db, orderId),
  ]);
  const esim = esimRows[0] ?? null;
  const views = esim
    ? await db
        .select({ viewerRole: activationViews.viewerRole, ip: activationViews.ip, viewedAt: activationViews.viewedAt })
        .from(activationViews)
        .where(eq(activationViews.iccid, esim.iccid))
        .orderBy(asc(activationViews.viewedAt))
    : [];
  const safePurchases = purchases.map((p) => ({
    attempt: p.attempt,
    provider: p.provider,
    status: p.status,
    reference: p.providerReference,
    error: p.error,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    request: redact(p.request),
    response: redact(p.response),
  }));

  const timeline: TimelineEntry[] = [
    ...events.map((e) => ({
      at: e.createdAt,
      source: (e.step?.startsWith("admin")
        ? "admin"
        : e.step?.includes("email")
          ? "email"
          : e.step?.startsWith("refund")
            ? "refund"
            : "order") as TimelineEntry["source"],
      title: e.type === "transition" ? `${e.fromStatus ?? "—"} → ${e.toStatus}` : (e.step ?? e.type),
      detail: redact(e.detail),
      error: e.type === "error",
    })),
    ...jobRows.map((j) => ({
      at: j.updatedAt,
      source: "job" as const,
      title: `Job #${j.id} ${j.kind}: ${j.status} after ${j.attempts} attempt${j.attempts === 1 ? "" : "s"}`,
      detail: j.lastError ? { lastError: j.lastError } : null,
      error: Boolean(j.lastError) && j.status !== "done",
    })),
    ...safePurchases.map((p) => ({
      at: p.startedAt,
      source: "purchase" as const,
      title: `Purchase attempt ${p.attempt} at ${p.provider}: ${p.status}${p.reference ? ` (${p.reference})` : ""}`,
      detail: { request: p.request, response: p.response, error: p.error },
      error: p.status === "failed" || p.status === "unknown",
    })),
    ...topups.map((t) => ({
      at: t.createdAt,
      source: "funding" as const,
      title: `${t.provider} wallet top-up ${t.id}: ${t.status}, ${formatMoney(t.amountMinor, t.currency)} on Issuing card ${t.cardId ?? "(not issued yet)"}${t.cardLast4 ? ` •••• ${t.cardLast4}` : ""}${t.cardCanceled ? " (canceled)" : ""}`,
      detail: { authorizationId: t.authorizationId, error: t.error, orderIds: t.orderIds, finishedAt: t.finishedAt },
      error: t.status === "failed" || t.status === "stalled",
    })),
    ...views.map((v) => ({
      at: v.viewedAt,
      source: "activation" as const,
      title: `Activation details viewed by ${v.viewerRole}`,
      detail: { ip: v.ip },
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  return {
    order,
    esim: esim
      ? { iccid: esim.iccid, status: esim.status, qrStored: Boolean(esim.qrPath), provider: esim.provider }
      : null,
    events,
    jobs: jobRows,
    purchases: safePurchases,
    views,
    audit,
    adminCase: caseRows[0] ?? null,
    topups,
    timeline,
  };
}

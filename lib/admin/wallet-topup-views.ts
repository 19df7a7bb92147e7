// Card numbers are never stored, so none can leak from here (id and last4 only).
import { and, desc, eq, gte, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { walletTopups, type WalletTopup } from "@/lib/db/schema";

const TOPUP_STALLED_AFTER_MS = 15 * 60_000;

export interface TopupView {
  id: string;
  provider: string;
  status: string;
  amountMinor: number;
  currency: string;
  orderIds: string[];
  cardId: string | null;
  cardLast4: string | null;
  cardCanceled: boolean;
  authorizationId: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

function topupView(t: WalletTopup, now = new Date()): TopupView {
  const stalled = t.status === "open" && t.leaseUntil.getTime() < now.getTime() - TOPUP_STALLED_AFTER_MS;
  return {
    id: t.id,
    provider: t.provider,
    status: stalled ? "stalled" : t.status,
    amountMinor: t.amountMinor,
    currency: t.currency,
    orderIds: t.orderIds,
    cardId: t.cardId,
    cardLast4: t.cardLast4,
    cardCanceled: Boolean(t.cardCanceledAt),
    authorizationId: t.authorizationId,
    error: t.error,
    createdAt: t.createdAt,
    finishedAt: t.finishedAt,
  };
}

export async function listFailedTopups(db: Db, w: { from: Date; to: Date }, now = new Date()): Promise<TopupView[]> {
  const stalledBefore = new Date(now.getTime() - TOPUP_STALLED_AFTER_MS);
  const rows = await db
    .select()
    .from(walletTopups)
    .where(
      and(
        gte(walletTopups.createdAt, w.from),
        lte(walletTopups.createdAt, w.to),
        or(
          eq(walletTopups.status, "failed"),
          and(eq(walletTopups.status, "open"), lt(walletTopups.leaseUntil, stalledBefore)),
        ),
      ),
    )
    .orderBy(desc(walletTopups.createdAt))
    .limit(500);
  return rows.map((t) => topupView(t, now));
}

/** A later success means funding works again (the failed one's orders were refunded already). */
export async function openTopupProblems(db: Db, now = new Date()): Promise<TopupView[]> {
  const stalledBefore = new Date(now.getTime() - TOPUP_STALLED_AFTER_MS);
  const later = sql`exists (select 1 from ${walletTopups} as s where s.provider = ${walletTopups.provider}
    and s.status = 'succeeded' and s.created_at > ${walletTopups.createdAt})`;
  const rows = await db
    .select()
    .from(walletTopups)
    .where(
      and(
        or(
          eq(walletTopups.status, "failed"),
          and(eq(walletTopups.status, "open"), lt(walletTopups.leaseUntil, stalledBefore)),
        ),
        sql`not ${later}`,
      ),
    )
    .orderBy(walletTopups.createdAt)
    .limit(200);
  return rows.map((t) => topupView(t, now));
}

export async function topupsForOrder(db: Db, orderId: string): Promise<TopupView[]> {
  const rows = await db
    .select()
    .from(walletTopups)
    .where(sql`${orderId} = any(${walletTopups.orderIds})`)
    .orderBy(walletTopups.createdAt);
  return rows.map((t) => topupView(t));
}

export async function topupsByCard(db: Db, cardIds: string[]): Promise<WalletTopup[]> {
  if (cardIds.length === 0) return [];
  return db.select().from(walletTopups).where(inArray(walletTopups.cardId, cardIds));
}

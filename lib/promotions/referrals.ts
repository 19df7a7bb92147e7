// Credit is worked out from the orders, never kept as a running total: a refunded referred order stops earning
// and credit spent on an abandoned checkout comes back, without anything having to remember to.
import { randomInt } from "node:crypto";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { orderDiscounts, orders, promotions, type Promotion } from "@/lib/db/schema";

export const REFERRAL_PERCENT_OFF = 10;
/** Per delivered referred order, in minor units. */
export const REFERRAL_REWARD: Record<string, number> = {
  USD: 300,
  EUR: 300,
  GBP: 250,
  CAD: 400,
  AUD: 450,
  JPY: 450,
};
const EARNING = ["delivered", "installed"];

// No 0/O or 1/I/L: a code read aloud or off a screenshot is typed right.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function newReferralCode(): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `FRIEND-${s}`;
}

export async function referralCodeFor(db: Db, customerId: string): Promise<Promotion> {
  const existing = await findReferral(db, customerId);
  if (existing) return existing;
  for (let attempt = 0; attempt < 5; attempt++) {
    const inserted = await db.transaction(async (tx) => {
      // Serialise per customer: the unique code alone would let two concurrent first views make two codes.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`referral:${customerId}`}))`);
      const again = await findReferral(tx, customerId);
      if (again) return again;
      const [row] = await tx
        .insert(promotions)
        .values({
          id: `promo_${randomId()}`,
          code: newReferralCode(),
          source: "referral",
          kind: "percent",
          percentOff: REFERRAL_PERCENT_OFF,
          maxPerCustomer: 1,
          firstOrderOnly: true,
          referrerCustomerId: customerId,
          description: "Referral: a friend's first order",
        })
        .onConflictDoNothing()
        .returning();
      return row ?? null;
    });
    if (inserted) return inserted;
  }
  throw new Error("could not make a unique referral code");
}

async function findReferral(db: Db | Tx, customerId: string): Promise<Promotion | null> {
  const [row] = await db
    .select()
    .from(promotions)
    .where(and(eq(promotions.source, "referral"), eq(promotions.referrerCustomerId, customerId)))
    .limit(1);
  return row ?? null;
}

export async function earnedCredit(db: Db | Tx, customerId: string, currency: string): Promise<number> {
  const reward = REFERRAL_REWARD[currency.toUpperCase()];
  if (!reward) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orderDiscounts)
    .innerJoin(promotions, eq(promotions.id, orderDiscounts.promotionId))
    .innerJoin(orders, eq(orders.id, orderDiscounts.orderId))
    .where(
      and(
        eq(promotions.source, "referral"),
        eq(promotions.referrerCustomerId, customerId),
        eq(orderDiscounts.currency, currency.toUpperCase()),
        inArray(orders.status, EARNING),
        // A goodwill refund after delivery keeps the order delivered but marks the money returned.
        isNull(orders.refundedAt),
        or(isNull(orders.refundedMinor), eq(orders.refundedMinor, 0)),
      ),
    );
  return (row?.n ?? 0) * reward;
}

export interface ReferralSummary {
  code: string;
  percentOff: number;
  delivered: number;
  pending: number;
}

export async function referralSummary(db: Db, customerId: string): Promise<ReferralSummary> {
  const promo = await referralCodeFor(db, customerId);
  const rows = await db
    .select({ status: orders.status, refundedAt: orders.refundedAt })
    .from(orderDiscounts)
    .innerJoin(orders, eq(orders.id, orderDiscounts.orderId))
    .where(eq(orderDiscounts.promotionId, promo.id));
  const delivered = rows.filter((r) => EARNING.includes(r.status) && !r.refundedAt).length;
  const pending = rows.filter((r) => ["paid", "provisioning", "needs_attention"].includes(r.status)).length;
  return { code: promo.code, percentOff: promo.percentOff ?? REFERRAL_PERCENT_OFF, delivered, pending };
}

export function randomId(): string {
  let s = "";
  for (let i = 0; i < 16; i++) s += "abcdefghijklmnopqrstuvwxyz0123456789"[randomInt(36)];
  return s;
}

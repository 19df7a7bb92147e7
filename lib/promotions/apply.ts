// `planDiscount` runs unlocked for the plan page's price, and in the order's transaction with the code's and the
// buyer's rows locked, so a rush on a code's last use is decided one at a time and never exceeds its limit.
import { and, eq, isNotNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { customers, orderDiscounts, orders, promotions, type Promotion } from "@/lib/db/schema";
import {
  CODE_PATTERN,
  RELEASED_STATUSES,
  creditToApply,
  evaluatePromotion,
  normaliseCode,
  type RefusalDetails,
  type RefusalReason,
} from "./rules";
import { earnedCredit } from "./referrals";

export class PromotionRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly details?: RefusalDetails,
  ) {
    super(message);
    this.name = "PromotionRefused";
  }
}

export interface Buyer {
  customerId?: string | null;
  /** Lower-cased. */
  email?: string | null;
}

export interface PlanInput {
  code?: string | null;
  buyer: Buyer;
  listMinor: number;
  currency: string;
  countries: string[];
  /** A guest's email is typed on the same form as Pay, so per-customer rules wait for checkout. */
  preview?: boolean;
}

export interface DiscountPlan {
  promotion: Pick<Promotion, "id" | "code" | "source"> | null;
  listMinor: number;
  discountMinor: number;
  creditMinor: number;
  finalMinor: number;
  currency: string;
  customerKey: string | null;
}

function buyerOrders(buyer: Buyer): SQL | undefined {
  const parts: SQL[] = [];
  if (buyer.customerId) parts.push(eq(orders.customerId, buyer.customerId));
  if (buyer.email) parts.push(eq(orders.email, buyer.email));
  return parts.length ? or(...parts) : undefined;
}

const counts = notInArray(orders.status, [...RELEASED_STATUSES]);

/** With `lock`, call it in the transaction that inserts the order and `recordDiscount`: the locks hold till commit. */
export async function planDiscount(db: Db | Tx, input: PlanInput, opts: { lock: boolean }): Promise<DiscountPlan> {
  const currency = input.currency.toUpperCase();
  const { buyer } = input;
  let promotion: Promotion | null = null;
  let discountMinor = 0;

  if (input.code) {
    const code = normaliseCode(input.code);
    if (!CODE_PATTERN.test(code)) throw new PromotionRefused("not_found", "We don't know that code.");
    const query = db.select().from(promotions).where(eq(promotions.code, code)).limit(1);
    [promotion = null] = opts.lock ? await query.for("update") : await query;
    if (!promotion) throw new PromotionRefused("not_found", "We don't know that code.");

    const who = buyerOrders(buyer);
    const [{ total, mine }] = (await db
      .select({
        total: sql<number>`count(*)::int`,
        mine: who ? sql<number>`(count(*) filter (where ${who}))::int` : sql<number>`0`,
      })
      .from(orderDiscounts)
      .innerJoin(orders, eq(orders.id, orderDiscounts.orderId))
      .where(and(eq(orderDiscounts.promotionId, promotion.id), counts))) as [{ total: number; mine: number }];

    const hasPaidBefore =
      promotion.firstOrderOnly && who
        ? (
            await db
              .select({ id: orders.id })
              .from(orders)
              .where(and(who, isNotNull(orders.paidAt)))
              .limit(1)
          ).length > 0
        : false;
    const isReferrer = promotion.referrerCustomerId
      ? await isSameBuyer(db, promotion.referrerCustomerId, buyer)
      : false;

    const verdict = evaluatePromotion(promotion, {
      now: new Date(),
      listMinor: input.listMinor,
      currency,
      countries: input.countries,
      usedTotal: total,
      usedByBuyer: mine,
      buyerKnown: Boolean(buyer.customerId || buyer.email || input.preview),
      hasPaidBefore,
      isReferrer,
    });
    if (!verdict.ok) throw new PromotionRefused(verdict.reason, verdict.message, verdict.details);
    discountMinor = verdict.discountMinor;
  }

  let creditMinor = 0;
  if (buyer.customerId) {
    // The buyer's row lock makes two checkouts of the same customer spend one balance one after the other.
    if (opts.lock)
      await db.select({ id: customers.id }).from(customers).where(eq(customers.id, buyer.customerId)).for("update");
    const balance = await creditBalance(db, buyer.customerId, currency);
    creditMinor = creditToApply(balance, input.listMinor - discountMinor, currency);
  }

  return {
    promotion: promotion ? { id: promotion.id, code: promotion.code, source: promotion.source } : null,
    listMinor: input.listMinor,
    discountMinor,
    creditMinor,
    finalMinor: input.listMinor - discountMinor - creditMinor,
    currency,
    customerKey: buyer.customerId ? `customer:${buyer.customerId}` : buyer.email ? `email:${buyer.email}` : null,
  };
}

export async function recordDiscount(tx: Tx, orderId: string, plan: DiscountPlan, stripeCouponId?: string) {
  if (plan.discountMinor === 0 && plan.creditMinor === 0) return;
  await tx.insert(orderDiscounts).values({
    orderId,
    promotionId: plan.promotion?.id ?? null,
    customerKey: plan.customerKey,
    listMinor: plan.listMinor,
    discountMinor: plan.discountMinor,
    creditMinor: plan.creditMinor,
    currency: plan.currency,
    stripeCouponId: stripeCouponId ?? null,
  });
}

/** Credit spent on an order that was abandoned or refunded comes back. */
export async function creditBalance(db: Db | Tx, customerId: string, currency: string): Promise<number> {
  const earned = await earnedCredit(db, customerId, currency);
  const [spent] = await db
    .select({ n: sql<number>`coalesce(sum(${orderDiscounts.creditMinor}), 0)::int` })
    .from(orderDiscounts)
    .innerJoin(orders, eq(orders.id, orderDiscounts.orderId))
    .where(and(eq(orders.customerId, customerId), eq(orderDiscounts.currency, currency.toUpperCase()), counts));
  return Math.max(0, earned - (spent?.n ?? 0));
}

async function isSameBuyer(db: Db | Tx, referrerId: string, buyer: Buyer): Promise<boolean> {
  if (buyer.customerId === referrerId) return true;
  if (!buyer.email) return false;
  const [ref] = await db.select({ email: customers.email }).from(customers).where(eq(customers.id, referrerId));
  return ref?.email === buyer.email;
}

export async function discountOfOrder(db: Db | Tx, orderId: string) {
  const [row] = await db.select().from(orderDiscounts).where(eq(orderDiscounts.orderId, orderId));
  return row ?? null;
}

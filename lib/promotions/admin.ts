import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { orderDiscounts, orders, promotions, type Promotion } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { minorDigits } from "@/lib/format";
import { isCountryCode } from "@/lib/catalogue/countries";
import { CODE_PATTERN, RELEASED_STATUSES, normaliseCode } from "./rules";
import { randomId } from "./referrals";

export function shopCurrencies(): string[] {
  return [env().pricing.currency];
}

export function parseMoneyInput(raw: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const m = /^(\d{1,7})(?:\.(\d+))?$/.exec(raw.trim());
  if (!m || (m[2] && m[2].length > digits)) return null;
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? "").padEnd(digits, "0") || 0);
}

const optionalInt = (label: string, min: number) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return null;
      if (!/^\d{1,7}$/.test(v) || Number(v) < min) {
        ctx.addIssue({ code: "custom", message: `${label} must be a whole number of at least ${min}.` });
        return z.NEVER;
      }
      return Number(v);
    });

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return null;
      // datetime-local has no zone: the admin area works in UTC, as its labels say.
      const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message: `${label} is not a date.` });
        return z.NEVER;
      }
      return d;
    });

export const promotionFormSchema = z.object({
  code: z
    .string()
    .transform(normaliseCode)
    .refine((c) => CODE_PATTERN.test(c), "Codes are 3–32 letters, digits or dashes."),
  kind: z.enum(["percent", "fixed"], { error: "Choose percent or fixed amount." }),
  percentOff: optionalInt("Percent off", 1).refine((v) => v === null || v <= 100, "Percent off is at most 100."),
  startsAt: optionalDate("Start"),
  endsAt: optionalDate("End"),
  maxRedemptions: optionalInt("Total uses", 1),
  maxPerCustomer: optionalInt("Uses per customer", 1),
  countries: z
    .string()
    .max(2000)
    .transform((v, ctx) => {
      const list = v
        .split(/[\s,]+/)
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean);
      const bad = list.filter((c) => !isCountryCode(c));
      if (bad.length) {
        ctx.addIssue({ code: "custom", message: `Not a country code: ${bad.join(", ")}.` });
        return z.NEVER;
      }
      return list.length ? [...new Set(list)] : null;
    }),
  description: z.string().trim().max(200).default(""),
});
export type PromotionForm = z.input<typeof promotionFormSchema>;

export type AdminResult =
  | { outcome: "applied"; message: string; promotion: Promotion }
  | { outcome: "no_change" | "refused"; message: string; promotion?: Promotion };

/** A currency left empty is not offered. */
function amountsFrom(fields: Record<string, string>, prefix: string): Record<string, number> | string {
  const out: Record<string, number> = {};
  for (const currency of shopCurrencies()) {
    const raw = fields[`${prefix}_${currency}`]?.trim() ?? "";
    if (!raw) continue;
    const minor = parseMoneyInput(raw, currency);
    if (minor === null) return `${currency} ${prefix === "amount" ? "amount" : "minimum"} "${raw}" is not an amount.`;
    out[currency] = minor;
  }
  return out;
}

export async function createPromotion(db: Db, fields: Record<string, string>, createdBy: string): Promise<AdminResult> {
  const parsed = promotionFormSchema.safeParse(fields);
  if (!parsed.success) return { outcome: "refused", message: parsed.error.issues[0]?.message ?? "Check the form." };
  const f = parsed.data;
  const amounts = amountsFrom(fields, "amount");
  const minimums = amountsFrom(fields, "minimum");
  if (typeof amounts === "string") return { outcome: "refused", message: amounts };
  if (typeof minimums === "string") return { outcome: "refused", message: minimums };
  if (f.kind === "percent" && f.percentOff === null) return { outcome: "refused", message: "Enter the percent off." };
  if (f.kind === "fixed" && Object.keys(amounts).length === 0)
    return { outcome: "refused", message: "Enter the amount off in at least one currency." };
  if (f.startsAt && f.endsAt && f.endsAt <= f.startsAt)
    return { outcome: "refused", message: "The end must be after the start." };

  const [row] = await db
    .insert(promotions)
    .values({
      id: `promo_${randomId()}`,
      code: f.code,
      source: "admin",
      kind: f.kind,
      percentOff: f.kind === "percent" ? f.percentOff : null,
      amountsOff: f.kind === "fixed" ? amounts : null,
      minimumAmounts: Object.keys(minimums).length ? minimums : null,
      startsAt: f.startsAt,
      endsAt: f.endsAt,
      maxRedemptions: f.maxRedemptions,
      maxPerCustomer: f.maxPerCustomer,
      countries: f.countries,
      description: f.description || null,
      createdBy,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return { outcome: "refused", message: `The code ${f.code} already exists.` };
  return { outcome: "applied", message: `Created ${row.code}.`, promotion: row };
}

/** Deactivating takes effect at once for new checkouts; orders already paid keep their discount. */
export async function setPromotionActive(db: Db, id: string, active: boolean): Promise<AdminResult> {
  const [row] = await db
    .update(promotions)
    .set({ active })
    .where(and(eq(promotions.id, id), eq(promotions.active, !active)))
    .returning();
  if (row)
    return { outcome: "applied", message: `${row.code} is now ${active ? "active" : "inactive"}.`, promotion: row };
  const [existing] = await db.select().from(promotions).where(eq(promotions.id, id));
  if (!existing) return { outcome: "refused", message: "No such code." };
  return { outcome: "no_change", message: `${existing.code} was already ${active ? "active" : "inactive"}.` };
}

export interface PromotionRow extends Promotion {
  /** Uses that count against the limit: paid, or checkouts still open. */
  used: number;
  paid: number;
  discountGiven: Record<string, number>;
}

const counting = notInArray(orders.status, [...RELEASED_STATUSES]);

export async function listPromotions(
  db: Db,
): Promise<{ codes: PromotionRow[]; referral: { codes: number; orders: number } }> {
  const rows = await db
    .select()
    .from(promotions)
    .where(eq(promotions.source, "admin"))
    .orderBy(desc(promotions.createdAt))
    .limit(200);
  const usage = await db
    .select({
      promotionId: orderDiscounts.promotionId,
      currency: orderDiscounts.currency,
      used: sql<number>`(count(*) filter (where ${counting}))::int`,
      paid: sql<number>`(count(*) filter (where ${orders.paidAt} is not null and ${counting}))::int`,
      given: sql<number>`coalesce(sum(${orderDiscounts.discountMinor}) filter (where ${orders.paidAt} is not null and ${counting}), 0)::int`,
    })
    .from(orderDiscounts)
    .innerJoin(orders, eq(orders.id, orderDiscounts.orderId))
    .groupBy(orderDiscounts.promotionId, orderDiscounts.currency);
  const codes = rows.map((p) => {
    const mine = usage.filter((u) => u.promotionId === p.id);
    return {
      ...p,
      used: mine.reduce((s, u) => s + u.used, 0),
      paid: mine.reduce((s, u) => s + u.paid, 0),
      discountGiven: Object.fromEntries(mine.filter((u) => u.given > 0).map((u) => [u.currency, u.given])),
    };
  });
  const [referral] = await db
    .select({
      codes: sql<number>`count(distinct ${promotions.id})::int`,
      orders: sql<number>`count(${orderDiscounts.orderId})::int`,
    })
    .from(promotions)
    .leftJoin(orderDiscounts, eq(orderDiscounts.promotionId, promotions.id))
    .where(eq(promotions.source, "referral"));
  return { codes, referral: referral ?? { codes: 0, orders: 0 } };
}

export interface Redemption {
  orderId: string;
  status: string;
  email: string | null;
  listMinor: number;
  discountMinor: number;
  amountMinor: number;
  currency: string;
  createdAt: Date;
  paidAt: Date | null;
}

export async function getPromotion(db: Db, id: string): Promise<Promotion | null> {
  const [row] = await db.select().from(promotions).where(eq(promotions.id, id));
  return row ?? null;
}

export async function listRedemptions(db: Db, promotionId: string): Promise<Redemption[]> {
  return db
    .select({
      orderId: orders.id,
      status: orders.status,
      email: orders.email,
      listMinor: orderDiscounts.listMinor,
      discountMinor: orderDiscounts.discountMinor,
      amountMinor: orders.amountMinor,
      currency: orderDiscounts.currency,
      createdAt: orderDiscounts.createdAt,
      paidAt: orders.paidAt,
    })
    .from(orderDiscounts)
    .innerJoin(orders, eq(orders.id, orderDiscounts.orderId))
    .where(eq(orderDiscounts.promotionId, promotionId))
    .orderBy(desc(orderDiscounts.createdAt))
    .limit(500);
}

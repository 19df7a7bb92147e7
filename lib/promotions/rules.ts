import { formatMoney } from "@/lib/format";
import type { Promotion } from "@/lib/db/schema";

/** Stripe refuses a Checkout Session charging less than this (minor units); a discount never goes under it. */
const MINIMUM_CHARGE: Record<string, number> = { USD: 50, EUR: 50, GBP: 30, CAD: 50, AUD: 50, CHF: 50, JPY: 50 };
export function minimumCharge(currency: string): number {
  return MINIMUM_CHARGE[currency.toUpperCase()] ?? 50;
}

/** A discount on these no longer counts against a code's limits. */
export const RELEASED_STATUSES = ["expired", "payment_failed", "refunded"] as const;

export type RefusalReason =
  | "not_found"
  | "inactive"
  | "not_started"
  | "expired"
  | "used_up"
  | "customer_limit"
  | "wrong_destination"
  | "below_minimum"
  | "wrong_currency"
  | "first_order_only"
  | "self_referral"
  | "needs_email";

export interface PromotionFacts {
  now: Date;
  listMinor: number;
  currency: string;
  countries: string[];
  /** The code's row is locked when this matters. */
  usedTotal: number;
  usedByBuyer: number;
  buyerKnown: boolean;
  hasPaidBefore: boolean;
  isReferrer: boolean;
}

export interface RefusalDetails {
  day?: string;
  amountMinor?: number;
  currency?: string;
}

export type Evaluation =
  { ok: true; discountMinor: number } | { ok: false; reason: RefusalReason; message: string; details?: RefusalDetails };

type PromotionRule = Pick<
  Promotion,
  | "kind"
  | "percentOff"
  | "amountsOff"
  | "minimumAmounts"
  | "startsAt"
  | "endsAt"
  | "maxRedemptions"
  | "maxPerCustomer"
  | "countries"
  | "firstOrderOnly"
  | "active"
  | "source"
>;

const day = (d: Date) => d.toISOString().slice(0, 10);

export function evaluatePromotion(p: PromotionRule, f: PromotionFacts): Evaluation {
  const no = (reason: RefusalReason, message: string, details?: RefusalDetails): Evaluation => ({
    ok: false,
    reason,
    message,
    ...(details ? { details } : {}),
  });
  const currency = f.currency.toUpperCase();
  if (!p.active) return no("inactive", "This code is no longer active.");
  if (p.startsAt && f.now < p.startsAt)
    return no("not_started", `This code can be used from ${day(p.startsAt)}.`, { day: day(p.startsAt) });
  if (p.endsAt && f.now >= p.endsAt)
    return no("expired", `This code expired on ${day(p.endsAt)}.`, { day: day(p.endsAt) });
  if (p.source === "referral" && f.isReferrer) return no("self_referral", "You can't use your own referral code.");
  if (p.countries && p.countries.length > 0) {
    const allowed = new Set(p.countries.map((c) => c.toUpperCase()));
    if (f.countries.length === 0 || !f.countries.every((c) => allowed.has(c.toUpperCase())))
      return no("wrong_destination", "This code isn't valid for this destination.");
  }
  let discount: number;
  if (p.kind === "percent") {
    const pct = p.percentOff ?? 0;
    // Half up, in minor units: 15 % of 499 is 74.85 → 75.
    discount = Math.floor((f.listMinor * pct + 50) / 100);
  } else {
    const amount = p.amountsOff?.[currency];
    if (amount === undefined)
      return no("wrong_currency", `This code can't be used for prices in ${currency}.`, { currency });
    discount = amount;
  }
  const minimum = p.minimumAmounts?.[currency];
  if (minimum !== undefined && f.listMinor < minimum)
    return no("below_minimum", `This code needs an order of at least ${formatMoney(minimum, currency)}.`, {
      amountMinor: minimum,
      currency,
    });
  if ((p.maxPerCustomer !== null || p.firstOrderOnly) && !f.buyerKnown)
    return no("needs_email", "Enter your email address (or sign in) to use this code.");
  if (p.firstOrderOnly && f.hasPaidBefore) return no("first_order_only", "This code is for a first order only.");
  if (p.maxPerCustomer !== null && f.usedByBuyer >= p.maxPerCustomer)
    return no("customer_limit", "You've already used this code.");
  if (p.maxRedemptions !== null && f.usedTotal >= p.maxRedemptions) return no("used_up", "This code has been used up.");
  return { ok: true, discountMinor: capDiscount(discount, f.listMinor, currency) };
}

export function refusalMessage(reason: string | undefined): string | null {
  const messages: Record<RefusalReason, string> = {
    not_found: "We don't know that code.",
    inactive: "This code is no longer active.",
    not_started: "This code can't be used yet.",
    expired: "This code has expired.",
    used_up: "This code has been used up.",
    customer_limit: "You've already used this code.",
    wrong_destination: "This code isn't valid for this destination.",
    below_minimum: "This order is below the code's minimum amount.",
    wrong_currency: "This code can't be used for prices in this currency.",
    first_order_only: "This code is for a first order only.",
    self_referral: "You can't use your own referral code.",
    needs_email: "Enter your email address (or sign in) to use this code.",
  };
  return reason && Object.hasOwn(messages, reason) ? messages[reason as RefusalReason] : null;
}

export function capDiscount(discountMinor: number, listMinor: number, currency: string): number {
  return Math.max(0, Math.min(discountMinor, listMinor - minimumCharge(currency)));
}

export function creditToApply(balanceMinor: number, afterCodeMinor: number, currency: string): number {
  return Math.max(0, Math.min(balanceMinor, afterCodeMinor - minimumCharge(currency)));
}

export function normaliseCode(raw: string): string {
  return raw.trim().toUpperCase();
}
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;

// What a code is worth on one plan for one buyer: pure decisions, unit-tested, applied by the quote (plan
// page) and by checkout inside the transaction that locks the code's row.
import { formatMoney } from "@/lib/format";
import type { Promotion } from "@/lib/db/schema";

/**
 * Stripe refuses a Checkout Session that charges less than this (minor units); a discount never takes a price
 * under it. Stripe's own table, for the currencies a shop is likely to sell in.
 */
const MINIMUM_CHARGE: Record<string, number> = { USD: 50, EUR: 50, GBP: 30, CAD: 50, AUD: 50, CHF: 50, JPY: 50 };
export function minimumCharge(currency: string): number {
  return MINIMUM_CHARGE[currency.toUpperCase()] ?? 50;
}

/** Order statuses whose discount no longer counts: the checkout was abandoned, failed, or paid back. */
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
  /** The countries the plan covers (ISO codes). */
  countries: string[];
  /** Uses that still count, everyone's (the row is locked when this matters). */
  usedTotal: number;
  /** Uses that still count by this buyer (account or email). */
  usedByBuyer: number;
  /** The buyer is known (signed in, or typed an email): per-customer limits need one. */
  buyerKnown: boolean;
  /** The buyer has paid for an order before. */
  hasPaidBefore: boolean;
  /** The buyer is the code's own referrer (by account or email). */
  isReferrer: boolean;
}

/** What a refusal's sentence names, so that every language can say it: the day, the minimum, the currency. */
export interface RefusalDetails {
  /** A UTC day, YYYY-MM-DD. */
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

/** Why a code cannot be used, or what it takes off the list price (never more than leaves Stripe's minimum). */
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

/** The sentence for a refusal when only its reason is known (a form sent back from checkout). */
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

/** A discount that leaves at least Stripe's minimum charge to pay. */
export function capDiscount(discountMinor: number, listMinor: number, currency: string): number {
  return Math.max(0, Math.min(discountMinor, listMinor - minimumCharge(currency)));
}

/** Credit the buyer may spend on what is left to pay after the code. */
export function creditToApply(balanceMinor: number, afterCodeMinor: number, currency: string): number {
  return Math.max(0, Math.min(balanceMinor, afterCodeMinor - minimumCharge(currency)));
}

/** Codes as the buyer types them, compared in upper case: "summer-10 " is SUMMER-10. */
export function normaliseCode(raw: string): string {
  return raw.trim().toUpperCase();
}
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;

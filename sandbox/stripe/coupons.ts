// Coupons, promotion codes and a Checkout Session's `discounts`, as the real API has them: a coupon is
// `percent_off` or `amount_off` + `currency`, with `duration`, `max_redemptions`, `redeem_by`; a promotion
// code is a customer-facing code over a coupon (`promotion: { type: "coupon", coupon }`, API 2025-09-30
// onwards). A session with `discounts` shows `amount_subtotal`, the discounted `amount_total`,
// `total_details.amount_discount` and each line item's `amount_discount`; a coupon is redeemed when its
// session is paid.
import type { SandboxApp } from "../server";
import type { FormValue } from "../core/http";
import type { RecordPath } from "../core/store";
import {
  arr,
  int,
  invalid,
  metadata,
  missingParam,
  noSuch,
  obj,
  oneOf,
  paginate,
  rejectUnknown,
  str,
  type ApiRequest,
  type Params,
} from "./api";
import { newId, nowSec, saveState, stripeState, type LineItem, type ListObject, type Metadata } from "./objects";

export interface Coupon {
  id: string;
  object: "coupon";
  amount_off: number | null;
  created: number;
  currency: string | null;
  duration: "once" | "repeating" | "forever";
  duration_in_months: number | null;
  livemode: false;
  max_redemptions: number | null;
  metadata: Metadata;
  name: string | null;
  percent_off: number | null;
  redeem_by: number | null;
  times_redeemed: number;
  valid: boolean;
}

export interface PromotionCode {
  id: string;
  object: "promotion_code";
  active: boolean;
  code: string;
  created: number;
  customer: null;
  customer_account: null;
  expires_at: number | null;
  livemode: false;
  max_redemptions: number | null;
  metadata: Metadata;
  promotion: { coupon: string; type: "coupon" };
  restrictions: {
    first_time_transaction: boolean;
    minimum_amount: number | null;
    minimum_amount_currency: string | null;
  };
  times_redeemed: number;
}

/** What a session carries in `discounts`. */
export interface SessionDiscount {
  coupon: string | null;
  promotion_code: string | null;
}

interface DiscountState {
  coupons: Record<string, Coupon>;
  promotionCodes: Record<string, PromotionCode>;
}

/** Kept beside the rest of the Stripe state; state saved by an older sandbox simply has none yet. */
function discountState(app: SandboxApp): DiscountState {
  const state = stripeState(app) as unknown as Partial<DiscountState>;
  state.coupons ??= {};
  state.promotionCodes ??= {};
  return state as DiscountState;
}

/** A coupon can be applied: not past `redeem_by`, not redeemed `max_redemptions` times. */
function refreshValidity(app: SandboxApp, c: Coupon): Coupon {
  c.valid =
    !(c.redeem_by !== null && c.redeem_by <= nowSec(app)) &&
    !(c.max_redemptions !== null && c.times_redeemed >= c.max_redemptions);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Coupons

export function createCoupon(req: ApiRequest): Coupon {
  const { app, params } = req;
  rejectUnknown(params, [
    "id",
    "amount_off",
    "currency",
    "percent_off",
    "duration",
    "duration_in_months",
    "max_redemptions",
    "redeem_by",
    "name",
    "metadata",
    "expand",
  ]);
  const state = discountState(app);
  const amountOff = int(params, "amount_off", "amount_off", 1);
  const percentRaw = str(params, "percent_off");
  const percentOff = percentRaw === undefined ? undefined : Number(percentRaw);
  if (amountOff === undefined && percentOff === undefined)
    throw invalid("You must pass either `amount_off` or `percent_off`.", "amount_off");
  if (amountOff !== undefined && percentOff !== undefined)
    throw invalid("You may only specify one of these parameters: amount_off, percent_off.", "percent_off");
  if (percentOff !== undefined && !(Number.isFinite(percentOff) && percentOff > 0 && percentOff <= 100))
    throw invalid("Invalid percent_off: must be greater than 0 and less than or equal to 100", "percent_off");
  const currency = str(params, "currency")?.toLowerCase();
  if (amountOff !== undefined && !currency)
    throw invalid("You must pass `currency` when passing `amount_off`.", "currency");
  const duration = oneOf(params, "duration", ["once", "repeating", "forever"] as const) ?? "once";
  const name = str(params, "name") ?? null;
  if (name && name.length > 40) throw invalid("Invalid name: must be at most 40 characters", "name");
  const id = str(params, "id") || newId("", 8);
  if (state.coupons[id]) throw invalid("Coupon already exists.", "id", "resource_already_exists");
  const coupon: Coupon = {
    id,
    object: "coupon",
    amount_off: amountOff ?? null,
    created: nowSec(app),
    currency: amountOff !== undefined ? currency! : null,
    duration,
    duration_in_months:
      duration === "repeating" ? (int(params, "duration_in_months", "duration_in_months", 1) ?? null) : null,
    livemode: false,
    max_redemptions: int(params, "max_redemptions", "max_redemptions", 1) ?? null,
    metadata: metadata(params),
    name,
    percent_off: percentOff ?? null,
    redeem_by: int(params, "redeem_by") ?? null,
    times_redeemed: 0,
    valid: true,
  };
  state.coupons[id] = coupon;
  saveState(app);
  return { ...coupon };
}

export function retrieveCoupon(req: ApiRequest): Coupon {
  rejectUnknown(req.params, ["expand"]);
  const c = discountState(req.app).coupons[req.ctx.params.id!];
  if (!c) throw noSuch("coupon", req.ctx.params.id!);
  return { ...refreshValidity(req.app, c) };
}

export function listCoupons(req: ApiRequest): ListObject<Coupon> {
  rejectUnknown(req.params, ["limit", "starting_after", "ending_before", "created", "expand"]);
  const all = Object.values(discountState(req.app).coupons)
    .reverse()
    .map((c) => ({ ...refreshValidity(req.app, c) }));
  return paginate(all, req.params, "/v1/coupons", "coupon");
}

export function deleteCoupon(req: ApiRequest): { id: string; object: "coupon"; deleted: true } {
  const state = discountState(req.app);
  const id = req.ctx.params.id!;
  if (!state.coupons[id]) throw noSuch("coupon", id);
  delete state.coupons[id];
  saveState(req.app);
  return { id, object: "coupon", deleted: true };
}

// ---------------------------------------------------------------------------------------------
// Promotion codes

export function createPromotionCode(req: ApiRequest): PromotionCode {
  const { app, params } = req;
  rejectUnknown(params, [
    "promotion",
    "code",
    "active",
    "customer",
    "expires_at",
    "max_redemptions",
    "metadata",
    "restrictions",
    "expand",
  ]);
  const state = discountState(app);
  const promotion = obj(params, "promotion");
  if (!promotion) throw missingParam("promotion");
  rejectUnknown(promotion, ["coupon", "type"], "promotion");
  if (str(promotion, "type", "promotion[type]") !== "coupon")
    throw invalid("Invalid promotion[type]: must be coupon", "promotion[type]");
  const couponId = str(promotion, "coupon", "promotion[coupon]");
  if (!couponId) throw missingParam("promotion[coupon]");
  if (!state.coupons[couponId]) throw noSuch("coupon", couponId, "promotion[coupon]");
  const code = str(params, "code") || newId("", 8).toUpperCase();
  if (!/^[A-Za-z0-9]{1,500}$/.test(code.replace(/[-_]/g, "")))
    throw invalid("Invalid code: may contain only alphanumeric characters, dashes and underscores", "code");
  const lower = code.toLowerCase();
  if (Object.values(state.promotionCodes).some((p) => p.active && p.code.toLowerCase() === lower))
    throw invalid("An active promotion code with `code` already exists.", "code", "resource_already_exists");
  const restrictions = obj(params, "restrictions") ?? {};
  rejectUnknown(restrictions, ["first_time_transaction", "minimum_amount", "minimum_amount_currency"], "restrictions");
  const pc: PromotionCode = {
    id: newId("promo_"),
    object: "promotion_code",
    active: str(params, "active") !== "false",
    code,
    created: nowSec(app),
    customer: null,
    customer_account: null,
    expires_at: int(params, "expires_at") ?? null,
    livemode: false,
    max_redemptions: int(params, "max_redemptions", "max_redemptions", 1) ?? null,
    metadata: metadata(params),
    promotion: { coupon: couponId, type: "coupon" },
    restrictions: {
      first_time_transaction: str(restrictions, "first_time_transaction") === "true",
      minimum_amount: int(restrictions, "minimum_amount", "restrictions[minimum_amount]") ?? null,
      minimum_amount_currency: str(restrictions, "minimum_amount_currency")?.toLowerCase() ?? null,
    },
    times_redeemed: 0,
  };
  state.promotionCodes[pc.id] = pc;
  saveState(app);
  return { ...pc };
}

export function retrievePromotionCode(req: ApiRequest): PromotionCode {
  rejectUnknown(req.params, ["expand"]);
  const pc = discountState(req.app).promotionCodes[req.ctx.params.id!];
  if (!pc) throw noSuch("promotion_code", req.ctx.params.id!);
  return { ...pc };
}

export function updatePromotionCode(req: ApiRequest): PromotionCode {
  rejectUnknown(req.params, ["active", "metadata", "restrictions", "expand"]);
  const pc = discountState(req.app).promotionCodes[req.ctx.params.id!];
  if (!pc) throw noSuch("promotion_code", req.ctx.params.id!);
  const active = str(req.params, "active");
  if (active !== undefined) pc.active = active === "true";
  pc.metadata = metadata(req.params, "metadata", pc.metadata);
  saveState(req.app);
  return { ...pc };
}

export function listPromotionCodes(req: ApiRequest): ListObject<PromotionCode> {
  rejectUnknown(req.params, ["limit", "starting_after", "ending_before", "code", "coupon", "active", "expand"]);
  const code = str(req.params, "code");
  const coupon = str(req.params, "coupon");
  const active = str(req.params, "active");
  const all = Object.values(discountState(req.app).promotionCodes)
    .reverse()
    .filter((p) => (!code || p.code === code) && (!coupon || p.promotion.coupon === coupon))
    .filter((p) => active === undefined || String(p.active) === active);
  return paginate(
    all.map((p) => ({ ...p })),
    req.params,
    "/v1/promotion_codes",
    "promotion_code",
  );
}

// ---------------------------------------------------------------------------------------------
// Sessions

export interface AppliedDiscounts {
  discounts: SessionDiscount[];
  amountDiscount: number;
  /** For the hosted page: "SUMMER10" (the coupon's name, else its id). */
  label: string | null;
}

/**
 * `discounts` of a session being created: at most one coupon or promotion code, never together with
 * `allow_promotion_codes`, in the session's currency; the amount off is capped at the subtotal.
 */
export function sessionDiscounts(
  app: SandboxApp,
  params: Params,
  subtotal: number,
  currency: string,
): AppliedDiscounts {
  const raw = arr(params, "discounts");
  if (!raw || raw.length === 0) return { discounts: [], amountDiscount: 0, label: null };
  if (str(params, "allow_promotion_codes") !== undefined)
    throw invalid("You may only specify one of these parameters: allow_promotion_codes, discounts.", "discounts");
  if (raw.length > 1) throw invalid("You may only specify one discount.", "discounts");
  const entry = raw[0] as FormValue;
  if (typeof entry !== "object" || Array.isArray(entry)) throw invalid("Invalid object", "discounts[0]");
  rejectUnknown(entry, ["coupon", "promotion_code"], "discounts[0]");
  const state = discountState(app);
  const couponId = str(entry, "coupon", "discounts[0][coupon]");
  const promoId = str(entry, "promotion_code", "discounts[0][promotion_code]");
  if (couponId && promoId)
    throw invalid("You may only specify one of these parameters: coupon, promotion_code.", "discounts[0]");
  let coupon: Coupon | undefined;
  let promo: PromotionCode | undefined;
  if (promoId) {
    promo = state.promotionCodes[promoId];
    if (!promo) throw noSuch("promotion_code", promoId, "discounts[0][promotion_code]");
    const expired = promo.expires_at !== null && promo.expires_at <= nowSec(app);
    const usedUp = promo.max_redemptions !== null && promo.times_redeemed >= promo.max_redemptions;
    if (!promo.active || expired || usedUp)
      throw invalid(`This promotion code cannot be redeemed: ${promo.code}`, "discounts[0][promotion_code]");
    const min = promo.restrictions.minimum_amount;
    if (min !== null && promo.restrictions.minimum_amount_currency === currency && subtotal < min)
      throw invalid(`This promotion code has a minimum amount of ${min} ${currency}.`, "discounts[0][promotion_code]");
    coupon = state.coupons[promo.promotion.coupon];
  } else if (couponId) {
    coupon = state.coupons[couponId];
    if (!coupon) throw noSuch("coupon", couponId, "discounts[0][coupon]");
  } else throw missingParam("discounts[0][coupon]");
  if (!coupon || !refreshValidity(app, coupon).valid)
    throw invalid(`This coupon is no longer valid: ${coupon?.id ?? "deleted"}`, "discounts[0]", "coupon_expired");
  if (coupon.amount_off !== null && coupon.currency !== currency)
    throw invalid(
      `The coupon's currency (${coupon.currency}) does not match the currency of the Checkout Session (${currency}).`,
      "discounts[0]",
    );
  const off = coupon.amount_off !== null ? coupon.amount_off : Math.round((subtotal * (coupon.percent_off ?? 0)) / 100);
  return {
    discounts: [{ coupon: promo ? null : coupon.id, promotion_code: promo ? promo.id : null }],
    amountDiscount: Math.min(off, subtotal),
    label: promo ? promo.code : (coupon.name ?? coupon.id),
  };
}

/** Spreads a session's discount over its line items, largest share first, so the items add up to the total. */
export function discountLineItems(lineItems: LineItem[], amountDiscount: number): void {
  if (amountDiscount === 0) return;
  const subtotal = lineItems.reduce((s, li) => s + li.amount_subtotal, 0);
  let left = amountDiscount;
  lineItems.forEach((li, i) => {
    const share =
      i === lineItems.length - 1 ? left : Math.floor((amountDiscount * li.amount_subtotal) / Math.max(1, subtotal));
    li.amount_discount = share;
    li.amount_total = li.amount_subtotal - share;
    left -= share;
  });
}

/** A paid session redeems its coupon (and promotion code) once. */
export function redeemSessionDiscounts(app: SandboxApp, discounts: SessionDiscount[] | undefined): void {
  const state = discountState(app);
  const changed: RecordPath[] = [];
  for (const d of discounts ?? []) {
    const promo = d.promotion_code ? state.promotionCodes[d.promotion_code] : undefined;
    if (promo) {
      promo.times_redeemed += 1;
      changed.push(["promotionCodes", promo.id]);
    }
    const coupon = state.coupons[d.coupon ?? promo?.promotion.coupon ?? ""];
    if (coupon) {
      coupon.times_redeemed += 1;
      changed.push(["coupons", coupon.id]);
    }
  }
  if (changed.length) saveState(app, ...changed);
}

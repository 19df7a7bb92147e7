// Starting a purchase: check the bundle is still sold, create a `pending_payment` order with a frozen
// snapshot of what is being sold and for how much, and a Stripe Checkout Session for exactly that.
import { and, desc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import type Stripe from "stripe";
import { getDb, type Tx } from "@/lib/db";
import { bundles, orderDiscounts, orders, type Bundle, type BundleSnapshot } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { bundleTitle } from "@/lib/catalogue/views";
import { checkoutLineItem } from "@/lib/catalogue/titles";
import { validateForCheckout } from "@/lib/catalogue/availability";
import { fallbackBundleFor } from "@/lib/catalogue/fallback";
import { recordStep, transition } from "@/lib/orders/lifecycle";
import { hashAccessToken, newAccessToken, newOrderId, sealAccessToken } from "@/lib/orders/ids";
import { sha256Hex } from "@/lib/tokens";
import { normaliseEmail } from "@/lib/orders/customers";
import { isRetryableStripeError, stripe } from "./stripe";
import { log } from "@/lib/observability/logger";
import { planDiscount, PromotionRefused, recordDiscount, type DiscountPlan } from "@/lib/promotions/apply";
import { normaliseCode } from "@/lib/promotions/rules";
import { promotionOfOrder } from "@/lib/promotions/queries";
import { defaultLocale, locales, type Locale } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";
import { emailTranslator, shopLink } from "@/lib/delivery/templates/i18n";
import { CurrencyRefused, priceInCurrency, type Charge } from "@/lib/currency/charge";

/** Same buyer, same bundle, within this long, with the session still open → the same session back. */
export const REUSE_WINDOW_MS = 5 * 60 * 1000;
/** Stripe's minimum is 30 minutes; a little over, so clock skew never makes Stripe refuse it. */
const SESSION_TTL_SECONDS = 31 * 60;

export const checkoutInputSchema = z.object({
  bundleName: z
    .string()
    .trim()
    .min(1, "Choose a bundle")
    .max(200)
    .regex(/^[A-Za-z0-9_.+-]+$/, "That is not a bundle name"),
  email: z.email("Enter a valid email address").max(254).optional(),
  customerId: z.string().min(1).optional(),
  /** This browser's checkout cookie (checkout-cookie.ts): a guest's only claim to an earlier open session. */
  browserKey: z.string().min(32).max(64).optional(),
  // Top-up (accounts, issue 5): buy the bundle onto this existing eSIM instead of a new one. The caller
  // (lib/accounts/esim-topup.ts) has already checked the eSIM is the customer's and the bundle is compatible.
  topupIccid: z
    .string()
    .regex(/^\d{10,22}$/, "That is not an ICCID")
    .optional(),
  /** A promotion or referral code the buyer applied on the plan page. */
  promotionCode: z.string().trim().max(64).optional(),
  /** The currency the buyer picked (ISO 4217); unset: the base currency. Only a currency selling now is charged. */
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "That is not a currency code")
    .transform((c) => c.toUpperCase())
    .optional(),
  /** The shop language the buyer was using: the order's emails and Stripe's page speak it. */
  locale: z.enum(locales).default(defaultLocale),
  /** The price the buyer was shown (minor units); checkout refuses to charge anything else. */
  expectedMinor: z.number().int().nonnegative().optional(),
});
export type CheckoutInput = z.input<typeof checkoutInputSchema>;

export type CheckoutErrorCode =
  | "invalid_input"
  | "bundle_not_found"
  | "bundle_unavailable"
  | "price_changed"
  | "temporarily_unavailable"
  | "checkout_failed"
  | "promotion_refused"
  | "currency_not_sold"
  | "currency_unavailable";

export class CheckoutError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 410 | 500 | 503,
    readonly code: CheckoutErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CheckoutError";
  }
}

/** A code that cannot be used on this order: `reason` says which rule (expired, used_up, …). */
export class PromotionCheckoutError extends CheckoutError {
  constructor(
    readonly reason: PromotionRefused["reason"],
    message: string,
  ) {
    super(409, "promotion_refused", message);
    this.name = "PromotionCheckoutError";
  }
}

export interface CheckoutResult {
  orderId: string;
  checkoutUrl: string;
  /** An open session from a few minutes ago was handed back instead of a new one (never shown to the client). */
  reused: boolean;
}

export async function createCheckout(input: CheckoutInput): Promise<CheckoutResult> {
  const parsed = checkoutInputSchema.safeParse(input);
  if (!parsed.success)
    throw new CheckoutError(400, "invalid_input", parsed.error.issues[0]?.message ?? "Invalid checkout request");
  const { bundleName, customerId, topupIccid, expectedMinor, locale } = parsed.data;
  const promotionCode = parsed.data.promotionCode ? normaliseCode(parsed.data.promotionCode) : undefined;
  const browserHash = parsed.data.browserKey ? sha256Hex(parsed.data.browserKey) : undefined;
  const email = parsed.data.email ? normaliseEmail(parsed.data.email) : undefined;

  const db = await getDb();
  const [bundle] = await db.select().from(bundles).where(eq(bundles.name, bundleName)).limit(1);
  if (!bundle) throw new CheckoutError(404, "bundle_not_found", "We don't sell that bundle.");
  if (!bundle.active)
    throw new CheckoutError(
      410,
      "bundle_unavailable",
      "This bundle is no longer available. Please choose another one.",
    );

  // Refused before anything else is asked of anyone: a currency we do not sell (now) is the caller's mistake.
  const charge = await chargeIn(db, bundle, parsed.data.currency);

  const reused = await findReusableSession({
    bundleName,
    email,
    customerId,
    browserHash,
    topupIccid,
    promotionCode,
    currency: charge.currency,
    locale,
  });
  if (reused) return reused;

  const { sell, wholesale, fellBack } = await validateOrFallBack(db, bundle);

  const orderId = newOrderId();
  const token = newAccessToken();
  // The customer buys the listed bundle at its price in their currency; `sell` is who fulfils it.
  const snapshot: BundleSnapshot = {
    ...snapshotOf(bundle),
    provider: sell.provider,
    priceMinor: charge.priceMinor,
    currency: charge.currency,
    ...(charge.currency !== bundle.currency
      ? { basePriceMinor: bundle.priceMinor, baseCurrency: bundle.currency }
      : {}),
  };
  const discount = await db.transaction(async (tx) => {
    const plan = await reserveDiscount(tx, charge, bundle.countries, {
      promotionCode,
      customerId,
      email,
      expectedMinor,
    });
    await tx.insert(orders).values({
      id: orderId,
      status: "pending_payment",
      customerId: customerId ?? null,
      email: email ?? null,
      kind: topupIccid ? "topup" : "new",
      topupIccid: topupIccid ?? null,
      provider: sell.provider,
      bundleName: sell.name,
      bundleSnapshot: snapshot,
      amountMinor: plan.finalMinor,
      currency: plan.currency,
      wholesaleMinor: wholesale.wholesaleMinor,
      wholesaleCurrency: wholesale.currency,
      accessTokenHash: hashAccessToken(token),
      accessTokenSealed: sealAccessToken(token, orderId),
      checkoutBrowserHash: browserHash ?? null,
      locale,
    });
    await recordStep(tx, orderId, "order.created", {
      bundle: bundle.name,
      amountMinor: charge.priceMinor,
      currency: charge.currency,
      ...(charge.rate ? { baseMinor: bundle.priceMinor, baseCurrency: bundle.currency, rate: charge.rate } : {}),
      guest: !customerId,
    });
    if (fellBack)
      await recordStep(tx, orderId, "order.fallback", {
        from: { provider: bundle.provider, bundle: bundle.name },
        to: { provider: sell.provider, bundle: sell.name },
        reason: fellBack,
        amountMinor: bundle.priceMinor,
        currency: bundle.currency,
      });
    await recordDiscount(tx, orderId, plan);
    if (plan.finalMinor !== charge.priceMinor)
      await recordStep(tx, orderId, "order.discounted", {
        code: plan.promotion?.code ?? null,
        listMinor: plan.listMinor,
        discountMinor: plan.discountMinor,
        creditMinor: plan.creditMinor,
        amountMinor: plan.finalMinor,
        currency: plan.currency,
      });
    return plan;
  });

  let session: Stripe.Checkout.Session;
  try {
    const couponId = await createDiscountCoupon(db, orderId, discount);
    session = await createSession(orderId, snapshot, email, topupIccid ? "topup" : "new", couponId, locale);
  } catch (err) {
    // Nothing can pay for this order now: close it so it never looks payable, and tell the buyer to retry.
    await transition(db, orderId, "expired", {
      from: ["pending_payment"],
      detail: { reason: "checkout_session_not_created", error: String(err) },
    }).catch(() => {});
    log.error({ err, orderId }, "creating the Stripe Checkout Session failed");
    if (isRetryableStripeError(err))
      throw new CheckoutError(
        503,
        "temporarily_unavailable",
        "Payments are briefly unavailable. Please try again in a moment.",
      );
    throw new CheckoutError(500, "checkout_failed", "We could not start the checkout. Please try again.");
  }
  await db.update(orders).set({ stripeCheckoutSessionId: session.id }).where(eq(orders.id, orderId));
  if (!session.url) throw new CheckoutError(500, "checkout_failed", "Stripe did not return a checkout page.");
  return { orderId, checkoutUrl: session.url, reused: false };
}

function snapshotOf(b: Bundle): BundleSnapshot {
  return {
    name: b.name,
    title: bundleTitle(b),
    description: b.description,
    provider: b.provider,
    scope: b.scope,
    countries: b.countries,
    dataMb: b.dataMb,
    unlimited: b.unlimited,
    durationDays: b.durationDays,
    speeds: b.speeds,
    priceMinor: b.priceMinor,
    currency: b.currency,
    wholesaleMinor: b.wholesaleMinor,
    wholesaleCurrency: b.wholesaleCurrency,
  };
}

/**
 * The listed bundle if its provider still sells it; when the provider refuses (or its price rose past ours),
 * the other provider's equivalent bundle at the same retail price. Anything else (a provider that cannot be
 * asked) is not a refusal, and answers 503 as before.
 */
async function validateOrFallBack(
  db: Awaited<ReturnType<typeof getDb>>,
  bundle: Bundle,
): Promise<{ sell: Bundle; wholesale: { wholesaleMinor: number; currency: string }; fellBack?: string }> {
  try {
    return { sell: bundle, wholesale: await validateBundle(db, bundle) };
  } catch (err) {
    if (!(err instanceof CheckoutError) || err.status !== 409) throw err;
    const fallback = await fallbackBundleFor(db, bundle.name, {
      amountMinor: bundle.priceMinor,
      currency: bundle.currency,
    });
    if (!fallback) throw err;
    log.warn(
      { bundle: bundle.name, provider: bundle.provider, code: err.code, fallback: fallback.name },
      "provider refused the bundle at checkout; selling its fallback",
    );
    // Checked against the price the customer pays, not the fallback's own retail price.
    const wholesale = await validateBundle(db, {
      ...fallback,
      priceMinor: bundle.priceMinor,
      currency: bundle.currency,
    });
    return { sell: fallback, wholesale, fellBack: err.code };
  }
}

/** The check that the bundle can be sold — from stock, or live at its provider — at a price we do not lose money on. */
async function validateBundle(
  db: Awaited<ReturnType<typeof getDb>>,
  bundle: Bundle,
): Promise<{ wholesaleMinor: number; currency: string }> {
  let result;
  try {
    // Stock first; then the provider, coalesced, cached briefly and rate-aware, falling back on a fresh catalogue
    // row (lib/catalogue/availability.ts).
    result = await validateForCheckout(db, bundle);
  } catch (err) {
    log.error({ err, bundle: bundle.name, provider: bundle.provider }, "validating the bundle at checkout failed");
    // Provider down, rate-limited, or our wholesale balance is empty: nothing wrong with the bundle.
    throw new CheckoutError(
      503,
      "temporarily_unavailable",
      "We can't confirm this bundle with our network partner right now. Please try again in a moment.",
    );
  }
  if (!result.ok)
    throw new CheckoutError(
      409,
      "bundle_unavailable",
      "This bundle is no longer available. Please choose another one.",
    );
  // The catalogue syncs hourly; if the wholesale price rose past our retail price since, do not sell at a loss.
  if (result.currency === bundle.currency && result.wholesaleMinor >= bundle.priceMinor) {
    throw new CheckoutError(
      409,
      "price_changed",
      "This bundle's price has changed. Please reload the page and try again.",
    );
  }
  return result;
}

/**
 * The open session of the same buyer for the same purchase, if one is a few minutes old: the signed-in
 * customer, or else the browser holding the checkout cookie — never a mere email address, which would hand a
 * stranger the victim's session (or let a stranger plant one for the victim). The email must match too: the
 * same browser buying for someone else is a different purchase.
 */
async function findReusableSession(input: {
  bundleName: string;
  email: string | undefined;
  customerId: string | undefined;
  browserHash: string | undefined;
  topupIccid: string | undefined;
  promotionCode: string | undefined;
  currency: string;
  locale: Locale;
}): Promise<CheckoutResult | null> {
  const { bundleName, email, customerId, browserHash, topupIccid } = input;
  if (!customerId && !browserHash) return null;
  const db = await getDb();
  const buyer = customerId ? eq(orders.customerId, customerId) : eq(orders.checkoutBrowserHash, browserHash!);
  const [recent] = await db
    .select({ id: orders.id, sessionId: orders.stripeCheckoutSessionId })
    .from(orders)
    .where(
      and(
        buyer,
        email ? eq(orders.email, email) : isNull(orders.email),
        eq(orders.bundleName, bundleName),
        // The same plan in another currency is another price: never hand back a session charging the old one.
        eq(orders.currency, input.currency),
        // Stripe's page speaks the session's language: a buyer who switched language gets a session in the new one.
        eq(orders.locale, input.locale),
        // A top-up and a new eSIM of the same bundle are different purchases (issue 5).
        topupIccid ? eq(orders.topupIccid, topupIccid) : isNull(orders.topupIccid),
        eq(orders.status, "pending_payment"),
        isNotNull(orders.stripeCheckoutSessionId),
        gt(orders.createdAt, new Date(Date.now() - REUSE_WINDOW_MS)),
      ),
    )
    .orderBy(desc(orders.createdAt))
    .limit(1);
  if (!recent?.sessionId) return null;
  // The open session charges the discount of its own order: hand it back only for the same code (or none).
  if ((await promotionOfOrder(db, recent.id)) !== (input.promotionCode ?? null)) return null;
  try {
    // Our row says pending; only Stripe knows whether the session is still open (not paid, not expired).
    const session = await stripe().checkout.sessions.retrieve(recent.sessionId);
    if (session.status === "open" && session.url) return { orderId: recent.id, checkoutUrl: session.url, reused: true };
  } catch (err) {
    log.warn({ err, orderId: recent.id }, "could not check an open session for reuse; creating a new one");
  }
  return null;
}

async function createSession(
  orderId: string,
  snapshot: BundleSnapshot,
  email: string | undefined,
  kind: "new" | "topup",
  couponId: string | null,
  locale: Locale,
): Promise<Stripe.Checkout.Session> {
  const { appUrl } = env();
  const page = (path: string) => `${appUrl}${localizedPath(locale, path)}`;
  const item = checkoutLineItem(snapshot, kind);
  return stripe().checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: snapshot.currency.toLowerCase(),
            unit_amount: snapshot.priceMinor,
            product_data: { name: item.name, description: item.description },
          },
        },
      ],
      client_reference_id: orderId,
      ...(email ? { customer_email: email } : {}),
      metadata: { order_id: orderId },
      // Session metadata does not reach the PaymentIntent or Charge; refunds and disputes are found by this.
      payment_intent_data: { metadata: { order_id: orderId }, description: `Tern ${orderId}: ${snapshot.title}` },
      // Stripe's page in the shop's language, and back to the shop in it.
      locale,
      success_url: page(`/checkout/success?session_id={CHECKOUT_SESSION_ID}`),
      cancel_url: page(
        `/checkout/cancelled?order=${encodeURIComponent(orderId)}&bundle=${encodeURIComponent(snapshot.name)}`,
      ),
      expires_at: Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS,
      // The buyer agrees to our terms on Stripe's page, where they commit; Stripe refuses to pay without the tick.
      consent_collection: { terms_of_service: "required" },
      custom_text: checkoutCustomText(appUrl, locale),
      ...discountParams(couponId),
    },
    // One session per order, even if this request is retried (by the SDK or by us).
    { idempotencyKey: `checkout/${orderId}` },
  );
}

/**
 * Stripe's page is on Stripe's domain: links in its custom text must be absolute. Markdown links render there.
 * Stripe translates its own words into the session's locale, never ours: these come in that language already.
 */
export function checkoutCustomText(
  appUrl: string,
  locale: Locale = defaultLocale,
): Stripe.Checkout.SessionCreateParams.CustomText {
  const t = emailTranslator(locale);
  const page = (path: string) => shopLink(appUrl, locale, path);
  return {
    terms_of_service_acceptance: {
      message: t("stripeCheckout.terms", { terms: page("/terms"), refundPolicy: page("/refund-policy") }),
    },
    submit: { message: t("stripeCheckout.submit", { privacy: page("/privacy") }) },
  };
}

export { checkoutErrorMessage } from "./checkout-errors";

/** The stored price in the picked currency; a currency not sold, or not selling now, is the caller's 400. */
async function chargeIn(
  db: Awaited<ReturnType<typeof getDb>>,
  bundle: Bundle,
  picked: string | undefined,
): Promise<Charge> {
  try {
    return await priceInCurrency(db, bundle, picked);
  } catch (err) {
    if (err instanceof CurrencyRefused) throw new CheckoutError(400, err.code, err.message);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Discounts: a promotion or referral code and the buyer's referral credit

/**
 * The code's use (and the buyer's credit) taken in the order's own transaction, with the code's row locked:
 * concurrent checkouts for a code's last use queue here and only one gets it. A refusal rolls the order back.
 */
async function reserveDiscount(
  tx: Tx,
  charge: Charge,
  countries: string[],
  input: { promotionCode?: string; customerId?: string; email?: string; expectedMinor?: number },
): Promise<DiscountPlan> {
  let plan: DiscountPlan;
  try {
    plan = await planDiscount(
      tx,
      {
        code: input.promotionCode,
        buyer: { customerId: input.customerId, email: input.email },
        listMinor: charge.priceMinor,
        currency: charge.currency,
        countries,
      },
      { lock: true },
    );
  } catch (err) {
    if (err instanceof PromotionRefused) throw new PromotionCheckoutError(err.reason, err.message);
    throw err;
  }
  // The price the buyer saw is the price we charge, or nothing: a stale page must not charge a surprise.
  if (input.expectedMinor !== undefined && input.expectedMinor !== plan.finalMinor)
    throw new CheckoutError(
      409,
      "price_changed",
      "This plan's price has changed. Please check the new price and try again.",
    );
  return plan;
}

/**
 * One single-use Stripe coupon for the exact amount off, so Checkout charges to the cent what we computed
 * (a percent coupon would leave the rounding to Stripe) and the hosted page and Stripe's records show it.
 */
async function createDiscountCoupon(
  db: Awaited<ReturnType<typeof getDb>>,
  orderId: string,
  plan: DiscountPlan,
): Promise<string | null> {
  const off = plan.discountMinor + plan.creditMinor;
  if (off === 0) return null;
  const name = [plan.promotion?.code, plan.creditMinor > 0 ? "referral credit" : null].filter(Boolean).join(" + ");
  const coupon = await stripe().coupons.create(
    {
      amount_off: off,
      currency: plan.currency.toLowerCase(),
      duration: "once",
      max_redemptions: 1,
      name: name.slice(0, 40),
      metadata: { order_id: orderId, promotion_code: plan.promotion?.code ?? "" },
    },
    { idempotencyKey: `coupon/${orderId}` },
  );
  await db.update(orderDiscounts).set({ stripeCouponId: coupon.id }).where(eq(orderDiscounts.orderId, orderId));
  return coupon.id;
}

function discountParams(couponId: string | null): Pick<Stripe.Checkout.SessionCreateParams, "discounts"> {
  return couponId ? { discounts: [{ coupon: couponId }] } : {};
}

// A `pending_payment` order with a frozen snapshot of what is sold and for how much, and a Checkout Session for
// exactly that.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { bundles, orders, type Bundle, type BundleSnapshot } from "@/lib/db/schema";
import { bundleTitle } from "@/lib/catalogue/views";
import { recordStep, transition } from "@/lib/orders/lifecycle";
import { hashAccessToken, newAccessToken, newOrderId, sealAccessToken } from "@/lib/orders/ids";
import { sha256Hex } from "@/lib/tokens";
import { normaliseEmail } from "@/lib/orders/customers";
import { isRetryableStripeError } from "./stripe";
import { log } from "@/lib/observability/logger";
import { recordDiscount } from "@/lib/promotions/apply";
import { normaliseCode } from "@/lib/promotions/rules";
import { defaultLocale, locales } from "@/lib/i18n/locales";
import { CheckoutError } from "./checkout-errors";
import { chargeIn, validateOrFallBack } from "./checkout-validate";
import { createSession, findReusableSession, type CheckoutResult } from "./checkout-session";
import { createDiscountCoupon, reserveDiscount } from "./checkout-discount";

export const checkoutInputSchema = z.object({
  bundleName: z
    .string()
    .trim()
    .min(1, "Choose a bundle")
    .max(200)
    .regex(/^[A-Za-z0-9_.+-]+$/, "That is not a bundle name"),
  email: z.email("Enter a valid email address").max(254).optional(),
  customerId: z.string().min(1).optional(),
  browserKey: z.string().min(32).max(64).optional(),
  // The caller has checked the eSIM is the customer's and the bundle fits it.
  topupIccid: z
    .string()
    .regex(/^\d{10,22}$/, "That is not an ICCID")
    .optional(),
  promotionCode: z.string().trim().max(64).optional(),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "That is not a currency code")
    .transform((c) => c.toUpperCase())
    .optional(),
  locale: z.enum(locales).default(defaultLocale),
  /** Checkout refuses to charge anything but the price the buyer was shown. */
  expectedMinor: z.number().int().nonnegative().optional(),
});
export type CheckoutInput = z.input<typeof checkoutInputSchema>;

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
    // Nothing can pay for this order now: close it so it never looks payable.
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

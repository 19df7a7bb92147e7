import { and, desc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { orders, type BundleSnapshot } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { checkoutLineItem } from "@/lib/catalogue/titles";
import { log } from "@/lib/observability/logger";
import { promotionOfOrder } from "@/lib/promotions/queries";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";
import { emailTranslator, shopLink } from "@/lib/delivery/templates/i18n";
import { stripe } from "./stripe";

export interface CheckoutResult {
  orderId: string;
  checkoutUrl: string;
  reused: boolean;
}

export const REUSE_WINDOW_MS = 5 * 60 * 1000;
/** Stripe's minimum is 30 minutes; a little over, so clock skew never makes Stripe refuse it. */
const SESSION_TTL_SECONDS = 31 * 60;

// The signed-in customer or the browser holding the checkout cookie, never a mere email address, which would
// hand a stranger the victim's session.
export async function findReusableSession(input: {
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
        // Another currency is another price.
        eq(orders.currency, input.currency),
        eq(orders.locale, input.locale),
        topupIccid ? eq(orders.topupIccid, topupIccid) : isNull(orders.topupIccid),
        eq(orders.status, "pending_payment"),
        isNotNull(orders.stripeCheckoutSessionId),
        gt(orders.createdAt, new Date(Date.now() - REUSE_WINDOW_MS)),
      ),
    )
    .orderBy(desc(orders.createdAt))
    .limit(1);
  if (!recent?.sessionId) return null;
  // The open session charges its own order's discount.
  if ((await promotionOfOrder(db, recent.id)) !== (input.promotionCode ?? null)) return null;
  try {
    // Only Stripe knows whether the session is still open.
    const session = await stripe().checkout.sessions.retrieve(recent.sessionId);
    if (session.status === "open" && session.url) return { orderId: recent.id, checkoutUrl: session.url, reused: true };
  } catch (err) {
    log.warn({ err, orderId: recent.id }, "could not check an open session for reuse; creating a new one");
  }
  return null;
}

export async function createSession(
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
      locale,
      success_url: page(`/checkout/success?session_id={CHECKOUT_SESSION_ID}`),
      cancel_url: page(
        `/checkout/cancelled?order=${encodeURIComponent(orderId)}&bundle=${encodeURIComponent(snapshot.name)}`,
      ),
      expires_at: Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS,
      consent_collection: { terms_of_service: "required" },
      custom_text: checkoutCustomText(appUrl, locale),
      ...discountParams(couponId),
    },
    // One session per order, even if this request is retried.
    { idempotencyKey: `checkout/${orderId}` },
  );
}

/** Links must be absolute (Stripe's domain); Stripe never translates these, so they come in the locale already. */
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

function discountParams(couponId: string | null): Pick<Stripe.Checkout.SessionCreateParams, "discounts"> {
  return couponId ? { discounts: [{ coupon: couponId }] } : {};
}

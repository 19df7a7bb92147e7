// POST /api/checkout — create an order and its Stripe Checkout Session. A form post (the Buy button, works
// without JavaScript) is answered with a 303 to Stripe, or back to the bundle page with ?error=<code>; JSON
// `{ bundle, email? }` with 201 `{ orderId, checkoutUrl }` or `{ error: { code, message } }`. A new and a
// reused session answer alike: nothing here tells a caller about anyone else's checkout. A promotion code
// (`code`, with `expect`: the price the buyer was shown) that cannot be used sends a form back to the review
// step, which says why. `currency` (the one the page showed) is charged at the plan's stored price in it; one
// the shop does not sell, or whose rate is stale, is a 400. `locale` (the page's language) is the order's: its
// emails and Stripe's page speak it; anything but a shop locale means English.
import { NextResponse, type NextRequest } from "next/server";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { BODY_LIMITS, BodyTooLargeError, bodyTooLarge, readBodyLimited } from "@/lib/http/body";
import { clientIpFrom } from "@/lib/http/client-ip";
import { jsonError, tooManyRequests } from "@/lib/http/errors";
import { bucket, LIMITS, takeRateLimit, type RateCheck } from "@/lib/http/rate-limit";
import { localeOr, type Locale } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";
import { normaliseEmail } from "@/lib/orders/customers";
import { createCheckout } from "@/lib/payments/checkout";
import { CheckoutError, PromotionCheckoutError } from "@/lib/payments/checkout-errors";
import { CHECKOUT_COOKIE, checkoutBrowserKey, checkoutCookieOptions } from "@/lib/payments/checkout-cookie";
import { log } from "@/lib/observability/logger";

export const dynamic = "force-dynamic";

const BUNDLE_NAME = /^[A-Za-z0-9_.+-]{1,200}$/;

interface Input {
  bundle: unknown;
  email: unknown;
  code: unknown;
  expect: unknown;
  currency: unknown;
  locale: unknown;
}

async function readInput(request: NextRequest, json: boolean): Promise<Input> {
  const raw = await readBodyLimited(request, BODY_LIMITS.form);
  if (json) {
    let body: unknown = null;
    try {
      body = JSON.parse(raw);
    } catch {
      // Malformed JSON is the same 400 as a missing bundle.
    }
    const o = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
    return { bundle: o.bundle, email: o.email, code: o.code, expect: o.expect, currency: o.currency, locale: o.locale };
  }
  const type = request.headers.get("content-type") ?? "application/x-www-form-urlencoded";
  const form = await new Response(raw, { headers: { "content-type": type } }).formData().catch(() => null);
  return {
    bundle: form?.get("bundle"),
    email: form?.get("email"),
    code: form?.get("code"),
    expect: form?.get("expect"),
    currency: form?.get("currency"),
    locale: form?.get("locale"),
  };
}

export async function POST(request: NextRequest) {
  const e = env();
  const json = (request.headers.get("content-type") ?? "").toLowerCase().includes("application/json");
  let input: Input;
  try {
    input = await readInput(request, json);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return bodyTooLarge();
    throw err;
  }
  const { bundle, email } = input;
  const locale = localeOr(input.locale);
  const code = typeof input.code === "string" && input.code.trim() ? input.code.trim().slice(0, 64) : undefined;
  const expected = parseExpected(input.expect);
  const browser = checkoutBrowserKey(request.cookies.get(CHECKOUT_COOKIE)?.value);
  const finish = (res: Response) => {
    const response = res instanceof NextResponse ? res : new NextResponse(res.body, res);
    response.headers.set("cache-control", "no-store");
    if (browser.fresh) response.cookies.set(CHECKOUT_COOKIE, browser.key, checkoutCookieOptions(e.appUrl));
    return response;
  };
  const back = (code: string) => {
    const path =
      typeof bundle === "string" && BUNDLE_NAME.test(bundle) ? `/bundles/${encodeURIComponent(bundle)}` : "/";
    return finish(NextResponse.redirect(`${e.appUrl}${localizedPath(locale, `${path}?error=${code}`)}`, 303));
  };

  const user = await currentUser();
  // An empty form field means "I'll type it on Stripe's page".
  const typed = (typeof email === "string" && email.trim()) || undefined;
  const buyerEmail = typed ?? user?.email ?? undefined;

  const checks: RateCheck[] = [
    { bucket: bucket("checkout", "ip", clientIpFrom(request.headers)), limit: LIMITS.checkout.perIp },
  ];
  if (buyerEmail && buyerEmail.length <= 254)
    checks.push({ bucket: bucket("checkout", "email", normaliseEmail(buyerEmail)), limit: LIMITS.checkout.perEmail });
  const taken = await takeRateLimit(await getDb(), checks);
  if (!taken.ok) {
    if (json) return finish(tooManyRequests(taken.retryAfterSeconds));
    const res = back("rate_limited");
    res.headers.set("retry-after", String(taken.retryAfterSeconds));
    return res;
  }

  try {
    if (typeof bundle !== "string") throw new CheckoutError(400, "invalid_input", "Choose a bundle");
    if (email !== undefined && email !== null && typeof email !== "string")
      throw new CheckoutError(400, "invalid_input", "Enter a valid email address");
    const currency =
      input.currency === undefined || input.currency === null || input.currency === "" ? undefined : input.currency;
    if (currency !== undefined && typeof currency !== "string")
      throw new CheckoutError(400, "invalid_input", "That is not a currency code");
    const result = await createCheckout({
      bundleName: bundle,
      email: buyerEmail,
      customerId: user?.id,
      browserKey: browser.key,
      promotionCode: code,
      expectedMinor: expected,
      currency,
      locale,
    });
    if (json)
      return finish(NextResponse.json({ orderId: result.orderId, checkoutUrl: result.checkoutUrl }, { status: 201 }));
    return finish(NextResponse.redirect(result.checkoutUrl, 303));
  } catch (err) {
    const ce =
      err instanceof CheckoutError
        ? err
        : new CheckoutError(500, "checkout_failed", "We could not start the checkout. Please try again.");
    if (!(err instanceof CheckoutError)) log.error({ err }, "unexpected failure");
    if (ce instanceof PromotionCheckoutError) {
      if (json)
        return finish(
          NextResponse.json({ error: { code: ce.code, reason: ce.reason, message: ce.message } }, { status: 409 }),
        );
      return finish(NextResponse.redirect(reviewUrl(e.appUrl, locale, bundle, code, ce.reason), 303));
    }
    if (json) return finish(jsonError(ce.status, ce.code, ce.message));
    // A code's order whose price moved goes back to the review step, which shows the new price.
    if (code && ce.code === "price_changed")
      return finish(NextResponse.redirect(reviewUrl(e.appUrl, locale, bundle, code, ce.code), 303));
    // Back to the bundle page, which explains the error next to the Buy button.
    return back(ce.code);
  }
}

function parseExpected(raw: unknown): number | undefined {
  if (typeof raw === "number" && Number.isInteger(raw)) return raw;
  if (typeof raw === "string" && /^\d{1,9}$/.test(raw)) return Number(raw);
  return undefined;
}

function reviewUrl(appUrl: string, locale: Locale, bundle: unknown, code: string | undefined, error: string): string {
  const q = new URLSearchParams({ bundle: typeof bundle === "string" ? bundle.slice(0, 200) : "", error });
  if (code) q.set("code", code);
  return `${appUrl}${localizedPath(locale, `/checkout/review?${q}`)}`;
}

// POST /api/checkout — create an order and its Stripe Checkout Session. A form post (the Buy button, works
// without JavaScript) is answered with a 303 to Stripe, or back to the bundle page with ?error=<code>; JSON
// `{ bundle, email? }` with `{ orderId, checkoutUrl }` or `{ error: { code, message } }`.
import { currentUser } from "@/lib/auth";
import { env } from "@/lib/env";
import { CheckoutError, createCheckout } from "@/lib/payments/checkout";

export const dynamic = "force-dynamic";

const BUNDLE_NAME = /^[A-Za-z0-9_.+-]{1,200}$/;

export async function POST(request: Request) {
  const json = (request.headers.get("content-type") ?? "").toLowerCase().includes("application/json");
  let bundle: unknown;
  let email: unknown;
  if (json) {
    const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
    bundle = body?.bundle;
    email = body?.email;
  } else {
    const form = await request.formData().catch(() => null);
    bundle = form?.get("bundle");
    email = form?.get("email");
  }

  const user = await currentUser();
  try {
    if (typeof bundle !== "string") throw new CheckoutError(400, "invalid_input", "Choose a bundle");
    if (email !== undefined && email !== null && typeof email !== "string")
      throw new CheckoutError(400, "invalid_input", "Enter a valid email address");
    const result = await createCheckout({
      bundleName: bundle,
      // An empty form field means "I'll type it on Stripe's page".
      email: (typeof email === "string" && email.trim()) || user?.email || undefined,
      customerId: user?.id,
    });
    if (json)
      return Response.json(
        { orderId: result.orderId, checkoutUrl: result.checkoutUrl },
        { status: result.reused ? 200 : 201, headers: { "cache-control": "no-store" } },
      );
    return new Response(null, { status: 303, headers: { location: result.checkoutUrl, "cache-control": "no-store" } });
  } catch (err) {
    const e =
      err instanceof CheckoutError
        ? err
        : new CheckoutError(500, "checkout_failed", "We could not start the checkout. Please try again.");
    if (!(err instanceof CheckoutError)) console.error("[checkout] unexpected failure", err);
    if (json)
      return Response.json(
        { error: { code: e.code, message: e.message } },
        { status: e.status, headers: { "cache-control": "no-store" } },
      );
    // Back to the bundle page, which explains the error next to the Buy button.
    const back =
      typeof bundle === "string" && BUNDLE_NAME.test(bundle) ? `/bundles/${encodeURIComponent(bundle)}` : "/";
    return new Response(null, {
      status: 303,
      headers: { location: `${env().appUrl}${back}?error=${e.code}`, "cache-control": "no-store" },
    });
  }
}

// POST /api/v1/topups — a Stripe Checkout page that tops up a prepaid balance (topups:write); the Stripe webhook
// credits the ledger once the partner pays. A bearer key authorises it, never a cookie: no same-origin check.
import { BODY_LIMITS, BodyTooLargeError, readBodyLimited } from "@/lib/http/body";
import { json, partnerRoute } from "@/lib/partners/api";
import { apiError } from "@/lib/partners/errors";
import { createTopupSchema } from "@/lib/partners/schemas";
import { createTopupSession } from "@/lib/partners/balance-topups";

export const dynamic = "force-dynamic";

export const POST = partnerRoute("topups:write", async ({ partner, request }) => {
  let body: unknown;
  try {
    body = JSON.parse(await readBodyLimited(request, BODY_LIMITS.form));
  } catch (err) {
    if (err instanceof BodyTooLargeError || err instanceof SyntaxError)
      return apiError(request, "invalid_request", "The body must be JSON: { amountMinor }.");
    throw err;
  }
  const input = createTopupSchema.safeParse(body);
  if (!input.success) return apiError(request, "invalid_request", "amountMinor must be an integer from 500.");
  const topup = await createTopupSession(partner, input.data.amountMinor);
  return json(
    {
      checkoutUrl: topup.checkoutUrl,
      amount: { amountMinor: topup.amountMinor, currency: topup.currency },
      expiresAt: topup.expiresAt?.toISOString() ?? null,
    },
    201,
  );
});

// POST /api/webhooks/stripe — verify, de-duplicate, dispatch (lib/payments/webhook.ts), then run the
// fulfilment worker after the response so Stripe gets its 200 at once.
import { after } from "next/server";
import { kickWorker } from "@/lib/jobs/worker";
import { handleStripeWebhook } from "@/lib/payments/webhook";
import { BODY_LIMITS, readBodyOr413 } from "@/lib/http/body";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  // The signature covers the exact bytes: read the raw text, never request.json().
  const body = await readBodyOr413(request, BODY_LIMITS.webhook);
  if (body.response) return body.response;
  // Stripe's events queue fulfilment-lane work (fulfil): only that lane is claimed for them at once; work in any
  // other lane is still found by the worker's interval.
  const result = await handleStripeWebhook(body.raw, request.headers.get("stripe-signature"), {
    onLateWork: () => kickWorker("fulfilment"),
  });
  if (result.kick) after(() => kickWorker("fulfilment"));
  return Response.json(result.body, {
    status: result.status,
    headers: result.status === 503 ? { "retry-after": "10" } : undefined,
  });
}

// POST /api/webhooks/stripe — verify, de-duplicate, dispatch (lib/payments/webhook.ts), then run the
// fulfilment worker after the response so Stripe gets its 200 at once.
import { after } from "next/server";
import { kickWorker } from "@/lib/jobs/worker";
import { handleStripeWebhook } from "@/lib/payments/webhook";
import { BODY_LIMITS, BodyTooLargeError, bodyTooLarge, readBodyLimited } from "@/lib/http/body";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  // The signature covers the exact bytes: read the raw text, never request.json().
  let raw: string;
  try {
    raw = await readBodyLimited(request, BODY_LIMITS.webhook);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return bodyTooLarge();
    throw err;
  }
  const result = await handleStripeWebhook(raw, request.headers.get("stripe-signature"));
  if (result.kick) after(() => kickWorker());
  return Response.json(result.body, { status: result.status });
}

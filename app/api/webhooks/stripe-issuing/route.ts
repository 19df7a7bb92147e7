// POST /api/webhooks/stripe-issuing — Issuing real-time authorization: approve only our own pending wallet
// top-ups (lib/funding/authorization.ts), answered within Stripe's 2 s; alert emails go out afterwards.
import { after } from "next/server";
import { getDb } from "@/lib/db";
import { handleIssuingWebhook } from "@/lib/funding/issuing-webhook";
import { sendAlert } from "@/lib/funding/alerts";
import { BODY_LIMITS, readBodyOr413 } from "@/lib/http/body";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  // The signature covers the exact bytes: read the raw text, never request.json().
  const body = await readBodyOr413(request, BODY_LIMITS.webhook);
  if (body.response) return body.response;
  const db = await getDb();
  const result = await handleIssuingWebhook(db, body.raw, request.headers.get("stripe-signature"));
  const alert = result.alert;
  if (alert) after(() => sendAlert(db, alert));
  return Response.json(result.body, { status: result.status, headers: result.headers });
}

// Stripe Issuing's synchronous webhook: answer `issuing_authorization.request` within Stripe's 2 s.
import Stripe from "stripe";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { stripe } from "@/lib/payments/stripe";
import type { FundingAlert } from "@/lib/db/schema";
import { decideAuthorization } from "./authorization";

interface IssuingWebhookResult {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  alert?: FundingAlert | null;
}

export async function handleIssuingWebhook(
  db: Db,
  raw: string,
  signature: string | null,
): Promise<IssuingWebhookResult> {
  const headers = { "stripe-version": Stripe.API_VERSION };
  const secret = env().funding.issuing.webhookSecret;
  if (!secret) return { status: 500, body: { error: "STRIPE_ISSUING_WEBHOOK_SECRET is not set" }, headers };
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(raw, signature ?? "", secret);
  } catch {
    return { status: 400, body: { error: "invalid signature" }, headers };
  }
  if (event.type !== "issuing_authorization.request") return { status: 200, body: { received: true }, headers };

  const auth = event.data.object;
  const decision = await decideAuthorization(db, {
    id: auth.id,
    card: { id: auth.card.id, last4: auth.card.last4 },
    amount: auth.pending_request?.amount ?? auth.amount,
    currency: auth.pending_request?.currency ?? auth.currency,
    merchantName: auth.merchant_data?.name ?? null,
  });
  return {
    status: 200,
    body: { approved: decision.approved },
    headers,
    alert: decision.approved ? undefined : decision.alert,
  };
}

// The Stripe event types the shop's webhook endpoint enables (docs/going-live.md lists the same for the
// dashboard). Stripe sends an endpoint only what it enabled, so no request or transaction is spent per order on
// payment_intent.succeeded and charge.succeeded, which nothing here reads.
export const STRIPE_WEBHOOK_EVENTS = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
  "charge.dispute.closed",
] as const;

export type StripeWebhookEvent = (typeof STRIPE_WEBHOOK_EVENTS)[number];

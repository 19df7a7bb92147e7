// Never built at import: `next build` imports route modules without Stripe settings.
import Stripe from "stripe";
import { env } from "@/lib/env";

let cached: { key: string; stripe: Stripe } | undefined;

export function stripe(): Stripe {
  const { secretKey, host } = env().stripe;
  const key = `${secretKey}|${host ? `${host.protocol}://${host.host}:${host.port}` : "api.stripe.com"}`;
  if (cached?.key !== key) {
    cached = {
      key,
      stripe: new Stripe(secretKey, {
        // The SDK retries connection errors, 409s and 5xx itself, with the same idempotency key.
        maxNetworkRetries: 2,
        timeout: 20_000,
        telemetry: false,
        ...(host ? { host: host.host, port: host.port, protocol: host.protocol } : {}),
      }),
    };
  }
  return cached.stripe;
}

export type { Stripe };

export function isRetryableStripeError(err: unknown): boolean {
  if (!(err instanceof Stripe.errors.StripeError)) return false;
  if (err instanceof Stripe.errors.StripeConnectionError || err instanceof Stripe.errors.StripeAPIError) return true;
  if (err instanceof Stripe.errors.StripeRateLimitError) return true;
  const status = err.statusCode ?? 0;
  return status === 409 || status === 429 || status >= 500;
}

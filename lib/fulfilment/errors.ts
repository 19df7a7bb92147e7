import { ProviderError, ProviderUnavailableError } from "@/lib/providers/http";
import { isDeliveryError } from "@/lib/delivery/errors";
import Stripe from "stripe";
import { isRetryableStripeError } from "@/lib/payments/stripe";
import { TopupDeclinedError, WalletShortError } from "@/lib/funding/errors";

type ErrorClass =
  | { kind: "retry"; retryAfterSeconds?: number; reason: string }
  | { kind: "wait"; delayMs: number; reason: string }
  | { kind: "permanent"; reason: string }
  | { kind: "insufficient_balance"; reason: string; alertRaised?: boolean };

export function classifyError(err: unknown): ErrorClass {
  const reason = err instanceof Error ? err.message : String(err);
  if (err instanceof ProviderUnavailableError) return { kind: "wait", delayMs: err.retryAfterMs, reason };
  if (err instanceof ProviderError) {
    if (err.kind === "network" || err.kind === "timeout") return { kind: "retry", reason };
    if (err instanceof TopupDeclinedError) return { kind: "insufficient_balance", reason, alertRaised: true };
    const status = err.status ?? 0;
    // eSIM Go has no 402: an empty balance is a 400 that says so.
    if (status >= 400 && status < 500 && /balance|insufficient funds/i.test(messageOf(err)))
      return {
        kind: "insufficient_balance",
        reason,
        ...(err instanceof WalletShortError ? { alertRaised: true } : {}),
      };
    if (status === 429 || status === 408 || status >= 500)
      return { kind: "retry", retryAfterSeconds: err.retryAfterSeconds, reason };
    return { kind: "permanent", reason };
  }
  if (isDeliveryError(err)) {
    return err.retryable
      ? { kind: "retry", retryAfterSeconds: err.retryAfterSeconds, reason }
      : { kind: "permanent", reason };
  }
  if (err instanceof Stripe.errors.StripeError) {
    return isRetryableStripeError(err) ? { kind: "retry", reason } : { kind: "permanent", reason };
  }
  // Anything else (a database hiccup, a bug) is retried; the horizon bounds it.
  return { kind: "retry", reason };
}

function messageOf(err: ProviderError): string {
  const body = err.body as { message?: unknown } | undefined;
  return `${err.message} ${typeof body?.message === "string" ? body.message : ""}`;
}

export class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
    readonly failure = false,
  ) {
    super(reason);
    this.name = "RetryLater";
  }
}

export class PermanentFailure extends Error {
  name = "PermanentFailure";
}

export class NeedsAdmin extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "NeedsAdmin";
  }
}

export class LeaseLost extends Error {
  name = "LeaseLost";
}

export { StopBuying } from "@/lib/purchases/ledger";

// What a failure during fulfilment means for the order. Pure and unit-tested: every outside error passes
// through `classifyError` before fulfilment decides to retry, fail (and refund) or call an admin.
import { ProviderError, ProviderUnavailableError } from "@/lib/providers/http";
import { isDeliveryError } from "@/lib/delivery/errors";
import Stripe from "stripe";
import { isRetryableStripeError } from "@/lib/payments/stripe";
import { TopupDeclinedError, WalletShortError } from "@/lib/funding/errors";

type ErrorClass =
  /** Try again later (network, timeout, 5xx, 429, a lagging provider). */
  | { kind: "retry"; retryAfterSeconds?: number; reason: string }
  /** Nothing was tried: the provider's circuit is open. Come back when it lets a probe through. */
  | { kind: "wait"; delayMs: number; reason: string }
  /** The same request can never succeed (bundle gone, invalid ICCID, validation). */
  | { kind: "permanent"; reason: string }
  /** Our wholesale balance is empty (or its top-up was declined): we keep retrying meanwhile, to the horizon. */
  | { kind: "insufficient_balance"; reason: string; alertRaised?: boolean };

export function classifyError(err: unknown): ErrorClass {
  const reason = err instanceof Error ? err.message : String(err);
  if (err instanceof ProviderUnavailableError) return { kind: "wait", delayMs: err.retryAfterMs, reason };
  if (err instanceof ProviderError) {
    if (err.kind === "network" || err.kind === "timeout") return { kind: "retry", reason };
    if (err instanceof TopupDeclinedError) return { kind: "insufficient_balance", reason, alertRaised: true };
    const status = err.status ?? 0;
    // eSIM Go has no 402; an empty balance comes back as a 400 whose message says so (contracts §1.2).
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
  // Anything else (a database hiccup, a bug) is not evidence that the purchase can never work: retry, and
  // the horizon bounds it.
  return { kind: "retry", reason };
}

function messageOf(err: ProviderError): string {
  const body = err.body as { message?: unknown } | undefined;
  return `${err.message} ${typeof body?.message === "string" ? body.message : ""}`;
}

/** "Come back in `delayMs`": not an error, a wait (purchase pending, install details lagging). */
export class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
    /** A failure that backs off (a refused purchase), rather than a planned wait (a pending one). */
    readonly failure = false,
  ) {
    super(reason);
    this.name = "RetryLater";
  }
}

/** The provider said this purchase can never succeed. */
export class PermanentFailure extends Error {
  name = "PermanentFailure";
}

/** Something only a person can settle (e.g. which provider order is ours). */
export class NeedsAdmin extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "NeedsAdmin";
  }
}

/** Another worker holds the job now: this one must change nothing more. */
export class LeaseLost extends Error {
  name = "LeaseLost";
}

export { StopBuying } from "@/lib/purchases/ledger";

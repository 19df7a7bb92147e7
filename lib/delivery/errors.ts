// One error type for the delivery services (Supabase Storage, Resend). Their SDKs hand errors back as values;
// fulfilment needs a thrown error it can classify, so each is reshaped here with the HTTP status and the
// service's own error name.

export type DeliveryService = "storage" | "email";

export class DeliveryError extends Error {
  constructor(
    readonly service: DeliveryService,
    message: string,
    /** The service's status for the failure; undefined when no answer arrived (network, timeout). */
    readonly status: number | undefined,
    /** Resend's error name (`validation_error`, `rate_limit_exceeded`, …) or Supabase's `statusCode` ("409", "404"). */
    readonly code: string | undefined,
    /** Seconds, from a Retry-After header when the service sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "DeliveryError";
  }

  /**
   * Whether trying again can succeed: no answer, 408, 409 for a request still in flight, 429 and 5xx.
   * Anything else (bad address, unverified domain, invalid key) fails the same way every time.
   */
  get retryable(): boolean {
    const s = this.status;
    if (s === undefined) return true;
    if (s === 408 || s === 429 || s >= 500) return true;
    return s === 409 && this.code === "concurrent_idempotent_requests";
  }
}

export function isDeliveryError(err: unknown): err is DeliveryError {
  return err instanceof DeliveryError;
}

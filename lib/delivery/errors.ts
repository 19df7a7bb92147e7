// The SDKs return errors as values; fulfilment needs a thrown error it can classify.

export type DeliveryService = "storage" | "email";

export class DeliveryError extends Error {
  constructor(
    readonly service: DeliveryService,
    message: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "DeliveryError";
  }

  /** Bad address, unverified domain or invalid key fail the same way every time. */
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

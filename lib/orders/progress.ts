// An order's progress in the customer's terms, and when it counts as slow. Pure and free of server imports:
// the server pages, the status API and the browser's poller all use these same rules.

export type OrderProgress =
  "awaiting_payment" | "payment_confirmed" | "buying" | "ready" | "failed" | "refunded" | "needs_attention" | "expired";

export const PROGRESS_VALUES: ReadonlySet<OrderProgress> = new Set<OrderProgress>([
  "awaiting_payment",
  "payment_confirmed",
  "buying",
  "ready",
  "failed",
  "refunded",
  "needs_attention",
  "expired",
]);

/** Progress that will not change on its own: stop asking. (needs_attention can still recover.) */
export const FINAL_PROGRESS: ReadonlySet<OrderProgress> = new Set(["ready", "failed", "refunded", "expired"]);

/** After this long paid without an eSIM, pages say the email will follow. */
export const SLOW_AFTER_MS = 60_000;

/** Where an order with `status` is; `qrReady` when its eSIM's QR is stored (installable before the email). */
export function progressOf(status: string, qrReady: boolean): OrderProgress {
  switch (status) {
    case "pending_payment":
      return "awaiting_payment";
    case "paid":
      return "payment_confirmed";
    case "provisioning":
      return qrReady ? "ready" : "buying";
    case "delivered":
    case "installed":
      return "ready";
    case "failed":
      return "failed";
    case "refunded":
      return "refunded";
    case "needs_attention":
      return "needs_attention";
    default:
      // expired, payment_failed: nothing was charged, nothing will happen.
      return "expired";
  }
}

/** Waiting on a person, or paid and still without an eSIM a minute later. Finished orders are never slow. */
export function isSlow(
  order: { progress: OrderProgress; paidAt: Date | string | null },
  now: number = Date.now(),
): boolean {
  if (order.progress === "needs_attention") return true;
  if (order.progress !== "payment_confirmed" && order.progress !== "buying") return false;
  return order.paidAt !== null && now - new Date(order.paidAt).getTime() > SLOW_AFTER_MS;
}

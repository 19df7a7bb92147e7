// Free of server imports: the pages, the status API and the browser's poller share these rules.

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

export const FINAL_PROGRESS: ReadonlySet<OrderProgress> = new Set(["ready", "failed", "refunded", "expired"]);

export const SLOW_AFTER_MS = 60_000;

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
      return "expired";
  }
}

export function isSlow(
  order: { progress: OrderProgress; paidAt: Date | string | null },
  now: number = Date.now(),
): boolean {
  if (order.progress === "needs_attention") return true;
  if (order.progress !== "payment_confirmed" && order.progress !== "buying") return false;
  return order.paidAt !== null && now - new Date(order.paidAt).getTime() > SLOW_AFTER_MS;
}

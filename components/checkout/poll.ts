// When the order pages ask for the order's status again. Pure, for the client poller and its tests.
import type { OrderProgress } from "@/components/esim/progress-steps";

/** Progress that will not change on its own: stop asking. (needs_attention can still recover.) */
export const FINAL_PROGRESS: ReadonlySet<OrderProgress> = new Set(["ready", "failed", "refunded", "expired"]);

/**
 * Every 1.5 s for the first minute (delivery normally takes seconds), then every 5 s, and every 15 s after
 * five minutes: a tab left open on a stuck order should not hammer the server.
 */
export function pollDelayMs(elapsedMs: number): number {
  if (elapsedMs < 60_000) return 1_500;
  if (elapsedMs < 5 * 60_000) return 5_000;
  return 15_000;
}

/** After this long without an eSIM the page says the email will follow. */
export const SLOW_AFTER_MS = 60_000;

/**
 * The server's first answer to "is this slow?" (the status API's `slow` takes over while the page polls).
 * Reads the clock: a server component renders once per request, so "now" is the request's time.
 */
export function isSlow(
  order: { progress: OrderProgress; paidAt: Date | string | null },
  now: number = Date.now(),
): boolean {
  if (order.progress === "needs_attention") return true;
  if (order.progress !== "payment_confirmed" && order.progress !== "buying") return false;
  return order.paidAt !== null && now - new Date(order.paidAt).getTime() > SLOW_AFTER_MS;
}

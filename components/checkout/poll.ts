// When the order pages ask for the order's status again. Pure, for the client poller and its tests.
export { FINAL_PROGRESS, isSlow } from "@/lib/orders/progress";

/**
 * Every 1.5 s for the first minute (delivery normally takes seconds), then every 5 s, and every 15 s after
 * five minutes: a tab left open on a stuck order should not hammer the server.
 */
export function pollDelayMs(elapsedMs: number): number {
  if (elapsedMs < 60_000) return 1_500;
  if (elapsedMs < 5 * 60_000) return 5_000;
  return 15_000;
}

// What is left on an eSIM, counting plans that wait their turn: a top-up bought while a plan still runs is
// queued by the provider, and the customer who just paid for 5 GB expects to see it in "left", not only in
// the plan list below. Pure, so the sums are tested without a database.
import type { UsageBundle } from "@/lib/db/schema";

const WAITING = new Set(["processing", "queued"]);

interface DataLeft {
  /** The running plan's figures plus every waiting plan's; null when unknown. */
  initialBytes: number | null;
  remainingBytes: number | null;
  /** Of which waiting to start (0 when none). */
  queuedBytes: number;
  unlimited: boolean;
}

/**
 * `current` is the figure the store chose (the running plan, else the next waiting one); each other plan still
 * waiting to start adds its whole allowance. An unlimited plan anywhere makes the eSIM unlimited.
 */
export function dataLeft(
  current: { reference: string | null; initialBytes: number | null; remainingBytes: number | null; unlimited: boolean },
  bundles: UsageBundle[],
): DataLeft {
  const waiting = bundles.filter((b) => WAITING.has(b.state) && b.reference !== current.reference);
  const unlimited = current.unlimited || waiting.some((b) => b.unlimited);
  const queuedBytes = waiting.reduce((n, b) => n + (b.unlimited ? 0 : (b.initialBytes ?? 0)), 0);
  if (unlimited) return { initialBytes: null, remainingBytes: null, queuedBytes, unlimited: true };
  if (current.initialBytes === null || current.remainingBytes === null)
    return queuedBytes > 0
      ? { initialBytes: queuedBytes, remainingBytes: queuedBytes, queuedBytes, unlimited: false }
      : {
          initialBytes: current.initialBytes,
          remainingBytes: current.remainingBytes,
          queuedBytes: 0,
          unlimited: false,
        };
  return {
    initialBytes: current.initialBytes + queuedBytes,
    remainingBytes: current.remainingBytes + queuedBytes,
    queuedBytes,
    unlimited: false,
  };
}

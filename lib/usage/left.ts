// A top-up bought while a plan runs is queued by the provider; the buyer expects to see it in "left".
import type { UsageBundle } from "@/lib/db/schema";

const WAITING = new Set(["processing", "queued"]);

interface DataLeft {
  initialBytes: number | null;
  remainingBytes: number | null;
  queuedBytes: number;
  unlimited: boolean;
}

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

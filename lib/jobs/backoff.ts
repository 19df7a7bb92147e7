export const BACKOFF_SCHEDULE_MS = [1_000, 3_000, 10_000, 30_000, 120_000, 600_000, 1_800_000] as const;

/** ±20 %: spreads apart the retries of many orders that failed together. */
export const JITTER = 0.2;

/** A provider's Retry-After is a floor, never a ceiling. */
export function nextDelayMs(attempt: number, retryAfterSeconds?: number, random: () => number = Math.random): number {
  const index = Math.min(Math.max(1, Math.floor(attempt)), BACKOFF_SCHEDULE_MS.length) - 1;
  const base = BACKOFF_SCHEDULE_MS[index]!;
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random()));
  const floor =
    retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
      ? Math.ceil(retryAfterSeconds * 1000)
      : 0;
  return Math.max(jittered, floor);
}

export function beyondHorizon(now: Date, delayMs: number, horizonAt: Date): boolean {
  return now.getTime() + delayMs > horizonAt.getTime();
}

import { describe, expect, it } from "vitest";
import { BACKOFF_SCHEDULE_MS, beyondHorizon, nextDelayMs } from "./backoff";

const mid = () => 0.5;
const low = () => 0;
const high = () => 0.999999;

describe("nextDelayMs", () => {
  it("follows about 1 s, 3 s, 10 s, 30 s, 2 min, 10 min, 30 min, then stays at 30 min", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((a) => nextDelayMs(a, undefined, mid))).toEqual([
      1_000, 3_000, 10_000, 30_000, 120_000, 600_000, 1_800_000, 1_800_000, 1_800_000,
    ]);
  });

  it("jitters by at most ±20 %", () => {
    for (const [i, base] of BACKOFF_SCHEDULE_MS.entries()) {
      expect(nextDelayMs(i + 1, undefined, low)).toBe(Math.round(base * 0.8));
      expect(nextDelayMs(i + 1, undefined, high)).toBeLessThanOrEqual(Math.round(base * 1.2));
      expect(nextDelayMs(i + 1, undefined, high)).toBeGreaterThan(base);
    }
  });

  it("spreads retries of orders that failed together", () => {
    const delays = new Set(Array.from({ length: 50 }, () => nextDelayMs(3)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it("treats Retry-After as a floor: never sooner than the provider asked, later when our schedule says so", () => {
    expect(nextDelayMs(1, 2, mid)).toBe(2_000);
    expect(nextDelayMs(1, 0.5, high)).toBeGreaterThan(1_000);
    expect(nextDelayMs(5, 2, mid)).toBe(120_000);
    expect(nextDelayMs(1, 120, low)).toBe(120_000);
  });

  it("ignores a nonsensical Retry-After and clamps odd attempt numbers", () => {
    expect(nextDelayMs(1, Number.NaN, mid)).toBe(1_000);
    expect(nextDelayMs(1, -5, mid)).toBe(1_000);
    expect(nextDelayMs(0, undefined, mid)).toBe(1_000);
  });
});

describe("beyondHorizon", () => {
  it("is true only when the retry would land after the horizon", () => {
    const now = new Date("2026-01-01T10:00:00Z");
    const horizon = new Date("2026-01-01T12:00:00Z");
    expect(beyondHorizon(now, 60_000, horizon)).toBe(false);
    expect(beyondHorizon(now, 2 * 3600_000, horizon)).toBe(false);
    expect(beyondHorizon(now, 2 * 3600_000 + 1, horizon)).toBe(true);
  });
});

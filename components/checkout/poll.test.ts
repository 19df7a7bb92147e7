import { describe, expect, it } from "vitest";
import { stepStates, type OrderProgress } from "@/components/esim/progress-steps";
import { FINAL_PROGRESS, isSlow, pollDelayMs } from "./poll";

describe("pollDelayMs", () => {
  it("polls every 1.5 s for a minute, then backs off", () => {
    expect(pollDelayMs(0)).toBe(1_500);
    expect(pollDelayMs(59_999)).toBe(1_500);
    expect(pollDelayMs(60_000)).toBe(5_000);
    expect(pollDelayMs(5 * 60_000 - 1)).toBe(5_000);
    expect(pollDelayMs(5 * 60_000)).toBe(15_000);
  });

  it("stops only on progress that cannot change by itself", () => {
    expect([...FINAL_PROGRESS].sort()).toEqual(["expired", "failed", "ready", "refunded"]);
  });
});

describe("isSlow", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  const paidSecondsAgo = (s: number) => new Date(now - s * 1000);

  it("is slow once a paid order has waited more than a minute for its eSIM", () => {
    expect(isSlow({ progress: "buying", paidAt: paidSecondsAgo(59) }, now)).toBe(false);
    expect(isSlow({ progress: "buying", paidAt: paidSecondsAgo(61) }, now)).toBe(true);
    expect(isSlow({ progress: "payment_confirmed", paidAt: paidSecondsAgo(61).toISOString() }, now)).toBe(true);
  });

  it("an order an admin must look at is always slow; settled or unpaid ones never are", () => {
    expect(isSlow({ progress: "needs_attention", paidAt: paidSecondsAgo(1) }, now)).toBe(true);
    for (const progress of ["ready", "failed", "refunded", "expired", "awaiting_payment"] as OrderProgress[]) {
      expect(isSlow({ progress, paidAt: paidSecondsAgo(3600) }, now)).toBe(false);
    }
  });
});

describe("stepStates", () => {
  it.each<[OrderProgress, string[]]>([
    ["awaiting_payment", ["current", "upcoming", "upcoming"]],
    ["payment_confirmed", ["complete", "current", "upcoming"]],
    ["buying", ["complete", "current", "upcoming"]],
    ["ready", ["complete", "complete", "complete"]],
    ["needs_attention", ["complete", "problem", "upcoming"]],
    ["failed", ["complete", "problem", "upcoming"]],
    ["refunded", ["complete", "problem", "upcoming"]],
  ])("%s → %j", (progress, expected) => expect(stepStates(progress)).toEqual(expected));
});

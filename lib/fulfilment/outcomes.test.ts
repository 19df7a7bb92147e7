import { describe, expect, it } from "vitest";
import { ProviderError, ProviderUnavailableError } from "@/lib/providers/http";
import { LeaseLost, NeedsAdmin, PermanentFailure, RetryLater, StopBuying } from "./errors";
import { decideOutcome, type OutcomeInput } from "./outcomes";

const HOUR = 3_600_000;
const base: Omit<OutcomeInput, "error"> = {
  phase: "purchase",
  failures: 0,
  age: 0,
  horizonMs: 2 * HOUR,
  random: () => 0.5,
};
const http = (status: number, message = "boom") => new ProviderError("esim-go", "http", message, status);

describe("decideOutcome", () => {
  it("refunds when the provider refuses for good before anything was bought", () => {
    expect(decideOutcome({ ...base, error: http(400, "Bundle not found") })).toMatchObject({
      kind: "refund",
      why: "permanent",
    });
    expect(decideOutcome({ ...base, phase: "start", error: new PermanentFailure("no") })).toMatchObject({
      kind: "refund",
    });
  });

  it("never refunds a bought eSIM: a delivery that fails for good or runs out of time goes to an admin", () => {
    expect(decideOutcome({ ...base, phase: "deliver", error: new PermanentFailure("refused") })).toMatchObject({
      kind: "park",
      attentionReason: "delivery_failed",
    });
    expect(decideOutcome({ ...base, phase: "deliver", error: http(503), age: 2 * HOUR, failures: 3 })).toMatchObject({
      kind: "park",
      attentionReason: "delivery_stalled",
      gaveUp: "horizon",
    });
  });

  it("retries transient failures with backoff until the horizon, then refunds", () => {
    expect(decideOutcome({ ...base, error: http(503) })).toEqual({
      kind: "retry",
      delayMs: 1_000,
      reason: "boom",
      type: "error",
    });
    expect(decideOutcome({ ...base, error: http(503), age: 2 * HOUR })).toMatchObject({
      kind: "refund",
      why: "horizon",
    });
  });

  it("steps the backoff by failures, and cuts the last step short so the final try is at the horizon", () => {
    // The fifth failure waits about 2 min: a run of planned waits before it does not make that 30 min.
    expect(decideOutcome({ ...base, error: http(503), failures: 4 })).toMatchObject({ delayMs: 120_000 });
    // 10 min would be due, 500 ms are left: try once more at the horizon rather than give up early.
    expect(decideOutcome({ ...base, error: http(503), failures: 5, age: 2 * HOUR - 500 })).toEqual({
      kind: "retry",
      delayMs: 500,
      reason: "boom",
      type: "error",
    });
    expect(
      decideOutcome({ ...base, phase: "deliver", error: http(503), failures: 5, age: 2 * HOUR - 500 }),
    ).toMatchObject({ kind: "retry", delayMs: 500 });
    // A refused purchase backs off (counted), a pending one waits (not counted).
    expect(decideOutcome({ ...base, error: new RetryLater(3_000, "refused", true) })).toMatchObject({ type: "error" });
    expect(decideOutcome({ ...base, error: new RetryLater(3_000, "pending") })).toMatchObject({ type: "wait" });
  });

  it("waits for an open circuit without stepping the backoff, until the horizon", () => {
    // Eight orders' worth of failures behind it: a counted failure would wait 30 min, the circuit says 10 s.
    const open = new ProviderUnavailableError("esim-go", "esim-go circuit is open; not calling for 10 s", 10_000);
    expect(decideOutcome({ ...base, error: open, failures: 8 })).toEqual({
      kind: "retry",
      delayMs: 11_000,
      reason: open.message,
      type: "wait",
    });
    expect(decideOutcome({ ...base, error: open, age: 2 * HOUR })).toMatchObject({ kind: "refund", why: "horizon" });
  });

  it("waits as asked and parks an empty balance while retrying", () => {
    expect(decideOutcome({ ...base, error: new RetryLater(2_000, "pending") })).toMatchObject({
      kind: "retry",
      delayMs: 2_000,
      type: "wait",
    });
    expect(decideOutcome({ ...base, error: http(400, "Insufficient balance") })).toMatchObject({
      kind: "park_and_retry",
      attentionReason: "insufficient_balance",
    });
    expect(decideOutcome({ ...base, error: http(400, "Insufficient balance"), age: 2 * HOUR })).toMatchObject({
      kind: "refund",
      why: "horizon",
    });
  });

  it("hands ambiguity to an admin, stops for a lost lease, and re-runs an order that moved under us", () => {
    expect(decideOutcome({ ...base, error: new NeedsAdmin("ambiguous_purchase", "two") })).toMatchObject({
      kind: "park",
      attentionReason: "ambiguous_purchase",
    });
    expect(decideOutcome({ ...base, error: new LeaseLost() })).toEqual({ kind: "lost_lease" });
    expect(decideOutcome({ ...base, error: new StopBuying("order is refunded") })).toMatchObject({ kind: "skip" });
  });

  it("does not refund again when a refund itself could not be done", () => {
    expect(decideOutcome({ ...base, phase: "refund", error: http(400) })).toMatchObject({ kind: "refund_stuck" });
  });
});

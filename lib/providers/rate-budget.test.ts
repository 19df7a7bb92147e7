// The provider rate budget: never more than the limit in any window, validations kept to their share and
// stepping aside for purchases, and a 429's Retry-After honoured by everyone.
import { describe, expect, it } from "vitest";
import { RateBudget } from "./rate-budget";

function maxInAnyWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (const t of times) max = Math.max(max, times.filter((u) => u >= t && u < t + windowMs).length);
  return max;
}

describe("RateBudget", () => {
  it("sends no more than the limit in any sliding window, however many callers rush at once", async () => {
    const budget = new RateBudget({ limit: 5, windowMs: 150, validateLimit: 2 });
    const sent: number[] = [];
    await Promise.all(Array.from({ length: 25 }, () => budget.acquire("purchase").then(() => sent.push(Date.now()))));
    expect(sent).toHaveLength(25);
    // Measured over a slightly shorter window: these timestamps trail the budget's own by a tick or two.
    expect(maxInAnyWindow(sent, 140)).toBeLessThanOrEqual(5);
    expect(sent.at(-1)! - sent[0]!).toBeGreaterThanOrEqual(4 * 140);
  });

  it("keeps validations to their share and lets waiting purchases go first", async () => {
    const budget = new RateBudget({ limit: 4, windowMs: 200, validateLimit: 2 });
    const log: { kind: string; at: number }[] = [];
    const started = Date.now();
    const validations = Array.from({ length: 12 }, () =>
      budget.acquire("validate").then(() => log.push({ kind: "validate", at: Date.now() - started })),
    );
    // Purchases arrive while the validations queue.
    await new Promise((r) => setTimeout(r, 10));
    const purchases = Array.from({ length: 6 }, () =>
      budget.acquire("purchase").then(() => log.push({ kind: "purchase", at: Date.now() - started })),
    );
    await Promise.all([...validations, ...purchases]);
    const v = log.filter((e) => e.kind === "validate").map((e) => e.at);
    const p = log.filter((e) => e.kind === "purchase").map((e) => e.at);
    expect(maxInAnyWindow(v, 190)).toBeLessThanOrEqual(2);
    expect(maxInAnyWindow([...v, ...p], 190)).toBeLessThanOrEqual(4);
    // Six purchases need two windows at most; twelve validations need six.
    expect(Math.max(...p)).toBeLessThan(450);
    expect(Math.max(...p)).toBeLessThan(Math.max(...v));
  });

  it("lets a caller that bounds its wait give up unsent while purchases fill the window", async () => {
    const budget = new RateBudget({ limit: 2, windowMs: 400, validateLimit: 1 });
    const purchases = Array.from({ length: 6 }, () => budget.acquire("purchase"));
    const started = Date.now();
    expect(await budget.acquire("validate", 150)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(400);
    expect(await Promise.all(purchases)).toEqual(Array(6).fill(true));
    // The give-up took no slot: with the purchases through, the next window has room for a validation at once.
    await new Promise((r) => setTimeout(r, 420));
    expect(budget.inWindow()).toBe(0);
    expect(await budget.acquire("validate", 0)).toBe(true);
  });

  it("holds every caller back until a 429's Retry-After has passed", async () => {
    const budget = new RateBudget({ limit: 10, windowMs: 1000, validateLimit: 5 });
    const started = Date.now();
    budget.pause(300);
    await Promise.all([budget.acquire("purchase"), budget.acquire("validate")]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

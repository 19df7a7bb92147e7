import { describe, expect, it } from "vitest";
import type { UsageBundle } from "@/lib/db/schema";
import { dataLeft } from "./left";

const GB = 1_000_000_000;
const plan = (reference: string, state: string, initial: number | null, remaining = initial): UsageBundle => ({
  name: `b-${reference}`,
  description: null,
  reference,
  state,
  initialBytes: initial,
  remainingBytes: remaining,
  unlimited: initial === null,
  assignedAt: null,
  startTime: null,
  endTime: null,
});

describe("dataLeft", () => {
  const running = plan("r1", "active", 1 * GB, 0.25 * GB);

  it("adds a queued top-up's whole allowance to what is left", () => {
    const left = dataLeft({ reference: "r1", initialBytes: 1 * GB, remainingBytes: 0.25 * GB, unlimited: false }, [
      running,
      plan("t1", "queued", 5 * GB),
    ]);
    expect(left).toEqual({ initialBytes: 6 * GB, remainingBytes: 5.25 * GB, queuedBytes: 5 * GB, unlimited: false });
  });

  it("does not count the shown plan twice, nor finished plans at all", () => {
    const waitingShown = plan("t1", "processing", 5 * GB);
    const left = dataLeft({ reference: "t1", initialBytes: 5 * GB, remainingBytes: 5 * GB, unlimited: false }, [
      waitingShown,
      plan("old", "depleted", 1 * GB, 0),
      plan("older", "expired", 3 * GB, 1 * GB),
    ]);
    expect(left).toEqual({ initialBytes: 5 * GB, remainingBytes: 5 * GB, queuedBytes: 0, unlimited: false });
  });

  it("shows the queued plan even before the running plan's figures arrive", () => {
    expect(
      dataLeft({ reference: null, initialBytes: null, remainingBytes: null, unlimited: false }, [
        plan("t1", "queued", 3 * GB),
      ]),
    ).toMatchObject({ remainingBytes: 3 * GB, queuedBytes: 3 * GB });
  });

  it("an unlimited plan waiting makes the eSIM unlimited", () => {
    expect(
      dataLeft({ reference: "r1", initialBytes: GB, remainingBytes: 0, unlimited: false }, [
        running,
        plan("u", "queued", null),
      ]),
    ).toMatchObject({ unlimited: true, remainingBytes: null });
  });
});

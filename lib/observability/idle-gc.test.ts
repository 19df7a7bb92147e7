import { afterEach, describe, expect, it } from "vitest";
import { idleCollectionDue, startIdleCollection } from "./idle-gc";

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("idleCollectionDue", () => {
  const options = { idleBelow: 0.05, minGrowthBytes: 16 * MB };

  it("collects a quiet process whose heap grew since the last collection", () => {
    expect(
      idleCollectionDue({ busyShare: 0.01, heapBytes: 150 * MB, heapBytesAfterLastCollection: 80 * MB }, options),
    ).toBe(true);
  });

  it("never pauses a busy process", () => {
    expect(
      idleCollectionDue({ busyShare: 0.4, heapBytes: 150 * MB, heapBytesAfterLastCollection: 80 * MB }, options),
    ).toBe(false);
  });

  it("leaves a quiet process alone when there is little to give back", () => {
    expect(
      idleCollectionDue({ busyShare: 0, heapBytes: 90 * MB, heapBytesAfterLastCollection: 80 * MB }, options),
    ).toBe(false);
  });
});

describe("startIdleCollection", () => {
  let stop = () => {};
  afterEach(() => stop());

  it("collects once the event loop is quiet, and not again until the heap grows", async () => {
    let collections = 0;
    stop = startIdleCollection({ gc: () => collections++, checkEveryMs: 40, idleBelow: 0.5, minGrowthBytes: 4 * MB });
    await sleep(200);
    // The first quiet check collects what start-up left; the heap has not grown past the collection's size since.
    expect(collections).toBe(1);
  });

  it("does not collect while the loop is busy", async () => {
    let collections = 0;
    stop = startIdleCollection({ gc: () => collections++, checkEveryMs: 40, idleBelow: -1, minGrowthBytes: 0 });
    await sleep(200);
    expect(collections).toBe(0);
  });

  it("does nothing when the process was started without --expose-gc", () => {
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe("undefined");
    stop = startIdleCollection({ checkEveryMs: 10 });
    expect(stop).toBeTypeOf("function");
  });
});

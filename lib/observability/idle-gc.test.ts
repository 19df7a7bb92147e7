// The idle collector: never while the server is busy, once when it has gone quiet with a grown heap, and not
// again until the heap grows again.
import { describe, expect, it } from "vitest";
import { idleCollector } from "./idle-gc";

const MB = 1024 * 1024;

function fakeRuntime() {
  const state = { heap: 100 * MB, live: 90 * MB, utilisation: 0, collections: 0 };
  const probes = {
    gc: () => {
      state.collections++;
      state.heap = state.live;
    },
    heapBytes: () => state.heap,
    utilisation: () => state.utilisation,
  };
  return { state, check: idleCollector(probes) };
}

describe("idle collector", () => {
  it("waits while the event loop is busy, collects once the server has been at rest for two checks, and not again without growth", () => {
    const { state, check } = fakeRuntime();
    state.heap += 60 * MB;
    state.utilisation = 0.4;
    expect(check()).toBe(false);
    state.utilisation = 0.005;
    expect(check()).toBe(false);
    state.utilisation = 0.3;
    expect(check()).toBe(false);
    state.utilisation = 0.005;
    expect(check()).toBe(false);
    expect(state.collections).toBe(0);
    expect(check()).toBe(true);
    expect(state.heap).toBe(90 * MB);
    expect(check()).toBe(false);
    expect(check()).toBe(false);
    expect(state.collections).toBe(1);

    // A little growth is left alone; a burst's worth is collected at the next quiet check.
    state.heap += 10 * MB;
    expect(check()).toBe(false);
    state.heap += 20 * MB;
    expect(check()).toBe(true);
    expect(state.collections).toBe(2);
  });
});

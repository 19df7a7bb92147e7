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
  it("waits while the event loop is busy, collects once the server has been at rest for two checks after work, and not again until it has worked", () => {
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

    // Growth while quiet (timers) waits for the next spell of work; a little growth after work is left alone.
    state.heap += 30 * MB;
    expect(check()).toBe(false);
    state.utilisation = 0.5;
    state.heap = 94 * MB;
    expect(check()).toBe(false);
    state.utilisation = 0.005;
    expect(check()).toBe(false);
    expect(check()).toBe(false);
    state.utilisation = 0.5;
    state.heap = 140 * MB;
    expect(check()).toBe(false);
    state.utilisation = 0.005;
    expect(check()).toBe(false);
    expect(check()).toBe(true);
    expect(state.collections).toBe(2);
  });
});

// V8 runs no full collection in a process that has gone quiet: after a burst of orders the heap it grew stays
// resident (on this server about 60 MB of garbage over a 160 MB live process). So when the event loop has been
// idle for two checks in a row after some work, and the heap has grown since the last full collection, collect
// once: a quiet server is collected once per quiet spell, not every few seconds.
// Two checks, because V8 gives the young generation's pages back only when its recent allocation rate is low:
// collected straight after a burst, the heap stays as large. Needs --expose-gc (scripts/lib/server-memory.ts);
// without it this does nothing.
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import { log } from "./logger";

const CHECK_MS = 5_000;
/** Below this share of the check spent running JavaScript, the process is at rest. */
const IDLE_UTILISATION = 0.02;
const GROWTH_BYTES = 8 * 1024 * 1024;

interface Probes {
  gc: () => void;
  heapBytes: () => number;
  /** Event-loop utilisation since the previous call, 0..1. */
  utilisation: () => number;
}

function runtimeProbes(): Probes | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") return null;
  let last = performance.eventLoopUtilization();
  return {
    gc,
    heapBytes: () => v8.getHeapStatistics().total_heap_size,
    utilisation: () => {
      const since = performance.eventLoopUtilization(last);
      last = performance.eventLoopUtilization();
      return since.utilization;
    },
  };
}

const QUIET_CHECKS = 2;

/** One check: collects when idle and grown; returns whether it did. */
export function idleCollector(probes: Probes): () => boolean {
  let afterLastCollection = probes.heapBytes();
  let quiet = 0;
  let workedSince = true;
  return () => {
    const busy = probes.utilisation() > IDLE_UTILISATION;
    quiet = busy ? 0 : quiet + 1;
    workedSince ||= busy;
    if (!workedSince || quiet < QUIET_CHECKS) return false;
    if (probes.heapBytes() - afterLastCollection < GROWTH_BYTES) return false;
    probes.gc();
    afterLastCollection = probes.heapBytes();
    workedSince = false;
    return true;
  };
}

export function startIdleCollector(): void {
  const probes = runtimeProbes();
  if (!probes) return;
  const check = idleCollector(probes);
  setInterval(() => {
    const before = probes.heapBytes();
    if (check())
      log.info({ heapMb: [before, probes.heapBytes()].map((b) => Math.round(b / 1048576)) }, "collected at rest");
  }, CHECK_MS).unref();
}

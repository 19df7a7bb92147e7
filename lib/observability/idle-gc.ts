// After a burst of work (orders, page renders) V8 keeps the garbage it has not yet needed to collect, and its
// grown heap with it: a server at rest after 70 orders held ~225 MB resident, ~160 MB after one full
// collection. Node gives V8 no idle time to collect in, so the server does it once the process goes quiet.
// Needs `--expose-gc` (npm start and the test stacks pass it); without it this does nothing.
import v8 from "node:v8";
import { performance } from "node:perf_hooks";

export interface IdleCollectionOptions {
  checkEveryMs: number;
  /** The event loop busy at most this share of the last check's window counts as idle. */
  idleBelow: number;
  /** Heap grown at least this much past its size after the last collection is worth a full collection. */
  minGrowthBytes: number;
}

const DEFAULTS: IdleCollectionOptions = { checkEveryMs: 5_000, idleBelow: 0.05, minGrowthBytes: 16 * 1024 * 1024 };

/** Collect only when quiet (a full collection pauses everything ~50–150 ms) and when there is enough to give back. */
export function idleCollectionDue(
  state: { busyShare: number; heapBytes: number; heapBytesAfterLastCollection: number },
  options: Pick<IdleCollectionOptions, "idleBelow" | "minGrowthBytes"> = DEFAULTS,
): boolean {
  return (
    state.busyShare <= options.idleBelow &&
    state.heapBytes - state.heapBytesAfterLastCollection >= options.minGrowthBytes
  );
}

/** Starts the check; returns a stop function. `gc` defaults to the one `--expose-gc` puts on globalThis. */
export function startIdleCollection(options: Partial<IdleCollectionOptions> & { gc?: () => void } = {}): () => void {
  const gc = options.gc ?? (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") return () => {};
  const settings = { ...DEFAULTS, ...options };
  // Committed heap, not live objects: what the process holds from the OS is what a collection can return.
  const heapBytes = () => v8.getHeapStatistics().total_heap_size;
  let last = performance.eventLoopUtilization();
  // Zero: the garbage start-up leaves (migrations, the catalogue sync) is collected at the first quiet moment.
  let afterLastCollection = 0;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busyShare = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    if (
      !idleCollectionDue(
        { busyShare, heapBytes: heapBytes(), heapBytesAfterLastCollection: afterLastCollection },
        settings,
      )
    )
      return;
    gc();
    afterLastCollection = heapBytes();
    // The collection itself kept the loop busy; the next window starts after it.
    last = performance.eventLoopUtilization();
  }, settings.checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}

import os from "node:os";
import { randomBytes } from "node:crypto";
import { getDb, type Db } from "@/lib/db";
import type { Job } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { log } from "@/lib/observability/logger";
import { LANE_LIMITS, LANES, type Lane } from "./lanes";
import { claimDueJobs, queuedSoFar, renewLease, settleJob } from "./queue";
import { handlerFor } from "./registry";
import type { JobOutcome } from "./types";

export interface WorkerOptions {
  limit?: number;
  workerId?: string;
  db?: Db;
  leaseMs?: number;
  lanes?: readonly Lane[];
  deps?: Record<string, unknown>;
}

export interface JobReport {
  jobId: number;
  kind: string;
  lane: string;
  orderId: string;
  outcome: JobOutcome;
}

interface LaneState {
  inFlight: number;
  pumping: boolean;
  again: boolean;
  backlog: boolean;
}

const slot = globalThis as unknown as {
  __ternWorker?: {
    id: string;
    lanes: Record<Lane, LaneState>;
    timer?: NodeJS.Timeout;
    wakeups: Set<NodeJS.Timeout>;
  };
};

function state() {
  slot.__ternWorker ??= {
    id: `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
    lanes: Object.fromEntries(
      LANES.map((l) => [l, { inFlight: 0, pumping: false, again: false, backlog: false }]),
    ) as Record<Lane, LaneState>,
    wakeups: new Set(),
  };
  return slot.__ternWorker;
}

export function inFlightByLane(): Record<Lane, number> {
  const s = state();
  return Object.fromEntries(LANES.map((l) => [l, s.lanes[l].inFlight])) as Record<Lane, number>;
}

const leaseOf = (job: Job, options: WorkerOptions) =>
  options.leaseMs ?? LANE_LIMITS[job.lane as Lane]?.leaseMs ?? LANE_LIMITS.fulfilment.leaseMs;

export async function runJob(job: Job, options: WorkerOptions = {}): Promise<JobOutcome> {
  const db = options.db ?? (await getDb());
  const leaseMs = leaseOf(job, options);
  const lost = new AbortController();
  const heartbeat = setInterval(() => {
    renewLease(db, job, leaseMs).then(
      (held) => held || lost.abort(new Error("lease lost")),
      (err: unknown) => log.warn({ err }, `could not renew the lease of job ${job.id}`),
    );
  }, leaseMs / 3);
  heartbeat.unref();
  let outcome: JobOutcome;
  try {
    const handler = handlerFor(job.kind);
    if (!handler) throw new Error(`no handler registered for job kind "${job.kind}"`);
    outcome = await handler({ job, db, leaseMs, signal: lost.signal, overrides: options.deps ?? {} });
  } catch (err) {
    log.error({ err }, `job ${job.id} (${job.kind}, order ${job.orderId}) crashed`);
    outcome = { kind: "retry", delayMs: 5_000, reason: err instanceof Error ? err.message : String(err), failed: true };
  } finally {
    clearInterval(heartbeat);
  }
  try {
    if (outcome.kind === "dead")
      log.error(`job ${job.id} (${job.kind}, order ${job.orderId}) given up: ${outcome.reason}`);
    if (!("settled" in outcome && outcome.settled)) await settleJob(db, job, outcome);
  } catch (err) {
    // The lease runs out and another worker takes the job again.
    log.error({ err }, `could not settle job ${job.id}`);
  }
  return outcome;
}

export async function runDueJobs(options: WorkerOptions = {}): Promise<JobReport[]> {
  const db = options.db ?? (await getDb());
  const workerId = options.workerId ?? state().id;
  const perLane = await Promise.all(
    (options.lanes ?? LANES).map(async (lane) => {
      const limit = Math.min(options.limit ?? LANE_LIMITS[lane].concurrency, LANE_LIMITS[lane].concurrency);
      const claimed = await claimDueJobs(db, workerId, limit, options.leaseMs ?? LANE_LIMITS[lane].leaseMs, lane);
      return Promise.all(
        claimed.map(async (job) => ({
          jobId: job.id,
          kind: job.kind,
          lane: job.lane,
          orderId: job.orderId,
          outcome: await runJob(job, { ...options, db }),
        })),
      );
    }),
  );
  return perLane.flat();
}

/** Cheap to call often; overlapping calls fold into the running pass. */
export function kickWorker(lane?: Lane): void {
  for (const l of lane ? [lane] : LANES) {
    const s = state().lanes[l];
    if (s.pumping) s.again = true;
    else void pump(l);
  }
}

async function pump(lane: Lane): Promise<void> {
  const s = state();
  const ls = s.lanes[lane];
  const { concurrency, leaseMs, perKey } = LANE_LIMITS[lane];
  ls.pumping = true;
  try {
    const db = await getDb();
    do {
      ls.again = false;
      const free = concurrency - ls.inFlight;
      if (free <= 0) break;
      const claimed = await claimDueJobs(db, s.id, free, leaseMs, lane);
      ls.backlog = claimed.length === free;
      for (const job of claimed) {
        ls.inFlight++;
        const queuedBefore = queuedSoFar();
        void runJob(job, { db }).then((outcome) => {
          ls.inFlight--;
          if (outcome.kind === "retry" && outcome.delayMs <= 30_000) wakeAfter(lane, outcome.delayMs + 50);
          // A freed slot claims again only if the last claim left due jobs behind or a per-key cap held some.
          const queued = queuedSoFar();
          for (const l of LANES)
            if ((queued[l] ?? 0) > (queuedBefore[l] ?? 0) || (l === lane && (ls.backlog || perKey))) kickWorker(l);
        });
      }
      if (claimed.length === free) ls.again = true;
    } while (ls.again);
  } catch (err) {
    log.error({ err }, `claiming ${lane} jobs failed`);
  } finally {
    ls.pumping = false;
  }
}

function wakeAfter(lane: Lane, ms: number): void {
  const s = state();
  const t = setTimeout(() => {
    s.wakeups.delete(t);
    kickWorker(lane);
  }, ms);
  t.unref();
  s.wakeups.add(t);
}

export function startWorker(): () => void {
  const s = state();
  if (!s.timer) {
    s.timer = setInterval(() => kickWorker(), env().fulfilment.workerIntervalMs);
    s.timer.unref();
    kickWorker();
  }
  return stopWorker;
}

export function stopWorker(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  for (const t of s.wakeups) clearTimeout(t);
  s.wakeups.clear();
}

export async function drainDueJobs(
  options: WorkerOptions & { budgetMs?: number } = {},
): Promise<{ jobs: number; outcomes: Record<string, number> }> {
  const deadline = Date.now() + (options.budgetMs ?? 60_000);
  const outcomes: Record<string, number> = {};
  let jobs = 0;
  let lanes: readonly Lane[] = options.lanes ?? LANES;
  while (Date.now() < deadline && lanes.length > 0) {
    const reports = await runDueJobs({ ...options, lanes });
    jobs += reports.length;
    for (const r of reports) outcomes[r.outcome.kind] = (outcomes[r.outcome.kind] ?? 0) + 1;
    lanes = lanes.filter((lane) => {
      const limit = Math.min(options.limit ?? LANE_LIMITS[lane].concurrency, LANE_LIMITS[lane].concurrency);
      return reports.filter((r) => r.lane === lane).length >= limit;
    });
  }
  return { jobs, outcomes };
}

// The worker: claims due jobs and runs them. It runs from three places — right after a webhook commits
// (`kickWorker` inside `after()`), on a timer in a long-running server (`startFulfilmentWorker`, from
// instrumentation.ts), and from GET /api/cron/fulfil on serverless hosts (`runDueJobs`). Postgres is the only
// coordination: any number of processes may do this at once.
import os from "node:os";
import { randomBytes } from "node:crypto";
import { getDb, type Db } from "@/lib/db";
import { inArray } from "drizzle-orm";
import { orders, type Job, type Order } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { claimDueJobs, complete, DEFAULT_LEASE_MS, fail, retryLater } from "./jobs";
import { runAlertJob } from "./attention";
import { runAuditJob } from "./audit";
import { runWebhookJob } from "@/lib/partners/webhooks";
import { fulfilOrder, type FulfilDeps, type JobOutcome } from "./fulfil-order";
import { providerFor } from "@/lib/providers";
import { log } from "@/lib/observability/logger";

/** Jobs one process runs at once. A job spends most of its time waiting on providers and holds a database
 *  connection only for short statements (never across an outside call), so this can exceed the pool size. */
export const MAX_CONCURRENCY = 16;

export interface WorkerOptions {
  limit?: number;
  workerId?: string;
  db?: Db;
  leaseMs?: number;
  deps?: Partial<FulfilDeps>;
}

export interface JobReport {
  jobId: number;
  orderId: string;
  outcome: JobOutcome;
}

const slot = globalThis as unknown as {
  __ternWorker?: {
    id: string;
    inFlight: number;
    pumping: boolean;
    again: boolean;
    timer?: NodeJS.Timeout;
    wakeups: Set<NodeJS.Timeout>;
  };
};

function state() {
  slot.__ternWorker ??= {
    id: `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
    inFlight: 0,
    pumping: false,
    again: false,
    wakeups: new Set(),
  };
  return slot.__ternWorker;
}

export function defaultDeps(db: Db, overrides: Partial<FulfilDeps> = {}): FulfilDeps {
  return {
    db,
    provider: providerFor,
    leaseMs: DEFAULT_LEASE_MS,
    settleWindowMs: 60_000,
    auditDelayMs: 10 * 60_000,
    attentionRefundMs: env().fulfilment.attentionRefundHours * 3_600_000,
    ...overrides,
  };
}

/** Runs one claimed job to its outcome and settles it in the queue. Never throws. */
export async function runJob(job: Job, deps: FulfilDeps, order?: Order): Promise<JobOutcome> {
  let outcome: JobOutcome;
  try {
    const run = { job, deps, now: deps.now ?? (() => new Date()), leaseCheckedAt: Date.now() };
    if (job.kind === "admin_alert") outcome = await runAlertJob(run);
    else if (job.kind === "purchase_audit") outcome = await runAuditJob(run);
    else if (job.kind === "partner_webhook") outcome = await runWebhookJob(run);
    else outcome = await fulfilOrder(job, deps, order);
  } catch (err) {
    log.error({ err }, `job ${job.id} (order ${job.orderId}) crashed`);
    outcome = { kind: "retry", delayMs: 5_000, reason: err instanceof Error ? err.message : String(err), failed: true };
  }
  try {
    if (outcome.kind === "complete") await complete(deps.db, job);
    else if (outcome.kind === "retry") await retryLater(deps.db, job, outcome.delayMs, outcome.reason, outcome.failed);
    else if (outcome.kind === "dead") {
      log.error(`job ${job.id} (order ${job.orderId}) given up: ${outcome.reason}`);
      await fail(deps.db, job, outcome.reason);
    }
  } catch (err) {
    // The lease runs out and another worker picks the job up again.
    log.error({ err }, `could not settle job ${job.id}`);
  }
  return outcome;
}

/** Claims up to `limit` due jobs, runs them concurrently and waits for all (cron, tests, scripts). */
export async function runDueJobs(options: WorkerOptions = {}): Promise<JobReport[]> {
  const db = options.db ?? (await getDb());
  const deps = defaultDeps(db, { ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}), ...options.deps });
  const claimed = await claimDueJobs(
    db,
    options.workerId ?? state().id,
    options.limit ?? MAX_CONCURRENCY,
    deps.leaseMs,
  );
  const ordersById = await ordersOf(db, claimed);
  return Promise.all(
    claimed.map(async (job) => ({
      jobId: job.id,
      orderId: job.orderId,
      outcome: await runJob(job, deps, ordersById.get(job.orderId)),
    })),
  );
}

/** The claimed jobs' orders in one query, read after the claim (so no older than the lease). */
async function ordersOf(db: Db, claimed: Job[]): Promise<Map<string, Order>> {
  if (claimed.length === 0) return new Map();
  const rows = await db
    .select()
    .from(orders)
    .where(
      inArray(
        orders.id,
        claimed.map((j) => j.orderId),
      ),
    );
  return new Map(rows.map((o) => [o.id, o]));
}

/**
 * Wakes this process's worker: keeps up to MAX_CONCURRENCY jobs running, claiming more as each finishes.
 * Cheap to call often (every webhook does); overlapping calls fold into the running pass.
 */
export function kickWorker(): void {
  const s = state();
  if (s.pumping) {
    s.again = true;
    return;
  }
  void pump();
}

async function pump(): Promise<void> {
  const s = state();
  s.pumping = true;
  try {
    const db = await getDb();
    const deps = defaultDeps(db);
    do {
      s.again = false;
      const free = MAX_CONCURRENCY - s.inFlight;
      if (free <= 0) break;
      const claimed = await claimDueJobs(db, s.id, free, deps.leaseMs);
      const ordersById = await ordersOf(db, claimed);
      for (const job of claimed) {
        s.inFlight++;
        void runJob(job, deps, ordersById.get(job.orderId)).then((outcome) => {
          s.inFlight--;
          // A short wait (pending purchase, lagging assignments) is worth a timer of its own rather than the
          // next interval tick.
          if (outcome.kind === "retry" && outcome.delayMs <= 30_000) wakeAfter(outcome.delayMs + 50);
          kickWorker();
        });
      }
      if (claimed.length === free) s.again = true;
    } while (s.again);
  } catch (err) {
    log.error({ err }, "claiming jobs failed");
  } finally {
    s.pumping = false;
  }
}

function wakeAfter(ms: number): void {
  const s = state();
  const t = setTimeout(() => {
    s.wakeups.delete(t);
    kickWorker();
  }, ms);
  t.unref();
  s.wakeups.add(t);
}

/** Polls for due jobs on an interval (retries, and work queued by other instances). Idempotent; returns a stop function. */
export function startFulfilmentWorker(): () => void {
  const s = state();
  if (!s.timer) {
    s.timer = setInterval(kickWorker, env().fulfilment.workerIntervalMs);
    s.timer.unref();
    kickWorker();
  }
  return stopFulfilmentWorker;
}

export function stopFulfilmentWorker(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  for (const t of s.wakeups) clearTimeout(t);
  s.wakeups.clear();
}

/** Runs due jobs until none are left or `budgetMs` is spent (the cron route on serverless hosts). */
export async function drainDueJobs(
  options: WorkerOptions & { budgetMs?: number } = {},
): Promise<{ jobs: number; outcomes: Record<string, number> }> {
  const deadline = Date.now() + (options.budgetMs ?? 60_000);
  const limit = options.limit ?? MAX_CONCURRENCY;
  const outcomes: Record<string, number> = {};
  let jobs = 0;
  while (Date.now() < deadline) {
    const reports = await runDueJobs({ ...options, limit });
    jobs += reports.length;
    for (const r of reports) outcomes[r.outcome.kind] = (outcomes[r.outcome.kind] ?? 0) + 1;
    if (reports.length < limit) break;
  }
  return { jobs, outcomes };
}

// Claimed with SKIP LOCKED and a lease (a dead worker's job is taken again); times come from the database clock.
import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { jobs, type Job } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { LANE_LIMITS, laneOf, type JobKind, type Lane } from "./lanes";
import type { JobOutcome } from "./types";

const DEFAULT_LEASE_MS = LANE_LIMITS.fulfilment.leaseMs;

interface EnqueueOptions {
  runAt?: Date;
  concurrencyKey?: string;
}

/** Call it in the transaction that makes the work necessary, so the job exists exactly when the state does. */
export async function enqueue(
  tx: Tx | Db,
  kind: JobKind,
  orderId: string,
  runAtOrOptions?: Date | EnqueueOptions,
): Promise<void> {
  const options = runAtOrOptions instanceof Date ? { runAt: runAtOrOptions } : (runAtOrOptions ?? {});
  const horizonMinutes = env().fulfilment.horizonMinutes;
  noteQueued(laneOf(kind));
  await tx
    .insert(jobs)
    .values({
      kind,
      lane: laneOf(kind),
      concurrencyKey: options.concurrencyKey ?? null,
      orderId,
      runAt: options.runAt ?? sql`now()`,
      horizonAt: sql`now() + make_interval(mins => ${horizonMinutes})`,
    })
    .onConflictDoUpdate({
      target: [jobs.kind, jobs.orderId],
      targetWhere: sql`status in ('queued', 'running')`,
      set: { runAt: sql`least(${jobs.runAt}, excluded.run_at)`, updatedAt: sql`now()` },
      setWhere: sql`${jobs.status} = 'queued'`,
    });
}

// On globalThis: routes and the worker are bundled apart.
const queuedSlot = globalThis as unknown as { __ternJobsQueued?: Record<string, number> };
const queuedCounts = () => (queuedSlot.__ternJobsQueued ??= {});

function noteQueued(lane: Lane): void {
  queuedCounts()[lane] = (queuedCounts()[lane] ?? 0) + 1;
}

export function queuedSoFar(): Readonly<Record<string, number>> {
  return { ...queuedCounts() };
}

const isDue = or(
  and(eq(jobs.status, "queued"), lte(jobs.runAt, sql`now()`)),
  and(eq(jobs.status, "running"), lt(jobs.lockedUntil, sql`now()`)),
);

/** A per-key cap claims under its own lock: two workers must not together exceed it. */
export async function claimDueJobs(
  db: Db,
  workerId: string,
  limit: number,
  leaseMs = DEFAULT_LEASE_MS,
  lane?: Lane,
): Promise<Job[]> {
  if (limit <= 0) return [];
  const claim = {
    status: "running",
    lockedBy: workerId,
    lockedUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
    attempts: sql`${jobs.attempts} + 1`,
  };
  const perKey = lane ? LANE_LIMITS[lane].perKey : undefined;
  if (!lane || !perKey) {
    const due = db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(lane ? eq(jobs.lane, lane) : undefined, isDue))
      .orderBy(jobs.runAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    return db.update(jobs).set(claim).where(inArray(jobs.id, due)).returning();
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`jobs:lane:${lane}`}))`);
    const ranked = sql`
      select j.id, j.run_at, j.concurrency_key,
             row_number() over (partition by j.concurrency_key order by j.run_at, j.id) as rank,
             coalesce(busy.n, 0) as busy
      from jobs j
      left join (
        select concurrency_key, count(*) as n from jobs
        where lane = ${lane} and status = 'running' and locked_until >= now() and concurrency_key is not null
        group by concurrency_key
      ) busy on busy.concurrency_key = j.concurrency_key
      where j.lane = ${lane}
        and ((j.status = 'queued' and j.run_at <= now()) or (j.status = 'running' and j.locked_until < now()))`;
    const picked = sql`
      select id from (${ranked}) c
      where c.concurrency_key is null or c.rank + c.busy <= ${perKey}
      order by c.run_at, c.id limit ${limit}`;
    // isDue again: a job may have been settled since.
    return tx
      .update(jobs)
      .set(claim)
      .where(and(sql`${jobs.id} in (${picked})`, isDue))
      .returning();
  });
}

/** Only the lease holder may settle a job. */
const held = (job: Pick<Job, "id" | "lockedBy">) =>
  and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.lockedBy, job.lockedBy ?? ""));

export async function renewLease(
  db: Db | Tx,
  job: Pick<Job, "id" | "lockedBy">,
  leaseMs = DEFAULT_LEASE_MS,
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(held(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function complete(db: Db | Tx, job: Pick<Job, "id" | "lockedBy">): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "done", lockedBy: null, lockedUntil: null })
    .where(held(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function retryLater(
  db: Db | Tx,
  job: Pick<Job, "id" | "lockedBy">,
  delayMs: number,
  error: string,
  failed = false,
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: "queued",
      ...(failed ? { failures: sql`${jobs.failures} + 1` } : {}),
      runAt: sql`now() + make_interval(secs => ${Math.max(0, delayMs) / 1000})`,
      lastError: error.slice(0, 2000),
      lockedBy: null,
      lockedUntil: null,
    })
    .where(held(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function restartBackoff(db: Db | Tx, job: Job): Promise<void> {
  if (job.failures === 0) return;
  await db.update(jobs).set({ failures: 0 }).where(held(job));
  job.failures = 0;
}

export async function fail(db: Db | Tx, job: Pick<Job, "id" | "lockedBy">, error: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "dead", lastError: error.slice(0, 2000), lockedBy: null, lockedUntil: null })
    .where(held(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** The outcome written to the job; false when the lease was lost meanwhile (another worker holds the job). */
export async function settleJob(db: Db | Tx, job: Pick<Job, "id" | "lockedBy">, outcome: JobOutcome): Promise<boolean> {
  if (outcome.kind === "complete") return complete(db, job);
  if (outcome.kind === "retry") return retryLater(db, job, outcome.delayMs, outcome.reason, outcome.failed);
  if (outcome.kind === "dead") return fail(db, job, outcome.reason);
  return false;
}

export async function closeQueued(db: Db | Tx, kind: JobKind, orderId: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "done" })
    .where(and(eq(jobs.kind, kind), eq(jobs.orderId, orderId), eq(jobs.status, "queued")));
}

export async function runNow(db: Db | Tx, kind: JobKind, orderIds: string[]): Promise<number> {
  if (orderIds.length === 0) return 0;
  const rows = await db
    .update(jobs)
    .set({ runAt: sql`now()` })
    .where(
      and(eq(jobs.kind, kind), eq(jobs.status, "queued"), inArray(jobs.orderId, orderIds), sql`${jobs.runAt} > now()`),
    )
    .returning({ id: jobs.id });
  return rows.length;
}

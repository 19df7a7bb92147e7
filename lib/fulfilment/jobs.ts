// The durable job queue, in Postgres. A job is claimed with FOR UPDATE SKIP LOCKED and a lease: any number
// of workers (processes, serverless invocations) drain the queue without taking the same job twice, and a
// job whose worker died is taken again once its lease runs out. Times come from the database clock, so
// workers on machines with skewed clocks still agree on what is due.
import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { jobs, type Job } from "@/lib/db/schema";
import { env } from "@/lib/env";

/** fulfil: buy and deliver an order; admin_alert: send the alerts it owes; purchase_audit: look for a
 *  provider order that turned up after we concluded an attempt had not happened; partner_webhook: post a
 *  reseller's pending webhook deliveries about the order (lib/partners/webhooks.ts). */
export type JobKind = "fulfil" | "admin_alert" | "purchase_audit" | "partner_webhook";

/** Long enough that a purchase call (20 s timeout) and the steps after it end inside it; the worker
 *  renews it between steps. */
export const DEFAULT_LEASE_MS = 60_000;

/**
 * Queues `kind` for the order unless an open (queued or running) one exists; an open queued job is pulled
 * forward to `runAt` if that is sooner. Call it inside the transaction that makes the work necessary, so the
 * job exists exactly when the state change does.
 */
export async function enqueue(tx: Tx | Db, kind: JobKind, orderId: string, runAt?: Date): Promise<void> {
  const horizonMinutes = env().fulfilment.horizonMinutes;
  await tx
    .insert(jobs)
    .values({
      kind,
      orderId,
      runAt: runAt ?? sql`now()`,
      horizonAt: sql`now() + make_interval(mins => ${horizonMinutes})`,
    })
    .onConflictDoUpdate({
      target: [jobs.kind, jobs.orderId],
      targetWhere: sql`status in ('queued', 'running')`,
      set: { runAt: sql`least(${jobs.runAt}, excluded.run_at)`, updatedAt: sql`now()` },
      setWhere: sql`${jobs.status} = 'queued'`,
    });
}

/**
 * Takes up to `limit` due jobs: queued ones whose time has come, and running ones whose lease expired (their
 * worker died). Each claim counts as an attempt.
 */
export async function claimDueJobs(
  db: Db,
  workerId: string,
  limit: number,
  leaseMs = DEFAULT_LEASE_MS,
): Promise<Job[]> {
  if (limit <= 0) return [];
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      or(
        and(eq(jobs.status, "queued"), lte(jobs.runAt, sql`now()`)),
        and(eq(jobs.status, "running"), lt(jobs.lockedUntil, sql`now()`)),
      ),
    )
    .orderBy(jobs.runAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(jobs)
    .set({
      status: "running",
      lockedBy: workerId,
      lockedUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
      attempts: sql`${jobs.attempts} + 1`,
    })
    .where(inArray(jobs.id, due))
    .returning();
}

/** Only the worker holding the lease may settle a job: a worker that lost it (too slow) changes nothing. */
const held = (job: Pick<Job, "id" | "lockedBy">) =>
  and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.lockedBy, job.lockedBy ?? ""));

/** Renews the lease; false means another worker has taken the job over and this one must stop. */
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

/** Gives up on the job for good (the order's own state says what happens next). */
export async function fail(db: Db | Tx, job: Pick<Job, "id" | "lockedBy">, error: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "dead", lastError: error.slice(0, 2000), lockedBy: null, lockedUntil: null })
    .where(held(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

// What every fulfilment step shares: the claimed job, its dependencies, and the phase a failure belongs to.
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { orders, type Job, type Order } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { renewLease } from "@/lib/jobs/queue";
import type { JobHandler, JobOutcome } from "@/lib/jobs/types";
import { providerFor } from "@/lib/providers";
import type { EsimProvider, InstallDetails } from "@/lib/providers/types";
import { LeaseLost } from "./errors";

export type { JobOutcome } from "@/lib/jobs/types";

export interface FulfilDeps {
  db: Db;
  provider: (name: string) => EsimProvider;
  leaseMs: number;
  /**
   * A `started` attempt younger than this may still be waiting for its answer in another worker, so it is
   * not looked up — let alone re-bought — before then. Default: the provider's purchase timeout + 10 s.
   */
  inFlightGraceMs?: number;
  /**
   * An attempt that got no answer is concluded "not bought" only once the provider's purchase timeout plus
   * this window has passed since it started: the provider may still finish a request our client gave up on.
   */
  settleWindowMs: number;
  /** How long after delivery a purchase concluded "not bought" is looked for once more (late orders). */
  auditDelayMs: number;
  /** A parked order past this is refunded (nothing bought) or alerted again (eSIM exists). */
  attentionRefundMs: number;
  now?: () => Date;
}

/** How far the order got when something failed: it decides between retry, refund and an admin. */
export type Phase = "start" | "purchase" | "deliver" | "refund";

export interface Run {
  job: Job;
  deps: FulfilDeps;
  now: () => Date;
  /** When this worker last knew it held the lease (claim or renewal). */
  leaseCheckedAt: number;
  /** Whether stock of the order's bundle was available when the run read its order (undefined: not asked). */
  stockAvailable?: boolean;
}

export interface Bought {
  reference: string;
  esims: InstallDetails[];
  /** Taken from managed stock (lib/stock): the esim_inventory row reserved for the order. */
  stockId?: number;
}

/** An error tagged with the phase it happened in (the one place a phase is decided). */
export class PhaseError extends Error {
  constructor(
    readonly phase: Phase,
    readonly error: unknown,
  ) {
    super(messageOf(error));
    this.name = "PhaseError";
  }
}

/** Runs `fn` as part of `phase`: whatever it throws carries the phase to the failure policy. */
export async function inPhase<T>(phase: Phase, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw err instanceof PhaseError ? err : new PhaseError(phase, err);
  }
}

export async function loadOrder(db: Db, orderId: string): Promise<Order | undefined> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  return order;
}

/**
 * Makes sure this worker still holds the job's lease. Freshly claimed (within half a lease) it certainly
 * does — nobody can claim before the lease ends — so the database is asked only when the run has been long.
 */
export async function keepLease(run: Run, db: Db | Tx = run.deps.db): Promise<void> {
  if (Date.now() - run.leaseCheckedAt < run.deps.leaseMs / 2) return;
  if (!(await renewLease(db, run.job, run.deps.leaseMs))) throw new LeaseLost();
  run.leaseCheckedAt = Date.now();
}

function defaultDeps(db: Db, overrides: Partial<FulfilDeps> = {}): FulfilDeps {
  return {
    db,
    provider: providerFor,
    leaseMs: 60_000,
    settleWindowMs: 60_000,
    auditDelayMs: 10 * 60_000,
    attentionRefundMs: env().fulfilment.attentionRefundHours * 3_600_000,
    ...overrides,
  };
}

/** A fulfilment step as a queue handler: the queue's run becomes fulfilment's, with the caller's overrides. */
export function fulfilmentHandler(fn: (run: Run) => Promise<JobOutcome>): JobHandler {
  return (r) => {
    const deps = defaultDeps(r.db, { leaseMs: r.leaseMs, ...(r.overrides as Partial<FulfilDeps>) });
    return fn({ job: r.job, deps, now: deps.now ?? (() => new Date()), leaseCheckedAt: Date.now() });
  };
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

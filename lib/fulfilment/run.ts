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
  /** A `started` attempt younger than this may still await its answer in another worker: not looked up. */
  inFlightGraceMs?: number;
  /** No answer is "not bought" only after the provider's timeout plus this: it may still finish the request. */
  settleWindowMs: number;
  auditDelayMs: number;
  attentionRefundMs: number;
  now?: () => Date;
}

export type Phase = "start" | "purchase" | "deliver" | "refund";

export interface Run {
  job: Job;
  deps: FulfilDeps;
  now: () => Date;
  leaseCheckedAt: number;
  stockAvailable?: boolean;
}

export interface Bought {
  reference: string;
  esims: InstallDetails[];
  stockId?: number;
}

export class PhaseError extends Error {
  constructor(
    readonly phase: Phase,
    readonly error: unknown,
  ) {
    super(messageOf(error));
    this.name = "PhaseError";
  }
}

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

/** Within half a lease nobody else can have claimed, so the database is asked only on a long run. */
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

export function fulfilmentHandler(fn: (run: Run) => Promise<JobOutcome>): JobHandler {
  return (r) => {
    const deps = defaultDeps(r.db, { leaseMs: r.leaseMs, ...(r.overrides as Partial<FulfilDeps>) });
    return fn({ job: r.job, deps, now: deps.now ?? (() => new Date()), leaseCheckedAt: Date.now() });
  };
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

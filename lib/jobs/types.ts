import type { Db } from "@/lib/db";
import type { Job } from "@/lib/db/schema";

/** `settled`: the handler already settled its job, in the transaction that finished its work. */
export type JobOutcome =
  | { kind: "complete"; note: string; settled?: boolean }
  | { kind: "retry"; delayMs: number; reason: string; failed?: boolean; settled?: boolean }
  | { kind: "dead"; reason: string }
  | { kind: "lost_lease" };

export interface JobRun {
  job: Job;
  db: Db;
  leaseMs: number;
  /** Aborted once the lease is lost: another worker may be running the job. */
  signal: AbortSignal;
  overrides: Record<string, unknown>;
}

export type JobHandler = (run: JobRun) => Promise<JobOutcome>;

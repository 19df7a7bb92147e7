import type { Db } from "@/lib/db";
import type { Job } from "@/lib/db/schema";

export type JobOutcome =
  | { kind: "complete"; note: string }
  /** `failed`: the run hit an error (counted for the backoff), rather than waiting as planned. */
  | { kind: "retry"; delayMs: number; reason: string; failed?: boolean }
  | { kind: "dead"; reason: string }
  /** Another worker holds the job now; this one changes nothing more. */
  | { kind: "lost_lease" };

/** What a handler gets for one claimed job. */
export interface JobRun {
  job: Job;
  db: Db;
  leaseMs: number;
  /** Aborted once the lease is lost: another worker may be running the job, so this one must stop. */
  signal: AbortSignal;
  /** Settings the caller of the worker handed on to handlers (tests shorten a handler's waits with them). */
  overrides: Record<string, unknown>;
}

export type JobHandler = (run: JobRun) => Promise<JobOutcome>;

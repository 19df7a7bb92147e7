import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { syncCatalogue } from "@/lib/catalogue/sync";
import "@/lib/composition";
import { drainDueJobs } from "@/lib/jobs/worker";
import { getDb } from "@/lib/db";
import { runUsageAlerts } from "@/lib/usage/jobs";
import { runPaymentSweep } from "@/lib/payments/sweep";
import { scheduledReconcile } from "@/lib/admin/reconcile/run";
import { purgeRateLimits } from "@/lib/http/rate-limit";
import { purgeIdempotencyKeys } from "@/lib/partners/idempotency";
import { log } from "@/lib/observability/logger";
import { runRestock } from "@/lib/stock/restock";
import { runExchangeRates } from "@/lib/currency/jobs";

export type CronJob = () => Promise<unknown>;

export const cronJobs: Record<string, CronJob> = {
  "sync-catalogue": () => syncCatalogue(),
  "exchange-rates": async () => runExchangeRates(await getDb()),
  // Due jobs of every lane (retries, and work whose after() never ran), within the route's time limit.
  fulfil: () => drainDueJobs({ budgetMs: 240_000 }),
  "usage-alerts": async () => runUsageAlerts(await getDb()),
  sweep: () => runPaymentSweep(),
  reconcile: () => scheduledReconcile(),
  restock: async () => runRestock(await getDb()),
  "purge-rate-limits": async () => {
    const db = await getDb();
    return { purged: await purgeRateLimits(db), idempotencyKeys: await purgeIdempotencyKeys(db) };
  },
};

export interface CronResponse {
  status: number;
  body: unknown;
}

export function isAuthorisedCronCall(
  authorization: string | null,
  secret: string | undefined = env().cronSecret,
): boolean {
  if (!secret || !authorization) return false;
  const given = Buffer.from(authorization);
  const expected = Buffer.from(`Bearer ${secret}`);
  // Constant-time: the secret must not leak through how quickly a wrong guess is rejected.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function runCronJob(
  job: string,
  authorization: string | null,
  jobs: Record<string, CronJob> = cronJobs,
): Promise<CronResponse> {
  if (!isAuthorisedCronCall(authorization)) return { status: 401, body: { error: "unauthorised" } };
  const run = Object.hasOwn(jobs, job) ? jobs[job] : undefined;
  if (!run) return { status: 404, body: { error: `unknown job "${job}"`, jobs: Object.keys(jobs) } };
  const started = Date.now();
  try {
    const result = await run();
    return { status: 200, body: { job, ok: true, result } };
  } catch (err) {
    // 5xx so the scheduler records the failure and may retry.
    log.error({ err }, `${job} failed after ${Date.now() - started} ms`);
    return { status: 500, body: { job, ok: false, error: err instanceof Error ? err.message : String(err) } };
  }
}

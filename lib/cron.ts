// Scheduled jobs, reachable from `GET /api/cron/<job>` (serverless hosts call it on a schedule with
// `Authorization: Bearer $CRON_SECRET`). Adding a job is one line in `cronJobs`.
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

/** A job returns a JSON-serialisable summary of what it did; throwing means it failed. */
export type CronJob = () => Promise<unknown>;

export const cronJobs: Record<string, CronJob> = {
  "sync-catalogue": () => syncCatalogue(),
  // Exchange rates (daily is enough; hourly notices a stale rate sooner): fetch, stop stale currencies, reprice.
  "exchange-rates": async () => runExchangeRates(await getDb()),
  // Due jobs of every lane (retries, and work whose after() never ran), within the route's time limit.
  fulfil: () => drainDueJobs({ budgetMs: 240_000 }),
  // Usage alerts: "plan ends tomorrow", re-reading figures whose callbacks never came, failed alert emails.
  "usage-alerts": async () => runUsageAlerts(await getDb()),
  // Paid checkouts whose webhook never came, and Stripe events that were never delivered (every few minutes).
  sweep: () => runPaymentSweep(),
  // Stripe × orders × providers for the last 3 days; mails the admins only when something new disagrees.
  reconcile: () => scheduledReconcile(),
  // Stock: pre-buy up to each bundle's target, release reservations of orders that ended, owed low-stock alerts.
  restock: async () => runRestock(await getDb()),
  // Rate-limit windows older than two days, and reseller Idempotency-Keys past their 24 hours (daily is enough).
  "purge-rate-limits": async () => {
    const db = await getDb();
    return { purged: await purgeRateLimits(db), idempotencyKeys: await purgeIdempotencyKeys(db) };
  },
};

export interface CronResponse {
  status: number;
  body: unknown;
}

/** True only for `Bearer <CRON_SECRET>`; with no secret configured every call is refused. */
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

/** Auth, dispatch and error mapping for the cron route; separate from HTTP so it can be tested directly. */
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
    // 5xx so the scheduler records the failure (and may retry); the stack goes to the log.
    log.error({ err }, `${job} failed after ${Date.now() - started} ms`);
    return { status: 500, body: { job, ok: false, error: err instanceof Error ? err.message : String(err) } };
  }
}

// Every endpoint is posted under one deadline well inside the job's lease; one failing for FAILING_DISABLE_MS
// is switched off, and never holds more of the webhook lane than its partner's share.
import http from "node:http";
import https from "node:https";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import {
  jobs,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
  type WebhookEndpoint,
} from "@/lib/db/schema";
import { nextDelayMs } from "@/lib/jobs/backoff";
import { complete } from "@/lib/jobs/queue";
import type { JobOutcome, JobRun } from "@/lib/jobs/types";
import { log } from "@/lib/observability/logger";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";
import { endpointSecret } from "./webhook-endpoints";
import { tellPartnerEndpointDisabled } from "./webhook-notices";
import { allowPrivateTargets, deliveryErrorText, publicOnlyLookup, staticTargetProblem } from "./webhook-target";

export const MAX_ATTEMPTS = 8;
const ATTEMPT_TIMEOUT_MS = 10_000;
export const FAILING_DISABLE_MS = 3 * 86_400_000;

/** Never past half the lease: the rest settles the job. */
export const deliveryDeadlineMs = (leaseMs: number) => Math.min(ATTEMPT_TIMEOUT_MS, Math.floor(leaseMs / 2));

export async function runWebhookJob(run: JobRun): Promise<JobOutcome> {
  const { db, job } = run;
  const pending = await db
    .select({ delivery: webhookDeliveries, event: webhookEvents, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookEvents.orderId, job.orderId), eq(webhookDeliveries.status, "pending")))
    .orderBy(webhookDeliveries.id);
  const signal = AbortSignal.any([AbortSignal.timeout(deliveryDeadlineMs(run.leaseMs)), run.signal]);
  const results = await Promise.all(
    pending.map(async ({ delivery, event, endpoint }) => {
      if (endpoint.disabledAt) {
        await db.update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.id, delivery.id));
        return { endpoint, ok: null, open: false };
      }
      const ok = await attempt(db, delivery.id, endpoint, JSON.stringify(event.payload), signal);
      const attempts = delivery.attempts + 1;
      const status = ok ? "succeeded" : attempts >= MAX_ATTEMPTS ? "failed" : "pending";
      await db.update(webhookDeliveries).set({ status, attempts }).where(eq(webhookDeliveries.id, delivery.id));
      return { endpoint, ok, open: status === "pending" };
    }),
  );
  if (run.signal.aborted) return { kind: "lost_lease" };
  await recordHealth(db, results);
  const open = results.filter((r) => r.open).length;
  if (open > 0)
    return {
      kind: "retry",
      delayMs: nextDelayMs(job.failures + 1),
      reason: `${open} webhook deliveries pending`,
      failed: true,
    };
  // Settled under the order's job row lock, which raiseEvent's enqueue also takes: an event raised meanwhile is
  // seen here or queues a fresh job.
  const settled = await db.transaction(async (tx) => {
    await tx.select({ id: jobs.id }).from(jobs).where(eq(jobs.id, job.id)).for("update");
    const [left] = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(and(eq(webhookEvents.orderId, job.orderId), eq(webhookDeliveries.status, "pending")))
      .limit(1);
    if (left) return false;
    await complete(tx, job);
    return true;
  });
  if (!settled) return { kind: "retry", delayMs: 0, reason: "new webhook events arrived while delivering" };
  return { kind: "complete", note: `${pending.length} webhook deliveries settled` };
}

async function recordHealth(db: Db, results: { endpoint: WebhookEndpoint; ok: boolean | null }[]): Promise<void> {
  const byEndpoint = new Map<string, { endpoint: WebhookEndpoint; ok: boolean }>();
  for (const r of results) {
    if (r.ok === null) continue;
    const seen = byEndpoint.get(r.endpoint.id);
    byEndpoint.set(r.endpoint.id, { endpoint: r.endpoint, ok: (seen?.ok ?? false) || r.ok });
  }
  for (const { endpoint, ok } of byEndpoint.values()) {
    if (ok) {
      if (endpoint.failingSince)
        await db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
      continue;
    }
    if (!endpoint.failingSince) {
      await db
        .update(webhookEndpoints)
        .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
        .where(eq(webhookEndpoints.id, endpoint.id));
      continue;
    }
    const [disabled] = await db
      .update(webhookEndpoints)
      .set({ disabledAt: sql`now()`, disabledReason: "failing" })
      .where(
        and(
          eq(webhookEndpoints.id, endpoint.id),
          isNull(webhookEndpoints.disabledAt),
          lt(webhookEndpoints.failingSince, sql`now() - make_interval(secs => ${FAILING_DISABLE_MS / 1000})`),
        ),
      )
      .returning();
    if (disabled) await tellPartnerEndpointDisabled(db, disabled);
  }
}

async function attempt(
  db: Db,
  deliveryId: number,
  endpoint: WebhookEndpoint,
  body: string,
  signal: AbortSignal,
): Promise<boolean> {
  const secret = endpointSecret(endpoint);
  const started = Date.now();
  let responseStatus: number | null = null;
  let error: string | null = null;
  if (!secret) error = "the endpoint's secret cannot be read (SESSION_SECRET changed): create a new endpoint";
  else {
    try {
      responseStatus = await post(
        endpoint.url,
        body,
        {
          "content-type": "application/json",
          [SIGNATURE_HEADER]: signatureHeader(secret, body),
          "user-agent": "Tern-Webhooks/1",
        },
        signal,
      );
    } catch (err) {
      error = signal.aborted ? `no answer within ${Date.now() - started} ms` : deliveryErrorText(err);
    }
  }
  await db.insert(webhookAttempts).values({ deliveryId, responseStatus, error, durationMs: Date.now() - started });
  if (error) log.warn({ endpointId: endpoint.id, deliveryId }, `webhook delivery failed: ${error}`);
  return responseStatus !== null && responseStatus >= 200 && responseStatus < 300;
}

/** Not fetch: the socket must use the checked addresses (publicOnlyLookup), and a 3xx is never followed. */
export function post(url: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<number> {
  const allowPrivate = allowPrivateTargets();
  const problem = staticTargetProblem(url, allowPrivate);
  if (problem) return Promise.reject(new Error(`refused: ${problem}`));
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        agent: false,
        signal,
        ...(allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        res.resume(); // the body is not ours to read
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

// Outgoing webhooks. An event is recorded (once, by its dedupe key) together with one pending delivery per
// subscribed endpoint and a `partner_webhook` job for its order, in the transaction that made it happen; the
// job posts each pending delivery, logs every attempt, and retries with the queue's backoff until a 2xx or
// MAX_ATTEMPTS. Payloads carry order status and money, never install details (those need an API call).
import http from "node:http";
import https from "node:https";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import {
  jobs,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
  type Order,
  type WebhookEndpoint,
  type WebhookEventType,
} from "@/lib/db/schema";
import { complete, enqueue } from "@/lib/fulfilment/jobs";
import { nextDelayMs } from "@/lib/fulfilment/backoff";
import type { JobOutcome, Run } from "@/lib/fulfilment/run";
import { sealAccessToken, unsealAccessToken } from "@/lib/orders/ids";
import { randomBase32 } from "@/lib/tokens";
import { log } from "@/lib/observability/logger";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";
import { toApiOrder } from "./views";
import { allowPrivateTargets, publicOnlyLookup, staticTargetProblem, webhookTargetProblem } from "./webhook-target";

export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;

/** Thrown when an endpoint's URL may not be used (webhook-target.ts); the message is for the partner. */
export class WebhookTargetRefused extends Error {}

export async function createEndpoint(
  db: Db,
  partnerId: string,
  input: { url: string; events: WebhookEventType[] },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const problem = await webhookTargetProblem(input.url);
  if (problem) throw new WebhookTargetRefused(problem);
  const id = `whe_${randomBase32(16)}`;
  const secret = `whsec_${randomBase32(32)}`;
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({
      id,
      partnerId,
      url: input.url,
      events: [...new Set(input.events)],
      secretSealed: sealAccessToken(secret, id),
    })
    .returning();
  return { endpoint: endpoint!, secret };
}

export async function disableEndpoint(db: Db, partnerId: string, endpointId: string): Promise<boolean> {
  const rows = await db
    .update(webhookEndpoints)
    .set({ disabledAt: new Date() })
    .where(
      and(
        eq(webhookEndpoints.id, endpointId),
        eq(webhookEndpoints.partnerId, partnerId),
        isNull(webhookEndpoints.disabledAt),
      ),
    )
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** The endpoint's secret, for the portal to show again (like Stripe's dashboard). */
export function endpointSecret(endpoint: Pick<WebhookEndpoint, "id" | "secretSealed">): string | null {
  return unsealAccessToken(endpoint.secretSealed, endpoint.id);
}

interface RaiseInput {
  partnerId: string;
  type: WebhookEventType;
  orderId: string;
  dedupeKey: string;
  data: Record<string, unknown>;
}

/** Records an event and its deliveries; a second raise with the same dedupe key does nothing. */
export async function raiseEvent(tx: Tx | Db, input: RaiseInput): Promise<void> {
  const id = `evt_${randomBase32(20)}`;
  const payload = { id, type: input.type, createdAt: new Date().toISOString(), data: input.data };
  const [event] = await tx
    .insert(webhookEvents)
    .values({
      id,
      partnerId: input.partnerId,
      type: input.type,
      orderId: input.orderId,
      dedupeKey: input.dedupeKey,
      payload,
    })
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id });
  if (!event) return;
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.partnerId, input.partnerId),
        isNull(webhookEndpoints.disabledAt),
        sql`${input.type} = any(${webhookEndpoints.events})`,
      ),
    );
  if (endpoints.length === 0) return;
  await tx.insert(webhookDeliveries).values(endpoints.map((e) => ({ eventId: id, endpointId: e.id })));
  await enqueue(tx, "partner_webhook", input.orderId);
}

/** order.delivered / order.failed / order.refunded for a partner order (a no-op for shop orders). */
export async function raiseOrderEvent(tx: Tx | Db, order: Order, type: Exclude<WebhookEventType, "balance.low">) {
  if (!order.partnerId) return;
  await raiseEvent(tx, {
    partnerId: order.partnerId,
    type,
    orderId: order.id,
    dedupeKey: `${type}:${order.id}`,
    data: { order: toApiOrder(order) },
  });
}

/** The `partner_webhook` job: posts the order's pending deliveries. */
export async function runWebhookJob(run: Run): Promise<JobOutcome> {
  const { db } = run.deps;
  const pending = await db
    .select({ delivery: webhookDeliveries, event: webhookEvents, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookEvents.orderId, run.job.orderId), eq(webhookDeliveries.status, "pending")))
    .orderBy(webhookDeliveries.id);
  let open = 0;
  for (const { delivery, event, endpoint } of pending) {
    if (endpoint.disabledAt) {
      await db.update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.id, delivery.id));
      continue;
    }
    const ok = await attempt(db, delivery.id, endpoint, JSON.stringify(event.payload));
    const attempts = delivery.attempts + 1;
    const status = ok ? "succeeded" : attempts >= MAX_ATTEMPTS ? "failed" : "pending";
    await db.update(webhookDeliveries).set({ status, attempts }).where(eq(webhookDeliveries.id, delivery.id));
    if (status === "pending") open++;
  }
  if (open > 0)
    return {
      kind: "retry",
      delayMs: nextDelayMs(run.job.failures + 1),
      reason: `${open} webhook deliveries pending`,
      failed: true,
    };
  // An event raised while this job ran could not queue a job of its own (one open job per order): settle the
  // job under its row lock, which raiseEvent's enqueue also takes, so such an event is either seen here or
  // queues a fresh job after this one is done.
  const settled = await db.transaction(async (tx) => {
    await tx.select({ id: jobs.id }).from(jobs).where(eq(jobs.id, run.job.id)).for("update");
    const [left] = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(and(eq(webhookEvents.orderId, run.job.orderId), eq(webhookDeliveries.status, "pending")))
      .limit(1);
    if (left) return false;
    await complete(tx, run.job);
    return true;
  });
  if (!settled) return { kind: "retry", delayMs: 0, reason: "new webhook events arrived while delivering" };
  return { kind: "complete", note: `${pending.length} webhook deliveries settled` };
}

/** One signed POST, logged whatever happens. True on a 2xx. */
async function attempt(db: Db, deliveryId: number, endpoint: WebhookEndpoint, body: string): Promise<boolean> {
  const secret = endpointSecret(endpoint);
  const started = Date.now();
  let responseStatus: number | null = null;
  let error: string | null = null;
  if (!secret) error = "the endpoint's secret cannot be read (SESSION_SECRET changed): create a new endpoint";
  else {
    try {
      responseStatus = await post(endpoint.url, body, {
        "content-type": "application/json",
        [SIGNATURE_HEADER]: signatureHeader(secret, body),
        "user-agent": "Tern-Webhooks/1",
      });
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
  }
  await db.insert(webhookAttempts).values({ deliveryId, responseStatus, error, durationMs: Date.now() - started });
  if (error) log.warn({ endpointId: endpoint.id, deliveryId }, `webhook delivery failed: ${error}`);
  return responseStatus !== null && responseStatus >= 200 && responseStatus < 300;
}

/**
 * POSTs and answers the status. Not fetch: the connection must use the checked addresses (publicOnlyLookup),
 * and a 3xx is an answer, never followed.
 */
export function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
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
        signal: AbortSignal.timeout(TIMEOUT_MS),
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

/** Sends an event to an endpoint again (from the portal). False when it is not the partner's. */
export async function replayDelivery(db: Db, partnerId: string, deliveryId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        eventId: webhookDeliveries.eventId,
        endpointId: webhookDeliveries.endpointId,
        orderId: webhookEvents.orderId,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(
        and(
          eq(webhookDeliveries.id, deliveryId),
          eq(webhookEvents.partnerId, partnerId),
          isNull(webhookEndpoints.disabledAt),
        ),
      );
    if (!row?.orderId) return false; // a test event is sent again with the portal's button, not replayed
    await tx
      .insert(webhookDeliveries)
      .values({ eventId: row.eventId, endpointId: row.endpointId })
      .onConflictDoNothing();
    await enqueue(tx, "partner_webhook", row.orderId);
    return true;
  });
}

export interface DeliveryLogRow {
  id: number;
  eventId: string;
  type: string;
  orderId: string | null;
  endpointUrl: string;
  status: string;
  attempts: number;
  lastResponseStatus: number | null;
  lastError: string | null;
  createdAt: Date;
}

/** The partner's recent deliveries with their last attempt, newest first. */
export async function deliveryLog(db: Db, partnerId: string, limit = 50): Promise<DeliveryLogRow[]> {
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookEvents.id,
      type: webhookEvents.type,
      orderId: webhookEvents.orderId,
      endpointUrl: webhookEndpoints.url,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookEvents.partnerId, partnerId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(
      inArray(
        webhookAttempts.deliveryId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(desc(webhookAttempts.id));
  const last = new Map<number, (typeof attempts)[number]>();
  for (const a of attempts) if (!last.has(a.deliveryId)) last.set(a.deliveryId, a);
  return rows.map((r) => ({
    ...r,
    lastResponseStatus: last.get(r.id)?.responseStatus ?? null,
    lastError: last.get(r.id)?.error ?? null,
  }));
}

export async function listEndpoints(db: Db, partnerId: string): Promise<WebhookEndpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.partnerId, partnerId))
    .orderBy(desc(webhookEndpoints.createdAt));
}

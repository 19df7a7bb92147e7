// Recorded once by its dedupe key, with its deliveries and job, in the transaction that made it happen.
// Payloads never carry install details.
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import {
  orders,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
  type Order,
  type WebhookEventType,
} from "@/lib/db/schema";
import { enqueue } from "@/lib/jobs/queue";
import type { JobOutcome, JobRun } from "@/lib/jobs/types";
import { randomBase32 } from "@/lib/tokens";
import { toApiOrder } from "./views";

export {
  createEndpoint,
  disableEndpoint,
  enableEndpoint,
  endpointSecret,
  listEndpoints,
  MAX_ENDPOINTS,
  WebhookTargetRefused,
} from "./webhook-endpoints";
export { MAX_ATTEMPTS, runWebhookJob } from "./webhook-delivery";

/** A reseller's deliveries share its key: the lane runs only a few of one reseller's jobs at once. */
const enqueueDelivery = (tx: Tx | Db, partnerId: string, orderId: string) =>
  enqueue(tx, "partner_webhook", orderId, { concurrencyKey: partnerId });

interface RaiseInput {
  partnerId: string;
  type: WebhookEventType;
  orderId: string;
  dedupeKey: string;
  data: Record<string, unknown>;
}

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
  await enqueueDelivery(tx, input.partnerId, input.orderId);
}

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
    await enqueueDelivery(tx, partnerId, row.orderId);
    return true;
  });
}

interface DeliveryLogRow {
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

export async function orderDeliveredJob(run: JobRun): Promise<JobOutcome> {
  const [order] = await run.db.select().from(orders).where(eq(orders.id, run.job.orderId));
  if (!order?.partnerId) return { kind: "complete", note: "not a reseller's order" };
  await raiseOrderEvent(run.db, order, "order.delivered");
  return { kind: "complete", note: "order.delivered raised" };
}

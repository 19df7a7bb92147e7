// Sent now, not queued, so the portal can show the answer; never retried.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from "@/lib/db/schema";
import { randomBase32 } from "@/lib/tokens";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";
import { post } from "./webhook-delivery";
import { deliveryErrorText } from "./webhook-target";
import { endpointSecret } from "./webhook-endpoints";

type TestEventResult =
  | { sent: true; ok: boolean; status: number | null; error: string | null; eventId: string }
  | { sent: false; reason: string };

const TEST_EVENT_COOLDOWN_SECONDS = 5;

export async function sendTestEvent(
  db: Db,
  partnerId: string,
  endpointId: string,
  now = new Date(),
): Promise<TestEventResult> {
  const [endpoint] = await db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.id, endpointId),
        eq(webhookEndpoints.partnerId, partnerId),
        isNull(webhookEndpoints.disabledAt),
      ),
    );
  if (!endpoint) return { sent: false, reason: "That endpoint is not one of your active endpoints." };
  const secret = endpointSecret(endpoint);
  if (!secret) return { sent: false, reason: "This endpoint's secret cannot be read: add a new endpoint." };

  // A double click (or two tabs) inserts one event.
  const slot = Math.floor(now.getTime() / (TEST_EVENT_COOLDOWN_SECONDS * 1000));
  const id = `evt_${randomBase32(20)}`;
  const payload = {
    id,
    type: "test" as const,
    createdAt: now.toISOString(),
    data: { message: "A test event from Tern's partner portal. No order is involved." },
  };
  const [event] = await db
    .insert(webhookEvents)
    .values({ id, partnerId, type: "test", orderId: null, dedupeKey: `test:${endpoint.id}:${slot}`, payload })
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id });
  if (!event) return { sent: false, reason: "A test event was just sent to this endpoint; see the log below." };
  const [delivery] = await db
    .insert(webhookDeliveries)
    .values({ eventId: id, endpointId: endpoint.id })
    .returning({ id: webhookDeliveries.id });

  const body = JSON.stringify(payload);
  const started = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    status = await post(
      endpoint.url,
      body,
      {
        "content-type": "application/json",
        [SIGNATURE_HEADER]: signatureHeader(secret, body),
        "user-agent": "Tern-Webhooks/1",
      },
      AbortSignal.timeout(10_000),
    );
  } catch (err) {
    error = deliveryErrorText(err);
  }
  const ok = status !== null && status >= 200 && status < 300;
  await db
    .insert(webhookAttempts)
    .values({ deliveryId: delivery!.id, responseStatus: status, error, durationMs: Date.now() - started });
  await db
    .update(webhookDeliveries)
    .set({ status: ok ? "succeeded" : "failed", attempts: 1 })
    .where(eq(webhookDeliveries.id, delivery!.id));
  return { sent: true, ok, status, error, eventId: id };
}

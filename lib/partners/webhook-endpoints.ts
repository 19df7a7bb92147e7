import { and, count, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { webhookEndpoints, type WebhookEndpoint, type WebhookEventType } from "@/lib/db/schema";
import { sealAccessToken, unsealAccessToken } from "@/lib/orders/ids";
import { randomBase32 } from "@/lib/tokens";
import { webhookTargetProblem } from "./webhook-target";

/** A cap keeps one partner's fan-out (and its dead endpoints) bounded. */
export const MAX_ENDPOINTS = 5;

export class WebhookTargetRefused extends Error {}

async function countedEndpoints(db: Db | Tx, partnerId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.partnerId, partnerId),
        or(isNull(webhookEndpoints.disabledAt), eq(webhookEndpoints.disabledReason, "failing")),
      ),
    );
  return row?.n ?? 0;
}

const capMessage = `You already have ${MAX_ENDPOINTS} webhook endpoints, the most an account may have. Disable one you no longer use, or send several event types to one endpoint.`;

export async function createEndpoint(
  db: Db,
  partnerId: string,
  input: { url: string; events: WebhookEventType[] },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const problem = await webhookTargetProblem(input.url);
  if (problem) throw new WebhookTargetRefused(problem);
  return db.transaction(async (tx) => {
    // Serialises saves of one partner, so two cannot both take the last place under the cap.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`webhook_endpoints:${partnerId}`}))`);
    if ((await countedEndpoints(tx, partnerId)) >= MAX_ENDPOINTS) throw new WebhookTargetRefused(capMessage);
    const id = `whe_${randomBase32(16)}`;
    const secret = `whsec_${randomBase32(32)}`;
    const [endpoint] = await tx
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
  });
}

export async function disableEndpoint(db: Db, partnerId: string, endpointId: string): Promise<boolean> {
  const rows = await db
    .update(webhookEndpoints)
    .set({ disabledAt: new Date(), disabledReason: "partner" })
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

export async function enableEndpoint(db: Db, partnerId: string, endpointId: string): Promise<boolean> {
  const rows = await db
    .update(webhookEndpoints)
    .set({ disabledAt: null, disabledReason: null, failingSince: null })
    .where(
      and(
        eq(webhookEndpoints.id, endpointId),
        eq(webhookEndpoints.partnerId, partnerId),
        eq(webhookEndpoints.disabledReason, "failing"),
      ),
    )
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

export function endpointSecret(endpoint: Pick<WebhookEndpoint, "id" | "secretSealed">): string | null {
  return unsealAccessToken(endpoint.secretSealed, endpoint.id);
}

export async function listEndpoints(db: Db, partnerId: string): Promise<WebhookEndpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.partnerId, partnerId))
    .orderBy(desc(webhookEndpoints.createdAt));
}

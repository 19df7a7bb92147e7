// Zendit purchase webhooks: authenticated by the shared-secret header configured in Zendit's console (no
// signature exists). The body is only a hint — the fulfil job re-fetches the purchase before acting — so a
// valid call just records the hint and wakes the order's job; polling stays the fallback.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { orders, providerPurchases } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { recordStep } from "@/lib/orders/lifecycle";
import { enqueue } from "@/lib/jobs/queue";
import { parseTransactionId } from "./provider";

export interface ZenditWebhookResult {
  status: number;
  body: Record<string, unknown>;
  /** True when a fulfil job was woken: run the worker after answering. */
  kick: boolean;
}

function secretMatches(given: string | null): boolean {
  const expected = env().zendit.webhookSecret;
  if (!given || !expected) return false;
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

const WAKEABLE = ["paid", "provisioning", "needs_attention"];

export async function handleZenditWebhook(db: Db, raw: string, headers: Headers): Promise<ZenditWebhookResult> {
  if (!secretMatches(headers.get(env().zendit.webhookHeader)))
    return { status: 401, body: { error: "unauthorized" }, kick: false };
  let hint: { transactionId?: unknown; status?: unknown };
  try {
    hint = JSON.parse(raw) as typeof hint;
  } catch {
    return { status: 400, body: { error: "body must be JSON" }, kick: false };
  }
  const transactionId = typeof hint?.transactionId === "string" ? hint.transactionId : "";
  const parsed = parseTransactionId(transactionId);
  // Not one of ours (another integration on the same account, or a stranger guessing): nothing to do.
  if (!parsed) return { status: 200, body: { received: true, matched: false }, kick: false };

  const [attempt] = await db
    .select({ orderId: providerPurchases.orderId, orderStatus: orders.status })
    .from(providerPurchases)
    .innerJoin(orders, eq(orders.id, providerPurchases.orderId))
    .where(
      and(
        eq(providerPurchases.orderId, parsed.orderId),
        eq(providerPurchases.attempt, parsed.attempt),
        eq(providerPurchases.provider, "zendit"),
      ),
    );
  if (!attempt) return { status: 200, body: { received: true, matched: false }, kick: false };

  const claimed = typeof hint.status === "string" ? hint.status.slice(0, 20) : null;
  await recordStep(db, attempt.orderId, "zendit.webhook", { transactionId, claimedStatus: claimed }, "note");
  if (!WAKEABLE.includes(attempt.orderStatus)) return { status: 200, body: { received: true }, kick: false };
  await enqueue(db, "fulfil", attempt.orderId);
  return { status: 200, body: { received: true }, kick: true };
}

// A purchase webhook is only a hint: the fulfil job re-fetches the purchase before acting.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { orders, providerPurchases } from "@/lib/db/schema";
import { providerFor } from "@/lib/providers";
import { recordStep } from "@/lib/orders/lifecycle";
import { enqueue } from "@/lib/jobs/queue";

interface PurchaseWebhookResult {
  status: number;
  body: Record<string, unknown>;
  kick: boolean;
}

const WAKEABLE = ["paid", "provisioning", "needs_attention"];

export function purchaseWebhookAuthentic(providerName: string, headers: Headers): boolean {
  return providerFor(providerName).purchaseWebhookAuthentic?.(headers) ?? true;
}

export async function handlePurchaseWebhook(
  db: Db,
  providerName: string,
  raw: string,
  headers: Headers,
): Promise<PurchaseWebhookResult> {
  const provider = providerFor(providerName);
  const hint = provider.readPurchaseWebhook?.(raw, headers) ?? { kind: "foreign" };
  if (hint.kind === "refused") return { status: hint.status, body: { error: hint.error }, kick: false };
  if (hint.kind === "foreign") return { status: 200, body: { received: true, matched: false }, kick: false };

  const [attempt] = await db
    .select({ orderId: providerPurchases.orderId, orderStatus: orders.status })
    .from(providerPurchases)
    .innerJoin(orders, eq(orders.id, providerPurchases.orderId))
    .where(
      and(
        eq(providerPurchases.orderId, hint.orderId),
        eq(providerPurchases.attempt, hint.attempt),
        eq(providerPurchases.provider, provider.name),
      ),
    );
  if (!attempt) return { status: 200, body: { received: true, matched: false }, kick: false };

  await recordStep(
    db,
    attempt.orderId,
    `${provider.name}.webhook`,
    { transactionId: hint.reference, claimedStatus: hint.claimedStatus },
    "note",
  );
  if (!WAKEABLE.includes(attempt.orderStatus)) return { status: 200, body: { received: true }, kick: false };
  await enqueue(db, "fulfil", attempt.orderId);
  return { status: 200, body: { received: true }, kick: true };
}

// Every order a person must settle, oldest first, with the one action most likely to settle it; a resolved
// order leaves the queue until something changes on it.
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { adminCases, orderEvents, orders, providerPurchases } from "@/lib/db/schema";
import { openTopupProblems, type TopupView } from "./wallet-topup-views";

const STUCK_AFTER_MS = 15 * 60_000;

type LikelyAction = "retry" | "refund" | "top_up_then_retry" | "investigate" | "fix_funding";

interface AttentionItem {
  subject: "order" | "topup";
  key: string;
  orderId: string | null;
  topup?: TopupView;
  status: string;
  reason: string;
  explanation: string;
  action: LikelyAction;
  since: Date;
  ageMinutes: number;
  owner: string | null;
  email: string | null;
  amountMinor: number;
  currency: string;
}

const REASONS: Record<string, { explanation: string; action: LikelyAction }> = {
  insufficient_balance: {
    explanation: "The wholesale balance at the provider ran out. The purchase keeps retrying by itself.",
    action: "top_up_then_retry",
  },
  delivery_failed: {
    explanation: "The eSIM was bought, but delivering it (QR or email) failed for good.",
    action: "retry",
  },
  delivery_stalled: {
    explanation: "The eSIM was bought, but delivery kept failing until time ran out.",
    action: "retry",
  },
  ambiguous_purchase: {
    explanation:
      "A purchase got no answer and more than one provider order could be it. Check the provider's orders before anything else.",
    action: "investigate",
  },
  amount_mismatch: {
    explanation: "The customer paid a different amount or currency than the order's price.",
    action: "refund",
  },
  refund_failed: { explanation: "The order failed and its refund did not go through.", action: "retry" },
};

export function explain(
  o: { status: string; attentionReason: string | null },
  ageMinutes: number,
): Pick<AttentionItem, "reason" | "explanation" | "action"> {
  if (o.status === "needs_attention") {
    const known = REASONS[o.attentionReason ?? ""];
    return {
      reason: o.attentionReason ?? "unknown",
      ...(known ?? {
        explanation: `Parked for a person (${o.attentionReason ?? "no reason recorded"}).`,
        action: "investigate",
      }),
    };
  }
  if (o.status === "paid")
    return {
      reason: "stuck_paid",
      explanation: `Paid ${ageMinutes} minutes ago and fulfilment has not started.`,
      action: "retry",
    };
  if (o.status === "provisioning")
    return {
      reason: "stuck_provisioning",
      explanation: `Buying for ${ageMinutes} minutes: a late provider order, or a worker that died mid-step.`,
      action: "retry",
    };
  return { reason: "failed_unrefunded", explanation: "Failed and not refunded yet.", action: "refund" };
}

export async function attentionQueue(db: Db, now = new Date()): Promise<AttentionItem[]> {
  const stuckBefore = new Date(now.getTime() - STUCK_AFTER_MS);
  const rows = await db
    .select({
      id: orders.id,
      status: orders.status,
      attentionReason: orders.attentionReason,
      paidAt: orders.paidAt,
      createdAt: orders.createdAt,
      updatedAt: orders.updatedAt,
      email: orders.email,
      amountMinor: orders.amountMinor,
      currency: orders.currency,
      owner: adminCases.ownerEmail,
      resolvedAt: adminCases.resolvedAt,
    })
    .from(orders)
    .leftJoin(adminCases, eq(adminCases.orderId, orders.id))
    .where(
      and(
        or(
          eq(orders.status, "needs_attention"),
          and(inArray(orders.status, ["paid", "provisioning", "failed"]), lt(orders.updatedAt, stuckBefore)),
        ),
        sql`(${adminCases.resolvedAt} is null or ${adminCases.resolvedAt} < ${orders.updatedAt})`,
      ),
    )
    .orderBy(sql`coalesce(${orders.paidAt}, ${orders.createdAt})`)
    .limit(500);
  const minutes = (since: Date) => Math.max(0, Math.round((now.getTime() - since.getTime()) / 60_000));
  const [late, topups] = await Promise.all([lateProviderOrders(db), openTopupProblems(db, now)]);
  const items: AttentionItem[] = rows.map((r) => {
    const since = r.paidAt ?? r.createdAt;
    const ageMinutes = minutes(since);
    return {
      subject: "order" as const,
      key: r.id,
      orderId: r.id,
      status: r.status,
      ...explain(r, ageMinutes),
      since,
      ageMinutes,
      owner: r.owner,
      email: r.email,
      amountMinor: r.amountMinor,
      currency: r.currency,
    };
  });
  const listed = new Set(items.map((i) => i.key));
  for (const r of late) {
    if (listed.has(r.id)) continue;
    items.push({
      subject: "order",
      key: r.id,
      orderId: r.id,
      status: r.status,
      reason: "late_purchase",
      explanation: `A ${r.provider} order (${r.references}) turned up after we concluded it had not happened. The customer has their eSIM from another purchase: cancel or refund this one at the provider, then mark the case resolved.`,
      action: "investigate",
      since: r.since,
      ageMinutes: minutes(r.since),
      owner: r.owner,
      email: r.email,
      amountMinor: r.amountMinor,
      currency: r.currency,
    });
  }
  for (const t of topups)
    items.push({
      subject: "topup",
      key: `topup:${t.id}`,
      orderId: t.orderIds[0] ?? null,
      topup: t,
      status: t.status,
      reason: t.status === "stalled" ? "topup_stalled" : "topup_failed",
      explanation:
        t.status === "stalled"
          ? `The ${t.provider} wallet top-up ${t.id} stopped midway (its worker died) and nobody took it over. The next purchase resumes it; if none comes, check the Issuing card ${t.cardId ?? "(none yet)"} and the wallet's credits.`
          : `The ${t.provider} wallet top-up ${t.id} was declined (${t.error ?? "no reason given"}) on card •••• ${t.cardLast4 ?? "?"}; the orders it was for were refunded. Fund the Stripe Issuing balance or fix the card's controls; the next top-up that succeeds clears this.`,
      action: "fix_funding",
      since: t.createdAt,
      ageMinutes: minutes(t.createdAt),
      owner: null,
      email: null,
      amountMinor: t.amountMinor,
      currency: t.currency,
    });
  return items.sort((a, b) => a.since.getTime() - b.since.getTime());
}

async function lateProviderOrders(db: Db) {
  const rows = await db
    .select({
      id: orders.id,
      status: orders.status,
      email: orders.email,
      amountMinor: orders.amountMinor,
      currency: orders.currency,
      owner: adminCases.ownerEmail,
      provider: providerPurchases.provider,
      references: sql<string>`string_agg(${providerPurchases.providerReference}, ', ')`,
      since: sql<Date>`(select max(${orderEvents.createdAt}) from ${orderEvents} where ${orderEvents.orderId} = ${orders.id} and ${orderEvents.step} = 'purchase.orphaned')`,
      resolvedAt: adminCases.resolvedAt,
    })
    .from(providerPurchases)
    .innerJoin(orders, eq(orders.id, providerPurchases.orderId))
    .leftJoin(adminCases, eq(adminCases.orderId, orders.id))
    .where(eq(providerPurchases.status, "orphaned"))
    .groupBy(orders.id, adminCases.orderId, providerPurchases.provider)
    .limit(200);
  return rows
    .map((r) => ({ ...r, since: r.since ? new Date(r.since) : new Date(0) }))
    .filter((r) => !r.resolvedAt || r.resolvedAt < r.since);
}

export const ACTION_LABELS: Record<LikelyAction, string> = {
  retry: "Retry fulfilment",
  refund: "Refund",
  top_up_then_retry: "Top up the balance, then retry",
  investigate: "Check the provider, then resolve",
  fix_funding: "Fix wallet funding (Issuing balance or card)",
};

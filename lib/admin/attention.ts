// The attention queue: every order a person must settle, oldest first, with its reason in plain words, its
// age, who has it, and the one action most likely to settle it. An order resolved by an admin leaves the
// queue until something changes on it again.
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { adminCases, orders } from "@/lib/db/schema";

/** Paid or buying for longer than this is stuck, not slow. */
export const STUCK_AFTER_MS = 15 * 60_000;

export type LikelyAction = "retry" | "refund" | "top_up_then_retry" | "investigate";

export interface AttentionItem {
  orderId: string;
  status: string;
  reason: string;
  /** Plain words for the admin. */
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
  return rows.map((r) => {
    const since = r.paidAt ?? r.createdAt;
    const ageMinutes = Math.max(0, Math.round((now.getTime() - since.getTime()) / 60_000));
    return {
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
}

export const ACTION_LABELS: Record<LikelyAction, string> = {
  retry: "Retry fulfilment",
  refund: "Refund",
  top_up_then_retry: "Top up the balance, then retry",
  investigate: "Check the provider, then resolve",
};

// No internal columns, never install details.
import type { Order } from "@/lib/db/schema";
import type { ApiOrder } from "./schemas";

export function toApiOrder(order: Order): ApiOrder {
  return {
    id: order.id,
    reference: order.partnerReference ?? "",
    status: order.status as ApiOrder["status"],
    bundle: order.bundleSnapshot.name,
    title: order.bundleSnapshot.title,
    price: { amountMinor: order.amountMinor, currency: order.currency },
    createdAt: order.createdAt.toISOString(),
    deliveredAt: order.deliveredAt?.toISOString() ?? null,
    refundedAt: order.refundedAt?.toISOString() ?? null,
    failureReason: order.failureReason,
  };
}

export function statementMonths(openedAt: Date, now = new Date(), max = 24): string[] {
  const months: string[] = [];
  const first = Date.UTC(openedAt.getUTCFullYear(), openedAt.getUTCMonth(), 1);
  for (let i = 0; i < max; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    if (d.getTime() < first) break;
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

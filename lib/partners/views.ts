// Our rows as the API shows them (lib/partners/schemas.ts): no internal columns, never install details.
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

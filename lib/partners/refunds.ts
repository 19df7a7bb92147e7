// Paid back to the ledger, not a card, under `refund:<orderId>`, so a retried job or an admin credits once.
import type { Db } from "@/lib/db";
import type { Order } from "@/lib/db/schema";
import { lockOrder, transition } from "@/lib/orders/lifecycle";
import { partnerAccount, postTransaction, salesAccount } from "./ledger";
import { raiseOrderEvent } from "./webhooks";

class PartnerRefundError extends Error {}

export async function refundPartnerOrder(db: Db, orderId: string): Promise<Order> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order?.partnerId) throw new PartnerRefundError(`order ${orderId} is not a partner order`);
    if (order.status === "refunded") return order;
    if (order.status !== "failed" && order.status !== "needs_attention")
      throw new PartnerRefundError(`order ${orderId} is ${order.status}, not failed`);
    await postTransaction(tx, {
      partnerId: order.partnerId,
      kind: "refund",
      reference: `refund:${order.id}`,
      orderId: order.id,
      currency: order.currency,
      memo: order.failureReason ?? "not fulfilled",
      lines: [
        [partnerAccount(order.partnerId), order.amountMinor],
        [salesAccount(order.currency), -order.amountMinor],
      ],
    });
    if (order.status === "failed") await raiseOrderEvent(tx, order, "order.failed");
    const refunded = await transition(tx, order.id, "refunded", {
      set: { refundedMinor: order.amountMinor, refundId: `ledger:refund:${order.id}` },
      detail: { via: "partner ledger", amountMinor: order.amountMinor },
    });
    await raiseOrderEvent(tx, refunded, "order.refunded");
    return refunded;
  });
}

import type { Mismatch } from "../kinds";
import { type Context, UNPAID } from "./context";

export function purchaseMismatches(ctx: Context): Mismatch[] {
  const { options, orderById, purchasesByOrder, paidByOrder, providerByRef } = ctx;
  const out: Mismatch[] = [];
  for (const [orderId, rows] of purchasesByOrder) {
    const order = orderById.get(orderId);
    const refs = [...new Set(rows.filter((r) => r.reference && r.status !== "failed").map((r) => r.reference!))];
    // A failed attempt whose reference the provider lists as a real order also counts as bought.
    for (const r of rows)
      if (
        r.reference &&
        r.status === "failed" &&
        providerByRef.has(`${r.provider}:${r.reference}`) &&
        !refs.includes(r.reference)
      )
        refs.push(r.reference);
    const money = (ref: string) => providerByRef.get(`${rows[0]!.provider}:${ref}`);
    if (refs.length > 1) {
      const extra = refs.slice(1).map(money);
      out.push({
        kind: "bought_twice",
        key: `bought_twice:${orderId}:${refs.join(",")}`,
        orderId,
        reference: refs.join(", "),
        amountMinor: extra.reduce((sum, p) => sum + (p?.totalMinor ?? 0), 0),
        currency: extra[0]?.currency ?? order?.currency ?? "USD",
        summary: `Order ${orderId} has ${refs.length} provider purchases: ${refs.join(", ")}.`,
        repair: "acknowledge",
        at: order?.createdAt ?? options.now,
      });
    }
    if (order && refs.length > 0 && UNPAID.has(order.status) && !paidByOrder.has(orderId)) {
      const p = money(refs[0]!);
      out.push({
        kind: "bought_not_paid",
        key: `bought_not_paid:${orderId}`,
        orderId,
        reference: refs[0]!,
        amountMinor: p?.totalMinor ?? 0,
        currency: p?.currency ?? order.currency,
        summary: `Provider order ${refs[0]} was bought for order ${orderId}, which is ${order.status}.`,
        repair: "acknowledge",
        at: order.createdAt,
      });
    }
  }

  return out;
}

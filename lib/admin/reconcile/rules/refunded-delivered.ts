import type { Mismatch } from "../kinds";
import { type Context, ENDED_BUNDLE_STATES } from "./context";

export function refundedButDelivered(ctx: Context): Mismatch[] {
  const { facts, orderByPi } = ctx;
  const out: Mismatch[] = [];
  for (const r of facts.refunds) {
    if (r.status === "failed" || r.status === "canceled" || !r.paymentIntent) continue;
    const order = orderByPi.get(r.paymentIntent);
    if (!order || !["delivered", "installed"].includes(order.status)) continue;
    // A bundle the provider reports used up or ended costs nothing more.
    const state = order.bundleState?.toLowerCase() ?? null;
    if (state && ENDED_BUNDLE_STATES.has(state)) continue;
    out.push({
      kind: "refunded_but_delivered",
      key: `refunded_but_delivered:${r.id}`,
      orderId: order.id,
      reference: r.id,
      amountMinor: r.amount,
      currency: r.currency.toUpperCase(),
      summary: `Refund ${r.id} gave back ${r.amount} ${r.currency.toUpperCase()} for order ${order.id}, whose eSIM was delivered and is ${state ? `${state} at the provider` : "not known to have ended"}.`,
      advice:
        "If the refund was a goodwill gesture, acknowledge it. If the customer should not keep the data, revoke the bundle in the provider's portal, then acknowledge.",
      repair: "acknowledge",
      at: r.created,
    });
  }

  return out;
}

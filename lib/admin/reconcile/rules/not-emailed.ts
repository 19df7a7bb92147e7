import type { Mismatch } from "../kinds";
import { type Context } from "./context";

export function deliveredNotEmailed(ctx: Context): Mismatch[] {
  const { facts, settled } = ctx;
  const out: Mismatch[] = [];
  for (const o of facts.orders) {
    if (!o.hasEsim || !o.email || o.emailSentAt || o.refundedAt) continue;
    if (["refunded", "failed"].includes(o.status)) continue;
    if (o.status !== "delivered" && !settled(o.updatedAt)) continue;
    out.push({
      kind: "delivered_not_emailed",
      key: `delivered_not_emailed:${o.id}`,
      orderId: o.id,
      reference: null,
      amountMinor: o.amountMinor,
      currency: o.currency,
      summary: `Order ${o.id} has its eSIM but no delivery email went to ${o.email} (${o.status}).`,
      repair: o.status === "delivered" || o.status === "installed" ? "resend_email" : "retry",
      at: o.updatedAt,
    });
  }

  return out;
}

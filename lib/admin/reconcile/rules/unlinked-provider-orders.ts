import type { Mismatch } from "../kinds";
import { type Context } from "./context";

export function unlinkedProviderOrders(ctx: Context): Mismatch[] {
  const { facts, settled, ourReferences } = ctx;
  const out: Mismatch[] = [];
  for (const p of facts.providerOrders) {
    if (ourReferences.has(`${p.provider}:${p.reference}`)) continue;
    if (!settled(p.createdAt)) continue;
    out.push({
      kind: "unlinked_provider_order",
      key: `unlinked_provider_order:${p.provider}:${p.reference}`,
      orderId: null,
      reference: p.reference,
      amountMinor: p.totalMinor,
      currency: p.currency,
      summary: `${p.provider} order ${p.reference} (${p.items.join(", ")}) is in no purchase of ours.`,
      advice:
        p.provider === "zendit"
          ? "Nobody in the shop bought this. Check who else uses the Zendit API key; if the eSIM is unused, ask Zendit to refund the purchase, then acknowledge."
          : "Nobody in the shop bought this. Check who else uses the eSIM Go API key; if the bundle is unused, revoke it at eSIM Go (refunded to the balance within ~60 days), then acknowledge.",
      repair: "acknowledge",
      at: p.createdAt,
    });
  }

  return out;
}

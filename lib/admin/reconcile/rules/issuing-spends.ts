import type { Mismatch } from "../kinds";
import type { TopupFact } from "../facts";
import { type Context } from "./context";

export function unmatchedIssuingSpends(ctx: Context): Mismatch[] {
  const { facts, settled } = ctx;
  const out: Mismatch[] = [];
  const topupsByCard = new Map<string, TopupFact[]>();
  for (const t of facts.topups ?? [])
    if (t.cardId) topupsByCard.set(t.cardId, [...(topupsByCard.get(t.cardId) ?? []), t]);
  // Each top-up accounts for one charge: the authorization it recorded, or the first of its amount on its card.
  const accounted = new Set<string>();
  const spends = [...(facts.issuingSpends ?? [])].sort((x, y) => x.created.getTime() - y.created.getTime());
  for (const t of facts.topups ?? []) if (t.authorizationId) accounted.add(t.id);
  for (const a of spends) {
    const candidates = topupsByCard.get(a.cardId) ?? [];
    const sameMoney = (t: TopupFact) =>
      t.amountMinor === a.amount && t.currency.toLowerCase() === a.currency.toLowerCase();
    const live = (t: TopupFact) => t.status === "succeeded" || t.status === "open";
    const matched =
      candidates.find((t) => t.authorizationId === a.id && sameMoney(t) && live(t)) ??
      candidates.find((t) => !t.authorizationId && !accounted.has(t.id) && t.status === "succeeded" && sameMoney(t));
    if (matched) {
      accounted.add(matched.id);
      continue;
    }
    if (!settled(a.created)) continue;
    const topup = candidates[0];
    const card = `card ${a.cardId}${a.cardLast4 ? ` •••• ${a.cardLast4}` : ""}`;
    const why = !topup
      ? `no top-up of ours used ${card}`
      : topup.status === "failed"
        ? `top-up ${topup.id} on ${card} is recorded as failed, yet the card was charged`
        : !sameMoney(topup)
          ? `top-up ${topup.id} on ${card} was for ${topup.amountMinor} ${topup.currency.toUpperCase()}`
          : `top-up ${topup.id} on ${card} was already paid by ${topup.authorizationId ? `authorization ${topup.authorizationId}` : "an earlier charge"}`;
    const currency = a.currency.toUpperCase();
    out.push({
      kind: "issuing_spend_unmatched",
      key: `issuing_spend_unmatched:${a.id}`,
      orderId: null,
      reference: a.id,
      amountMinor: a.amount,
      currency,
      summary: `Issuing authorization ${a.id} paid ${a.amount} ${currency} (minor units) at ${a.merchant ?? "an unknown merchant"}: ${why}.`,
      advice:
        a.cardStatus === "canceled"
          ? topup?.status === "failed"
            ? `The card is canceled. Check the ${topup.provider} wallet for a credit of this amount: if it arrived, the top-up did happen; if not, dispute the authorization in Stripe. Then acknowledge.`
            : "The card is canceled, so it cannot be charged again. Find out who had its details; if the charge is not the shop's, dispute it in Stripe. Then acknowledge."
          : "Cancel the card first so it cannot be charged again, then find out who had its details and dispute the charge in Stripe if it is not the shop's.",
      repair: a.cardStatus === "canceled" ? "acknowledge" : "cancel_card",
      cardId: a.cardId,
      at: a.created,
    });
  }

  return out;
}

import type { Mismatch } from "../kinds";
import { type Context, ago } from "./context";

export function undeliveredEvents(ctx: Context): Mismatch[] {
  const { facts, now, eventGrace } = ctx;
  const out: Mismatch[] = [];
  for (const e of facts.events) {
    if (facts.receivedEventIds.has(e.id) || now - e.created.getTime() < eventGrace) continue;
    out.push({
      kind: "event_not_delivered",
      key: `event_not_delivered:${e.id}`,
      orderId: e.orderId,
      reference: e.id,
      amountMinor: e.amountMinor ?? 0,
      currency: (e.currency ?? "usd").toUpperCase(),
      summary: `Stripe event ${e.id} (${e.type}) from ${ago(now, e.created)} never reached our webhook.`,
      repair: "process_event",
      at: e.created,
    });
  }

  return out;
}

// A pure comparison, so every rule is unit-testable; sources.ts gathers the facts.
import type { CompareOptions, ReconcileFacts } from "./facts";
import type { Mismatch } from "./kinds";
import { indexFacts } from "./rules/context";
import { deliveredNotEmailed } from "./rules/not-emailed";
import { paidSessionMismatches } from "./rules/paid-sessions";
import { purchaseMismatches } from "./rules/purchases";
import { refundedButDelivered } from "./rules/refunded-delivered";
import { undeliveredEvents } from "./rules/undelivered-events";
import { unlinkedProviderOrders } from "./rules/unlinked-provider-orders";
import { unmatchedIssuingSpends } from "./rules/issuing-spends";

export function findMismatches(facts: ReconcileFacts, options: CompareOptions): Mismatch[] {
  const ctx = indexFacts(facts, options);
  return [
    ...paidSessionMismatches(ctx),
    ...purchaseMismatches(ctx),
    ...refundedButDelivered(ctx),
    ...deliveredNotEmailed(ctx),
    ...unlinkedProviderOrders(ctx),
    ...unmatchedIssuingSpends(ctx),
    ...undeliveredEvents(ctx),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
}

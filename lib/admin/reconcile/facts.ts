// What Stripe, our database and the providers each say, as plain facts: sources.ts gathers them, the rules
// compare them.
import type { ProviderOrder } from "@/lib/providers/types";

export interface SessionFact {
  id: string;
  orderId: string | null;
  paymentStatus: string;
  amountTotal: number | null;
  /** Lower-case, as Stripe sends it. */
  currency: string | null;
  paymentIntent: string | null;
  created: Date;
  /** A reseller's balance top-up (lib/partners/balance-topups.ts): the partner it credits. Not a shop order. */
  partnerTopup?: string | null;
}

export interface RefundFact {
  id: string;
  paymentIntent: string | null;
  amount: number;
  currency: string;
  status: string | null;
  created: Date;
}

export interface EventFact {
  id: string;
  type: string;
  created: Date;
  orderId: string | null;
  amountMinor: number | null;
  currency: string | null;
}

export interface OrderFact {
  id: string;
  status: string;
  amountMinor: number;
  currency: string;
  email: string | null;
  stripeCheckoutSessionId: string | null;
  stripePaymentIntentId: string | null;
  createdAt: Date;
  updatedAt: Date;
  paidAt: Date | null;
  emailSentAt: Date | null;
  refundedAt: Date | null;
  hasEsim: boolean;
  /** The eSIM's bundle state as last read from the provider (usage), when known. */
  bundleState?: string | null;
}

export interface PurchaseFact {
  orderId: string;
  provider: string;
  attempt: number;
  status: string;
  reference: string | null;
}

/** A provider's own record of an order of ours. */
export type ProviderOrderFact = ProviderOrder;

/** An approved Stripe Issuing authorization on one of our cards: money that left the Issuing balance. */
export interface IssuingSpendFact {
  id: string;
  cardId: string;
  cardLast4: string | null;
  /** The card's status now (not when it was charged): "active", "inactive" or "canceled". */
  cardStatus: string;
  amount: number;
  /** Lower-case, as Stripe sends it. */
  currency: string;
  merchant: string | null;
  created: Date;
}

/** One wallet top-up from our `wallet_topups` ledger. */
export interface TopupFact {
  id: string;
  provider: string;
  status: string;
  cardId: string | null;
  authorizationId: string | null;
  amountMinor: number;
  currency: string;
  createdAt: Date;
}

export interface ReconcileFacts {
  sessions: SessionFact[];
  refunds: RefundFact[];
  events: EventFact[];
  /** Ids of the listed events that our webhook recorded. */
  receivedEventIds: ReadonlySet<string>;
  orders: OrderFact[];
  purchases: PurchaseFact[];
  providerOrders: ProviderOrderFact[];
  /** Approved Issuing authorizations on our cards in the window, and the top-ups on those cards. */
  issuingSpends?: IssuingSpendFact[];
  topups?: TopupFact[];
  /** Checkout Session ids of the reseller top-ups our ledger has credited. */
  creditedTopups?: ReadonlySet<string>;
}

export interface CompareOptions {
  now: Date;
  /** Work younger than this is still in flight, not a mismatch (15 minutes by default). */
  graceMs?: number;
  /** Stripe retries a webhook for minutes before anyone should worry (5 minutes by default). */
  eventGraceMs?: number;
}

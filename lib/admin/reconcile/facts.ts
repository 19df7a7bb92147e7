import type { ProviderOrder } from "@/lib/providers/types";

export interface SessionFact {
  id: string;
  orderId: string | null;
  paymentStatus: string;
  amountTotal: number | null;
  currency: string | null;
  paymentIntent: string | null;
  created: Date;
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
  bundleState?: string | null;
}

export interface PurchaseFact {
  orderId: string;
  provider: string;
  attempt: number;
  status: string;
  reference: string | null;
}

export type ProviderOrderFact = ProviderOrder;

export interface IssuingSpendFact {
  id: string;
  cardId: string;
  cardLast4: string | null;
  cardStatus: string;
  amount: number;
  currency: string;
  merchant: string | null;
  created: Date;
}

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
  receivedEventIds: ReadonlySet<string>;
  orders: OrderFact[];
  purchases: PurchaseFact[];
  providerOrders: ProviderOrderFact[];
  issuingSpends?: IssuingSpendFact[];
  topups?: TopupFact[];
  creditedTopups?: ReadonlySet<string>;
}

export interface CompareOptions {
  now: Date;
  graceMs?: number;
  eventGraceMs?: number;
}

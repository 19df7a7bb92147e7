// Adding a source means adding its kinds here and a rule; the page, CSV, totals and summary follow.

export const MISMATCH_KINDS = [
  {
    kind: "paid_not_bought",
    label: "Paid but not bought",
    explain: "Stripe took the money, but no provider purchase succeeded and nothing was refunded.",
  },
  {
    kind: "bought_not_paid",
    label: "Bought but not paid",
    explain: "A provider order belongs to one of our orders that Stripe never charged.",
  },
  {
    kind: "bought_twice",
    label: "Bought or charged twice",
    explain: "One order has two provider purchases, or two paid Checkout Sessions.",
  },
  {
    kind: "refunded_but_delivered",
    label: "Refunded but delivered",
    explain: "The customer has their money back and still holds a working eSIM.",
  },
  {
    kind: "delivered_not_emailed",
    label: "Delivered but not emailed",
    explain: "The eSIM exists, but the delivery email never went out.",
  },
  {
    kind: "amount_mismatch",
    label: "Amount or currency differs",
    explain: "The charge does not match the order's price.",
  },
  {
    kind: "unlinked_provider_order",
    label: "Provider order we cannot link",
    explain: "The provider lists an order that no purchase in our ledger made.",
  },
  {
    kind: "issuing_spend_unmatched",
    label: "Issuing spend with no matching top-up",
    explain: "One of our Stripe Issuing cards was charged, but no wallet top-up of ours accounts for the charge.",
  },
  {
    kind: "topup_not_credited",
    label: "Partner top-up not credited",
    explain: "A reseller paid a balance top-up through Stripe, but its ledger has no credit for it.",
  },
  {
    kind: "event_not_delivered",
    label: "Stripe event never delivered",
    explain: "Stripe has an event our webhook never processed.",
  },
] as const;

export type MismatchKind = (typeof MISMATCH_KINDS)[number]["kind"];

type RepairAction =
  | "retry"
  | "apply_payment"
  | "refund_order"
  | "refund_session"
  | "resend_email"
  | "process_event"
  | "cancel_card"
  | "credit_topup"
  | "acknowledge";

export const REPAIR_LABELS: Record<RepairAction, string> = {
  retry: "Retry fulfilment",
  apply_payment: "Apply payment and fulfil",
  refund_order: "Refund order",
  refund_session: "Refund this charge",
  resend_email: "Send the delivery email",
  process_event: "Process the event now",
  cancel_card: "Cancel the card",
  credit_topup: "Credit the partner",
  acknowledge: "Acknowledge",
};

export interface Mismatch {
  kind: MismatchKind;
  key: string;
  orderId: string | null;
  reference: string | null;
  amountMinor: number;
  currency: string;
  summary: string;
  advice?: string;
  repair: RepairAction;
  cardId?: string;
  at: Date;
}

export function kindLabel(kind: string): string {
  return MISMATCH_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

export interface KindTotal {
  kind: MismatchKind;
  label: string;
  count: number;
  /** Per currency: mixing currencies in one number would be wrong. */
  totals: { currency: string; amountMinor: number }[];
}

export function totalsByKind(rows: readonly Mismatch[]): KindTotal[] {
  return MISMATCH_KINDS.map(({ kind, label }) => {
    const mine = rows.filter((r) => r.kind === kind);
    const sums = new Map<string, number>();
    for (const r of mine) sums.set(r.currency, (sums.get(r.currency) ?? 0) + r.amountMinor);
    return {
      kind,
      label,
      count: mine.length,
      totals: [...sums].map(([currency, amountMinor]) => ({ currency, amountMinor })),
    };
  });
}

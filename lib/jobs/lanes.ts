// Lanes: every job kind runs in one lane, and each lane has its own share of a worker process. A lane never
// takes another's slots, so a reseller's endpoint that never answers can fill the webhook lane and nothing
// else: a traveller's eSIM keeps the fulfilment lane to itself.

export const LANES = ["fulfilment", "webhooks", "alerts", "usage", "maintenance"] as const;
export type Lane = (typeof LANES)[number];

interface LaneLimits {
  /** Jobs of this lane one process runs at once. */
  concurrency: number;
  /** Jobs sharing one concurrency key (a reseller, say) running at once across every process. */
  perKey?: number;
  /** How long a claim lasts before another worker may take the job over; the worker renews it meanwhile. */
  leaseMs: number;
}

/** Jobs spend most of their time waiting on outside services and hold a database connection only for short
 *  statements, so a lane's concurrency can exceed the pool size. */
export const LANE_LIMITS: Record<Lane, LaneLimits> = {
  fulfilment: { concurrency: 16, leaseMs: 60_000 },
  webhooks: { concurrency: 8, perKey: 2, leaseMs: 60_000 },
  alerts: { concurrency: 4, leaseMs: 60_000 },
  usage: { concurrency: 4, leaseMs: 60_000 },
  maintenance: { concurrency: 2, leaseMs: 120_000 },
};

/**
 * Which lane each kind runs in. The queue knows kinds by name only; what a kind does is registered by the
 * composition root.
 */
const KIND_LANES = {
  fulfil: "fulfilment",
  refund: "fulfilment",
  admin_alert: "alerts",
  purchase_audit: "maintenance",
  partner_webhook: "webhooks",
  "order.delivered": "webhooks",
} as const satisfies Record<string, Lane>;

export type JobKind = keyof typeof KIND_LANES;

export function laneOf(kind: string): Lane {
  const lane = (KIND_LANES as Record<string, Lane>)[kind];
  if (!lane) throw new Error(`job kind "${kind}" belongs to no lane`);
  return lane;
}

// A lane never takes another's slots: a reseller's dead endpoint cannot stall a traveller's eSIM.

export const LANES = ["fulfilment", "webhooks", "alerts", "usage", "maintenance"] as const;
export type Lane = (typeof LANES)[number];

interface LaneLimits {
  concurrency: number;
  perKey?: number;
  leaseMs: number;
}

/** Jobs mostly wait on outside services, so a lane's concurrency can exceed the pool size. */
export const LANE_LIMITS: Record<Lane, LaneLimits> = {
  fulfilment: { concurrency: 16, leaseMs: 60_000 },
  webhooks: { concurrency: 8, perKey: 2, leaseMs: 60_000 },
  alerts: { concurrency: 4, leaseMs: 60_000 },
  usage: { concurrency: 4, leaseMs: 60_000 },
  maintenance: { concurrency: 2, leaseMs: 120_000 },
};

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

// Every status change goes through `transition`: a conditional UPDATE recorded in order_events in one statement.
import { and, eq, getTableColumns, inArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias, type PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/lib/db";
import { orderEvents, orders, type Order } from "@/lib/db/schema";
import { selectRows } from "@/lib/db/sql";

const prevOrders = alias(orders, "prev_orders");

export const ORDER_STATUSES = [
  "pending_payment",
  "paid",
  "provisioning",
  "delivered",
  "installed",
  "expired",
  "payment_failed",
  "failed",
  "refunded",
  "needs_attention",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ["paid", "expired", "payment_failed", "needs_attention"],
  // Stripe does not complete an expired session, but if one is paid the customer is served, not left expired.
  expired: ["paid", "needs_attention"],
  payment_failed: ["needs_attention"],
  paid: ["provisioning", "failed", "needs_attention"],
  provisioning: ["delivered", "failed", "needs_attention"],
  delivered: ["installed", "refunded"],
  installed: ["refunded"],
  failed: ["refunded", "needs_attention"],
  refunded: [],
  needs_attention: ["provisioning", "failed", "refunded"],
};

export const PAID_STATUSES: readonly OrderStatus[] = [
  "paid",
  "provisioning",
  "delivered",
  "installed",
  "failed",
  "refunded",
  "needs_attention",
];

export class InvalidTransitionError extends Error {
  constructor(
    readonly orderId: string,
    readonly from: string | null,
    readonly to: OrderStatus,
  ) {
    super(`order ${orderId}: transition ${from ?? "(missing)"} → ${to} is not allowed`);
    this.name = "InvalidTransitionError";
  }
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: string, to: OrderStatus): boolean {
  return isOrderStatus(from) && TRANSITIONS[from].includes(to);
}

export function assertTransition(from: string, to: OrderStatus, orderId = "?"): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(orderId, from, to);
}

export function allowedFrom(to: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => TRANSITIONS[from].includes(to));
}

const STAMPS: Partial<Record<OrderStatus, "paidAt" | "deliveredAt" | "refundedAt">> = {
  paid: "paidAt",
  delivered: "deliveredAt",
  refunded: "refundedAt",
};

export type OrderPatch = Partial<
  Pick<
    Order,
    | "email"
    | "customerId"
    | "stripePaymentIntentId"
    | "stripeCheckoutSessionId"
    | "failureReason"
    | "attentionReason"
    | "paidAt"
    | "emailSentAt"
    | "accessTokenSealed"
    | "refundId"
    | "refundedMinor"
  >
>;

export interface TransitionOptions {
  from?: readonly OrderStatus[];
  detail?: Record<string, unknown>;
  set?: OrderPatch;
  /** A further condition on the order's row: unmet, the order does not move. */
  where?: SQL;
}

/** The row lock serialises movers: the second finds the order gone from the allowed set and throws. */
export async function transition(
  db: Tx | Db,
  orderId: string,
  to: OrderStatus,
  options: TransitionOptions = {},
): Promise<Order> {
  const moved = await transitionIf(db, orderId, to, options);
  if (moved) return moved;
  const [current] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  throw new InvalidTransitionError(orderId, current?.status ?? null, to);
}

/** As `transition`, but an order not in a `from` status (or not meeting `where`) is no error: undefined. */
export async function transitionIf(
  db: Tx | Db,
  orderId: string,
  to: OrderStatus,
  options: TransitionOptions = {},
): Promise<Order | undefined> {
  const from = (options.from ?? allowedFrom(to)).filter((s) => TRANSITIONS[s].includes(to));
  if (from.length === 0) throw new InvalidTransitionError(orderId, options.from?.join("|") ?? null, to);
  const stamp = STAMPS[to];
  const patch: PgUpdateSetSource<typeof orders> = {
    ...options.set,
    status: to,
    ...(stamp && !(options.set && stamp in options.set) ? { [stamp]: sql`coalesce(${orders[stamp]}, now())` } : {}),
  };
  const detail = options.detail ? JSON.stringify(options.detail) : null;
  const update =
    from.length === 1
      ? db
          .update(orders)
          .set(patch)
          .where(and(eq(orders.id, orderId), eq(orders.status, from[0]!), options.where))
          .returning({
            ...getTableColumns(orders),
            previousStatus: sql<string>`${from[0]}::text`.as("previous_status"),
          })
      : viaLockedRead(db, orderId, from, patch, options.where);
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`with moved as (${update.getSQL()}), recorded as (
      insert into ${orderEvents} (order_id, type, from_status, to_status, detail)
      select id, 'transition', previous_status, status, ${detail}::jsonb from moved
    ) select * from moved`,
  );
  return rows[0] && orderFromRow(rows[0]);
}

function viaLockedRead(
  db: Tx | Db,
  orderId: string,
  from: OrderStatus[],
  patch: PgUpdateSetSource<typeof orders>,
  where?: SQL,
) {
  const prev = db
    .select({ id: prevOrders.id, status: prevOrders.status })
    .from(prevOrders)
    .where(eq(prevOrders.id, orderId))
    .for("update")
    .as("prev");
  return db
    .update(orders)
    .set(patch)
    .from(prev)
    .where(and(eq(orders.id, prev.id), inArray(prev.status, from), where))
    .returning({ ...getTableColumns(orders), previousStatus: sql<string>`${prev.status}`.as("previous_status") });
}

function orderFromRow(raw: Record<string, unknown>): Order {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(orders))) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as Order;
}

export async function recordStep(
  db: Tx | Db,
  orderId: string,
  step: string,
  detail?: Record<string, unknown>,
  type: "step" | "note" | "error" = "step",
): Promise<void> {
  await db.insert(orderEvents).values({ orderId, type, step, detail: detail ?? null });
}

/** The change and its timeline step in one statement, so they cannot come apart. */
export async function writeWithStep<T>(
  db: Db | Tx,
  query: SQLWrapper,
  orderId: string,
  step: string,
  detail: Record<string, unknown>,
): Promise<T[]> {
  return selectRows<T>(
    db,
    // getSQL(): an embedded query builder is parenthesised as a subquery, which WITH does not take.
    sql`with q as (${query.getSQL()}), ev as (
      insert into ${orderEvents} (order_id, type, step, detail)
      select ${orderId}, 'step', ${step}, ${JSON.stringify(detail)}::jsonb from (select 1 from q limit 1) as hit
    ) select * from q`,
  );
}

/** Webhook handlers and fulfilment serialise on this lock. */
export async function lockOrder(tx: Tx, orderId: string): Promise<Order | undefined> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  return order;
}

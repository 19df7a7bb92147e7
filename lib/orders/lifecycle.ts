// The order lifecycle: which status may follow which, as data, and the one way to change an order's status
// — a conditional UPDATE that only succeeds from an allowed status, recorded in order_events in the same
// transaction. Everything that moves an order goes through `transition`.
import { and, eq, getTableColumns, inArray, sql, type SQLWrapper } from "drizzle-orm";
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

/** Allowed next statuses. Anything not listed is a bug, not a no-op. */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  // needs_attention: paid, but the amount or currency does not match the order (nothing is bought).
  pending_payment: ["paid", "expired", "payment_failed", "needs_attention"],
  // Stripe does not complete an expired session — but if a payment for one ever arrives, the customer
  // paid, so the order is fulfilled rather than left expired.
  expired: ["paid", "needs_attention"],
  payment_failed: ["needs_attention"],
  paid: ["provisioning", "failed", "needs_attention"],
  provisioning: ["delivered", "failed", "needs_attention"],
  // → refunded: refunded in full after delivery (an admin's goodwill refund, or from Stripe's dashboard).
  delivered: ["installed", "refunded"],
  installed: ["refunded"],
  // needs_attention → refunded: an admin refunded from the Stripe dashboard.
  failed: ["refunded", "needs_attention"],
  refunded: [],
  // An admin (or a restored balance) sends it back to provisioning, or gives up and refunds.
  needs_attention: ["provisioning", "failed", "refunded"],
};

/** Statuses in which the customer has paid (money is with us until delivered or refunded). */
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

/** Throws InvalidTransitionError unless `from → to` is in the table. */
export function assertTransition(from: string, to: OrderStatus, orderId = "?"): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(orderId, from, to);
}

/** Every status that may move to `to`. */
export function allowedFrom(to: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => TRANSITIONS[from].includes(to));
}

/** Columns stamped automatically when an order reaches a status. */
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
  /** Narrow the allowed starting statuses further (e.g. a claim that only takes `paid`). */
  from?: readonly OrderStatus[];
  detail?: Record<string, unknown>;
  /** Other columns to set in the same UPDATE. */
  set?: OrderPatch;
}

/**
 * Moves the order to `to` if its current status allows it, and records the transition on its timeline — in
 * one statement, so the two cannot come apart (inside the caller's transaction or on their own). The row is
 * locked and its status read in the UPDATE's own FROM: the timeline records exactly the status this statement
 * moved the order from, and of two concurrent movers the second waits, then finds the order gone from the
 * allowed set. Throws InvalidTransitionError (with the status actually found) when the move is not allowed.
 */
export async function transition(
  db: Tx | Db,
  orderId: string,
  to: OrderStatus,
  options: TransitionOptions = {},
): Promise<Order> {
  const from = (options.from ?? allowedFrom(to)).filter((s) => TRANSITIONS[s].includes(to));
  if (from.length === 0) throw new InvalidTransitionError(orderId, options.from?.join("|") ?? null, to);
  const stamp = STAMPS[to];
  const patch: PgUpdateSetSource<typeof orders> = {
    ...options.set,
    status: to,
    ...(stamp && !(options.set && stamp in options.set) ? { [stamp]: sql`coalesce(${orders[stamp]}, now())` } : {}),
  };
  const detail = options.detail ? JSON.stringify(options.detail) : null;
  // One possible starting status: a plain conditional UPDATE, one index scan. Its row lock serialises movers
  // (the second re-checks `status` on the new version and moves nothing), and the status it moved from is `from[0]`.
  const update =
    from.length === 1
      ? db
          .update(orders)
          .set(patch)
          .where(and(eq(orders.id, orderId), eq(orders.status, from[0]!)))
          .returning({
            ...getTableColumns(orders),
            previousStatus: sql<string>`${from[0]}::text`.as("previous_status"),
          })
      : viaLockedRead(db, orderId, from, patch);
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`with moved as (${update.getSQL()}), recorded as (
      insert into ${orderEvents} (order_id, type, from_status, to_status, detail)
      select id, 'transition', previous_status, status, ${detail}::jsonb from moved
    ) select * from moved`,
  );
  const row = rows[0];
  if (!row) {
    const [current] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
    throw new InvalidTransitionError(orderId, current?.status ?? null, to);
  }
  return orderFromRow(row);
}

/** Several possible starting statuses: the row is locked and its status read in the UPDATE's own FROM. */
function viaLockedRead(db: Tx | Db, orderId: string, from: OrderStatus[], patch: PgUpdateSetSource<typeof orders>) {
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
    .where(and(eq(orders.id, prev.id), inArray(prev.status, from)))
    .returning({ ...getTableColumns(orders), previousStatus: sql<string>`${prev.status}`.as("previous_status") });
}

/** A raw `orders` row (snake_case, driver values) as the typed Order the query builder would return. */
function orderFromRow(raw: Record<string, unknown>): Order {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(orders))) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as Order;
}

/** Records a fulfilment step (or a note / an error) on the order's timeline. */
export async function recordStep(
  db: Tx | Db,
  orderId: string,
  step: string,
  detail?: Record<string, unknown>,
  type: "step" | "note" | "error" = "step",
): Promise<void> {
  await db.insert(orderEvents).values({ orderId, type, step, detail: detail ?? null });
}

/**
 * Runs `query` (an UPDATE or INSERT … RETURNING) and, only if it touched a row, records `step` on the order's
 * timeline — in one statement, so the change and its record cannot come apart.
 */
export async function writeWithStep<T>(
  db: Db | Tx,
  query: SQLWrapper,
  orderId: string,
  step: string,
  detail: Record<string, unknown>,
): Promise<T[]> {
  return selectRows<T>(
    db,
    // getSQL(): a query builder embedded as such is parenthesised as a subquery, which WITH does not take.
    sql`with q as (${query.getSQL()}), ev as (
      insert into ${orderEvents} (order_id, type, step, detail)
      select ${orderId}, 'step', ${step}, ${JSON.stringify(detail)}::jsonb from (select 1 from q limit 1) as hit
    ) select * from q`,
  );
}

/** The order, locked for the rest of the transaction (webhook handlers and fulfilment serialise on it). */
export async function lockOrder(tx: Tx, orderId: string): Promise<Order | undefined> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  return order;
}

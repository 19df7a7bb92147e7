// The payment sweep: catches payments no webhook told us about (endpoint down or misconfigured, server
// killed mid-request, buyer closed the tab before the redirect). Two passes, both idempotent and safe to run
// from several instances at once:
//  1. every `pending_payment` order older than a few minutes has its Checkout Session retrieved; a paid one
//     goes through applyPaidSession — the webhook's own transition (row lock, decision, mark paid + enqueue
//     in one transaction), an expired one is closed;
//  2. Stripe's undelivered events (`delivery_success=false`) are replayed through processStripeEvent, the
//     webhook's handler path, so the event-id dedupe makes an event already processed change nothing.
import { and, asc, eq, inArray, lt } from "drizzle-orm";
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { orders, stripeEvents } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { kickWorker } from "@/lib/jobs/worker";
import { recordStep, transition } from "@/lib/orders/lifecycle";
import { lockOrder } from "@/lib/orders/lifecycle";
import { applyPaidSession } from "./paid";
import { stripe } from "./stripe";
import { HANDLED_EVENT_TYPES, processStripeEvent } from "./webhook";
import { log } from "@/lib/observability/logger";

/** Orders checked per pass, oldest first: an abandoned checkout leaves the set once its session expires. */
const ORDERS_PER_PASS = 200;
/** Stripe retries a delivery for three days; past that a missed event is only found by the session pass. */
const EVENT_LOOKBACK_SECONDS = 3 * 24 * 3600;
const EVENT_PAGES_PER_PASS = 20;
/** A session we created without saving its id cannot be open past its 31-minute life (lib/payments/checkout.ts). */
const ORPHAN_ORDER_AGE_MS = 40 * 60 * 1000;

export interface SessionSweepResult {
  checked: number;
  paid: number;
  expired: number;
  /** Still open, or complete but awaiting a delayed payment method. */
  waiting: number;
  failed: number;
}

export interface EventReplayResult {
  listed: number;
  replayed: number;
  alreadyProcessed: number;
  failed: number;
}

export interface SweepOptions {
  db?: Db;
  /** Orders younger than this are left to their webhook (default PAYMENT_SWEEP_MIN_AGE_SECONDS). */
  minAgeSeconds?: number;
  /** Wake the worker when fulfilment was queued (default true). */
  kick?: boolean;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function sweepPendingSessions(options: SweepOptions = {}): Promise<SessionSweepResult> {
  const db = options.db ?? (await getDb());
  const minAgeMs = (options.minAgeSeconds ?? env().paymentSweep.minAgeSeconds) * 1000;
  const result: SessionSweepResult = { checked: 0, paid: 0, expired: 0, waiting: 0, failed: 0 };
  const pending = await db
    .select({ id: orders.id, sessionId: orders.stripeCheckoutSessionId, createdAt: orders.createdAt })
    .from(orders)
    .where(and(eq(orders.status, "pending_payment"), lt(orders.createdAt, new Date(Date.now() - minAgeMs))))
    .orderBy(asc(orders.createdAt))
    .limit(ORDERS_PER_PASS);
  let kick = false;
  for (const order of pending) {
    result.checked++;
    try {
      if (!order.sessionId) {
        // The process died between creating the session and saving its id. If it was paid, its
        // checkout.session.completed (client_reference_id) still arrives or is replayed, and moves an
        // expired order to paid; until then nothing can be paid here.
        if (Date.now() - order.createdAt.getTime() < ORPHAN_ORDER_AGE_MS) result.waiting++;
        else if (await expireOrder(db, order.id, null, "no_checkout_session")) result.expired++;
        continue;
      }
      const session = await retrieveSession(order.sessionId);
      if (session === "missing") {
        if (await expireOrder(db, order.id, order.sessionId, "checkout_session_missing")) result.expired++;
      } else if (session.payment_status === "paid") {
        const applied = await db.transaction((tx) => applyPaidSession(tx, session, "payment sweep"));
        if (applied.kick) {
          kick = true;
          result.paid++;
        }
      } else if (session.status === "expired") {
        if (await expireOrder(db, order.id, session.id, "checkout_session_expired")) result.expired++;
      } else {
        result.waiting++;
      }
    } catch (err) {
      result.failed++;
      log.error(`checking order ${order.id} failed: ${errorText(err)}`);
    }
  }
  if (kick && options.kick !== false) kickWorker();
  return result;
}

async function retrieveSession(id: string): Promise<Stripe.Checkout.Session | "missing"> {
  try {
    return await stripe().checkout.sessions.retrieve(id);
  } catch (err) {
    const e = err as { statusCode?: number; code?: string };
    if (e.statusCode === 404 || e.code === "resource_missing") return "missing";
    throw err;
  }
}

/** Closes an order nobody can pay any more; false when it moved on meanwhile (a webhook won the race). */
async function expireOrder(db: Db, orderId: string, sessionId: string | null, reason: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order || order.status !== "pending_payment") return false;
    if (sessionId && order.stripeCheckoutSessionId && order.stripeCheckoutSessionId !== sessionId) {
      await recordStep(tx, orderId, "checkout.expired_ignored", { via: "payment sweep", session: sessionId }, "note");
      return false;
    }
    await transition(tx, orderId, "expired", {
      from: ["pending_payment"],
      detail: { via: "payment sweep", reason, ...(sessionId ? { session: sessionId } : {}) },
    });
    return true;
  });
}

export async function replayUndeliveredEvents(
  options: Pick<SweepOptions, "db" | "kick"> = {},
): Promise<EventReplayResult> {
  const db = options.db ?? (await getDb());
  const result: EventReplayResult = { listed: 0, replayed: 0, alreadyProcessed: 0, failed: 0 };
  const events: Stripe.Event[] = [];
  let startingAfter: string | undefined;
  for (let page = 0; page < EVENT_PAGES_PER_PASS; page++) {
    const list = await stripe().events.list({
      delivery_success: false,
      types: HANDLED_EVENT_TYPES,
      created: { gte: Math.floor(Date.now() / 1000) - EVENT_LOOKBACK_SECONDS },
      limit: 100,
      ...(startingAfter ? { starting_after: startingAfter } : {}),
    });
    events.push(...list.data);
    if (!list.has_more || list.data.length === 0) break;
    startingAfter = list.data.at(-1)!.id;
  }
  result.listed = events.length;
  if (events.length === 0) return result;

  // Stripe keeps listing an event as undelivered until one of its own attempts succeeds, even after we
  // processed it: skip the ones already recorded without opening a transaction each.
  const known = new Set<string>();
  for (let i = 0; i < events.length; i += 500) {
    const ids = events.slice(i, i + 500).map((e) => e.id);
    const rows = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(inArray(stripeEvents.id, ids));
    for (const r of rows) known.add(r.id);
  }
  let kick = false;
  // Oldest first, the order in which they happened (the list is newest first).
  for (const event of events.reverse()) {
    if (known.has(event.id)) {
      result.alreadyProcessed++;
      continue;
    }
    try {
      const processed = await processStripeEvent(event);
      if (processed.duplicate) result.alreadyProcessed++;
      else result.replayed++;
      kick ||= processed.kick;
    } catch (err) {
      result.failed++;
      log.error(`replaying ${event.type} ${event.id} failed: ${errorText(err)}`);
    }
  }
  if (kick && options.kick !== false) kickWorker();
  return result;
}

const slot = globalThis as unknown as { __ternPaymentSweep?: { running: boolean; timer?: NodeJS.Timeout } };

/** Both passes; a pass already running in this process is not started twice (timer and cron overlap). */
export async function runPaymentSweep(
  options: SweepOptions = {},
): Promise<{ sessions: SessionSweepResult; events: EventReplayResult } | { skipped: "already running" }> {
  const s = (slot.__ternPaymentSweep ??= { running: false });
  if (s.running) return { skipped: "already running" };
  s.running = true;
  try {
    // Events first: they carry what a session cannot (refunds, failures of delayed payments).
    const events = await replayUndeliveredEvents(options);
    const sessions = await sweepPendingSessions(options);
    return { sessions, events };
  } finally {
    s.running = false;
  }
}

/** The sweep on a timer in a long-running server; first pass shortly after start (a restart catches up). */
export function startPaymentSweepTimer(): () => void {
  const s = (slot.__ternPaymentSweep ??= { running: false });
  const { intervalSeconds } = env().paymentSweep;
  if (s.timer || intervalSeconds <= 0) return stopPaymentSweepTimer;
  const tick = () =>
    void runPaymentSweep().catch((err: unknown) => log.error(`payment sweep failed: ${errorText(err)}`));
  s.timer = setInterval(tick, intervalSeconds * 1000);
  s.timer.unref();
  setTimeout(tick, Math.min(5_000, intervalSeconds * 1000)).unref();
  return stopPaymentSweepTimer;
}

export function stopPaymentSweepTimer(): void {
  const s = slot.__ternPaymentSweep;
  if (s?.timer) clearInterval(s.timer);
  if (s) s.timer = undefined;
}

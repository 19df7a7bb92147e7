// Catches payments no webhook told us about. Both passes are idempotent: sessions go through the webhook's own
// transition, undelivered events through its handler, so the event-id dedupe ignores one already processed.
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
import { processStripeEvent } from "./webhook";
import { STRIPE_WEBHOOK_EVENTS } from "./webhook-events";
import { log } from "@/lib/observability/logger";

const ORDERS_PER_PASS = 200;
/** Stripe retries a delivery for three days. */
const EVENT_LOOKBACK_SECONDS = 3 * 24 * 3600;
const EVENT_PAGES_PER_PASS = 20;
/** A session whose id was never saved cannot be open past its 31-minute life. */
const ORPHAN_ORDER_AGE_MS = 40 * 60 * 1000;

export interface SessionSweepResult {
  checked: number;
  paid: number;
  expired: number;
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
  minAgeSeconds?: number;
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
        // If it was paid, its checkout.session.completed still arrives or is replayed.
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
      types: [...STRIPE_WEBHOOK_EVENTS],
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

  // Stripe lists an event as undelivered until one of its own attempts succeeds, even after we processed it.
  const known = new Set<string>();
  for (let i = 0; i < events.length; i += 500) {
    const ids = events.slice(i, i + 500).map((e) => e.id);
    const rows = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(inArray(stripeEvents.id, ids));
    for (const r of rows) known.add(r.id);
  }
  let kick = false;
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

export async function runPaymentSweep(
  options: SweepOptions = {},
): Promise<{ sessions: SessionSweepResult; events: EventReplayResult } | { skipped: "already running" }> {
  const s = (slot.__ternPaymentSweep ??= { running: false });
  if (s.running) return { skipped: "already running" };
  s.running = true;
  try {
    // Events first: they carry what a session cannot (refunds, failed delayed payments).
    const events = await replayUndeliveredEvents(options);
    const sessions = await sweepPendingSessions(options);
    return { sessions, events };
  } finally {
    s.running = false;
  }
}

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

// Test support for the money path: a private sandbox, a fresh database, bundles the sandbox sells, and
// helpers that take an order through real checkout, payment and webhook delivery.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { startTestSandbox, type TestSandbox } from "./sandbox";
import { resetEnvCache, env } from "@/lib/env";
import type { Db, DbHandle } from "@/lib/db";
import type { TestDbKind } from "@/lib/db/testing";
import { openProcessTestDatabase } from "./databases";
import { jobs, orders, type Order } from "@/lib/db/schema";
import { createCheckout } from "@/lib/payments/checkout";
import { handleStripeWebhook, processStripeEvent } from "@/lib/payments/webhook";
import "@/lib/composition";
import { runDueJobs, type JobReport, type WorkerOptions } from "@/lib/jobs/worker";
import { seedBundles } from "./bundles";
import { ADMIN_EMAIL } from "./actors";
import type { Locale } from "@/lib/i18n/locales";

/** Sold by the sandbox's eSIM Go catalogue at 1.18 USD wholesale. */
export const BUNDLE = "esim_1GB_7D_GB_V2";
export const PRICE_MINOR = 499;
export { ADMIN_EMAIL };

export interface Harness {
  kind: TestDbKind;
  sandbox: TestSandbox;
  handle: DbHandle;
  db: Db;
  close: () => Promise<void>;
}

export async function startHarness(kind: TestDbKind): Promise<Harness> {
  process.env.ADMIN_EMAILS = ADMIN_EMAIL;
  const sandbox = await startTestSandbox();
  resetEnvCache();
  const handle = await openProcessTestDatabase(kind);
  await seedBundles(handle.db, [
    { name: BUNDLE, country: "GB", dataMb: 1000, durationDays: 7, wholesaleMinor: 118, priceMinor: PRICE_MINOR },
    { name: "esim_3GB_30D_GB_V2", country: "GB", dataMb: 3000, durationDays: 30, wholesaleMinor: 300, priceMinor: 999 },
  ]);
  return {
    kind,
    sandbox,
    handle,
    db: handle.db,
    close: async () => {
      await handle.close();
      await sandbox.close();
    },
  };
}

/**
 * The harness for the surrounding describe block: started before its tests, closed after them, and reset before
 * each (unless `reset: false`). The returned object is filled in when the harness starts; hooks the caller adds
 * afterwards run after the start and the reset, and before the close.
 */
export function useHarness(kind: TestDbKind, options: { reset?: boolean; startTimeoutMs?: number } = {}): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await startHarness(kind));
  }, options.startTimeoutMs);
  afterAll(async () => h.close?.());
  if (options.reset !== false) beforeEach(async () => resetBetweenTests(h));
  return h;
}

/** Between tests: a clean sandbox (so ledgers are one test's own) and an empty queue (so one test's
 *  leftover job never runs in the next). Orders stay: every test makes its own. */
export async function resetBetweenTests(h: Harness): Promise<void> {
  await h.sandbox.control("POST", "/reset");
  await h.db
    .update(jobs)
    .set({ status: "dead", lastError: "cleared between tests" })
    .where(sql`${jobs.status} in ('queued', 'running')`);
}

let emailCounter = 0;
export function uniqueEmail(tag = "buyer"): string {
  return `${tag}-${Date.now().toString(36)}-${++emailCounter}@example.com`;
}

export async function orderRow(db: Db, orderId: string): Promise<Order> {
  const [row] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!row) throw new Error(`order ${orderId} not found`);
  return row;
}

/** A checkout through createCheckout, paid with 4242 via the sandbox: returns the order and its real
 *  `checkout.session.completed` event (not yet delivered to us). */
export async function paidOrder(
  h: Harness,
  options: { email?: string; bundle?: string; locale?: Locale } = {},
): Promise<{ orderId: string; sessionId: string; email: string; event: Stripe.Event }> {
  const email = options.email ?? uniqueEmail();
  const { orderId } = await createCheckout({ bundleName: options.bundle ?? BUNDLE, email, locale: options.locale });
  const { stripeCheckoutSessionId: sessionId } = await orderRow(h.db, orderId);
  await h.sandbox.control("POST", `/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
  const event = await stripeEvent(
    h,
    "checkout.session.completed",
    (e) => (e.data.object as { id: string }).id === sessionId,
  );
  return { orderId, sessionId: sessionId!, email, event };
}

/** The newest sandbox event of `type` matching `match`. */
export async function stripeEvent(
  h: Harness,
  type: string,
  match: (e: Stripe.Event) => boolean,
): Promise<Stripe.Event> {
  const { events } = await h.sandbox.control<{ events: (Stripe.Event & { attempts: unknown })[] }>(
    "GET",
    `/stripe/events?type=${encodeURIComponent(type)}`,
  );
  const found = events.filter(match).at(-1);
  if (!found) throw new Error(`no ${type} event matched`);
  const { attempts: _attempts, ...event } = found;
  return event as Stripe.Event;
}

/** Signs `payload` the way Stripe does, with our webhook secret (timestamp: now, or as given). */
export function sign(payload: string, timestamp?: number): string {
  return new Stripe("sk_test_unused").webhooks.generateTestHeaderString({
    payload,
    secret: env().stripe.webhookSecret,
    timestamp,
  });
}

/** Delivers an event through the full webhook path (signature, dedupe, handler). */
export async function deliverEvent(event: Stripe.Event) {
  const payload = JSON.stringify(event, null, 2);
  return handleStripeWebhook(payload, sign(payload));
}

export { processStripeEvent };

/** Makes every queued job due now (the tests' clock: nobody sleeps through a backoff). */
export async function fastForward(db: Db): Promise<void> {
  await db
    .update(jobs)
    .set({ runAt: sql`now()` })
    .where(eq(jobs.status, "queued"));
}

/** Runs the worker until no job is due, fast-forwarding through backoffs; returns every job report. */
export async function drain(
  db: Db,
  options: WorkerOptions & { maxRounds?: number; forward?: boolean } = {},
): Promise<JobReport[]> {
  const all: JobReport[] = [];
  for (let round = 0; round < (options.maxRounds ?? 20); round++) {
    if (options.forward !== false) await fastForward(db);
    const reports = await runDueJobs({ limit: 10, ...options });
    all.push(...reports);
    if (reports.length === 0) break;
  }
  return all;
}

export interface Ledgers {
  esimGoOrders: {
    orderReference: string;
    items: { item: string }[];
    esims: { iccid: string; matchingId: string; smdpAddress: string }[];
  }[];
  emails: {
    id: string;
    to: string[];
    subject: string;
    html: string | null;
    text: string | null;
    attachments: { filename: string }[];
    tags: { name: string; value: string }[];
  }[];
  objects: { bucket: string; path: string }[];
  refunds: { id: string; payment_intent: string; amount: number }[];
  /** Receipt emails, kept out of `emails`: every delivered order gets one beside its eSIM email. */
  receipts: Ledgers["emails"];
}

const isReceipt = (e: { tags: { name: string; value: string }[] }) =>
  e.tags.some((t) => t.name === "category" && t.value === "receipt");

/** What the sandbox saw (reset it in beforeEach so these are one test's own). */
export async function ledgers(h: Harness): Promise<Ledgers> {
  const [esimGo, emails, objects, refunds] = await Promise.all([
    h.sandbox.control<{ orders: Ledgers["esimGoOrders"] }>("GET", "/esim-go/orders"),
    h.sandbox.control<Ledgers["emails"]>("GET", "/emails"),
    h.sandbox.control<Ledgers["objects"]>("GET", "/storage/objects"),
    h.sandbox.control<{ refunds: Ledgers["refunds"] }>("GET", "/stripe/refunds"),
  ]);
  return {
    esimGoOrders: esimGo.orders,
    emails: emails.filter((e) => !isReceipt(e)),
    objects,
    refunds: refunds.refunds,
    receipts: emails.filter(isReceipt),
  };
}

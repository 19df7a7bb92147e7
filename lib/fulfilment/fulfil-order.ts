// Fulfilling one paid order: buy the bundle, fetch install details, render and store the QR, email it, mark
// the order delivered. Every step is idempotent and recorded (order_events rows, columns on the order and
// its eSIM), so a re-run — after a crash, a lost lease, a retry — skips what is done and never buys twice.
//
// What a failure means depends on how far the order got:
// - before anything was bought, a permanent error (or the retry horizon) fails the order and refunds it;
// - after the purchase, the eSIM exists: the order goes to needs_attention for an admin instead of a refund;
// - an empty wholesale balance parks the order in needs_attention, alerts the admins and keeps retrying
//   until the balance is back or the horizon passes (then it is refunded).
import { and, count, eq, gt, inArray, ne, sql, type SQLWrapper } from "drizzle-orm";
import { selectRows } from "@/lib/catalogue/rows";
import type { Db, Tx } from "@/lib/db";
import {
  esims,
  orderEvents,
  orders,
  providerPurchases,
  type Esim,
  type Job,
  type Order,
  type ProviderPurchase,
} from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ProviderError } from "@/lib/providers/http";
import type { EsimProvider, InstallDetails, PurchaseInput, PurchaseResult } from "@/lib/providers/types";
import { recordStep, transition, type OrderStatus } from "@/lib/orders/lifecycle";
import { hashAccessToken, newAccessToken, orderAccessUrl, unsealAccessToken } from "@/lib/orders/ids";
import { buildLpa } from "@/lib/delivery/links";
import { renderQrPng } from "@/lib/delivery/qr";
import { storeQrPng } from "@/lib/delivery/storage";
import { sendAdminAlert, sendEsimDeliveredEmail, sendRefundEmail } from "@/lib/delivery/email";
import { refundOrder } from "@/lib/payments/refunds";
import { classifyError } from "./errors";
import { beyondHorizon, nextDelayMs } from "./backoff";
import { renewLease } from "./jobs";

export interface FulfilDeps {
  db: Db;
  provider: (name: string) => EsimProvider;
  leaseMs: number;
  /**
   * A `started` attempt younger than this may still be waiting for its answer in another worker (the
   * provider call's own timeout plus a margin), so it is not looked up — let alone re-bought — before then.
   */
  inFlightGraceMs: number;
  now?: () => Date;
}

export type JobOutcome =
  | { kind: "complete"; note: string }
  | { kind: "retry"; delayMs: number; reason: string }
  | { kind: "dead"; reason: string }
  /** Another worker holds the job now; this one changes nothing more. */
  | { kind: "lost_lease" };

type Phase = "start" | "purchase" | "deliver" | "refund" | "alert";

/** "Come back in `delayMs`": not an error, a wait (purchase pending, install details lagging). */
class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** The provider said this purchase can never succeed. */
class PermanentFailure extends Error {}

/** Something only a person can settle (e.g. which provider order is ours). */
class NeedsAdmin extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

class LeaseLost extends Error {}

/** The order is no longer ours to buy for (refunded or failed meanwhile). */
class StopBuying extends Error {}

interface Bought {
  reference: string;
  esims: InstallDetails[];
}

interface Run {
  job: Job;
  deps: FulfilDeps;
  phase: Phase;
  now: () => Date;
  /** When this worker claimed the job (its lease runs from about then). */
  startedAt: number;
}

/** Customer-facing reasons, one sentence each (they go into the refund email and the order page). */
const CUSTOMER_REASON = {
  permanent: "Our network partner could not issue this eSIM.",
  horizon: "Our network partner did not respond in time, so we stopped trying.",
} as const;

/** Runs one claimed `fulfil` job. `order`: the order as read right after the claim, if the caller has it. */
export async function fulfilOrder(job: Job, deps: FulfilDeps, order?: Order): Promise<JobOutcome> {
  const run: Run = { job, deps, phase: "start", now: deps.now ?? (() => new Date()), startedAt: Date.now() };
  try {
    return await drive(run, order);
  } catch (err) {
    return onError(run, err);
  }
}

async function loadOrder(db: Db, orderId: string): Promise<Order | undefined> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  return order;
}

async function drive(run: Run, preloaded?: Order): Promise<JobOutcome> {
  const { db } = run.deps;
  let order = preloaded ?? (await loadOrder(db, run.job.orderId));
  if (!order) return { kind: "complete", note: "order not found" };

  switch (order.status as OrderStatus) {
    case "pending_payment":
    case "expired":
    case "payment_failed":
      return { kind: "complete", note: `nothing to fulfil in status ${order.status}` };
    case "delivered":
    case "installed":
      return { kind: "complete", note: "already delivered" };
    case "refunded":
      run.phase = "refund";
      await notifyRefund(run, order);
      return { kind: "complete", note: "refunded" };
    case "failed":
      run.phase = "refund";
      await refundAndNotify(run, order);
      return { kind: "complete", note: "failed and refunded" };
    case "needs_attention":
      run.phase = "alert";
      await alertAdminOnce(run, order);
      // Only an empty balance fixes itself; every other reason waits for a person.
      if (order.attentionReason !== "insufficient_balance")
        return { kind: "complete", note: `waiting for an admin (${order.attentionReason})` };
      break;
    case "paid":
      // Moved to provisioning in the same transaction that records the first purchase attempt.
      break;
    case "provisioning":
      break;
  }

  run.phase = "purchase";
  const bought = await ensurePurchase(run, order);
  if (order.status === "needs_attention") {
    order = await transition(db, order.id, "provisioning", {
      from: ["needs_attention"],
      set: { attentionReason: null },
      detail: { reason: "purchase succeeded after the balance was restored" },
    });
  }

  run.phase = "deliver";
  await keepLease(run);
  const esim = await ensureEsim(run, order, bought);
  // Rendered once per run and used for both the stored copy and the email (rendering is local and
  // deterministic, so a re-run produces the very same bytes).
  // A top-up adds data to an eSIM the customer already installed: no new QR.
  const qrPng = order.kind === "topup" ? undefined : await renderQrPng(esim.lpa);
  if (qrPng && !esim.qrPath) {
    const { path } = await storeQrPng({ orderId: order.id, iccid: esim.iccid, png: qrPng });
    const update = db
      .update(esims)
      .set({ qrPath: path })
      .where(eq(esims.iccid, esim.iccid))
      .returning({ iccid: esims.iccid });
    await writeWithStep(db, update, order.id, "qr.stored", { path });
  }
  await deliverEmail(run, order, esim, qrPng);
  return { kind: "complete", note: "delivered" };
}

/**
 * Runs `query` (an UPDATE or INSERT … RETURNING) and, only if it touched a row, records `step` on the order's
 * timeline — in one statement, so the change and its record cannot come apart, at one round trip's cost.
 */
async function writeWithStep<T>(
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

// ─── Purchase ───────────────────────────────────────────────────────────────────────────────────────────

const OPEN = ["started", "unknown", "pending"];
const BOUGHT = ["succeeded", "linked"];

function purchaseInput(order: Order, attempt: number): PurchaseInput {
  return { orderId: order.id, attempt, bundleName: order.bundleName, topupIccid: order.topupIccid };
}

async function ensurePurchase(run: Run, order: Order): Promise<Bought> {
  const { db } = run.deps;
  // Attempts are only ever recorded on a provisioning order: a paid one has none to look at.
  const rows =
    order.status === "paid"
      ? []
      : await db
          .select()
          .from(providerPurchases)
          .where(eq(providerPurchases.orderId, order.id))
          .orderBy(providerPurchases.attempt);
  const done = rows.find((r) => BOUGHT.includes(r.status));
  if (done) return boughtFrom(done);
  const open = rows.find((r) => OPEN.includes(r.status));
  if (open) {
    const resolved = await resolveOpenAttempt(run, order, open);
    if (resolved) return resolved;
  }
  const attempt = rows.reduce((max, r) => Math.max(max, r.attempt), 0) + 1;
  return purchase(run, order, attempt);
}

function boughtFrom(row: ProviderPurchase): Bought {
  const esimsFound = (row.response as { esims?: InstallDetails[] } | null)?.esims ?? [];
  return { reference: row.providerReference!, esims: esimsFound };
}

/**
 * Makes sure this worker still holds the job's lease. Freshly claimed (within half a lease) it certainly
 * does — nobody can claim before the lease ends — so the database is asked only when the run has been long.
 */
async function keepLease(run: Run, db: Db | Tx = run.deps.db): Promise<void> {
  if (Date.now() - run.startedAt < run.deps.leaseMs / 2) return;
  if (!(await renewLease(db, run.job, run.deps.leaseMs))) throw new LeaseLost();
  run.startedAt = Date.now();
}

/** One new purchase: the `started` row is committed before the provider is called. */
async function purchase(run: Run, order: Order, attempt: number): Promise<Bought> {
  const { db } = run.deps;
  const provider = run.deps.provider(order.provider);
  const input = purchaseInput(order, attempt);
  const [row] = await db.transaction(async (tx) => {
    // Locked and re-read here, not trusted from the start of the run: never buy for an order that was
    // refunded or failed in the meantime (an admin's dashboard refund, say).
    const [current] = await tx
      .select({ status: orders.status, attentionReason: orders.attentionReason })
      .from(orders)
      .where(eq(orders.id, order.id))
      .for("update");
    const buyable =
      current?.status === "paid" ||
      current?.status === "provisioning" ||
      (current?.status === "needs_attention" && current.attentionReason === "insufficient_balance");
    if (!buyable) throw new StopBuying(`order is ${current?.status ?? "gone"}`);
    // Fencing: only the worker holding the lease may start a purchase.
    await keepLease(run, tx);
    if (current.status === "paid")
      await transition(tx, order.id, "provisioning", {
        from: ["paid"],
        detail: { job: run.job.id, attempt: run.job.attempts },
      });
    const insert = tx
      .insert(providerPurchases)
      .values({ orderId: order.id, provider: provider.name, attempt, status: "started", request: { ...input } })
      .returning({ id: providerPurchases.id, attempt: providerPurchases.attempt });
    const rows = await writeWithStep<{ id: number | string }>(tx, insert, order.id, "purchase.started", {
      attempt,
      provider: provider.name,
      bundle: order.bundleName,
    });
    // Raw rows: postgres-js hands bigint ids back as strings.
    return rows.map((r) => ({ id: Number(r.id), attempt }));
  });

  let result: PurchaseResult;
  try {
    result = await provider.startPurchase(input);
  } catch (err) {
    // No answer, or a 5xx: the provider may have bought anyway, so the attempt is looked up before any
    // new one. A definite refusal (4xx, or a request that never left) is a plain failure.
    const unknown =
      err instanceof ProviderError && (err.outcomeUnknown || (err.kind === "http" && (err.status ?? 0) >= 500));
    await db
      .update(providerPurchases)
      .set({ status: unknown ? "unknown" : "failed", finishedAt: run.now(), error: messageOf(err) })
      .where(and(eq(providerPurchases.id, row!.id), eq(providerPurchases.status, "started")));
    throw err;
  }
  return settle(run, order, row!, result);
}

/** Records what the provider said about an attempt and turns it into "bought" or a wait/failure. */
async function settle(
  run: Run,
  order: Order,
  row: Pick<ProviderPurchase, "id" | "attempt">,
  result: PurchaseResult,
  linked = false,
): Promise<Bought> {
  const { db } = run.deps;
  const mine = and(eq(providerPurchases.id, row.id), inArray(providerPurchases.status, OPEN));
  if (result.state === "failed") {
    await db
      .update(providerPurchases)
      .set({ status: "failed", finishedAt: run.now(), error: result.reason })
      .where(mine);
    if (result.permanent) throw new PermanentFailure(result.reason);
    throw new RetryLater(nextDelayMs(run.job.attempts), `purchase failed: ${result.reason}`);
  }
  const response =
    result.state === "completed" ? { esims: result.esims, raw: result.raw ?? null } : { raw: result.raw ?? null };
  const step = result.state === "pending" ? "purchase.pending" : linked ? "purchase.linked" : "purchase.succeeded";
  const stepDetail = {
    attempt: row.attempt,
    reference: result.reference,
    ...(result.state === "completed" ? { esims: result.esims.length } : {}),
  };
  let updated: unknown[];
  try {
    const update = db
      .update(providerPurchases)
      .set({
        status: result.state === "completed" ? (linked ? "linked" : "succeeded") : "pending",
        providerReference: result.reference,
        finishedAt: run.now(),
        response: response as Record<string, unknown>,
      })
      .where(mine)
      .returning({ id: providerPurchases.id });
    updated = await writeWithStep(db, update, order.id, step, stepDetail);
  } catch (err) {
    // The unique index on provider references: this provider order is already some other attempt's.
    if (isUniqueViolation(err)) {
      await db
        .update(providerPurchases)
        .set({
          status: "failed",
          finishedAt: run.now(),
          error: `provider reference ${result.reference} already belongs to another attempt`,
        })
        .where(mine);
      await recordStep(
        db,
        order.id,
        "purchase.reference_taken",
        { attempt: row.attempt, reference: result.reference },
        "error",
      );
      throw new RetryLater(1_000, "provider reference already linked elsewhere");
    }
    throw err;
  }
  if (updated.length === 0) throw new RetryLater(500, "the attempt was settled by another worker");
  if (result.state === "pending")
    throw new RetryLater(result.retryAfterMs ?? 2_000, "purchase accepted; waiting for the provider to finish it");
  return { reference: result.reference, esims: result.esims };
}

/**
 * An attempt without a final answer: still pending at the provider, or `started`/`unknown` (a crash or a
 * lost answer). Resolved before anything new is bought. Null means "it never happened: safe to buy".
 */
async function resolveOpenAttempt(run: Run, order: Order, open: ProviderPurchase): Promise<Bought | null> {
  const { db, inFlightGraceMs } = run.deps;
  const provider = run.deps.provider(open.provider);
  const input = purchaseInput(order, open.attempt);
  if (open.status === "pending") {
    return settle(run, order, open, await provider.checkPurchase({ ...input, reference: open.providerReference! }));
  }

  const now = run.now();
  const age = now.getTime() - open.startedAt.getTime();
  if (open.status === "started" && age < inFlightGraceMs) {
    throw new RetryLater(inFlightGraceMs - age + 500, "an earlier purchase attempt may still be in flight");
  }
  // Another order's purchase of the same bundle that is still in flight could be the very order we would
  // find and wrongly take as ours: wait until those have their answers (and references) recorded.
  const [competing] = await db
    .select({ n: count() })
    .from(providerPurchases)
    .innerJoin(orders, eq(orders.id, providerPurchases.orderId))
    .where(
      and(
        eq(providerPurchases.provider, open.provider),
        eq(providerPurchases.status, "started"),
        ne(providerPurchases.orderId, order.id),
        eq(orders.bundleName, order.bundleName),
        gt(providerPurchases.startedAt, new Date(now.getTime() - inFlightGraceMs)),
      ),
    );
  if ((competing?.n ?? 0) > 0) throw new RetryLater(2_000, "another purchase of the same bundle is in flight");

  const lookup = await provider.findUnknownAttempt({
    ...input,
    startedAt: open.startedAt,
    finishedAt: open.finishedAt ?? now,
    alreadyLinked: async (references) => {
      if (references.length === 0) return new Set();
      const taken = await db
        .select({ ref: providerPurchases.providerReference })
        .from(providerPurchases)
        .where(
          and(eq(providerPurchases.provider, open.provider), inArray(providerPurchases.providerReference, references)),
        );
      return new Set(taken.map((t) => t.ref!));
    },
  });
  if (lookup.kind === "found") {
    await recordStep(db, order.id, "purchase.found", { attempt: open.attempt, reference: lookup.reference });
    return settle(run, order, open, lookup.result, true);
  }
  if (lookup.kind === "ambiguous") {
    throw new NeedsAdmin(
      "ambiguous_purchase",
      `attempt ${open.attempt} has no answer and ${lookup.candidates.length} provider orders could be it: ${lookup.candidates.join(", ")}`,
    );
  }
  await db
    .update(providerPurchases)
    .set({
      status: "failed",
      finishedAt: open.finishedAt ?? now,
      error: `${open.error ?? "no answer"}; not found at the provider, so it did not happen`,
    })
    .where(and(eq(providerPurchases.id, open.id), inArray(providerPurchases.status, ["started", "unknown"])));
  await recordStep(db, order.id, "purchase.not_found", { attempt: open.attempt });
  return null;
}

// ─── Delivery ───────────────────────────────────────────────────────────────────────────────────────────

type EsimForDelivery = Pick<Esim, "iccid" | "lpa" | "smdpAddress" | "matchingId" | "qrPath">;

async function ensureEsim(run: Run, order: Order, bought: Bought): Promise<EsimForDelivery> {
  const { db } = run.deps;
  let details = bought.esims;
  if (details.length === 0) details = await run.deps.provider(order.provider).installDetails(bought.reference);
  // Assignments can lag the purchase by a few seconds: come back, never buy again.
  const d = order.topupIccid ? (details.find((e) => e.iccid === order.topupIccid) ?? details[0]) : details[0];
  if (!d) throw new RetryLater(nextDelayMs(run.job.attempts), "install details are not available yet");
  const lpa = buildLpa(d.smdpAddress, d.matchingId);
  const insert = db
    .insert(esims)
    .values({
      iccid: d.iccid,
      provider: order.provider,
      orderId: order.id,
      customerId: order.customerId,
      smdpAddress: d.smdpAddress.trim(),
      matchingId: d.matchingId.trim(),
      lpa,
    })
    .onConflictDoNothing()
    .returning({ iccid: esims.iccid });
  const inserted = await writeWithStep(db, insert, order.id, "esim.issued", {
    iccid: d.iccid,
    reference: bought.reference,
  });
  if (inserted.length > 0)
    return { iccid: d.iccid, lpa, smdpAddress: d.smdpAddress.trim(), matchingId: d.matchingId.trim(), qrPath: null };
  // Issued on an earlier run (or, for a top-up, by the order that first issued this eSIM).
  const [existing] = await db.select().from(esims).where(eq(esims.iccid, d.iccid));
  return existing!;
}

/** The raw order-page token for an email: unsealed, or a fresh one (the old hash is replaced). */
async function accessTokenFor(db: Db, order: Order): Promise<string> {
  const unsealed = order.accessTokenSealed ? unsealAccessToken(order.accessTokenSealed, order.id) : null;
  if (unsealed) return unsealed;
  // The seal is gone (already used) or unreadable (SESSION_SECRET rotated): issue a new link.
  const token = newAccessToken();
  await db
    .update(orders)
    .set({ accessTokenHash: hashAccessToken(token) })
    .where(eq(orders.id, order.id));
  await recordStep(db, order.id, "access_token.rotated", {}, "note");
  return token;
}

async function deliverEmail(run: Run, order: Order, esim: EsimForDelivery, qrPng: Buffer | undefined): Promise<void> {
  const { db } = run.deps;
  if (order.emailSentAt) {
    await transition(db, order.id, "delivered", { from: ["provisioning"], detail: { email: "already sent" } });
    return;
  }
  if (!order.email) {
    await transition(db, order.id, "delivered", {
      from: ["provisioning"],
      detail: { email: "no address on the order" },
    });
    return;
  }
  const token = await accessTokenFor(db, order);
  const sent = await sendEsimDeliveredEmail(
    {
      to: order.email,
      orderId: order.id,
      orderUrl: orderAccessUrl(order.id, token),
      bundleTitle: order.bundleSnapshot.title,
      iccid: esim.iccid,
      lpa: esim.lpa,
      smdpAddress: esim.smdpAddress,
      matchingId: esim.matchingId,
      qrPng,
      kind: order.kind === "topup" ? "topup" : "new",
    },
    `order-email/${order.id}`,
  );
  // The sealed token has done its job once the email carrying it is accepted.
  await transition(db, order.id, "delivered", {
    from: ["provisioning"],
    set: { emailSentAt: new Date(), accessTokenSealed: null },
    detail: { emailId: sent.id, iccid: esim.iccid },
  });
}

// ─── Refunds and alerts ─────────────────────────────────────────────────────────────────────────────────

async function refundAndNotify(run: Run, order: Order): Promise<void> {
  run.phase = "refund";
  const refunded = await refundOrder(run.deps.db, order.id);
  await notifyRefund(run, refunded);
}

/** The "we refunded you" email, once, for an order that never got its eSIM. */
async function notifyRefund(run: Run, order: Order): Promise<void> {
  const { db } = run.deps;
  if (order.refundEmailSentAt || order.deliveredAt || !order.email) return;
  const { appUrl } = env();
  const token = await accessTokenFor(db, order);
  const sent = await sendRefundEmail(
    {
      to: order.email,
      orderId: order.id,
      orderUrl: orderAccessUrl(order.id, token),
      bundleTitle: order.bundleSnapshot.title,
      amountMinor: order.refundedMinor ?? order.amountMinor,
      currency: order.currency,
      reason: order.failureReason ?? "",
      alternatives: (await alternativesFor(order.bundleName)).map((b) => ({
        title: b.title,
        url: `${appUrl}/bundles/${encodeURIComponent(b.name)}`,
        priceMinor: b.priceMinor,
        currency: b.currency,
      })),
    },
    `refund-email/${order.id}`,
  );
  await db
    .update(orders)
    .set({ refundEmailSentAt: new Date(), accessTokenSealed: null })
    .where(eq(orders.id, order.id));
  await recordStep(db, order.id, "refund_email.sent", { emailId: sent.id });
}

/** Up to three bundles for the same destination. A refund email goes out even if this lookup fails. */
async function alternativesFor(
  bundleName: string,
): Promise<{ name: string; title: string; priceMinor: number; currency: string }[]> {
  try {
    const { alternativeBundles } = await import("@/lib/catalogue/queries");
    return await alternativeBundles(bundleName, 3);
  } catch (err) {
    console.warn(`[fulfilment] alternatives for ${bundleName} unavailable`, err);
    return [];
  }
}

/** One alert per order and reason (recorded on the timeline; the idempotency key covers a crash in between). */
async function alertAdminOnce(run: Run, order: Order, message?: string): Promise<void> {
  const { db } = run.deps;
  const reason = order.attentionReason ?? "unknown";
  const [already] = await db
    .select({ id: orderEvents.id })
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.orderId, order.id),
        eq(orderEvents.step, "admin_alert"),
        sql`${orderEvents.detail}->>'reason' = ${reason}`,
      ),
    )
    .limit(1);
  if (already) return;
  const text = [
    `Order ${order.id} needs attention: ${reason}.`,
    message ?? "",
    `Bundle: ${order.bundleName} (${order.bundleSnapshot.title}); paid ${order.amountMinor} ${order.currency}; customer ${order.email ?? "unknown"}.`,
    `Timeline: ${env().appUrl}/admin/orders/${order.id}`,
  ]
    .filter(Boolean)
    .join("\n");
  const sent = await sendAdminAlert(
    { subject: `[Tern] Order ${order.id} needs attention: ${reason}`, text },
    `admin-alert/${order.id}/${reason}`,
  );
  await recordStep(db, order.id, "admin_alert", { reason, emailId: sent?.id ?? null, sent: Boolean(sent) });
}

// ─── Failure handling ───────────────────────────────────────────────────────────────────────────────────

async function onError(run: Run, err: unknown): Promise<JobOutcome> {
  if (err instanceof LeaseLost) return { kind: "lost_lease" };
  try {
    return await handleError(run, err);
  } catch (inner) {
    // Handling the failure failed too (database down?): retry the whole run later.
    if (inner instanceof LeaseLost) return { kind: "lost_lease" };
    console.error(`[fulfilment] order ${run.job.orderId}: handling a failure failed`, inner);
    return { kind: "retry", delayMs: nextDelayMs(run.job.attempts), reason: messageOf(inner) };
  }
}

async function handleError(run: Run, err: unknown): Promise<JobOutcome> {
  const { db } = run.deps;
  const orderId = run.job.orderId;
  if (err instanceof StopBuying) {
    // The order moved under us (refunded from the dashboard, say). Run again at once to do what its new
    // status calls for — the refund email, for one — since a job queued meanwhile folded into this one.
    await recordStep(db, orderId, "purchase.skipped", { reason: err.message }, "note");
    return { kind: "retry", delayMs: 0, reason: err.message };
  }
  if (err instanceof NeedsAdmin) return parkForAdmin(run, err.reason, err.message);
  if (err instanceof PermanentFailure) return giveUp(run, "permanent", err.message);

  if (err instanceof RetryLater) return retry(run, err.delayMs, err.message, "wait");

  const cls = classifyError(err);
  if (cls.kind === "permanent") return giveUp(run, "permanent", cls.reason);
  if (cls.kind === "insufficient_balance" && run.phase === "purchase") {
    const order = await loadOrder(db, orderId);
    if (order && order.status !== "needs_attention") {
      const parked = await transition(db, orderId, "needs_attention", {
        set: { attentionReason: "insufficient_balance" },
        detail: { reason: cls.reason },
      });
      await alertAdminOnce(
        { ...run, phase: "alert" },
        parked,
        "The provider refused the purchase for lack of wholesale balance. Top it up; the order is retried automatically until the horizon.",
      ).catch((e: unknown) => console.error(`[fulfilment] admin alert for ${orderId} failed`, e));
    }
    return retry(run, nextDelayMs(run.job.attempts), cls.reason, "error");
  }
  const retryAfter = cls.kind === "retry" ? cls.retryAfterSeconds : undefined;
  return retry(run, nextDelayMs(run.job.attempts, retryAfter), cls.reason, "error");
}

async function retry(run: Run, delayMs: number, reason: string, type: "wait" | "error"): Promise<JobOutcome> {
  const { db } = run.deps;
  if (beyondHorizon(run.now(), delayMs, run.job.horizonAt)) return giveUp(run, "horizon", reason);
  await recordStep(
    db,
    run.job.orderId,
    type === "wait" ? "retry.scheduled" : `${run.phase}.error`,
    { reason, delayMs, attempt: run.job.attempts },
    type === "wait" ? "note" : "error",
  );
  return { kind: "retry", delayMs, reason };
}

/** No more retrying: refund if nothing was bought, otherwise hand the order to an admin. */
async function giveUp(run: Run, why: "permanent" | "horizon", reason: string): Promise<JobOutcome> {
  const { db } = run.deps;
  const order = await loadOrder(db, run.job.orderId);
  if (!order) return { kind: "dead", reason };
  await recordStep(db, order.id, `${run.phase}.gave_up`, { why, reason, attempt: run.job.attempts }, "error");

  if (run.phase === "alert") return { kind: "dead", reason: `admin alert could not be sent: ${reason}` };
  // The money is back; only the email telling the customer failed. Nothing left that an admin must decide.
  if (run.phase === "refund" && order.status === "refunded")
    return { kind: "dead", reason: `refund email could not be sent: ${reason}` };
  if (run.phase === "deliver")
    return parkForAdmin(run, why === "horizon" ? "delivery_stalled" : "delivery_failed", reason);
  if (run.phase === "refund") return parkForAdmin(run, "refund_failed", reason);

  // Nothing was bought (start or purchase phase): fail the order and give the money back, now.
  const status = order.status as OrderStatus;
  if (status === "paid" || status === "provisioning" || status === "needs_attention") {
    await transition(db, order.id, "failed", { set: { failureReason: CUSTOMER_REASON[why] }, detail: { why, reason } });
  }
  run.phase = "refund";
  try {
    const latest = await loadOrder(db, order.id);
    if (latest?.status === "failed" || latest?.status === "refunded") await refundAndNotify(run, latest);
    return { kind: "complete", note: `failed (${why}) and refunded` };
  } catch (err) {
    return onError(run, err);
  }
}

async function parkForAdmin(run: Run, reason: string, message: string): Promise<JobOutcome> {
  const { db } = run.deps;
  const order = await loadOrder(db, run.job.orderId);
  if (!order) return { kind: "dead", reason: message };
  let parked = order;
  if (order.status !== "needs_attention") {
    parked = await transition(db, order.id, "needs_attention", {
      set: { attentionReason: reason },
      detail: { reason, message },
    });
  }
  run.phase = "alert";
  await alertAdminOnce(run, parked, message);
  return { kind: "complete", note: `needs attention: ${reason}` };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

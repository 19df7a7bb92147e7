// Every step is idempotent and recorded, so a re-run skips what is done and never buys twice.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { esimInventory, orders, receipts, refundNotices, type Job, type Order } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { transition, transitionIf, type OrderStatus } from "@/lib/orders/lifecycle";
import { deliver } from "./deliver";
import { somethingBought, waitOnAttention } from "./parked-orders";
import { scheduleAudit } from "./late-purchase-audit";
import { notifyRefund, raiseAlert } from "./notify";
import { onError } from "./outcomes";
import { buy, ensurePurchase, openAttempt } from "./purchase";
import { enqueue, settleJob } from "@/lib/jobs/queue";
import { log } from "@/lib/observability/logger";
import { sendOwedRefundNotices } from "@/lib/payments/refund-notices";
import { emailReceipt, sendReceipt, type EmailedReceipt } from "@/lib/payments/receipts";
import { inPhase, keepLease, type FulfilDeps, type JobOutcome, type Run } from "./run";
import { loggedProvider } from "@/lib/stock/log";
import { markStockAssigned, releaseStock } from "@/lib/stock/reserve";

export type { FulfilDeps, JobOutcome } from "./run";

export async function fulfilOrder(job: Job, deps: FulfilDeps): Promise<JobOutcome> {
  const provider = (name: string) => {
    const raw = deps.provider(name);
    // `buy` logs its own purchase call, in the transaction that records the answer.
    return { ...loggedProvider(deps.db, job.orderId, raw), startPurchase: raw.startPurchase.bind(raw) };
  };
  const run: Run = {
    job,
    deps: { ...deps, provider },
    now: deps.now ?? (() => new Date()),
    leaseCheckedAt: Date.now(),
  };
  try {
    return await drive(run);
  } catch (err) {
    return onError(run, err);
  }
}

async function drive(run: Run): Promise<JobOutcome> {
  const { db } = run.deps;
  const started = await inPhase("purchase", () => startFromPaid(run));
  const loaded = started ?? (await loadOrderForRun(db, run.job.orderId));
  if (!loaded) return { kind: "complete", note: "order not found" };
  let order = loaded.order;
  run.stockAvailable = loaded.stockAvailable;
  const startedPaid = started !== undefined || order.status === "paid";
  const noticeError = loaded.owesNotice
    ? await tellCustomer(order.id, () => sendOwedRefundNotices(db, order.id))
    : null;

  switch (order.status as OrderStatus) {
    case "pending_payment":
    case "expired":
    case "payment_failed":
      return { kind: "complete", note: `nothing to fulfil in status ${order.status}` };
    case "delivered":
    case "installed":
      await markStockAssigned(db, order.id);
      // A run that died right after delivering still owes the order's event (raising it twice is a no-op).
      await raiseDelivered(db, order);
      return customerTold(
        noticeError ?? (await tellCustomer(order.id, () => sendReceipt(db, order, loaded.receipt))),
        "already delivered",
      );
    case "refunded":
      await releaseStock(db, order.id, "order refunded");
      await inPhase("refund", () => notifyRefund(run, order!));
      return customerTold(noticeError, "refunded");
    case "failed":
      await releaseStock(db, order.id, "order failed");
      await enqueue(db, "refund", order.id);
      return { kind: "complete", note: "failed; its refund job gives the money back" };
    case "needs_attention":
      if (order.attentionReason !== "insufficient_balance")
        await raiseAlert(db, order, order.attentionReason ?? "unknown");
      if (order.attentionReason !== "insufficient_balance") return waitOnAttention(run, order);
      break;
    case "paid":
    case "provisioning":
      break;
  }

  if (refundedInFull(order) && !(await somethingBought(run, order.id))) return closeRefunded(run, order);

  const bought = await inPhase("purchase", () =>
    started ? buy(run, started.order, started.attempt) : ensurePurchase(run, order!),
  );
  if (order.status === "needs_attention") {
    order = await transition(db, order.id, "provisioning", {
      from: ["needs_attention"],
      set: { attentionReason: null },
      detail: { reason: "purchase succeeded after the balance was restored" },
    });
  }
  // A stock eSIM is marked assigned once delivered, so that run settles its job afterwards; any other commits the
  // job's end with the delivery, the receipt and whatever the delivery raises.
  const stock = bought.stockId !== undefined;
  let receipt: EmailedReceipt | undefined;
  let receiptError: string | null = null;
  const outcome = () => customerTold(noticeError ?? receiptError, "delivered");
  await inPhase("deliver", () =>
    deliver(run, order!, bought, {
      prepare: async () => {
        receiptError = await tellCustomer(order!.id, async () => {
          receipt = await emailReceipt(db, order!, loaded.receipt);
        });
      },
      write: async (tx) => {
        await receipt?.record?.(tx);
        await raiseDelivered(tx, order!);
        // Only an attempt concluded "not bought" by lookup needs the audit; a run that started from paid made none.
        if (!startedPaid) await scheduleAudit(tx, order!.id, run.deps.auditDelayMs);
        if (!stock) await settleJob(tx, run.job, outcome());
      },
    }),
  );
  if (!stock) return { ...outcome(), settled: true };
  await markStockAssigned(db, order.id);
  return outcome();
}

/**
 * The usual first run, in one transaction: the paid order moves to provisioning, which claims its purchase, and
 * its first attempt opens. A re-run, a refunded payment or stock to sell goes the general way.
 */
async function startFromPaid(run: Run) {
  const { db } = run.deps;
  const orderId = run.job.orderId;
  try {
    return await db.transaction(async (tx) => {
      // Fencing: only the lease holder may start a purchase.
      await keepLease(run, tx);
      const order = await transitionIf(tx, orderId, "provisioning", {
        from: ["paid"],
        // As lockBuyable: a payment refunded in full buys nothing.
        where: sql`coalesce(${orders.refundedMinor}, 0) < ${orders.amountMinor}`,
        detail: { job: run.job.id, attempt: run.job.attempts },
      });
      if (!order) return undefined;
      if (await stockMaySell(tx, order)) throw new SellFromStock();
      const [receipt] = await tx.select().from(receipts).where(eq(receipts.orderId, orderId));
      const [notice] = await tx
        .select({ key: refundNotices.key })
        .from(refundNotices)
        .where(and(eq(refundNotices.orderId, orderId), isNull(refundNotices.sentAt)))
        .limit(1);
      // A paid order has never had a purchase started: this is its first attempt.
      const attempt = await openAttempt(tx, run, order, 1);
      return { order, receipt: receipt ?? null, owesNotice: Boolean(notice), stockAvailable: false, attempt };
    });
  } catch (err) {
    if (err instanceof SellFromStock) return undefined;
    throw err;
  }
}

class SellFromStock extends Error {}

// Stock sells before the provider: with some on hand the transaction is undone and takeFromStock reserves it.
async function stockMaySell(tx: Tx, order: Order): Promise<boolean> {
  if (order.kind === "topup") return false;
  if (!env().stock.encryptionKey) {
    log.error({ orderId: order.id }, "STOCK_ENCRYPTION_KEY is not set: selling from the provider");
    return false;
  }
  const [any] = await tx
    .select({ id: esimInventory.id })
    .from(esimInventory)
    .where(and(eq(esimInventory.bundleName, order.bundleName), eq(esimInventory.status, "available")))
    .limit(1);
  return Boolean(any);
}

async function raiseDelivered(db: Db | Tx, order: Order): Promise<void> {
  if (order.partnerId) await enqueue(db, "order.delivered", order.id);
}

// Each answer may be stale by the time it is used; each user re-checks what matters.
async function loadOrderForRun(db: Db, orderId: string) {
  const [row] = await db
    .select({
      order: orders,
      receipt: receipts,
      owesNotice: sql<boolean>`exists (select 1 from ${refundNotices} where ${refundNotices.orderId} = ${orders.id} and ${refundNotices.sentAt} is null)`,
      stockAvailable: env().stock.encryptionKey
        ? sql<boolean>`exists (select 1 from ${esimInventory} where ${esimInventory.bundleName} = ${orders.bundleName} and ${esimInventory.status} = 'available')`
        : sql<null>`null`,
    })
    .from(orders)
    .leftJoin(receipts, eq(receipts.orderId, orders.id))
    .where(eq(orders.id, orderId));
  return row && { ...row, stockAvailable: row.stockAvailable ?? undefined };
}

// A failed receipt or notice is retried by the job later; it never decides the order's fate.
async function tellCustomer(orderId: string, send: () => Promise<unknown>): Promise<string | null> {
  try {
    await send();
    return null;
  } catch (err) {
    log.warn({ err, orderId }, "customer email (receipt or refund notice) not sent yet; the job retries");
    return err instanceof Error ? err.message : String(err);
  }
}

function customerTold(error: string | null, note: string): Extract<JobOutcome, { kind: "complete" | "retry" }> {
  return error ? { kind: "retry", delayMs: 30_000, reason: `customer email: ${error}` } : { kind: "complete", note };
}

// charge.refunded can arrive before checkout.session.completed.
function refundedInFull(order: Pick<Order, "refundedMinor" | "amountMinor">): boolean {
  return (order.refundedMinor ?? 0) >= order.amountMinor;
}

async function closeRefunded(run: Run, order: Order): Promise<JobOutcome> {
  const { db } = run.deps;
  await transition(db, order.id, "failed", {
    set: { failureReason: "The payment was refunded before the eSIM was delivered." },
    detail: { reason: "refunded_before_purchase" },
  });
  const refunded = await transition(db, order.id, "refunded", {
    set: { refundedMinor: order.refundedMinor },
    detail: { reason: "refund recorded before anything was bought" },
  });
  await inPhase("refund", () => notifyRefund(run, refunded));
  return { kind: "complete", note: "refunded before anything was bought" };
}

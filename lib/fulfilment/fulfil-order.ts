// Fulfilling one paid order: buy the bundle, fetch install details, render and store the QR, email it, mark
// the order delivered. Every step is idempotent and recorded (order_events rows, columns on the order and
// its eSIM), so a re-run — after a crash, a lost lease, a retry — skips what is done and never buys twice.
// What a failure means is decided in outcomes.ts from the phase it happened in.
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { esimInventory, orders, receipts, refundNotices, type Job, type Order } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { transition, type OrderStatus } from "@/lib/orders/lifecycle";
import { deliver } from "./deliver";
import { somethingBought, waitOnAttention } from "./parked-orders";
import { scheduleAudit } from "./late-purchase-audit";
import { notifyRefund, raiseAlert } from "./notify";
import { onError } from "./outcomes";
import { ensurePurchase } from "./purchase";
import { enqueue } from "@/lib/jobs/queue";
import { log } from "@/lib/observability/logger";
import { sendOwedRefundNotices } from "@/lib/payments/refund-notices";
import { sendReceipt } from "@/lib/payments/receipts";
import { inPhase, type FulfilDeps, type JobOutcome, type Run } from "./run";
import { loggedProvider } from "@/lib/stock/log";
import { markStockAssigned, releaseStock } from "@/lib/stock/reserve";

export type { FulfilDeps, JobOutcome } from "./run";

/** Runs one claimed `fulfil` job. `order`: the order as read right after the claim, if the caller has it. */
export async function fulfilOrder(job: Job, deps: FulfilDeps, order?: Order): Promise<JobOutcome> {
  // Every provider call of the run goes to the order's provisioning log (lib/stock/log).
  const logged = { ...deps, provider: (name: string) => loggedProvider(deps.db, job.orderId, deps.provider(name)) };
  const run: Run = { job, deps: logged, now: deps.now ?? (() => new Date()), leaseCheckedAt: Date.now() };
  try {
    return await drive(run, order);
  } catch (err) {
    return onError(run, err);
  }
}

async function drive(run: Run, preloaded?: Order): Promise<JobOutcome> {
  const { db } = run.deps;
  const loaded = preloaded
    ? { order: preloaded, owesNotice: true, receipt: undefined, stockAvailable: undefined }
    : await loadOrderForRun(db, run.job.orderId);
  if (!loaded) return { kind: "complete", note: "order not found" };
  let order = loaded.order;
  run.stockAvailable = loaded.stockAvailable;
  const startedPaid = order.status === "paid";
  // Refunds the customer has not heard about yet (partial, or after delivery).
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
      // Its refund job was queued when it failed; queueing again is a no-op while that one is open.
      await enqueue(db, "refund", order.id);
      return { kind: "complete", note: "failed; its refund job gives the money back" };
    case "needs_attention":
      // Parked elsewhere (a payment that does not match, say) or by an earlier run: the admins are owed an alert.
      // An empty balance was alerted when it was parked (per order, or once per wallet by lib/funding).
      if (order.attentionReason !== "insufficient_balance")
        await raiseAlert(db, order, order.attentionReason ?? "unknown");
      // Only an empty balance fixes itself (retried until the horizon); every other reason waits for a person.
      if (order.attentionReason !== "insufficient_balance") return waitOnAttention(run, order);
      break;
    case "paid":
    case "provisioning":
      // A paid order moves to provisioning in the transaction that records its first purchase attempt.
      break;
  }

  if (refundedInFull(order) && !(await somethingBought(run, order.id))) return closeRefunded(run, order);

  const bought = await inPhase("purchase", () => ensurePurchase(run, order!));
  if (order.status === "needs_attention") {
    order = await transition(db, order.id, "provisioning", {
      from: ["needs_attention"],
      set: { attentionReason: null },
      detail: { reason: "purchase succeeded after the balance was restored" },
    });
  }
  await inPhase("deliver", () => deliver(run, order!, bought));
  // The order as held here: the receipt uses only what delivery does not change (email, price, payment).
  const receiptError = await tellCustomer(order.id, () => sendReceipt(db, order, loaded.receipt));
  if (bought.stockId !== undefined) await markStockAssigned(db, order.id);
  await raiseDelivered(db, order);
  // Only an attempt concluded "not bought" by lookup needs the audit, and an order still `paid` when this run
  // began had no attempt at all (its first is recorded with the move to provisioning): its run made one fresh
  // purchase and looked nothing up.
  if (!startedPaid) await scheduleAudit(db, order.id, run.deps.auditDelayMs);
  return customerTold(noticeError ?? receiptError, "delivered");
}

/**
 * Whoever sold the order reacts in a job of its own (a reseller is told through its webhooks). An order the
 * shop sold itself has nobody to tell: its job would only read the order and stop, so none is queued.
 */
async function raiseDelivered(db: Db, order: Order): Promise<void> {
  if (order.partnerId) await enqueue(db, "order.delivered", order.id);
}

/**
 * The order with what its run asks about it anyway, in one read: whether a refund notice is owed (almost never),
 * its receipt row (null: none yet), and whether any stock of its bundle is available (asked only when stock can
 * be sold at all). Each answer may be stale by the time it is used, and each user re-checks what matters.
 */
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

/**
 * Receipts and refund notices ride on the order's job but never decide its fate: a failed send is logged and
 * the job runs again later (the order is delivered or refunded by then, so the next run only sends).
 */
async function tellCustomer(orderId: string, send: () => Promise<unknown>): Promise<string | null> {
  try {
    await send();
    return null;
  } catch (err) {
    log.warn({ err, orderId }, "customer email (receipt or refund notice) not sent yet; the job retries");
    return err instanceof Error ? err.message : String(err);
  }
}

function customerTold(error: string | null, note: string): JobOutcome {
  return error ? { kind: "retry", delayMs: 30_000, reason: `customer email: ${error}` } : { kind: "complete", note };
}

/** The whole payment went back (charge.refunded can even arrive before checkout.session.completed). */
function refundedInFull(order: Pick<Order, "refundedMinor" | "amountMinor">): boolean {
  return (order.refundedMinor ?? 0) >= order.amountMinor;
}

/** Nothing was bought and the money is already back: close the order as refunded and tell the customer. */
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

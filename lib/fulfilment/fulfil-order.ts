// Every step is idempotent and recorded, so a re-run skips what is done and never buys twice.
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

export async function fulfilOrder(job: Job, deps: FulfilDeps, order?: Order): Promise<JobOutcome> {
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

  const bought = await inPhase("purchase", () => ensurePurchase(run, order!));
  if (order.status === "needs_attention") {
    order = await transition(db, order.id, "provisioning", {
      from: ["needs_attention"],
      set: { attentionReason: null },
      detail: { reason: "purchase succeeded after the balance was restored" },
    });
  }
  await inPhase("deliver", () => deliver(run, order!, bought));
  const receiptError = await tellCustomer(order.id, () => sendReceipt(db, order, loaded.receipt));
  if (bought.stockId !== undefined) await markStockAssigned(db, order.id);
  await raiseDelivered(db, order);
  // Only an attempt concluded "not bought" by lookup needs the audit; a run that started from paid made none.
  if (!startedPaid) await scheduleAudit(db, order.id, run.deps.auditDelayMs);
  return customerTold(noticeError ?? receiptError, "delivered");
}

async function raiseDelivered(db: Db, order: Order): Promise<void> {
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

function customerTold(error: string | null, note: string): JobOutcome {
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

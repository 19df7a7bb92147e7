import { and, desc, eq, inArray } from "drizzle-orm";
import { esims, orderEvents, providerPurchases, type Order } from "@/lib/db/schema";
import { nextDelayMs } from "@/lib/jobs/backoff";
import { failAndQueueRefund } from "./fail";
import { deliverOwedAlerts, raiseAlert } from "./notify";
import { messageOf, type JobOutcome, type Run } from "./run";

const NOT_IN_TIME = "We could not complete this order in time, so we refunded it.";

/** An eSIM, a bought purchase or a still-open attempt: none of these is refunded unasked. */
export async function somethingBought(run: Run, orderId: string): Promise<boolean> {
  const { db } = run.deps;
  const [esim] = await db.select({ iccid: esims.iccid }).from(esims).where(eq(esims.orderId, orderId)).limit(1);
  if (esim) return true;
  const [bought] = await db
    .select({ id: providerPurchases.id })
    .from(providerPurchases)
    .where(
      and(
        eq(providerPurchases.orderId, orderId),
        inArray(providerPurchases.status, ["succeeded", "linked", "started", "unknown", "pending"]),
      ),
    )
    .limit(1);
  return Boolean(bought);
}

async function parkedAt(run: Run, order: Order): Promise<Date> {
  const [event] = await run.deps.db
    .select({ at: orderEvents.createdAt })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.toStatus, "needs_attention")))
    .orderBy(desc(orderEvents.id))
    .limit(1);
  return event?.at ?? order.updatedAt;
}

export async function waitOnAttention(run: Run, order: Order): Promise<JobOutcome> {
  const { db } = run.deps;
  const deadline = (await parkedAt(run, order)).getTime() + run.deps.attentionRefundMs;
  const left = deadline - run.now().getTime();
  if (left > 0) return { kind: "retry", delayMs: left, reason: `waiting for an admin (${order.attentionReason})` };
  if (await somethingBought(run, order.id)) {
    await raiseAlert(
      db,
      order,
      "attention_overdue",
      `Parked (${order.attentionReason}) for longer than ${Math.round(run.deps.attentionRefundMs / 3_600_000)} h with an eSIM bought: deliver it by hand or refund.`,
    );
    return { kind: "complete", note: "overdue; admins alerted again" };
  }
  await failAndQueueRefund(db, order.id, {
    from: ["needs_attention"],
    set: { failureReason: NOT_IN_TIME },
    detail: { why: "attention_timeout", reason: order.attentionReason },
  });
  return { kind: "retry", delayMs: 0, reason: "parked past its deadline with nothing bought: refunding" };
}

/** A failed send is retried and never touches the order. */
export async function runAlertJob(run: Run): Promise<JobOutcome> {
  try {
    await deliverOwedAlerts(run.deps.db, run.job.orderId);
    return { kind: "complete", note: "alerts sent" };
  } catch (err) {
    if (run.now() > run.job.horizonAt) return { kind: "dead", reason: `admin alert not sent: ${messageOf(err)}` };
    return { kind: "retry", delayMs: nextDelayMs(run.job.failures + 1), reason: messageOf(err), failed: true };
  }
}

// Refunds once (Stripe idempotency key `refund/<orderId>`) and emails once, however often the job runs.
import { refundOrder } from "@/lib/payments/refunds";
import { notifyRefund } from "./notify";
import { onError } from "./outcomes";
import { waitOnAttention } from "./parked-orders";
import { loadOrder, PhaseError, type JobOutcome, type Run } from "./run";

export async function runRefundJob(run: Run): Promise<JobOutcome> {
  const order = await loadOrder(run.deps.db, run.job.orderId);
  if (!order) return { kind: "complete", note: "order not found" };
  if (order.status === "needs_attention") return waitOnAttention(run, order);
  if (order.status !== "failed" && order.status !== "refunded")
    return { kind: "complete", note: `nothing to refund in status ${order.status}` };
  try {
    const refunded = order.status === "refunded" ? order : await refundOrder(run.deps.db, order.id);
    await notifyRefund(run, refunded);
    return { kind: "complete", note: "refunded" };
  } catch (err) {
    return onError(run, new PhaseError("refund", err));
  }
}

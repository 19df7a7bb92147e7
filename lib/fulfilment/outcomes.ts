// decideOutcome is the pure policy: retry, wait, or give up (refund if nothing was bought, else an admin).
import type { Order } from "@/lib/db/schema";
import { recordStep, transition, type OrderStatus } from "@/lib/orders/lifecycle";
import { JITTER, nextDelayMs } from "@/lib/jobs/backoff";
import { enqueue } from "@/lib/jobs/queue";
import { classifyError, LeaseLost, NeedsAdmin, PermanentFailure, RetryLater, StopBuying } from "./errors";
import { waitOnAttention } from "./parked-orders";
import { failAndQueueRefund } from "./fail";
import { raiseAlert } from "./notify";
import { switchToFallback } from "./fallback";
import { settleOpenAttempt } from "./purchase";
import { loadOrder, messageOf, PhaseError, type JobOutcome, type Phase, type Run } from "./run";
import { log } from "@/lib/observability/logger";
import { releaseStock } from "@/lib/stock/reserve";

type Decision =
  | { kind: "lost_lease" }
  | { kind: "skip"; reason: string }
  | { kind: "retry"; delayMs: number; reason: string; type: "wait" | "error" }
  /** `alert: false`: the wallet's one alert stands for it. */
  | { kind: "park_and_retry"; attentionReason: string; delayMs: number; reason: string; alert: boolean }
  | { kind: "park"; attentionReason: string; reason: string; gaveUp?: "permanent" | "horizon" }
  | { kind: "refund"; why: "permanent" | "horizon"; reason: string }
  | { kind: "refund_stuck"; why: "permanent" | "horizon"; reason: string };

export interface OutcomeInput {
  phase: Phase;
  error: unknown;
  failures: number;
  age: number;
  horizonMs: number;
  random?: () => number;
}

export function decideOutcome({ phase, error, failures, age, horizonMs, random }: OutcomeInput): Decision {
  if (error instanceof LeaseLost) return { kind: "lost_lease" };
  if (error instanceof StopBuying) return { kind: "skip", reason: error.message };
  if (error instanceof NeedsAdmin) return { kind: "park", attentionReason: error.reason, reason: error.message };
  if (error instanceof PermanentFailure) return giveUp(phase, "permanent", error.message);

  let retry: { delayMs: number; reason: string; type: "wait" | "error" };
  let emptyBalance: { alert: boolean } | undefined;
  if (error instanceof RetryLater)
    retry = { delayMs: error.delayMs, reason: error.message, type: error.failure ? "error" : "wait" };
  else {
    const cls = classifyError(error);
    if (cls.kind === "permanent") return giveUp(phase, "permanent", cls.reason);
    if (cls.kind === "wait") {
      // An open circuit is not this order failing: it must not push the order up the backoff.
      const spread = 1 + JITTER * (random ?? Math.random)();
      retry = { delayMs: Math.max(1000, Math.round(cls.delayMs * spread)), reason: cls.reason, type: "wait" };
    } else {
      const retryAfter = cls.kind === "retry" ? cls.retryAfterSeconds : undefined;
      retry = { delayMs: nextDelayMs(failures + 1, retryAfter, random), reason: cls.reason, type: "error" };
      if (cls.kind === "insufficient_balance" && phase === "purchase") emptyBalance = { alert: !cls.alertRaised };
    }
  }
  // A long step is cut short so the last try happens at the horizon itself.
  if (age >= horizonMs) return giveUp(phase, "horizon", retry.reason);
  retry.delayMs = Math.min(retry.delayMs, horizonMs - age);
  if (emptyBalance)
    return { kind: "park_and_retry", attentionReason: "insufficient_balance", ...emptyBalance, ...retry };
  return { kind: "retry", ...retry };
}

function giveUp(phase: Phase, why: "permanent" | "horizon", reason: string): Decision {
  if (phase === "deliver")
    return {
      kind: "park",
      attentionReason: why === "horizon" ? "delivery_stalled" : "delivery_failed",
      reason,
      gaveUp: why,
    };
  if (phase === "refund") return { kind: "refund_stuck", why, reason };
  return { kind: "refund", why, reason };
}

const CUSTOMER_REASON = {
  permanent: "Our network partner could not issue this eSIM.",
  horizon: "Our network partner did not respond in time, so we stopped trying.",
} as const;

export async function onError(run: Run, err: unknown): Promise<JobOutcome> {
  const phase = err instanceof PhaseError ? err.phase : "start";
  const error = err instanceof PhaseError ? err.error : err;
  if (error instanceof LeaseLost) return { kind: "lost_lease" };
  try {
    const now = run.now().getTime();
    const queuedAt = run.job.createdAt.getTime();
    const decision = decideOutcome({
      phase,
      error,
      failures: run.job.failures,
      age: now - queuedAt,
      horizonMs: run.job.horizonAt.getTime() - queuedAt,
    });
    return await carryOut(run, phase, decision);
  } catch (inner) {
    if (inner instanceof LeaseLost) return { kind: "lost_lease" };
    log.error({ err: inner, orderId: run.job.orderId }, "handling a fulfilment failure failed");
    return { kind: "retry", delayMs: nextDelayMs(run.job.failures + 1), reason: messageOf(inner), failed: true };
  }
}

async function carryOut(run: Run, phase: Phase, d: Decision): Promise<JobOutcome> {
  const { db } = run.deps;
  const orderId = run.job.orderId;
  switch (d.kind) {
    case "lost_lease":
      return d;
    case "skip":
      await recordStep(db, orderId, "purchase.skipped", { reason: d.reason }, "note");
      return { kind: "retry", delayMs: 0, reason: d.reason };
    case "retry":
      await recordStep(
        db,
        orderId,
        d.type === "wait" ? "retry.scheduled" : `${phase}.error`,
        { reason: d.reason, delayMs: d.delayMs, attempt: run.job.attempts },
        d.type === "wait" ? "note" : "error",
      );
      return { kind: "retry", delayMs: d.delayMs, reason: d.reason, failed: d.type === "error" };
    case "park_and_retry": {
      const order = await loadOrder(db, orderId);
      if (order && order.status !== "needs_attention") {
        const parked = await transition(db, orderId, "needs_attention", {
          set: { attentionReason: d.attentionReason },
          detail: { reason: d.reason },
        });
        if (d.alert)
          await raiseAlert(
            db,
            parked,
            "insufficient_balance",
            "The provider refused the purchase for lack of wholesale balance. Top it up; the order is retried automatically until the horizon.",
          );
      }
      await recordStep(db, orderId, `${phase}.error`, { reason: d.reason, delayMs: d.delayMs }, "error");
      return { kind: "retry", delayMs: d.delayMs, reason: d.reason, failed: true };
    }
    case "park":
      // A stock eSIM goes back to stock only if nobody saw its code.
      if (d.gaveUp && phase === "deliver") await releaseStock(db, orderId, d.reason);
      if (d.gaveUp)
        await recordStep(
          db,
          orderId,
          `${phase}.gave_up`,
          { why: d.gaveUp, reason: d.reason, attempt: run.job.attempts },
          "error",
        );
      return park(run, d.attentionReason, d.reason);
    case "refund":
    case "refund_stuck":
      return refundOrPark(run, phase, d);
  }
}

async function refundOrPark(
  run: Run,
  phase: Phase,
  d: Extract<Decision, { kind: "refund" | "refund_stuck" }>,
): Promise<JobOutcome> {
  const { db } = run.deps;
  const order = await loadOrder(db, run.job.orderId);
  if (!order) return { kind: "dead", reason: d.reason };
  const open = d.kind === "refund" ? await settleOpenAttempt(run, order) : "none";
  if (open === "bought") return { kind: "retry", delayMs: 0, reason: "the open purchase was found at the provider" };
  if (open === "waiting") {
    // The horizon does not outrank an unanswered purchase: a refund now could pay for an eSIM nobody gets.
    const delayMs = Math.min(nextDelayMs(run.job.failures + 1), 30_000);
    await recordStep(db, order.id, "refund.deferred", { reason: d.reason, delayMs }, "note");
    return { kind: "retry", delayMs, reason: `past the horizon, but a purchase is still open: ${d.reason}` };
  }
  await recordStep(
    db,
    order.id,
    `${phase}.gave_up`,
    { why: d.why, reason: d.reason, attempt: run.job.attempts },
    "error",
  );
  if (d.kind === "refund_stuck") {
    if (order.status === "refunded") return { kind: "dead", reason: `refund email could not be sent: ${d.reason}` };
    return park(run, "refund_failed", d.reason);
  }
  if (
    phase === "purchase" &&
    d.kind === "refund" &&
    d.why === "permanent" &&
    (await switchToFallback(run, order, d.reason))
  )
    return { kind: "retry", delayMs: 0, reason: `falling back from ${order.provider}: ${d.reason}` };
  const status = order.status as OrderStatus;
  if (status === "paid" || status === "provisioning" || status === "needs_attention")
    await failAndQueueRefund(db, order.id, {
      set: { failureReason: CUSTOMER_REASON[d.why] },
      detail: { why: d.why, reason: d.reason },
    });
  else if (status === "failed" || status === "refunded") await enqueue(db, "refund", order.id);
  return { kind: "complete", note: `failed (${d.why}); its refund job gives the money back` };
}

async function park(run: Run, reason: string, message: string): Promise<JobOutcome> {
  const { db } = run.deps;
  const order = await loadOrder(db, run.job.orderId);
  if (!order) return { kind: "dead", reason: message };
  let parked: Order = order;
  if (order.status !== "needs_attention") {
    parked = await transition(db, order.id, "needs_attention", {
      set: { attentionReason: reason },
      detail: { reason, message },
    });
  }
  await raiseAlert(db, parked, reason, message);
  return waitOnAttention(run, parked);
}

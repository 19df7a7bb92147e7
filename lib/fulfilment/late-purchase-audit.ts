// A purchase concluded "not bought" may finish late: looked for once more, a found order is recorded as orphaned.
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { providerPurchases, type ProviderPurchase } from "@/lib/db/schema";
import { recordStep } from "@/lib/orders/lifecycle";
import { nextDelayMs } from "@/lib/jobs/backoff";
import { enqueue } from "@/lib/jobs/queue";
import { raiseAlert } from "./notify";
import { loadOrder, messageOf, type JobOutcome, type Run } from "./run";
import { referencesTaken } from "@/lib/purchases/ledger";

const concludedNotBought = (orderId: string) =>
  and(
    eq(providerPurchases.orderId, orderId),
    eq(providerPurchases.status, "failed"),
    sql`${providerPurchases.response}->>'notFound' = 'true'`,
  );

export async function scheduleAudit(db: Db | Tx, orderId: string, delayMs: number): Promise<void> {
  const [any] = await db
    .select({ id: providerPurchases.id })
    .from(providerPurchases)
    .where(concludedNotBought(orderId))
    .limit(1);
  if (any) await enqueue(db, "purchase_audit", orderId, new Date(Date.now() + delayMs));
}

export async function runAuditJob(run: Run): Promise<JobOutcome> {
  const { db } = run.deps;
  const order = await loadOrder(db, run.job.orderId);
  if (!order) return { kind: "complete", note: "order not found" };
  try {
    const attempts = await db.select().from(providerPurchases).where(concludedNotBought(order.id));
    let orphans = 0;
    for (const attempt of attempts) {
      const found = await lookAgain(run, attempt, order.bundleName, order.topupIccid);
      if (found.length === 0) continue;
      orphans += found.length;
      const [reference] = found;
      if (found.length === 1)
        await db
          .update(providerPurchases)
          .set({
            status: "orphaned",
            providerReference: reference,
            error: "found at the provider after we concluded it had not happened",
          })
          .where(and(eq(providerPurchases.id, attempt.id), eq(providerPurchases.status, "failed")));
      await recordStep(db, order.id, "purchase.orphaned", { attempt: attempt.attempt, references: found }, "error");
      await raiseAlert(
        db,
        order,
        "late_purchase",
        `${attempt.provider} order(s) ${found.join(", ")} turned up after attempt ${attempt.attempt} was concluded not bought; the customer already has their eSIM from another purchase. Cancel or refund it at the provider.`,
      );
    }
    return {
      kind: "complete",
      note: orphans ? `${orphans} late provider order(s) surfaced` : "no late provider orders",
    };
  } catch (err) {
    if (run.now() > run.job.horizonAt) return { kind: "dead", reason: `purchase audit failed: ${messageOf(err)}` };
    return { kind: "retry", delayMs: nextDelayMs(run.job.failures + 1), reason: messageOf(err), failed: true };
  }
}

async function lookAgain(
  run: Run,
  attempt: ProviderPurchase,
  bundleName: string,
  topupIccid: string | null,
): Promise<string[]> {
  const { db } = run.deps;
  const result = await run.deps.provider(attempt.provider).findUnknownAttempt({
    orderId: attempt.orderId,
    attempt: attempt.attempt,
    bundleName,
    topupIccid,
    startedAt: attempt.startedAt,
    finishedAt: run.now(),
    alreadyLinked: (references) => referencesTaken(db, attempt.provider, references),
  });
  if (result.kind === "found") return [result.reference];
  if (result.kind === "ambiguous") return result.candidates;
  return [];
}

// At most once per order: eSIM Go takes no idempotency key, so the `started` row commits before the call.
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/sql";
import { providerPurchases, type Order, type ProviderPurchase } from "@/lib/db/schema";
import { ProviderError } from "@/lib/providers/http";
import type { InstallDetails, PurchaseInput, PurchaseResult } from "@/lib/providers/types";
import { recordStep, transition, writeWithStep } from "@/lib/orders/lifecycle";
import { lockBuyable, outcomeUnknown, resolveLostAnswer } from "@/lib/purchases/ledger";
import { nextDelayMs } from "@/lib/jobs/backoff";
import { restartBackoff } from "@/lib/jobs/queue";
import { NeedsAdmin, PermanentFailure, RetryLater } from "./errors";
import { keepLease, messageOf, type Bought, type Run } from "./run";
import { takeFromStock } from "@/lib/stock/reserve";
import { logInTx } from "@/lib/stock/log";
import { log } from "@/lib/observability/logger";

const OPEN = ["started", "unknown", "pending"];
const BOUGHT = ["succeeded", "linked"];

function purchaseInput(order: Order, attempt: number): PurchaseInput {
  return { orderId: order.id, attempt, bundleName: order.bundleName, topupIccid: order.topupIccid };
}

export async function ensurePurchase(run: Run, order: Order): Promise<Bought> {
  const { db } = run.deps;
  const rows =
    order.status === "paid"
      ? []
      : await db
          .select()
          .from(providerPurchases)
          .where(eq(providerPurchases.orderId, order.id))
          .orderBy(providerPurchases.attempt);
  // Stock is taken only while no provider purchase was ever started for the order.
  const stocked = await takeFromStock(run, order, rows.length === 0);
  if (stocked) return stocked;
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

export async function settleOpenAttempt(run: Run, order: Order): Promise<"none" | "bought" | "not_bought" | "waiting"> {
  const rows = await run.deps.db
    .select()
    .from(providerPurchases)
    .where(eq(providerPurchases.orderId, order.id))
    .orderBy(providerPurchases.attempt);
  const open = rows.find((r) => OPEN.includes(r.status));
  if (!open) return "none";
  try {
    return (await resolveOpenAttempt(run, order, open)) ? "bought" : "not_bought";
  } catch {
    return "waiting";
  }
}

function boughtFrom(row: ProviderPurchase): Bought {
  const esimsFound = (row.response as { esims?: InstallDetails[] } | null)?.esims ?? [];
  return { reference: row.providerReference!, esims: esimsFound };
}

async function purchase(run: Run, order: Order, attempt: number): Promise<Bought> {
  const opened = await run.deps.db.transaction(async (tx) => {
    const current = await lockBuyable(tx, order.id);
    // Fencing: only the lease holder may start a purchase.
    await keepLease(run, tx);
    if (current.status === "paid")
      await transition(tx, order.id, "provisioning", {
        from: ["paid"],
        detail: { job: run.job.id, attempt: run.job.attempts },
      });
    return openAttempt(tx, run, order, attempt);
  });
  return buy(run, order, opened);
}

export interface OpenedAttempt {
  id: number;
  attempt: number;
}

/** The `started` row and its step; the caller commits them before `buy` calls the provider. */
export async function openAttempt(tx: Tx, run: Run, order: Order, attempt: number): Promise<OpenedAttempt> {
  const provider = run.deps.provider(order.provider);
  const insert = tx
    .insert(providerPurchases)
    .values({
      orderId: order.id,
      provider: provider.name,
      attempt,
      status: "started",
      request: { ...purchaseInput(order, attempt) },
    })
    .returning({ id: providerPurchases.id });
  const [row] = await writeWithStep<{ id: number | string }>(tx, insert, order.id, "purchase.started", {
    attempt,
    provider: provider.name,
    bundle: order.bundleName,
  });
  return { id: Number(row!.id), attempt };
}

/** The provider call for an attempt whose `started` row is committed; its log entry commits with the answer. */
export async function buy(run: Run, order: Order, row: OpenedAttempt): Promise<Bought> {
  const { db } = run.deps;
  const provider = run.deps.provider(order.provider);
  const input = purchaseInput(order, row.attempt);
  const call = { orderId: order.id, source: "provider", action: "purchase" } as const;
  let result: PurchaseResult;
  try {
    result = await provider.startPurchase(input);
  } catch (err) {
    const unknown = outcomeUnknown(err);
    await db.transaction(async (tx) => {
      await tx
        .update(providerPurchases)
        .set({
          status: unknown ? "unknown" : "failed",
          finishedAt: run.now(),
          error: messageOf(err),
          response: { answered: err instanceof ProviderError && err.kind === "http" },
        })
        .where(and(eq(providerPurchases.id, row.id), eq(providerPurchases.status, "started")));
      await logCall(tx, {
        ...call,
        outcome: "error",
        payload: { provider: provider.name, request: input },
        error: err,
      });
    });
    throw err;
  }
  const entry = { ...call, outcome: result.state, payload: { provider: provider.name, request: input, result } };
  return settle(run, order, row, result, false, entry);
}

type CallLogEntry = Parameters<typeof logInTx>[1];

// The call's log entry rides in the transaction of the answer it records, in a savepoint: it never fails that write.
async function logCall(tx: Tx, entry: CallLogEntry): Promise<void> {
  try {
    await tx.transaction((inner) => logInTx(inner, entry));
  } catch (err) {
    log.error({ err, orderId: entry.orderId }, "provisioning log entry not written");
  }
}

async function settle(
  run: Run,
  order: Order,
  row: Pick<ProviderPurchase, "id" | "attempt">,
  result: PurchaseResult,
  linked = false,
  call?: CallLogEntry,
): Promise<Bought> {
  const { db } = run.deps;
  const mine = and(eq(providerPurchases.id, row.id), inArray(providerPurchases.status, OPEN));
  const withCall = async (tx: Tx) => {
    if (call) await logCall(tx, call);
  };
  if (result.state === "failed") {
    await db.transaction(async (tx) => {
      await tx
        .update(providerPurchases)
        .set({ status: "failed", finishedAt: run.now(), error: result.reason })
        .where(mine);
      await withCall(tx);
    });
    if (result.permanent) throw new PermanentFailure(result.reason);
    throw new RetryLater(nextDelayMs(run.job.failures + 1), `purchase failed: ${result.reason}`, true);
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
    updated = await db.transaction(async (tx) => {
      const update = tx
        .update(providerPurchases)
        .set({
          status: result.state === "completed" ? (linked ? "linked" : "succeeded") : "pending",
          providerReference: result.reference,
          finishedAt: run.now(),
          response: response as Record<string, unknown>,
        })
        .where(mine)
        .returning({ id: providerPurchases.id });
      const rows = await writeWithStep(tx, update, order.id, step, stepDetail);
      await withCall(tx);
      return rows;
    });
  } catch (err) {
    // This provider order is already another attempt's: this one stays open, never "not bought" (a second eSIM).
    if (isUniqueViolation(err)) {
      await db.transaction(async (tx) => {
        await tx
          .update(providerPurchases)
          .set({
            status: "unknown",
            finishedAt: run.now(),
            error: `provider reference ${result.reference} already belongs to another attempt`,
          })
          .where(mine);
        await withCall(tx);
      });
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
  // Delivery backs off on its own failures, not the purchase's.
  await restartBackoff(db, run.job);
  return { reference: result.reference, esims: result.esims };
}

/** Resolved before anything new is bought; null means it never happened: safe to buy. */
async function resolveOpenAttempt(run: Run, order: Order, open: ProviderPurchase): Promise<Bought | null> {
  const { db } = run.deps;
  const provider = run.deps.provider(open.provider);
  const input = purchaseInput(order, open.attempt);
  if (open.status === "pending") {
    return settle(run, order, open, await provider.checkPurchase({ ...input, reference: open.providerReference! }));
  }
  const now = run.now();
  const lost = await resolveLostAnswer(
    db,
    {
      provider,
      bundleName: order.bundleName,
      status: open.status,
      startedAt: open.startedAt,
      answered: (open.response as { answered?: boolean } | null)?.answered === true,
      orderId: order.id,
      label: `attempt ${open.attempt}`,
    },
    {
      now,
      inFlightGraceMs: run.deps.inFlightGraceMs,
      settleWindowMs: run.deps.settleWindowMs,
      lookup: (alreadyLinked) =>
        provider.findUnknownAttempt({
          ...input,
          startedAt: open.startedAt,
          finishedAt: open.finishedAt ?? now,
          alreadyLinked,
        }),
    },
  );
  if (lost.kind === "wait") throw new RetryLater(lost.delayMs, lost.reason);
  if (lost.kind === "found") {
    await recordStep(db, order.id, "purchase.found", { attempt: open.attempt, reference: lost.reference });
    return settle(run, order, open, lost.result, true);
  }
  if (lost.kind === "ambiguous") {
    throw new NeedsAdmin(
      "ambiguous_purchase",
      `attempt ${open.attempt} has no answer and ${lost.candidates.length} provider orders could be it: ${lost.candidates.join(", ")}`,
    );
  }
  await db
    .update(providerPurchases)
    .set({
      status: "failed",
      finishedAt: open.finishedAt ?? now,
      error: `${open.error ?? "no answer"}; not found at the provider, so it did not happen`,
      response: { ...open.response, notFound: true },
    })
    .where(and(eq(providerPurchases.id, open.id), inArray(providerPurchases.status, ["started", "unknown"])));
  await recordStep(db, order.id, "purchase.not_found", { attempt: open.attempt });
  return null;
}

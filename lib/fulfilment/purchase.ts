// Buying the bundle, at most once per order. eSIM Go takes no idempotency key, so our own ledger
// (provider_purchases) guards it: the `started` row is committed before the provider is called, and an
// attempt without a final answer is resolved at the provider before anything new is bought.
import { and, eq, inArray } from "drizzle-orm";
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

const OPEN = ["started", "unknown", "pending"];
const BOUGHT = ["succeeded", "linked"];

function purchaseInput(order: Order, attempt: number): PurchaseInput {
  return { orderId: order.id, attempt, bundleName: order.bundleName, topupIccid: order.topupIccid };
}

export async function ensurePurchase(run: Run, order: Order): Promise<Bought> {
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
  // Managed stock first (lib/stock): the row reserved for this order, or the next available one as long as no
  // provider purchase was ever started for it.
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

/**
 * Before giving up on an order: settle its open attempt now if the provider can already tell (a 5xx answer,
 * a pending purchase). "waiting" while it may still finish a request we stopped waiting for, or cannot be asked.
 */
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

/** One new purchase: the `started` row is committed before the provider is called. */
async function purchase(run: Run, order: Order, attempt: number): Promise<Bought> {
  const { db } = run.deps;
  const provider = run.deps.provider(order.provider);
  const input = purchaseInput(order, attempt);
  const [row] = await db.transaction(async (tx) => {
    const current = await lockBuyable(tx, order.id);
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
    const unknown = outcomeUnknown(err);
    await db
      .update(providerPurchases)
      .set({
        status: unknown ? "unknown" : "failed",
        finishedAt: run.now(),
        error: messageOf(err),
        // An answer (a 5xx) means the provider is done with the request; no answer means it may not be yet.
        response: { answered: err instanceof ProviderError && err.kind === "http" },
      })
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
    // The unique index on provider references: this provider order is already some other attempt's (two lost
    // answers looked up at once picked the same one). What this attempt bought is still unknown, so it stays open
    // and is looked up again; calling it "not bought" would buy a second eSIM for an order that may have one.
    if (isUniqueViolation(err)) {
      await db
        .update(providerPurchases)
        .set({
          status: "unknown",
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
  // Delivery backs off on its own failures: inheriting the purchase's (500s, 429s) put a bought eSIM's first
  // email or upload retry minutes away, and a few more pushed it past the horizon.
  await restartBackoff(db, run.job);
  return { reference: result.reference, esims: result.esims };
}

/**
 * An attempt without a final answer: still pending at the provider, or `started`/`unknown` (a crash or a
 * lost answer). Resolved before anything new is bought. Null means "it never happened: safe to buy".
 */
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

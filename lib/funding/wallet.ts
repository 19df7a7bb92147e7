// ensureWalletFunds: before a purchase from a prepaid provider, make sure its wallet covers every waiting
// order plus a buffer. Issuing mode tops it up with a single-use Stripe Issuing card; manual mode raises one
// low-balance alert and lets the order wait. One top-up at a time per provider, sized for all waiting orders:
// the claim is a row (unique while open), not a lock in memory, so it holds across processes and hosts.
import crypto from "node:crypto";
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { walletDemands, walletTopups, type WalletTopup } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { ProviderName } from "@/lib/providers/http";
import { raiseAlert, resolveFundingAlerts } from "./alerts";
import { topupDeclinedError, walletShortError } from "./errors";
import { releaseLease, runTopup } from "./run-wallet-topup";
import { walletFor, type Wallet } from "./wallets";

/** A demand not refreshed for this long belongs to an order that stopped trying (crashed, refunded). */
const DEMAND_TTL_MS = 15 * 60_000;
/** Long enough for card creation, the charge (with Stripe's 2 s authorization) and the cancel. */
const TOPUP_LEASE_MS = 60_000;
/** How long a caller waits for another worker's top-up before giving up for this run (it retries later). */
const WAIT_FOR_TOPUP_MS = 30_000;
const POLL_MS = 150;

interface EnsureFundsInput {
  provider: ProviderName;
  /** What these orders' purchases cost, in minor units of `currency`. */
  neededMinor: number;
  currency: string;
  orderIds: string[];
}

export interface EnsureFundsOptions {
  db?: Db;
  wallet?: Wallet;
  mode?: "issuing" | "manual";
  bufferMinor?: number;
}

type EnsureFundsResult = { toppedUp: boolean; topupIds: string[] };

export async function ensureWalletFunds(
  input: EnsureFundsInput,
  options: EnsureFundsOptions = {},
): Promise<EnsureFundsResult> {
  const db = options.db ?? (await getDb());
  const wallet = options.wallet ?? walletFor(input.provider);
  const mode = options.mode ?? env().funding.zendit;
  const buffer = options.bufferMinor ?? env().funding.bufferMinor;
  const currency = input.currency.toUpperCase();
  await recordDemand(db, input, currency);

  const topupIds: string[] = [];
  const deadline = Date.now() + WAIT_FOR_TOPUP_MS;
  for (;;) {
    // A top-up whose worker died is finished first, whatever the balance says: it may have charged its
    // card already, and its record must end settled for reconciliation.
    const stale = mode === "issuing" ? await claimStale(db, input.provider) : null;
    if (stale) {
      await finishTopup(db, stale, wallet, input, currency);
      topupIds.push(stale.id);
      continue;
    }
    const balance = await wallet.balance();
    if (balance.currency !== currency)
      throw new Error(`${input.provider} wallet is in ${balance.currency}, the purchase costs ${currency}`);
    const waiting = await outstanding(db, input.provider);
    const shortfall = waiting.totalMinor + buffer - balance.availableMinor;
    if (shortfall <= 0) {
      await resolveFundingAlerts(db, input.provider);
      return { toppedUp: topupIds.length > 0, topupIds };
    }

    if (mode === "manual") {
      await raiseAlert(db, {
        kind: "low_balance",
        provider: input.provider,
        amountMinor: shortfall,
        currency,
        message:
          `The ${input.provider} wallet holds ${balance.availableMinor} ${currency} (minor units); ` +
          `${waiting.orderIds.length} waiting order(s) need ${waiting.totalMinor} plus the ${buffer} buffer. ` +
          `Top it up by at least ${shortfall} ${currency} minor units; the orders are retried automatically.`,
        detail: { orderIds: waiting.orderIds, availableMinor: balance.availableMinor, bufferMinor: buffer },
      });
      throw walletShortError(input.provider, waiting.totalMinor + buffer, balance.availableMinor, currency);
    }

    const claimed =
      (await claimFresh(db, input.provider, shortfall, currency, waiting.orderIds)) ??
      (await claimStale(db, input.provider));
    if (claimed) {
      await finishTopup(db, claimed, wallet, input, currency);
      topupIds.push(claimed.id);
      continue; // re-read the balance: orders that arrived meanwhile may need another top-up
    }

    // Someone else is topping up: wait for it, then look again.
    const settled = await waitForOpenTopup(db, input.provider, deadline);
    if (settled?.status === "failed" && settled.orderIds.some((id) => input.orderIds.includes(id)))
      throw topupDeclinedError(input.provider, settled.id, settled.error ?? "declined");
    if (Date.now() > deadline) throw new Error(`${input.provider} wallet top-up still in progress; retrying later`);
  }
}

/** Runs a claimed top-up to its end; a decline alerts admins and the orders it was for wait. */
async function finishTopup(db: Db, topup: WalletTopup, wallet: Wallet, input: EnsureFundsInput, currency: string) {
  let result;
  try {
    result = await runTopup(db, topup, wallet);
  } catch (err) {
    await releaseLease(db, topup.id).catch(() => undefined);
    throw err;
  }
  if (result.status === "succeeded") return;
  await raiseAlert(db, {
    kind: "topup_failed",
    provider: input.provider,
    amountMinor: topup.amountMinor,
    currency,
    message: `Wallet top-up ${topup.id} on card •••• ${topup.cardLast4 ?? "?"} was declined (${result.reason}). The orders it was for wait and are retried with a new card; any still unfunded at their horizon are refunded.`,
    detail: { topupId: topup.id, orderIds: topup.orderIds },
  });
  throw topupDeclinedError(input.provider, topup.id, result.reason);
}

/** The order's purchase was accepted: its money is held at the provider, so it no longer waits. */
export async function settleWalletDemand(provider: ProviderName, orderIds: string[], db?: Db): Promise<void> {
  const d = db ?? (await getDb());
  await d
    .delete(walletDemands)
    .where(and(eq(walletDemands.provider, provider), inArray(walletDemands.orderId, orderIds)));
}

async function recordDemand(db: Db, input: EnsureFundsInput, currency: string): Promise<void> {
  const ids = [...new Set(input.orderIds)];
  if (ids.length === 0) throw new Error("ensureWalletFunds needs the order(s) it funds");
  const share = Math.floor(input.neededMinor / ids.length);
  await db
    .insert(walletDemands)
    .values(
      ids.map((orderId, i) => ({
        provider: input.provider,
        orderId,
        currency,
        // The remainder goes to the first order, so the shares add up to exactly what is needed.
        neededMinor: share + (i === 0 ? input.neededMinor - share * ids.length : 0),
      })),
    )
    .onConflictDoUpdate({
      target: [walletDemands.provider, walletDemands.orderId],
      set: { neededMinor: sql`excluded.needed_minor`, currency: sql`excluded.currency`, updatedAt: sql`now()` },
    });
}

async function outstanding(db: Db, provider: string): Promise<{ totalMinor: number; orderIds: string[] }> {
  const rows = await db
    .select({ orderId: walletDemands.orderId, neededMinor: walletDemands.neededMinor })
    .from(walletDemands)
    .where(
      and(
        eq(walletDemands.provider, provider),
        gt(walletDemands.updatedAt, sql`now() - make_interval(secs => ${DEMAND_TTL_MS / 1000})`),
      ),
    );
  return { totalMinor: rows.reduce((s, r) => s + r.neededMinor, 0), orderIds: rows.map((r) => r.orderId) };
}

const lease = () => sql`now() + make_interval(secs => ${TOPUP_LEASE_MS / 1000})`;

/** A new open top-up, if no other is open for the provider (the partial unique index decides). */
async function claimFresh(
  db: Db,
  provider: string,
  amountMinor: number,
  currency: string,
  orderIds: string[],
): Promise<WalletTopup | null> {
  const [fresh] = await db
    .insert(walletTopups)
    .values({
      // Letters and digits only: it is also the top-up's transaction id at the provider.
      id: `wt${crypto.randomBytes(10).toString("hex")}`,
      provider,
      amountMinor,
      currency,
      purpose: `${provider} wallet top-up`,
      orderIds,
      leaseUntil: lease(),
    })
    .onConflictDoNothing()
    .returning();
  return fresh ?? null;
}

/** The open top-up whose worker died (lease run out), taken over as it stands: same amount, same card. */
async function claimStale(db: Db, provider: string): Promise<WalletTopup | null> {
  const [stale] = await db
    .update(walletTopups)
    .set({ leaseUntil: lease() })
    .where(
      and(
        eq(walletTopups.provider, provider),
        eq(walletTopups.status, "open"),
        lt(walletTopups.leaseUntil, sql`now()`),
      ),
    )
    .returning();
  return stale ?? null;
}

/** Waits until no top-up is open for the provider (or the deadline); returns the last one that closed. */
async function waitForOpenTopup(db: Db, provider: string, deadline: number): Promise<WalletTopup | undefined> {
  let watched: string | undefined;
  for (;;) {
    const [open] = await db
      .select()
      .from(walletTopups)
      .where(and(eq(walletTopups.provider, provider), eq(walletTopups.status, "open")));
    if (open) watched = open.id;
    // A lease that ran out means its worker died: return, and the caller takes it over.
    if (!open || open.leaseUntil.getTime() < Date.now() || Date.now() > deadline) {
      if (!watched) return undefined;
      const [last] = await db.select().from(walletTopups).where(eq(walletTopups.id, watched));
      return last;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

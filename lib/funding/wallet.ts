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
import { raiseAlert, resolveLowBalance } from "./alerts";
import { topupDeclinedError, walletShortError } from "./errors";
import { releaseLease, runTopup } from "./topup";
import { walletFor, type Wallet } from "./wallets";

/** A demand not refreshed for this long belongs to an order that stopped trying (crashed, refunded). */
const DEMAND_TTL_MS = 15 * 60_000;
/** Long enough for card creation, the charge (with Stripe's 2 s authorization) and the cancel. */
const TOPUP_LEASE_MS = 60_000;
/** How long a caller waits for another worker's top-up before giving up for this run (it retries later). */
const WAIT_FOR_TOPUP_MS = 30_000;
const POLL_MS = 150;

export interface EnsureFundsInput {
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

export type EnsureFundsResult = { toppedUp: boolean; topupIds: string[] };

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
    const balance = await wallet.balance();
    if (balance.currency !== currency)
      throw new Error(`${input.provider} wallet is in ${balance.currency}, the purchase costs ${currency}`);
    const waiting = await outstanding(db, input.provider);
    const shortfall = waiting.totalMinor + buffer - balance.availableMinor;
    if (shortfall <= 0) {
      await resolveLowBalance(db, input.provider);
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

    const claimed = await claimTopup(db, input.provider, shortfall, currency, waiting.orderIds);
    if (claimed) {
      let result;
      try {
        result = await runTopup(db, claimed, wallet);
      } catch (err) {
        await releaseLease(db, claimed.id).catch(() => undefined);
        throw err;
      }
      topupIds.push(claimed.id);
      if (result.status === "failed") {
        await raiseAlert(db, {
          kind: "topup_failed",
          provider: input.provider,
          amountMinor: claimed.amountMinor,
          currency,
          message: `Wallet top-up ${claimed.id} on card •••• ${claimed.cardLast4 ?? "?"} was declined (${result.reason}). The orders it was for are refunded.`,
          detail: { topupId: claimed.id, orderIds: claimed.orderIds },
        });
        throw topupDeclinedError(input.provider, claimed.id, result.reason);
      }
      continue; // re-read the balance: orders that arrived meanwhile may need another top-up
    }

    // Someone else is topping up: wait for it, then look again.
    const settled = await waitForOpenTopup(db, input.provider, deadline);
    if (settled?.status === "failed" && settled.orderIds.some((id) => input.orderIds.includes(id)))
      throw topupDeclinedError(input.provider, settled.id, settled.error ?? "declined");
    if (Date.now() > deadline) throw new Error(`${input.provider} wallet top-up still in progress; retrying later`);
  }
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

/** The open top-up for the provider, if this caller got it: a fresh claim, or one whose worker died. */
async function claimTopup(
  db: Db,
  provider: string,
  amountMinor: number,
  currency: string,
  orderIds: string[],
): Promise<WalletTopup | null> {
  const lease = sql`now() + make_interval(secs => ${TOPUP_LEASE_MS / 1000})`;
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
      leaseUntil: lease,
    })
    .onConflictDoNothing()
    .returning();
  if (fresh) return fresh;
  // Taken over as it stands (same amount, same card): resuming must not change what the card may pay.
  const [stale] = await db
    .update(walletTopups)
    .set({ leaseUntil: lease })
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

// One top-up at a time per provider, sized for every waiting order: the claim is a row (unique while open),
// so it holds across processes and hosts.
import crypto from "node:crypto";
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { walletDemands, walletTopups, type WalletTopup } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { runNow } from "@/lib/jobs/queue";
import type { ProviderName } from "@/lib/providers/http";
import { raiseAlert, resolveFundingAlerts } from "./alerts";
import { topupDeclinedError, walletShortError } from "./errors";
import { releaseLease, runTopup } from "./run-wallet-topup";
import { walletFor, type Wallet } from "./wallets";

const DEMAND_TTL_MS = 15 * 60_000;
const TOPUP_LEASE_MS = 60_000;
const WAIT_FOR_TOPUP_MS = 30_000;
const POLL_MS = 150;

interface EnsureFundsInput {
  provider: ProviderName;
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
    // A dead worker's top-up may have charged its card: it is finished first, whatever the balance says.
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
      // Orders parked on the empty wallet would otherwise sleep out their backoff step (up to 30 min) though
      // the money to buy them is there now: the top-up was sized for them.
      await runNow(
        db,
        "fulfil",
        waiting.orderIds.filter((id) => !input.orderIds.includes(id)),
      );
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

    const settled = await waitForOpenTopup(db, input.provider, deadline);
    if (settled?.status === "failed" && settled.orderIds.some((id) => input.orderIds.includes(id)))
      throw topupDeclinedError(input.provider, settled.id, settled.error ?? "declined");
    if (Date.now() > deadline) throw new Error(`${input.provider} wallet top-up still in progress; retrying later`);
  }
}

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
        // The remainder goes to the first order, so the shares add up exactly.
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

async function waitForOpenTopup(db: Db, provider: string, deadline: number): Promise<WalletTopup | undefined> {
  let watched: string | undefined;
  for (;;) {
    const [open] = await db
      .select()
      .from(walletTopups)
      .where(and(eq(walletTopups.provider, provider), eq(walletTopups.status, "open")));
    if (open) watched = open.id;
    if (!open || open.leaseUntil.getTime() < Date.now() || Date.now() > deadline) {
      if (!watched) return undefined;
      const [last] = await db.select().from(walletTopups).where(eq(walletTopups.id, watched));
      return last;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

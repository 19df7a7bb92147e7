// Resumable: each step is recorded before the next, and each outside call has a key derived from the row, so
// a worker taking over after a crash creates, charges and cancels the card once.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { walletTopups, type WalletTopup } from "@/lib/db/schema";
import {
  cancelCard,
  createTopupCard,
  ensureCardholder,
  forgetCardholder,
  isMissingCardholder,
  revealCard,
} from "./issuing";
import type { Wallet } from "./wallets";

type TopupResult = { status: "succeeded" } | { status: "failed"; reason: string };

export async function runTopup(db: Db, topup: WalletTopup, wallet: Wallet): Promise<TopupResult> {
  let row = topup;
  const update = async (set: Partial<WalletTopup>) => {
    const [next] = await db
      .update(walletTopups)
      .set(set)
      .where(and(eq(walletTopups.id, row.id), eq(walletTopups.status, "open")))
      .returning();
    if (!next) throw new Error(`top-up ${row.id} was settled by another worker`);
    row = next;
  };

  if (!row.cardId) {
    const issue = (cardholderId: string) =>
      createTopupCard({
        topupId: row.id,
        cardholderId,
        amountMinor: row.amountMinor,
        currency: row.currency,
        purpose: row.purpose,
      });
    let cardholderId = await ensureCardholder(db);
    let card;
    try {
      card = await issue(cardholderId);
    } catch (err) {
      if (!isMissingCardholder(err)) throw err;
      await forgetCardholder(db, cardholderId);
      cardholderId = await ensureCardholder(db, true);
      card = await issue(cardholderId);
    }
    // Recorded before the charge: the real-time authorization approves only cards of open top-ups.
    await update({
      cardholderId,
      cardId: card.id,
      cardLast4: card.last4,
      cardExpMonth: card.expMonth,
      cardExpYear: card.expYear,
    });
  }

  let outcome: Awaited<ReturnType<Wallet["topUp"]>>;
  {
    const { number, cvc, expMonth, expYear } = await revealCard(row.cardId!);
    outcome = await wallet.topUp({
      card: { number, cvc, expMonth, expYear },
      amountMinor: row.amountMinor,
      currency: row.currency,
      transactionId: row.id,
    });
  }

  await cancelCard(row.cardId!);
  await update({ cardCanceledAt: new Date() });
  if (outcome.ok) {
    await update({ status: "succeeded", finishedAt: new Date() });
    return { status: "succeeded" };
  }
  await update({ status: "failed", error: `declined: ${outcome.reason}`, finishedAt: new Date() });
  return { status: "failed", reason: outcome.reason };
}

export async function releaseLease(db: Db, id: string): Promise<void> {
  await db
    .update(walletTopups)
    .set({ leaseUntil: sql`now()` })
    .where(and(eq(walletTopups.id, id), eq(walletTopups.status, "open")));
}

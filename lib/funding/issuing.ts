// Stripe Issuing for wallet top-ups: one business cardholder (created once), then one virtual card per
// top-up whose all-time spending limit is exactly the top-up, revealed in memory for the charge and
// canceled afterwards. Only the card id, last4 and expiry are kept.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import type { Db } from "@/lib/db";
import { issuingCardholders } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { stripe } from "@/lib/payments/stripe";
import type { CardForTopup } from "./wallets";

const CARDHOLDER_KEY = "business";

/** Forget the recorded cardholder (Stripe no longer knows it: another account, a test reset). */
export async function forgetCardholder(db: Db, cardholderId: string): Promise<void> {
  await db
    .delete(issuingCardholders)
    .where(and(eq(issuingCardholders.key, CARDHOLDER_KEY), eq(issuingCardholders.cardholderId, cardholderId)));
}

export function isMissingCardholder(err: unknown): boolean {
  return (
    err instanceof Stripe.errors.StripeInvalidRequestError &&
    err.code === "resource_missing" &&
    err.param === "cardholder"
  );
}

/** `again`: the recorded one was missing at Stripe, so an earlier request's idempotent replay must not be used. */
export async function ensureCardholder(db: Db, again = false): Promise<string> {
  const [known] = await db.select().from(issuingCardholders).where(eq(issuingCardholders.key, CARDHOLDER_KEY));
  if (known) return known.cardholderId;
  const { cardholderName, billingAddress } = env().funding.issuing;
  const created = await stripe().issuing.cardholders.create(
    {
      type: "company",
      name: cardholderName,
      billing: {
        address: {
          line1: billingAddress.line1!,
          city: billingAddress.city!,
          postal_code: billingAddress.postal_code!,
          country: billingAddress.country!,
          ...(billingAddress.state ? { state: billingAddress.state } : {}),
        },
      },
      status: "active",
      metadata: { purpose: "tern wallet top-ups" },
    },
    // Two first top-ups (two providers) racing: Stripe answers both with one cardholder.
    { idempotencyKey: `tern-cardholder/${CARDHOLDER_KEY}${again ? `/${crypto.randomUUID()}` : ""}` },
  );
  const [row] = await db
    .insert(issuingCardholders)
    .values({ key: CARDHOLDER_KEY, cardholderId: created.id })
    .onConflictDoNothing()
    .returning();
  if (row) return row.cardholderId;
  const [winner] = await db.select().from(issuingCardholders).where(eq(issuingCardholders.key, CARDHOLDER_KEY));
  return winner!.cardholderId;
}

interface IssuedCard {
  id: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export async function createTopupCard(input: {
  topupId: string;
  cardholderId: string;
  amountMinor: number;
  currency: string;
  purpose: string;
}): Promise<IssuedCard> {
  const card = await stripe().issuing.cards.create(
    {
      cardholder: input.cardholderId,
      currency: input.currency.toLowerCase(),
      type: "virtual",
      status: "active",
      // The card can never pay more than this top-up, even if its details leaked.
      spending_controls: { spending_limits: [{ amount: input.amountMinor, interval: "all_time" }] },
      // And it cancels itself after that one payment, even if our cancel call never happens.
      lifecycle_controls: { cancel_after: { payment_count: 1 } },
      metadata: { purpose: input.purpose, topup_id: input.topupId },
    },
    { idempotencyKey: `wallet-topup/${input.topupId}/card` },
  );
  return { id: card.id, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year };
}

/** Number and CVC, for the one charge. Never log, store or return these beyond the caller's scope. */
export async function revealCard(cardId: string): Promise<CardForTopup & { status: string }> {
  const card = await stripe().issuing.cards.retrieve(cardId, { expand: ["number", "cvc"] });
  if (!card.number || !card.cvc) throw new Error(`Stripe did not reveal card ${cardId}`);
  return { number: card.number, cvc: card.cvc, expMonth: card.exp_month, expYear: card.exp_year, status: card.status };
}

export async function cancelCard(cardId: string): Promise<void> {
  const card = await stripe().issuing.cards.retrieve(cardId);
  if (card.status === "canceled") return;
  await stripe().issuing.cards.update(cardId, { status: "canceled" });
}

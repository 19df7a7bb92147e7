// One virtual card per top-up, its all-time limit exactly the top-up, canceled after; only id, last4 and
// expiry are kept.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import type { Db } from "@/lib/db";
import { issuingCardholders } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { stripe } from "@/lib/payments/stripe";
import type { CardForTopup } from "./wallets";

const CARDHOLDER_KEY = "business";

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

/** `again`: the recorded cardholder was missing at Stripe, so an idempotent replay must not be used. */
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
      spending_controls: { spending_limits: [{ amount: input.amountMinor, interval: "all_time" }] },
      lifecycle_controls: { cancel_after: { payment_count: 1 } },
      metadata: { purpose: input.purpose, topup_id: input.topupId },
    },
    { idempotencyKey: `wallet-topup/${input.topupId}/card` },
  );
  return { id: card.id, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year };
}

/** Never log, store or return these beyond the caller's scope. */
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

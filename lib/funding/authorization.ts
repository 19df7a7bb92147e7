// Approve only an authorization on the card of an open top-up, for exactly its amount and currency, once;
// anything else is declined and alerted.
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { walletTopups } from "@/lib/db/schema";
import { recordAlert } from "./alerts";
import type { FundingAlert } from "@/lib/db/schema";

interface AuthorizationRequest {
  id: string;
  card: { id: string; last4?: string | null };
  amount: number;
  currency: string;
  merchantName?: string | null;
}

type AuthorizationDecision =
  | { approved: true; topupId: string }
  /** Emailed after the answer went out: the answer has 2 s. */
  | { approved: false; reason: string; alert: FundingAlert | null };

export async function decideAuthorization(db: Db, auth: AuthorizationRequest): Promise<AuthorizationDecision> {
  // One statement: two concurrent requests on one card cannot both be approved.
  const [approved] = await db
    .update(walletTopups)
    .set({ authorizationId: auth.id })
    .where(
      and(
        eq(walletTopups.cardId, auth.card.id),
        eq(walletTopups.status, "open"),
        isNull(walletTopups.cardCanceledAt),
        eq(walletTopups.amountMinor, auth.amount),
        sql`lower(${walletTopups.currency}) = ${auth.currency.toLowerCase()}`,
        // A retried request for the same authorization gets the same answer.
        or(isNull(walletTopups.authorizationId), eq(walletTopups.authorizationId, auth.id)),
      ),
    )
    .returning({ id: walletTopups.id });
  if (approved) return { approved: true, topupId: approved.id };

  const [topup] = await db.select().from(walletTopups).where(eq(walletTopups.cardId, auth.card.id));
  const reason = !topup
    ? "not a wallet top-up card"
    : topup.status !== "open" || topup.cardCanceledAt
      ? "the top-up is over (card used or canceled)"
      : topup.amountMinor !== auth.amount || topup.currency.toLowerCase() !== auth.currency.toLowerCase()
        ? `amount ${auth.amount} ${auth.currency} differs from the top-up's ${topup.amountMinor} ${topup.currency}`
        : "the top-up already has its authorization";
  const alert = await recordAlert(db, {
    kind: "authorization_declined",
    provider: topup?.provider ?? null,
    amountMinor: auth.amount,
    currency: auth.currency.toUpperCase(),
    message:
      `Declined a charge of ${auth.amount} ${auth.currency.toUpperCase()} (minor units) on Issuing card ` +
      `${auth.card.id} •••• ${auth.card.last4 ?? "?"} at ${auth.merchantName ?? "an unknown merchant"}: ${reason}. ` +
      `Only Tern's own wallet top-ups may use these cards — check who has the card details.`,
    detail: { authorizationId: auth.id, cardId: auth.card.id, topupId: topup?.id ?? null, reason },
  });
  return { approved: false, reason, alert };
}

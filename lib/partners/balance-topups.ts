// Credited under `topup:<session id>`, so a redelivered or replayed event credits nothing more.
import { and, eq, like, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { ledgerEntries, ledgerTransactions, partners, type Partner } from "@/lib/db/schema";
import { log } from "@/lib/observability/logger";
import { env } from "@/lib/env";
import { minorDigits } from "@/lib/format";
import { stripe } from "@/lib/payments/stripe";
import { ApiError } from "./errors";
import { partnerAccount, postTransaction, stripeAccount } from "./ledger";

export const TOPUP_METADATA_KEY = "partner_topup";

export async function createTopupSession(
  partner: Pick<Partner, "id" | "name" | "billing" | "currency" | "status">,
  amountMinor: number,
  returnPath = "/partner/balance",
): Promise<{ sessionId: string; checkoutUrl: string; amountMinor: number; currency: string; expiresAt: Date | null }> {
  if (partner.billing !== "prepaid")
    throw new ApiError("not_prepaid", "Postpaid accounts are invoiced; no top-up needed.");
  const { appUrl } = env();
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe().checkout.sessions.create({
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: partner.currency.toLowerCase(),
            unit_amount: amountMinor,
            product_data: { name: `Tern reseller balance: ${partner.name}` },
          },
        },
      ],
      metadata: { [TOPUP_METADATA_KEY]: partner.id },
      payment_intent_data: { metadata: { [TOPUP_METADATA_KEY]: partner.id } },
      success_url: `${appUrl}${returnPath}?topup=success`,
      cancel_url: `${appUrl}${returnPath}?topup=cancelled`,
    });
  } catch {
    throw new ApiError("temporarily_unavailable", "Payments are briefly unavailable. Please try again.", {
      "retry-after": "5",
    });
  }
  if (!session.url) throw new ApiError("temporarily_unavailable", "Stripe did not return a checkout page.");
  return {
    sessionId: session.id,
    checkoutUrl: session.url,
    amountMinor,
    currency: partner.currency,
    expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null,
  };
}

export async function creditTopupSession(tx: Tx, session: Stripe.Checkout.Session): Promise<boolean> {
  return (await postTopupCredit(tx, session)) !== "not_topup";
}

type TopupCredit = "credited" | "already_credited" | "unpaid" | "not_topup";

export async function postTopupCredit(tx: Tx, session: Stripe.Checkout.Session): Promise<TopupCredit> {
  const partnerId = session.metadata?.[TOPUP_METADATA_KEY];
  if (!partnerId) return "not_topup";
  if (session.payment_status !== "paid" || !session.amount_total || !session.currency) return "unpaid";
  const currency = session.currency.toUpperCase();
  const posted = await postTransaction(tx, {
    partnerId,
    kind: "topup",
    reference: `topup:${session.id}`,
    currency,
    stripePaymentIntentId:
      typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null),
    memo: "Stripe top-up",
    lines: [
      [partnerAccount(partnerId), session.amount_total],
      [stripeAccount(currency), -session.amount_total],
    ],
  });
  return posted ? "credited" : "already_credited";
}

// The event carries only a cumulative `amount_refunded`: posting it less what was already reversed, under the
// partner's lock, debits once however events arrive.
export async function reverseRefundedTopup(tx: Tx, charge: Stripe.Charge): Promise<boolean> {
  const partnerId = charge.metadata?.[TOPUP_METADATA_KEY];
  if (!partnerId) return false;
  const [partner] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId)).for("update");
  if (!partner) {
    log.error({ chargeId: charge.id }, "refunded top-up names no known partner; nothing debited");
    return true;
  }
  const prefix = `topup_reversal:${charge.id}:refunded:`;
  const [taken] = await tx
    .select({ sum: sql<string | null>`sum(${ledgerEntries.amountMinor})` })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(
      and(like(ledgerTransactions.reference, `${prefix}%`), eq(ledgerEntries.accountId, partnerAccount(partnerId))),
    );
  const owed = charge.amount_refunded + Number(taken?.sum ?? 0);
  if (owed <= 0) return true;
  const currency = charge.currency.toUpperCase();
  await postTransaction(tx, {
    partnerId,
    kind: "topup_reversal",
    reference: `${prefix}${charge.amount_refunded}`,
    currency,
    memo: `Stripe refund of a top-up (charge ${charge.id})`,
    lines: [
      [partnerAccount(partnerId), -owed],
      [stripeAccount(currency), owed],
    ],
  });
  return true;
}

export async function reverseDisputedTopup(tx: Tx, dispute: Stripe.Dispute): Promise<boolean> {
  const paymentIntent =
    typeof dispute.payment_intent === "string" ? dispute.payment_intent : (dispute.payment_intent?.id ?? null);
  if (!paymentIntent) return false;
  const [topup] = await tx
    .select({ partnerId: ledgerTransactions.partnerId })
    .from(ledgerTransactions)
    .where(and(eq(ledgerTransactions.kind, "topup"), eq(ledgerTransactions.stripePaymentIntentId, paymentIntent)))
    .limit(1);
  if (!topup) return false;
  if (dispute.status !== "lost") return true; // won, or still open: the money is ours
  await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, topup.partnerId)).for("update");
  const currency = dispute.currency.toUpperCase();
  await postTransaction(tx, {
    partnerId: topup.partnerId,
    kind: "topup_reversal",
    reference: `topup_reversal:${dispute.id}`,
    currency,
    stripePaymentIntentId: paymentIntent,
    memo: `Lost dispute on a top-up (${dispute.id})`,
    lines: [
      [partnerAccount(topup.partnerId), -dispute.amount],
      [stripeAccount(currency), dispute.amount],
    ],
  });
  return true;
}

/** String arithmetic: no float near money. */
export function parseAmount(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const m = new RegExp(`^(\\d{1,9})(?:\\.(\\d{1,${Math.max(digits, 1)}}))?$`).exec(text.trim());
  if (!m || (digits === 0 && m[2])) return null;
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? "").padEnd(digits, "0") || 0);
}

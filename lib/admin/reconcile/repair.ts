// Each repair re-checks its precondition against the source of truth (a posted row may be stale, or a
// stranger's replay), is idempotent, and is audited.
import { writeAudit } from "@/lib/audit";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { issuingCardholders, orders, walletTopups } from "@/lib/db/schema";
import { stripe } from "@/lib/payments/stripe";
import { processStripeEvent } from "@/lib/payments/webhook";
import { confirmCheckoutSession } from "@/lib/payments/confirm";
import { kickWorker } from "@/lib/jobs/worker";
import { cancelCard } from "@/lib/funding/issuing";
import { postTopupCredit, TOPUP_METADATA_KEY } from "@/lib/partners/balance-topups";
import { resendDeliveryEmail, retryFulfilment } from "../actions";
import type { ActionResult } from "../action-result";
import { refundFull } from "../order-refund";
import type { Actor } from "../guard";
import { MISMATCH_KINDS, type MismatchKind } from "./kinds";
import { acknowledgeFinding, resolveFinding } from "./run";
import { WATCHED_EVENTS } from "./sources";

const kinds = MISMATCH_KINDS.map((k) => k.kind) as [MismatchKind, ...MismatchKind[]];

export const repairSchema = z.object({
  key: z.string().min(3).max(300),
  kind: z.enum(kinds),
  repair: z.enum([
    "retry",
    "apply_payment",
    "refund_order",
    "refund_session",
    "resend_email",
    "process_event",
    "cancel_card",
    "credit_topup",
    "acknowledge",
  ]),
  orderId: z.string().max(64).nullish(),
  reference: z.string().max(200).nullish(),
  amountMinor: z.coerce.number().int().nonnegative().default(0),
  currency: z.string().length(3).default("USD"),
  confirmation: z.string().max(200).optional(),
  note: z.string().max(1000).optional(),
});
type RepairInput = z.infer<typeof repairSchema>;

const refused = (message: string): ActionResult => ({ outcome: "refused", message });

export async function repairMismatch(db: Db, input: RepairInput, actor: Actor): Promise<ActionResult> {
  const result = await run(db, input, actor);
  // Canceling the card stops spend but explains nothing: the row stays until someone acknowledges it.
  if (result.outcome !== "refused" && input.repair !== "cancel_card" && input.repair !== "acknowledge")
    await resolveFinding(
      db,
      {
        key: input.key,
        kind: input.kind,
        orderId: input.orderId ?? null,
        amountMinor: input.amountMinor,
        currency: input.currency,
      },
      actor.email,
      input.repair,
    );
  return result;
}

async function run(db: Db, input: RepairInput, actor: Actor): Promise<ActionResult> {
  const orderId = input.orderId ?? "";
  switch (input.repair) {
    case "retry":
      return orderId ? retryFulfilment(db, orderId, actor) : refused("No order to retry.");
    case "resend_email":
      return orderId ? resendDeliveryEmail(db, orderId, actor) : refused("No order.");
    case "refund_order":
      return orderId ? refundFull(db, orderId, input.confirmation ?? "", actor) : refused("No order.");
    case "apply_payment":
      return audit(db, actor, input, () => applyPayment(input.reference ?? ""));
    case "refund_session":
      return audit(db, actor, input, () => refundSession(db, input.reference ?? "", input.confirmation ?? ""));
    case "process_event":
      return audit(db, actor, input, () => processEvent(input.reference ?? ""));
    case "cancel_card":
      return audit(db, actor, input, () => cancelSpentCard(db, input.reference ?? ""));
    case "credit_topup":
      return audit(db, actor, input, () => creditTopup(db, input.reference ?? ""));
    case "acknowledge": {
      const note = input.note?.trim() ?? "";
      if (note.length < 3) return refused("Write a short note saying what you checked.");
      return audit(db, actor, input, async () => {
        const finding = {
          key: input.key,
          kind: input.kind,
          orderId: input.orderId ?? null,
          amountMinor: input.amountMinor,
          currency: input.currency,
        };
        return (await acknowledgeFinding(db, finding, actor.email))
          ? { outcome: "applied", message: "Acknowledged." }
          : { outcome: "no_change", message: "Already acknowledged." };
      });
    }
  }
}

async function audit(
  db: Db,
  actor: Actor,
  input: RepairInput,
  work: () => Promise<ActionResult>,
): Promise<ActionResult> {
  const result = await work();
  await writeAudit(db, actor, {
    action: `reconcile.${input.repair}`,
    targetType: "reconcile",
    targetId: input.key,
    outcome: result.outcome,
    detail: {
      orderId: input.orderId ?? null,
      reference: input.reference ?? null,
      message: result.message,
      note: input.note ?? null,
    },
  });
  return result;
}

async function applyPayment(sessionId: string): Promise<ActionResult> {
  if (!sessionId.startsWith("cs_")) return refused("Not a Checkout Session id.");
  const applied = await confirmCheckoutSession(sessionId);
  return applied
    ? { outcome: "applied", message: `Payment applied to order ${applied.orderId}; fulfilment started.` }
    : refused("Stripe does not know this session, or it is not ours.");
}

async function creditTopup(db: Db, sessionId: string): Promise<ActionResult> {
  if (!sessionId.startsWith("cs_")) return refused("Not a Checkout Session id.");
  const session = await stripe().checkout.sessions.retrieve(sessionId);
  const credit = await db.transaction((tx) => postTopupCredit(tx, session));
  if (credit === "credited") return { outcome: "applied", message: "The top-up is credited to the partner's ledger." };
  if (credit === "already_credited") return { outcome: "no_change", message: "The top-up was already credited." };
  return refused(credit === "unpaid" ? "That top-up is not paid." : "That session is not a partner top-up.");
}

async function refundSession(db: Db, sessionId: string, confirmation: string): Promise<ActionResult> {
  if (confirmation.trim() !== sessionId) return refused("Type the Checkout Session id exactly to confirm.");
  const session = await stripe().checkout.sessions.retrieve(sessionId);
  if (session.payment_status !== "paid") return refused("That session is not paid.");
  if (session.metadata?.[TOPUP_METADATA_KEY])
    return refused("That payment is a partner's top-up: credit it to their ledger rather than refund it.");
  const pi = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
  if (!pi) return refused("That session has no payment.");
  const orderId = session.metadata?.order_id || session.client_reference_id;
  if (orderId) {
    const [order] = await db
      .select({ sessionId: orders.stripeCheckoutSessionId })
      .from(orders)
      .where(eq(orders.id, orderId));
    // The order's own session is refunded through the order, so its status follows.
    if (order && (!order.sessionId || order.sessionId === sessionId))
      return refused("This is the order's own payment: refund the order instead.");
  }
  const refund = await stripe().refunds.create(
    { payment_intent: pi, metadata: { reconcile_session: sessionId } },
    { idempotencyKey: `reconcile-refund/${sessionId}` },
  );
  return { outcome: "applied", message: `Refunded ${refund.amount} ${refund.currency.toUpperCase()} (${refund.id}).` };
}

async function processEvent(eventId: string): Promise<ActionResult> {
  if (!eventId.startsWith("evt_")) return refused("Not a Stripe event id.");
  // Fetched from Stripe, never taken from the request: only a real event can be processed.
  const event = await stripe().events.retrieve(eventId);
  if (!WATCHED_EVENTS.includes(event.type)) return refused(`Tern does not handle ${event.type}.`);
  const result = await processStripeEvent(event);
  if (result.kick) kickWorker();
  return result.duplicate
    ? { outcome: "no_change", message: "Already processed." }
    : { outcome: "applied", message: `Processed ${event.type}.` };
}

/** The card comes from Stripe's authorization, never the request; a card a top-up uses is left alone. */
async function cancelSpentCard(db: Db, authorizationId: string): Promise<ActionResult> {
  if (!authorizationId.startsWith("iauth_")) return refused("Not an Issuing authorization id.");
  const auth = await stripe().issuing.authorizations.retrieve(authorizationId);
  const cardId = auth.card.id;
  const holder = typeof auth.card.cardholder === "string" ? auth.card.cardholder : auth.card.cardholder?.id;
  const [ourHolder] = holder
    ? await db
        .select({ id: issuingCardholders.cardholderId })
        .from(issuingCardholders)
        .where(eq(issuingCardholders.cardholderId, holder))
    : [];
  const [anyTopup] = await db
    .select({ id: walletTopups.id })
    .from(walletTopups)
    .where(eq(walletTopups.cardId, cardId))
    .limit(1);
  if (!ourHolder && !anyTopup) return refused("That card is not one of the shop's wallet cards.");
  const [open] = await db
    .select({ id: walletTopups.id })
    .from(walletTopups)
    .where(and(eq(walletTopups.cardId, cardId), eq(walletTopups.status, "open")));
  if (open) return refused(`Top-up ${open.id} is using this card right now; it cancels the card itself.`);
  const [paid] = await db
    .select({ id: walletTopups.id })
    .from(walletTopups)
    .where(and(eq(walletTopups.authorizationId, authorizationId), eq(walletTopups.status, "succeeded")));
  if (paid) return refused(`This charge paid top-up ${paid.id}: nothing to cancel.`);
  const card = await stripe().issuing.cards.retrieve(cardId);
  if (card.status === "canceled")
    return { outcome: "no_change", message: `Card •••• ${card.last4} is already canceled.` };
  try {
    await cancelCard(cardId);
  } catch (err) {
    // Stripe refuses to update a card another admin canceled meanwhile.
    if ((await stripe().issuing.cards.retrieve(cardId)).status === "canceled")
      return { outcome: "no_change", message: `Card •••• ${card.last4} is already canceled.` };
    throw err;
  }
  return {
    outcome: "applied",
    message: `Canceled card •••• ${card.last4}; acknowledge the row once you know who charged it.`,
  };
}

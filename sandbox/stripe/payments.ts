// PaymentIntents and Charges (read-only: they are created by paying a Checkout Session), Refunds, and
// the account Balance derived from them.
import type { SandboxApp } from "../server";
import {
  expandInPlace,
  int,
  invalid,
  metadata,
  noSuch,
  oneOf,
  paginate,
  rejectUnknown,
  str,
  type ApiRequest,
} from "./api";
import { emitEvent } from "./events";
import { issuingSpent, ISSUING_TEST_FUNDS } from "./issuing";
import {
  clone,
  newId,
  nowSec,
  saveState,
  stripeState,
  type Charge,
  type ListObject,
  type PaymentIntent,
  type Refund,
} from "./objects";

export function retrievePaymentIntent(req: ApiRequest): PaymentIntent {
  rejectUnknown(req.params, ["expand", "client_secret"]);
  const pi = stripeState(req.app).paymentIntents[req.ctx.params.id!];
  if (!pi) throw noSuch("payment_intent", req.ctx.params.id!);
  return withExpand(req, clone(pi));
}

export function listPaymentIntents(req: ApiRequest): ListObject<PaymentIntent> {
  rejectUnknown(req.params, ["limit", "starting_after", "ending_before", "expand", "created", "customer"]);
  const items = Object.values(stripeState(req.app).paymentIntents).reverse();
  return withExpand(req, clonePage(paginate(items, req.params, "/v1/payment_intents", "payment_intent")));
}

export function retrieveCharge(req: ApiRequest): Charge {
  rejectUnknown(req.params, ["expand"]);
  const charge = stripeState(req.app).charges[req.ctx.params.id!];
  if (!charge) throw noSuch("charge", req.ctx.params.id!);
  return withExpand(req, clone(charge));
}

export function listCharges(req: ApiRequest): ListObject<Charge> {
  rejectUnknown(req.params, [
    "limit",
    "starting_after",
    "ending_before",
    "expand",
    "payment_intent",
    "created",
    "customer",
  ]);
  const pi = str(req.params, "payment_intent");
  const items = Object.values(stripeState(req.app).charges)
    .reverse()
    .filter((c) => !pi || c.payment_intent === pi);
  return withExpand(req, clonePage(paginate(items, req.params, "/v1/charges", "charge")));
}

// ---------------------------------------------------------------------------------------------
// Refunds

export function createRefund(req: ApiRequest): Refund {
  const { app, params } = req;
  rejectUnknown(params, [
    "payment_intent",
    "charge",
    "amount",
    "reason",
    "metadata",
    "expand",
    "refund_application_fee",
    "reverse_transfer",
    "instructions_email",
  ]);
  const state = stripeState(app);
  const piId = str(params, "payment_intent");
  const chargeIdParam = str(params, "charge");
  if (!piId && !chargeIdParam) {
    throw invalid(
      "One of the following params should be provided for this request: payment_intent or charge.",
      undefined,
      "parameter_missing",
    );
  }
  let charge: Charge | undefined;
  if (chargeIdParam) {
    charge = state.charges[chargeIdParam];
    if (!charge) throw noSuch("charge", chargeIdParam, "charge");
    if (piId && charge.payment_intent !== piId)
      throw invalid(`Charge ${chargeIdParam} does not belong to PaymentIntent ${piId}.`, "payment_intent");
  } else {
    const pi = state.paymentIntents[piId!];
    if (!pi) throw noSuch("payment_intent", piId!, "payment_intent");
    charge = typeof pi.latest_charge === "string" ? state.charges[pi.latest_charge] : undefined;
    if (!charge)
      throw invalid(`This PaymentIntent (${piId}) does not have a successful charge to refund.`, "payment_intent");
  }
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0)
    throw invalid(`Charge ${charge.id} has already been refunded.`, undefined, "charge_already_refunded");
  const amount = int(params, "amount", "amount", 1) ?? remaining;
  if (amount > remaining) {
    throw invalid(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining}).`,
      "amount",
      "amount_too_large",
    );
  }
  const reason = oneOf(params, "reason", ["duplicate", "fraudulent", "requested_by_customer"] as const) ?? null;

  const refund: Refund = {
    id: newId("re_"),
    object: "refund",
    amount,
    balance_transaction: newId("txn_"),
    charge: charge.id,
    created: nowSec(app),
    currency: charge.currency,
    destination_details: {
      type: "card",
      card: {
        reference: newId("", 20),
        reference_status: "available",
        reference_type: "acquirer_reference_number",
        type: "refund",
      },
    },
    metadata: metadata(params),
    payment_intent: charge.payment_intent,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  // `refunded` is true only once the whole charge is refunded; partial refunds leave it false.
  charge.refunded = charge.amount_refunded >= charge.amount;
  state.refunds[refund.id] = refund;
  saveState(app, ["charges", charge.id], ["refunds", refund.id]);
  const origin = { requestId: req.requestId, idempotencyKey: req.idempotencyKey };
  emitEvent(app, "charge.refunded", charge, origin, previous);
  emitEvent(app, "refund.created", refund, origin);
  return withExpand(req, clone(refund));
}

export function retrieveRefund(req: ApiRequest): Refund {
  rejectUnknown(req.params, ["expand"]);
  const refund = stripeState(req.app).refunds[req.ctx.params.id!];
  if (!refund) throw noSuch("refund", req.ctx.params.id!);
  return withExpand(req, clone(refund));
}

export function listRefunds(req: ApiRequest): ListObject<Refund> {
  rejectUnknown(req.params, [
    "limit",
    "starting_after",
    "ending_before",
    "expand",
    "payment_intent",
    "charge",
    "created",
  ]);
  const pi = str(req.params, "payment_intent");
  const charge = str(req.params, "charge");
  const items = Object.values(stripeState(req.app).refunds)
    .reverse()
    .filter((r) => (!pi || r.payment_intent === pi) && (!charge || r.charge === charge));
  return withExpand(req, clonePage(paginate(items, req.params, "/v1/refunds", "refund")));
}

// ---------------------------------------------------------------------------------------------
// Balance

interface BalanceAmount {
  amount: number;
  currency: string;
  source_types: { card: number };
}

/** Net captured payments minus refunds per currency, all treated as available at once (no payout
 *  schedule, no fees), and the Issuing balance left after approved card authorizations. */
export function balance(app: SandboxApp) {
  const net = new Map<string, number>();
  for (const c of Object.values(stripeState(app).charges))
    net.set(c.currency, (net.get(c.currency) ?? 0) + c.amount - c.amount_refunded);
  if (!net.size) net.set("usd", 0);
  const available: BalanceAmount[] = [...net].map(([currency, amount]) => ({
    amount,
    currency,
    source_types: { card: amount },
  }));
  const pending: BalanceAmount[] = [...net.keys()].map((currency) => ({
    amount: 0,
    currency,
    source_types: { card: 0 },
  }));
  const issuing = Object.entries(ISSUING_TEST_FUNDS).map(([currency, funds]) => ({
    amount: funds - issuingSpent(app, currency),
    currency,
  }));
  return { object: "balance", available, issuing: { available: issuing }, livemode: false, pending };
}

export function retrieveBalance(req: ApiRequest) {
  rejectUnknown(req.params, ["expand"]);
  return balance(req.app);
}

function withExpand<T>(req: ApiRequest, value: T): T {
  expandInPlace(stripeState(req.app), value as unknown as Record<string, unknown>, req.expand);
  return value;
}

/** Copies of one page only: cloning every stored object before paginating made a list cost the whole state. */
function clonePage<T>(page: ListObject<T>): ListObject<T> {
  return { ...page, data: page.data.map(clone) };
}

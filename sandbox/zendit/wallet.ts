// SANDBOX-ONLY: `POST /zendit/v1/wallet/topup`. Zendit has no API to recharge a wallet (recharges happen in
// its console, §2.9 of the contract); this endpoint stands in for "an admin pays the wallet with the shop's
// Stripe Issuing card" so the funding flow can be exercised end to end. The card is charged through the Stripe
// imitation, which applies the card's status, expiry, CVC and spending limits.
import crypto from "node:crypto";
import type { SandboxApp } from "../server";
import type { Handler, RequestContext } from "../core/router";
import { sendJson } from "../core/http";
import { chargeIssuingCard } from "../stripe/issuing";
import { creditTransaction, saveZendit, zenditState, zenditTime, type CreditRecord } from "./state";
import { zenditError } from "./errors";

type Route = (method: string, pattern: string, handler: Handler) => void;

interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

function readCard(value: unknown): { ok: true; card: CardInput } | { ok: false; fields: Record<string, string> } {
  const card = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const problems: Record<string, string> = {};
  if (typeof card.number !== "string" || !/^[\d ]{12,23}$/.test(card.number))
    problems["card.number"] = "required: the card number as a string";
  if (!Number.isInteger(card.expMonth) || (card.expMonth as number) < 1 || (card.expMonth as number) > 12)
    problems["card.expMonth"] = "required: 1-12";
  if (!Number.isInteger(card.expYear) || (card.expYear as number) < 2000)
    problems["card.expYear"] = "required: four-digit year";
  if (typeof card.cvc !== "string" || !/^\d{3,4}$/.test(card.cvc))
    problems["card.cvc"] = "required: 3 or 4 digits as a string";
  if (Object.keys(problems).length) return { ok: false, fields: problems };
  return {
    ok: true,
    card: {
      number: card.number as string,
      expMonth: card.expMonth as number,
      expYear: card.expYear as number,
      cvc: card.cvc as string,
    },
  };
}

function answer(ctx: RequestContext, app: SandboxApp, credit: CreditRecord): void {
  if (credit.status === "FAILED") {
    return zenditError(ctx, 402, "CARD_DECLINED", credit.error?.message ?? "The card was declined", {
      reason: credit.error?.description ?? "declined",
    });
  }
  sendJson(ctx.res, 200, {
    ...creditTransaction(credit),
    authorizationId: credit.authorizationId,
    availableBalance: zenditState(app).balance,
  });
}

export function registerTopup(app: SandboxApp, route: Route): void {
  // Charging a card awaits Stripe's real-time authorization: a duplicate arriving meanwhile waits for the
  // first request's outcome instead of charging the card again.
  const inFlight = new Map<string, Promise<CreditRecord | undefined>>();

  // Body: { card: { number, expMonth, expYear, cvc }, amount (USD cents), currency: "USD", transactionId? }.
  // A repeated transactionId returns the first outcome and charges nothing: a retried top-up must not pay twice.
  route("POST", "/wallet/topup", async (ctx) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(ctx.body.toString("utf8")) as Record<string, unknown>;
      if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
    } catch {
      return zenditError(ctx, 400, "INVALID_REQUEST", "Request body must be a JSON object");
    }
    const state = zenditState(app);
    const transactionId =
      typeof body.transactionId === "string" && body.transactionId
        ? body.transactionId
        : `wallet-topup-${crypto.randomUUID()}`;
    const pending = inFlight.get(transactionId);
    const previous = state.credits[transactionId] ?? (pending ? await pending : undefined);
    if (previous) return answer(ctx, app, previous);
    if (state.purchases[transactionId]) {
      return zenditError(ctx, 400, "INVALID_REQUEST", "transactionId is already used by another transaction", {
        transactionId: "duplicate",
      });
    }

    const parsed = readCard(body.card);
    if (!parsed.ok) return zenditError(ctx, 400, "INVALID_REQUEST", "A valid card is required", parsed.fields);
    const { card } = parsed;
    if (!Number.isInteger(body.amount) || (body.amount as number) <= 0) {
      return zenditError(ctx, 400, "INVALID_REQUEST", "amount must be a positive integer in minor units", {
        amount: "positive integer (cents)",
      });
    }
    if (typeof body.currency !== "string" || body.currency.toUpperCase() !== "USD") {
      return zenditError(ctx, 400, "INVALID_REQUEST", "The wallet currency is USD", { currency: "must be USD" });
    }
    const amount = body.amount as number;

    const charging = chargeIssuingCard(app, { ...card, amount, currency: "usd", merchant: "Zendit" });
    let settle!: (c: CreditRecord | undefined) => void;
    inFlight.set(transactionId, new Promise((r) => (settle = r)));
    let result: Awaited<typeof charging>;
    try {
      result = await charging;
    } catch (err) {
      settle(undefined);
      inFlight.delete(transactionId);
      throw err;
    }
    const now = zenditTime();
    const credit: CreditRecord = {
      transactionId,
      type: "CREDIT",
      productType: "WALLET_RECHARGE",
      status: result.approved ? "DONE" : "FAILED",
      amount,
      currency: "USD",
      currencyDivisor: 100,
      authorizationId: result.authorizationId ?? null,
      cardLast4: card.number.replace(/\D/g, "").slice(-4),
      log: [
        {
          dateTime: now,
          status: result.approved ? "DONE" : "FAILED",
          statusMessage: result.approved ? "Wallet recharged" : "Card declined",
        },
      ],
      createdAt: now,
      updatedAt: now,
    };
    if (result.approved) {
      zenditState(app).balance += amount;
    } else {
      credit.error = { code: "CARD_DECLINED", description: result.reason, message: "The card was declined" };
    }
    zenditState(app).credits[transactionId] = credit;
    saveZendit(app);
    settle(credit);
    inFlight.delete(transactionId);
    answer(ctx, app, credit);
  });
}

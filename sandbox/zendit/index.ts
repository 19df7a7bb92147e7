// Zendit v1 at /zendit/v1: eSIM offers, asynchronous purchases with webhooks, QR codes, plans, balance and
// the transaction ledger — plus a sandbox-only wallet top-up that charges a Stripe Issuing card.
import QRCode from "qrcode";
import type { SandboxApp } from "../server";
import type { RequestContext } from "../core/router";
import { sendJson, sendText } from "../core/http";
import { zenditError } from "./errors";
import { filterOffers, findOffer } from "./offers";
import { PurchaseProcessor } from "./processing";
import {
  creditTransaction,
  purchaseTransaction,
  purchaseView,
  saveZendit,
  zenditState,
  zenditTime,
  type PurchaseStatus,
} from "./state";
import { registerTopup } from "./wallet";

export const ZENDIT_PREFIX = "/zendit/v1";

const ERROR_CODES: Record<number, string> = {
  400: "INVALID_REQUEST",
  401: "NOT_AUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "INVALID_REQUEST",
  429: "TOO_MANY_REQUESTS",
  503: "SYSTEM_UNAVAILABLE",
};

/** `_limit` (1–1024) and `_offset` are required on every list endpoint. */
function paging(ctx: RequestContext): { limit: number; offset: number } | undefined {
  const limitText = ctx.query.get("_limit");
  const offsetText = ctx.query.get("_offset");
  const limit = Number(limitText);
  const offset = Number(offsetText);
  if (limitText === null || !/^\d+$/.test(limitText) || limit < 1 || limit > 1024) {
    zenditError(ctx, 400, "INVALID_REQUEST", "_limit is required and must be between 1 and 1024", {
      _limit: "must be an integer between 1 and 1024",
    });
    return undefined;
  }
  if (offsetText === null || !/^\d+$/.test(offsetText)) {
    zenditError(ctx, 400, "INVALID_REQUEST", "_offset is required and must be a non-negative integer", {
      _offset: "must be an integer >= 0",
    });
    return undefined;
  }
  return { limit, offset };
}

/** `createdAt=gte2023-03-29T00:00:00Z`: a comparison prefix and an RFC 3339 time. */
function createdAtFilter(ctx: RequestContext): ((iso: string) => boolean) | null | undefined {
  const raw = ctx.query.get("createdAt");
  if (!raw) return null;
  const m = /^(lte|lt|gte|gt)?(.+)$/.exec(raw);
  const at = m ? Date.parse(m[2]!) : NaN;
  if (!m || Number.isNaN(at)) {
    zenditError(
      ctx,
      400,
      "INVALID_REQUEST",
      "createdAt must be a comparison (lt, lte, gt, gte) followed by an RFC 3339 time",
      { createdAt: "invalid format" },
    );
    return undefined;
  }
  const op = m[1] ?? "";
  return (iso) => {
    const t = Date.parse(iso);
    return op === "lt" ? t < at : op === "lte" ? t <= at : op === "gt" ? t > at : op === "gte" ? t >= at : t === at;
  };
}

function parseBody(ctx: RequestContext): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(ctx.body.toString("utf8")) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  zenditError(ctx, 400, "INVALID_REQUEST", "Request body must be a JSON object");
  return undefined;
}

export function registerZendit(app: SandboxApp): void {
  const processor = new PurchaseProcessor(app);
  app.onReset(() => processor.clear());

  const { route } = app.router.service({
    name: "zendit",
    prefix: ZENDIT_PREFIX,
    errorBody: (status, message) => ({
      errorCode: ERROR_CODES[status] ?? (status >= 500 ? "SYSTEM_ERROR" : "INVALID_REQUEST"),
      message,
    }),
    // Any non-empty bearer key is accepted: the sandbox has one account and no environments.
    before: (ctx) => {
      if (/^Bearer\s+\S+/i.test(ctx.req.headers.authorization ?? "")) return false;
      zenditError(ctx, 401, "NOT_AUTHORIZED", "Unauthorized: missing or invalid API key");
      return true;
    },
  });

  route("GET", "/balance", ({ res }) => {
    sendJson(res, 200, { availableBalance: zenditState(app).balance, currency: "USD", currencyDivisor: 100 });
  });

  route("GET", "/esim/offers", (ctx) => {
    const page = paging(ctx);
    if (!page) return;
    const regions = ctx.query
      .getAll("regions")
      .flatMap((r) => r.split(","))
      .map((r) => r.trim())
      .filter(Boolean);
    const list = filterOffers({
      country: ctx.query.get("country") ?? undefined,
      regions,
      subType: ctx.query.get("subType") ?? undefined,
      brand: ctx.query.get("brand") ?? undefined,
    });
    sendJson(ctx.res, 200, {
      limit: page.limit,
      offset: page.offset,
      total: list.length,
      list: list.slice(page.offset, page.offset + page.limit),
    });
  });

  route("GET", "/esim/offers/:offerId", (ctx) => {
    const offer = findOffer(ctx.params.offerId!);
    if (!offer?.enabled) return zenditError(ctx, 404, "NOT_FOUND", "Offer not found", { offerId: ctx.params.offerId! });
    sendJson(ctx.res, 200, offer);
  });

  // A repeated transactionId answers the existing purchase's current status and starts nothing new: the
  // documented key is unique per account, and this keeps a retried POST from ever charging twice.
  route("POST", "/esim/purchases", (ctx) => {
    const body = parseBody(ctx);
    if (!body) return;
    const { transactionId, offerId, iccid } = body;
    if (typeof transactionId !== "string" || !transactionId.trim()) {
      return zenditError(ctx, 400, "INVALID_REQUEST", "transactionId is required", { transactionId: "required" });
    }
    if (typeof offerId !== "string" || !offerId)
      return zenditError(ctx, 400, "INVALID_REQUEST", "offerId is required", { offerId: "required" });
    if (iccid !== undefined && iccid !== null && typeof iccid !== "string") {
      return zenditError(ctx, 400, "INVALID_REQUEST", "iccid must be a string", { iccid: "must be a string" });
    }
    const state = zenditState(app);
    const existing = state.purchases[transactionId];
    if (existing) return sendJson(ctx.res, 200, { status: existing.status, transactionId });

    const offer = findOffer(offerId);
    if (!offer?.enabled) return zenditError(ctx, 404, "NOT_FOUND", "Offer not found", { offerId });
    if (iccid) {
      const onEsim = Object.values(state.purchases).find((p) => p.confirmation?.iccid === iccid);
      if (!onEsim) return zenditError(ctx, 404, "NOT_FOUND", "eSIM not found", { iccid });
      // A reload stays on the eSIM's own network: an offer of another brand cannot go onto this profile.
      if (onEsim.offer.brand !== offer.brand)
        return zenditError(ctx, 400, "INVALID_REQUEST", "Offer cannot be added to this eSIM", { offerId });
    }
    const now = zenditTime();
    // Funds are held on acceptance when the wallet has them (Zendit's AUTHORIZED hold, not reported as a
    // separate status here), so a wallet check made right after sees them gone; otherwise processing tries
    // once more and fails with INSUFFICIENT_FUNDS — the POST itself still answers 200.
    const held = state.balance >= offer.cost.fixed;
    if (held) state.balance -= offer.cost.fixed;
    state.purchases[transactionId] = {
      transactionId,
      offer,
      iccid: iccid || null,
      status: "ACCEPTED",
      log: [{ dateTime: now, status: "ACCEPTED", statusMessage: "Transaction accepted" }],
      createdAt: now,
      updatedAt: now,
      webhookAttempts: [],
      ...(held ? { chargedAt: now } : {}),
    };
    saveZendit(app);
    processor.schedule(transactionId);
    sendJson(ctx.res, 200, { status: "ACCEPTED", transactionId });
  });

  route("GET", "/esim/purchases", (ctx) => {
    const page = paging(ctx);
    if (!page) return;
    const created = createdAtFilter(ctx);
    if (created === undefined) return;
    const status = ctx.query.get("status")?.toUpperCase();
    const list = Object.values(zenditState(app).purchases)
      .filter((p) => (!status || p.status === status) && (!created || created(p.createdAt)))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    sendJson(ctx.res, 200, {
      limit: page.limit,
      offset: page.offset,
      total: list.length,
      list: list.slice(page.offset, page.offset + page.limit).map(purchaseView),
    });
  });

  route("GET", "/esim/purchases/:transactionId", (ctx) => {
    const p = zenditState(app).purchases[ctx.params.transactionId!];
    if (!p)
      return zenditError(ctx, 404, "NOT_FOUND", "Transaction not found", { transactionId: ctx.params.transactionId! });
    sendJson(ctx.res, 200, purchaseView(p));
  });

  route("GET", "/esim/purchases/:transactionId/qrcode", async (ctx) => {
    const p = zenditState(app).purchases[ctx.params.transactionId!];
    if (!p?.confirmation) {
      const message = p ? "QR code is available once the transaction is DONE" : "Transaction not found";
      return zenditError(ctx, 404, "NOT_FOUND", message, { transactionId: ctx.params.transactionId! });
    }
    const png = await QRCode.toBuffer(p.confirmation.activationCode, {
      type: "png",
      errorCorrectionLevel: "M",
      margin: 2,
      width: 300,
    });
    if ((ctx.req.headers.accept ?? "").includes("application/json"))
      return sendJson(ctx.res, 200, { imageBase64: png.toString("base64") });
    sendText(ctx.res, 200, png, "image/png");
  });

  // Plans on one eSIM: the first purchase is the active plan, reloads queue behind it. No usage is simulated,
  // so remaining data stays at the initial amount.
  route("GET", "/esim/:iccid/plans", (ctx) => {
    const iccid = ctx.params.iccid!;
    const done = Object.values(zenditState(app).purchases)
      .filter((p) => p.status === "DONE" && p.confirmation?.iccid === iccid)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (!done.length) return zenditError(ctx, 404, "NOT_FOUND", "eSIM not found", { iccid });
    const list = done.map((p, i) => {
      const startAt = i === 0 ? p.updatedAt : undefined;
      return {
        iccid,
        offerId: p.offer.offerId,
        description: p.offer.shortNotes,
        status: i === 0 ? "ACTIVE" : "QUEUED",
        initialDataGB: p.offer.dataGB,
        remainingDataGB: p.offer.dataGB,
        unlimited: p.offer.dataUnlimited,
        ...(startAt ? { startAt, endAt: zenditTime(Date.parse(startAt) + p.offer.durationDays * 86_400_000) } : {}),
      };
    });
    sendJson(ctx.res, 200, { list, total: list.length, firstInstalledAt: done[0]!.updatedAt });
  });

  route("GET", "/transactions", (ctx) => {
    const page = paging(ctx);
    if (!page) return;
    const created = createdAtFilter(ctx);
    if (created === undefined) return;
    const q = (name: string) => ctx.query.get(name)?.toUpperCase();
    const [type, productType, status] = [q("type"), q("productType"), q("status")];
    const state = zenditState(app);
    const list = [
      ...Object.values(state.purchases).map(purchaseTransaction),
      ...Object.values(state.credits).map(creditTransaction),
    ]
      .filter(
        (t) =>
          (!type || t.type === type) &&
          (!productType || t.productType === productType) &&
          (!status || t.status === status) &&
          (!created || created(t.createdAt)),
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    sendJson(ctx.res, 200, {
      limit: page.limit,
      offset: page.offset,
      total: list.length,
      list: list.slice(page.offset, page.offset + page.limit),
    });
  });

  route("GET", "/transactions/:transactionId", (ctx) => {
    const state = zenditState(app);
    const id = ctx.params.transactionId!;
    const purchase = state.purchases[id];
    const credit = state.credits[id];
    if (purchase) return sendJson(ctx.res, 200, purchaseTransaction(purchase));
    if (credit) return sendJson(ctx.res, 200, creditTransaction(credit));
    zenditError(ctx, 404, "NOT_FOUND", "Transaction not found", { transactionId: id });
  });

  registerTopup(app, route);

  // ---- control ----------------------------------------------------------------------------------------

  app.control("GET", "/zendit/purchases", ({ res, query }) => {
    const status = query.get("status")?.toUpperCase() as PurchaseStatus | undefined;
    const list = Object.values(zenditState(app).purchases)
      .filter((p) => !status || p.status === status)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((p) => ({
        ...purchaseView(p),
        iccidRequested: p.iccid,
        chargedAt: p.chargedAt ?? null,
        webhookAttempts: p.webhookAttempts,
      }));
    sendJson(res, 200, list);
  });

  app.control("POST", "/zendit/balance", ({ res, body }) => {
    let input: { availableBalance?: unknown };
    try {
      input = JSON.parse(body.toString("utf8")) as { availableBalance?: unknown };
    } catch {
      return sendJson(res, 400, { error: "body must be JSON: { availableBalance: <USD cents> }" });
    }
    if (!Number.isInteger(input.availableBalance) || (input.availableBalance as number) < 0) {
      return sendJson(res, 400, { error: "availableBalance must be a non-negative integer (USD cents)" });
    }
    zenditState(app).balance = input.availableBalance as number;
    saveZendit(app);
    sendJson(res, 200, { availableBalance: zenditState(app).balance, currency: "USD", currencyDivisor: 100 });
  });

  processor.resumeAll();
}

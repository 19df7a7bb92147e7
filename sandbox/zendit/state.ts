// Zendit account state in the store's `zendit` namespace: wallet balance (USD cents), eSIM purchases and
// wallet credits. Purchases keep a snapshot of their offer so they read the same if the catalogue moves.
import type { SandboxApp } from "../server";
import type { DeliveryAttempt } from "../core/deliver";
import type { ZenditOffer } from "./offers";

export type PurchaseStatus = "ACCEPTED" | "AUTHORIZED" | "IN_PROGRESS" | "PENDING" | "DONE" | "FAILED";
export const FINAL_STATUSES: readonly PurchaseStatus[] = ["DONE", "FAILED"];

export interface LogItem {
  dateTime: string;
  status: PurchaseStatus;
  statusMessage: string;
}

export interface TransactionError {
  code: string;
  description: string;
  message: string;
}

export interface Confirmation {
  iccid: string;
  smdpAddress: string;
  activationCode: string;
  externalReferenceId: string;
  redemptionInstructions: string;
}

export interface PurchaseRecord {
  transactionId: string;
  offer: ZenditOffer;
  /** The eSIM to reload, when the caller named one. */
  iccid: string | null;
  status: PurchaseStatus;
  confirmation?: Confirmation;
  error?: TransactionError;
  log: LogItem[];
  createdAt: string;
  updatedAt: string;
  /** When the wallet was debited; set once, which is what keeps a purchase from being charged twice. */
  chargedAt?: string;
  webhookAttempts: WebhookAttempt[];
}

export type WebhookAttempt = DeliveryAttempt & { url: string };

export interface CreditRecord {
  transactionId: string;
  type: "CREDIT";
  productType: "WALLET_RECHARGE";
  status: "DONE" | "FAILED";
  amount: number;
  currency: "USD";
  currencyDivisor: 100;
  /** The Stripe Issuing authorization that funded (or refused) it. */
  authorizationId: string | null;
  cardLast4: string;
  error?: TransactionError;
  log: LogItem[];
  createdAt: string;
  updatedAt: string;
}

export interface ZenditState {
  /** Available balance in USD cents. */
  balance: number;
  purchases: Record<string, PurchaseRecord>;
  credits: Record<string, CreditRecord>;
}

export function zenditState(app: SandboxApp): ZenditState {
  return app.store.ns<ZenditState>("zendit", () => ({
    balance: app.config.zendit.initialBalance,
    purchases: {},
    credits: {},
  }));
}

export function saveZendit(app: SandboxApp): void {
  app.store.touch("zendit");
}

/** Zendit timestamps: RFC 3339 UTC, whole seconds. */
export const zenditTime = (ms = Date.now()) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** A purchase as `GET /esim/purchases/{transactionId}` (and the webhook) shows it. */
export function purchaseView(p: PurchaseRecord) {
  const o = p.offer;
  return {
    transactionId: p.transactionId,
    offerId: o.offerId,
    status: p.status,
    productType: o.productType,
    priceType: o.priceType,
    brand: o.brand,
    brandName: o.brandName,
    country: o.country,
    regions: o.regions,
    subTypes: o.subTypes,
    dataGB: o.dataGB,
    dataUnlimited: o.dataUnlimited,
    dataSpeeds: o.dataSpeeds,
    durationDays: o.durationDays,
    voiceMinutes: o.voiceMinutes,
    voiceUnlimited: o.voiceUnlimited,
    smsNumber: o.smsNumber,
    smsUnlimited: o.smsUnlimited,
    roaming: o.roaming,
    shortNotes: o.shortNotes,
    notes: o.notes,
    cost: o.cost.fixed,
    costBase: o.cost.fixed,
    costFee: 0,
    costCurrency: o.cost.currency,
    costCurrencyDivisor: o.cost.currencyDivisor,
    price: o.price.fixed,
    priceBase: o.price.fixed,
    priceFee: 0,
    priceCurrency: o.price.currency,
    priceCurrencyDivisor: o.price.currencyDivisor,
    ...(p.confirmation ? { confirmation: p.confirmation } : {}),
    ...(p.error ? { error: p.error } : {}),
    log: p.log,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** The ledger view (`GET /transactions`): purchases are debits, wallet recharges credits. */
export function purchaseTransaction(p: PurchaseRecord) {
  return {
    transactionId: p.transactionId,
    type: "DEBIT" as const,
    productType: "ESIM",
    status: p.status,
    amount: p.offer.cost.fixed,
    currency: p.offer.cost.currency,
    currencyDivisor: p.offer.cost.currencyDivisor,
    ...(p.error ? { error: p.error } : {}),
    log: p.log,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function creditTransaction(c: CreditRecord) {
  return {
    transactionId: c.transactionId,
    type: c.type,
    productType: c.productType,
    status: c.status,
    amount: c.amount,
    currency: c.currency,
    currencyDivisor: c.currencyDivisor,
    ...(c.error ? { error: c.error } : {}),
    log: c.log,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

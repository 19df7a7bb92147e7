// Money is integer + currencyDivisor everywhere.
import { env } from "@/lib/env";
import { requestJson, type HttpClientConfig } from "../http";

type ZenditStatus = "ACCEPTED" | "PENDING" | "AUTHORIZED" | "IN_PROGRESS" | "DONE" | "FAILED";

interface ZenditMoney {
  currency: string;
  currencyDivisor: number;
  fixed: number;
}

export interface ZenditOffer {
  offerId: string;
  brand?: string;
  country?: string;
  regions?: string[];
  subTypes?: string[];
  productType?: string;
  enabled?: boolean;
  dataGB?: number;
  dataUnlimited?: boolean;
  dataSpeeds?: string[];
  durationDays?: number;
  roaming?: { country: string; dataSpeeds?: string[] }[];
  cost?: ZenditMoney;
  price?: ZenditMoney;
  shortNotes?: string;
}

interface ZenditList<T> {
  limit: number;
  offset: number;
  total: number;
  list: T[];
}

/** INSUFFICIENT_FUNDS arrives this way, with HTTP 200. */
export interface ZenditTransactionError {
  code?: string;
  description?: string;
  message?: string;
}

interface ZenditConfirmation {
  iccid?: string;
  smdpAddress?: string;
  activationCode?: string;
  externalReferenceId?: string;
  redemptionInstructions?: string;
}

export interface ZenditPurchase {
  transactionId: string;
  offerId?: string;
  status: ZenditStatus;
  cost?: number;
  costCurrency?: string;
  costCurrencyDivisor?: number;
  confirmation?: ZenditConfirmation;
  error?: ZenditTransactionError;
  createdAt?: string;
  updatedAt?: string;
}

export interface ZenditPlan {
  iccid?: string;
  offerId?: string;
  description?: string;
  status?: string;
  initialDataGB?: number;
  remainingDataGB?: number;
  reamainingDataGB?: number;
  unlimited?: boolean;
  startAt?: string;
  endAt?: string;
}

interface ZenditBalance {
  availableBalance: number;
  currency: string;
  currencyDivisor: number;
}

interface ZenditTopupInput {
  card: { number: string; expMonth: number; expYear: number; cvc: string };
  amount: number;
  currency: string;
  transactionId: string;
}

interface ZenditTopupResult {
  transactionId: string;
  status: string;
  amount: number;
  authorizationId?: string | null;
  availableBalance?: number;
}

interface ZenditClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

function errorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const b = body as { errorCode?: unknown; message?: unknown };
  const parts = [b.errorCode, b.message].filter((x) => typeof x === "string");
  return parts.length ? parts.join(": ") : undefined;
}

export function createZenditClient(options: ZenditClientOptions) {
  const config = (baseUrl = options.baseUrl): HttpClientConfig => ({
    provider: "zendit",
    baseUrl,
    headers: { authorization: `Bearer ${options.apiKey}` },
    timeoutMs: options.timeoutMs ?? 15_000,
    errorMessage,
  });
  const id = encodeURIComponent;

  return {
    balance: () => requestJson<ZenditBalance>(config(), "/balance"),

    offers: (params: { limit: number; offset: number; country?: string }) =>
      requestJson<ZenditList<ZenditOffer>>(config(), "/esim/offers", {
        query: { _limit: params.limit, _offset: params.offset, country: params.country },
      }),

    offer: (offerId: string) => requestJson<ZenditOffer>(config(), `/esim/offers/${id(offerId)}`),

    createPurchase: (input: { offerId: string; transactionId: string; iccid?: string }, timeoutMs?: number) =>
      requestJson<{ status: ZenditStatus; transactionId: string }>(config(), "/esim/purchases", {
        method: "POST",
        body: input,
        timeoutMs,
      }),

    purchase: (transactionId: string) => requestJson<ZenditPurchase>(config(), `/esim/purchases/${id(transactionId)}`),

    purchases: (params: { limit: number; offset: number; createdSince?: Date }) =>
      requestJson<ZenditList<ZenditPurchase>>(config(), "/esim/purchases", {
        query: {
          _limit: params.limit,
          _offset: params.offset,
          createdAt: params.createdSince
            ? `gte${params.createdSince.toISOString().replace(/\.\d{3}Z$/, "Z")}`
            : undefined,
        },
      }),

    plans: (iccid: string) =>
      requestJson<{ list?: ZenditPlan[]; total?: number }>(config(), `/esim/${id(iccid)}/plans`),

    /** Zendit itself publishes no top-up API. */
    topUp: (url: string, input: ZenditTopupInput, timeoutMs = 20_000) =>
      requestJson<ZenditTopupResult>(config(url), "", { method: "POST", body: input, timeoutMs }),
  };
}

export type ZenditClient = ReturnType<typeof createZenditClient>;

export function zenditClient(): ZenditClient {
  const { baseUrl, apiKey } = env().zendit;
  return createZenditClient({ baseUrl, apiKey });
}

// A purchase is `completed`, `pending` (come back later, never buy again) or `failed`; an attempt whose answer
// was lost can be looked for before anything is re-bought.
import type { ProviderName } from "./http";

export type { ProviderName };

export interface InstallDetails {
  iccid: string;
  smdpAddress: string;
  matchingId: string;
}

export type ValidateResult = { ok: true; wholesaleMinor: number; currency: string } | { ok: false; reason: string };

export interface PurchaseInput {
  orderId: string;
  attempt: number;
  bundleName: string;
  topupIccid?: string | null;
}

export type PurchaseResult =
  | {
      state: "completed";
      reference: string;
      esims: InstallDetails[];
      wholesaleMinor?: number;
      currency?: string;
      raw?: unknown;
    }
  /** Never purchase again: ask with `checkPurchase`. */
  | { state: "pending"; reference: string; retryAfterMs?: number; raw?: unknown }
  | { state: "failed"; reason: string; permanent: boolean; raw?: unknown };

export interface UnknownAttempt extends PurchaseInput {
  startedAt: Date;
  finishedAt: Date;
  alreadyLinked: (references: string[]) => Promise<Set<string>>;
}

export interface StockPurchaseLookup {
  bundleName: string;
  quantity: number;
  startedAt: Date;
  finishedAt: Date;
  alreadyLinked: (references: string[]) => Promise<Set<string>>;
}

export type UnknownAttemptResult =
  | { kind: "found"; reference: string; result: PurchaseResult }
  | { kind: "none" }
  | { kind: "ambiguous"; candidates: string[] };

export interface CatalogueEntry {
  name: string;
  description?: string;
  countries?: {
    iso?: string;
    region?: string;
    name?: string;
    networks?: { name?: string; brandName?: string; speeds?: string[] }[];
  }[];
  dataAmount?: number;
  duration?: number;
  speed?: string[] | null;
  autostart?: boolean;
  unlimited?: boolean;
  price?: number;
}

export interface CataloguePage {
  bundles: CatalogueEntry[];
  pageCount: number;
  rows?: number;
}

export interface CatalogueSource {
  cataloguePage(query: { page: number; perPage: number }): Promise<CataloguePage>;
  balance(): Promise<{ currency: string }>;
}

export interface WholesaleOffer {
  name: string;
  description: string;
  countries: string[];
  area: { code: string; regions: string[] } | null;
  dataMb: number | null;
  unlimited: boolean;
  durationDays: number;
  speeds: string[];
  autostart: boolean | null;
  networks?: { iso: string; networks: { name: string | null; speeds: string[] }[] }[];
  wholesaleMinor: number;
  wholesaleCurrency: string;
}

interface OfferCatalogue {
  offers(): Promise<{ offers: WholesaleOffer[]; skipped: { name: string; reason: string }[] }>;
}

export interface UsageListingBundle {
  name: string;
  description?: string;
  assignments: {
    assignmentReference: string;
    initialQuantity: number;
    remainingQuantity: number;
    assignmentDateTime?: string;
    bundleState: string;
    unlimited?: boolean;
  }[];
}

export interface UsageReading {
  esim: { profileStatus?: string; firstInstalledDateTime?: string | number | null };
  bundles: UsageListingBundle[];
}

export interface ProviderOrder {
  provider: string;
  reference: string;
  createdAt: Date;
  totalMinor: number;
  currency: string;
  items: string[];
}

export interface CardForTopup {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export type TopupOutcome = { ok: true } | { ok: false; declined: true; reason: string };

export interface Wallet {
  provider: ProviderName;
  balance(): Promise<{ availableMinor: number; currency: string }>;
  /** `transactionId` makes a retried top-up return the first outcome. */
  topUp(input: {
    card: CardForTopup;
    amountMinor: number;
    currency: string;
    transactionId: string;
  }): Promise<TopupOutcome>;
}

export interface WalletFunding {
  ensure(need: { orderId: string; neededMinor: number; currency: string }): Promise<void>;
  settled(orderId: string): Promise<void>;
}

/** A hint, never proof. */
export type PurchaseHint =
  | { kind: "refused"; status: 400 | 401; error: string }
  | { kind: "foreign" }
  | { kind: "ours"; orderId: string; attempt: number; reference: string; claimedStatus: string | null };

type RevokeResult =
  { state: "revoked"; refundConfirmed: boolean; raw?: unknown } | { state: "refused"; reason: string };

export interface EsimProvider {
  readonly name: ProviderName;
  readonly purchaseTimeoutMs?: number;
  readonly catalogue?: CatalogueSource;
  readonly offerCatalogue?: OfferCatalogue;
  usage?(iccid: string): Promise<UsageReading>;
  topUpCompatible?(iccid: string, bundleName: string): Promise<boolean>;
  validate(bundleName: string): Promise<ValidateResult>;
  startPurchase(input: PurchaseInput): Promise<PurchaseResult>;
  checkPurchase(input: PurchaseInput & { reference: string }): Promise<PurchaseResult>;
  findUnknownAttempt(input: UnknownAttempt): Promise<UnknownAttemptResult>;
  /** A lost answer is not retried. */
  buyStock?(bundleName: string, quantity: number): Promise<PurchaseResult>;
  findStockPurchase?(input: StockPurchaseLookup): Promise<UnknownAttemptResult>;
  /** Never takes a started bundle: that would cut off a customer's data and refund nothing. */
  revokeUnusedBundle?(iccid: string, bundleName: string): Promise<RevokeResult>;
  suspendEsim?(iccid: string): Promise<void>;
  restoreEsim?(iccid: string): Promise<void>;
  installDetails(reference: string): Promise<InstallDetails[]>;
  balance(): Promise<{ amountMinor: number; currency: string }>;
  ownOrders(window: { from: Date; to: Date }): Promise<ProviderOrder[]>;
  readonly wallet?: Wallet;
  readPurchaseWebhook?(raw: string, headers: Headers): PurchaseHint;
  purchaseWebhookAuthentic?(headers: Headers): boolean;
}

// The provider port: what fulfilment needs from an eSIM provider, in our own words. eSIM Go answers a
// purchase with the eSIM in the same call; Zendit accepts it under a transaction id *we* choose and finishes
// it later (poll or webhook). Both fit: a purchase is `completed`, `pending` (come back later, never buy
// again), or `failed`; and an attempt whose answer was lost can be looked for before anything is re-bought.
import type { NewBundle } from "@/lib/db/schema";
import type { PricingRules } from "@/lib/catalogue/pricing";
import type { ProviderName } from "./http";

export type { ProviderName };

/** What a phone needs to download the eSIM profile. */
export interface InstallDetails {
  iccid: string;
  smdpAddress: string;
  matchingId: string;
}

export type ValidateResult = { ok: true; wholesaleMinor: number; currency: string } | { ok: false; reason: string };

export interface PurchaseInput {
  /** Our order id and attempt number: Zendit builds its transaction id from them. */
  orderId: string;
  attempt: number;
  bundleName: string;
  /** Add the bundle to this existing eSIM instead of issuing a new one. */
  topupIccid?: string | null;
}

export type PurchaseResult =
  /** Bought. `esims` may be empty when the provider hands install details out separately (or later). */
  | {
      state: "completed";
      reference: string;
      esims: InstallDetails[];
      wholesaleMinor?: number;
      currency?: string;
      raw?: unknown;
    }
  /** Accepted but not finished: ask again with `checkPurchase`, never purchase again. */
  | { state: "pending"; reference: string; retryAfterMs?: number; raw?: unknown }
  /** The provider says it did not happen. `permanent`: retrying the same purchase cannot succeed. */
  | { state: "failed"; reason: string; permanent: boolean; raw?: unknown };

export interface UnknownAttempt extends PurchaseInput {
  /** When our request left and when we gave up on the answer. */
  startedAt: Date;
  finishedAt: Date;
  /** Which of these provider references already belong to one of our attempts (so are not this one). */
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

/** One catalogue entry in the provider account's currency (major units), before our pricing. */
export interface CatalogueEntry {
  name: string;
  description?: string;
  /** `networks`: eSIM Go's per-country networks and the speeds the bundle gets on each. */
  countries?: {
    iso?: string;
    region?: string;
    name?: string;
    networks?: { name?: string; brandName?: string; speeds?: string[] }[];
  }[];
  /** MB; -1 (or `unlimited`) for unlimited data. */
  dataAmount?: number;
  /** Days. */
  duration?: number;
  speed?: string[] | null;
  autostart?: boolean;
  unlimited?: boolean;
  price?: number;
}

export interface CataloguePage {
  bundles: CatalogueEntry[];
  /** 1 when the provider does not say (then the caller keeps asking while pages come back full). */
  pageCount: number;
  rows?: number;
}

/** A provider's catalogue, read page by page (lib/catalogue/sync.ts turns entries into priced rows). */
export interface CatalogueSource {
  cataloguePage(query: { page: number; perPage: number }): Promise<CataloguePage>;
  /** The account's currency (every wholesale price is in it). */
  balance(): Promise<{ currency: string }>;
}

/** A catalogue the adapter turns into priced rows itself (Zendit: integer money, its own coverage rules). */
export interface PricedCatalogue {
  rows(ctx: {
    rules: PricingRules;
    syncedAt: Date;
  }): Promise<{ rows: NewBundle[]; skipped: { name: string; reason: string }[] }>;
}

/** One bundle on an eSIM with its assignments, as the provider reports data left. */
export interface UsageListingBundle {
  name: string;
  description?: string;
  assignments: {
    assignmentReference: string;
    /** Bytes; negative for unlimited. */
    initialQuantity: number;
    remainingQuantity: number;
    assignmentDateTime?: string;
    bundleState: string;
    unlimited?: boolean;
  }[];
}

/** An eSIM's profile and its bundles, read now. */
export interface UsageReading {
  esim: { profileStatus?: string; firstInstalledDateTime?: string | number | null };
  bundles: UsageListingBundle[];
}

export interface EsimProvider {
  readonly name: ProviderName;
  /** How long a purchase call may take before we stop waiting for its answer. */
  readonly purchaseTimeoutMs?: number;
  /** The catalogue to sell from; absent for a provider whose bundles are not synced. */
  readonly catalogue?: CatalogueSource;
  /** Or: the catalogue as rows the adapter priced (used when `catalogue` is absent). */
  readonly pricedCatalogue?: PricedCatalogue;
  /** Data left on an eSIM this provider issued; absent when the provider offers no usage. */
  usage?(iccid: string): Promise<UsageReading>;
  /** Whether `bundleName` can be added to the existing eSIM `iccid` (a top-up is then a purchase with `topupIccid`). */
  topUpCompatible?(iccid: string, bundleName: string): Promise<boolean>;
  /** Is the bundle still sold, and at what wholesale price? No charge. */
  validate(bundleName: string): Promise<ValidateResult>;
  /** Buy. Throws ProviderError for transport and HTTP failures (see lib/fulfilment/errors.ts). */
  startPurchase(input: PurchaseInput): Promise<PurchaseResult>;
  /** The current state of a purchase the provider accepted earlier. */
  checkPurchase(input: PurchaseInput & { reference: string }): Promise<PurchaseResult>;
  /** Find out what an attempt whose answer we never got did at the provider. */
  findUnknownAttempt(input: UnknownAttempt): Promise<UnknownAttemptResult>;
  /**
   * Buy `quantity` new eSIMs of a bundle for stock, tied to no order (lib/stock/restock.ts). Absent for a
   * provider that cannot. Throws ProviderError like startPurchase; a lost answer is not retried.
   */
  buyStock?(bundleName: string, quantity: number): Promise<PurchaseResult>;
  /**
   * Find a `buyStock` call whose answer was lost: the provider's one order of `quantity` new eSIMs of the bundle
   * placed in the window, not among `alreadyLinked`. Present whenever `buyStock` is.
   */
  findStockPurchase?(input: StockPurchaseLookup): Promise<UnknownAttemptResult>;
  /** Install details of a completed purchase (they may lag the purchase: empty means "not yet"). */
  installDetails(reference: string): Promise<InstallDetails[]>;
}

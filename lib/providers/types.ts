// The provider port: what fulfilment needs from an eSIM provider, in our own words. eSIM Go answers a
// purchase with the eSIM in the same call; Zendit accepts it under a transaction id *we* choose and finishes
// it later (poll or webhook). Both fit: a purchase is `completed`, `pending` (come back later, never buy
// again), or `failed`; and an attempt whose answer was lost can be looked for before anything is re-bought.
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

/** One offer as the provider sells it to us, money in integer minor units: the catalogue places and prices it. */
export interface WholesaleOffer {
  name: string;
  description: string;
  /** ISO 3166 alpha-2 codes, sorted. */
  countries: string[];
  /** Sold as an area rather than as one country: the provider's area code ("EU", "GLOBAL") and region names. */
  area: { code: string; regions: string[] } | null;
  dataMb: number | null;
  unlimited: boolean;
  durationDays: number;
  speeds: string[];
  /** Whether the validity starts at first connection (true) or at delivery (false); null: the provider does not say. */
  autostart: boolean | null;
  /** Per covered country, the networks the offer uses and their speeds (a provider that names none: name null). */
  networks?: { iso: string; networks: { name: string | null; speeds: string[] }[] }[];
  wholesaleMinor: number;
  wholesaleCurrency: string;
}

/** A catalogue the adapter reads whole, as wholesale offers (Zendit: integer money, its own coverage fields). */
interface OfferCatalogue {
  offers(): Promise<{ offers: WholesaleOffer[]; skipped: { name: string; reason: string }[] }>;
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

/** One order in the provider's own records, for reconciling against ours. */
export interface ProviderOrder {
  provider: string;
  reference: string;
  createdAt: Date;
  totalMinor: number;
  currency: string;
  /** What was bought (bundle or offer names). */
  items: string[];
}

export interface CardForTopup {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export type TopupOutcome = { ok: true } | { ok: false; declined: true; reason: string };

/** A prepaid provider's wallet, which a card can fund. */
export interface Wallet {
  provider: ProviderName;
  balance(): Promise<{ availableMinor: number; currency: string }>;
  /** Charge `card` into the wallet; `transactionId` makes a retried top-up return the first outcome. */
  topUp(input: {
    card: CardForTopup;
    amountMinor: number;
    currency: string;
    transactionId: string;
  }): Promise<TopupOutcome>;
}

/** How the shop keeps a prepaid wallet covering each purchase; wired in at the composition root. */
export interface WalletFunding {
  /** Make sure the wallet covers `neededMinor` for this order (plus the buffer); throws when it cannot. */
  ensure(need: { orderId: string; neededMinor: number; currency: string }): Promise<void>;
  /** The order's purchase was accepted (the provider holds the funds now): it no longer waits for money. */
  settled(orderId: string): Promise<void>;
}

/** A provider's purchase webhook once the adapter has authenticated and read it: a hint, never proof. */
export type PurchaseHint =
  | { kind: "refused"; status: 400 | 401; error: string }
  /** Not one of our purchases (another integration on the account, or a stranger guessing). */
  | { kind: "foreign" }
  | { kind: "ours"; orderId: string; attempt: number; reference: string; claimedStatus: string | null };

/** Taking a bundle back off an eSIM: `revoked` (the provider credits an unused one to our balance; `refundConfirmed`
 *  only when its answer says so), or
 *  `refused` with the reason when the bundle was started or is not there to take. */
type RevokeResult =
  { state: "revoked"; refundConfirmed: boolean; raw?: unknown } | { state: "refused"; reason: string };

export interface EsimProvider {
  readonly name: ProviderName;
  /** How long a purchase call may take before we stop waiting for its answer. */
  readonly purchaseTimeoutMs?: number;
  /** The catalogue to sell from; absent for a provider whose bundles are not synced. */
  readonly catalogue?: CatalogueSource;
  /** Or: the catalogue as wholesale offers (used when `catalogue` is absent). */
  readonly offerCatalogue?: OfferCatalogue;
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
  /**
   * Take an unused bundle back off an eSIM, refunded to our balance. Absent for a provider that cannot. Never
   * takes a started bundle: that would cut off a customer's data and refund nothing.
   */
  revokeUnusedBundle?(iccid: string, bundleName: string): Promise<RevokeResult>;
  /** Stop an eSIM's service on the network, and give it back. Absent where the provider has no such call. */
  suspendEsim?(iccid: string): Promise<void>;
  restoreEsim?(iccid: string): Promise<void>;
  /** Install details of a completed purchase (they may lag the purchase: empty means "not yet"). */
  installDetails(reference: string): Promise<InstallDetails[]>;
  /** The wholesale balance the provider holds for us, in its account currency. */
  balance(): Promise<{ amountMinor: number; currency: string }>;
  /** The provider's own record of what we bought in the window: the reconcile compares it with ours. */
  ownOrders(window: { from: Date; to: Date }): Promise<ProviderOrder[]>;
  /** Present for a provider that sells from a prepaid wallet a card can fund. */
  readonly wallet?: Wallet;
  /** Present for a provider that calls a webhook when a purchase moves on. */
  readPurchaseWebhook?(raw: string, headers: Headers): PurchaseHint;
  /** Whether a purchase webhook's headers authenticate it, before its body is read. */
  purchaseWebhookAuthentic?(headers: Headers): boolean;
}

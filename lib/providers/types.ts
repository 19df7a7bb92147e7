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

export type UnknownAttemptResult =
  | { kind: "found"; reference: string; result: PurchaseResult }
  | { kind: "none" }
  | { kind: "ambiguous"; candidates: string[] };

export interface EsimProvider {
  readonly name: ProviderName;
  /** Is the bundle still sold, and at what wholesale price? No charge. */
  validate(bundleName: string): Promise<ValidateResult>;
  /** Buy. Throws ProviderError for transport and HTTP failures (see lib/fulfilment/errors.ts). */
  startPurchase(input: PurchaseInput): Promise<PurchaseResult>;
  /** The current state of a purchase the provider accepted earlier. */
  checkPurchase(input: PurchaseInput & { reference: string }): Promise<PurchaseResult>;
  /** Find out what an attempt whose answer we never got did at the provider. */
  findUnknownAttempt(input: UnknownAttempt): Promise<UnknownAttemptResult>;
  /** Install details of a completed purchase (they may lag the purchase: empty means "not yet"). */
  installDetails(reference: string): Promise<InstallDetails[]>;
}

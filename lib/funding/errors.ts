// Funding failures as ProviderErrors, so fulfilment classifies them like the providers' own. Messages never
// carry card data.
import { ProviderError, type ProviderName } from "@/lib/providers/http";

export class WalletShortError extends ProviderError {
  readonly alertRaised = true;
}

export function walletShortError(
  provider: ProviderName,
  neededMinor: number,
  availableMinor: number,
  currency: string,
) {
  return new WalletShortError(
    provider,
    "http",
    `${provider} wallet: insufficient funds — ${neededMinor} ${currency} needed (with buffer), ${availableMinor} available`,
    402,
  );
}

/** Not final: a decline is often passing, and the next try uses a new card. */
export class TopupDeclinedError extends ProviderError {
  readonly alertRaised = true;
}

export function topupDeclinedError(provider: ProviderName, topupId: string, reason: string) {
  // Fulfilment tells a decline by its class, not its words.
  const safe = reason.replace(/balance|insufficient[\s_]+funds/gi, "declined");
  return new TopupDeclinedError(provider, "http", `${provider} wallet top-up ${topupId} was declined (${safe})`, 402);
}

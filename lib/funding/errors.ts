// Funding failures as ProviderErrors, so fulfilment classifies them exactly like the providers' own
// (lib/fulfilment/errors.ts): a short wallet and a declined top-up are both "insufficient_balance" (wait, alert,
// retry until the horizon, then refund). Messages never carry card data.
import { ProviderError, type ProviderName } from "@/lib/providers/http";

/**
 * A short wallet under manual funding. lib/funding has already recorded (and emailed) the one low-balance
 * alert for the whole wallet, so fulfilment parks the order without an alert of its own.
 */
export class WalletShortError extends ProviderError {
  readonly alertRaised = true;
}

/** The wallet cannot cover the order and will not be topped up automatically (manual funding). */
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

/**
 * The top-up card was refused. Not final: a decline is often passing (the Issuing balance not yet funded, the
 * provider's card processor down), and the next try uses a new card, so the orders wait until their horizon.
 * lib/funding has already alerted admins about the decline.
 */
export class TopupDeclinedError extends ProviderError {
  readonly alertRaised = true;
}

export function topupDeclinedError(provider: ProviderName, topupId: string, reason: string) {
  // Kept free of "balance"/"insufficient funds" wording: fulfilment tells a decline by its class, not its words.
  const safe = reason.replace(/balance|insufficient[\s_]+funds/gi, "declined");
  return new TopupDeclinedError(provider, "http", `${provider} wallet top-up ${topupId} was declined (${safe})`, 402);
}

import type { getDb } from "@/lib/db";
import type { Bundle } from "@/lib/db/schema";
import { validateForCheckout } from "@/lib/catalogue/availability";
import { fallbackBundleFor } from "@/lib/catalogue/fallback";
import { log } from "@/lib/observability/logger";
import { CurrencyRefused, priceInCurrency, type Charge } from "@/lib/currency/charge";
import { CheckoutError } from "./checkout-errors";

export async function chargeIn(
  db: Awaited<ReturnType<typeof getDb>>,
  bundle: Bundle,
  picked: string | undefined,
): Promise<Charge> {
  try {
    return await priceInCurrency(db, bundle, picked);
  } catch (err) {
    if (err instanceof CurrencyRefused) throw new CheckoutError(400, err.code, err.message);
    throw err;
  }
}

/** Only a provider's refusal falls back; a provider that cannot be asked answers 503. */
export async function validateOrFallBack(
  db: Awaited<ReturnType<typeof getDb>>,
  bundle: Bundle,
): Promise<{ sell: Bundle; wholesale: { wholesaleMinor: number; currency: string }; fellBack?: string }> {
  try {
    return { sell: bundle, wholesale: await validateBundle(db, bundle) };
  } catch (err) {
    if (!(err instanceof CheckoutError) || err.status !== 409) throw err;
    const fallback = await fallbackBundleFor(db, bundle.name, {
      amountMinor: bundle.priceMinor,
      currency: bundle.currency,
    });
    if (!fallback) throw err;
    log.warn(
      { bundle: bundle.name, provider: bundle.provider, code: err.code, fallback: fallback.name },
      "provider refused the bundle at checkout; selling its fallback",
    );
    // Checked against the price the customer pays, not the fallback's own.
    const wholesale = await validateBundle(db, {
      ...fallback,
      priceMinor: bundle.priceMinor,
      currency: bundle.currency,
    });
    return { sell: fallback, wholesale, fellBack: err.code };
  }
}

async function validateBundle(
  db: Awaited<ReturnType<typeof getDb>>,
  bundle: Bundle,
): Promise<{ wholesaleMinor: number; currency: string }> {
  let result;
  try {
    result = await validateForCheckout(db, bundle);
  } catch (err) {
    log.error({ err, bundle: bundle.name, provider: bundle.provider }, "validating the bundle at checkout failed");
    throw new CheckoutError(
      503,
      "temporarily_unavailable",
      "We can't confirm this bundle with our network partner right now. Please try again in a moment.",
    );
  }
  if (!result.ok)
    throw new CheckoutError(
      409,
      "bundle_unavailable",
      "This bundle is no longer available. Please choose another one.",
    );
  // The wholesale price may have risen past ours since the last sync: never sell at a loss.
  if (result.currency === bundle.currency && result.wholesaleMinor >= bundle.priceMinor) {
    throw new CheckoutError(
      409,
      "price_changed",
      "This bundle's price has changed. Please reload the page and try again.",
    );
  }
  return result;
}

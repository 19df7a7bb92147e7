"use client";

// The currency a checkout form charges in: the one the page shows. Without JavaScript the page shows the
// base currency and the form sends none, which checkout reads as the base: shown and charged always agree.
import { useShownCurrency } from "./use-currency";

export function CurrencyField({ selling }: { selling: string[] }) {
  const shown = useShownCurrency(selling);
  return shown ? <input type="hidden" name="currency" value={shown} /> : null;
}

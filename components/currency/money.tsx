"use client";

// A price in the visitor's currency: `prices` holds the stored price in each currency selling now (base
// first); anything else shows the base price.
import { useShownCurrency } from "./use-currency";

export function Money({ prices, base }: { prices: Record<string, string>; base: string }) {
  const shown = useShownCurrency(Object.keys(prices));
  return <>{(shown && prices[shown]) ?? base}</>;
}

/** A plain string of the shown price, for aria labels and button text. */
export function useShownPrice(prices: Record<string, string> | undefined, base: string): string {
  const shown = useShownCurrency(Object.keys(prices ?? {}));
  return (shown && prices?.[shown]) ?? base;
}

"use client";

// The currency this browser shows prices in: the visitor's pick (a cookie), else a default from the page's
// language when it is not English (/de and /es → EUR), then the browser's languages (the same list it sends as
// Accept-Language). Null while rendering on the server and hydrating:
// pages render in the base currency, so they stay cacheable, and switch right after.
import { useSyncExternalStore } from "react";
import { useLocale } from "next-intl";
import { CURRENCY_COOKIE, currencyForLanguages } from "@/lib/currency/regions";

const CHANGED = "tern:currency";

function picked(): string | null {
  const m = new RegExp(`(?:^|;\\s*)${CURRENCY_COOKIE}=([A-Z]{3})(?:;|$)`).exec(document.cookie);
  return m?.[1] ?? null;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  return () => window.removeEventListener(CHANGED, onChange);
}

/** The currency to show among `selling` (base first): the pick if it still sells, else the languages' default. */
export function useShownCurrency(selling: readonly string[]): string | null {
  const locale = useLocale();
  const choice = useSyncExternalStore(
    subscribe,
    () => picked() ?? `lang:${navigator.languages.join(",")}`,
    () => null,
  );
  if (choice === null || selling.length === 0) return null;
  if (!choice.startsWith("lang:")) return selling.includes(choice) ? choice : selling[0]!;
  const browser = choice.slice(5).split(",");
  return currencyForLanguages(locale === "en" ? browser : [locale, ...browser], selling, selling[0]!);
}

export function pickCurrency(currency: string): void {
  // A year, the whole site; not HttpOnly: it is a display preference the page itself reads.
  document.cookie = `${CURRENCY_COOKIE}=${currency}; path=/; max-age=31536000; samesite=lax`;
  window.dispatchEvent(new Event(CHANGED));
}

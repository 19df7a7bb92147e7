import { defineRouting } from "next-intl/routing";
import { defaultLocale, locales } from "./locales";

// English keeps the shop's unprefixed URLs (/destinations/france); German and Spanish live under /de and /es.
// A first visit to an unprefixed page is sent to the visitor's Accept-Language locale; a locale picked from a
// prefixed URL (the footer's language links go through /en/… for English) is remembered in NEXT_LOCALE.
export const routing = defineRouting({
  locales,
  defaultLocale,
  localePrefix: "as-needed",
  // hreflang alternates are in each public page's <head> (lib/i18n/alternates.ts); a Link header on every
  // route, private ones included, would only repeat them.
  alternateLinks: false,
});

import { defineRouting } from "next-intl/routing";
import { defaultLocale, locales } from "./locales";

export const routing = defineRouting({
  locales,
  defaultLocale,
  localePrefix: "as-needed",
  // Each public page's <head> has its hreflang alternates; a Link header on every route would only repeat them.
  alternateLinks: false,
});

import { defaultLocale, type Locale } from "./locales";

/**
 * The shop's URL of `path` in `locale`: English unprefixed, the others under /<locale> (next-intl's "as-needed"
 * prefix). `path` starts with "/" and may carry a query or fragment.
 */
export function localizedPath(locale: Locale, path: string): string {
  if (locale === defaultLocale) return path;
  // The home page is "/de", not "/de/" (with its query or fragment, if any).
  return /^\/(?=$|[?#])/.test(path) ? `/${locale}${path.slice(1)}` : `/${locale}${path}`;
}

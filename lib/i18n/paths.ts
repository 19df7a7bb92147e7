import { defaultLocale, type Locale } from "./locales";

export function localizedPath(locale: Locale, path: string): string {
  if (locale === defaultLocale) return path;
  // The home page is "/de", not "/de/".
  return /^\/(?=$|[?#])/.test(path) ? `/${locale}${path.slice(1)}` : `/${locale}${path}`;
}

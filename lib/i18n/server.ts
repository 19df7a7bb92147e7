import { setRequestLocale } from "next-intl/server";
import { localeOr, type Locale } from "./locales";

/**
 * The page's locale from its [locale] segment, registered for next-intl's server functions. Every layout and
 * page under app/[locale] calls this first: without it next-intl reads the locale from a request header,
 * which would make the cached catalogue pages dynamic.
 */
export async function pageLocale(params: Promise<{ locale: string }>): Promise<Locale> {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  return locale;
}

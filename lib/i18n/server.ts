import { setRequestLocale } from "next-intl/server";
import { localeOr, type Locale } from "./locales";

/** Every layout and page under app/[locale] calls this first, or next-intl reads a header and goes dynamic. */
export async function pageLocale(params: Promise<{ locale: string }>): Promise<Locale> {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  return locale;
}

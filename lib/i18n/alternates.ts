import type { Metadata } from "next";
import { localizedPath } from "./paths";
import { locales, type Locale } from "./locales";

const OG_LOCALE: Record<Locale, string> = { en: "en_US", de: "de_DE", es: "es_ES" };

export function languageAlternates(path: string): Record<Locale | "x-default", string> {
  const languages = Object.fromEntries(locales.map((l) => [l, localizedPath(l, path)])) as Record<Locale, string>;
  return { ...languages, "x-default": languages.en };
}

/** Open Graph is given whole: a page's openGraph replaces the layout's rather than merging with it. */
export function pageMetadata(
  path: string,
  locale: Locale,
  { title, description, ogTitle }: { title?: string; description?: string; ogTitle?: string } = {},
): Metadata {
  const canonical = localizedPath(locale, path);
  return {
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    alternates: { canonical, languages: languageAlternates(path) },
    openGraph: {
      siteName: "Tern",
      type: "website",
      locale: OG_LOCALE[locale],
      alternateLocale: locales.filter((l) => l !== locale).map((l) => OG_LOCALE[l]),
      url: canonical,
      ...(ogTitle || title ? { title: ogTitle ?? title } : {}),
      ...(description ? { description } : {}),
    },
  };
}

/** The languages the shop speaks. English is the default and keeps today's unprefixed URLs. */
export const locales = ["en", "de", "es"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The locale for a stored or requested value, falling back to the default for anything unknown. */
export function localeOr(value: unknown): Locale {
  return isLocale(value) ? value : defaultLocale;
}

const PREFIX = new RegExp(`^/(${locales.join("|")})(?=/|$)`);

/**
 * A URL path split into its locale prefix and the path the shop's rules are written for: `/de/account` is
 * `{ locale: "de", path: "/account" }`; an unprefixed path is English as it stands.
 */
export function splitLocalePath(pathname: string): { locale: Locale; prefix: string; path: string } {
  const m = PREFIX.exec(pathname);
  if (!m) return { locale: defaultLocale, prefix: "", path: pathname };
  return { locale: m[1] as Locale, prefix: m[0], path: pathname.slice(m[0].length) || "/" };
}

/** Areas outside the [locale] segment (English only) and files; every other path is a customer page. */
const NOT_LOCALIZED =
  /^\/(api|admin|partner|docs|_next)(\/|$)|\.(txt|xml|ico|png|jpe?g|svg|webp|webmanifest|js|css|map)$/;

export function isLocalizedPath(pathname: string): boolean {
  return !NOT_LOCALIZED.test(pathname);
}

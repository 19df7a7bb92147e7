export const locales = ["en", "de", "es"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function localeOr(value: unknown): Locale {
  return isLocale(value) ? value : defaultLocale;
}

const PREFIX = new RegExp(`^/(${locales.join("|")})(?=/|$)`);

export function splitLocalePath(pathname: string): { locale: Locale; prefix: string; path: string } {
  const m = PREFIX.exec(pathname);
  if (!m) return { locale: defaultLocale, prefix: "", path: pathname };
  return { locale: m[1] as Locale, prefix: m[0], path: pathname.slice(m[0].length) || "/" };
}

const NOT_LOCALIZED =
  /^\/(api|admin|partner|docs|_next)(\/|$)|\.(txt|xml|ico|png|jpe?g|svg|webp|webmanifest|js|css|map)$/;

export function isLocalizedPath(pathname: string): boolean {
  return !NOT_LOCALIZED.test(pathname);
}

/** `build` once per locale, on first use: for what depends on the locale alone and is only read. */
export function perLocale<T>(build: (locale: Locale) => T): (locale: Locale) => T {
  const built = new Map<Locale, T>();
  return (locale) => {
    let value = built.get(locale);
    if (value === undefined) {
      value = build(locale);
      built.set(locale, value);
    }
    return value;
  };
}

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

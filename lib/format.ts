// Display formatting for the storefront. Money arrives in integer minor units with its ISO 4217 currency;
// the number of minor digits comes from Intl (JPY has none, KWD three), never from a hard-coded 100.
//
// The page's locale (en, de, es), passed in, never the runtime's: the server and the browser must render the
// same string, and a locale taken from the runtime would differ between them and break hydration.
import type { Locale } from "@/lib/i18n/locales";

const INTL_TAG: Record<Locale, string> = { en: "en-US", de: "de-DE", es: "es-ES" };

// Building an Intl.NumberFormat costs far more than using one, and a destination page formats dozens of
// prices per request: keep one formatter per locale and currency (and style) for the life of the process.
const moneyFormatters = new Map<string, Intl.NumberFormat>();

function moneyFormatter(currency: string, locale: Locale = "en"): Intl.NumberFormat {
  const code = currency.toUpperCase();
  const key = `${locale}:${code}`;
  let f = moneyFormatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_TAG[locale], { style: "currency", currency: code });
    moneyFormatters.set(key, f);
  }
  return f;
}

/** Digits after the decimal point for a currency (USD 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  return moneyFormatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** As minorDigits, for amounts crossing our boundary: an unknown currency is a RangeError. */
export function currencyExponent(currency: string): number {
  try {
    return minorDigits(currency);
  } catch {
    throw new RangeError(`Unknown currency "${currency}"`);
  }
}

/** A provider's decimal amount (1.36) in integer minor units (136). */
export function toMinorUnits(amount: number, currency: string): number {
  if (!Number.isFinite(amount)) throw new RangeError(`Not a finite amount: ${amount}`);
  // Amounts arrive as JSON floats with at most the currency's decimals; rounding the scaled value absorbs the
  // binary representation error (1.15 * 100 = 114.99999999999999).
  return Math.round(amount * 10 ** currencyExponent(currency));
}

/** Minor units back to a decimal number in major units (for display maths and filters, never for storage). */
export function toMajorUnits(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** currencyExponent(currency);
}

/** Minor units → major units as an exact decimal string ("499", "USD" → "4.99"; "500", "JPY" → "500"). */
export function toDecimalString(minor: number, currency: string): string {
  if (!Number.isInteger(minor)) throw new Error(`money must be integer minor units, got ${minor}`);
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  // String arithmetic rather than division: 0.1 + 0.2 problems have no place near prices.
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** "$4.99", "¥500", "€12.00"; in German "12,00 €". */
export function formatMoney(minor: number, currency: string, locale: Locale = "en"): string {
  return moneyFormatter(currency, locale).format(Number(toDecimalString(minor, currency)));
}

const numberFormats = Object.fromEntries(
  Object.entries(INTL_TAG).map(([l, tag]) => [l, new Intl.NumberFormat(tag, { maximumFractionDigits: 1 })]),
) as Record<Locale, Intl.NumberFormat>;

// The few words these formatters need, per locale: they run in the browser too, without the message catalogues.
const WORDS: Record<
  Locale,
  { unlimited: string; day: string; days: string; country: string; countries: string; upTo: string }
> = {
  en: { unlimited: "Unlimited", day: "day", days: "days", country: "country", countries: "countries", upTo: "Up to" },
  de: { unlimited: "Unbegrenzt", day: "Tag", days: "Tage", country: "Land", countries: "Länder", upTo: "Bis zu" },
  es: { unlimited: "Ilimitado", day: "día", days: "días", country: "país", countries: "países", upTo: "Hasta" },
};

/**
 * Data allowance as people read it on a plan: "500 MB", "1 GB", "1.5 GB", "Unlimited". The catalogue counts
 * in decimal megabytes (1000 MB = 1 GB), as the provider does.
 */
export function formatData(mb: number | null, unlimited: boolean, locale: Locale = "en"): string {
  if (unlimited) return WORDS[locale].unlimited;
  if (mb === null || !Number.isFinite(mb) || mb <= 0) return "—";
  if (mb < 1000) return `${numberFormats[locale].format(mb)} MB`;
  return `${numberFormats[locale].format(mb / 1000)} GB`;
}

/** "1 day", "7 days", "30 days" ("7 Tage", "7 días"). */
export function formatDuration(days: number, locale: Locale = "en"): string {
  const w = WORDS[locale];
  return days === 1 ? `1 ${w.day}` : `${numberFormats[locale].format(days)} ${w.days}`;
}

/** "$2.50/GB"; null (unlimited or unknown data) → null so callers can leave the line out. */
export function formatPerGb(minor: number | null, currency: string, locale: Locale = "en"): string | null {
  return minor === null ? null : `${formatMoney(minor, currency, locale)}/GB`;
}

/** "1 country", "14 countries" ("14 Länder", "14 países"). */
export function pluralCountries(n: number, locale: Locale = "en"): string {
  const w = WORDS[locale];
  return n === 1 ? `1 ${w.country}` : `${numberFormats[locale].format(n)} ${w.countries}`;
}

/** A calendar date in the page's language: "7 December 2026", "7. Dezember 2026", "7 de diciembre de 2026". */
export function formatDate(date: Date | string | number, locale: Locale = "en"): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : INTL_TAG[locale], {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(date));
}

// Network generations from slowest to fastest, as providers list them.
const SPEED_ORDER = ["2G", "3G", "4G", "LTE", "5G"];

/** "Up to 5G" from ["2G", "3G", "4G", "5G"]; "" when the provider lists nothing we recognise. */
export function formatSpeeds(speeds: readonly string[], locale: Locale = "en"): string {
  const best = speeds
    .map((s) => s.trim().toUpperCase())
    .filter((s) => SPEED_ORDER.includes(s))
    .sort((a, b) => SPEED_ORDER.indexOf(b) - SPEED_ORDER.indexOf(a))[0];
  if (!best) return "";
  const upTo = WORDS[locale].upTo;
  return best === "LTE" ? `${upTo} 4G LTE` : `${upTo} ${best}`;
}

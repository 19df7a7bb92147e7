// The locale is the page's, never the runtime's, so server and browser render the same string.
import type { Locale } from "@/lib/i18n/locales";

const INTL_TAG: Record<Locale, string> = { en: "en-US", de: "de-DE", es: "es-ES" };

// Intl.NumberFormat is costly to build and a page formats dozens of prices.
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

export function minorDigits(currency: string): number {
  return moneyFormatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

export function currencyExponent(currency: string): number {
  try {
    return minorDigits(currency);
  } catch {
    throw new RangeError(`Unknown currency "${currency}"`);
  }
}

export function toMinorUnits(amount: number, currency: string): number {
  if (!Number.isFinite(amount)) throw new RangeError(`Not a finite amount: ${amount}`);
  // Rounding absorbs the float error (1.15 * 100 = 114.99999999999999).
  return Math.round(amount * 10 ** currencyExponent(currency));
}

export function toMajorUnits(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** currencyExponent(currency);
}

export function toDecimalString(minor: number, currency: string): string {
  if (!Number.isInteger(minor)) throw new Error(`money must be integer minor units, got ${minor}`);
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

export function formatMoney(minor: number, currency: string, locale: Locale = "en"): string {
  return moneyFormatter(currency, locale).format(Number(toDecimalString(minor, currency)));
}

const numberFormats = Object.fromEntries(
  Object.entries(INTL_TAG).map(([l, tag]) => [l, new Intl.NumberFormat(tag, { maximumFractionDigits: 1 })]),
) as Record<Locale, Intl.NumberFormat>;

const WORDS: Record<
  Locale,
  { unlimited: string; day: string; days: string; country: string; countries: string; upTo: string }
> = {
  en: { unlimited: "Unlimited", day: "day", days: "days", country: "country", countries: "countries", upTo: "Up to" },
  de: { unlimited: "Unbegrenzt", day: "Tag", days: "Tage", country: "Land", countries: "Länder", upTo: "Bis zu" },
  es: { unlimited: "Ilimitado", day: "día", days: "días", country: "país", countries: "países", upTo: "Hasta" },
};

/** Decimal megabytes (1000 MB = 1 GB), as providers count. */
export function formatData(mb: number | null, unlimited: boolean, locale: Locale = "en"): string {
  if (unlimited) return WORDS[locale].unlimited;
  if (mb === null || !Number.isFinite(mb) || mb <= 0) return "—";
  if (mb < 1000) return `${numberFormats[locale].format(mb)} MB`;
  return `${numberFormats[locale].format(mb / 1000)} GB`;
}

export function formatDuration(days: number, locale: Locale = "en"): string {
  const w = WORDS[locale];
  return days === 1 ? `1 ${w.day}` : `${numberFormats[locale].format(days)} ${w.days}`;
}

export function formatPerGb(minor: number | null, currency: string, locale: Locale = "en"): string | null {
  return minor === null ? null : `${formatMoney(minor, currency, locale)}/GB`;
}

export function pluralCountries(n: number, locale: Locale = "en"): string {
  const w = WORDS[locale];
  return n === 1 ? `1 ${w.country}` : `${numberFormats[locale].format(n)} ${w.countries}`;
}

export function formatDate(date: Date | string | number, locale: Locale = "en"): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : INTL_TAG[locale], {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(date));
}

const SPEED_ORDER = ["2G", "3G", "4G", "LTE", "5G"];

export function formatSpeeds(speeds: readonly string[], locale: Locale = "en"): string {
  const best = speeds
    .map((s) => s.trim().toUpperCase())
    .filter((s) => SPEED_ORDER.includes(s))
    .sort((a, b) => SPEED_ORDER.indexOf(b) - SPEED_ORDER.indexOf(a))[0];
  if (!best) return "";
  const upTo = WORDS[locale].upTo;
  return best === "LTE" ? `${upTo} 4G LTE` : `${upTo} ${best}`;
}

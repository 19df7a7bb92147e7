// Display formatting for the storefront. Money arrives in integer minor units with its ISO 4217 currency;
// the number of minor digits comes from Intl (JPY has none, KWD three), never from a hard-coded 100.
//
// One fixed locale ("en-US") so the server and the browser render the same string — a locale taken from the
// runtime would differ between them and break hydration.

const LOCALE = "en-US";

// Building an Intl.NumberFormat costs far more than using one, and a destination page formats dozens of
// prices per request: keep one formatter per currency (and style) for the life of the process.
const moneyFormatters = new Map<string, Intl.NumberFormat>();

function moneyFormatter(currency: string): Intl.NumberFormat {
  const code = currency.toUpperCase();
  let f = moneyFormatters.get(code);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { style: "currency", currency: code });
    moneyFormatters.set(code, f);
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

/** "$4.99", "¥500", "€12.00". */
export function formatMoney(minor: number, currency: string): string {
  return moneyFormatter(currency).format(Number(toDecimalString(minor, currency)));
}

const numberFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

/**
 * Data allowance as people read it on a plan: "500 MB", "1 GB", "1.5 GB", "Unlimited". The catalogue counts
 * in decimal megabytes (1000 MB = 1 GB), as the provider does.
 */
export function formatData(mb: number | null, unlimited: boolean): string {
  if (unlimited) return "Unlimited";
  if (mb === null || !Number.isFinite(mb) || mb <= 0) return "—";
  if (mb < 1000) return `${numberFormat.format(mb)} MB`;
  return `${numberFormat.format(mb / 1000)} GB`;
}

/** "1 day", "7 days", "30 days". */
export function formatDuration(days: number): string {
  return days === 1 ? "1 day" : `${numberFormat.format(days)} days`;
}

/** "$2.50/GB"; null (unlimited or unknown data) → null so callers can leave the line out. */
export function formatPerGb(minor: number | null, currency: string): string | null {
  return minor === null ? null : `${formatMoney(minor, currency)}/GB`;
}

/** "1 country", "14 countries". */
export function pluralCountries(n: number): string {
  return n === 1 ? "1 country" : `${numberFormat.format(n)} countries`;
}

// Network generations from slowest to fastest, as providers list them.
const SPEED_ORDER = ["2G", "3G", "4G", "LTE", "5G"];

/** "Up to 5G" from ["2G", "3G", "4G", "5G"]; "" when the provider lists nothing we recognise. */
export function formatSpeeds(speeds: readonly string[]): string {
  const best = speeds
    .map((s) => s.trim().toUpperCase())
    .filter((s) => SPEED_ORDER.includes(s))
    .sort((a, b) => SPEED_ORDER.indexOf(b) - SPEED_ORDER.indexOf(a))[0];
  if (!best) return "";
  return best === "LTE" ? "Up to 4G LTE" : `Up to ${best}`;
}

// Converted on the digits as text: "0.29" as a float times 100 is 28.999….
import { minorDigits, toDecimalString } from "@/lib/format";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const CURRENCY_SIGNS = /[$€£¥₩₹]/g;

export function parseMoneyInput(
  text: string,
  currency: string,
  options: { label?: string; max?: number } = {},
): Parsed<number> {
  const label = options.label ?? "Amount";
  const code = currency.toUpperCase();
  const digits = minorDigits(code);
  const example = digits === 0 ? "1500" : `12.${"5".padEnd(digits, "0")}`;
  const refuse = (why: string): Parsed<number> => ({
    ok: false,
    error: `${label}: ${why} Enter an amount in ${code}, such as ${example}.`,
  });
  let t = text.trim();
  if (t.toUpperCase().startsWith(code)) t = t.slice(3);
  if (t.toUpperCase().endsWith(code)) t = t.slice(0, -3);
  t = t.replace(CURRENCY_SIGNS, "").trim();
  if (t === "") return refuse("it is empty.");
  if (t.startsWith("-")) return refuse("it cannot be negative.");
  // Thousands separators only in their places ("1,234.50"), never a decimal comma ("1,5").
  if (t.includes(",")) {
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return refuse(`"${text.trim()}" is not an amount.`);
    t = t.replace(/,/g, "");
  }
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(t);
  if (!m) return refuse(`"${text.trim()}" is not an amount.`);
  const fraction = m[2] ?? "";
  if (fraction.length > digits)
    return refuse(digits === 0 ? `${code} has no smaller unit.` : `${code} has ${digits} decimal places.`);
  const minor = Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(minor)) return refuse("it is too large.");
  if (options.max !== undefined && minor > options.max)
    return refuse(`it is more than the limit of ${toDecimalString(options.max, code)}.`);
  return { ok: true, value: minor };
}

export function parsePercentInput(
  text: string,
  options: { label?: string; maxPercent?: number; whole?: boolean } = {},
): Parsed<number> {
  const label = options.label ?? "Rate";
  const max = options.maxPercent ?? 100;
  const refuse = (why: string): Parsed<number> => ({
    ok: false,
    error: `${label}: ${why} Enter a percentage such as ${options.whole ? "45" : "12.5"} %.`,
  });
  const t = text.trim().replace(/\s*%$/, "").trim();
  if (t === "") return refuse("it is empty.");
  if (t.startsWith("-")) return refuse("it cannot be negative.");
  const m = /^(\d{1,6})(?:\.(\d+))?$/.exec(t);
  if (!m) return refuse(`"${text.trim()}" is not a percentage.`);
  const fraction = m[2] ?? "";
  if (options.whole && fraction.replace(/0+$/, "") !== "") return refuse("use a whole percentage.");
  if (fraction.length > 2 && fraction.slice(2).replace(/0+$/, "") !== "")
    return refuse("at most two decimal places (one basis point).");
  const bps = Number(m[1]) * 100 + Number(fraction.slice(0, 2).padEnd(2, "0"));
  if (bps > max * 100) return refuse(`it cannot be more than ${max} %.`);
  return { ok: true, value: bps };
}

export function bpsToPercentText(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const rest = String(Math.abs(bps % 100))
    .padStart(2, "0")
    .replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : String(whole);
}

export function minorToInputText(minor: number, currency: string): string {
  return toDecimalString(minor, currency);
}

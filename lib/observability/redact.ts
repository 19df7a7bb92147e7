// Never in a log, timeline, job error or admin email: emails, tokens, install details, card data, session ids
// and the values a database error carries.

const RULES: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  // Before emails: an LPA's SM-DP+ address could look like a host.
  [/LPA:1\$[^\s"'<>,;)]+/gi, "LPA:[redacted]"],
  [/\bv1\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{8,}/g, "[sealed-token]"],
  [/([?&;](?:t|token|access_token|code|session_id)=)[^&\s"'<>#]+/gi, "$1[redacted]"],
  [/\b(tern_session|__session|__client|session)=[^;\s"']+/gi, "$1=[redacted]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, "$1 [redacted]"],
  [/\bwhsec_[A-Za-z0-9_]+/g, "whsec_[redacted]"],
  [/\b(sk|rk)_(test|live)_[A-Za-z0-9_]+/g, "$1_$2_[redacted]"],
  [/\bcs_(test|live)_[A-Za-z0-9]+/g, "cs_$1_[redacted]"],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[email]"],
  // A matching id is an activation code by itself.
  [/\b[A-Z0-9]{2}-[A-Z0-9]{6}-[A-Z0-9]{7}\b/g, "[matching-id]"],
  [
    /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    (m) => (/[0-9]/.test(m) && /[A-Za-z]/.test(m) ? "[token]" : m),
  ],
  // ICCIDs start 89 and stay.
  [/(?<!\d)[2-6](?:[ -]?\d){12,18}(?!\d)/g, (m) => (luhnValid(m.replace(/\D/g, "")) ? "[card]" : m)],
  [/\b(cvc|cvv|cvc2|cvv2)(["'\s:=]+)\d{3,4}\b/gi, "$1$2[redacted]"],
];

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement as string);
  return out;
}

const SECRET_KEYS =
  /^(email|to|from|cc|bcc|replyTo|reply_to|customer_email|lpa|matchingId|matching_id|activationCode|activation_code|smdpAddress|pin|puk|token|accessToken|access_token|accessTokenSealed|access_token_sealed|cookie|set-cookie|authorization|password|secret|cvc|cvv|number|card|params|parameters|qr|qrPng|png|stripeCheckoutSessionId|sessionId|session_id)$/i;

const TEXT_ONLY_SECRET_KEYS = /^(detail|query)$/i;

export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redact(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error) return safeError(value);
  if (value instanceof Date) return value;
  if (seen.has(value) || depth > 8) return "[…]";
  seen.add(value);
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redactValue(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const secret = SECRET_KEYS.test(key) || (TEXT_ONLY_SECRET_KEYS.test(key) && typeof v === "string");
    out[key] = secret && v !== null && v !== undefined ? "[redacted]" : redactValue(v, depth + 1, seen);
  }
  return out;
}

interface DatabaseErrorShape {
  code?: string;
  constraint?: string;
  constraint_name?: string;
  table?: string;
  table_name?: string;
  column?: string;
  column_name?: string;
  message?: string;
}

function databaseMessage(e: DatabaseErrorShape): string {
  const names = new Set([e.constraint, e.constraint_name, e.table, e.table_name, e.column, e.column_name]);
  const message = (e.message ?? "")
    .split("\n")[0]!
    .replace(/"([^"]*)"/g, (m, inner: string) => (names.has(inner) ? m : '"[value]"'));
  return redact(message);
}

function isDatabaseError(err: unknown): err is DatabaseErrorShape & Error {
  const e = err as { code?: unknown; severity?: unknown; name?: unknown } | null;
  return (
    !!e &&
    typeof e === "object" &&
    typeof e.code === "string" &&
    /^[0-9A-Z]{5}$/.test(e.code) &&
    (e.severity !== undefined || e.name === "PostgresError" || e.name === "DatabaseError" || e.name === "error")
  );
}

export function safeError(err: unknown): string {
  let e = err as (Error & { query?: unknown; params?: unknown; cause?: unknown }) | undefined;
  if (e && typeof e === "object" && "query" in e && "params" in e) {
    if (e.cause) e = e.cause as typeof e;
    else return "database error (query failed)";
  }
  if (isDatabaseError(e)) {
    const constraint = e.constraint ?? e.constraint_name;
    return `database error ${e.code}${constraint ? ` (${constraint})` : ""}: ${databaseMessage(e)}`.slice(0, 500);
  }
  if (e instanceof Error) {
    const name = e.name && e.name !== "Error" ? `${e.name}: ` : "";
    return redact(`${name}${e.message}`).slice(0, 500);
  }
  if (typeof err === "string") return redact(err).slice(0, 500);
  try {
    return redact(JSON.stringify(redactValue(err))).slice(0, 500);
  } catch {
    return "unknown error";
  }
}

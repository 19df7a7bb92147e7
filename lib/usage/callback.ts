import { createHmac, timingSafeEqual } from "node:crypto";

/** eSIM Go's docs show base64 and hex, so both pass. */
export function verifyCallbackSignature(
  rawBody: string | Buffer,
  header: string | null | undefined,
  apiKey: string,
): boolean {
  if (!header || !apiKey) return false;
  const given = header.trim().replace(/^sha256=/i, "");
  if (!given) return false;
  const digest = createHmac("sha256", apiKey).update(rawBody).digest();
  const candidates: Buffer[] = [];
  if (/^[0-9a-f]{64}$/i.test(given)) candidates.push(Buffer.from(given.toLowerCase(), "hex"));
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(given))
    candidates.push(Buffer.from(given.replace(/-/g, "+").replace(/_/g, "/"), "base64"));
  let ok = false;
  for (const c of candidates) if (c.length === digest.length && timingSafeEqual(c, digest)) ok = true;
  return ok;
}

export interface CallbackBundle {
  id?: string;
  reference?: string;
  name: string;
  description?: string;
  initialQuantity?: number;
  remainingQuantity?: number;
  startTime?: string;
  endTime?: string;
  unlimited?: boolean;
}

export type UsageCallback =
  | { kind: "alert"; iccid: string; alertType: string; bundle: CallbackBundle | null }
  | { kind: "event"; iccid: string; event: string; date?: string }
  | { kind: "unknown"; iccid: string | null };

export class CallbackParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CallbackParseError";
  }
}

/** Some senders write the ICCID as a JSON number, which JSON.parse would round: it is quoted first. */
export function parseUsageCallback(rawBody: string): UsageCallback {
  const quoted = rawBody.replace(/("iccid"\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g, '$1"$2"');
  let body: unknown;
  try {
    body = JSON.parse(quoted);
  } catch {
    throw new CallbackParseError("body is not valid JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new CallbackParseError("body is not a JSON object");
  const b = body as Record<string, unknown>;
  const iccid = typeof b.iccid === "string" && /^\d{10,22}$/.test(b.iccid.trim()) ? b.iccid.trim() : null;

  if (typeof b.alertType === "string") {
    if (!iccid) throw new CallbackParseError("alert without a valid iccid");
    return { kind: "alert", iccid, alertType: b.alertType, bundle: parseBundle(b.bundle) };
  }
  if (typeof b.event === "string") {
    if (!iccid) throw new CallbackParseError("event without a valid iccid");
    return { kind: "event", iccid, event: b.event, date: typeof b.date === "string" ? b.date : undefined };
  }
  return { kind: "unknown", iccid };
}

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
const num = (v: unknown) =>
  typeof v === "number" && Number.isFinite(v)
    ? v
    : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

function parseBundle(v: unknown): CallbackBundle | null {
  if (!v || typeof v !== "object") return null;
  const b = v as Record<string, unknown>;
  const name = str(b.name);
  if (!name) return null;
  return {
    id: str(b.id),
    reference: str(b.reference),
    name,
    description: str(b.description),
    initialQuantity: num(b.initialQuantity),
    remainingQuantity: num(b.remainingQuantity),
    startTime: str(b.startTime),
    endTime: str(b.endTime),
    unlimited: typeof b.unlimited === "boolean" ? b.unlimited : undefined,
  };
}

/** V3 callbacks carry no id or timestamp, so the same figures are the same notification delivered again. */
export function callbackDedupeKey(cb: UsageCallback): string {
  if (cb.kind === "alert") {
    const ref = cb.bundle?.reference ?? cb.bundle?.name ?? "";
    return ["alert", cb.iccid, ref, cb.alertType.toLowerCase(), cb.bundle?.remainingQuantity ?? ""].join("|");
  }
  if (cb.kind === "event") return ["event", cb.iccid, cb.event, cb.date ?? ""].join("|");
  return ["unknown", cb.iccid ?? ""].join("|");
}

// The session cookie: a small payload and its HMAC-SHA256 signature, `<payload>.<signature>` in base64url.
// The signature only proves we issued it; the session row (revocable by sign-out) is checked separately, so a
// stolen-then-revoked cookie stops working even though its signature is still valid.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "tern_session";
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

export interface SessionPayload {
  /** Session id: the `sessions` row sign-out revokes. */
  sid: string;
  /** Customer id (`customers.id`). */
  cid: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expires at, seconds since the epoch. */
  exp: number;
}

const b64url = (buf: Buffer) => buf.toString("base64url");

function sign(payload: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`tern-session.v1.${payload}`).digest();
}

/** Builds the cookie value for a session. */
export function encodeSession(payload: SessionPayload, secret: string): string {
  const body = b64url(Buffer.from(JSON.stringify(payload), "utf8"));
  return `${body}.${b64url(sign(body, secret))}`;
}

/**
 * The payload of a cookie we signed with `secret` that has not expired at `now`; null for anything else
 * (tampered, signed with another secret, expired, malformed). Never throws: cookies are attacker input.
 */
export function decodeSession(
  value: string | undefined | null,
  secret: string,
  now: Date = new Date(),
): SessionPayload | null {
  if (!value) return null;
  const dot = value.indexOf(".");
  if (dot <= 0 || dot !== value.lastIndexOf(".")) return null;
  const body = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), "base64url");
  const expected = sign(body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!isPayload(payload)) return null;
  if (payload.exp * 1000 <= now.getTime()) return null;
  return payload;
}

function isPayload(v: unknown): v is SessionPayload {
  if (!v || typeof v !== "object") return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.sid === "string" &&
    p.sid !== "" &&
    typeof p.cid === "string" &&
    p.cid !== "" &&
    Number.isInteger(p.iat) &&
    Number.isInteger(p.exp)
  );
}

/**
 * Cookie attributes: httpOnly so scripts never see it, Lax so the link in the email still signs in, Secure
 * whenever the shop is served over HTTPS (a production build on plain http — e2e runs, a LAN demo — would
 * otherwise set a cookie the browser never sends back).
 */
export function sessionCookieOptions(appUrl: string, maxAgeSeconds = SESSION_TTL_SECONDS) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: appUrl.startsWith("https://"),
    path: "/",
    maxAge: maxAgeSeconds,
  };
}

// The signature only proves we issued it; the session row is checked too, so a revoked cookie stops working.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "tern_session";
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

export interface SessionPayload {
  sid: string;
  cid: string;
  iat: number;
  exp: number;
}

const b64url = (buf: Buffer) => buf.toString("base64url");

function sign(payload: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`tern-session.v1.${payload}`).digest();
}

export function encodeSession(payload: SessionPayload, secret: string): string {
  const body = b64url(Buffer.from(JSON.stringify(payload), "utf8"));
  return `${body}.${b64url(sign(body, secret))}`;
}

/** Never throws: cookies are attacker input. */
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

// Lax so the emailed link still signs in; Secure only over HTTPS, or a plain-http build's cookie never comes back.
export function sessionCookieOptions(appUrl: string, maxAgeSeconds = SESSION_TTL_SECONDS) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: appUrl.startsWith("https://"),
    path: "/",
    maxAge: maxAgeSeconds,
  };
}

// Sign-in link tokens and redirect targets: pure helpers, no database.
import { createHash, randomBytes } from "node:crypto";

export const LOGIN_TOKEN_TTL_MS = 15 * 60 * 1000;

/** A fresh single-use token (32 random bytes) for the emailed link. Only its hash is stored. */
export function newLoginToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps: a leaked table cannot be turned back into working links. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Lower-cased and trimmed: customers are found by email whatever case they type it in. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A same-origin path to send the customer to after sign-in, or the fallback. Rejects absolute URLs,
 * protocol-relative `//evil.example`, backslash tricks browsers normalise to `//`, and control characters:
 * an open redirect on a sign-in link is a phishing tool.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/account"): string {
  if (!next || next.length > 512) return fallback;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  try {
    const url = new URL(next, "http://tern.invalid");
    if (url.origin !== "http://tern.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

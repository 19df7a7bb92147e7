// Random tokens and their hashes: order ids, private order links, sign-in links, sessions, checkout cookies.
// Only hashes of bearer tokens are stored, so a leaked table cannot be turned back into working links.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Crockford's base32 (no I, L, O, U): unambiguous when read aloud to support.
const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";

/** `bytes` random bytes as base64url (32 bytes = 256 bits by default). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** `length` random Crockford base32 characters (5 bits each). */
export function randomBase32(length: number): string {
  let out = "";
  for (const b of randomBytes(length)) out += BASE32[b & 31];
  return out;
}

/** What the database keeps of a bearer token. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Constant-time check of a presented token against its stored SHA-256 hex. */
export function tokenMatchesHash(token: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false;
  const presented = Buffer.from(sha256Hex(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Constant-time string equality for secrets of any length. */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

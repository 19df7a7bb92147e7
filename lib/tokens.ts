// Only hashes of bearer tokens are stored, so a leaked table cannot be turned back into working links.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function randomBase32(length: number): string {
  let out = "";
  for (const b of randomBytes(length)) out += BASE32[b & 31];
  return out;
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

export function tokenMatchesHash(token: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false;
  const presented = Buffer.from(sha256Hex(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

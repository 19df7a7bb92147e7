// Order ids and the private order-page token.
//
// The token is 32 random bytes (base64url) made at checkout. Lookups only ever compare SHA-256 hashes, so
// the database never holds a usable link. The fulfilment job still needs the raw token once — to put the
// link in the delivery email, possibly minutes later and in another process — so it is also kept *sealed*
// (AES-256-GCM under a key derived from SESSION_SECRET) until that email is sent, then erased. We chose
// sealing over deriving the token as HMAC(secret, orderId): with a derived token, anyone who knows the
// secret — the well-known development default included — could open every order; a sealed random token
// also needs the database row.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { randomBase32, randomToken, sha256Hex, tokenMatchesHash } from "@/lib/tokens";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";

export { safeEqual } from "@/lib/tokens";

/** `ord_` + 20 random base32 characters (100 bits). */
export function newOrderId(): string {
  return `ord_${randomBase32(20)}`;
}

/** Shape check before any query: ids are ASCII, so NULs and oversized junk never reach the database. */
export function isOrderId(value: unknown): value is string {
  return typeof value === "string" && /^ord_[0-9a-z]{1,40}$/.test(value);
}

export function newCustomerId(): string {
  return `cus_${randomBase32(20)}`;
}

export const newAccessToken = (): string => randomToken(32);
export const hashAccessToken = sha256Hex;
export const accessTokenMatches = tokenMatchesHash;

function sealKey(secret: string): Buffer {
  return createHash("sha256").update(`tern/order-token-seal/v1:${secret}`).digest();
}

/** `v1.<iv>.<ciphertext>.<tag>` (base64url parts); the order id is bound in as associated data. */
export function sealAccessToken(token: string, orderId: string, secret = env().sessionSecret): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(secret), iv);
  cipher.setAAD(Buffer.from(orderId));
  const ciphertext = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return [
    "v1",
    iv.toString("base64url"),
    ciphertext.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

/** The raw token, or null when the seal cannot be opened (secret rotated, tampered, other order). */
export function unsealAccessToken(sealed: string, orderId: string, secret = env().sessionSecret): string | null {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !ciphertext || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealKey(secret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(orderId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** The private order-page link that goes into emails. */
export function orderAccessUrl(orderId: string, token: string, locale: Locale = defaultLocale): string {
  return `${env().appUrl}${localizedPath(locale, `/orders/${encodeURIComponent(orderId)}?t=${encodeURIComponent(token)}`)}`;
}
